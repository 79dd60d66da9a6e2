package tui

import (
	"cmp"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/termtext"
)

// The ratings table's columns, rows and order.

// matchTexts are what the filter searches in a row: the school and its
// flag (so 落后 finds the lagging branches, 未评定 those not rated).
func (r *ratingsScreen) matchTexts(o checklist.SchoolOverview) []string {
	l := r.c.lang
	sc := o.School
	out := []string{sc.Name, sc.Township, sc.Kind, sc.Secretary}
	switch {
	case !o.Rated():
		out = append(out, l.NotRated())
	case o.Rating.Score.Lagging:
		out = append(out, l.Pick("落后党支部", "lagging branch"), l.LaggingMark(o.Rating.Score))
	}
	return out
}

// compare orders two rows (by their index in the rows) by the sort
// column. Schools not rated stay at the bottom whatever the order. The
// default order is the ratings' own: by township, then stars and total
// points from high to low, then name (the rows' order).
func (r *ratingsScreen) compare(a, b int) int {
	ra, rb := r.rows[a].Rating, r.rows[b].Rating
	if (ra != nil) != (rb != nil) {
		if ra != nil {
			return -1
		}
		return 1
	}
	var c int
	switch {
	case r.sortCol == sortDefault && ra != nil:
		c = cmp.Or(cmp.Compare(r.town[a], r.town[b]), cmp.Compare(rb.Score.Stars, ra.Score.Stars), cmp.Compare(rb.Score.Total, ra.Score.Total))
	case r.sortCol == sortDefault:
		c = cmp.Compare(r.town[a], r.town[b])
	case r.sortCol == sortName:
		c = r.collator.CompareString(r.rows[a].School.Name, r.rows[b].School.Name)
	default:
		c = cmp.Compare(r.sortValue(ra), r.sortValue(rb))
	}
	if !r.asc {
		c = -c
	}
	return cmp.Or(c, cmp.Compare(a, b))
}

// sortValue is a rating's points in the sort column (0 if not rated).
func (r *ratingsScreen) sortValue(rt *checklist.RatedVisit) float64 {
	switch {
	case rt == nil:
	case r.sortCol >= sortRequirement+r.reqCount():
		return rt.Score.Total
	case r.sortCol >= sortRequirement:
		if i := r.sortCol - sortRequirement; i < len(rt.Score.Requirements) {
			return rt.Score.Requirements[i].Points
		}
	}
	return 0
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
// width: the name takes what the numbers leave, and a lagging branch's
// mark is the printed table's (落后党支部: 是，各类综合评比一票否决) where
// names keep at least 7 Chinese characters, else 落后: 是.
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
	fit := make([]string, 0, 2*len(labels))
	for i := range labels {
		labels[i] = r.reqLabel(i)
		fit = append(fit, labels[i], checklist.FormatPointsFixed(r.std.Requirements[i].Points))
	}
	cols := []column{
		{title: mark(sortName, l.Pick("学校", "School")), flex: true, min: 8, sorted: r.sortCol == sortName},
		{title: l.Pick("乡镇", "Township"), min: r.townWidth(), gap: 1},
	}
	for i, label := range labels {
		col := sortRequirement + i
		cols = append(cols, column{title: mark(col, label), fit: fit, min: 5, right: true, gap: 1, sorted: r.sortCol == col})
	}
	total := sortRequirement + len(labels)
	cols = append(cols,
		column{title: mark(total, l.Pick("总分", "Total")), fit: []string{checklist.FormatPointsFixed(r.std.MaxTotalPoints())}, min: 6, right: true, gap: 1, sorted: r.sortCol == total},
		column{gap: 2}, // the lagging branch's mark: set below
		starsColumn(r.c, r.maxStars, 1))
	if r.showMoves() {
		cols = append(cols, r.moveColumns()...)
	}
	r.columns = cols
	// The lagging branch's mark: the printed table's where it leaves the
	// names their room, else 是 under a shorter head.
	marks := []struct{ title, mark string }{
		{l.Pick("落后党支部", "Lagging"), l.LaggingMark(checklist.Score{Lagging: true})},
		{l.Pick("落后", "Lagging"), l.Pick("是", "yes")},
	}
	flag := &r.columns[r.flagColumn()]
	for _, m := range marks {
		r.flag, flag.title = m.mark, m.title
		flag.fit = []string{m.mark, m.title}
		if r.room(r.w) >= 14 {
			break
		}
	}
	if r.room(r.w) < 8 && l == i18n.English {
		// English at 64 columns with four 要 and a bonus section: the
		// names keep their least.
		flag.title = "Lag."
		flag.fit = []string{r.flag, flag.title}
	}
}

// townWidth is the township column's width: its widest name, but no
// more than the window can spare (8 cells at 80 columns, a name cut
// where it ends).
func (r *ratingsScreen) townWidth() int {
	w := r.c.width(r.c.pick("乡镇", "Township"))
	limit := min(8+max(r.w-80, 0)/5, 16)
	for i := range r.rows {
		w = max(w, min(r.c.width(termtext.ColumnSafe(r.rows[i].School.Township)), limit))
	}
	return w
}

// cells are a school's row: name, township, points per 要, total, flag,
// stars.
func (r *ratingsScreen) cells(o checklist.SchoolOverview) []cell {
	out := make([]cell, 0, r.reqCount()+5)
	out = append(out, cell{text: termtext.ColumnSafe(o.School.Name)}, cell{text: termtext.ColumnSafe(o.School.Township)})
	rt := o.Rating
	for i := range r.reqCount() {
		var p string
		if rt != nil && i < len(rt.Score.Requirements) {
			rs := rt.Score.Requirements[i]
			p = checklist.FormatPointsFixed(rs.Points)
			if !rs.Applicable {
				p = "-"
			}
		}
		out = append(out, cell{text: p})
	}
	total, flag := "-", ""
	if rt != nil {
		total = checklist.FormatPointsFixed(rt.Score.Total)
		if rt.Score.Lagging {
			flag = r.flag
		}
	}
	out = append(out, cell{text: total}, cell{text: flag, paint: r.c.styles.Warn}, ratingStars(r.c, rt))
	if r.showMoves() {
		out = append(out, r.moveCells(o)...)
	}
	return out
}

// flagColumn is the index of the lagging branch's mark's column.
func (r *ratingsScreen) flagColumn() int { return sortRequirement + r.reqCount() + 1 }

// ready reports whether the screen's data has loaded.
func (r *ratingsScreen) ready() bool { return r.loaded }
