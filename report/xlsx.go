package report

import (
	"archive/zip"
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	"branchcheck/checklist"
	"branchcheck/i18n"
)

// Fill colours of marked rows.
const (
	fillHeader   = "E8E8E8"
	fillLagging  = "FFE5E5" // light red: a 落后党支部, or a verdict gone worse
	fillImproved = "E5F5E5" // light green: a verdict gone better
)

// Widths of spreadsheet columns, in Excel's units (about one Latin
// character; a Chinese character takes two).
const (
	minColWidth  = 6
	maxColWidth  = 40
	maxLongWidth = 60
	maxFlagWidth = 18 // a flag column wraps its few words
	// maxPortraitLong is the widest free text column of a portrait page.
	maxPortraitLong = 32
	lineHeight      = 15 // points per wrapped line
)

// Number formats: every score with two decimals, days as dates.
const (
	numFmtCount  = 1 // built-in "0"
	numFmtPoints = 2 // built-in "0.00"
	dateFormat   = "yyyy-mm-dd"
)

// writeRatingsXLSX writes the ratings workbook: the summary sheet, a paper
// to send upward (title and 填报单位 above the table, its header frozen,
// filtered and repeated on every printed page, lagging rows filled light
// red, the counts and the rules below it, then the signature lines and
// the seal), the sheet of items to fix (问题清单), with a ledger the sheet
// 整改台账 (its rows as the ledger lists them, overdue ones filled light
// red, closed ones grey), and the sheet of what the export states (说明,
// with the standards' ids and the database). The summary sheet is the
// active one.
func writeRatingsXLSX(w io.Writer, r *ratings, issues tableRows, lg *checklist.RectLedger, parts func(func(*checklist.RectLedger) error) error) error {
	l := r.lang
	summary, problems, rects, about := l.Pick("星级评定汇总", "Star ratings"), l.Pick("问题清单", "Items to fix"),
		l.Pick("整改台账", "Rectifications"), l.Pick("说明", "About")
	charts := l.Pick("统计图", "Charts")
	// The long tables are made twice, as they are written: once here to
	// fit the columns and count the rows (a sheet holds at most
	// excelize.TotalRows; more go on to the next sheet), then sheet by
	// sheet.
	fitIssues, err := fitRows(issues, maxLongWidth)
	if err != nil {
		return err
	}
	var fitRects *fittedRows
	if lg != nil {
		if fitRects, err = fitRows(rectRows(l, lg, parts), maxLongWidth); err != nil {
			return err
		}
	}
	sheets := []string{summary}
	if len(r.charts) > 0 {
		sheets = append(sheets, charts)
	}
	problemSheets := sheetNames(l, problems, fitIssues.n)
	sheets = append(sheets, problemSheets...)
	var rectSheets []string
	if lg != nil {
		rectSheets = sheetNames(l, rects, fitRects.n)
		sheets = append(sheets, rectSheets...)
	}
	sheets = append(sheets, about)
	return writeWorkbook(w, l, r.title, r.generated, sheets, func(f *excelize.File, st *styles) error {
		if err := writeDocSheet(f, st, summary, r.paper()); err != nil {
			return err
		}
		// Written: a province's table (50,000 rows) is not held while
		// the long sheets are made.
		r.table = table{}
		if len(r.charts) > 0 {
			if err := writeChartSheet(f, st, l, charts, r.charts); err != nil {
				return err
			}
		}
		if err := writeTableSheets(f, st, l, problemSheets, fitIssues); err != nil {
			return err
		}
		// Written: the rated visits' findings are not held while the
		// 整改台账 is written (see WriteRatings).
		fitIssues = nil
		if lg != nil {
			if err := writeTableSheets(f, st, l, rectSheets, fitRects); err != nil {
				return err
			}
		}
		return writeDocSheet(f, st, about, document{Lang: l, Title: r.title, Portrait: true, Sections: []section{{Facts: r.about}}})
	})
}

// sheetRowsMax is how many rows of a table a sheet holds below its
// header: a spreadsheet's rows, less the header.
const sheetRowsMax = excelize.TotalRows - 1

// sheetNames names the sheets a table of n rows takes: one, named name,
// up to sheetRowsMax rows; then name（2）, name（3）, ….
func sheetNames(l i18n.Lang, name string, n int) []string {
	out := []string{name}
	for k := 2; (k-1)*sheetRowsMax < n; k++ {
		out = append(out, l.Sprintf("%s（%d）", "%s (%d)", name, k))
	}
	return out
}

