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

// schoolsScreen is the list of schools: township, last visit, this year's
// stars and a mark for a visit in progress. It is the bottom of the stack.
// The list component (embedded) holds the rows, the cursor and the filter.
type schoolsScreen struct {
	list[schoolRow]
	c      *common
	keys   SchoolsKeys
	w      int
	loaded bool
	year   int
	form   *form
	// added is the school to put the cursor on once the list is loaded
	// (one just added).
	added  string
	status string
}

func newSchoolsScreen(c *common) *schoolsScreen {
	k := c.keys.Schools
	s := &schoolsScreen{c: c, keys: k}
	s.list = newList(c, listKeys{Up: k.Up, Down: k.Down, PageUp: k.PageUp, PageDown: k.PageDown, Filter: k.Filter},
		func(r schoolRow) string { return r.School.ID }, s.cells)
	s.match = func(r schoolRow) []string {
		sc := r.School
		return []string{sc.Name, sc.Township, sc.Kind, sc.Secretary}
	}
	s.empty = c.pick("没有符合筛选条件的学校", "No school matches the filter")
	l := c.lang
	s.columns = []column{
		{title: l.Pick("学校", "School"), flex: true, min: 8},
		{title: l.Pick("乡镇", "Township"), fit: []string{l.Pick("乡镇", "Township")}, min: 8, gap: 2},
		{title: l.Pick("最近检查", "Last visit"), min: 10, gap: 2},
		{title: l.Pick("草稿", "Draft"), fit: []string{l.Pick("草稿", "draft")}, min: 4, gap: 2},
		starsColumn(l, 2),
	}
	return s
}

// starsColumn is the last column of a list of ratings: the stars, or
// 未评定, in their own color on the selected row too.
func starsColumn(l i18n.Lang, gap int) column {
	return column{title: l.Pick("星级", "Stars"), fit: []string{l.NotRated(), l.Pick("星级", "Stars"), strings.Repeat("★", 5)}, gap: gap, own: true}
}

// cells are a school's row: name, township, last visit, draft, stars.
func (s *schoolsScreen) cells(r schoolRow) []cell {
	l := s.c.lang
	draft := ""
	if r.Draft {
		draft = l.Pick("草稿", "draft")
	}
	date := r.LastVisit.String()
	if date == "" {
		date = "-"
	}
	return []cell{
		{text: termtext.ColumnSafe(r.School.Name)}, {text: termtext.ColumnSafe(r.School.Township)},
		{text: date}, {text: draft}, ratingStars(l, s.c.styles, r.Rating),
	}
}

// Init loads the list.
func (s *schoolsScreen) Init() tea.Cmd { return loadSchools(s.c.store, s.c.today().Year) }

// loadSchools reads the schools with their last visit, draft and this
// year's rating.
func loadSchools(st Store, year int) tea.Cmd {
	return func() tea.Msg {
		schools, err := st.Schools()
		if err != nil {
			return errMsg{err}
		}
		visits, err := st.Inspections()
		if err != nil {
			return errMsg{err}
		}
		yr, err := st.RateYear(year)
		if err != nil {
			return errMsg{err}
		}
		ratings := make(map[string]checklist.Rating, len(yr.Ratings))
		for _, r := range yr.Ratings {
			ratings[r.School.ID] = r
		}
		// By township, then name, in pinyin order as the ratings are.
		checklist.SortSchools(schools)
		rows := make([]schoolRow, len(schools))
		byID := make(map[string]*schoolRow, len(schools))
		for i, sc := range schools {
			rows[i] = schoolRow{School: sc, Rating: ratings[sc.ID]}
			byID[sc.ID] = &rows[i]
		}
		for _, v := range visits {
			r := byID[v.SchoolID]
			if r == nil {
				continue
			}
			if v.Date.Compare(r.LastVisit) > 0 {
				r.LastVisit = v.Date
			}
			if v.Status == checklist.Draft {
				r.Draft = true
			}
		}
		return schoolsLoadedMsg{year: year, rows: rows}
	}
}

func (s *schoolsScreen) setSize(w, h int) {
	s.w = w
	s.filter.setWidth(w)
	if s.form != nil {
		s.form.setWidth(w)
	}
	// Below the title and the filter: the list, then the status line.
	s.setHeight(h - 5)
}

func (s *schoolsScreen) title() string { return s.c.pick("学校列表", "Schools") }

// textCursor is the terminal's cursor in the form or the filter.
func (s *schoolsScreen) textCursor() *tea.Cursor {
	if s.form != nil {
		return s.form.cursor(s.w)
	}
	return s.filter.cursor(1)
}

func (s *schoolsScreen) typing() bool { return s.form != nil || s.filter.active }

func (s *schoolsScreen) keyMap() help.KeyMap {
	if s.form != nil {
		return s.form.keyMap()
	}
	return s.filter.keyMap(s.keys)
}

