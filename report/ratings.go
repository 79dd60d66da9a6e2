package report

import (
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"branchcheck/checklist"
	"branchcheck/i18n"
)

// WriteRatings writes a year's star-rating table to w in format f: one row
// per school in the YearRating's order (township, then score), schools
// without a finalized visit listed as 未评定, never dropped; with
// m.LastYear, each school's stars of the year before and the change.
// Every format also states the year, the standards used with their star
// scales, the lagging bound and the lagging branch's one-vote veto with
// its scope, a standard's own veto rule when it has veto items, the
// program's defaults when a shipped standard was used, and the counts.
//
// The printed formats (HTML, Markdown, the XLSX's main sheet) are papers
// to send upward: a title with the year, the 填报单位 (m.Bureau), the rules
// as notes, page numbers, and at the foot the lines for 填表人, 审核人,
// 负责人 and 填报日期 and the place for the 公章; no internal id or database
// path. The terminal table, the CSV, the XLSX's 说明 sheet and the JSON
// also state the standards' ids, when and from which database.
//
// The workbook holds the rated visits (their findings, for the 问题清单)
// only until its 问题清单 is written: a caller that keeps no reference to
// yr while it is written lets the collector take them before the
// 整改台账, its longest sheets, is written (a province's findings: 127
// MiB).
//
// Filtering by township is the caller's job: pass a YearRating holding
// only that township's schools and name it in m.Township. A YearRating
// with no rated school (no standards) still makes a valid export that
// says no standard was applied.
func WriteRatings(w io.Writer, f Format, yr *checklist.YearRating, m Meta) error {
	if yr == nil {
		return checklist.Errorf(checklist.ErrInvalid, checklist.Text{ZH: "无法写出评比：没有给出年度评定", EN: "write ratings: no year rating was given"})
	}
	// yr is not used below once its rows are made: the workbook lets go
	// of the rated visits once its 问题清单 is written (writeRatingsXLSX).
	year := yr.Year
	var err error
	switch f {
	case Table:
		err = writeText(w, buildRatings(yr, m).document())
	case CSV:
		err = writeRatingsCSV(w, buildRatings(yr, m))
	case XLSX:
		err = writeRatingsXLSX(w, buildRatings(yr, m), issueRows(yr, m.Lang), m.Rectifications, m.RectParts)
	case Markdown:
		err = writeMarkdown(w, buildRatings(yr, m).paper())
	case HTML:
		err = writeHTML(w, buildRatings(yr, m).chartedPaper())
	case JSON:
		err = writeRatingsJSON(w, yr, m)
	default:
		return formatError(f, Formats())
	}
	if err != nil {
		return checklist.Errorf(nil, checklist.Text{ZH: "无法把 %d 年度评比写成 %s", EN: "write the %d ratings as %s"}, year, string(f)).Because(err)
	}
	return nil
}

// ratings is a year's rating table in one language, as every format but
// JSON shows it.
type ratings struct {
	lang      i18n.Lang
	generated time.Time
	title     string
	// head is who sends the paper (填报单位).
	head []fact
	// about states everything: who sends it, the year, the township
	// filter, the standards with their ids and rules, when and from which
	// database.
	about []fact
	// rules state the rules for a printed page: no ids, no paths.
	rules []fact
	table table
	// counts: per star level, then rated, not rated, lagging, schools.
	counts []fact
	// charts are drawn in the HTML page and the workbook, when asked for.
	charts []barChart
}

// document lays the ratings out for the terminal: what it states, the
// table, the counts.
func (r *ratings) document() document {
	return document{
		Lang:  r.lang,
		Title: r.title,
		Sections: []section{
			{Facts: r.about},
			{Table: &r.table, Empty: r.lang.Pick("本年度没有学校。", "No school this year.")},
			{Heading: wordsFor(r.lang).Counts, Facts: r.counts, Inline: true},
		},
	}
}