// writeWorkbook makes a workbook with the named sheets, the first one
// active, lets fill write them and writes the file to w.
//
// The sheets are named and the active one set before any is written:
// excelize's SetActiveSheet parses every sheet back, which costs more
// than writing them once they are big.
func writeWorkbook(w io.Writer, l i18n.Lang, title string, at time.Time, sheets []string, fill func(*excelize.File, *styles) error) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := addSheets(f, sheets...); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	st, err := newStyles(f)
	if err != nil {
		return workbookError(err, checklist.Text{ZH: "单元格样式", EN: "make the cell styles"})
	}
	if err := fill(f, st); err != nil {
		return err
	}
	if err := f.SetDocProps(&excelize.DocProperties{
		Title: title, Creator: "branchcheck", Language: l.Pick("zh-CN", "en"),
		Created: docTime(at), Modified: docTime(at),
	}); err != nil {
		return workbookError(err, checklist.Text{ZH: "文档属性", EN: "set the document properties"})
	}
	return writeStraight(f, w)
}

// writeStraight writes a workbook to w as File.Write does, but without
// its buffer: excelize builds the whole zip in memory before writing it
// (a province's ratings workbook is a hundred megabytes, with as much
// again as the buffer grows), so the zip writer it is given writes to w
// directly, and the buffer stays empty.
func writeStraight(f *excelize.File, w io.Writer) error {
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(w) })
	return f.Write(w)
}

// addSheets names the workbook's sheets in order: the new file's Sheet1
// becomes the first, so no default sheet is left behind.
func addSheets(f *excelize.File, names ...string) error {
	if err := f.SetSheetName("Sheet1", names[0]); err != nil {
		return workbookError(err, checklist.Text{ZH: "工作表“%s”的名称", EN: "name sheet %s"}, names[0])
	}
	for _, n := range names[1:] {
		if _, err := f.NewSheet(n); err != nil {
			return workbookError(err, checklist.Text{ZH: "添加工作表“%s”", EN: "add sheet %s"}, n)
		}
	}
	return nil
}

// rowKind is how a table row stands out, for its cells' fill and font.
type rowKind uint8

const (
	rowPlain rowKind = iota
	rowBad           // lagging, or gone worse: light red
	rowGood          // gone better: light green
	rowGrey          // not rated: grey italics
	rowKinds
)

// colKind is what a column holds, for its cells' alignment and number
// format.
type colKind uint8

const (
	colText colKind = iota
	colLong
	colCount
	colPoints
	colDate
	colKinds
)

// styles are the cell styles of a workbook, made once per file.
type styles struct {
	header int
	body   [rowKinds][colKinds]int
	// title, head (the 填报单位 line), heading, label, banner, note (a
	// wrapped line of text), seal.
	title, head, heading, label, banner, note, seal int
	// factCount, factPoints and factDate are the values of facts that
	// are numbers or days.
	factCount, factPoints, factDate int
}

