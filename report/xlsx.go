package report

import (
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

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
	lineHeight   = 15 // points per wrapped line
)

// writeRatingsXLSX writes the ratings workbook: the summary sheet (header
// frozen, lagging rows filled light red, the counts below the table), the
// sheet of items to fix (问题清单) and the sheet of what the export states
// (说明). The summary sheet is the active one.
func writeRatingsXLSX(w io.Writer, r *ratings, issues table) error {
	l := r.lang
	summary, problems, about := l.Pick("星级评定汇总", "Star ratings"), l.Pick("问题清单", "Items to fix"), l.Pick("说明", "About")
	return writeWorkbook(w, l, r.title, r.generated, []string{summary, problems, about}, func(f *excelize.File, st *styles) error {
		if err := writeTableSheet(f, st, summary, r.table, wordsFor(l).Counts, r.counts); err != nil {
			return err
		}
		if err := writeTableSheet(f, st, problems, issues, "", nil); err != nil {
			return err
		}
		return writeDocSheet(f, st, about, document{Lang: l, Title: r.title, Sections: []section{{Facts: r.about}}})
	})
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
		return fmt.Errorf("make the cell styles: %w", err)
	}
	if err := fill(f, st); err != nil {
		return err
	}
	if err := f.SetDocProps(&excelize.DocProperties{
		Title: title, Creator: "branchcheck", Language: l.Pick("zh-CN", "en"),
		Created: docTime(at), Modified: docTime(at),
	}); err != nil {
		return fmt.Errorf("set the document properties: %w", err)
	}
	return f.Write(w)
}

// addSheets names the workbook's sheets in order: the new file's Sheet1
// becomes the first, so no default sheet is left behind.
func addSheets(f *excelize.File, names ...string) error {
	if err := f.SetSheetName("Sheet1", names[0]); err != nil {
		return fmt.Errorf("name sheet %s: %w", names[0], err)
	}
	for _, n := range names[1:] {
		if _, err := f.NewSheet(n); err != nil {
			return fmt.Errorf("add sheet %s: %w", n, err)
		}
	}
	return nil
}

// styles are the cell styles of a workbook, made once per file.
type styles struct {
	header, text, num, long       int
	lagText, lagNum, lagLong      int
	goodText, goodNum, goodLong   int
	greyText, greyNum, greyLong   int
	title, heading, label, banner int
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
	var err error
	add := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(s)
		return id
	}
	// body makes the text, number and long-text styles of one row kind.
	body := func(bg string, font *excelize.Font) (t, n, l int) {
		return add(&excelize.Style{Border: border, Fill: fill(bg), Font: font, Alignment: top("", false)}),
			add(&excelize.Style{Border: border, Fill: fill(bg), Font: font, Alignment: top("right", false)}),
			add(&excelize.Style{Border: border, Fill: fill(bg), Font: font, Alignment: top("", true)})
	}
	st := &styles{}
	st.header = add(&excelize.Style{Border: border, Fill: fill(fillHeader), Font: &excelize.Font{Bold: true},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	st.text, st.num, st.long = body("", nil)
	st.lagText, st.lagNum, st.lagLong = body(fillLagging, nil)
	st.goodText, st.goodNum, st.goodLong = body(fillImproved, nil)
	st.greyText, st.greyNum, st.greyLong = body("", &excelize.Font{Italic: true, Color: "707070"})
	st.title = add(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	st.heading = add(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}})
	st.label = add(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: top("", false)})
	st.banner = add(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "B00000"}, Alignment: top("", true)})
	return st, err
}

// cellStyle picks the style of a table cell from its row's mark and its
// column.
func (st *styles) cellStyle(m mark, c column) int {
	t, n, l := st.text, st.num, st.long
	switch m {
	case markLagging, markWorse:
		t, n, l = st.lagText, st.lagNum, st.lagLong
	case markImproved:
		t, n, l = st.goodText, st.goodNum, st.goodLong
	case markNotRated:
		t, n, l = st.greyText, st.greyNum, st.greyLong
	}
	switch {
	case c.Long:
		return l
	case c.Numeric:
		return n
	}
	return t
}

