package tui

import (
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"branchcheck/termtext"
)

// list is the one list component of the interface: the schools, a
// school's visits and the year's ratings are each one, and so is every
// list to come. It holds the rows, the ones its filter lets through in
// the order the screen wants (shown), the cursor and the first row in
// view (offset), and keeps the selected row, by id, across reloads,
// filtering and sorting.
//
// It draws a header, the rows in columns fitted by display width, the
// selected one marked "> " and in reverse video, and under them its
// position (12/430). Text never ends in an ellipsis: a cell is cut
// where its column ends (see termtext.Clip).
//
// The offset moves only when the cursor, the rows or the size change
// (move, setRows, refresh, setHeight), never while drawing: view changes
// nothing.
type list[T any] struct {
	c    *common
	keys listKeys
	// rows are every row; shown the indices of those the filter lets
	// through, in display order; cursor an index into shown.
	rows   []T
	shown  []int
	cursor int
	offset int
	// height is how many rows are in view.
	height int
	// columns are the table's columns, left to right.
	columns []column
	// id names a row, so that it stays selected when the rows change.
	id func(T) string
	// cells are a row's texts, one per column.
	cells func(T) []cell
	// match are the texts of a row the filter searches; nil: the list
	// has no filter.
	match  func(T) []string
	filter filterInput
	// where, if set, keeps only the rows it is true of, besides the
	// filter (the schools not yet visited this year).
	where func(T) bool
	// order compares two rows by their indices in rows, to sort shown;
	// nil keeps the rows' own order.
	order func(a, b int) int
	// measure counts the cells a text takes when the columns are laid
	// out, and clip cuts one to a column: common.width and common.clip,
	// which count ambiguous-width glyphs (★ ☆) two cells wide unless the
	// terminal said it draws them in one, so that the columns leave the
	// room.
	measure func(string) int
	clip    func(string, int) string
	// empty says that no row is shown.
	empty string
}

// listKeys move a list's cursor and start its filter. A binding left
// empty does nothing.
type listKeys struct {
	Up, Down, PageUp, PageDown key.Binding
	Filter                     key.Binding
}

// column is one column of a list.
type column struct {
	// title heads the column (with a sort mark, if the screen sorts by
	// it); a title wider than the column is cut.
	title string
	// fit are the texts the column must hold whole, its title among them
	// where it should: the widest of them, and min, set its width.
	fit []string
	min int
	// flex: the column takes the room the others leave, at least min.
	// At most one column flexes.
	flex bool
	// right aligns the column right: numbers.
	right bool
	// gap is the spaces before the column.
	gap int
	// sorted: the rows are sorted by this column; its title is drawn
	// underlined.
	sorted bool
	// own: on the selected row the cell keeps its own style (the stars)
	// where the rest of the row is in reverse video.
	own bool
}

// cell is the text of a row in a column and its style; the selected row
// draws its cells plain in reverse video, but for own columns.
type cell struct {
	text  string
	paint Paint
	// span: the cell is the row's only one and runs across every column,
	// as the heading of a group (a township, a school) in a grouped list.
	span bool
}

// markWidth is the room of the row mark, "> " on the selected row.
const markWidth = 2

// newList makes an empty list; the screen then sets its columns.
func newList[T any](c *common, keys listKeys, id func(T) string, cells func(T) []cell) list[T] {
	return list[T]{c: c, keys: keys, id: id, cells: cells, filter: newFilterInput(c), measure: c.width, clip: c.clip, height: 1}
}

// setRows replaces the rows, keeping the selected one selected if it is
// still there.
func (l *list[T]) setRows(rows []T) {
	keep := l.selectedID()
	l.rows = rows
	l.show(keep)
}

// refresh filters and sorts the rows again, keeping the selected one.
func (l *list[T]) refresh() { l.show(l.selectedID()) }

// show filters and sorts the rows and puts the cursor on the row with
// id keep if it is shown, else leaves it where it was.
func (l *list[T]) show(keep string) {
	l.shown = l.shown[:0]
	q := l.filter.query()
	for i := range l.rows {
		r := &l.rows[i]
		if (l.where == nil || l.where(*r)) && (l.match == nil || q == "" || found(q, l.match(*r)...)) {
			l.shown = append(l.shown, i)
		}
	}
	if l.order != nil {
		slices.SortStableFunc(l.shown, l.order)
	}
	l.cursor = min(l.cursor, max(len(l.shown)-1, 0))
	if keep != "" {
		l.selectID(keep)
	}
	l.scroll()
}

// selectID puts the cursor on the row with the id, if it is shown.
func (l *list[T]) selectID(id string) {
	for i, ri := range l.shown {
		if l.id(l.rows[ri]) == id {
			l.cursor = i
			break
		}
	}
	l.scroll()
}

// selected is the row under the cursor; ok is false when none is shown.
func (l *list[T]) selected() (row T, ok bool) {
	if l.cursor < len(l.shown) {
		return l.rows[l.shown[l.cursor]], true
	}
	return row, false
}

// selectedID is the id of the row under the cursor, or "".
func (l *list[T]) selectedID() string {
	if r, ok := l.selected(); ok {
		return l.id(r)
	}
	return ""
}

// top puts the cursor on the first row.
func (l *list[T]) top() { l.cursor, l.offset = 0, 0 }

// move moves the cursor by d rows, within the list.
func (l *list[T]) move(d int) {
	l.cursor = max(0, min(l.cursor+d, len(l.shown)-1))
	l.scroll()
}

// setHeight sets how many rows are in view.
func (l *list[T]) setHeight(h int) {
	l.height = max(h, 1)
	l.scroll()
}

