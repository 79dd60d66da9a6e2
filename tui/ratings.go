package tui

import (
	"cmp"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"branchcheck/checklist"
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
// rows (rating.Ratings), sorts and filters them and keeps the cursor.
type ratingsScreen struct {
	list[checklist.Rating]
	c      *common
	keys   RatingsKeys
	w      int
	year   int
	loaded bool
	rating *checklist.YearRating
	// std labels the columns: the year's standard.
	std     *checklist.Standard
	sortCol int
	asc     bool
	// flag is the lagging flag as long as the width lets it be.
	flag   string
	status string
	// choosing: the export key was pressed and a format key is awaited.
	choosing bool
	// collator sorts names in pinyin order.
	collator *collate.Collator
}

func newRatingsScreen(c *common) *ratingsScreen {
	k := c.keys.Ratings
	r := &ratingsScreen{c: c, keys: k, year: c.today().Year, asc: true, collator: collate.New(language.Chinese)}
	r.list = newList(c, listKeys{Up: k.Up, Down: k.Down, PageUp: k.PageUp, PageDown: k.PageDown, Filter: k.Filter},
		func(rt checklist.Rating) string { return rt.School.ID }, r.cells)
	r.match = r.matchTexts
	r.order = r.compare
	r.empty = c.pick("没有学校", "No schools")
	r.keys.Export.SetEnabled(c.export != nil)
	return r
}

// Init loads the year's ratings.
func (r *ratingsScreen) Init() tea.Cmd {
	st, year := r.c.store, r.year
	return func() tea.Msg {
		yr, err := st.RateYear(year)
		if err != nil {
			return errMsg{err}
		}
		std, err := st.StandardForYear(year)
		if err != nil {
			return errMsg{err}
		}
		if len(yr.Standards) > 0 {
			std = yr.Standards[0]
		}
		return ratingsLoadedMsg{year: year, rating: yr, standard: std}
	}
}

func (r *ratingsScreen) setSize(w, h int) {
	r.w = w
	r.filter.setWidth(w)
	r.setColumns()
	// Below the title, the counts, the rule and the filter: the table,
	// then the status line.
	r.setHeight(h - 7)
}

func (r *ratingsScreen) title() string { return r.c.pick("年度星级评定", "Year ratings") }

// textCursor is the terminal's cursor in the filter (the fourth row).
func (r *ratingsScreen) textCursor() *tea.Cursor { return r.filter.cursor(3) }

func (r *ratingsScreen) typing() bool { return r.filter.active }

func (r *ratingsScreen) keyMap() help.KeyMap {
	if r.choosing {
		ek := r.c.keys.Export
		return oneColumn(ek.XLSX, ek.CSV, ek.HTML, ek.Markdown, ek.JSON, ek.Cancel)
	}
	return r.filter.keyMap(r.keys)
}

// Update handles keys and the loaded ratings.
func (r *ratingsScreen) Update(msg tea.Msg) (tea.Cmd, navMsg) {
	switch msg := msg.(type) {
	case ratingsLoadedMsg:
		if msg.year != r.year {
			return nil, nil
		}
		r.loaded, r.rating, r.std = true, msg.rating, msg.standard
		r.setColumns()
		r.setRows(r.rating.Ratings)
	case exportedMsg:
		r.status = r.c.sprintf("已导出:%s", "Exported: %s", msg.where)
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
		return r.setYear(r.year + 1), nil
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
		if r.c.export != nil && r.rating != nil {
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

// export hands the ratings to the exporter wired in by the program.
func (r *ratingsScreen) export(format string) tea.Cmd {
	exp, yr, l := r.c.export, r.rating, r.c.lang
	return func() tea.Msg {
		where, err := exp(yr, l, format)
		if err != nil {
			return errMsg{err}
		}
		return exportedMsg{where}
	}
}

// setYear loads another year, the cursor on its first row.
func (r *ratingsScreen) setYear(y int) tea.Cmd {
	r.year, r.loaded = y, false
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

// matchTexts are what the filter searches in a row: the school and its
// flag (so 落后 finds the lagging branches, 未评定 those not rated).
func (r *ratingsScreen) matchTexts(rt checklist.Rating) []string {
	l := r.c.lang
	sc := rt.School
	flag := l.NotRated()
	if rt.Rated() {
		flag = l.Flag(rt.Score)
	}
	return []string{sc.Name, sc.Township, sc.Kind, sc.Secretary, flag}
}

// compare orders two rows (by their index in the ratings) by the sort
// column. Schools not rated stay at the bottom whatever the order.
func (r *ratingsScreen) compare(a, b int) int {
	ra, rb := &r.rating.Ratings[a], &r.rating.Ratings[b]
	if ra.Rated() != rb.Rated() {
		if ra.Rated() {
			return -1
		}
		return 1
	}
	var c int
	switch r.sortCol {
	case sortDefault:
		c = cmp.Compare(a, b)
	case sortName:
		c = r.collator.CompareString(ra.School.Name, rb.School.Name)
	default:
		c = cmp.Compare(r.sortValue(ra), r.sortValue(rb))
	}
	if !r.asc {
		c = -c
	}
	return cmp.Or(c, cmp.Compare(a, b))
}

// sortValue is a row's points in the sort column.
func (r *ratingsScreen) sortValue(rt *checklist.Rating) float64 {
	switch {
	case r.sortCol >= sortRequirement+r.reqCount():
		return rt.Score.Total
	case r.sortCol >= sortRequirement:
		if i := r.sortCol - sortRequirement; i < len(rt.Score.Requirements) {
			return rt.Score.Requirements[i].Points
		}
	}
	return 0
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
	rated, unrated, lagging := r.rating.Counts()
	out.add(termtext.Clip(l.Sprintf("已评定 %d 所  未评定 %d 所  落后党支部 %d 所", "%d rated  %d not rated  %d lagging", rated, unrated, lagging), w))
	out.add(st.Dim.Render(termtext.Clip(l.LaggingRule(r.std.Stars), w)))
	out.add(r.filter.view(w))
	out.add(r.list.view(w)...)
	switch {
	case r.choosing:
		out.add(st.Title.Render(termtext.Clip(l.Pick("导出本年度评定表,选择格式:", "Export this year's table; choose a format:"), w)))
	case r.status != "":
		out.add(st.OK.Render(termtext.Clip(r.status, w)))
	}
	return out
}

// reqLabel heads the i-th 要's column: 一要, or M1 where "Must 1" would
// take the school names' room.
func (r *ratingsScreen) reqLabel(i int) string {
	req := &r.std.Requirements[i]
	if l := r.c.lang.RequirementLabel(req); termtext.Width(l) <= 5 {
		return l
	}
	return "M" + req.ID
}

// sortName says how the table is sorted.
func (r *ratingsScreen) sortName() string {
	l := r.c.lang
	var col string
	switch {
	case r.sortCol == sortDefault:
		return l.Pick("按乡镇排列", "by township")
	case r.sortCol == sortName:
		col = l.Pick("校名", "name")
	case r.sortCol < sortRequirement+r.reqCount():
		col = l.RequirementLabel(&r.std.Requirements[r.sortCol-sortRequirement])
	default:
		col = l.Pick("总分", "total")
	}
	if r.asc {
		return l.Sprintf("按%s升序", "by %s, ascending", col)
	}
	return l.Sprintf("按%s降序", "by %s, descending", col)
}

// setColumns sets the table's columns for the standard, the sort and the
// width: the name takes what the numbers leave, and the lagging flag is
// shortened (落后党支部/一票否决, 落后/否决, 落后) so that names keep at
// least 7 Chinese characters where they can.
func (r *ratingsScreen) setColumns() {
	if r.std == nil {
		return
	}
	l := r.c.lang
	mark := func(col int, s string) string {
		switch {
		case col != r.sortCol:
			return s
		case r.asc:
			return s + "^"
		}
		return s + "v"
	}
	labels := make([]string, r.reqCount())
	for i := range labels {
		labels[i] = r.reqLabel(i)
	}
	cols := []column{{title: mark(sortName, l.Pick("学校", "School")), flex: true, min: 8, sorted: r.sortCol == sortName}}
	for i, label := range labels {
		col := sortRequirement + i
		cols = append(cols, column{title: mark(col, label), fit: labels, min: 5, right: true, gap: 1, sorted: r.sortCol == col})
	}
	total := sortRequirement + len(labels)
	cols = append(cols,
		column{title: mark(total, l.Pick("总分", "Total")), min: 6, right: true, gap: 1, sorted: r.sortCol == total},
		column{title: l.Pick("标志", "Flag"), gap: 2},
		starsColumn(l, 1))
	r.columns = cols
	flags := []string{
		l.Pick("落后党支部/一票否决", "lagging / one-vote veto"),
		l.Pick("落后/否决", "lagging/veto"),
		l.Pick("落后", "lagging"),
	}
	flag := &r.columns[len(cols)-2]
	for _, f := range flags {
		r.flag = f
		flag.fit = []string{f, flag.title}
		if r.room(r.w) >= 14 {
			break
		}
	}
}

// cells are a school's row: name, points per 要, total, flag, stars.
func (r *ratingsScreen) cells(rt checklist.Rating) []cell {
	out := make([]cell, 0, r.reqCount()+4)
	out = append(out, cell{text: termtext.ColumnSafe(rt.School.Name)})
	for i := range r.reqCount() {
		var p string
		if rt.Rated() && i < len(rt.Score.Requirements) {
			rs := rt.Score.Requirements[i]
			p = checklist.FormatPoints(rs.Points)
			if !rs.Applicable {
				p = "-"
			}
		}
		out = append(out, cell{text: p})
	}
	total, flag := "-", ""
	if rt.Rated() {
		total = checklist.FormatPoints(rt.Score.Total)
		if rt.Score.Lagging {
			flag = r.flag
		}
	}
	return append(out, cell{text: total}, cell{text: flag, paint: r.c.styles.Warn}, ratingStars(r.c.lang, r.c.styles, rt))
}

// ready reports whether the screen's data has loaded.
func (r *ratingsScreen) ready() bool { return r.loaded }
