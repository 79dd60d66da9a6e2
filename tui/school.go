package tui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/termtext"
)

// schoolScreen is one school: its visits with score, stars and status,
// and what its latest finalized visit found still to fix.
type schoolScreen struct {
	c      *common
	keys   SchoolKeys
	id     string
	w, h   int
	loaded bool
	// starting: a new visit is being saved; keys wait for its walk.
	starting  bool
	school    checklist.School
	visits    []visitRow
	inspector string
	cursor    int
	form      *form
}

func newSchoolScreen(c *common, schoolID string) *schoolScreen {
	return &schoolScreen{c: c, keys: c.keys.School, id: schoolID}
}

// Init loads the school and its visits.
func (s *schoolScreen) Init() tea.Cmd {
	st, id := s.c.store, s.id
	return func() tea.Msg {
		sc, err := st.School(id)
		if err != nil {
			return errMsg{err}
		}
		visits, err := st.SchoolInspections(id)
		if err != nil {
			return errMsg{err}
		}
		rows := make([]visitRow, 0, len(visits))
		stds := map[string]*checklist.Standard{}
		for _, v := range visits {
			std := stds[v.StandardID]
			if std == nil {
				if std, err = st.Standard(v.StandardID); err != nil {
					return errMsg{err}
				}
				stds[v.StandardID] = std
			}
			rows = append(rows, visitRow{Visit: v, Standard: std, Score: checklist.ScoreInspection(std, v)})
		}
		name, err := st.Setting(settingInspector)
		if err != nil {
			return errMsg{err}
		}
		return schoolLoadedMsg{school: sc, visits: rows, inspector: name}
	}
}

func (s *schoolScreen) setSize(w, h int) {
	s.w, s.h = w, h
	if s.form != nil {
		s.form.setWidth(w)
	}
}

func (s *schoolScreen) title() string {
	if s.school.Name != "" {
		return s.school.Name
	}
	return s.c.pick("学校", "School")
}

// textCursor is the terminal's cursor in the new-visit form.
func (s *schoolScreen) textCursor() *tea.Cursor {
	if s.form != nil {
		return s.form.cursor(s.w)
	}
	return nil
}

func (s *schoolScreen) typing() bool { return s.form != nil }

func (s *schoolScreen) keyMap() help.KeyMap {
	if s.form != nil {
		return s.form.keyMap()
	}
	return s.keys
}

// Update handles keys, the loaded school and a new visit.
func (s *schoolScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case schoolLoadedMsg:
		if msg.school.ID != s.id {
			return nil
		}
		s.loaded, s.school, s.visits, s.inspector = true, msg.school, msg.visits, msg.inspector
		s.cursor = min(s.cursor, max(len(s.visits)-1, 0))
		return nil
	case visitCreatedMsg:
		if msg.schoolID != s.id {
			return nil
		}
		s.starting = false
		if msg.err != nil {
			return func() tea.Msg { return errMsg{msg.err} }
		}
		s.inspector = msg.visit.Inspector
		return s.c.push(newWalkScreen(s.c, msg.visit.ID))
	case tea.KeyPressMsg, tea.PasteMsg:
		if s.form != nil {
			return s.formInput(msg)
		}
		if k, ok := msg.(tea.KeyPressMsg); ok {
			return s.key(k)
		}
	}
	return nil
}

func (s *schoolScreen) key(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, s.keys.Up):
		s.cursor = max(s.cursor-1, 0)
	case key.Matches(k, s.keys.Down):
		s.cursor = max(min(s.cursor+1, len(s.visits)-1), 0)
	case key.Matches(k, s.keys.Open):
		if s.cursor < len(s.visits) {
			return s.c.push(newWalkScreen(s.c, s.visits[s.cursor].Visit.ID))
		}
	case key.Matches(k, s.keys.New):
		if s.loaded {
			return s.openForm()
		}
	case key.Matches(k, s.keys.Back):
		return s.c.back()
	}
	return nil
}

