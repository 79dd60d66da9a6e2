package report

import (
	"strconv"

	"branchcheck/checklist"
	"branchcheck/i18n"
)

// The row model: what every format renders. A ratings table and a feedback
// sheet are each built once into these values, in the chosen language;
// the format files only lay them out.

// mark says how a row stands out from the others.
type mark uint8

const (
	markNone     mark = iota
	markLagging       // a 落后党支部: tinted, and its flag column says so
	markNotRated      // 未评定: no finalized visit that year
	markImproved      // a verdict better than at the previous visit
	markWorse         // a verdict worse than at the previous visit
)

// cell is one value of a table or a fact: the text every format shows and,
// for a number, the number a spreadsheet stores.
type cell struct {
	Text  string
	Num   float64
	IsNum bool
}

func text(s string) cell { return cell{Text: s} }

// points is a number of points, shown the checklist's way ("87.5").
func points(p float64) cell { return cell{Text: checklist.FormatPoints(p), Num: p, IsNum: true} }

func count(n int) cell { return cell{Text: strconv.Itoa(n), Num: float64(n), IsNum: true} }

// column is one column of a table.
type column struct {
	Title string
	// Numeric columns are right-aligned.
	Numeric bool
	// Ambiguous columns hold East Asian ambiguous-width symbols (★ ☆),
	// which some terminals draw two cells wide: the text table puts such a
	// column last, where it cannot shift the others.
	Ambiguous bool
	// Long columns hold free text (an item's text, a note) that wraps in a
	// spreadsheet.
	Long bool
}

// row is one row of a table; its cells match the table's columns.
type row struct {
	Cells []cell
	Mark  mark
}

// table is a header and rows.
type table struct {
	Columns []column
	Rows    []row
}

// fact is one statement of a document: a label and its value.
type fact struct {
	Label string
	Value cell
}

// section is a part of a document: an optional heading, then lines of
// text, facts and a table, each optional.
type section struct {
	Heading string
	Text    []string
	Facts   []fact
	Table   *table
	// Empty is shown instead of the table when it has no rows.
	Empty string
	// Inline facts are short (counts) and a page may run them together
	// on one line.
	Inline bool
}

// document is what a page-like format (text, Markdown, HTML, a sheet of
// facts) renders: a title, a banner that must not be missed, sections.
type document struct {
	Lang     i18n.Lang
	Title    string
	Banner   string
	Sections []section
}

// sep is what separates a label from its value in running text.
func sep(l i18n.Lang) string { return l.Pick("：", ": ") }
