package tui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/termtext"
)

// schoolScreen is one school: its visits with score, stars and status,
// and its rectifications (整改): the open ones under the visits, and all
// of them on their own tab (schoolrects.go), where the decisions about
// them are made.
type schoolScreen struct {
	c      *common
	keys   SchoolKeys
	id     string
	w, h   int
	loaded bool
	// starting: a new visit is being saved; keys wait for its walk.
	starting  bool
	school    checklist.School
	visits    list[checklist.ScoredVisit]
	inspector string
	form      *form
	// deleting is the draft asked to be deleted, until y or esc.
	deleting *checklist.ScoredVisit
	status   string
	// rects are the school's rectifications; onRects: their tab is
	// shown, the visits' otherwise.
	rects   schoolRects
	onRects bool
	// failed: status is a refusal (drawn as an error); path is a file
	// written, shown after status whole.
	failed bool
	path   string
	// The corrections (schoolfix.go): which form is open, the form sent
	// and waiting for the store (it comes back with a refusal), the
	// question asked, the draft being re-dated, the visit whose feedback
	// sheet waits for its format.
	formFor     schoolForm
	pendingForm *form
	ask         *question
	redating    *checklist.Inspection
	feedbackOf  *checklist.Inspection
	// asked is the new visit last asked for, made again with a reason
	// when its year is confirmed (schoolyear.go).
	asked *pendingVisit
}

func newSchoolScreen(c *common, schoolID string) *schoolScreen {
	s := &schoolScreen{c: c, keys: c.keys.School, id: schoolID, rects: newSchoolRects(c)}
	s.visits = newList(c, listKeys{Up: s.keys.Up, Down: s.keys.Down},
		func(v checklist.ScoredVisit) string { return v.Visit.ID }, s.cells)
	l := c.lang
	s.visits.columns = []column{
		{title: l.Pick("日期", "Date"), min: 10},
		{title: l.Pick("检查人", "Inspector"), fit: []string{l.Pick("检查人", "Inspector")}, min: 8, gap: 2},
		{title: l.Pick("得分", "Score"), fit: []string{l.Pick("得分", "Score"), l.Pick("未作答", "no answer"), visitScore(l, 100, true)}, min: 10, gap: 2},
		{title: l.Pick("状态", "Status"), fit: []string{l.Status(checklist.Finalized), l.Status(checklist.Draft), l.Pick("状态", "Status")}, gap: 2},
		{title: l.Pick("星级", "Stars"), gap: 2, own: true},
	}
	return s
}

// cells are a visit's row: date, inspector, score, status, stars; a
// draft with no answer yet has no score and no stars.
func (s *schoolScreen) cells(v checklist.ScoredVisit) []cell {
	l := s.c.lang
	score := visitScore(l, v.Score.Total, v.Visit.Status == checklist.Draft)
	stars := cell{text: s.c.starText(v.Score.Stars, v.Standard.Stars.MaxStars()), paint: s.c.styles.Stars}
	if v.Score.Answered == 0 {
		score, stars = l.Pick("未作答", "no answer"), cell{}
	}
	return []cell{
		{text: v.Visit.Date.String()}, {text: termtext.ColumnSafe(v.Visit.Inspector)}, {text: score},
		{text: l.Status(v.Visit.Status)}, stars,
	}
}

// visitScore is a visit's points in the visits' column: two decimals,
// right-aligned in six cells so that the decimal points line up,
// " 暂定" after a draft's.
func visitScore(l i18n.Lang, p float64, draft bool) string {
	s := termtext.FitRight(checklist.FormatPointsFixed(p), 6)
	if draft {
		s += " " + l.Pick("暂定", "prov.")
	}
	return s
}

// Init loads the school and its visits, each scored, and its
// rectifications: two reads of the store in one command.
func (s *schoolScreen) Init() tea.Cmd {
	st, id := s.c.store, s.id
	return func() tea.Msg {
		sv, err := st.SchoolVisits(id)
		if err != nil {
			return errMsg{err}
		}
		rects, err := st.SchoolRectifications(id)
		if err != nil {
			return errMsg{err}
		}
		return schoolLoadedMsg{sv, rects}
	}
}

func (s *schoolScreen) setSize(w, h int) {
	s.w, s.h = w, h
	if s.form != nil {
		s.form.setWidth(w)
	}
	s.fitVisits()
	s.rects.setSize(w, h-2) // under the name and the facts
}

