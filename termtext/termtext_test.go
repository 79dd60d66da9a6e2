package termtext

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestWidthHelpers(t *testing.T) {
	tests := []struct{ got, want string }{
		{Fit("党员活动室", 12), "党员活动室  "},
		{Fit("党员活动室", 5), "党员 "},
		{Fit("党员活动室", 6), "党员活"},
		{FitRight("3/10", 6), "  3/10"},
		{FitRight("城关镇", 7), " 城关镇"},
		{Clip("城关镇第一小学", 7), "城关镇"},
		{Clip("abc", 0), ""},
		{ColumnSafe("坚持“党要管党”④…"), `坚持"党要管党"(4)...`},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestWrap(t *testing.T) {
	tests := []struct {
		text string
		w    int
		want []string
	}{
		// Chinese breaks anywhere, never before closing punctuation.
		{"有党建工作制度", 6, []string{"有党建", "工作制", "度"}},
		{"压实党建责任,党组织书记", 12, []string{"压实党建责", "任,党组织书", "记"}},
		{"按 y 确认定稿。定稿后只读", 15, []string{"按 y 确认定稿。", "定稿后只读"}},
		{"按 y 确认定稿。定稿后只读", 14, []string{"按 y 确认定", "稿。定稿后只读"}},
		{"有开展“四有好老师”评比", 10, []string{"有开展“四", "有好老师”", "评比"}},
		{"开展“四有", 5, []string{"开展", "“四有"}},
		// Latin words break at spaces; a word longer than a line is cut.
		{"the branch secretary is the first", 12, []string{"the branch", "secretary is", "the first"}},
		{"abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		// Line breaks are kept; empty text is no lines.
		{"一\n二", 10, []string{"一", "二"}},
		{"", 10, nil},
	}
	for _, tt := range tests {
		got := Wrap(tt.text, tt.w)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("wrap(%q, %d) = %q, want %q", tt.text, tt.w, got, tt.want)
		}
		for _, l := range got {
			if Width(l) > tt.w {
				t.Errorf("wrap(%q, %d): %q is %d cells", tt.text, tt.w, l, Width(l))
			}
		}
	}
}

// TestWidthAgreesWithAnsi: the fast measure agrees with the renderer's
// on every kind of text the screens show.
func TestWidthAgreesWithAnsi(t *testing.T) {
	for _, s := range []string{
		"", "abc 123", "党员活动室", "压实党建责任,党组织书记是党建工作“第一责任人”",
		"有党组织基本概况(党组织班子成员形象展示、职责分工等)", "4.4 (原文缺第④项)",
		"★★★☆☆", "已保存 14:03:27", "\x1b[1m粗体\x1b[m", "ｅｍ，。：；", "é", "👍",
	} {
		if got, want := Width(s), ansi.StringWidth(s); got != want {
			t.Errorf("width(%q) = %d, ansi says %d", s, got, want)
		}
		for w := 1; w < Width(s)+2; w++ {
			if got, want := Clip(s, w), ansi.Truncate(s, w, ""); got != want && Width(s) > w {
				t.Errorf("clip(%q, %d) = %q, ansi %q", s, w, got, want)
			}
		}
	}
}