// Update handles keys and the loaded list.
func (s *schoolsScreen) Update(msg tea.Msg) (tea.Cmd, navMsg) {
	switch msg := msg.(type) {
	case schoolsLoadedMsg:
		s.loaded, s.year = true, msg.year
		s.setRows(msg.rows)
		if s.added != "" {
			s.selectID(s.added)
			s.added = ""
		}
	case schoolAddedMsg:
		s.added = msg.school.ID
		s.status = s.c.sprintf("已添加 %s", "Added %s", msg.school.Name)
		return s.Init(), nil
	case tea.KeyPressMsg, tea.PasteMsg:
		return s.input(msg)
	}
	return nil, nil
}

// input handles a key or a paste.
func (s *schoolsScreen) input(msg tea.Msg) (tea.Cmd, navMsg) {
	if s.form != nil {
		return s.formInput(msg), nil
	}
	if cmd, ok := s.typeFilter(msg); ok {
		return cmd, nil
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil, nil
	}
	s.status = ""
	if cmd, ok := s.listKey(k); ok {
		return cmd, nil
	}
	switch {
	case key.Matches(k, s.keys.Open):
		if id := s.selectedID(); id != "" {
			return nil, open(newSchoolScreen(s.c, id))
		}
	case key.Matches(k, s.keys.Add):
		return s.openForm(), nil
	case key.Matches(k, s.keys.Ratings):
		return nil, open(newRatingsScreen(s.c))
	case key.Matches(k, s.keys.Standard):
		return nil, open(newStandardScreen(s.c))
	case key.Matches(k, s.keys.Quit):
		return nil, quitMsg{}
	}
	return nil, nil
}

// openForm opens the add-school form.
func (s *schoolsScreen) openForm() tea.Cmd {
	c := s.c
	f, cmd := newForm(c, c.pick("添加学校", "Add a school"), "",
		newField(c, c.pick("校名", "Name"), "", c.pick("如 城关镇第一小学", "e.g. 城关镇第一小学"), true, 60),
		newField(c, c.pick("乡镇", "Township"), "", c.pick("如 城关镇", "e.g. 城关镇"), false, 30),
		newField(c, c.pick("类型", "Kind"), "", c.pick("小学、初中、高中等", "primary, middle school, etc."), false, 20),
		newField(c, c.pick("书记", "Secretary"), "", "", false, 30),
	)
	return openForm(&s.form, f, cmd, s.w)
}

// formInput passes a key to the add-school form; a sent form is saved.
func (s *schoolsScreen) formInput(msg tea.Msg) tea.Cmd {
	f, cmd := updateForm(&s.form, msg)
	if f == nil {
		return cmd
	}
	sc := checklist.School{Name: f.value(0), Township: f.value(1), Kind: f.value(2), Secretary: f.value(3)}
	st := s.c.store
	return func() tea.Msg {
		saved, err := st.AddSchool(sc)
		if err != nil {
			return errMsg{err}
		}
		return schoolAddedMsg{saved}
	}
}

// View draws the list, the form, or how to start when there is no school.
func (s *schoolsScreen) View(w, h int) []string {
	st := s.c.styles
	if s.form != nil {
		return s.form.View(w)
	}
	if !s.loaded {
		return s.c.loading(s.title())
	}
	var out lines
	out.add(st.Title.Render(termtext.Clip(s.c.sprintf("学校列表  共 %d 所  星级为 %d 年度评定", "Schools: %d  (stars: %d rating)", len(s.rows), s.year), w)))
	if len(s.rows) == 0 {
		return append(out, s.emptyView(w)...)
	}
	out.add(s.filter.view(w))
	out.add(s.list.view(w)...)
	if s.status != "" {
		out.add(st.OK.Render(termtext.Clip(s.status, w)))
	}
	return out
}

// ratingStars is a year rating's stars, or 未评定.
func ratingStars(l i18n.Lang, st *Styles, r checklist.Rating) cell {
	if r.Visit == nil || r.Standard == nil {
		return cell{text: l.NotRated(), paint: st.Dim}
	}
	return cell{text: i18n.Stars(r.Score.Stars, r.Standard.Stars.MaxStars()), paint: st.Stars}
}

// emptyView says how to start when there is no school yet.
func (s *schoolsScreen) emptyView(w int) []string {
	st := s.c.styles
	l := s.c.lang
	var out lines
	out.add("")
	for _, r := range termtext.Wrap(l.Pick("还没有学校。可以这样开始:", "No schools yet. To start:"), w) {
		out.add(r)
	}
	out.add("")
	ways := [][2]string{
		{"a", l.Pick("在这里添加一所学校", "add a school here")},
		{"branchcheck schools import FILE", l.Pick("从 CSV 或 XLSX 名单导入学校", "import schools from a CSV or XLSX list")},
		{"branchcheck demo", l.Pick("生成一个演示数据库来看看", "make a demo database to look around")},
	}
	for _, wy := range ways {
		out.add(termtext.IndentWrap("  "+st.Key.Render(wy[0])+"  ", wy[1], w)...)
	}
	return out
}

// ready reports whether the screen's data has loaded.
func (s *schoolsScreen) ready() bool { return s.loaded }