// fitVisits gives the visits at most half of what the four rows above
// them leave, and no more rows than there are visits.
func (s *schoolScreen) fitVisits() {
	s.visits.setHeight(min(len(s.visits.rows), max((s.h-8)/2, 3)))
}

// rectsShown reports whether the rectifications' tab is shown.
func (s *schoolScreen) rectsShown() bool { return s.onRects && s.form == nil && s.deleting == nil }

func (s *schoolScreen) title() string {
	if s.school.Name != "" {
		return s.school.Name
	}
	return s.c.pick("学校", "School")
}

// textCursor is the terminal's cursor in the new-visit form or a
// decision's.
func (s *schoolScreen) textCursor() *tea.Cursor {
	switch {
	case s.form != nil:
		return s.form.cursor(s.w)
	case s.rects.form != nil && s.onRects:
		c := s.rects.form.cursor(s.w)
		if c != nil {
			c.Y += 2 // under the name and the facts
		}
		return c
	}
	return nil
}

func (s *schoolScreen) typing() bool { return s.form != nil || (s.onRects && s.rects.form != nil) }

func (s *schoolScreen) keyMap() help.KeyMap {
	switch {
	case s.form != nil:
		return s.form.keyMap()
	case s.rectsShown():
		return s.rects.keyMap()
	case s.deleting != nil:
		k := s.c.keys.Delete
		return oneColumn(k.Confirm, k.Cancel)
	case s.ask != nil:
		k := s.c.keys.Delete
		yes := key.NewBinding(key.WithKeys("y"), key.WithHelp("y", s.c.pick("确认", "confirm")))
		return oneColumn(yes, k.Cancel)
	case s.feedbackOf != nil:
		return s.feedbackKeys()
	}
	return s.keys
}

// Update handles keys, the loaded school and a new visit.
func (s *schoolScreen) Update(msg tea.Msg) (tea.Cmd, navMsg) {
	switch msg := msg.(type) {
	case schoolLoadedMsg:
		if msg.sv.School.ID != s.id {
			return nil, nil
		}
		sv := msg.sv
		s.loaded, s.school, s.inspector = true, sv.School, sv.Inspector
		s.visits.setRows(sv.Visits)
		s.rects.set(msg.rects)
		s.fitVisits()
		s.syncKeys()
	case rectDecidedMsg:
		if msg.schoolID == s.id {
			if saved, cmd := s.rects.decided(msg); !saved {
				return cmd, nil
			}
			return s.Init(), nil
		}
	case draftDeletedMsg:
		if msg.schoolID == s.id {
			s.status = s.c.sprintf("已删除 %s 的草稿", "Deleted the draft of %s", msg.date)
			return s.Init(), nil
		}
	case visitCreatedMsg:
		if msg.schoolID != s.id {
			return nil, nil
		}
		s.starting = false
		if cmd, ok := s.newVisitLocked(msg); ok {
			return cmd, nil
		}
		if msg.err != nil {
			return func() tea.Msg { return errMsg{msg.err} }, nil
		}
		s.inspector = msg.visit.Inspector
		return nil, open(newWalkScreen(s.c, msg.visit.ID, s.past(msg.visit)))
	case schoolEditedMsg, schoolRemovedMsg, draftRedatedMsg, schoolFixFailedMsg, feedbackDoneMsg:
		cmd, move, _ := s.fixUpdate(msg)
		s.syncKeys()
		return cmd, move
	case tea.KeyPressMsg, tea.PasteMsg:
		if s.form != nil {
			return s.fixFormInput(msg), nil
		}
		if s.onRects && s.rects.form != nil {
			return s.rects.formInput(msg, s.id), nil
		}
		if k, ok := msg.(tea.KeyPressMsg); ok {
			cmd, move := s.key(k)
			s.syncKeys()
			return cmd, move
		}
	}
	return nil, nil
}

