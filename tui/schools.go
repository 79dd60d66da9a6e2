package tui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/termtext"
)

// schoolsScreen is the list of schools: township, last visit, this year's
// stars and a mark for a visit in progress. It is the bottom of the stack.
type schoolsScreen struct {
	c      *common
	keys   SchoolsKeys
	w, h   int
	loaded bool
	year   int
	rows   []schoolRow
	// shown are the indices of the rows the filter lets through.
	shown  []int
	cursor int
	offset int
	filter filterInput
	form   *form
	// selectID is the school to put the cursor on once the list is
	// loaded (one just added).
	selectID string
	status   string
}

func newSchoolsScreen(c *common) *schoolsScreen {
	return &schoolsScreen{c: c, keys: c.keys.Schools, filter: newFilterInput(c)}
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
	s.w, s.h = w, h
	s.filter.setWidth(w)
	if s.form != nil {
		s.form.setWidth(w)
	}
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
func (s *schoolsScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case schoolsLoadedMsg:
		selected := s.selectedID()
		if s.selectID != "" {
			selected, s.selectID = s.selectID, ""
		}
		s.loaded, s.year, s.rows = true, msg.year, msg.rows
		s.refilter(selected)
		return nil
	case schoolAddedMsg:
		s.selectID = msg.school.ID
		s.status = s.c.sprintf("已添加 %s", "Added %s", msg.school.Name)
		return s.Init()
	case tea.KeyPressMsg, tea.PasteMsg:
		return s.input(msg)
	}
	return nil
}