// paper lays the ratings out as a paper to send upward: title, 填报单位,
// the table, the counts, the rules as numbered notes, the signature lines
// and the seal.
func (r *ratings) paper() document {
	l := r.lang
	return document{
		Lang:  l,
		Title: r.title,
		Head:  r.head,
		Sections: []section{
			{Table: &r.table, Empty: l.Pick("本年度没有学校。", "No school this year.")},
			{Heading: wordsFor(l).Counts, Facts: r.counts, Inline: true},
			{Heading: l.Pick("说明", "Notes"), Facts: r.rules, Numbered: true},
		},
		Signatures: []signature{{Label: l.Pick("填表人", "Prepared by")}, {Label: l.Pick("审核人", "Checked by")},
			{Label: l.Pick("负责人", "Approved by")}, {Label: l.Pick("填报日期", "Date"), Date: true}},
		Seal: l.Pick("（公章）", "(Official seal)"),
	}
}

// chartedPaper is the paper with its charts after the counts, for the
// HTML page.
func (r *ratings) chartedPaper() document {
	d := r.paper()
	if len(r.charts) > 0 {
		d.Sections = slices.Insert(d.Sections, 2, section{Heading: r.lang.Pick("统计图", "Charts"), Charts: r.charts})
	}
	return d
}

// buildRatings turns a YearRating into the table of cells every format
// renders.
func buildRatings(yr *checklist.YearRating, m Meta) *ratings {
	l := m.Lang
	wd := wordsFor(l)
	title := l.Sprintf("%d年度星级党支部评比汇总表", "Star ratings of school party branches, %d", yr.Year)
	if m.Township != "" {
		title += l.Sprintf("（%s）", " (%s)", m.Township)
	}
	r := &ratings{lang: l, generated: m.GeneratedAt, title: title,
		head: []fact{m.bureauFact("填报单位", "Submitted by", true)}, about: []fact{m.bureauFact("填报单位", "Submitted by", false)}}

	// What the export states.
	r.about = append(r.about, fact{wd.Year, text(strconv.Itoa(yr.Year))}, m.townshipFact())
	if len(yr.Standards) == 0 {
		none := fact{wd.Standard, text(l.Pick(
			"本年度没有已评定的学校，没有用到任何检查标准，因此没有星级档次和落后规则可述。",
			"No school is rated this year, so no standard was applied and there is no star scale or lagging rule to state."))}
		r.about = append(r.about, none)
		r.rules = append(r.rules, none)
	}
	r.about = append(r.about, ruleFacts(l, yr.Standards, true)...)
	r.rules = append(r.rules, ruleFacts(l, yr.Standards, false)...)
	var open map[string]checklist.RectCounts
	if lg := m.Rectifications; lg != nil {
		open = lg.CountsBySchool()
		r.about = append(r.about, rectNote(l, lg))
		r.rules = append(r.rules, rectNote(l, lg))
	}
	r.about = append(r.about, m.sourceFacts()...)
	r.rules = append(r.rules, m.generatedFact())

	// The table.
	reqs := orderReqColumns(l, yr.Standards, requirementColumns(l, yr.Standards))
	vetoes := false
	for _, std := range yr.Standards {
		vetoes = vetoes || len(std.VetoItems()) > 0
	}
	cols := []column{
		{Title: wd.No, Numeric: true}, {Title: wd.School}, {Title: wd.Township}, {Title: wd.Kind},
		{Title: wd.Secretary}, {Title: wd.VisitDate, Date: true}, {Title: wd.Inspector},
	}
	for _, rc := range reqs {
		cols = append(cols, column{Title: rc.label, Numeric: true, Points: true})
	}
	cols = append(cols, column{Title: wd.Total, Numeric: true, Points: true}, column{Title: wd.Stars, Ambiguous: true})
	if m.LastYear != nil {
		cols = append(cols, column{Title: wd.LastStars, Ambiguous: true}, column{Title: wd.Change})
	}
	if open != nil {
		cols = append(cols, column{Title: wd.OpenRects, Numeric: true})
	}
	cols = append(cols, column{Title: wd.Flag, Long: true, Flag: true})
	if vetoes {
		cols = append(cols, column{Title: wd.Veto, Long: true, Flag: true})
	}
	var moves []checklist.Movement
	if m.LastYear != nil {
		moves = yr.Movements(m.LastYear)
	}
	r.table = table{Columns: cols, Rows: make([]row, 0, len(yr.Ratings))}
	for i := range yr.Ratings {
		var mv *checklist.Movement
		if moves != nil {
			mv = &moves[i]
		}
		rt := &yr.Ratings[i]
		rw := ratingRow(l, i+1, rt, reqs, mv, vetoes)
		if open != nil {
			// Before the flags: the 落后党支部 column and the veto column.
			at := len(rw.Cells) - 1
			if vetoes {
				at--
			}
			rw.Cells = append(rw.Cells[:at], append([]cell{openCount(open, rt.School.ID)}, rw.Cells[at:]...)...)
		}
		r.table.Rows = append(r.table.Rows, rw)
	}

	// The counts.
	if hi, lo, ok := starRange(yr.Standards); ok {
		byStars := yr.StarCounts()
		for s := hi; s >= lo; s-- {
			r.counts = append(r.counts, fact{l.StarCount(s), count(byStars[s])})
		}
	}
	rated, unrated, lagging := yr.Counts()
	r.counts = append(r.counts,
		fact{wd.Rated, count(rated)},
		fact{upperFirst(l.NotRated()), count(unrated)},
		fact{wd.Lagging, count(lagging)},
		fact{wd.Schools, count(len(yr.Ratings))},
	)
	if open != nil {
		n := 0
		for i := range yr.Ratings {
			n += open[yr.Ratings[i].School.ID].Open
		}
		r.counts = append(r.counts, fact{wd.OpenRects, count(n)})
	}
	r.addYearEnd(yr, m)
	if m.Charts {
		r.charts = yearCharts(l, yr, m.LastYear)
	}
	return r
}

