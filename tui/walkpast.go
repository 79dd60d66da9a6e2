package tui

import (
	tea "charm.land/bubbletea/v2"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/termtext"
)

// walkPast is what the walk shows of a school's past beside each item:
// the answer and note of the previous finalized visit (上次：不符合 · 无相关
// 材料佐证), and the rectification still open for the item with its
// deadline (整改期限 2026-08-05，已逾期 12 天). The school screen that opens
// the walk has read both (its visits and its rectifications), so the walk
// reads only its visit. A new visit of a school with open rectifications
// opens on them: the first of their items not yet answered, and each
// answer to one of them moves on to the next, before the rest of the
// items; r jumps between the items that have one.
type walkPast struct {
	schoolID string
	// prev is the previous finalized visit (nil: none).
	prev *checklist.Inspection
	// open are the school's rectifications not yet closed, by item, as
	// they stood on today (the store's day).
	open  map[string]*checklist.RectEntry
	today checklist.Date
}

// walkRectsMsg carries a school's rectifications read again after a walk
// finalized or reopened its visit (what it finds changes them).
type walkRectsMsg struct {
	schoolID string
	rects    *checklist.SchoolRectifications
}

// readRects reads a school's rectifications again for a walk.
func readRects(st Store, schoolID string) tea.Cmd {
	return func() tea.Msg {
		sr, err := st.SchoolRectifications(schoolID)
		if err != nil {
			return errMsg{err}
		}
		return walkRectsMsg{schoolID: schoolID, rects: sr}
	}
}

// setRects takes the school's rectifications as read again.
func (p *walkPast) setRects(sr *checklist.SchoolRectifications) {
	p.today = sr.Today
	p.open = map[string]*checklist.RectEntry{}
	open := sr.Open()
	for i := range open {
		p.open[open[i].ItemID] = &open[i]
	}
}

// sep joins the previous answer and its note: a middle dot where the
// terminal draws it one cell wide, else a comma (· is ambiguous-width:
// a console with a Chinese font draws it two cells wide).
func (c *common) sep() string {
	if !c.wide {
		return " · "
	}
	return c.pick("，", ", ")
}

// pastLines are the item pane's lines about the item's past, in rw
// cells: the previous visit's answer and note, and the open
// rectification with its deadline and, on a draft, what this visit's
// answer will do to it once finalized.
func (c *common) pastLines(d *walkDoc, it *checklist.Item, rw int) []string {
	st := c.styles
	l := c.lang
	p := &d.past
	var out []string
	if p.prev != nil {
		if a := p.prev.Answer(it.ID); a.Verdict != checklist.Unanswered {
			text := l.Verdict(a.Verdict)
			if a.Note != "" {
				text += c.sep() + c.show(termtext.Block(a.Note))
			}
			out = append(out, termtext.IndentWrap(l.Pick("上次：", "Last time: "), text, rw)...)
		}
	}
	e := p.open[it.ID]
	if e == nil {
		return out
	}
	parts := c.rectDueParts(&e.Rectification, p.today)
	var then string
	if !d.readOnly() {
		switch v := d.answers[it.ID].Verdict; {
		case v == checklist.Met || v == checklist.NotApplicable:
			then = l.Sprintf("本次%s，定稿后销号", "%s now: closed once finalized", l.Verdict(v))
		case v.NeedsFixing():
			then = l.Sprintf("本次仍%s，定稿后记为复查未通过", "still %s: a failed recheck once finalized", l.Verdict(v))
		}
	}
	if then != "" {
		// The semicolon ends the line before, never starts one.
		if parts[1] != "" {
			parts[1] += l.Pick("；", "; ")
		} else {
			parts[0] += l.Pick("；", "; ")
		}
		parts = append(parts, then)
	}
	paint := st.Warn
	if e.Overdue(p.today) {
		paint = st.Error
	}
	for _, row := range flow(parts, rw) {
		out = append(out, paint.Render(row))
	}
	return out
}

// hasOpen reports whether an item has a rectification still open.
func (p *walkPast) hasOpen(id string) bool { return p.open[id] != nil }

// nextRect finds the first item after from, going round, with an open
// rectification (and, if unanswered, no answer yet in this walk).
func (d *walkDoc) nextRect(from int, unanswered bool) (int, bool) {
	n := len(d.items)
	for k := 1; k <= n; k++ {
		i := (from + k) % n
		it := d.items[i]
		if d.past.hasOpen(it.ID) && (!unanswered || d.answers[it.ID].Verdict == checklist.Unanswered) {
			return i, true
		}
	}
	return from, false
}

// openOnRects puts the cursor of a walk just loaded on the first item
// with an open rectification that the visit has not answered, and says
// so; it reports whether there is one.
func (w *walkScreen) openOnRects() bool {
	if w.readOnly() || len(w.past.open) == 0 {
		return false
	}
	i, ok := w.nextRect(len(w.items)-1, true)
	if !ok {
		return false
	}
	w.cur = i
	n := 0
	for _, it := range w.items {
		if w.past.hasOpen(it.ID) && w.answers[it.ID].Verdict == checklist.Unanswered {
			n++
		}
	}
	w.hint = w.c.sprintf("先复查 %d 项未销号的整改（r 跳到下一项）", "%s to recheck first (r: the next)", i18n.Counted(n, "open rectification", "open rectifications"))
	return true
}

// moveOn moves the cursor after an answer to the item it was on: from
// an item with an open rectification to the next one not yet answered,
// and from the last of them to the first unanswered item of the walk;
// otherwise to the next unanswered item.
func (w *walkScreen) moveOn(answered string) {
	if w.past.hasOpen(answered) {
		if i, ok := w.nextRect(w.cur, true); ok {
			w.cur = i
			return
		}
		if i, ok := w.nextUnanswered(len(w.items) - 1); ok {
			w.cur = i
			w.hint = w.c.pick("整改项已全部复查，接着检查其余各项", "Rectifications rechecked; on with the rest")
		}
		return
	}
	if i, ok := w.nextUnanswered(w.cur); ok {
		w.cur = i
	}
}

// jumpRect moves to the next item with an open rectification.
func (w *walkScreen) jumpRect() {
	if i, ok := w.nextRect(w.cur, false); ok {
		w.cur = i
		return
	}
	w.hint = w.c.pick("该校没有未销号的整改", "The school has no open rectification")
}
