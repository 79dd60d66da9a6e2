package tui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/termtext"
)

// Sort columns of the ratings table besides the requirements' points.
const (
	sortDefault = iota // township, rated first, total high to low, name
	sortName
	sortRequirement // sortRequirement+i sorts by the i-th 要's points
)

// ratingsScreen is a year's rating of every school: per-要 points, total,
// the 落后党支部 flag and the stars, and 未评定 for a school with no
// finalized visit that year. The list component (embedded) holds the
// rows (the year's schools list), sorts and filters them and keeps the
// cursor.
//
// The table is the year's schools list (Store.SchoolsOverview), whose
// lines carry each school's rating scored from the verdicts the store's
// summaries keep, so it reads no visit: a county's year in a few
// milliseconds, a province's in well under a second. An export needs the
// rated visits whole (the findings and their notes): x reads them then
// (Store.RateYear), and exports the rows shown, in their order. Like the
// schools list, the table reads again only the lines of the schools
// changed on the screens above it.
type ratingsScreen struct {
	list[checklist.SchoolOverview]
	c      *common
	keys   RatingsKeys
	w, h   int
	year   int
	loaded bool
	// std labels the columns: the standard of the year's first rating,
	// else the year's standard.
	std *checklist.Standard
	// maxStars is the top of the year's star scale.
	maxStars int
	// town ranks each row's township, by the rows' index: the default
	// order keeps the townships in the list's order.
	town    []int
	sortCol int
	asc     bool
	// stale are the schools whose line changed since it was read.
	stale staleLines
	// flag is a lagging branch's mark, as long as the width lets it be.
	flag string
	// rule states who is lagging and the scope of the veto, in rows of
	// the width.
	rule   []string
	status string
	// choosing: the export key was pressed and a format key is awaited.
	choosing bool
	// collator sorts names in pinyin order.
	collator *collate.Collator
	// ye is the year's stage, its charts and movements (ratingsyear.go).
	ye ratingsYear
}

func newRatingsScreen(c *common) *ratingsScreen {
	k := c.keys.Ratings
	r := &ratingsScreen{c: c, keys: k, year: c.today().Year, asc: true, maxStars: 5, stale: staleLines{}, collator: collate.New(language.Chinese)}
	r.list = newList(c, listKeys{Up: k.Up, Down: k.Down, PageUp: k.PageUp, PageDown: k.PageDown, Filter: k.Filter},
		func(o checklist.SchoolOverview) string { return o.School.ID }, r.cells)
	r.match = r.matchTexts
	r.order = r.compare
	r.empty = c.pick("没有学校", "No schools")
	r.keys.Export.SetEnabled(c.export != nil)
	r.keys.NextYear.SetEnabled(false) // this year: the last there is
	r.syncYearKeys()
	return r
}

// Init loads the year's table when the screen opens or the year changes,
// and when it is back on top the lines that changed meanwhile.
func (r *ratingsScreen) Init() tea.Cmd {
	if r.loaded {
		cmd := r.stale.reload(r.c.store, r.year)
		if cmd != nil && r.ye.asked {
			r.ye.asked = false // the lines changed: the charts too
			cmd = tea.Batch(cmd, r.wantCharts())
		}
		return cmd
	}
	clear(r.stale)
	return r.readTable(r.c.store, r.year)
}

// readTable reads the year's schools list and the standard that heads
// its columns.
func (r *ratingsScreen) readTable(st Store, year int) tea.Cmd {
	return func() tea.Msg {
		ov, err := st.SchoolsOverview(year)
		if err != nil {
			return errMsg{err}
		}
		var std *checklist.Standard
		if len(ov.Standards) > 0 {
			std = ov.Standards[0]
		} else if std, err = st.StandardForYear(year); err != nil {
			// No school is rated that year: the year's standard heads the
			// columns.
			return errMsg{err}
		}
		// The year's stage: one value, read with the table.
		stage, err := st.YearStage(year)
		if err != nil {
			return errMsg{err}
		}
		return ratingsLoadedMsg{year: year, overview: ov, standard: std, stage: stage}
	}
}

func (r *ratingsScreen) setSize(w, h int) {
	r.w, r.h = w, h
	if r.ye.form != nil {
		r.ye.form.setWidth(w)
	}
	r.filter.setWidth(w)
	r.setColumns()
	r.layout()
}

// layout wraps the rule to the width and gives the table the rows below
// the title, the counts, the rule and the filter, but the status line.
func (r *ratingsScreen) layout() {
	r.rule = nil
	if r.std != nil {
		l := r.c.lang
		r.rule = r.c.wrap(l.LaggingBound(r.std.Stars)+l.Pick("。", ". ")+l.LaggingVeto(), r.w)
	}
	r.setHeight(r.h - 7 - max(len(r.rule), 1)) // the stage's line too
}