func newStyles(f *excelize.File) (*styles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "A0A0A0", Style: 1}, {Type: "right", Color: "A0A0A0", Style: 1},
		{Type: "top", Color: "A0A0A0", Style: 1}, {Type: "bottom", Color: "A0A0A0", Style: 1},
	}
	fill := func(c string) excelize.Fill {
		if c == "" {
			return excelize.Fill{}
		}
		return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}}
	}
	top := func(h string, wrap bool) *excelize.Alignment {
		return &excelize.Alignment{Horizontal: h, Vertical: "top", WrapText: wrap}
	}
	date := dateFormat
	var err error
	add := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(s)
		return id
	}
	st := &styles{}
	st.header = add(&excelize.Style{Border: border, Fill: fill(fillHeader), Font: &excelize.Font{Bold: true},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	rows := [rowKinds]struct {
		bg   string
		font *excelize.Font
	}{
		rowPlain: {}, rowBad: {bg: fillLagging}, rowGood: {bg: fillImproved},
		rowGrey: {font: &excelize.Font{Italic: true, Color: "707070"}},
	}
	for rk, r := range rows {
		base := func() *excelize.Style {
			return &excelize.Style{Border: border, Fill: fill(r.bg), Font: r.font, Alignment: top("", false)}
		}
		s := base()
		st.body[rk][colText] = add(s)
		s = base()
		s.Alignment = top("", true)
		st.body[rk][colLong] = add(s)
		s = base()
		s.Alignment, s.NumFmt = top("right", false), numFmtCount
		st.body[rk][colCount] = add(s)
		s = base()
		s.Alignment, s.NumFmt = top("right", false), numFmtPoints
		st.body[rk][colPoints] = add(s)
		s = base()
		s.CustomNumFmt = &date
		st.body[rk][colDate] = add(s)
	}
	st.title = add(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 16},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	st.head = add(&excelize.Style{Font: &excelize.Font{Size: 11}, Alignment: &excelize.Alignment{Vertical: "center"}})
	st.heading = add(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}})
	st.label = add(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: top("", false)})
	st.banner = add(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "B00000"}, Alignment: top("", true)})
	st.note = add(&excelize.Style{Alignment: top("", true)})
	st.seal = add(&excelize.Style{Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}})
	st.factCount = add(&excelize.Style{Alignment: top("left", false), NumFmt: numFmtCount})
	st.factPoints = add(&excelize.Style{Alignment: top("left", false), NumFmt: numFmtPoints})
	st.factDate = add(&excelize.Style{Alignment: top("left", false), CustomNumFmt: &date})
	return st, err
}

// kindOf is what a column holds.
func kindOf(c column) colKind {
	switch {
	case c.Long:
		return colLong
	case c.Points:
		return colPoints
	case c.Date:
		return colDate
	case c.Numeric:
		return colCount
	}
	return colText
}

// cellStyle picks the style of a table cell from its row's mark and its
// column.
func (st *styles) cellStyle(m mark, c column) int {
	rk := rowPlain
	switch m {
	case markLagging, markWorse, markOverdue:
		rk = rowBad
	case markImproved:
		rk = rowGood
	case markNotRated, markClosed:
		rk = rowGrey
	}
	return st.body[rk][kindOf(c)]
}

// factStyle is the style of a fact's value.
func (st *styles) factStyle(c cell) int {
	switch c.Kind {
	case kindCount:
		return st.factCount
	case kindPoints:
		return st.factPoints
	case kindDate:
		return st.factDate
	}
	return st.note
}

// value is what a cell stores: a number as a number, a day as a date,
// text as text, neutralised against formula injection. Never a formula.
func value(c cell) any {
	switch c.Kind {
	case kindCount, kindPoints:
		return c.Num
	case kindDate:
		return time.Date(c.Date.Year, c.Date.Month, c.Date.Day, 0, 0, 0, 0, time.UTC)
	}
	return neutralise(c.Text)
}

// sheetWidth estimates a text's width in Excel's units: one per ASCII
// character, two for anything else (Chinese, and ★, which spreadsheet
// fonts draw wide).
func sheetWidth(s string) int {
	n := 0
	for _, r := range s {
		if r < 0x80 {
			n++
		} else {
			n += 2
		}
	}
	return n
}

// tableWidths fits each column to its widest cell, within bounds; a
// column of free text at most maxLong wide.
func tableWidths(t table, maxLong float64) []float64 {
	ws := titleWidths(t.Columns)
	for _, r := range t.Rows {
		growWidths(ws, r)
	}
	return boundWidths(ws, t.Columns, maxLong)
}

// titleWidths are the columns' widths their titles need.
func titleWidths(cols []column) []float64 {
	ws := make([]float64, len(cols))
	for i, c := range cols {
		ws[i] = float64(sheetWidth(c.Title) + 2)
	}
	return ws
}

// growWidths widens the columns to a row's cells.
func growWidths(ws []float64, r row) {
	for i := range ws {
		if i < len(r.Cells) {
			ws[i] = max(ws[i], float64(sheetWidth(r.Cells[i].Text)+2))
		}
	}
}

// boundWidths keeps the widths within bounds: a flag column narrow, a
// column of free text at most maxLong wide, any other at most
// maxColWidth.
func boundWidths(ws []float64, cols []column, maxLong float64) []float64 {
	for i, c := range cols {
		top := float64(maxColWidth)
		switch {
		case c.Flag:
			top = maxFlagWidth
		case c.Long:
			top = maxLong
		}
		ws[i] = min(max(ws[i], minColWidth), top)
	}
	return ws
}