func (s *schoolScreen) key(k tea.KeyPressMsg) (tea.Cmd, navMsg) {
	switch {
	case s.deleting != nil:
		return s.confirmDelete(k), nil
	case s.ask != nil:
		return s.answer(k), nil
	case s.feedbackOf != nil:
		return s.feedbackKey(k), nil
	}
	s.status, s.failed, s.path = "", false, ""
	if s.onRects {
		return s.rectsKey(k)
	}
	if cmd, ok := s.visits.listKey(k); ok {
		return cmd, nil
	}
	if cmd, ok := s.fixKey(k); ok {
		return cmd, nil
	}
	if move, ok := s.yearKey(k); ok {
		return nil, move
	}
	switch {
	case key.Matches(k, s.keys.Delete):
		if v, ok := s.visits.selected(); ok && deletable(v.Visit) {
			s.deleting = &v
		}
	case key.Matches(k, s.keys.Audit):
		if v, ok := s.visits.selected(); ok {
			return nil, open(newAuditScreen(s.c, v.Visit, v.Standard, s.school.Name))
		}
	case key.Matches(k, s.keys.Open):
		if v, ok := s.visits.selected(); ok {
			return nil, open(newWalkScreen(s.c, v.Visit.ID, s.past(v.Visit)))
		}
	case key.Matches(k, s.keys.New):
		if s.loaded {
			s.formFor = formNewVisit
			return s.openForm(), nil
		}
	case key.Matches(k, s.keys.Rects):
		if s.loaded {
			s.onRects = true
			s.rects.syncKeys()
		}
	case key.Matches(k, s.keys.Back):
		return nil, goBackMsg{}
	}
	return nil, nil
}

// View draws the school, its visits and its rectifications (the open
// ones, or all of them on their tab).
func (s *schoolScreen) View(w, h int) []string {
	st := s.c.styles
	if s.form != nil {
		return s.form.View(w)
	}
	if !s.loaded {
		return s.c.loading(s.title())
	}
	var out lines
	sc := s.school
	out.add(st.Title.Render(termtext.Clip(termtext.Line(termtext.ColumnSafe(sc.Name)), w)))
	if s.onRects {
		out.add(st.Dim.Render(termtext.Clip(termtext.ColumnSafe(s.facts()), w)))
		return append(out, s.rects.view(w, h-len(out))...)
	}
	out.add(st.Dim.Render(termtext.Clip(termtext.ColumnSafe(s.facts()), w)), "")

	out.add(st.Bold.Render(s.c.sprintf("检查记录 %d 次", "Visits: %d", len(s.visits.rows))))
	if len(s.visits.rows) == 0 {
		out.add(st.Dim.Render(termtext.Clip(s.c.pick("  还没有检查。按 n 新建一次。", "  No visits yet. Press n to start one."), w)))
	} else {
		out.add(s.visits.view(w)...)
		if row := s.scoreRow(w); row != "" {
			out.add(s.c.styles.Dim.Render(row))
		}
	}
	out.add("")
	switch {
	case s.deleting != nil:
		out.add(s.deleteQuestion(w)...)
	case s.ask != nil:
		for _, r := range s.c.wrap(s.ask.text, w) {
			out.add(st.Warn.Render(r))
		}
	case s.feedbackOf != nil:
		out.add(st.Bold.Render(s.c.clip(s.c.sprintf("%s 的检查反馈单：x Excel 表格  h 网页（可打印）  m Markdown  esc 取消",
			"Feedback sheet of %s: x Excel  h web page (prints)  m Markdown  esc cancel", s.feedbackOf.Date), w)))
	case s.status != "":
		paint := st.OK
		if s.failed {
			paint = st.Error
		}
		lines := strings.Split(s.status, "\n")
		for _, r := range s.c.wrap(termtext.Line(lines[0]), w) {
			out.add(paint.Render(r))
		}
		if s.path != "" {
			out.add(s.c.wrapPath(s.path, w)...)
		}
		for _, line := range lines[1:] {
			for _, r := range s.c.wrap(termtext.Line(line), w) {
				out.add(st.Dim.Render(r))
			}
		}
	}
	out.add(s.rects.summary(w, h-len(out))...)
	return out
}

// facts are the school's township, kind, secretary and phone, on one
// line.
func (s *schoolScreen) facts() string {
	l, sc := s.c.lang, s.school
	info := ""
	if sc.IsArchived() {
		info = l.Sprintf("已归档（%s）   ", "Archived (%s)   ", sc.Archived)
	}
	for _, f := range [][2]string{{l.Pick("乡镇", "Township"), sc.Township}, {l.Pick("类型", "Kind"), sc.Kind}, {l.Pick("书记", "Secretary"), sc.Secretary}, {l.Pick("电话", "Phone"), sc.Contact}} {
		if f[1] != "" {
			info += f[0] + " " + termtext.Line(f[1]) + "   "
		}
	}
	return info
}

// ready reports whether the screen's data has loaded.
func (s *schoolScreen) ready() bool { return s.loaded && !s.starting && s.rects.saving == nil }