func (r *ratingsScreen) title() string { return r.c.pick("年度星级评定", "Year ratings") }

// textCursor is the terminal's cursor in the filter, under the title,
// the counts and the rule.
func (r *ratingsScreen) textCursor() *tea.Cursor {
	if r.ye.form != nil {
		return r.ye.form.cursor(r.w)
	}
	return r.filter.cursor(3 + len(r.rule))
}

func (r *ratingsScreen) typing() bool { return r.filter.active || r.ye.form != nil }

func (r *ratingsScreen) keyMap() help.KeyMap {
	if km := r.yearKeyMap(); km != nil {
		return km
	}
	if r.choosing {
		ek := r.c.keys.Export
		return oneColumn(ek.XLSX, ek.CSV, ek.HTML, ek.Markdown, ek.JSON, ek.Cancel)
	}
	return r.filter.keyMap(r.keys)
}

// Update handles keys and the loaded ratings.
func (r *ratingsScreen) Update(msg tea.Msg) (tea.Cmd, navMsg) {
	if cmd, ok := r.yearUpdate(msg); ok {
		return cmd, nil
	}
	switch msg := msg.(type) {
	case ratingsLoadedMsg:
		if msg.year != r.year {
			return nil, nil
		}
		r.loaded, r.std, r.maxStars = true, msg.standard, msg.overview.MaxStars
		rated := msg.overview.Ratings()
		r.town = townRanks(rated)
		r.setRows(rated)
		r.ye.stage = msg.stage
		r.syncYearKeys()
		r.setColumns()
		r.layout()
		return r.wantCharts(), nil
	case schoolLinesMsg:
		if r.loaded && msg.year == r.year {
			putLines(&r.list, msg.lines, checklist.SortSchoolOverviews)
			r.town = townRanks(r.rows)
			r.refresh()
		}
	case answerSavedMsg, visitCreatedMsg, draftDeletedMsg:
		r.stale.note(msg)
	case exportedMsg:
		r.status = r.c.sprintf("已导出%s：%s", "Exported %s: %s", msg.what, msg.where)
	case tea.KeyPressMsg, tea.PasteMsg:
		if cmd, ok := r.typeFilter(msg); ok {
			return cmd, nil
		}
		if k, ok := msg.(tea.KeyPressMsg); ok {
			return r.key(k)
		}
	}
	return nil, nil
}

func (r *ratingsScreen) key(k tea.KeyPressMsg) (tea.Cmd, navMsg) {
	r.status = ""
	if r.choosing {
		return r.chooseFormat(k), nil
	}
	if cmd, ok := r.listKey(k); ok {
		return cmd, nil
	}
	ncols := sortRequirement + r.reqCount() + 1
	switch {
	case key.Matches(k, r.keys.PrevYear):
		return r.setYear(r.year - 1), nil
	case key.Matches(k, r.keys.NextYear):
		if r.year < r.c.today().Year {
			return r.setYear(r.year + 1), nil
		}
	case key.Matches(k, r.keys.SortPrev):
		r.setSort((r.sortCol + ncols - 1) % ncols)
	case key.Matches(k, r.keys.SortNext):
		r.setSort((r.sortCol + 1) % ncols)
	case key.Matches(k, r.keys.Order):
		r.asc = !r.asc
		r.resort()
	case key.Matches(k, r.keys.Open):
		if rt, ok := r.selected(); ok {
			return nil, open(newSchoolScreen(r.c, rt.School.ID))
		}
	case key.Matches(k, r.keys.Export):
		if r.c.export != nil && r.loaded {
			r.choosing = true
		}
	case key.Matches(k, r.keys.Back):
		return nil, goBackMsg{}
	}
	return nil, nil
}

// chooseFormat takes the key after the export key: a format, or cancel.
func (r *ratingsScreen) chooseFormat(k tea.KeyPressMsg) tea.Cmd {
	ek := r.c.keys.Export
	if key.Matches(k, ek.Cancel) {
		r.choosing = false
		return nil
	}
	for _, c := range ek.Formats() {
		if key.Matches(k, c.Key) {
			r.choosing = false
			r.status = r.c.sprintf("正在导出 %s…", "Exporting %s…", c.Format)
			return r.export(c.Format)
		}
	}
	return nil // any other key: still choosing
}

// export reads the year's ratings whole and hands the rows shown,
// filtered and in the order shown, to the exporter wired in by the
// program.
func (r *ratingsScreen) export(format string) tea.Cmd {
	exp, st, year, ids, l, what := r.c.export, r.c.store, r.year, r.shownIDs(), r.c.lang, r.what()
	return func() tea.Msg {
		yr, err := st.RateYear(year)
		if err != nil {
			return errMsg{err}
		}
		where, err := exp(shownRating(yr, ids), l, format)
		if err != nil {
			return errMsg{err}
		}
		return exportedMsg{what: what, where: where}
	}
}

