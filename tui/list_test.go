package tui

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"branchcheck/i18n"
	"branchcheck/termtext"
)

// fruit is a row of the lists under test.
type fruit struct {
	id, name string
	count    int
	stars    string
}

// fruitList is a list of n fruits, h rows in view: a flexible name, a
// right-aligned count and the stars last, in their own style.
func fruitList(n, h int) list[fruit] {
	c := &common{lang: i18n.Chinese, styles: NewStyles(false), keys: NewKeyMap(i18n.Chinese)}
	k := c.keys.Schools
	l := newList(c, listKeys{Up: k.Up, Down: k.Down, PageUp: k.PageUp, PageDown: k.PageDown, Filter: k.Filter},
		func(f fruit) string { return f.id },
		func(f fruit) []cell {
			return []cell{{text: f.name}, {text: strconv.Itoa(f.count), paint: c.styles.Warn}, {text: f.stars, paint: c.styles.Stars}}
		})
	l.columns = []column{
		{title: "名称", flex: true, min: 6},
		{title: "数量", fit: []string{"数量", "9999"}, right: true, gap: 2},
		{title: "星级", fit: []string{"★★★★★"}, gap: 1, own: true},
	}
	l.match = func(f fruit) []string { return []string{f.name} }
	l.empty = "没有"
	rows := make([]fruit, n)
	for i := range rows {
		rows[i] = fruit{id: fmt.Sprint("f", i), name: fmt.Sprint("苹果", i), count: i * 10, stars: "★★☆☆☆"}
	}
	l.setHeight(h)
	l.setRows(rows)
	return l
}

// plainRows are a list's rows as plain text, trailing blanks cut.
func plainRows(rows []string) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = strings.TrimRight(ansi.Strip(r), " ")
	}
	return out
}

func TestListCursorAndOffset(t *testing.T) {
	l := fruitList(10, 3)
	down, pgDown := keyPress("j"), tea.KeyPressMsg{Code: tea.KeyPgDown}
	for _, tt := range []struct {
		keys           []tea.KeyPressMsg
		cursor, offset int
	}{
		{nil, 0, 0},
		{[]tea.KeyPressMsg{down, down}, 2, 0},
		{[]tea.KeyPressMsg{down}, 3, 1}, // scrolls one row
		{[]tea.KeyPressMsg{keyPress("k"), keyPress("up")}, 1, 1},
		{[]tea.KeyPressMsg{keyPress("k")}, 0, 0},
		{[]tea.KeyPressMsg{pgDown}, 3, 1}, // a page is the rows in view
		{[]tea.KeyPressMsg{pgDown, pgDown, pgDown}, 9, 7},
		{[]tea.KeyPressMsg{down}, 9, 7}, // stays at the end
	} {
		for _, k := range tt.keys {
			if _, ok := l.listKey(k); !ok {
				t.Fatalf("%s is a list key", k)
			}
		}
		if l.cursor != tt.cursor || l.offset != tt.offset {
			t.Errorf("after %v: cursor %d offset %d, want %d %d", tt.keys, l.cursor, l.offset, tt.cursor, tt.offset)
		}
	}
	if _, ok := l.listKey(keyPress("enter")); ok {
		t.Error("enter is no list key")
	}
	// Drawing changes nothing.
	before := l
	l.view(40)
	l.view(20)
	if l.cursor != before.cursor || l.offset != before.offset {
		t.Errorf("view moved the list: %d %d", l.cursor, l.offset)
	}
	// A smaller window moves the offset to keep the cursor in view.
	l.top()
	l.move(5)
	l.setHeight(2)
	if l.offset != 4 {
		t.Errorf("offset %d after the height shrank, want 4", l.offset)
	}
}

func TestListKeepsSelection(t *testing.T) {
	l := fruitList(5, 5)
	l.move(3) // f3
	rows := slicesReversed(l.rows)
	l.setRows(rows)
	if id := l.selectedID(); id != "f3" || l.cursor != 1 {
		t.Errorf("after reordering: %s at %d, want f3 at 1", id, l.cursor)
	}
	// The selected row goes: the cursor stays where it was.
	l.setRows(append(rows[:1:1], rows[2:]...))
	if id := l.selectedID(); id != "f2" || l.cursor != 1 {
		t.Errorf("after f3 went: %s at %d, want f2 at 1", id, l.cursor)
	}
	// Sorted by count, high first.
	l.order = func(a, b int) int { return l.rows[b].count - l.rows[a].count }
	l.selectID("f0")
	l.refresh()
	if id := l.selectedID(); id != "f0" || l.cursor != 3 {
		t.Errorf("sorted: %s at %d, want f0 at 3", id, l.cursor)
	}
}

func slicesReversed[T any](s []T) []T {
	out := make([]T, len(s))
	for i, v := range s {
		out[len(s)-1-i] = v
	}
	return out
}