// value is what a cell stores: a number as a number, text as text,
// neutralised against formula injection. Never a formula.
func value(c cell) any {
	if c.IsNum {
		return c.Num
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

// tableWidths fits each column to its widest cell, within bounds.
func tableWidths(t table) []float64 {
	ws := make([]float64, len(t.Columns))
	for i, c := range t.Columns {
		ws[i] = float64(sheetWidth(c.Title) + 2)
	}
	for _, r := range t.Rows {
		for i := range t.Columns {
			if i < len(r.Cells) {
				ws[i] = max(ws[i], float64(sheetWidth(r.Cells[i].Text)+2))
			}
		}
	}
	for i, c := range t.Columns {
		top := float64(maxColWidth)
		if c.Long {
			top = maxLongWidth
		}
		ws[i] = min(max(ws[i], minColWidth), top)
	}
	return ws
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

// writeTableSheet streams a table to a sheet: the header row frozen,
// columns fitted, marked rows filled, and, when facts are given, a block
// of them below the table under a heading (labels in the second column,
// values in the third).
func writeTableSheet(f *excelize.File, st *styles, sheet string, t table, heading string, facts []fact) error {
	widths := tableWidths(t)
	rw, err := openSheet(f, sheet, widths, true)
	if err != nil {
		return err
	}
	rw.table(st, t, widths)
	if len(facts) > 0 {
		rw.skip()
		rw.add([]any{nil, excelize.Cell{StyleID: st.heading, Value: neutralise(heading)}}, 0)
		for _, fc := range facts {
			rw.add([]any{nil, excelize.Cell{StyleID: st.label, Value: neutralise(fc.Label)}, value(fc.Value)}, 0)
		}
	}
	return rw.close()
}

// openSheet starts streaming a sheet: it sets the page up for printing,
// fits the columns to widths and, with frozen, freezes the header row
// (all of which excelize needs before the first row).
func openSheet(f *excelize.File, sheet string, widths []float64, frozen bool) (*rowWriter, error) {
	if err := printSetup(f, sheet, frozen); err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, fmt.Errorf("sheet %s: %w", sheet, err)
	}
	for i, wd := range widths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return nil, fmt.Errorf("sheet %s: %w", sheet, err)
		}
	}
	if frozen {
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return nil, fmt.Errorf("sheet %s: %w", sheet, err)
		}
	}
	return &rowWriter{sw: sw, sheet: sheet}, nil
}

// printSetup makes a sheet print on A4 landscape, as wide as one page,
// with the header row repeated on every page when it has one. It must
// come before the sheet is streamed.
func printSetup(f *excelize.File, sheet string, header bool) error {
	size, landscape, wide, tall, fit := 9, "landscape", 1, 0, true // 9: A4
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &landscape, FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return fmt.Errorf("sheet %s: page layout: %w", sheet, err)
	}
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return fmt.Errorf("sheet %s: fit to page: %w", sheet, err)
	}
	if !header {
		return nil
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'" + sheet + "'!$1:$1", Scope: sheet}); err != nil {
		return fmt.Errorf("sheet %s: print titles: %w", sheet, err)
	}
	return nil
}

// rowWriter writes the rows of a sheet one after another, keeping the
// first error.
type rowWriter struct {
	sw    *excelize.StreamWriter
	sheet string
	row   int
	err   error
}

// close ends the sheet, reporting the first error.
func (rw *rowWriter) close() error {
	if rw.err == nil {
		rw.err = rw.sw.Flush()
	}
	if rw.err != nil {
		return fmt.Errorf("sheet %s: %w", rw.sheet, rw.err)
	}
	return nil
}

