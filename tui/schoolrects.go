package tui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"branchcheck/checklist"
	"branchcheck/termtext"
)

// schoolRects is the school screen's view of the school's rectifications
// (tab): the list of them, the open ones first, each group by deadline
// (the list component), with the selected one in full under it (wrapped,
// never cut: what the room leaves out, enter shows), and the four
// decisions about the one selected, each through a form whose values are
// checked where they come in (rectdecide.go).
type schoolRects struct {
	list[checklist.RectEntry]
	c    *common
	keys SchoolRectKeys
	// data is the school's rectifications as last read (nil: not yet).
	data *checklist.SchoolRectifications
	// form is the form of the decision being filled in (pendingDecision);
	// saving the decision sent, until the store says it is saved (or why
	// not).
	form            *form
	pendingDecision *decision
	saving          *decision
	status          string
	// keep is the rectification to select once they are read (one
	// opened from the ledger).
	keep string
	w, h int
}

func newSchoolRects(c *common) schoolRects {
	r := schoolRects{c: c, keys: c.keys.SchoolRects}
	k := r.keys
	r.list = newList(c, listKeys{Up: k.Up, Down: k.Down, PageUp: k.PageUp, PageDown: k.PageDown},
		func(e checklist.RectEntry) string { return e.ID }, r.cells)
	r.empty = c.pick("没有整改事项", "No rectifications")
	return r
}

// setColumns lays the list out: item, problem, deadline, where it
// stands, person responsible.
func (r *schoolRects) setColumns() {
	l := r.c.lang
	states := []string{l.Pick("状态", "Status"), l.RectStatus(checklist.RectReported)}
	names := []string{l.Pick("责任人", "Owner")}
	today := r.today()
	for i := range r.rows {
		states = append(states, l.RectState(&r.rows[i].Rectification, today))
		names = append(names, termtext.ColumnSafe(termtext.Line(r.rows[i].Responsible())))
	}
	r.columns = []column{
		{title: l.Pick("条目", "Item"), fit: []string{l.Pick("条目", "Item"), "5.1.10"}},
		{title: l.Pick("问题", "Problem"), flex: true, min: 8, gap: 2},
		{title: l.Pick("整改期限", "Deadline"), fit: []string{l.Pick("整改期限", "Deadline"), "2006-01-02"}, gap: 2},
		{title: l.Pick("状态", "Status"), fit: states, gap: 2},
		{title: l.Pick("责任人", "Owner"), fit: names, gap: 2},
	}
}

// cells are a rectification's row.
func (r *schoolRects) cells(e checklist.RectEntry) []cell {
	return []cell{
		{text: e.ItemID}, {text: termtext.ColumnSafe(r.c.itemText(&e))}, {text: e.Deadline().String()},
		r.c.rectState(&e.Rectification, r.today()), {text: termtext.ColumnSafe(e.Responsible())},
	}
}

// today is the day the rectifications were read on (the store's).
func (r *schoolRects) today() checklist.Date {
	if r.data != nil {
		return r.data.Today
	}
	return r.c.today()
}

// set takes the school's rectifications as read, keeping the selected
// one selected.
func (r *schoolRects) set(data *checklist.SchoolRectifications) {
	r.data = data
	r.setRows(data.Rects)
	if r.keep != "" {
		r.selectID(r.keep)
		r.keep = ""
	}
	r.setColumns()
	r.setSize(r.w, r.h)
	r.syncKeys()
}

// open is the school's rectifications not yet closed, by item: what a
// walk shows beside each item.
func (r *schoolRects) open() map[string]*checklist.RectEntry {
	out := map[string]*checklist.RectEntry{}
	if r.data == nil {
		return out
	}
	open := r.data.Open()
	for i := range open {
		out[open[i].ItemID] = &open[i]
	}
	return out
}

// setSize lays the tab out in w×h cells: under the counts, the list
// takes at most half of what is left besides its header and position, a
// blank line and the status line, and no more rows than there are; the
// selected rectification in full takes the rest.
func (r *schoolRects) setSize(w, h int) {
	r.w, r.h = w, h
	if r.form != nil {
		r.form.setWidth(w)
	}
	r.setHeight(min(len(r.rows), max((h-len(r.counts(w))-4)/2, 1)))
}

// counts are the tab's first rows: the counts, under their name where
// the line has the room, wrapped.
func (r *schoolRects) counts(w int) []string {
	if r.data == nil {
		return nil
	}
	s := r.c.rectCounts(r.data.Counts)
	if named := r.c.pick("整改事项：", "Rectifications: ") + s; r.c.width(named) <= w {
		s = named
	}
	return r.c.wrap(s, w)
}

// syncKeys offers the decisions that apply to the rectification
// selected: none on one closed.
func (r *schoolRects) syncKeys() {
	e, ok := r.selected()
	active := ok && e.Status().Active() && r.c.writable() // a read-only database takes no decision
	r.keys.Read.SetEnabled(ok)
	for _, b := range []*key.Binding{&r.keys.Report, &r.keys.Close, &r.keys.Deadline, &r.keys.Responsible} {
		b.SetEnabled(active)
	}
}

func (r *schoolRects) keyMap() help.KeyMap {
	if r.form != nil {
		return r.form.keyMap()
	}
	return r.keys
}