// upperFirst makes a label of a lower-case English term: "Not rated".
func upperFirst(s string) string {
	if s != "" && s[0] >= 'a' && s[0] <= 'z' {
		return string(s[0]-'a'+'A') + s[1:]
	}
	return s
}

// reqColumn is one requirement column of the ratings table.
type reqColumn struct{ id, label string }

// requirementColumns are the requirements of the standards used, by id in
// order of first appearance, each labelled as its first standard labels
// it.
func requirementColumns(l i18n.Lang, stds []*checklist.Standard) []reqColumn {
	var out []reqColumn
	seen := map[string]bool{}
	for _, std := range stds {
		for i := range std.Requirements {
			rq := &std.Requirements[i]
			if !seen[rq.ID] {
				seen[rq.ID] = true
				out = append(out, reqColumn{rq.ID, l.RequirementLabel(rq)})
			}
		}
	}
	return out
}

// ratingRow is one school's row. A requirement the school's standard does
// not have is left blank; one with no applicable item shows 不适用. With
// the school's movement since the year before (mv, nil when the year
// before is not compared), its stars of that year and the change follow
// the stars; with vetoes, the veto column ends the row.
func ratingRow(l i18n.Lang, no int, r *checklist.Rating, reqs []reqColumn, mv *checklist.Movement, vetoes bool) row {
	wd := wordsFor(l)
	s := r.School
	cells := make([]cell, 0, 14+len(reqs))
	cells = append(cells, count(no), text(s.Name), text(s.Township), text(s.Kind), text(s.Secretary))
	lastCells := func(rated bool) {
		if mv == nil {
			return
		}
		switch last := mv.Previous; {
		case !mv.PreviouslyRated():
			cells = append(cells, text(l.NotRated()), text(""))
		case !rated:
			cells = append(cells, text(starText(last.Score.Stars, last.Standard.Stars.MaxStars())), text(""))
		default:
			cells = append(cells, text(starText(last.Score.Stars, last.Standard.Stars.MaxStars())), text(starChange(l, mv.Change)))
		}
	}
	if !r.Rated() {
		cells = append(cells, text(""), text(""))
		for range reqs {
			cells = append(cells, text(""))
		}
		cells = append(cells, text(""), text(l.NotRated()))
		lastCells(false)
		cells = append(cells, text(""))
		if vetoes {
			cells = append(cells, text(""))
		}
		return row{Cells: cells, Mark: markNotRated}
	}
	cells = append(cells, date(r.Visit.Date), text(r.Visit.Inspector))
	for _, rc := range reqs {
		cells = append(cells, requirementCell(wd, r.Score, rc.id))
	}
	cells = append(cells, points(r.Score.Total), text(starText(r.Score.Stars, r.Standard.Stars.MaxStars())))
	lastCells(true)
	cells = append(cells, text(l.LaggingMark(r.Score)))
	if vetoes {
		cells = append(cells, text(vetoText(l, r.Score, r.Standard.Stars)))
	}
	m := markNone
	if r.Score.Lagging {
		m = markLagging
	}
	return row{Cells: cells, Mark: m}
}

