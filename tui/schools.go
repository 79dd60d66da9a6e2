package tui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"branchcheck/checklist"
	"branchcheck/termtext"
)

// schoolsScreen is the list of schools: township, last visit, this year's
// stars and a mark for a visit in progress, under the year's progress
// (已检查 8/12). It is the bottom of the stack. The list component
// (embedded) holds the rows, the cursor and the filter; v keeps only the
// schools not visited this year, t shows the progress by township and
// picks one.
//
// It reads the whole list once (Store.SchoolsOverview). A school whose
// line changes while the list is covered (a visit started, answered,
// finalized or deleted on the screens above, a school added) is marked
// stale, and when the list is back on top it reads those lines again, and
// only them (Store.SchoolOverview): coming back from a walk costs the
// same whatever the number of schools.
type schoolsScreen struct {
	list[checklist.SchoolOverview]
	c      *common
	keys   SchoolsKeys
	w, h   int
	loaded bool
	year   int
	form   *form
	// stale are the schools whose line changed since it was read.
	stale staleLines
	// added is the school to put the cursor on once its line is read
	// (one just added).
	added  string
	status string
	// unvisited: only the schools not visited this year; township: only
	// this township's schools ("" all).
	unvisited bool
	township  *string
	// towns is the progress by township, while it is shown.
	towns *townsView
	// warnings are what the database's open found (today's backup could
	// not be made), shown until the first key.
	warnings []string
}

func newSchoolsScreen(c *common) *schoolsScreen {
	k := c.keys.Schools
	s := &schoolsScreen{c: c, keys: k, stale: staleLines{}}
	s.list = newList(c, listKeys{Up: k.Up, Down: k.Down, PageUp: k.PageUp, PageDown: k.PageDown, Filter: k.Filter},
		func(r checklist.SchoolOverview) string { return r.School.ID }, s.cells)
	s.match = func(r checklist.SchoolOverview) []string {
		sc := r.School
		return []string{sc.Name, sc.Township, sc.Kind, sc.Secretary}
	}
	s.where = func(r checklist.SchoolOverview) bool {
		return (!s.unvisited || !visited(&r, s.year)) && (s.township == nil || r.School.Township == *s.township)
	}
	s.empty = c.pick("没有符合筛选条件的学校", "No school matches the filter")
	return s
}

// setColumns lays the list out: the stars' column is as wide as the
// style draws them on this terminal.
func (s *schoolsScreen) setColumns() {
	l := s.c.lang
	s.columns = []column{
		{title: l.Pick("学校", "School"), flex: true, min: 8},
		{title: l.Pick("乡镇", "Township"), fit: []string{l.Pick("乡镇", "Township")}, min: 8, gap: 2},
		{title: l.Pick("最近检查", "Last visit"), min: 10, gap: 2},
		{title: l.Pick("草稿", "Draft"), fit: []string{l.Pick("草稿", "draft")}, min: 4, gap: 2},
		starsColumn(s.c, 5, 2),
	}
}

// starsColumn is the last column of a list of ratings: the stars (of
// max), or 未评定, in their own color on the selected row too.
func starsColumn(c *common, max, gap int) column {
	l := c.lang
	return column{title: l.Pick("星级", "Stars"), fit: []string{l.NotRated(), l.Pick("星级", "Stars"), c.starText(max, max)}, gap: gap, own: true}
}

// cells are a school's row: name, township, last visit, draft, stars.
func (s *schoolsScreen) cells(r checklist.SchoolOverview) []cell {
	l := s.c.lang
	draft := ""
	if r.HasDraft() {
		draft = l.Pick("草稿", "draft")
	}
	date := r.LastVisit.String()
	if date == "" {
		date = "-"
	}
	return []cell{
		{text: termtext.ColumnSafe(r.School.Name)}, {text: termtext.ColumnSafe(r.School.Township)},
		{text: date}, {text: draft}, ratingStars(s.c, r.Rating),
	}
}

// Init reads the list when the screen opens, and when it is back on top
// the lines that changed meanwhile; the whole list again only if the year
// turned.
func (s *schoolsScreen) Init() tea.Cmd {
	year := s.c.today().Year
	if !s.loaded || year != s.year {
		clear(s.stale)
		return loadSchools(s.c.store, year)
	}
	return s.stale.reload(s.c.store, s.year)
}

// loadSchools reads the schools list of a year.
func loadSchools(st Store, year int) tea.Cmd {
	return func() tea.Msg {
		ov, err := st.SchoolsOverview(year)
		if err != nil {
			return errMsg{err}
		}
		return schoolsLoadedMsg{year: year, rows: ov.Schools}
	}
}

