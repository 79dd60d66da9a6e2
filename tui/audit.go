package tui

import (
	"fmt"
	"strconv"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"branchcheck/checklist"
	"branchcheck/termtext"
)

// auditScreen is a visit's audit trail, oldest first: when, who, which
// item, what changed; under the list, the selected change in full with
// why. A visit's changes are audited once it has been finalized: its
// finalizing, every reopening (with the reason) and every change after.
type auditScreen struct {
	list[checklist.Change]
	c      *common
	keys   AuditKeys
	id     string
	w, h   int
	loaded bool
	visit  *checklist.Inspection
	std    *checklist.Standard
	school string
}

// auditLoadedMsg carries a visit's audit trail.
type auditLoadedMsg struct {
	visitID string
	trail   []checklist.Change
}

// newAuditScreen is the audit trail of a visit made under std at a
// school: the screen that opens it has the visit, and the trail is all
// it reads.
func newAuditScreen(c *common, visit *checklist.Inspection, std *checklist.Standard, school string) *auditScreen {
	a := &auditScreen{c: c, keys: c.keys.Audit, id: visit.ID, visit: visit, std: std, school: school}
	k := a.keys
	a.list = newList(c, listKeys{Up: k.Up, Down: k.Down, PageUp: k.PageUp, PageDown: k.PageDown},
		func(ch checklist.Change) string {
			return strconv.FormatInt(ch.At.UnixNano(), 10) + ch.ItemID + ch.Field
		}, a.cells)
	l := c.lang
	a.columns = []column{
		{title: l.Pick("时间", "When"), fit: []string{"2006-01-02 15:04"}},
		{title: l.Pick("修改人", "Who"), fit: []string{l.Pick("修改人", "Who")}, min: 6, gap: 2},
		{title: l.Pick("项目", "Item"), fit: []string{l.Pick("项目", "Item"), l.Pick("整次检查", "visit"), "5.2.10"}, gap: 2},
		{title: l.Pick("改动", "Change"), flex: true, min: 8, gap: 2},
	}
	a.empty = l.Pick("还没有修改记录。检查定稿之后，每一处修改（谁、何时、改了什么、为什么）都记在这里。",
		"No audited change yet. Once a visit is finalized, every change (who, when, what, why) is recorded here.")
	return a
}

// Init loads the visit's trail.
func (a *auditScreen) Init() tea.Cmd {
	st, id := a.c.store, a.id
	return func() tea.Msg {
		trail, err := st.AuditTrail(id)
		if err != nil {
			return errMsg{err}
		}
		return auditLoadedMsg{visitID: id, trail: trail}
	}
}

func (a *auditScreen) setSize(w, h int) {
	a.w, a.h = w, h
	// The title, the visit, the list's header and position, a blank
	// line and seven rows for the change in full.
	a.setHeight(max(h-12, 3))
}

func (a *auditScreen) title() string { return a.c.pick("修改记录", "Audit trail") }

func (a *auditScreen) ready() bool { return a.loaded }

func (a *auditScreen) keyMap() help.KeyMap { return a.keys }

// Update handles keys and the loaded trail.
func (a *auditScreen) Update(msg tea.Msg) (tea.Cmd, navMsg) {
	switch msg := msg.(type) {
	case auditLoadedMsg:
		if msg.visitID != a.id {
			return nil, nil
		}
		a.loaded = true
		a.setRows(msg.trail)
		a.cursor = max(len(a.shown)-1, 0) // the latest change
		a.scroll()
	case tea.KeyPressMsg:
		if _, ok := a.listKey(msg); ok {
			return nil, nil
		}
		if key.Matches(msg, a.keys.Back) {
			return nil, goBackMsg{}
		}
	}
	return nil, nil
}

// cells are a change's row: when, who, the item and what changed.
func (a *auditScreen) cells(ch checklist.Change) []cell {
	item := ch.ItemID
	if item == "" {
		item = a.c.pick("整次检查", "visit")
	}
	return []cell{{text: a.when(ch)}, {text: termtext.ColumnSafe(ch.By)}, {text: item}, {text: a.what(ch)}}
}

// when is a change's time on the app's clock, to the minute.
func (a *auditScreen) when(ch checklist.Change) string {
	return ch.At.In(a.c.now().Location()).Format("2006-01-02 15:04")
}

// what says what a change did, in the user's words.
func (a *auditScreen) what(ch checklist.Change) string {
	l := a.c.lang
	switch ch.Field {
	case checklist.FieldVerdict:
		return l.Sprintf("答案 %s 改为 %s", "answer %s to %s", l.Verdict(checklist.Verdict(ch.Old)), l.Verdict(checklist.Verdict(ch.New)))
	case checklist.FieldNote:
		switch {
		case ch.Old == "":
			return l.Pick("添加备注", "note added")
		case ch.New == "":
			return l.Pick("删去备注", "note removed")
		}
		return l.Pick("修改备注", "note changed")
	case checklist.FieldStatus:
		if ch.New == string(checklist.Finalized) {
			return l.Pick("定稿", "finalized")
		}
		return l.Pick("重新打开", "reopened")
	case checklist.FieldMerge:
		return l.Pick("合并数据时两处都改过，保留最后修改的版本", "changed in two databases; the one changed last is kept")
	}
	return fmt.Sprintf("%s: %s -> %s", ch.Field, ch.Old, ch.New)
}

// View draws the visit, the trail and the selected change in full.
func (a *auditScreen) View(w, h int) []string {
	if !a.loaded {
		return a.c.loading(a.title())
	}
	st := a.c.styles
	l := a.c.lang
	var out lines
	out.add(st.Title.Render(termtext.Clip(a.title(), w)))
	out.add(st.Dim.Render(termtext.Clip(termtext.Line(termtext.ColumnSafe(l.Sprintf("%s  %s  检查人 %s  %s", "%s  %s  inspector %s  %s",
		a.school, a.visit.Date, a.visit.Inspector, l.Status(a.visit.Status)))), w)))
	if len(a.rows) == 0 {
		out.add("")
		for _, r := range a.c.wrap(a.empty, w) {
			out.add(st.Dim.Render(r))
		}
		return out
	}
	out.add(a.list.view(w)...)
	out.add("")
	if ch, ok := a.selected(); ok {
		out.add(a.detail(ch, w, max(h-len(out), 0))...)
	}
	return out
}

// detail is a change in full: when to the second, who, the item's text,
// the old and new values, and why; in at most h rows.
func (a *auditScreen) detail(ch checklist.Change, w, h int) []string {
	l := a.c.lang
	st := a.c.styles
	var rows []string
	add := func(label, text string) {
		rows = append(rows, termtext.IndentWrap(label, a.c.show(termtext.Block(text)), w)...)
	}
	add(l.Pick("时间：", "When: "), ch.At.In(a.c.now().Location()).Format("2006-01-02 15:04:05")+"  "+l.Pick("修改人：", "by ")+termtext.Line(ch.By))
	if it, _, ok := a.std.Item(ch.ItemID); ok {
		add(l.Pick("项目：", "Item: "), it.ID+" "+l.Text(it))
	}
	add(l.Pick("改动：", "Change: "), a.what(ch))
	if ch.Field == checklist.FieldNote {
		add(l.Pick("原备注：", "Was: "), ch.Old)
		add(l.Pick("新备注：", "Now: "), ch.New)
	}
	if ch.Reason != "" && ch.Field != checklist.FieldMerge {
		add(l.Pick("原因：", "Why: "), ch.Reason)
	}
	if len(rows) > h {
		rows = rows[:h]
	}
	for i, r := range rows {
		rows[i] = st.Dim.Render(r)
	}
	return rows
}
