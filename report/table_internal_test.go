package report

import (
	"testing"
	"unicode/utf8"

	"branchcheck/termtext"
)

// TestPlainWidth: text plainWidth takes as plain is what termtext.Line and
// termtext.ColumnSafe leave as it is, as wide as termtext.Width says; what
// they would change (controls, invisible characters, ambiguous
// punctuation, stars) is not plain.
func TestPlainWidth(t *testing.T) {
	check := func(s string) {
		t.Helper()
		w, ok := plainWidth(s)
		if !ok {
			return
		}
		if termtext.Line(s) != s || termtext.ColumnSafe(s) != s || w != termtext.Width(s) {
			t.Errorf("%q: plain, %d cells; Line %q, ColumnSafe %q, Width %d", s, w, termtext.Line(s), termtext.ColumnSafe(s), termtext.Width(s))
		}
	}
	for r := rune(0); r < 0x20000; r++ {
		if utf8.ValidRune(r) {
			check(string(r))
			check("a" + string(r) + "中")
		}
	}
	for _, tt := range []struct {
		s     string
		plain bool
		width int
	}{
		{"", true, 0},
		{"第0乡镇第30000中心小学", true, 22},
		{"2026-09-18", true, 10},
		{"95.88", true, 5},
		{"张书记 ab", true, 9},
		{"★★★★☆ 4", false, 0},
		{"“第一责任人”", false, 0},
		{"①", false, 0},
		{"a\tb", false, 0},
		{"\x1b[31m", false, 0},
		{"a\u202eb", false, 0},
		{"（全角）", false, 0},
		{"\xff", false, 0},
	} {
		if w, ok := plainWidth(tt.s); ok != tt.plain || w != tt.width {
			t.Errorf("%q: %d, %v; want %d, %v", tt.s, w, ok, tt.width, tt.plain)
		}
	}
}
