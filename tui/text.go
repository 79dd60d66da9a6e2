package tui

import (
	"strings"

	"branchcheck/i18n"
	"branchcheck/outline"
	"branchcheck/termtext"
)

// lines is a screen being drawn: rows of text no wider than the window.
type lines []string

// add appends rows.
func (l *lines) add(rows ...string) { *l = append(*l, rows...) }

// frame makes exactly h rows of at most w cells: long rows are clipped,
// missing rows are blank.
func frame(rows []string, w, h int) []string {
	out := make([]string, h)
	for i := 0; i < h && i < len(rows); i++ {
		if termtext.Width(rows[i]) > w {
			out[i] = termtext.Clip(rows[i], w)
		} else {
			out[i] = rows[i]
		}
	}
	return out
}

// window picks the rows [start, start+h) of n rows that keep the row at
// cursor in view, scrolling as little as needed from the previous start.
func window(start, cursor, n, h int) int {
	if h <= 0 || n <= h {
		return 0
	}
	if cursor < start {
		start = cursor
	}
	if cursor >= start+h {
		start = cursor - h + 1
	}
	if start > n-h {
		start = n - h
	}
	if start < 0 {
		start = 0
	}
	return start
}

// joinColumns sets two blocks of rows side by side: the left one padded
// to lw cells, then gap spaces, then the right one.
func joinColumns(left, right []string, lw, gap int) []string {
	n := max(len(left), len(right))
	out := make([]string, n)
	sp := strings.Repeat(" ", gap)
	for i := range n {
		var l, r string
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		if r == "" {
			out[i] = strings.TrimRight(termtext.Fit(l, lw), " ")
			continue
		}
		out[i] = termtext.Fit(l, lw) + sp + r
	}
	return out
}

// frame is frame measured on this terminal: rows wider than w cells, ★
// counted as the terminal draws it, are clipped.
func (c *common) frame(rows []string, w, h int) []string {
	out := make([]string, h)
	for i := 0; i < h && i < len(rows); i++ {
		if c.width(rows[i]) > w {
			out[i] = c.clip(rows[i], w)
		} else {
			out[i] = rows[i]
		}
	}
	return out
}

// lineOf is a message on one line, safe to print: its first line, any
// control character in it made visible.
func lineOf(s string) string { return termtext.Line(termtext.OneLine(s)) }

// contains reports whether text holds query, both folded as a search
// folds them (outline.Fold: case, full-width forms, 台帐 is 台账); an
// empty query is in every text.
func contains(text, query string) bool {
	return strings.Contains(outline.Fold(text), outline.Fold(query))
}

// wrap breaks text into lines of at most w cells of this terminal: where
// ambiguous glyphs may be drawn two cells wide, it leaves them the room.
func (c *common) wrap(s string, w int) []string {
	if c.wide {
		w -= max(wideMeasure.String(s)-termtext.Width(s), 0)
	}
	return termtext.Wrap(s, max(w, 8))
}

// days is a number of days: in English "1 day", "3 days".
func days(n int) i18n.Count { return i18n.Counted(n, "day", "days") }