// table writes a table's header and rows, each cell styled by its row's
// mark and its column, each row as tall as its wrapped free text needs.
func (rw *rowWriter) table(st *styles, t table, widths []float64) {
	vals := make([]any, len(t.Columns))
	for i, c := range t.Columns {
		vals[i] = excelize.Cell{StyleID: st.header, Value: neutralise(c.Title)}
	}
	rw.add(vals, 0)
	long := make([]string, len(t.Columns))
	for _, r := range t.Rows {
		vals := make([]any, len(t.Columns))
		for i, c := range t.Columns {
			var cl cell
			if i < len(r.Cells) {
				cl = r.Cells[i]
			}
			vals[i] = excelize.Cell{StyleID: st.cellStyle(r.Mark, c), Value: value(cl)}
			long[i] = ""
			if c.Long {
				long[i] = cl.Text
			}
		}
		rw.add(vals, rowHeight(long, widths))
	}
}

func (rw *rowWriter) skip() { rw.row++ }

func (rw *rowWriter) add(vals []any, height float64) {
	rw.row++
	if rw.err != nil {
		return
	}
	ref, err := excelize.CoordinatesToCellName(1, rw.row)
	if err == nil {
		err = rw.sw.SetRow(ref, vals, excelize.RowOpts{Height: height})
	}
	rw.err = err
}

// merge joins the cells of the current row from column from to column to.
func (rw *rowWriter) merge(from, to int) {
	if rw.err != nil || to <= from {
		return
	}
	a, err := excelize.CoordinatesToCellName(from, rw.row)
	if err == nil {
		var b string
		b, err = excelize.CoordinatesToCellName(to, rw.row)
		if err == nil {
			err = rw.sw.MergeCell(a, b)
		}
	}
	rw.err = err
}

// writeDocSheet writes a document to a sheet from top to bottom: the
// title, the banner, and each section's heading, text, facts (label in
// the first column, value across the others) and table.
func writeDocSheet(f *excelize.File, st *styles, sheet string, d document) error {
	widths := docWidths(d)
	rw, err := openSheet(f, sheet, widths, false)
	if err != nil {
		return err
	}
	last := len(widths)
	span := 0.0 // the width of columns 2..last, where a fact's value goes
	for _, wd := range widths[1:] {
		span += wd
	}
	line := func(style int, s string) {
		rw.add([]any{excelize.Cell{StyleID: style, Value: neutralise(s)}}, rowHeight([]string{s}, []float64{span + widths[0]}))
		rw.merge(1, last)
	}
	line(st.title, d.Title)
	if d.Banner != "" {
		line(st.banner, d.Banner)
	}
	for _, s := range d.Sections {
		rw.skip()
		if s.Heading != "" {
			line(st.heading, s.Heading)
		}
		for _, t := range s.Text {
			line(st.long, t)
		}
		for _, fc := range s.Facts {
			style := st.long
			if fc.Value.IsNum {
				style = st.num
			}
			rw.add([]any{excelize.Cell{StyleID: st.label, Value: neutralise(fc.Label)}, excelize.Cell{StyleID: style, Value: value(fc.Value)}},
				rowHeight([]string{fc.Label, fc.Value.Text}, []float64{widths[0], span}))
			rw.merge(2, last)
		}
		switch {
		case s.Table == nil:
		case len(s.Table.Rows) > 0:
			rw.table(st, *s.Table, widths)
		case s.Empty != "":
			line(st.text, s.Empty)
		}
	}
	return rw.close()
}

// docWidths fits a document's columns: the first to the fact labels and
// the tables' first columns, the others to the tables; a document with no
// table gets a second column wide enough for its facts.
func docWidths(d document) []float64 {
	ws := []float64{minColWidth, minColWidth}
	grow := func(i int, w float64) {
		for len(ws) <= i {
			ws = append(ws, minColWidth)
		}
		ws[i] = max(ws[i], w)
	}
	hasTable := false
	for _, s := range d.Sections {
		for _, fc := range s.Facts {
			grow(0, min(float64(sheetWidth(fc.Label)+2), maxColWidth))
		}
		if s.Table != nil {
			hasTable = true
			for i, wd := range tableWidths(*s.Table) {
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