// key handles a key on the tab; it reports whether it took it, and a
// screen to open.
func (r *schoolRects) key(k tea.KeyPressMsg, school *checklist.School, inspector string) (tea.Cmd, navMsg, bool) {
	r.status = ""
	defer r.syncKeys()
	if cmd, ok := r.listKey(k); ok {
		return cmd, nil, true
	}
	e, ok := r.selected()
	switch {
	case key.Matches(k, r.keys.Read):
		if ok {
			return nil, open(newRectTextScreen(r.c, school.Name, e, r.today())), true
		}
	case key.Matches(k, r.keys.Report):
		return r.decide(decideReport, e, inspector), nil, true
	case key.Matches(k, r.keys.Close):
		return r.decide(decideClose, e, inspector), nil, true
	case key.Matches(k, r.keys.Deadline):
		return r.decide(decideDeadline, e, inspector), nil, true
	case key.Matches(k, r.keys.Responsible):
		return r.decide(decideResponsible, e, inspector), nil, true
	}
	return nil, nil, false
}

// view draws the tab under the school's name and facts, in w×h cells.
func (r *schoolRects) view(w, h int) []string {
	st := r.c.styles
	if r.form != nil {
		return r.form.View(w)
	}
	var out lines
	if r.data == nil {
		return out
	}
	for _, row := range r.counts(w) {
		out.add(st.Bold.Render(row))
	}
	if len(r.rows) == 0 {
		for _, row := range r.c.wrap(r.c.pick("没有整改事项：定稿的检查中答为不符合、部分符合的条目，会在这里列为整改事项，定下整改期限和责任人。",
			"No rectifications: each item a finalized visit finds not met or partly met is listed here, with a deadline and a person responsible."), w) {
			out.add(st.Dim.Render(row))
		}
		return out
	}
	out.add(r.list.view(w)...)
	out.add("")
	room := h - len(out) - 1
	if e, ok := r.selected(); ok {
		detail := r.c.rectDetail(&e, r.today(), w)
		if len(detail) > room {
			detail = append(detail[:max(room-1, 0)], st.Dim.Render(termtext.Clip(r.c.pick("（未完，按 enter 看全文）", "(more: enter reads it in full)"), w)))
		}
		out.add(detail...)
	}
	for len(out) < h-1 {
		out.add("")
	}
	switch {
	case r.saving != nil:
		out.add(st.Warn.Render(termtext.Clip(r.c.pick("正在保存……", "Saving..."), w)))
	case r.status != "":
		out.add(st.OK.Render(termtext.Clip(r.status, w)))
	}
	return out
}

// summary is what the visits tab says of the rectifications, in at most
// h rows of w cells: the counts, the open ones (item, where each
// stands, the item's text), and how to see them all.
func (r *schoolRects) summary(w, h int) []string {
	st := r.c.styles
	l := r.c.lang
	if r.data == nil || h <= 0 {
		return nil
	}
	if r.data.Counts.Total() == 0 {
		return []string{st.Dim.Render(termtext.Clip(l.Pick("整改事项：没有", "Rectifications: none"), w))}
	}
	out := []string{st.Bold.Render(termtext.Clip(l.Pick("整改事项：", "Rectifications: ")+r.c.rectCounts(r.data.Counts), w))}
	open := r.data.Open()
	more := l.Pick("按 tab 查看全部整改事项，可报告整改完成、销号、改期限和责任人", "tab: every rectification, and the decisions about them")
	stateW := 0
	for i := range open {
		stateW = max(stateW, r.c.width(l.RectState(&open[i].Rectification, r.data.Today)))
	}
	for i := range open {
		if len(out) >= h-1 {
			more = l.Sprintf("另有 %d 项未显示；", "%d more; ", len(open)-i) + more
			break
		}
		e := &open[i]
		state := r.c.rectState(&e.Rectification, r.data.Today)
		head := "  " + termtext.Fit(e.ItemID, 7) + state.paint.Render(termtext.Fit(state.text, stateW)) + "  "
		out = append(out, head+termtext.Clip(termtext.ColumnSafe(termtext.Line(r.c.itemText(e))), w-termtext.Width(head)))
	}
	return append(out, st.Dim.Render(termtext.Clip(more, w)))
}

// rectsKey handles a key on the school screen's rectifications tab: tab
// goes back to the visits, esc to the screen below.
func (s *schoolScreen) rectsKey(k tea.KeyPressMsg) (tea.Cmd, navMsg) {
	switch {
	case key.Matches(k, s.rects.keys.Visits):
		s.onRects = false
		return nil, nil
	case key.Matches(k, s.rects.keys.Back):
		return nil, goBackMsg{}
	}
	cmd, move, _ := s.rects.key(k, &s.school, s.inspector)
	return cmd, move
}

// showRect opens the rectifications' tab on the one with the id (from
// the 整改台账).
func (s *schoolScreen) showRect(id string) *schoolScreen {
	s.onRects = true
	s.rects.keep = id
	return s
}

// past is what a walk of a visit shows of the school's past: its
// previous finalized visit (by date, then id: the order in which visits
// count for rectifications) and the rectifications still open.
func (s *schoolScreen) past(v *checklist.Inspection) walkPast {
	p := walkPast{schoolID: s.id, open: s.rects.open(), today: s.rects.today()}
	for _, sv := range s.visits.rows { // latest first
		o := sv.Visit
		if o.Status == checklist.Finalized && o.ID != v.ID && (o.Date.Compare(v.Date) < 0 || o.Date == v.Date && o.ID < v.ID) {
			p.prev = o
			break
		}
	}
	return p
}