// tableRows is a table whose rows are made as they are written, so that a
// sheet of a million rows never holds them: each calls yield with every
// row in order until yield returns false. It may be called more than
// once.
type tableRows struct {
	columns []column
	each    func(yield func(row) bool) error
}

// fittedRows are a table's rows with the columns fitted to them and their
// count.
type fittedRows struct {
	tableRows
	widths []float64
	n      int
}

// fitRows makes a table's rows once to fit its columns (a column of free
// text at most maxLong wide) and count them.
func fitRows(t tableRows, maxLong float64) (*fittedRows, error) {
	fr := &fittedRows{tableRows: t, widths: titleWidths(t.columns)}
	err := t.each(func(r row) bool {
		growWidths(fr.widths, r)
		fr.n++
		return true
	})
	if err != nil {
		return nil, err
	}
	boundWidths(fr.widths, t.columns, maxLong)
	return fr, nil
}

// rowHeight estimates the height a row needs for its wrapped cells; 0
// leaves the default.
func rowHeight(cells []string, widths []float64) float64 {
	lines := 1
	for i, s := range cells {
		if i < len(widths) && s != "" {
			lines = max(lines, (sheetWidth(s)+int(widths[i])-3)/int(widths[i]-2))
		}
	}
	if lines <= 1 {
		return 0
	}
	return float64(min(lines*lineHeight, 409))
}

// sheetRow is one row of a sheet to stream: its cells, height (0: the
// default) and the cells it merges (from, to columns; 0 for none).
type sheetRow struct {
	vals     []any
	height   float64
	from, to int
	// cells, when set, is a table row whose vals are made as it is
	// written, in the columns cols.
	cells *row
	cols  []column
}

// sheetPlan is a sheet laid out row by row before it is streamed, so
// that what excelize needs first (the frozen header, the filter, the
// rows repeated on every printed page) is known.
type sheetPlan struct {
	rows   []sheetRow
	widths []float64
	// header is the row of the first table's header (1-based; 0: no
	// table) and last the row of its last line. With frozen the header
	// is frozen and repeated on each printed page; with filter the
	// table's rows can be filtered.
	header, last   int
	frozen, filter bool
	portrait       bool
	// tables are the header row and row count of each table, in order.
	tables [][2]int
	// st are the workbook's styles, for the rows made as they are
	// written.
	st *styles
	// stream, when set, is a table whose rows from, to (0-based) follow
	// the rows above, made as they are written.
	stream               *fittedRows
	streamFrom, streamTo int
}

func (p *sheetPlan) add(r sheetRow) { p.rows = append(p.rows, r) }

// line adds a row of one text across the sheet's columns.
func (p *sheetPlan) line(style int, s string) {
	p.add(sheetRow{vals: []any{excelize.Cell{StyleID: style, Value: neutralise(s)}},
		height: rowHeight([]string{s}, []float64{p.span(0)}), from: 1, to: len(p.widths)})
}

// span is the width of the columns after the first from.
func (p *sheetPlan) span(from int) float64 {
	w := 0.0
	for _, x := range p.widths[from:] {
		w += x
	}
	return w
}

// table adds a table's header and rows, each cell styled by its row's
// mark and its column, each row as tall as its wrapped free text needs.
func (p *sheetPlan) table(st *styles, t table) {
	p.header0(st, t.Columns, len(t.Rows))
	for i := range t.Rows {
		p.add(sheetRow{cells: &t.Rows[i], cols: t.Columns, height: p.tableHeight(t.Columns, t.Rows[i])})
	}
}

// header0 adds a table's header row, the table to come of n rows.
func (p *sheetPlan) header0(st *styles, cols []column, n int) {
	p.st = st
	vals := make([]any, len(cols))
	for i, c := range cols {
		vals[i] = excelize.Cell{StyleID: st.header, Value: neutralise(c.Title)}
	}
	p.add(sheetRow{vals: vals})
	if p.header == 0 {
		p.header, p.last = len(p.rows), len(p.rows)+n
	}
	p.tables = append(p.tables, [2]int{len(p.rows), n})
}

// tableHeight is the height a table row needs for its wrapped free text.
func (p *sheetPlan) tableHeight(cols []column, r row) float64 {
	long := make([]string, len(cols))
	for i, c := range cols {
		if c.Long && i < len(r.Cells) {
			long[i] = r.Cells[i].Text
		}
	}
	return rowHeight(long, p.widths)
}

