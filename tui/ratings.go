package tui

import (
	"strings"

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
	r.keys.NextYear.SetEnabled(false) // this year: the last there is
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
		r.status = r.c.sprintf("已导出%s:%s", "Exported %s: %s", msg.what, msg.where)
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

// export hands the rows shown, filtered and in the order shown, to the
// exporter wired in by the program.
func (r *ratingsScreen) export(format string) tea.Cmd {
	exp, yr, l, what := r.c.export, r.shownRating(), r.c.lang, r.what()
	return func() tea.Msg {
		where, err := exp(yr, l, format)
		if err != nil {
			return errMsg{err}
		}
		return exportedMsg{what: what, where: where}
	}
}

// shownRating is the year's rating of the rows shown, in their order.
func (r *ratingsScreen) shownRating() *checklist.YearRating {
	yr := &checklist.YearRating{Year: r.rating.Year, Standards: r.rating.Standards, Ratings: make([]checklist.Rating, 0, len(r.shown))}
	for _, i := range r.shown {
		yr.Ratings = append(yr.Ratings, r.rating.Ratings[i])
	}
	return yr
}

// what says which rows are shown: how many, the filter, the order.
func (r *ratingsScreen) what() string {
	l := r.c.lang
	how := r.sortName()
	if f := strings.TrimSpace(r.filter.input.Value()); f != "" {
		how = l.Sprintf("筛选“%s”,%s", "filter %q, %s", termtext.Line(f), how)
	}
	return l.Sprintf(" %d 所(%s)", " %d schools (%s)", len(r.shown), how)
}

// setYear loads another year, the cursor on its first row; the years
// stop at the current one.
func (r *ratingsScreen) setYear(y int) tea.Cmd {
	r.year, r.loaded = y, false
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
	out.add(termtext.Clip(r.counts(), w))
	out.add(st.Dim.Render(termtext.Clip(l.LaggingRule(r.std.Stars), w)))
	out.add(r.filter.view(w))
	out.add(r.list.view(w)...)
	switch {
	case r.choosing:
		out.add(st.Title.Render(termtext.Clip(l.Sprintf("导出下表的%s,选择格式:", "Export the table's%s; choose a format:", r.what()), w)))
	case r.status != "":
		out.add(st.OK.Render(termtext.Clip(r.status, w)))
	}
	return out
}

// counts counts the rows shown: rated, not rated and lagging, and says
// when a filter chose them.
func (r *ratingsScreen) counts() string {
	l := r.c.lang
	var rated, unrated, lagging int
	for _, i := range r.shown {
		switch rt := &r.rating.Ratings[i]; {
		case !rt.Rated():
			unrated++
		case rt.Score.Lagging:
			rated++
			lagging++
		default:
			rated++
		}
	}
	s := l.Sprintf("已评定 %d 所  未评定 %d 所  落后党支部 %d 所", "%d rated  %d not rated  %d lagging", rated, unrated, lagging)
	if len(r.shown) < len(r.rating.Ratings) {
		s = l.Sprintf("筛选出 %d 所:", "%d filtered: ", len(r.shown)) + s
	}
	return s
}

// maxStars is the most stars the year's standard gives.
func (r *ratingsScreen) maxStars() int {
	if r.std == nil {
		return 5
	}
	return r.std.Stars.MaxStars()
}
