package report

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"branchcheck/checklist"
	"branchcheck/i18n"
)

// WriteRatings writes a year's star-rating table to w in format f: one row
// per school in the YearRating's order (township, then score), schools
// without a finalized visit listed as 未评定, never dropped. Every format
// also states the year, the standards used with their star scales,
// lagging and veto rules, the count per star level, the rated, not rated
// and lagging counts, and m's township filter, time and database.
//
// Filtering by township is the caller's job: pass a YearRating holding
// only that township's schools and name it in m.Township. A YearRating
// with no rated school (no standards) still makes a valid export that
// says no standard was applied.
func WriteRatings(w io.Writer, f Format, yr *checklist.YearRating, m Meta) error {
	if yr == nil {
		return errors.New("write ratings: no year rating was given")
	}
	var err error
	switch f {
	case Table:
		err = writeText(w, buildRatings(yr, m).document())
	case CSV:
		err = writeRatingsCSV(w, buildRatings(yr, m))
	case XLSX:
		err = writeRatingsXLSX(w, buildRatings(yr, m), issueTable(yr, m.Lang))
	case Markdown:
		err = writeMarkdown(w, buildRatings(yr, m).document())
	case HTML:
		err = writeHTML(w, buildRatings(yr, m).document())
	case JSON:
		err = writeRatingsJSON(w, yr, m)
	default:
		return fmt.Errorf("write ratings: %w %q: expected %s", ErrFormat, f, formatList(Formats()))
	}
	if err != nil {
		return fmt.Errorf("write the %d ratings as %s: %w", yr.Year, f, err)
	}
	return nil
}

// ratings is a year's rating table in one language, as every format but
// JSON shows it.
type ratings struct {
	lang      i18n.Lang
	generated time.Time
	title     string
	// about states the year, the township filter, the standards and their
	// rules, and where the data came from.
	about []fact
	table table
	// counts: per star level, then rated, not rated, lagging, schools.
	counts []fact
}

// document lays the ratings out as a page: what it states, the table,
// the counts.
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