// tableVals are a table row's cells as written, each styled by the row's
// mark and its column.
func (p *sheetPlan) tableVals(cols []column, r *row) []any {
	vals := make([]any, len(cols))
	for i, c := range cols {
		var cl cell
		if i < len(r.Cells) {
			cl = r.Cells[i]
		}
		vals[i] = excelize.Cell{StyleID: p.st.cellStyle(r.Mark, c), Value: value(cl)}
	}
	return vals
}

// inline adds short facts (the counts) as a small table: their labels in
// a header row, their values in the row below, wrapping onto more pairs
// of rows when there are more facts than columns.
func (p *sheetPlan) inline(st *styles, facts []fact) {
	n := len(p.widths)
	for start := 0; start < len(facts); start += n {
		part := facts[start:min(start+n, len(facts))]
		labels, values := make([]any, len(part)), make([]any, len(part))
		for i, fc := range part {
			labels[i] = excelize.Cell{StyleID: st.header, Value: neutralise(fc.Label)}
			c := column{Numeric: fc.Value.IsNum(), Points: fc.Value.Kind == kindPoints}
			values[i] = excelize.Cell{StyleID: st.cellStyle(markNone, c), Value: value(fc.Value)}
		}
		p.add(sheetRow{vals: labels})
		p.add(sheetRow{vals: values})
	}
}

// writeTableSheets writes a table to the sheets named, each one table
// of at most sheetRowsMax rows: the header row frozen, filtered and
// repeated on each printed page, columns fitted to every row.
func writeTableSheets(f *excelize.File, st *styles, l i18n.Lang, sheets []string, t *fittedRows) error {
	for k, sheet := range sheets {
		from := k * sheetRowsMax
		to := min(from+sheetRowsMax, t.n)
		p := &sheetPlan{widths: t.widths, frozen: true, filter: true, stream: t, streamFrom: from, streamTo: to}
		p.header0(st, t.columns, to-from)
		if err := p.write(f, l, sheet); err != nil {
			return err
		}
	}
	return nil
}

// writeDocSheet writes a document to a sheet from top to bottom: the
// title across the sheet, the lines under it (填报单位), the banner, and
// each section's heading, text, facts and table, then the signature lines
// and the seal. A fact is a label in the first column and its value across
// the others; short facts (counts) sit in the second and third columns;
// numbered facts (notes) are one line each across the sheet. The first
// table's header is, on a landscape paper (the ratings), frozen, repeated
// on each printed page and filtered. A portrait paper (the feedback sheet)
// holds several tables, and a sheet can repeat only one header: that of
// the longest table, when no table follows it.
func writeDocSheet(f *excelize.File, st *styles, sheet string, d document) error {
	p := &sheetPlan{widths: docWidths(d), portrait: d.Portrait, frozen: !d.Portrait, filter: !d.Portrait}
	l := d.Lang
	last := len(p.widths)
	p.add(sheetRow{vals: []any{excelize.Cell{StyleID: st.title, Value: neutralise(d.Title)}}, height: 28, from: 1, to: last})
	for _, h := range d.Head {
		p.add(sheetRow{vals: []any{excelize.Cell{StyleID: st.head, Value: neutralise(h.Label + sep(l) + h.Value.Text)}}, height: 20, from: 1, to: last})
	}
	if d.Banner != "" {
		p.line(st.banner, d.Banner)
	}
	for i, s := range d.Sections {
		if i > 0 || d.Banner != "" {
			p.add(sheetRow{}) // a blank row between parts, none under the head
		}
		if s.Heading != "" {
			p.line(st.heading, s.Heading)
		}
		for _, t := range s.Text {
			p.line(st.note, t)
		}
		for i, fc := range s.Facts {
			switch {
			case s.Numbered:
				p.line(st.note, fmt.Sprintf("%d. %s%s%s", i+1, fc.Label, sep(l), fc.Value.Text))
			case s.Inline:
				if i == 0 {
					p.inline(st, s.Facts)
				}
			default:
				p.add(sheetRow{vals: []any{excelize.Cell{StyleID: st.label, Value: neutralise(fc.Label)},
					excelize.Cell{StyleID: st.factStyle(fc.Value), Value: value(fc.Value)}},
					height: rowHeight([]string{fc.Label, fc.Value.Text}, []float64{p.widths[0], p.span(1)}), from: 2, to: last})
			}
		}
		switch {
		case s.Table == nil:
		case len(s.Table.Rows) > 0:
			p.table(st, *s.Table)
		case s.Empty != "":
			p.line(st.note, s.Empty)
		}
	}
	if d.signed() {
		p.add(sheetRow{})
		if len(d.Signatures) > 0 {
			p.add(sheetRow{vals: []any{excelize.Cell{StyleID: st.head, Value: neutralise(signatureLine(l, d.Signatures))}},
				height: max(30, rowHeight([]string{signatureLine(l, d.Signatures)}, []float64{p.span(0)})), from: 1, to: last})
		}
		if d.Seal != "" {
			p.add(sheetRow{vals: []any{excelize.Cell{StyleID: st.seal, Value: neutralise(d.Seal)}}, height: 45, from: 1, to: last})
		}
	}
	if d.Receipt != nil {
		line := d.Receipt.String(l)
		p.add(sheetRow{vals: []any{excelize.Cell{StyleID: st.head, Value: neutralise(line)}},
			height: max(30, rowHeight([]string{line}, []float64{p.span(0)})), from: 1, to: last})
	}
	return p.write(f, l, sheet)
}