// starChange says how the stars changed since the year before: 升1星,
// 降2星, 持平.
func starChange(l i18n.Lang, d int) string {
	switch {
	case d > 0:
		return l.Sprintf("升%d星", "+%d", d)
	case d < 0:
		return l.Sprintf("降%d星", "-%d", -d)
	}
	return l.Pick("持平", "same")
}

// requirementCell is a requirement's points, 不适用, or blank when the
// score has no such requirement.
func requirementCell(wd words, sc checklist.Score, id string) cell {
	if id == baseColumn {
		return points(sc.Base)
	}
	for _, rs := range sc.Requirements {
		if rs.ID == id {
			if !rs.Applicable {
				return text(wd.NotApplicable)
			}
			return points(rs.Points)
		}
	}
	return text("")
}

// starText draws stars with their number: "★★★★☆ 4".
func starText(n, max int) string { return i18n.Stars(n, max) + " " + strconv.Itoa(n) }

// vetoText says which of a standard's own veto items a school did not
// meet and what that did to its stars; "" if none.
func vetoText(l i18n.Lang, sc checklist.Score, scale checklist.StarScale) string {
	if !sc.Capped() {
		return ""
	}
	ids := strings.Join(sc.VetoItems, l.Pick("、", ", "))
	if before := scale.StarsFor(sc.Total); before > sc.Stars {
		return l.Sprintf("%s不符合，由%s降为%s", "%s not met: %s capped to %s", ids, l.StarCount(before), l.StarCount(sc.Stars))
	}
	return l.Sprintf("%s不符合（最高%s）", "%s not met (at most %s)", ids, l.StarCount(scale.VetoCap))
}

// ruleFacts state the rules the standards apply: the standards (with
// their ids, withIDs), the note on each scale (withIDs: the full
// statement), the program's defaults when a shipped standard is among
// them (before the levels they speak of), the star levels, the lagging
// bound, a standard's own veto rule when it has veto items, and the
// lagging branch's one-vote veto with its scope. A rule several standards
// share is stated once; one they differ on is stated for each, named by
// its id, or on a printed page by its place in the list (标准一, 标准二).
func ruleFacts(l i18n.Lang, stds []*checklist.Standard, withIDs bool) []fact {
	wd := wordsFor(l)
	if len(stds) == 0 {
		return nil
	}
	tag := func(i int) string {
		if len(stds) == 1 {
			return ""
		}
		if withIDs {
			return stds[i].ID
		}
		return l.Sprintf("标准%s", "standard %d", numeral(l, i+1))
	}
	label := func(s string, i int) string {
		if t := tag(i); t != "" {
			return s + l.Sprintf("（%s）", " (%s)", t)
		}
		return s
	}
	var names []string
	for i, std := range stds {
		name := l.StandardTitle(std)
		if withIDs {
			name = std.ID + " " + name
		} else if len(stds) > 1 {
			name = tag(i) + sep(l) + name
		}
		names = append(names, name)
	}
	out := []fact{{wd.Standard, text(strings.Join(names, l.Pick("；", "; ")))}}
	// each states one rule of every standard: once if they all say the
	// same, else for each that says something.
	each := func(lb string, say func(*checklist.Standard) string) {
		vals := make([]string, len(stds))
		same := true
		for i, std := range stds {
			vals[i] = say(std)
			same = same && vals[i] == vals[0]
		}
		if same {
			if vals[0] != "" {
				out = append(out, fact{lb, text(vals[0])})
			}
			return
		}
		for i, v := range vals {
			if v != "" {
				out = append(out, fact{label(lb, i), text(v)})
			}
		}
	}
	if withIDs {
		each(l.Pick("档次说明", "About the scale"), l.ScaleNote)
	}
	// The program's defaults are the same words for every shipped
	// standard: said once, naming the standards they concern unless all
	// of them were shipped.
	var shipped []string
	note := ""
	for i, std := range stds {
		if n := l.DefaultsNote(std); n != "" {
			note = n
			shipped = append(shipped, tag(i))
		}
	}
	if note != "" {
		lb := l.Pick("默认设置", "Defaults")
		if len(shipped) < len(stds) {
			lb += l.Sprintf("（%s）", " (%s)", strings.Join(shipped, l.Pick("、", ", ")))
		}
		out = append(out, fact{lb, text(note)})
	}
	each(l.Pick("星级档次", "Star levels"), func(std *checklist.Standard) string { return l.Scale(std.Stars) })
	each(l.Pick("落后党支部", "Lagging"), func(std *checklist.Standard) string { return l.LaggingBound(std.Stars) })
	each(l.Pick("否决项", "Veto items"), func(std *checklist.Standard) string {
		ids := std.VetoItems()
		if len(ids) == 0 {
			return ""
		}
		return strings.Join(ids, l.Pick("、", ", ")) + l.Pick("；", "; ") + l.VetoRule(std.Stars)
	})
	return append(out, fact{l.Pick("一票否决", "One-vote veto"), text(l.LaggingVeto())})
}