func (s *schoolsScreen) setSize(w, h int) {
	s.w, s.h = w, h
	s.filter.setWidth(w)
	s.setColumns()
	if s.form != nil {
		s.form.setWidth(w)
	}
	if s.towns != nil {
		s.towns.setHeight(h - 5)
	}
	// Below the title, the progress and the filter (and a database that
	// may not be written says so): the list, then the status line.
	s.setHeight(h - 6 - s.lockedRows())
}

func (s *schoolsScreen) title() string { return s.c.pick("学校列表", "Schools") }

// textCursor is the terminal's cursor in the form or the filter.
func (s *schoolsScreen) textCursor() *tea.Cursor {
	if s.form != nil {
		return s.form.cursor(s.w)
	}
	return s.filter.cursor(2)
}

func (s *schoolsScreen) typing() bool { return s.form != nil || s.filter.active }

func (s *schoolsScreen) keyMap() help.KeyMap {
	switch {
	case s.form != nil:
		return s.form.keyMap()
	case s.towns != nil:
		return s.towns.keyMap()
	}
	return s.filter.keyMap(s.keys)
}

// Update handles keys and the loaded list.
func (s *schoolsScreen) Update(msg tea.Msg) (tea.Cmd, navMsg) {
	switch msg := msg.(type) {
	case schoolsLoadedMsg:
		s.loaded, s.year = true, msg.year
		s.setRows(msg.rows)
		s.afterLines()
	case schoolLinesMsg:
		if s.loaded && msg.year == s.year {
			putLines(&s.list, msg.lines, checklist.SortSchoolOverviews)
			s.refresh()
			s.afterLines()
		}
	case answerSavedMsg, visitCreatedMsg, draftDeletedMsg, draftRedatedMsg, schoolEditedMsg:
		s.stale.note(msg)
	case schoolRemovedMsg:
		s.loaded = false // read whole when back on top: a school left the list or came back
	case fileJobDoneMsg:
		if msg.err == nil && msg.report.Changed {
			s.loaded = false
		}
	case schoolAddedMsg:
		s.added = msg.school.ID
		s.stale[msg.school.ID] = true
		s.status = s.c.sprintf("已添加 %s", "Added %s", termtext.Line(msg.school.Name))
		return s.Init(), nil
	case tea.KeyPressMsg, tea.PasteMsg:
		return s.input(msg)
	}
	return nil, nil
}

// afterLines puts the cursor on a school just added, once its line is
// there, and counts the townships again if they are shown.
func (s *schoolsScreen) afterLines() {
	if s.added != "" && slices.ContainsFunc(s.rows, func(r checklist.SchoolOverview) bool { return r.School.ID == s.added }) {
		s.selectID(s.added)
		s.added = ""
	}
	if s.towns != nil {
		s.towns.setRows(townRows(s.c, s.rows, s.year))
	}
}

// input handles a key or a paste.
func (s *schoolsScreen) input(msg tea.Msg) (tea.Cmd, navMsg) {
	if s.form != nil {
		return s.formInput(msg), nil
	}
	if s.towns != nil {
		s.townsInput(msg)
		return nil, nil
	}
	if cmd, ok := s.typeFilter(msg); ok {
		return cmd, nil
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil, nil
	}
	s.status, s.warnings = "", nil
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
	case key.Matches(k, s.keys.Unvisited):
		s.unvisited = !s.unvisited
		s.refresh()
	case key.Matches(k, s.keys.Townships):
		s.openTowns()
	case key.Matches(k, s.keys.Ratings):
		return nil, open(newRatingsScreen(s.c))
	case key.Matches(k, s.keys.Ledger):
		return nil, open(newLedgerScreen(s.c, townNames(s.rows)))
	case key.Matches(k, s.keys.Standard):
		return nil, open(newStandardScreen(s.c))
	case key.Matches(k, s.keys.Settings):
		return nil, open(newSettingsScreen(s.c))
	case key.Matches(k, s.keys.Files):
		return nil, open(newFilesScreen(s.c))
	case key.Matches(k, s.keys.Archived):
		return nil, open(newArchivedScreen(s.c))
	case key.Matches(k, s.keys.Quit):
		return nil, quitMsg{}
	}
	return nil, nil
}