// write streams the plan to a sheet, after what excelize needs first:
// the page set up for printing (A4, as wide as one page, the page number
// at the foot of each), the filter over the first table, the columns'
// widths and the frozen header.
func (p *sheetPlan) write(f *excelize.File, l i18n.Lang, sheet string) error {
	// The filter first: excelize's AutoFilter replaces the sheet's
	// properties, the fit to page among them, which printSetup sets.
	if p.filter && p.header > 0 && p.last > p.header {
		ref := fmt.Sprintf("A%d:%s", p.header, cellName(len(p.widths), p.last))
		if err := f.AutoFilter(sheet, ref, nil); err != nil {
			return workbookError(err, checklist.Text{ZH: "工作表“%s”的筛选", EN: "sheet %s: filter"}, sheet)
		}
	}
	if err := p.printSetup(f, l, sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return workbookError(err, checklist.Text{ZH: "工作表“%s”", EN: "sheet %s"}, sheet)
	}
	// Last column first: excelize puts each new width ahead of the
	// others, and a spreadsheet expects the columns in order.
	for i := len(p.widths) - 1; i >= 0; i-- {
		if err := sw.SetColWidth(i+1, i+1, p.widths[i]); err != nil {
			return workbookError(err, checklist.Text{ZH: "工作表“%s”", EN: "sheet %s"}, sheet)
		}
	}
	if p.frozen && p.header > 0 {
		top := cellName(1, p.header+1)
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: p.header, TopLeftCell: top, ActivePane: "bottomLeft"}); err != nil {
			return workbookError(err, checklist.Text{ZH: "工作表“%s”", EN: "sheet %s"}, sheet)
		}
	}
	for i, r := range p.rows {
		ref := cellName(1, i+1)
		vals := r.vals
		if r.cells != nil {
			vals = p.tableVals(r.cols, r.cells)
		}
		if err := sw.SetRow(ref, vals, excelize.RowOpts{Height: r.height}); err != nil {
			return workbookError(err, checklist.Text{ZH: "工作表“%s”第 %d 行", EN: "sheet %s: row %d"}, sheet, i+1)
		}
		if r.to > r.from {
			if err := sw.MergeCell(cellName(r.from, i+1), cellName(r.to, i+1)); err != nil {
				return workbookError(err, checklist.Text{ZH: "工作表“%s”第 %d 行", EN: "sheet %s: row %d"}, sheet, i+1)
			}
		}
	}
	if err := p.writeStream(sw, sheet); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return workbookError(err, checklist.Text{ZH: "工作表“%s”", EN: "sheet %s"}, sheet)
	}
	return nil
}