// numeral writes a small number as Chinese numerals (一, 二) or digits.
func numeral(l i18n.Lang, n int) any {
	if l == i18n.English {
		return n
	}
	return i18n.Numeral(n)
}

// starRange is the highest and lowest star level of the standards' scales.
func starRange(stds []*checklist.Standard) (hi, lo int, ok bool) {
	for i, std := range stds {
		h, m := std.Stars.MaxStars(), std.Stars.MinStars()
		if i == 0 || h > hi {
			hi = h
		}
		if i == 0 || m < lo {
			lo = m
		}
	}
	return hi, lo, len(stds) > 0
}

// issueRows are the rows of the 问题清单: every item not met or partly
// met in each rated school's visit, schools in the table's order, items
// in the standard's order, made as they are written.
func issueRows(yr *checklist.YearRating, l i18n.Lang) tableRows {
	wd := wordsFor(l)
	cols := []column{
		{Title: wd.School}, {Title: wd.Township}, {Title: wd.Requirement}, {Title: wd.ItemID},
		{Title: wd.ItemText, Long: true}, {Title: wd.Verdict}, {Title: wd.Note, Long: true},
	}
	items := map[*checklist.Standard][]placedItem{}
	return tableRows{columns: cols, each: func(yield func(row) bool) error {
		for i := range yr.Ratings {
			r := &yr.Ratings[i]
			if !r.Rated() {
				continue
			}
			placed, ok := items[r.Standard]
			if !ok {
				placed = scoredItems(r.Standard)
				items[r.Standard] = placed
			}
			for _, p := range placed {
				a := r.Visit.Answer(p.item.ID)
				if !a.Verdict.NeedsFixing() {
					continue
				}
				if !yield(row{Cells: []cell{
					text(r.School.Name), text(r.School.Township), text(l.RequirementLabel(p.req)), text(p.item.ID),
					text(l.Text(p.item)), text(l.Verdict(a.Verdict)), text(a.Note),
				}}) {
					return nil
				}
			}
		}
		return nil
	}}
}

// issue is one item of a visit not met or partly met.
type issue struct {
	requirement, id, text, verdict, note string
}

// visitIssues lists a visit's items not met or partly met, in the
// standard's order.
func visitIssues(l i18n.Lang, std *checklist.Standard, v *checklist.Inspection) []issue {
	var out []issue
	for _, p := range scoredItems(std) {
		if a := v.Answer(p.item.ID); a.Verdict.NeedsFixing() {
			out = append(out, issue{l.RequirementLabel(p.req), p.item.ID, l.Text(p.item), l.Verdict(a.Verdict), a.Note})
		}
	}
	return out
}

// placedItem is an item with the requirement it belongs to.
type placedItem struct {
	req  *checklist.Requirement
	item *checklist.Item
}

// scoredItems lists a standard's scored items with their requirements,
// in display order.
func scoredItems(std *checklist.Standard) []placedItem {
	var out []placedItem
	for ri := range std.Requirements {
		rq := &std.Requirements[ri]
		for _, it := range rq.Items() {
			if it.Scored {
				out = append(out, placedItem{rq, it})
			}
		}
	}
	return out
}
