package tui

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"branchcheck/i18n"
	"branchcheck/termtext"
)

// layoutSteps are every screen, by the keys that reach it from the
// schools list of the demo database.
var layoutSteps = []struct {
	name string
	keys []string
}{
	{"schools", nil},
	{"filter", []string{"/", "中"}},
	{"unvisited", []string{"v"}},
	{"townships", []string{"t"}},
	{"one township", []string{"t", "j", "enter", "v"}},
	{"add school", []string{"a"}},
	{"add school error", []string{"a", "ctrl+s"}},
	{"school", []string{"enter"}},
	{"new visit", []string{"enter", "n"}},
	{"draft walk", []string{"/", "幼", "enter", "enter", "enter"}},
	{"delete draft", []string{"/", "幼", "enter", "enter", "d"}},
	{"note", []string{"/", "幼", "enter", "enter", "enter", "e", "a", "b"}},
	{"summary", []string{"/", "幼", "enter", "enter", "enter", "F"}},
	{"finalized walk", []string{"enter", "enter", "tab", "tab", "tab", "tab"}},
	{"reopen", []string{"enter", "enter", "R"}},
	{"audit", []string{"enter", "h"}},
	{"walk audit", []string{"enter", "enter", "h"}},
	{"ratings", []string{"r"}},
	{"ratings 2024", []string{"r", "[", "l", "l"}},
	{"ratings export", []string{"r", "/", "落", "enter", "x"}},
	{"standard", []string{"s"}},
	{"standard end", []string{"s", "G"}},
	{"standard search", []string{"s", "/", "台", "账"}},
	{"settings", []string{"o"}},
	{"settings stars", []string{"o", "j", "j", "j", "j"}},
	{"settings pick stars", []string{"o", "j", "j", "j", "j", "enter"}},
	{"settings inspector", []string{"o", "enter"}},
	{"settings folder", []string{"o", "j", "j", "enter"}},
	{"help", []string{"?"}},
	{"walk help", []string{"enter", "enter", "?"}},
	{"school rectifications", []string{"enter", "tab"}},
	{"rectification in full", []string{"enter", "tab", "enter"}},
	{"report done", []string{"enter", "tab", "r"}},
	{"close error", []string{"enter", "tab", "c", "ctrl+s"}},
	{"deadline", []string{"enter", "tab", "d"}},
	{"rectifications help", []string{"enter", "tab", "?"}},
	{"walk on rectifications", []string{"enter", "n", "张", "enter", "enter"}},
	{"ledger", []string{"z"}},
	{"ledger overdue", []string{"z", "s"}},
	{"ledger closed", []string{"z", "s", "s", "s"}},
	{"ledger township", []string{"z", "t"}},
	{"ledger school", []string{"z", "j", "j", "enter"}},
	{"ledger help", []string{"z", "?"}},
}

// TestLayout draws every screen in both languages at several sizes and
// checks that each fills the window exactly: as many rows as the window
// has, none wider than it.
func TestLayout(t *testing.T) {
	st := openDemo(t)
	sizes := [][2]int{{80, 24}, {MinWidth, MinHeight}, {100, 30}, {160, 50}}
	for _, lang := range []i18n.Lang{i18n.Chinese, i18n.English} {
		for _, size := range sizes {
			for _, step := range layoutSteps {
				name := fmt.Sprintf("%s/%dx%d/%s", lang, size[0], size[1], step.name)
				t.Run(name, func(t *testing.T) {
					d := drive(t, newModel(st, lang), size[0], size[1])
					d.press(step.keys...)
					checkFits(t, d.m.render(), size[0], size[1])
				})
			}
		}
	}
}

// TestLayoutWideStars draws every screen at 80x24 and at the minimum size
// in every star style, on a terminal that draws ambiguous-width glyphs
// (★ ☆ “ ” ①) two cells wide, and on one that did not say (laid out the
// same way): each fits with those glyphs counted as two cells, and no
// row of stars is cut.
func TestLayoutWideStars(t *testing.T) {
	st := openDemo(t)
	for _, amb := range []Ambiguity{AmbiguousWide, AmbiguousUnknown} {
		for _, style := range StarStyles {
			for _, lang := range []i18n.Lang{i18n.Chinese, i18n.English} {
				for _, size := range [][2]int{{80, 24}, {MinWidth, MinHeight}} {
					for _, step := range layoutSteps {
						name := fmt.Sprintf("%d/%s/%s/%dx%d/%s", amb, style, lang, size[0], size[1], step.name)
						t.Run(name, func(t *testing.T) {
							m := New(Options{Store: st, Lang: lang, Now: clock, NoColor: true, Stars: style, Ambiguous: amb})
							d := drive(t, m, size[0], size[1])
							d.press(step.keys...)
							out := d.m.render()
							checkFitsAs(t, out, size[0], size[1], wideMeasure.String)
							checkWholeStars(t, out)
						})
					}
				}
			}
		}
	}
}

