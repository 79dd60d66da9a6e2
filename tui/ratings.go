package tui

import (
	"cmp"
	"slices"

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
// finalized visit that year.
type ratingsScreen struct {
	c      *common
	keys   RatingsKeys
	w, h   int
	year   int
	loaded bool
	rating *checklist.YearRating
	// std labels the columns: the year's standard.
	std *checklist.Standard
	// shown are indices into rating.Ratings, filtered and sorted.
	shown   []int
	sortCol int
	asc     bool
	cursor  int
	offset  int
	filter  filterInput
	status  string
	// choosing: the export key was pressed and a format key is awaited.
	choosing bool
	// collator sorts names in pinyin order.
	collator *collate.Collator
}

func newRatingsScreen(c *common) *ratingsScreen {
	r := &ratingsScreen{c: c, keys: c.keys.Ratings, year: c.today().Year, filter: newFilterInput(c), asc: true,
		collator: collate.New(language.Chinese)}
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
	r.w, r.h = w, h
	r.filter.setWidth(w)
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
func (r *ratingsScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case ratingsLoadedMsg:
		if msg.year != r.year {
			return nil
		}
		r.loaded, r.rating, r.std = true, msg.rating, msg.standard
		r.resort()
		return nil
	case exportedMsg:
		r.status = r.c.sprintf("已导出:%s", "Exported: %s", msg.where)
		return nil
	case tea.KeyPressMsg, tea.PasteMsg:
		if cmd, ok := r.filter.take(msg, r.resort); ok {
			return cmd
		}
		if k, ok := msg.(tea.KeyPressMsg); ok {
			return r.key(k)
		}
	}
	return nil
}

func (r *ratingsScreen) key(k tea.KeyPressMsg) tea.Cmd {
	r.status = ""
	if r.choosing {
		return r.chooseFormat(k)
	}
	ncols := sortRequirement + r.reqCount() + 1
	if d, ok := step(k, r.pageSize(), r.keys.Up, r.keys.Down, r.keys.PageUp, r.keys.PageDown); ok {
		r.cursor = max(min(r.cursor+d, len(r.shown)-1), 0)
		return nil
	}
	switch {
	case key.Matches(k, r.keys.PrevYear):
		return r.setYear(r.year - 1)
	case key.Matches(k, r.keys.NextYear):
		return r.setYear(r.year + 1)
	case key.Matches(k, r.keys.SortPrev):
		r.setSort((r.sortCol + ncols - 1) % ncols)
	case key.Matches(k, r.keys.SortNext):
		r.setSort((r.sortCol + 1) % ncols)
	case key.Matches(k, r.keys.Order):
		r.asc = !r.asc
		r.resort()
	case key.Matches(k, r.keys.Filter):
		return r.filter.start()
	case key.Matches(k, r.keys.Open):
		if r.cursor < len(r.shown) {
			return r.c.push(newSchoolScreen(r.c, r.rating.Ratings[r.shown[r.cursor]].School.ID))
		}
	case key.Matches(k, r.keys.Export):
		if r.c.export != nil && r.rating != nil {
			r.choosing = true
		}
	case key.Matches(k, r.keys.Back):
		return r.c.back()
	}
	return nil
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

func (r *ratingsScreen) setYear(y int) tea.Cmd {
	r.year, r.loaded, r.cursor, r.offset = y, false, 0, 0
	return r.Init()
}

// setSort sorts by a column: names A to Z, points high to low.
func (r *ratingsScreen) setSort(col int) {
	r.sortCol = col
	r.asc = col == sortName || col == sortDefault
	r.resort()
}

func (r *ratingsScreen) reqCount() int {
	if r.std == nil {
		return 0
	}
	return len(r.std.Requirements)
}

func (r *ratingsScreen) pageSize() int { return max(r.h-7, 1) }

// resort filters and sorts the rows. Schools not rated stay at the
// bottom whatever the order.
func (r *ratingsScreen) resort() {
	if r.rating == nil {
		return
	}
	keep := ""
	if r.cursor < len(r.shown) {
		keep = r.rating.Ratings[r.shown[r.cursor]].School.ID
	}
	l := r.c.lang
	r.shown = r.shown[:0]
	for i, rt := range r.rating.Ratings {
		sc := rt.School
		flag := l.NotRated()
		if rt.Rated() {
			flag = l.Flag(rt.Score)
		}
		if r.filter.matches(sc.Name, sc.Township, sc.Kind, sc.Secretary, flag) {
			r.shown = append(r.shown, i)
		}
	}
	value := func(rt *checklist.Rating) float64 {
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
	slices.SortStableFunc(r.shown, func(a, b int) int {
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
			c = cmp.Compare(value(ra), value(rb))
		}
		if !r.asc {
			c = -c
		}
		return cmp.Or(c, cmp.Compare(a, b))
	})
	r.cursor = 0
	for i, ri := range r.shown {
		if r.rating.Ratings[ri].School.ID == keep {
			r.cursor = i
		}
	}
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

	t := r.layout(w)
	out.add(t.header(r))
	body := h - len(out) - 1
	if len(r.shown) == 0 {
		out.add(st.Dim.Render(termtext.Clip(l.Pick("  没有学校", "  No schools"), w)))
	}
	r.offset = window(r.offset, r.cursor, len(r.shown), body)
	for i := r.offset; i < len(r.shown) && i < r.offset+body; i++ {
		out.add(t.row(r, &r.rating.Ratings[r.shown[i]], i == r.cursor))
	}
	for len(out) < h-1 {
		out.add("")
	}
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

// ratingsTable is the widths of the table's columns at a window width.
type ratingsTable struct {
	l                             i18n.Lang
	nameW, reqW, totalW, flagW, n int
	flag                          func(checklist.Score) string
}

// layout fits the columns in w cells: the name takes what the numbers
// leave, and the lagging flag is shortened (落后党支部/一票否决, 落后/否决,
// 落后) so that names keep at least 7 Chinese characters where it can.
func (r *ratingsScreen) layout(w int) ratingsTable {
	l := r.c.lang
	t := ratingsTable{l: l, n: r.reqCount(), totalW: 6, reqW: 5}
	for i := range t.n {
		t.reqW = max(t.reqW, termtext.Width(r.reqLabel(i)))
	}
	starW := max(5, termtext.Width(l.NotRated()))
	flags := []string{
		l.Pick("落后党支部/一票否决", "lagging / one-vote veto"),
		l.Pick("落后/否决", "lagging/veto"),
		l.Pick("落后", "lagging"),
	}
	flag := flags[len(flags)-1]
	for _, f := range flags {
		if w-2-t.n*(t.reqW+1)-(t.totalW+1)-(termtext.Width(f)+2)-starW-1 >= 14 {
			flag = f
			break
		}
	}
	t.flagW = max(termtext.Width(flag), termtext.Width(l.Pick("标志", "Flag")))
	t.nameW = max(w-2-t.n*(t.reqW+1)-(t.totalW+1)-(t.flagW+2)-starW-1, 8)
	t.flag = func(sc checklist.Score) string {
		if !sc.Lagging {
			return ""
		}
		return flag
	}
	return t
}

// header is the table's header, the sort column marked ^ (ascending) or
// v (descending).
func (t ratingsTable) header(r *ratingsScreen) string {
	st := r.c.styles
	l := t.l
	mark := func(col int, s string) string {
		if col != r.sortCol {
			return s
		}
		if r.asc {
			return s + "^"
		}
		return s + "v"
	}
	styled := func(col int, s string) string {
		if col == r.sortCol {
			return st.SortedHeader.Render(s)
		}
		return st.Header.Render(s)
	}
	row := "  " + styled(sortName, termtext.Fit(mark(sortName, l.Pick("学校", "School")), t.nameW))
	for i := range t.n {
		col := sortRequirement + i
		row += " " + styled(col, termtext.FitRight(mark(col, r.reqLabel(i)), t.reqW))
	}
	col := sortRequirement + t.n
	row += " " + styled(col, termtext.FitRight(mark(col, l.Pick("总分", "Total")), t.totalW))
	row += "  " + st.Header.Render(termtext.Fit(l.Pick("标志", "Flag"), t.flagW)) + " " + st.Header.Render(l.Pick("星级", "Stars"))
	return termtext.Clip(row, r.w)
}

// row is one school's line.
func (t ratingsTable) row(r *ratingsScreen, rt *checklist.Rating, selected bool) string {
	st := r.c.styles
	line := termtext.Fit(termtext.ColumnSafe(rt.School.Name), t.nameW)
	if rt.Rated() {
		for i := range t.n {
			p := ""
			if i < len(rt.Score.Requirements) {
				rs := rt.Score.Requirements[i]
				p = checklist.FormatPoints(rs.Points)
				if !rs.Applicable {
					p = "-"
				}
			}
			line += " " + termtext.FitRight(p, t.reqW)
		}
		line += " " + termtext.FitRight(checklist.FormatPoints(rt.Score.Total), t.totalW) + "  "
		flag := termtext.Fit(t.flag(rt.Score), t.flagW)
		if !selected {
			flag = st.Warn.Render(flag)
		}
		line += flag + " "
	} else {
		line += termtext.FitRight("", t.n*(t.reqW+1)) + " " + termtext.FitRight("-", t.totalW) + "  " + termtext.Fit("", t.flagW) + " "
	}
	stars := ratingStars(t.l, st, *rt)
	if selected {
		return st.Selected.Render("> "+line) + stars
	}
	return "  " + line + stars
}

// ready reports whether the screen's data has loaded.
func (r *ratingsScreen) ready() bool { return r.loaded }
