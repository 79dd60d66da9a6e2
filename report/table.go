package report

import (
	"bufio"
	"io"
	"slices"
	"strconv"
	"strings"

	"branchcheck/termtext"
)

// writeText writes a document as plain text for the terminal: the title,
// facts as "label: value" lines (inline facts all on one line, notes
// numbered), and tables whose columns are aligned by
// display width (a Chinese character takes two cells). A column of stars
// goes last, so a terminal that draws ★ two cells wide shifts nothing
// after it.
func writeText(w io.Writer, d document) error {
	bw := bufio.NewWriter(w)
	line := func(s string) { bw.WriteString(strings.TrimRight(s, " ") + "\n") }
	title := termtext.Line(d.Title)
	line(title)
	line(strings.Repeat("=", termtext.Width(title)))
	for _, h := range d.Head {
		line(termtext.Line(h.Label) + sep(d.Lang) + termtext.Line(h.Value.Text))
	}
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
			if s.Numbered {
				facts[i] = strconv.Itoa(i+1) + ". " + facts[i]
			}
		}
		if s.Inline {
			line(strings.Join(facts, "  "))
		} else {
			for _, f := range facts {
				line(f)
			}
		}
		if s.Table != nil {
			if len(s.Facts) > 0 || len(s.Text) > 0 {
				line("")
			}
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
// to the end, and one that is not last gets room for its stars to be drawn
// two cells wide; in the other columns that are not last, ambiguous
// punctuation (“ ” ①) is made narrow (termtext.ColumnSafe); free text
// longer than maxTextColumn wraps within its column.
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
	last := order[len(order)-1]
	room := make([]int, len(t.Columns)) // cells left for glyphs a terminal may draw wide
	for r, rw := range t.Rows {
		body[r] = make([]string, len(t.Columns))
		for i, c := range t.Columns {
			if i < len(rw.Cells) {
				body[r][i] = termtext.Line(rw.Cells[i].Text)
			}
			if i != last {
				if c.Ambiguous {
					room[i] = max(room[i], strings.Count(body[r][i], "★")+strings.Count(body[r][i], "☆"))
				} else {
					body[r][i] = termtext.ColumnSafe(body[r][i])
				}
			}
			widths[i] = max(widths[i], termtext.Width(body[r][i]))
		}
	}
	for i, c := range t.Columns {
		if c.Long {
			widths[i] = min(widths[i], max(maxTextColumn, termtext.Width(header[i])))
		}
		rule[i] = strings.Repeat("-", widths[i])
		widths[i] += room[i]
	}
	lines := make([]string, 0, len(t.Rows)+2)
	for _, cells := range slices.Concat([][]string{header, rule}, body) {
		// A long text wraps within its column onto more lines of the row.
		wrapped := make([][]string, len(cells))
		height := 1
		for i, c := range cells {
			wrapped[i] = []string{c}
			if t.Columns[i].Long && termtext.Width(c) > widths[i] {
				wrapped[i] = termtext.Wrap(c, widths[i])
			}
			height = max(height, len(wrapped[i]))
		}
		for ln := range height {
			var b strings.Builder
			for k, i := range order {
				if k > 0 {
					b.WriteString("  ")
				}
				cell := ""
				if ln < len(wrapped[i]) {
					cell = wrapped[i][ln]
				}
				switch {
				case t.Columns[i].Numeric:
					b.WriteString(termtext.Pad(cell, widths[i], true))
				case k == len(order)-1:
					b.WriteString(cell)
				default:
					b.WriteString(termtext.Pad(cell, widths[i], false))
				}
			}
			lines = append(lines, strings.TrimRight(b.String(), " "))
		}
	}
	return lines
}

// maxTextColumn is the widest a column of free text gets in the terminal;
// longer text wraps onto more lines of its row.
const maxTextColumn = 40