// openForm asks for the date of a new visit, and the inspector's name the
// first time.
func (s *schoolScreen) openForm() tea.Cmd {
	c := s.c
	var fields []formField
	if s.inspector == "" {
		fields = append(fields, newField(c, c.pick("检查人", "Inspector"), "", c.pick("您的姓名(只问这一次)", "your name (asked once)"), true, 30))
	}
	fields = append(fields, newField(c, c.pick("日期", "Date"), c.today().String(), "2006-01-02", true, 10))
	hint := s.school.Name
	for _, v := range s.visits {
		if v.Visit.Status == checklist.Draft {
			hint += c.sprintf("\n注意:该校已有一份 %s 的草稿;要继续它,按 esc 返回后按 enter。", "\nNote: there is a draft of %s; to resume it, esc and then enter.", v.Visit.Date)
			break
		}
	}
	f, cmd := newForm(c, c.pick("新建检查", "New visit"), hint, fields...)
	return openForm(&s.form, f, cmd, s.w)
}

// formInput passes a key to the new-visit form; a sent one starts the
// visit (remembering the inspector's name the first time).
func (s *schoolScreen) formInput(msg tea.Msg) tea.Cmd {
	f, cmd := updateForm(&s.form, msg)
	if f == nil {
		return cmd
	}
	name, newName := s.inspector, false
	if name == "" {
		name, newName = f.value(0), true
	}
	dateField := len(f.fields) - 1
	date, err := checklist.ParseDate(f.value(dateField))
	if err != nil {
		s.form = f
		return f.setError(dateField, s.c.pick("日期应写成 2006-01-02 的格式", "write the date as 2006-01-02"))
	}
	st, id := s.c.store, s.id
	s.starting = true
	return func() tea.Msg {
		if newName {
			if err := st.SetSetting(settingInspector, name); err != nil {
				return visitCreatedMsg{schoolID: id, err: err}
			}
		}
		v, err := st.CreateInspection(id, name, date)
		return visitCreatedMsg{schoolID: id, visit: v, err: err}
	}
}

// View draws the school, its visits and what it has to fix.
func (s *schoolScreen) View(w, h int) []string {
	st := s.c.styles
	l := s.c.lang
	if s.form != nil {
		return s.form.View(w)
	}
	if !s.loaded {
		return s.c.loading(s.title())
	}
	var out lines
	sc := s.school
	out.add(st.Title.Render(termtext.Clip(termtext.ColumnSafe(sc.Name), w)))
	info := ""
	for _, f := range [][2]string{{l.Pick("乡镇", "Township"), sc.Township}, {l.Pick("类型", "Kind"), sc.Kind}, {l.Pick("书记", "Secretary"), sc.Secretary}} {
		if f[1] != "" {
			info += f[0] + " " + f[1] + "   "
		}
	}
	out.add(st.Dim.Render(termtext.Clip(termtext.ColumnSafe(info), w)), "")

	out.add(st.Bold.Render(s.c.sprintf("检查记录 %d 次", "Visits: %d", len(s.visits))))
	if len(s.visits) == 0 {
		out.add(st.Dim.Render(termtext.Clip(s.c.pick("  还没有检查。按 n 新建一次。", "  No visits yet. Press n to start one."), w)))
	} else {
		out.add(s.visitsTable(w, min(len(s.visits), max((h-len(out)-4)/2, 3)))...)
	}
	out.add("")
	out.add(s.toFix(w, h-len(out))...)
	return out
}

