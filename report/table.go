package report

import (
	"bufio"
	"bytes"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

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
			alignTable(*s.Table, func(l []byte) {
				bw.Write(l)
				bw.WriteByte('\n')
			})
		}
	}
	return bw.Flush()
}

// alignTable lays a table out as lines of aligned columns, two spaces
// apart, with a rule under the header, and hands each line to emit (its
// bytes are the caller's only during the call). Ambiguous-width columns
// are moved to the end, and one that is not last gets room for its stars
// to be drawn two cells wide; in the other columns that are not last,
// ambiguous punctuation (“ ” ①) is made narrow (termtext.ColumnSafe);
// free text longer than maxTextColumn wraps within its column. Each
// cell is made safe and measured once: a province's table (50,000 rows)
// costs what its text does.
func alignTable(t table, emit func(line []byte)) {
	ncol := len(t.Columns)
	order := make([]int, 0, ncol)
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
	last := order[len(order)-1]
	// The cells as shown, header, rule and body, row by row, and their
	// widths.
	nrow := len(t.Rows) + 2
	cells := make([]string, nrow*ncol)
	cellWidths := make([]int, nrow*ncol)
	widths := make([]int, ncol)
	for i, c := range t.Columns {
		cells[i] = termtext.Line(c.Title)
		cellWidths[i] = termtext.Width(cells[i])
		widths[i] = cellWidths[i]
	}
	room := make([]int, ncol) // cells left for glyphs a terminal may draw wide
	for r, rw := range t.Rows {
		at := (r + 2) * ncol
		for i, c := range t.Columns {
			s := ""
			if i < len(rw.Cells) {
				s = rw.Cells[i].Text
			}
			w, plain := plainWidth(s) // most cells: nothing to make safe or narrow
			if !plain {
				s = termtext.Line(s)
				if i != last {
					if c.Ambiguous {
						room[i] = max(room[i], strings.Count(s, "★")+strings.Count(s, "☆"))
					} else {
						s = termtext.ColumnSafe(s)
					}
				}
				w = termtext.Width(s)
			}
			cells[at+i], cellWidths[at+i] = s, w
			widths[i] = max(widths[i], cellWidths[at+i])
		}
	}
	for i, c := range t.Columns {
		if c.Long {
			widths[i] = min(widths[i], max(maxTextColumn, cellWidths[i]))
		}
		cells[ncol+i] = strings.Repeat("-", widths[i])
		cellWidths[ncol+i] = widths[i]
		widths[i] += room[i]
	}
	var line []byte
	pad := func(n int) {
		for range n {
			line = append(line, ' ')
		}
	}
	// put writes one cell of width w in column i, the k-th shown.
	put := func(k, i int, cell string, w int) {
		if k > 0 {
			line = append(line, "  "...)
		}
		switch {
		case t.Columns[i].Numeric:
			pad(widths[i] - w)
			line = append(line, cell...)
		case k == len(order)-1:
			line = append(line, cell...)
		default:
			line = append(line, cell...)
			pad(widths[i] - w)
		}
	}
	end := func() {
		emit(bytes.TrimRight(line, " "))
		line = line[:0]
	}
	for r := range nrow {
		row, rowWidths := cells[r*ncol:(r+1)*ncol], cellWidths[r*ncol:(r+1)*ncol]
		// A long text wraps within its column onto more lines of the row.
		var wrapped [][]string
		for i, c := range t.Columns {
			if c.Long && rowWidths[i] > widths[i] {
				if wrapped == nil {
					wrapped = make([][]string, ncol)
				}
				wrapped[i] = termtext.Wrap(row[i], widths[i])
			}
		}
		if wrapped == nil {
			for k, i := range order {
				put(k, i, row[i], rowWidths[i])
			}
			end()
			continue
		}
		height := 1
		for _, w := range wrapped {
			height = max(height, len(w))
		}
		for ln := range height {
			for k, i := range order {
				switch {
				case wrapped[i] != nil && ln < len(wrapped[i]):
					put(k, i, wrapped[i][ln], termtext.Width(wrapped[i][ln]))
				case wrapped[i] == nil && ln == 0:
					put(k, i, row[i], rowWidths[i])
				default:
					put(k, i, "", 0)
				}
			}
			end()
		}
	}
}

// plainWidth is the width of text made only of printable ASCII and CJK
// ideographs, as termtext.Width measures it (one cell and two), and
// whether s is such text: text that termtext.Line and
// termtext.ColumnSafe leave as it is, and most cells of a table (numbers,
// days, names), measured in one pass.
func plainWidth(s string) (int, bool) {
	w := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return 0, false
			}
			w, i = w+1, i+1
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r < 0x4e00 || r > 0x9fff {
			return 0, false
		}
		w, i = w+2, i+size
	}
	return w, true
}

// maxTextColumn is the widest a column of free text gets in the terminal;
// longer text wraps onto more lines of its row.
const maxTextColumn = 40