// checkWholeStars checks that every run of stars (★★★☆☆) is whole: five
// of them. (A lone ★ is the ★4 style, or the settings' words about it.)
func checkWholeStars(t *testing.T, screen string) {
	t.Helper()
	for _, run := range starRun.FindAllString(ansi.Strip(screen), -1) {
		if n := len([]rune(run)); n != 5 {
			t.Errorf("stars cut to %d: %q in\n%s", n, run, ansi.Strip(screen))
		}
	}
}

var starRun = regexp.MustCompile(`[★☆]{2,}`)

// checkFits checks that a drawn screen is exactly h rows of at most w
// cells, ambiguous-width glyphs counted one cell wide.
func checkFits(t *testing.T, screen string, w, h int) {
	t.Helper()
	checkFitsAs(t, screen, w, h, termtext.Width)
}

// checkFitsAs checks that a drawn screen is exactly h rows of at most w
// cells, as width counts them.
func checkFitsAs(t *testing.T, screen string, w, h int, width func(string) int) {
	t.Helper()
	rows := strings.Split(screen, "\n")
	if len(rows) != h {
		t.Errorf("%d rows, want %d:\n%s", len(rows), h, ansi.Strip(screen))
	}
	for i, r := range rows {
		if n := width(r); n > w {
			t.Errorf("row %d is %d cells wide, window %d: %q", i, n, w, ansi.Strip(r))
		}
	}
	if strings.ContainsRune(ansi.Strip(screen), '\uFFFD') {
		t.Errorf("a character was cut:\n%s", ansi.Strip(screen))
	}
}

// TestResize follows the window: a walk drawn at 80x24 then at 120x40
// and back fits each time.
func TestResize(t *testing.T) {
	st := openDemo(t)
	d := drive(t, newModel(st, i18n.Chinese), 80, 24)
	d.press("/", "幼", "enter", "enter", "enter")
	for _, size := range [][2]int{{120, 40}, {64, 16}, {80, 24}} {
		d.send(sizeMsg(size[0], size[1]))
		checkFits(t, d.m.render(), size[0], size[1])
	}
}

// TestNoColor: with NO_COLOR the screens carry no color, only bold,
// faint and reverse; without it they are colored.
func TestNoColor(t *testing.T) {
	st := openDemo(t)
	color := regexp.MustCompile(`\x1b\[[0-9;]*(3[0-9]|4[0-9]|9[0-7]|10[0-7])[;m]`)
	for _, noColor := range []bool{true, false} {
		m := New(Options{Store: st, Lang: i18n.Chinese, Now: clock, NoColor: noColor})
		d := drive(t, m, 80, 24)
		var all strings.Builder
		for _, keys := range [][]string{nil, {"/", "幼", "enter", "enter", "enter"}, {"F"}, {"esc", "esc", "esc", "r"}} {
			d.press(keys...)
			all.WriteString(m.render())
		}
		if got := color.MatchString(all.String()); got == noColor {
			t.Errorf("NoColor %v: colors drawn %v", noColor, got)
		}
		if !strings.Contains(all.String(), "\x1b[7m") && !strings.Contains(all.String(), ";7m") {
			t.Errorf("NoColor %v: the selected row is not in reverse video", noColor)
		}
	}
}

// TestTextCursor: while text is typed, the terminal's own cursor sits
// just after it (measured in cells), so that a Chinese input method
// shows its candidates there.
func TestTextCursor(t *testing.T) {
	st := openDemo(t)
	for _, tt := range []struct {
		name  string
		keys  []string
		typed string
	}{
		{"schools filter", []string{"/", "东", "河"}, "东河"},
		{"add school", []string{"a", "城", "关", "镇"}, "城关镇"},
		{"add school, second field", []string{"a", "城", "enter", "东", "河"}, "东河"},
		{"new visit", []string{"enter", "n", "张", "三"}, "张三"},
		{"note", []string{"/", "幼", "enter", "enter", "enter", "e", "活", "动", "室"}, "活动室"},
		{"reopen reason", []string{"/", "柳", "林", "enter", "enter", "enter", "R", "补", "交"}, "补交"},
		{"ratings filter", []string{"r", "/", "落", "后"}, "落后"},
		{"standard search", []string{"s", "/", "台", "账"}, "台账"},
		{"rectification report", []string{"enter", "tab", "r", "tab", "tab", "照", "片"}, "照片"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := drive(t, newModel(st, i18n.Chinese), 80, 24)
			d.press(tt.keys...)
			v := d.m.View()
			if v.Cursor == nil {
				t.Fatalf("no cursor:\n%s", d.screen())
			}
			rows := strings.Split(d.screen(), "\n")
			x, y := v.Cursor.X, v.Cursor.Y
			if y < 0 || y >= len(rows) {
				t.Fatalf("cursor row %d outside the screen", y)
			}
			before := termtext.Clip(rows[y], x)
			if termtext.Width(before) != x || !strings.HasSuffix(before, tt.typed) {
				t.Errorf("cursor at %d,%d: the row before it is %q, want it to end with %q", x, y, before, tt.typed)
			}
		})
	}
	// Not typing: no cursor.
	d := drive(t, newModel(st, i18n.Chinese), 80, 24)
	if c := d.m.View().Cursor; c != nil {
		t.Errorf("cursor %v on the schools list", c)
	}
}