// View draws the list, the form, the progress by township, or how to
// start when there is no school.
func (s *schoolsScreen) View(w, h int) []string {
	st := s.c.styles
	switch {
	case s.form != nil:
		return s.form.View(w)
	case !s.loaded:
		return s.c.loading(s.title())
	}
	var out lines
	out.add(st.Title.Render(termtext.Clip(s.c.sprintf("学校列表  共 %d 所  星级为 %d 年度评定", "Schools: %d  (stars: %d rating)", len(s.rows), s.year), w)))
	out.add(s.lockedView(w)...)
	if len(s.rows) == 0 {
		if len(s.warnings) > 0 {
			out.add(st.Warn.Render(s.c.clip(strings.Join(s.warnings, s.c.pick("；", "; ")), w)))
		}
		return append(out, s.emptyView(w)...)
	}
	if s.towns != nil {
		return append(out, s.towns.view(w)...)
	}
	out.add(termtext.Clip(s.progress(), w))
	out.add(s.restriction(w))
	out.add(s.list.view(w)...)
	if len(s.warnings) > 0 {
		out.add(st.Warn.Render(s.c.clip(strings.Join(s.warnings, s.c.pick("；", "; ")), w)))
	}
	if s.status != "" {
		out.add(st.OK.Render(termtext.Clip(s.status, w)))
	}
	return out
}

// progress is the year's progress: how many schools were visited.
func (s *schoolsScreen) progress() string {
	n := 0
	for i := range s.rows {
		if visited(&s.rows[i], s.year) {
			n++
		}
	}
	return s.c.sprintf("%d 年已检查 %d/%d 所，未检查 %d 所", "%d: visited %d/%d, %d to go", s.year, n, len(s.rows), len(s.rows)-n)
}

// restriction is the line under the progress: the filter, and which
// schools v and t keep.
func (s *schoolsScreen) restriction(w int) string {
	if s.filter.active || (s.township == nil && !s.unvisited) {
		return s.filter.view(w)
	}
	l := s.c.lang
	var parts []string
	if s.township != nil {
		parts = append(parts, l.Sprintf("乡镇：%s（t 更换）", "Township: %s (t: another)", townName(s.c, *s.township)))
	}
	if s.unvisited {
		parts = append(parts, l.Pick("只看本年未检查（v 取消）", "not visited this year (v: all)"))
	}
	if v := s.filter.input.Value(); v != "" {
		parts = append(parts, l.Sprintf("筛选：%s", "Filter: %s", v))
	}
	text := ""
	for i, p := range parts {
		if i > 0 {
			text += "  "
		}
		text += p
	}
	return s.c.styles.Warn.Render(termtext.Clip(termtext.Line(text), w))
}

// ratingStars is a year rating's stars, or 未评定 (nil).
func ratingStars(c *common, r *checklist.RatedVisit) cell {
	if r == nil || r.Standard == nil {
		return cell{text: c.lang.NotRated(), paint: c.styles.Dim}
	}
	return cell{text: c.starText(r.Score.Stars, r.MaxStars()), paint: c.styles.Stars}
}

// emptyView says how to start when there is no school yet.
func (s *schoolsScreen) emptyView(w int) []string {
	st := s.c.styles
	l := s.c.lang
	var out lines
	out.add("")
	for _, r := range termtext.Wrap(l.Pick("还没有学校。可以这样开始：", "No schools yet. To start:"), w) {
		out.add(r)
	}
	out.add("")
	ways := [][2]string{
		{"a", l.Pick("在这里添加一所学校", "add a school here")},
		{"branchcheck schools import FILE", l.Pick("从 CSV 或 XLSX 名单导入学校", "import schools from a CSV or XLSX list")},
		{"branchcheck demo", l.Pick("生成一个演示数据库来看看", "make a demo database to look around")},
	}
	if s.c.files.ImportSchools != nil {
		ways[1] = [2]string{"f", l.Pick("导入学校名单（CSV 或 XLSX），再选“导入学校名单”", "import the school list (CSV or XLSX): Import the school list")}
	}
	if !s.c.writable() {
		ways = ways[2:]
	}
	for _, wy := range ways {
		out.add(termtext.IndentWrap("  "+st.Key.Render(wy[0])+"  ", wy[1], w)...)
	}
	return out
}

// ready reports whether the screen's data has loaded.
func (s *schoolsScreen) ready() bool { return s.loaded }

// lockedRows is how many rows the notice of a database that may not be
// written takes.
func (s *schoolsScreen) lockedRows() int { return len(s.lockedView(s.w)) }

// lockedView says that the database may not be written, and why, on at
// most two rows.
func (s *schoolsScreen) lockedView(w int) []string {
	if s.c.writable() {
		return nil
	}
	text := s.c.sprintf("只读：%s", "Read-only: %s", s.c.say(s.c.readOnly))
	rows := s.c.wrap(text, w)
	if len(rows) > 2 {
		rows = []string{rows[0], s.c.clip(strings.Join(rows[1:], ""), w)}
	}
	for i := range rows {
		rows[i] = s.c.styles.Warn.Render(rows[i])
	}
	return rows
}

// sayAll words errors for the screen, one line each.
func sayAll(c *common, errs []error) []string {
	var out []string
	for _, err := range errs {
		out = append(out, c.pick("注意：", "Note: ")+c.say(err))
	}
	return out
}