func TestListFilter(t *testing.T) {
	l := fruitList(12, 5)
	l.move(11)
	if _, ok := l.listKey(keyPress("/")); !ok || !l.filter.active {
		t.Fatal("/ did not start the filter")
	}
	for _, k := range []string{"1", "1"} {
		if _, ok := l.typeFilter(keyPress(k)); !ok {
			t.Fatal("the filter did not take a key")
		}
	}
	if len(l.shown) != 1 || l.selectedID() != "f11" {
		t.Errorf("filter 11: %d shown, %s selected", len(l.shown), l.selectedID())
	}
	l.typeFilter(keyPress("backspace"))
	if len(l.shown) != 3 || l.selectedID() != "f11" { // 1, 10, 11
		t.Errorf("filter 1: %d shown, %s selected", len(l.shown), l.selectedID())
	}
	l.typeFilter(keyPress("esc"))
	if l.filter.active || len(l.shown) != 12 || l.selectedID() != "f11" {
		t.Errorf("cleared: active %v, %d shown, %s selected", l.filter.active, len(l.shown), l.selectedID())
	}
	if _, ok := l.typeFilter(keyPress("j")); ok {
		t.Error("the filter took a key when not typed in")
	}
	// No row matches: the list says so, and shows no position.
	l.filter.start()
	l.typeFilter(keyPress("x"))
	got := plainRows(l.view(30))
	if got[1] != "  没有" || got[len(got)-1] != "" {
		t.Errorf("empty list drawn as %q", got)
	}
}

func TestListDraw(t *testing.T) {
	l := fruitList(12, 3)
	l.rows[1].name = "很长很长的水果名字超出了"
	l.move(1)
	rows := l.view(30)
	got := plainRows(rows)
	want := []string{
		"  名称              数量 星级",
		"  苹果0                0 ★★☆☆☆",
		"> 很长很长的水果名    10 ★★☆☆☆", // cut where the column ends, no ellipsis
		"  苹果2               20 ★★☆☆☆",
		"                          2/12",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("drawn\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	st := l.c.styles
	// The selected row is reversed up to its own columns, which keep
	// their style after it; the other rows keep every cell's style.
	if !strings.HasPrefix(rows[2], st.Selected.Render("> 很长很长的水果名    10 ")) || !strings.HasSuffix(rows[2], st.Stars.Render("★★☆☆☆")) {
		t.Errorf("selected row %q", rows[2])
	}
	if !strings.Contains(rows[1], st.Warn.Render("   0")) {
		t.Errorf("the count's style is lost: %q", rows[1])
	}
	for i, r := range rows {
		if n := termtext.Width(r); n > 30 {
			t.Errorf("row %d is %d cells", i, n)
		}
	}
}

// TestListOwnColumnInside: an own column with columns after it (the
// ratings table's 星级, then 上年 and 升降) keeps its place on the
// selected row: the row reads as the others do, reversed around the own
// cell, which keeps its style.
func TestListOwnColumnInside(t *testing.T) {
	l := fruitList(3, 3)
	l.columns = append(l.columns, column{title: "升降", fit: []string{"升降"}, gap: 1})
	cells := l.cells
	l.cells = func(f fruit) []cell { return append(cells(f), cell{text: "升星"}) }
	l.move(1)
	rows := l.view(34)
	got := plainRows(rows)
	want := []string{
		"  名称             数量 星级  升降",
		"  苹果0               0 ★★☆☆☆ 升星",
		"> 苹果1              10 ★★☆☆☆ 升星",
		"  苹果2              20 ★★☆☆☆ 升星",
	}
	if strings.Join(got[:4], "\n") != strings.Join(want, "\n") {
		t.Errorf("drawn\n%s\nwant\n%s", strings.Join(got[:4], "\n"), strings.Join(want, "\n"))
	}
	st := l.c.styles
	if !strings.Contains(rows[2], st.Stars.Render("★★☆☆☆")) || !strings.HasSuffix(rows[2], st.Selected.Render(" 升星")) {
		t.Errorf("selected row %q", rows[2])
	}
}

// TestListAmbiguousWide: with a measure that counts ★ and ☆ as two
// cells, as some Chinese terminals draw them, the columns leave the
// room and every row still fits.
func TestListAmbiguousWide(t *testing.T) {
	wide := func(s string) int {
		return termtext.Width(s) + strings.Count(s, "★") + strings.Count(s, "☆")
	}
	l := fruitList(3, 3)
	l.measure = wide
	for _, r := range l.view(30) {
		if n := wide(ansi.Strip(r)); n > 30 {
			t.Errorf("%q is %d cells wide drawn ambiguous-wide", ansi.Strip(r), n)
		}
	}
	if ws := l.widths(30); ws[0] != 30-2-2-4-1-10 {
		t.Errorf("widths %v", ws)
	}
}

// TestListGroups: a row of one spanning cell heads a group, across the
// columns, and can be selected like any row.
func TestListGroups(t *testing.T) {
	l := fruitList(3, 4)
	heading := l.cells
	l.cells = func(f fruit) []cell {
		if f.count == 0 {
			return []cell{{text: "东河乡(3 所学校,共 12 项待整改,其中逾期 4 项)", paint: l.c.styles.Bold, span: true}}
		}
		return heading(f)
	}
	got := plainRows(l.view(30))
	if got[1] != "> 东河乡(3 所学校,共 12 项待整" || got[2] != "  苹果1               10 ★★☆☆☆" {
		t.Errorf("grouped list drawn as\n%s", strings.Join(got, "\n"))
	}
}
