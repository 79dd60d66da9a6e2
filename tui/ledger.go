package tui

import (
	"slices"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/termtext"
)

// ledgerScreen is the county's 整改台账 (z on the schools list): the
// rectifications of a status (未销号 by default; s shows the next: 逾期,
// 已整改待复查, 已销号, 全部), of every township or of one (t), grouped by
// township and school (the list component's spanning rows), each
// school's by deadline, the overdue ones marked 逾期 N 天; the counts of
// every status above. enter on a rectification or a school opens the
// school on its rectifications; on a township, shows that township only.
//
// It reads the ledger (Store.RectLedger) when it opens, when it is back
// on top (a decision made on a school above changes it) and when the
// filter changes: the store lists only what the filter keeps.
type ledgerScreen struct {
	list[ledgerRow]
	c      *common
	keys   LedgerKeys
	w, h   int
	filter checklist.RectFilter
	// ledger is the ledger as last read (nil: not yet); loading: a read
	// of the filter is on its way.
	ledger  *checklist.RectLedger
	loading bool
	// towns are the townships to choose from (the schools list's), and
	// pick the choice while it is open.
	towns []string
	pick  *picker
}

// ledgerRow is one row of the ledger: a township's heading, a school's,
// or a rectification.
type ledgerRow struct {
	town   *checklist.RectTownship
	school *checklist.SchoolRectifications
	entry  *checklist.RectEntry
}

// id names a row across reads: a rectification's id, a school's, a
// township's.
func (r ledgerRow) id() string {
	switch {
	case r.entry != nil:
		return "r" + r.entry.ID
	case r.school != nil:
		return "s" + r.school.School.ID
	}
	return "t" + r.town.Township
}

// ledgerLoadedMsg carries the ledger read for a filter.
type ledgerLoadedMsg struct {
	filter checklist.RectFilter
	ledger *checklist.RectLedger
}

// newLedgerScreen is the 整改台账; towns are the townships it offers
// to choose from, in the schools list's order.
func newLedgerScreen(c *common, towns []string) *ledgerScreen {
	s := &ledgerScreen{c: c, keys: c.keys.Ledger, towns: towns, filter: checklist.RectFilter{View: checklist.ViewOpen}}
	k := s.keys
	s.list = newList(c, listKeys{Up: k.Up, Down: k.Down, PageUp: k.PageUp, PageDown: k.PageDown}, ledgerRow.id, s.cells)
	s.setColumns(nil, nil)
	return s
}

// setColumns lays the list out: item (under the school's heading),
// problem, deadline, where it stands, person responsible; states and
// names are the texts those two columns hold.
func (s *ledgerScreen) setColumns(states, names []string) {
	l := s.c.lang
	s.columns = []column{
		{title: l.Pick("条目", "Item"), fit: []string{l.Pick("条目", "Item"), "5.1.10"}, gap: 4},
		{title: l.Pick("问题", "Problem"), flex: true, min: 8, gap: 2},
		{title: l.Pick("整改期限", "Deadline"), fit: []string{l.Pick("整改期限", "Deadline"), "2006-01-02"}, gap: 2},
		{title: l.Pick("状态", "Status"), fit: append(states, l.Pick("状态", "Status")), gap: 2},
		{title: l.Pick("责任人", "Owner"), fit: append(names, l.Pick("责任人", "Owner")), gap: 2},
	}
}

// Init reads the ledger as the filter asks.
func (s *ledgerScreen) Init() tea.Cmd {
	s.loading = true
	st, f := s.c.store, s.filter
	return func() tea.Msg {
		l, err := st.RectLedger(f)
		if err != nil {
			return errMsg{err}
		}
		return ledgerLoadedMsg{filter: f, ledger: l}
	}
}

func (s *ledgerScreen) ready() bool { return !s.loading }

func (s *ledgerScreen) title() string { return s.c.pick("整改台账", "Rectification ledger") }

func (s *ledgerScreen) setSize(w, h int) {
	s.w, s.h = w, h
	// The title, the counts, the filter, the list's header and position.
	s.setHeight(h - 5)
	if s.pick != nil {
		s.pick.setSize(w, h)
	}
}

func (s *ledgerScreen) keyMap() help.KeyMap {
	if s.pick != nil {
		return s.pick.keyMap()
	}
	return s.keys
}

// Update handles the ledger read and the keys.
func (s *ledgerScreen) Update(msg tea.Msg) (tea.Cmd, navMsg) {
	switch msg := msg.(type) {
	case ledgerLoadedMsg:
		if msg.filter == s.filter {
			s.loading = false
			s.set(msg.ledger)
		}
	case tea.KeyPressMsg:
		if s.pick != nil {
			return s.pickTown(msg), nil
		}
		return s.key(msg)
	}
	return nil, nil
}

// set lists the ledger read: a heading for each township and school,
// then the school's rectifications.
func (s *ledgerScreen) set(l *checklist.RectLedger) {
	rows := make([]ledgerRow, 0, l.Len()+64)
	// The texts the status and person columns must hold: each status
	// met, the longest overdue (the most days), each person once.
	var (
		latest   *checklist.RectEntry
		statuses = map[checklist.RectStatus]bool{}
		people   = map[string]bool{}
	)
	for ti := range l.Townships {
		t := &l.Townships[ti]
		rows = append(rows, ledgerRow{town: t})
		for si := range t.Schools {
			sr := &t.Schools[si]
			rows = append(rows, ledgerRow{town: t, school: sr})
			for ei := range sr.Rects {
				e := &sr.Rects[ei]
				rows = append(rows, ledgerRow{town: t, school: sr, entry: e})
				if n := e.DaysOverdue(l.Today); n > 0 {
					if latest == nil || n > latest.DaysOverdue(l.Today) {
						latest = e
					}
				} else {
					statuses[e.Status()] = true
				}
				people[e.Responsible()] = true
			}
		}
	}
	var states, names []string
	if latest != nil {
		states = append(states, s.c.lang.RectState(&latest.Rectification, l.Today))
	}
	for st := range statuses {
		states = append(states, s.c.lang.RectStatus(st))
	}
	for p := range people {
		names = append(names, termtext.ColumnSafe(termtext.Line(p)))
	}
	s.setColumns(states, names)
	s.empty = s.c.sprintf("没有%s的整改事项", "No rectification: %s", s.c.lang.RectView(s.filter.View))
	// The same filter read again (back from a school) keeps the row
	// selected, or the place; another starts at the top.
	again := s.ledger != nil && s.ledger.Filter == l.Filter
	s.ledger = l
	s.setRows(rows)
	if !again {
		s.top()
	}
}