// writeStream writes the rows of the streamed table the plan holds, if
// any, below its other rows.
func (p *sheetPlan) writeStream(sw *excelize.StreamWriter, sheet string) error {
	if p.stream == nil {
		return nil
	}
	k, at := 0, len(p.rows)
	var werr error
	err := p.stream.each(func(r row) bool {
		k++
		if k <= p.streamFrom {
			return true
		}
		if k > p.streamTo {
			return false
		}
		at++
		if werr = sw.SetRow(cellName(1, at), p.tableVals(p.stream.columns, &r),
			excelize.RowOpts{Height: p.tableHeight(p.stream.columns, r)}); werr != nil {
			werr = workbookError(werr, checklist.Text{ZH: "工作表“%s”第 %d 行", EN: "sheet %s: row %d"}, sheet, at)
			return false
		}
		return k < p.streamTo
	})
	if werr != nil {
		return werr
	}
	return err
}

// printSetup makes a sheet print on A4 (landscape unless portrait), as
// wide as one page, "第N页 共M页" at the foot of each page, and the
// header row of its table repeated on every page.
func (p *sheetPlan) printSetup(f *excelize.File, l i18n.Lang, sheet string) error {
	size, orient, wide, tall, fit := 9, "landscape", 1, 0, true // 9: A4
	if p.portrait {
		orient = "portrait"
	}
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return workbookError(err, checklist.Text{ZH: "工作表“%s”的页面设置", EN: "sheet %s: page layout"}, sheet)
	}
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return workbookError(err, checklist.Text{ZH: "工作表“%s”的缩放到一页宽", EN: "sheet %s: fit to page"}, sheet)
	}
	footer := l.Pick("&C第&P页 共&N页", "&CPage &P of &N")
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: footer}); err != nil {
		return workbookError(err, checklist.Text{ZH: "工作表“%s”的页码", EN: "sheet %s: page numbers"}, sheet)
	}
	header := p.header
	if !p.frozen {
		header = p.repeated()
	}
	if header == 0 {
		return nil
	}
	rows := fmt.Sprintf("'%s'!$%d:$%d", sheet, header, header)
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: rows, Scope: sheet}); err != nil {
		return workbookError(err, checklist.Text{ZH: "工作表“%s”的打印标题行", EN: "sheet %s: print titles"}, sheet)
	}
	return nil
}

// repeated is the header row a sheet of several tables repeats on each
// printed page: the longest table's, when it is the last one (a sheet
// repeats one row range, and it would stand wrongly above a table that
// comes after); 0 for none.
func (p *sheetPlan) repeated() int {
	if len(p.tables) == 0 {
		return 0
	}
	longest := 0
	for i, t := range p.tables {
		if t[1] >= p.tables[longest][1] {
			longest = i
		}
	}
	if longest != len(p.tables)-1 {
		return 0
	}
	return p.tables[longest][0]
}

// cellName is a cell's A1 name.
func cellName(col, row int) string {
	ref, _ := excelize.CoordinatesToCellName(col, row)
	return ref
}

// docWidths fits a document's columns: the first to the fact labels and
// the tables' first columns, the others to the tables; a document with no
// table gets a second column wide enough for its facts. On a portrait
// page free text wraps in narrower columns.
func docWidths(d document) []float64 {
	maxLong := float64(maxLongWidth)
	if d.Portrait {
		maxLong = maxPortraitLong
	}
	ws := []float64{minColWidth, minColWidth}
	grow := func(i int, w float64) {
		for len(ws) <= i {
			ws = append(ws, minColWidth)
		}
		ws[i] = max(ws[i], w)
	}
	hasTable := false
	for _, s := range d.Sections {
		if !s.Numbered && !s.Inline {
			for _, fc := range s.Facts {
				grow(0, min(float64(sheetWidth(fc.Label)+2), maxColWidth))
			}
		}
		if s.Table != nil {
			hasTable = true
			for i, wd := range tableWidths(*s.Table, maxLong) {
				grow(i, wd)
			}
		}
	}
	if !hasTable {
		for _, s := range d.Sections {
			for _, fc := range s.Facts {
				grow(1, min(float64(sheetWidth(fc.Value.Text)+2), maxLongWidth*1.5))
			}
		}
	}
	return ws
}

// docTime is how a workbook's properties state a time (W3C date-time).
func docTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// workbookError is a failure of excelize while a workbook is made, at
// what (t, with args): said in Chinese without excelize's own words,
// which are English (they stay in the English, and for errors.Is).
func workbookError(err error, t checklist.Text, args ...any) error {
	return checklist.Errorf(nil, checklist.Text{ZH: "无法生成 Excel 工作簿（" + t.ZH + "）%.0v", EN: t.EN + ": %v"}, append(args, err)...).Wrapping(err)
}
