package report

import (
	"bufio"
	"io"
	"slices"
	"strings"

	"branchcheck/termtext"
)

// writeText writes a document as plain text for the terminal: the title,
// facts as "label: value" lines (inline facts all on one line), and tables whose columns are aligned by
// display width (a Chinese character takes two cells). A column of stars
// goes last, so a terminal that draws ★ two cells wide shifts nothing
// after it.
func writeText(w io.Writer, d document) error {
	bw := bufio.NewWriter(w)
	line := func(s string) { bw.WriteString(strings.TrimRight(s, " ") + "\n") }
	title := termtext.Line(d.Title)
	line(title)
	line(strings.Repeat("=", termtext.Width(title)))
	if d.Banner != "" {
		line("!! " + termtext.Line(d.Banner))
	}
	for _, s := range d.Sections {
		line("")
		if s.Heading != "" {
			line(termtext.Line(s.Heading))
			line(strings.Repeat("-", termtext.Width(s.Heading)))
		}
		for _, t := range s.Text {
			line(termtext.Line(t))
		}
		facts := make([]string, len(s.Facts))
		for i, f := range s.Facts {
			facts[i] = termtext.Line(f.Label) + sep(d.Lang) + termtext.Line(f.Value.Text)
		}
		if s.Inline {
			line(strings.Join(facts, "  "))
		} else {
			for _, f := range facts {
				line(f)
			}
		}
		if s.Table != nil {
			if len(s.Table.Rows) == 0 && s.Empty != "" {
				line(termtext.Line(s.Empty))
			}
			for _, l := range alignTable(*s.Table) {
				line(l)
			}
		}
	}
	return bw.Flush()
}

// alignTable lays a table out as lines of aligned columns, two spaces
// apart, with a rule under the header. Ambiguous-width columns are moved
// to the end.
func alignTable(t table) []string {
	order := make([]int, 0, len(t.Columns))
	for i, c := range t.Columns {
		if !c.Ambiguous {
			order = append(order, i)
		}
	}
	for i, c := range t.Columns {
		if c.Ambiguous {
			order = append(order, i)
		}
	}
	header := make([]string, len(t.Columns))
	rule := make([]string, len(t.Columns))
	body := make([][]string, len(t.Rows))
	widths := make([]int, len(t.Columns))
	for i, c := range t.Columns {
		header[i] = termtext.Line(c.Title)
		widths[i] = termtext.Width(header[i])
	}
	for r, rw := range t.Rows {
		body[r] = make([]string, len(t.Columns))
		for i := range t.Columns {
			if i < len(rw.Cells) {
				body[r][i] = termtext.Line(rw.Cells[i].Text)
			}
			widths[i] = max(widths[i], termtext.Width(body[r][i]))
		}
	}
	for i := range rule {
		rule[i] = strings.Repeat("-", widths[i])
	}
	lines := make([]string, 0, len(t.Rows)+2)
	for _, cells := range slices.Concat([][]string{header, rule}, body) {
		var b strings.Builder
		for k, i := range order {
			if k > 0 {
				b.WriteString("  ")
			}
			last := k == len(order)-1
			switch {
			case t.Columns[i].Numeric:
				b.WriteString(termtext.Pad(cells[i], widths[i], true))
			case last:
				b.WriteString(cells[i])
			default:
				b.WriteString(termtext.Pad(cells[i], widths[i], false))
			}
		}
		lines = append(lines, strings.TrimRight(b.String(), " "))
	}
	return lines
}
