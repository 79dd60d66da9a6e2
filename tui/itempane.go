package tui

import (
	"strings"

	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/termtext"
)

// itemPane is the walk's right column while browsing: where the current
// item is in the standard, its full text, its answer and its note, or
// the note editor while the note is written.
type itemPane struct {
	c    *common
	note textarea.Model
	// self is the school's self-assessment for the visit's year, shown
	// as 自评 beside each item; nil if it has none.
	self *checklist.SelfAssessment
}

func newItemPane(c *common) itemPane {
	ta := textarea.New()
	ta.Prompt = ""
	ta.ShowLineNumbers = false
	ta.CharLimit = 2000
	ta.Placeholder = c.pick("写下看到的情况或缺少什么", "What you saw, or what is missing")
	ta.SetStyles(c.styles.Area)
	ta.SetVirtualCursor(false) // the terminal's own cursor, for input methods
	return itemPane{c: c, note: ta}
}

// openNote opens the editor on the current item's note, sized to the
// pane's rw×h cells.
func (p *itemPane) openNote(d *walkDoc, rw, h int) tea.Cmd {
	p.note.SetValue(d.answers[d.item().ID].Note)
	p.size(d, rw, h)
	return p.note.Focus()
}

// text is the note being written, trimmed.
func (p *itemPane) text() string { return strings.TrimSpace(p.note.Value()) }

// closeNote closes the editor.
func (p *itemPane) closeNote() { p.note.Blur() }

// update passes a key or a paste to the editor.
func (p *itemPane) update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	p.note, cmd = p.note.Update(msg)
	return cmd
}

// size fits the editor below the item in a pane of rw×h cells.
func (p *itemPane) size(d *walkDoc, rw, h int) {
	p.note.SetWidth(rw)
	p.note.SetHeight(max(h-p.editorTop(d, rw), 3))
}

// editorTop is the row of the pane where the note editor begins.
func (p *itemPane) editorTop(d *walkDoc, rw int) int { return len(p.head(d, rw)) + 1 }

// cursor is the terminal's cursor in the editor, from the pane's top
// left, and whether it is inside the pane's h rows.
func (p *itemPane) cursor(d *walkDoc, rw, h int) *tea.Cursor {
	c := p.note.Cursor()
	if c == nil {
		return nil
	}
	top := p.editorTop(d, rw)
	if top+c.Y >= h {
		return nil
	}
	c.Y += top
	return c
}

// view draws the pane in rw cells; editing shows the note editor.
func (p *itemPane) view(d *walkDoc, editing bool, rw int) []string {
	st := p.c.styles
	l := p.c.lang
	it := d.item()
	out := p.head(d, rw)
	if !it.Scored {
		return out
	}
	a := d.answers[it.ID]
	if editing {
		out = append(out, st.Bold.Render(termtext.Clip(l.Pick("备注（esc 保存并返回）：", "Note (esc saves and leaves):"), rw)))
		return append(out, strings.Split(p.note.View(), "\n")...)
	}
	switch {
	case a.Note == "" && d.readOnly():
		out = append(out, st.Dim.Render(termtext.Clip(l.Pick("备注：无", "Note: none"), rw)))
	case a.Note == "":
		out = append(out, st.Dim.Render(termtext.Clip(l.Pick("备注：无（按 e 添加）", "Note: none (e to add)"), rw)))
	default:
		out = append(out, termtext.IndentWrap(l.Pick("备注：", "Note: "), p.c.show(termtext.Block(a.Note)), rw)...)
	}
	return out
}

// head is the pane above the note: where the item is in the standard
// (its 要 with the 要's own text, its group with the group's note), its
// text, and its answer.
func (p *itemPane) head(d *walkDoc, rw int) []string {
	st := p.c.styles
	l := p.c.lang
	it := d.item()
	r := &d.std.Requirements[d.reqOf[d.cur]]
	var out lines
	for _, row := range termtext.Wrap(p.c.show(l.Requirement(r)), rw) {
		out.add(st.Bold.Render(row))
	}
	// The 要's own words: 四要's and 五要's requirements are there.
	if t := l.RequirementText(r); t != "" {
		out.add(termtext.Wrap(p.c.show(t), rw)...)
	}
	if g := groupOf(r, it); g != nil && l.GroupTitle(g) != "" {
		t := l.GroupTitle(g)
		if n := l.GroupNote(g); n != "" {
			t += l.Pick("：", ": ") + n
		}
		for _, row := range termtext.Wrap(p.c.show(t), rw) {
			out.add(st.Dim.Render(row))
		}
	}
	out.add("")
	id := st.Title.Render(it.ID)
	if !it.Scored {
		id += "  " + st.Warn.Render(l.Pick("不计分", "not scored"))
	}
	out.add(id)
	out.add(termtext.Wrap(p.c.show(it.Text), rw)...)
	if l == i18n.English && it.EN != "" {
		for _, row := range termtext.Wrap(p.c.show(it.EN), rw) {
			out.add(st.Dim.Render(row))
		}
	}
	if n := l.Note(it); n != "" {
		for _, row := range termtext.Wrap(p.c.show(n), rw) {
			out.add(st.Dim.Render(row))
		}
	}
	if !it.Scored {
		return out
	}
	out.add("")
	a := d.answers[it.ID]
	ans := l.Pick("答案：", "Answer: ") + st.verdict(a.Verdict).Render(p.c.entryWords(it, a.Verdict, a.Value))
	switch {
	case d.unsaved[it.ID]:
		ans += "  " + st.Error.Render(l.Pick("! 未保存", "! not saved"))
	case d.pending[it.ID]:
		ans += "  " + st.Warn.Render(l.Pick("* 保存中", "* saving"))
	}
	out.add(ans)
	out.add(p.valueLines(it, a, rw)...)
	out.add(p.selfLine(d, it, p.self, rw)...)
	out.add(p.c.pastLines(d, it, rw)...)
	return out
}

// groupOf is the group of a requirement an item is in.
func groupOf(r *checklist.Requirement, it *checklist.Item) *checklist.Group {
	for gi := range r.Groups {
		for ii := range r.Groups[gi].Items {
			if r.Groups[gi].Items[ii].ID == it.ID {
				return &r.Groups[gi]
			}
		}
	}
	return nil
}