// scroll moves the offset as little as keeps the cursor in view.
func (l *list[T]) scroll() { l.offset = window(l.offset, l.cursor, len(l.shown), l.height) }

// typeFilter takes a key or a paste while the filter is being typed,
// and reports whether it did.
func (l *list[T]) typeFilter(msg tea.Msg) (tea.Cmd, bool) {
	return l.filter.take(msg, l.refresh)
}

// listKey moves the cursor or starts the filter, and reports whether the
// key was one of the list's.
func (l *list[T]) listKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	if d, ok := step(k, l.height, l.keys.Up, l.keys.Down, l.keys.PageUp, l.keys.PageDown); ok {
		l.move(d)
		return nil, true
	}
	if l.match != nil && key.Matches(k, l.keys.Filter) {
		return l.filter.start(), true
	}
	return nil, false
}

// widths lays the columns out in w cells: each as wide as the widest
// text it must hold, the flexible one what is left (at least its min).
func (l *list[T]) widths(w int) []int {
	ws, flex, rest := l.layout(w)
	if flex >= 0 {
		ws[flex] = max(rest, l.columns[flex].min)
	}
	return ws
}

// room is what the flexible column would get in w cells, before its
// minimum: a screen can shorten another column while this is small.
func (l *list[T]) room(w int) int {
	_, _, rest := l.layout(w)
	return rest
}

// layout measures the fixed columns: their widths, which column flexes
// (-1 if none) and the cells left for it.
func (l *list[T]) layout(w int) (ws []int, flex, rest int) {
	ws = make([]int, len(l.columns))
	rest, flex = w-markWidth, -1
	for i, col := range l.columns {
		rest -= col.gap
		if col.flex {
			flex = i
			continue
		}
		ws[i] = col.min
		for _, s := range col.fit {
			ws[i] = max(ws[i], l.measure(s))
		}
		rest -= ws[i]
	}
	return ws, flex, rest
}

// view draws the header, height rows and the position line in w cells.
func (l *list[T]) view(w int) []string {
	st := l.c.styles
	ws := l.widths(w)
	out := make([]string, 0, l.height+2)
	out = append(out, l.header(ws))
	if len(l.shown) == 0 {
		out = append(out, st.Dim.Render(l.clip("  "+l.empty, w)))
	}
	for i := l.offset; i < len(l.shown) && i < l.offset+l.height; i++ {
		out = append(out, l.row(l.rows[l.shown[i]], ws, i == l.cursor))
	}
	for len(out) < l.height+1 {
		out = append(out, "")
	}
	if len(l.shown) > 0 {
		pos := strconv.Itoa(l.cursor+1) + "/" + strconv.Itoa(len(l.shown))
		out = append(out, st.Dim.Render(termtext.FitRight(pos, w)))
	} else {
		out = append(out, "")
	}
	return out
}

// header is the columns' titles.
func (l *list[T]) header(ws []int) string {
	st := l.c.styles
	var b strings.Builder
	b.WriteString(strings.Repeat(" ", markWidth))
	for i, col := range l.columns {
		b.WriteString(strings.Repeat(" ", col.gap))
		p := st.Header
		if col.sorted {
			p = st.SortedHeader
		}
		b.WriteString(p.Render(l.fit(i, col.title, ws[i])))
	}
	return b.String()
}

// row draws one row; the selected one is marked and in reverse video.
// Every cell's text is stored text made safe here, the one place: on one
// line, its control characters (a colour code in a secretary's name, a
// newline in a township, U+202E) shown as visible escapes.
func (l *list[T]) row(r T, ws []int, selected bool) string {
	cells := l.cells(r)
	// On the selected row, in gathers the text drawn in reverse video up
	// to the next own cell; out is the row drawn so far.
	var in, out strings.Builder
	if selected {
		in.WriteString("> ")
	} else {
		in.WriteString("  ")
	}
	if len(cells) > 0 && cells[0].span {
		return l.spanRow(cells[0], in.String(), ws, selected)
	}
	for i, col := range l.columns {
		var c cell
		if i < len(cells) {
			c = cells[i]
		}
		in.WriteString(strings.Repeat(" ", col.gap))
		text := l.fit(i, termtext.Line(c.text), ws[i])
		switch {
		case selected && col.own:
			l.highlight(&out, &in)
			out.WriteString(c.paint.Render(text))
		case selected:
			in.WriteString(text)
		default:
			in.WriteString(c.paint.Render(text))
		}
	}
	if selected {
		l.highlight(&out, &in)
	}
	out.WriteString(in.String())
	return out.String()
}

// highlight moves the text gathered in into out, in reverse video.
func (l *list[T]) highlight(out, in *strings.Builder) {
	if in.Len() > 0 {
		out.WriteString(l.c.styles.Selected.Render(in.String()))
		in.Reset()
	}
}

// spanRow draws a row of one cell across the columns.
func (l *list[T]) spanRow(c cell, mark string, ws []int, selected bool) string {
	w := 0
	for i, col := range l.columns {
		w += col.gap + ws[i]
	}
	text := l.clip(termtext.Line(c.text), w)
	if selected {
		return l.c.styles.Selected.Render(mark + text)
	}
	return mark + c.paint.Render(text)
}

// fit fits a text to column i's width; the last column is not padded
// (the screen's frame cuts what the window cannot hold).
func (l *list[T]) fit(i int, s string, w int) string {
	if i == len(l.columns)-1 && !l.columns[i].right {
		return s
	}
	s = l.clip(s, w)
	pad := strings.Repeat(" ", max(w-l.measure(s), 0))
	if l.columns[i].right {
		return pad + s
	}
	return s + pad
}