// input handles a key or a paste.
func (s *schoolsScreen) input(msg tea.Msg) tea.Cmd {
	if s.form != nil {
		return s.formInput(msg)
	}
	if cmd, ok := s.filter.take(msg, func() { s.refilter(s.selectedID()) }); ok {
		return cmd
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	s.status = ""
	if d, ok := step(k, s.pageSize(), s.keys.Up, s.keys.Down, s.keys.PageUp, s.keys.PageDown); ok {
		s.move(d)
		return nil
	}
	switch {
	case key.Matches(k, s.keys.Open):
		if id := s.selectedID(); id != "" {
			return s.c.push(newSchoolScreen(s.c, id))
		}
	case key.Matches(k, s.keys.Add):
		return s.openForm()
	case key.Matches(k, s.keys.Filter):
		return s.filter.start()
	case key.Matches(k, s.keys.Ratings):
		return s.c.push(newRatingsScreen(s.c))
	case key.Matches(k, s.keys.Standard):
		return s.c.push(newStandardScreen(s.c))
	case key.Matches(k, s.keys.Quit):
		return s.c.quit()
	}
	return nil
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

// refilter applies the filter and keeps the cursor on the school with
// the given id if it is still shown.
func (s *schoolsScreen) refilter(keepID string) {
	s.shown = s.shown[:0]
	for i, r := range s.rows {
		sc := r.School
		if s.filter.matches(sc.Name, sc.Township, sc.Kind, sc.Secretary) {
			s.shown = append(s.shown, i)
		}
	}
	s.cursor = min(s.cursor, max(len(s.shown)-1, 0))
	for i, ri := range s.shown {
		if s.rows[ri].School.ID == keepID {
			s.cursor = i
		}
	}
}

func (s *schoolsScreen) selectedID() string {
	if s.cursor < len(s.shown) {
		return s.rows[s.shown[s.cursor]].School.ID
	}
	return ""
}

func (s *schoolsScreen) move(d int) {
	s.cursor = max(0, min(s.cursor+d, len(s.shown)-1))
}

// pageSize is how many rows the table shows.
func (s *schoolsScreen) pageSize() int { return max(s.h-5, 1) }

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

	l := s.c.lang
	dateW, townW := 10, max(termtext.Width(l.Pick("乡镇", "Township")), 8)
	draftW := max(termtext.Width(l.Pick("草稿", "draft")), 4)
	starW := max(5, termtext.Width(l.NotRated()), termtext.Width(l.Pick("星级", "Stars")))
	nameW := max(w-2-townW-dateW-draftW-starW-8, 8)
	cols := func(name, town, date, draft, stars string) string {
		return termtext.Fit(name, nameW) + "  " + termtext.Fit(town, townW) + "  " + termtext.Fit(date, dateW) + "  " + termtext.Fit(draft, draftW) + "  " + stars
	}
	out.add(st.Header.Render("  " + cols(l.Pick("学校", "School"), l.Pick("乡镇", "Township"), l.Pick("最近检查", "Last visit"),
		l.Pick("草稿", "Draft"), l.Pick("星级", "Stars"))))

	body := h - len(out) - 1
	s.offset = window(s.offset, s.cursor, len(s.shown), body)
	for i := s.offset; i < len(s.shown) && i < s.offset+body; i++ {
		r := s.rows[s.shown[i]]
		draft := ""
		if r.Draft {
			draft = l.Pick("草稿", "draft")
		}
		date := r.LastVisit.String()
		if date == "" {
			date = "-"
		}
		stars := ratingStars(l, st, r.Rating)
		line := cols(termtext.ColumnSafe(r.School.Name), termtext.ColumnSafe(r.School.Township), date, draft, "")
		if i == s.cursor {
			out.add(st.Selected.Render("> "+line) + stars)
		} else {
			out.add("  " + line + stars)
		}
	}
	if len(s.shown) == 0 {
		out.add(st.Dim.Render(termtext.Clip(s.c.pick("  没有符合筛选条件的学校", "  No school matches the filter"), w)))
	}
	for len(out) < h-1 {
		out.add("")
	}
	if s.status != "" {
		out.add(st.OK.Render(termtext.Clip(s.status, w)))
	}
	return out
}

// ratingStars draws a year rating's stars, or 未评定.
func ratingStars(l i18n.Lang, st *Styles, r checklist.Rating) string {
	if r.Visit == nil || r.Standard == nil {
		return st.Dim.Render(l.NotRated())
	}
	return st.Stars.Render(i18n.Stars(r.Score.Stars, r.Standard.Stars.MaxStars()))
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

// filterInput is the / filter of a list: a text field and whether it is
// being typed in.
type filterInput struct {
	c      *common
	input  textinput.Model
	active bool
}

func newFilterInput(c *common) filterInput {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = c.pick("输入文字筛选", "type to filter")
	in.CharLimit = 40
	in.SetStyles(c.styles.Input)
	in.SetVirtualCursor(false) // the terminal's own cursor, for input methods
	return filterInput{c: c, input: in}
}

func (f *filterInput) setWidth(w int) { f.input.SetWidth(max(w-4, 8)) }

// start begins typing a filter.
func (f *filterInput) start() tea.Cmd {
	f.active = true
	return f.input.Focus()
}

// take handles a key or a paste if the filter is being typed, and
// reports whether it did; changed runs when the filter's text changed.
func (f *filterInput) take(msg tea.Msg, changed func()) (tea.Cmd, bool) {
	if !f.active {
		return nil, false
	}
	cmd, ch := f.Update(msg)
	if ch {
		changed()
	}
	return cmd, true
}

// keyMap is the filter's keys while it is typed, else the screen's.
func (f *filterInput) keyMap(screen help.KeyMap) help.KeyMap {
	if f.active {
		k := f.c.keys.Filter
		return oneColumn(k.Apply, k.Clear)
	}
	return screen
}

// Update handles a key while the filter is typed: enter keeps it, esc
// clears it. It reports whether the filter text changed.
func (f *filterInput) Update(msg tea.Msg) (tea.Cmd, bool) {
	k := f.c.keys.Filter
	before := f.input.Value()
	if km, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(km, k.Apply):
			f.active = false
			f.input.Blur()
			return nil, false
		case key.Matches(km, k.Clear):
			f.active = false
			f.input.Blur()
			f.input.Reset()
			return nil, before != ""
		}
	}
	var cmd tea.Cmd
	f.input, cmd = f.input.Update(msg)
	return cmd, f.input.Value() != before
}

// cursor is the terminal's cursor in the filter's line, at row y.
func (f *filterInput) cursor(y int) *tea.Cursor {
	if !f.active {
		return nil
	}
	c := inputCursor(f.input)
	if c != nil {
		c.Y = y
	}
	return c
}

// matches reports whether any of the fields contains the filter text
// (ignoring case).
func (f *filterInput) matches(fields ...string) bool {
	q := strings.ToLower(strings.TrimSpace(f.input.Value()))
	if q == "" {
		return true
	}
	for _, s := range fields {
		if strings.Contains(strings.ToLower(s), q) {
			return true
		}
	}
	return false
}

// view is the filter's line: the field while typing, the filter in
// effect, or a blank line.
func (f *filterInput) view(w int) string {
	switch {
	case f.active:
		return termtext.Clip(f.input.View(), w)
	case strings.TrimSpace(f.input.Value()) != "":
		return f.c.styles.Dim.Render(termtext.Clip(f.c.sprintf("筛选:%s(按 / 修改)", "Filter: %s (/ to change)", f.input.Value()), w))
	}
	return ""
}

// ready reports whether the screen's data has loaded.
func (s *schoolsScreen) ready() bool { return s.loaded }