// shownIDs are the schools of the rows shown, in their order.
func (r *ratingsScreen) shownIDs() []string {
	ids := make([]string, len(r.shown))
	for i, ri := range r.shown {
		ids[i] = r.rows[ri].School.ID
	}
	return ids
}

// shownRating is the year's rating of the schools with these ids, in
// their order.
func shownRating(yr *checklist.YearRating, ids []string) *checklist.YearRating {
	byID := make(map[string]*checklist.Rating, len(yr.Ratings))
	for i := range yr.Ratings {
		byID[yr.Ratings[i].School.ID] = &yr.Ratings[i]
	}
	out := &checklist.YearRating{Year: yr.Year, Standards: yr.Standards, Ratings: make([]checklist.Rating, 0, len(ids))}
	for _, id := range ids {
		if rt := byID[id]; rt != nil {
			out.Ratings = append(out.Ratings, *rt)
		}
	}
	return out
}

// what says which rows are shown: how many, the filter, the order.
func (r *ratingsScreen) what() string {
	l := r.c.lang
	how := r.sortName()
	if f := strings.TrimSpace(r.filter.input.Value()); f != "" {
		how = l.Sprintf("筛选“%s”，%s", "filter %q, %s", termtext.Line(f), how)
	}
	return l.Sprintf(" %d 所（%s）", " %s (%s)", i18n.Counted(len(r.shown), "school", "schools"), how)
}

// setYear loads another year, the cursor on its first row; the years
// stop at the current one.
func (r *ratingsScreen) setYear(y int) tea.Cmd {
	r.year, r.loaded = y, false
	r.ye = ratingsYear{charts: r.ye.charts}
	r.syncYearKeys()
	r.keys.NextYear.SetEnabled(y < r.c.today().Year)
	r.setRows(nil)
	r.top()
	return r.Init()
}

// setSort sorts by a column: names A to Z, points high to low.
func (r *ratingsScreen) setSort(col int) {
	r.sortCol = col
	r.asc = col == sortName || col == sortDefault
	r.resort()
}

// resort sorts again and marks the sort column.
func (r *ratingsScreen) resort() {
	r.setColumns()
	r.refresh()
}

func (r *ratingsScreen) reqCount() int {
	if r.std == nil {
		return 0
	}
	return len(r.std.Requirements)
}

// View draws the year's table.
func (r *ratingsScreen) View(w, h int) []string {
	st := r.c.styles
	l := r.c.lang
	var out lines
	out.add(termtext.Clip(st.Title.Render(l.Sprintf("%d 年度星级评定", "Star ratings %d", r.year))+"  "+st.Dim.Render(r.sortName()), w))
	if !r.loaded {
		out.add("", st.Dim.Render(r.c.pick("正在载入", "Loading")))
		return out
	}
	if r.ye.form != nil {
		return r.ye.form.View(w)
	}
	out.add(termtext.Clip(r.counts(), w))
	out.add(r.stageView(w))
	for _, row := range r.rule {
		out.add(st.Dim.Render(row))
	}
	if r.ye.charts {
		return append(out, r.chartView(w, h-len(out)-1)...)
	}
	out.add(r.filter.view(w))
	out.add(r.list.view(w)...)
	switch {
	case r.choosing:
		out.add(st.Title.Render(termtext.Clip(l.Sprintf("导出下表的%s，选择格式：", "Export the table's%s; choose a format:", r.what()), w)))
	case r.status != "" && r.ye.failed:
		out.add(st.Error.Render(r.c.clip(r.status, w)))
	case r.status != "":
		out.add(st.OK.Render(r.c.clip(r.status, w)))
	}
	return out
}

// counts counts the rows shown: rated, not rated and lagging, and says
// when a filter chose them.
func (r *ratingsScreen) counts() string {
	l := r.c.lang
	var rated, unrated, lagging int
	for _, i := range r.shown {
		switch rt := r.rows[i].Rating; {
		case rt == nil:
			unrated++
		case rt.Score.Lagging:
			rated++
			lagging++
		default:
			rated++
		}
	}
	s := l.Sprintf("已评定 %d 所  未评定 %d 所  落后党支部 %d 所", "%d rated  %d not rated  %d lagging", rated, unrated, lagging)
	if len(r.shown) < len(r.rows) {
		s = l.Sprintf("筛选出 %d 所：", "%d filtered: ", len(r.shown)) + s
	}
	return s
}

// townRanks ranks the townships of a schools list in the order they come
// (the list is ordered by township), by the rows' index.
func townRanks(rows []checklist.SchoolOverview) []int {
	rank := make([]int, len(rows))
	for i := 1; i < len(rows); i++ {
		rank[i] = rank[i-1]
		if rows[i].School.Township != rows[i-1].School.Township {
			rank[i]++
		}
	}
	return rank
}