// buildRatings turns a YearRating into the table of cells every format
// renders.
func buildRatings(yr *checklist.YearRating, m Meta) *ratings {
	l := m.Lang
	wd := wordsFor(l)
	title := l.Sprintf("%d年度星级党支部评比汇总表", "Star ratings of school party branches, %d", yr.Year)
	if m.Township != "" {
		title += " (" + m.Township + ")"
	}
	r := &ratings{lang: l, generated: m.GeneratedAt, title: title}

	// What the export states.
	r.about = append(r.about, fact{wd.Year, text(strconv.Itoa(yr.Year))}, m.townshipFact())
	if len(yr.Standards) == 0 {
		r.about = append(r.about, fact{wd.Standard, text(l.Pick(
			"本年度没有已评定的学校,未采用任何评比标准,因此没有星级档次和落后规则可述。",
			"No school is rated this year, so no standard was applied and there is no star scale or lagging rule to state."))})
	}
	notes := map[string]bool{} // a scale note is stated once, however many standards share it
	for _, std := range yr.Standards {
		tag := ""
		if len(yr.Standards) > 1 {
			tag = std.ID
		}
		n := l.ScaleNote(std)
		r.about = append(r.about, standardFacts(l, std, tag, !notes[n])...)
		notes[n] = true
	}
	r.about = append(r.about, m.sourceFacts()...)

	// The table.
	reqs := requirementColumns(l, yr.Standards)
	cols := []column{
		{Title: wd.No, Numeric: true}, {Title: wd.School}, {Title: wd.Township}, {Title: wd.Kind},
		{Title: wd.Secretary}, {Title: wd.VisitDate}, {Title: wd.Inspector},
	}
	for _, rc := range reqs {
		cols = append(cols, column{Title: rc.label, Numeric: true})
	}
	cols = append(cols, column{Title: wd.Total, Numeric: true}, column{Title: wd.Stars, Ambiguous: true}, column{Title: wd.Flag, Long: true})
	r.table = table{Columns: cols, Rows: make([]row, 0, len(yr.Ratings))}
	for i := range yr.Ratings {
		r.table.Rows = append(r.table.Rows, ratingRow(l, i+1, &yr.Ratings[i], reqs))
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
// not have is left blank; one with no applicable item shows 不适用.
func ratingRow(l i18n.Lang, no int, r *checklist.Rating, reqs []reqColumn) row {
	wd := wordsFor(l)
	s := r.School
	cells := make([]cell, 0, 10+len(reqs))
	cells = append(cells, count(no), text(s.Name), text(s.Township), text(s.Kind), text(s.Secretary))
	if !r.Rated() {
		cells = append(cells, text(""), text(""))
		for range reqs {
			cells = append(cells, text(""))
		}
		cells = append(cells, text(""), text(l.NotRated()), text(""))
		return row{Cells: cells, Mark: markNotRated}
	}
	cells = append(cells, text(r.Visit.Date.String()), text(r.Visit.Inspector))
	for _, rc := range reqs {
		cells = append(cells, requirementCell(wd, r.Score, rc.id))
	}
	cells = append(cells,
		points(r.Score.Total),
		text(starText(r.Score.Stars, r.Standard.Stars.MaxStars())),
		text(flagText(l, r.Score, r.Standard.Stars)))
	m := markNone
	if r.Score.Lagging {
		m = markLagging
	}
	return row{Cells: cells, Mark: m}
}

// requirementCell is a requirement's points, 不适用, or blank when the
// score has no such requirement.
func requirementCell(wd words, sc checklist.Score, id string) cell {
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

// flagText is the lagging flag of a rating and, when a veto item is not
// met, which one and what it did to the stars.
func flagText(l i18n.Lang, sc checklist.Score, scale checklist.StarScale) string {
	var parts []string
	if f := l.Flag(sc); f != "" {
		parts = append(parts, f)
	}
	if sc.Capped() {
		ids := strings.Join(sc.VetoItems, l.Pick("、", ", "))
		if before := scale.StarsFor(sc.Total); before > sc.Stars {
			parts = append(parts, l.Sprintf("否决项%s不符合,由%s降为%s", "veto item %s not met: %s capped to %s",
				ids, l.StarCount(before), l.StarCount(sc.Stars)))
		} else {
			parts = append(parts, l.Sprintf("否决项%s不符合(最高%s)", "veto item %s not met (at most %s)",
				ids, l.StarCount(scale.VetoCap)))
		}
	}
	return strings.Join(parts, l.Pick(";", "; "))
}

// standardFacts state a standard and the rules it applies: its id and
// title, star scale, lagging rule, veto rule when it has veto items and,
// with note, where the scale comes from. A non-empty tag is added to each
// label, to tell several standards apart.
func standardFacts(l i18n.Lang, std *checklist.Standard, tag string, note bool) []fact {
	wd := wordsFor(l)
	label := func(s string) string {
		if tag == "" {
			return s
		}
		return s + " [" + tag + "]"
	}
	out := []fact{
		{label(wd.Standard), text(std.ID + " " + l.StandardTitle(std))},
		{label(l.Pick("星级档次", "Star scale")), text(l.Scale(std.Stars))},
		{label(l.Pick("落后规则", "Lagging rule")), text(l.LaggingRule(std.Stars))},
	}
	if ids := vetoItems(std); len(ids) > 0 {
		out = append(out, fact{label(l.Pick("否决规则", "Veto rule")), text(l.VetoRule(std.Stars) +
			l.Sprintf("(否决项:%s)", " (veto items: %s)", strings.Join(ids, l.Pick("、", ", "))))})
	}
	if n := l.ScaleNote(std); note && n != "" {
		out = append(out, fact{label(l.Pick("档次说明", "About the scale")), text(n)})
	}
	return out
}

// vetoItems lists the ids of a standard's veto items.
func vetoItems(std *checklist.Standard) []string {
	var ids []string
	for _, it := range std.Items() {
		if it.Veto {
			ids = append(ids, it.ID)
		}
	}
	return ids
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

// issueTable lists every item not met or partly met in each rated
// school's visit (问题清单), schools in the table's order, items in the
// standard's order.
func issueTable(yr *checklist.YearRating, l i18n.Lang) table {
	wd := wordsFor(l)
	t := table{Columns: []column{
		{Title: wd.School}, {Title: wd.Township}, {Title: wd.Requirement}, {Title: wd.ItemID},
		{Title: wd.ItemText, Long: true}, {Title: wd.Verdict}, {Title: wd.Note, Long: true},
	}}
	for i := range yr.Ratings {
		r := &yr.Ratings[i]
		if !r.Rated() {
			continue
		}
		for _, is := range visitIssues(l, r.Standard, r.Visit) {
			t.Rows = append(t.Rows, row{Cells: []cell{
				text(r.School.Name), text(r.School.Township), text(is.requirement), text(is.id),
				text(is.text), text(is.verdict), text(is.note),
			}})
		}
	}
	return t
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