// visitsTable draws the visits, at most n rows, keeping the cursor's in
// view.
func (s *schoolScreen) visitsTable(w, n int) []string {
	st := s.c.styles
	l := s.c.lang
	dateW, byW, scoreW := 10, max(8, termtext.Width(l.Pick("检查人", "Inspector"))), max(10, termtext.Width(l.Pick("得分", "Score")))
	statusW := max(termtext.Width(l.Status(checklist.Finalized)), termtext.Width(l.Status(checklist.Draft)), termtext.Width(l.Pick("状态", "Status")))
	cols := func(date, by, score, status string) string {
		return termtext.Fit(date, dateW) + "  " + termtext.Fit(by, byW) + "  " + termtext.Fit(score, scoreW) + "  " + termtext.Fit(status, statusW) + "  "
	}
	out := []string{st.Header.Render("  " + cols(l.Pick("日期", "Date"), l.Pick("检查人", "Inspector"), l.Pick("得分", "Score"), l.Pick("状态", "Status")) + l.Pick("星级", "Stars"))}
	start := window(0, s.cursor, len(s.visits), n)
	for i := start; i < len(s.visits) && i < start+n; i++ {
		v := s.visits[i]
		score := checklist.FormatPoints(v.Score.Total)
		if v.Visit.Status == checklist.Draft {
			score += " " + l.Pick("暂定", "prov.")
		}
		line := cols(v.Visit.Date.String(), termtext.ColumnSafe(v.Visit.Inspector), score, l.Status(v.Visit.Status))
		stars := st.Stars.Render(i18n.Stars(v.Score.Stars, v.Standard.Stars.MaxStars()))
		if i == s.cursor {
			out = append(out, st.Selected.Render("> "+line)+stars)
		} else {
			out = append(out, "  "+line+stars)
		}
	}
	return out
}

// toFix lists the unmet and partly met items of the latest finalized
// visit with their notes, in at most h rows.
func (s *schoolScreen) toFix(w, h int) []string {
	st := s.c.styles
	l := s.c.lang
	var last *visitRow // the visits come latest first
	for i := range s.visits {
		if s.visits[i].Visit.Status == checklist.Finalized {
			last = &s.visits[i]
			break
		}
	}
	if last == nil {
		return []string{st.Dim.Render(termtext.Clip(l.Pick("待整改:还没有定稿的检查", "To fix: no finalized visit yet"), w))}
	}
	type fix struct {
		it *checklist.Item
		a  checklist.Answer
	}
	var fixes []fix
	for _, it := range last.Standard.ScoredItems() {
		if a := last.Visit.Answer(it.ID); a.Verdict.NeedsFixing() {
			fixes = append(fixes, fix{it, a})
		}
	}
	out := []string{st.Bold.Render(termtext.Clip(l.Sprintf("待整改(%s 的检查):%d 项", "To fix (visit of %s): %d", last.Visit.Date, len(fixes)), w))}
	if len(fixes) == 0 {
		return append(out, st.Dim.Render(termtext.Clip(l.Pick("  全部符合,没有要整改的项目", "  Everything met: nothing to fix"), w)))
	}
	verdictW := max(termtext.Width(l.Verdict(checklist.PartlyMet)), termtext.Width(l.Verdict(checklist.NotMet)))
	var rows []string
	for _, f := range fixes {
		head := "  " + termtext.Fit(f.it.ID, 7) + st.verdict(f.a.Verdict).Render(termtext.Fit(l.Verdict(f.a.Verdict), verdictW)) + "  "
		rows = append(rows, head+termtext.Clip(termtext.ColumnSafe(l.Text(f.it)), w-termtext.Width(head)))
		if f.a.Note != "" {
			rows = append(rows, st.Dim.Render(termtext.Clip("         "+l.Pick("备注:", "Note: ")+termtext.ColumnSafe(termtext.OneLine(f.a.Note)), w)))
		}
	}
	if len(rows) > h-1 {
		more := len(rows) - (h - 2)
		rows = append(rows[:max(h-2, 0)], st.Dim.Render(termtext.Clip(l.Sprintf("  (另有 %d 行未显示)", "  (%d more lines)", more), w)))
	}
	return append(out, rows...)
}

// ready reports whether the screen's data has loaded.
func (s *schoolScreen) ready() bool { return s.loaded && !s.starting }
