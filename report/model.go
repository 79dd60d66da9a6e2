package report

import (
	"strconv"
	"strings"

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
	markOverdue       // a rectification past its deadline (逾期)
	markClosed        // a rectification closed (已销号)
)

// cellKind says what a cell holds, for the formats that store more than
// text (a spreadsheet's numbers and dates) or show numbers one way.
type cellKind uint8

const (
	kindText   cellKind = iota
	kindCount           // a whole number: 序号, a count
	kindPoints          // points, always shown with two decimals (0.00)
	kindDate            // a day
)

// cell is one value of a table or a fact: the text every format shows and,
// for a number or a day, what a spreadsheet stores.
type cell struct {
	Text string
	Kind cellKind
	Num  float64        // a count's or points' value
	Date checklist.Date // a day's value
}

// IsNum reports whether the cell holds a number.
func (c cell) IsNum() bool { return c.Kind == kindCount || c.Kind == kindPoints }

func text(s string) cell { return cell{Text: s} }

// points is a number of points, shown with two decimals ("87.50"), the
// one number format of every score the exports print.
func points(p float64) cell {
	return cell{Text: formatPoints(p), Kind: kindPoints, Num: p}
}

// formatPoints writes points with two decimals, as every column of
// points does, on screen too.
func formatPoints(p float64) string { return checklist.FormatPointsFixed(p) }

func count(n int) cell { return cell{Text: strconv.Itoa(n), Kind: kindCount, Num: float64(n)} }

// date is a day, written 2006-01-02; a zero day is an empty cell.
func date(d checklist.Date) cell {
	if d.IsZero() {
		return text("")
	}
	return cell{Text: d.String(), Kind: kindDate, Date: d}
}

// column is one column of a table.
type column struct {
	Title string
	// Numeric columns are right-aligned.
	Numeric bool
	// Points columns hold scores: a spreadsheet formats them 0.00.
	Points bool
	// Date columns hold days: a spreadsheet formats them as dates.
	Date bool
	// Ambiguous columns hold East Asian ambiguous-width symbols (★ ☆),
	// which some terminals draw two cells wide: the text table puts such a
	// column last, where it cannot shift the others.
	Ambiguous bool
	// Long columns hold free text (an item's text, a note) that wraps in a
	// spreadsheet.
	Long bool
	// Handwritten columns are left blank until their data comes, to be
	// written in by hand: a page leaves room for the writing.
	Handwritten bool
	// Flag columns say why a row is marked (落后党支部, a veto item): a page
	// draws them bold in the row's colour.
	Flag bool
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
	// Numbered facts are notes a page numbers (说明: 1. 2. …).
	Numbered bool
	// Charts are drawn by a page that can (HTML: inline SVG).
	Charts []barChart
}

// document is what a page-like format (text, Markdown, HTML, a sheet of
// facts) renders: a title, the lines under it, a banner that must not be
// missed, sections, and for a paper to be signed and sent, the signature
// lines and the place for the seal at its foot.
type document struct {
	Lang  i18n.Lang
	Title string
	// Head are the lines under the title: who made the paper (填报单位).
	Head   []fact
	Banner string
	// Sections are the body.
	Sections []section
	// Signatures are the lines at the foot to sign and date by hand
	// (填表人, 审核人…, 填报日期), in order; Seal, if set, marks the place
	// of the official seal (公章). A paper without them is not for signing.
	Signatures []signature
	Seal       string
	// Receipt, if set, is the last line of a paper that is handed over:
	// what the one who receives it signs for (签收), and its lines to sign.
	Receipt *receipt
	// Portrait prints on A4 portrait; otherwise landscape.
	Portrait bool
}

// Body are the sections a page prints as they come; Tail is the last
// one of a paper to sign, which a page keeps on one page with the
// signature lines, so that they never stand alone.
func (d document) Body() []section {
	if d.signed() && len(d.Sections) > 0 {
		return d.Sections[:len(d.Sections)-1]
	}
	return d.Sections
}

// Tail: see Body.
func (d document) Tail() *section {
	if d.signed() && len(d.Sections) > 0 {
		return &d.Sections[len(d.Sections)-1]
	}
	return nil
}

// HasCharts reports whether a section draws charts.
func (d document) HasCharts() bool {
	for _, s := range d.Sections {
		if len(s.Charts) > 0 {
			return true
		}
	}
	return false
}

// wideTable is the number of columns above which a page prints a table
// smaller and lets its cells wrap: a ratings table with the year end's
// columns.
const wideTable = 19

// HasWideTable reports whether a section holds a table of more than
// wideTable columns.
func (d document) HasWideTable() bool {
	for _, s := range d.Sections {
		if s.Table != nil && len(s.Table.Columns) > wideTable {
			return true
		}
	}
	return false
}

// signed reports whether the document has a foot to sign.
func (d document) signed() bool { return len(d.Signatures) > 0 || d.Seal != "" }

// signature is one line at a paper's foot: a name to sign, or a date to
// write in.
type signature struct {
	Label string
	Date  bool
}

// Blank returns what is written on the line by hand, as plain text: a
// rule for a name, 年 月 日 for a date.
func (s signature) Blank(l i18n.Lang) string {
	if s.Date && l != i18n.English {
		return "　　　　年　　月　　日"
	}
	return blank
}

// String is the line as plain text: "填表人：＿＿＿＿".
func (s signature) String(l i18n.Lang) string { return s.Label + sep(l) + s.Blank(l) }

// signatureLine is a paper's signature lines as one line of plain text.
func signatureLine(l i18n.Lang, sigs []signature) string {
	parts := make([]string, len(sigs))
	for i, s := range sigs {
		parts[i] = s.String(l)
	}
	return strings.Join(parts, l.Pick("　　", "    "))
}

// receipt is the line a paper's receiver signs to say it was received
// (签收): what is received, then the lines to sign and date.
type receipt struct {
	Text       string
	Signatures []signature
}

// String is the receipt as one line of plain text.
func (r *receipt) String(l i18n.Lang) string {
	return r.Text + l.Pick("　　", "  ") + signatureLine(l, r.Signatures)
}

// sep is what separates a label from its value in running text.
func sep(l i18n.Lang) string { return l.Pick("：", ": ") }