// cells are a row: a township's or a school's heading across the
// columns, or a rectification's item, problem, deadline, status and
// person responsible.
func (s *ledgerScreen) cells(r ledgerRow) []cell {
	st := s.c.styles
	l := s.c.lang
	switch {
	case r.entry != nil:
		e := r.entry
		return []cell{{text: e.ItemID}, {text: termtext.ColumnSafe(s.c.itemText(e))}, {text: e.Deadline().String()},
			s.c.rectState(&e.Rectification, s.ledger.Today), {text: termtext.ColumnSafe(e.Responsible())}}
	case r.school != nil:
		return []cell{{span: true, paint: st.Bold, text: "  " + termtext.ColumnSafe(r.school.School.Name) + "  " + s.c.rectCounts(r.school.Counts)}}
	}
	n := 0
	for _, sr := range r.town.Schools {
		n += len(sr.Rects)
	}
	return []cell{{span: true, paint: st.Title, text: termtext.ColumnSafe(townName(s.c, r.town.Township)) +
		l.Sprintf("  %d 所学校，%s %d 项", "  %s, %s: %d", i18n.Counted(len(r.town.Schools), "school", "schools"), l.RectView(s.filter.View), n)}}
}

// key handles a key on the list.
func (s *ledgerScreen) key(k tea.KeyPressMsg) (tea.Cmd, navMsg) {
	if cmd, ok := s.listKey(k); ok {
		return cmd, nil
	}
	switch {
	case key.Matches(k, s.keys.Open):
		r, ok := s.selected()
		switch {
		case !ok:
		case r.entry != nil:
			return nil, open(newSchoolScreen(s.c, r.school.School.ID).showRect(r.entry.ID))
		case r.school != nil:
			return nil, open(newSchoolScreen(s.c, r.school.School.ID).showRect(""))
		case r.town.Township != "" && s.filter.Township != r.town.Township:
			s.filter.Township = r.town.Township
			return s.Init(), nil
		}
	case key.Matches(k, s.keys.Status):
		views := checklist.RectViews()
		s.filter.View = views[(slices.Index(views, s.filter.View)+1)%len(views)]
		return s.Init(), nil
	case key.Matches(k, s.keys.Township):
		s.openPick()
	case key.Matches(k, s.keys.Back):
		return nil, goBackMsg{}
	}
	return nil, nil
}

// openPick offers the townships, the one shown marked.
func (s *ledgerScreen) openPick() {
	c := s.c
	opts := []pickOption{{value: "", label: c.pick("（全部乡镇）", "(every township)"), current: s.filter.Township == ""}}
	for _, t := range s.towns {
		if t != "" {
			opts = append(opts, pickOption{value: t, label: termtext.ColumnSafe(termtext.Line(t)), current: s.filter.Township == t})
		}
	}
	s.pick = newPicker(c, "", c.pick("整改台账：选乡镇", "Ledger: choose a township"), c.pick("只列出所选乡镇的学校的整改事项。", "Only the chosen township's schools are listed."), opts)
	s.pick.setSize(s.w, s.h)
}

// pickTown takes a key while the townships are offered.
func (s *ledgerScreen) pickTown(k tea.KeyPressMsg) tea.Cmd {
	res, o := s.pick.update(k)
	switch res {
	case picked:
		s.pick = nil
		if o.value != s.filter.Township {
			s.filter.Township = o.value
			return s.Init()
		}
	case pickCancelled:
		s.pick = nil
	}
	return nil
}

// View draws the title, the counts, the filter and the list, or the
// choice of townships.
func (s *ledgerScreen) View(w, h int) []string {
	st := s.c.styles
	l := s.c.lang
	if s.pick != nil {
		return s.pick.view(w)
	}
	if s.ledger == nil {
		return s.c.loading(s.title())
	}
	var out lines
	out.add(st.Title.Render(termtext.Clip(l.Sprintf("整改台账  截至 %s", "Rectification ledger, as of %s", s.ledger.Today), w)))
	out.add(termtext.Clip(s.c.rectCounts(s.ledger.Counts), w))
	town := l.Pick("全部", "all")
	if s.filter.Township != "" {
		town = termtext.Line(s.filter.Township)
	}
	filter := l.Sprintf("列出：%s（s 换）  乡镇：%s（t 选）", "Showing: %s (s: next)  Township: %s (t: choose)", l.RectView(s.filter.View), town)
	if s.loading {
		filter += l.Pick("  正在载入", "  loading")
	}
	out.add(st.Warn.Render(termtext.Clip(filter, w)))
	return append(out, s.list.view(w)...)
}

// townNames are the townships of the schools list, each once, in its
// order.
func townNames(rows []checklist.SchoolOverview) []string {
	var out []string
	seen := map[string]bool{}
	for i := range rows {
		if t := rows[i].School.Township; !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}
