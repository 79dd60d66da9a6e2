package termtext

import (
	"strings"
	"testing"
	"unicode/utf8"

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

// TestWrapKinsoku: Chinese line breaking (the 禁则 of GB/T 15834): a
// wrapped line never starts with closing punctuation (、，。；：？！ and the
// second half of every pair, ）」”』》】〕〉) nor ends with opening
// punctuation (the first half, （“「《【〔〈). Where a break would fall
// there, the character before the closing mark goes down with it, and the
// opening mark with the character after it, so each line still fits. A
// Chinese character and each of these marks is two cells, but “ ” ‘ ’
// and — measure one (ambiguous width).
func TestWrapKinsoku(t *testing.T) {
	tests := []struct {
		name string
		text string
		w    int
		want []string
	}{
		{"break before 、", "有桌椅、党建书籍", 6, []string{"有桌", "椅、党", "建书籍"}},
		{"break before ，", "压实党建责任，书记", 12, []string{"压实党建责", "任，书记"}},
		{"breaks before 、 and ，", "有党旗、入党誓词，有党组织基本概况", 14, []string{"有党旗、入党誓", "词，有党组织基", "本概况"}},
		{"break before ”，", "一二三四“五”，六", 10, []string{"一二三四", "“五”，六"}},
		{"break before 〕", "按教党〔2026〕5号执行", 12, []string{"按教党", "〔2026〕5号", "执行"}},
		{"break before 】", "见【重要】通知", 8, []string{"见【重", "要】通知"}},
		{"break before 〉", "书名号〈党章〉", 12, []string{"书名号〈党", "章〉"}},
		{"break after 〔", "教育局党委〔2026〕", 12, []string{"教育局党委", "〔2026〕"}},
		{"break after 【", "一二三四五【六】", 12, []string{"一二三四五", "【六】"}},
		// A closing mark right after an opening one keeps its order and
		// goes with the character before.
		{"empty quotes", "填写“”。其余", 7, []string{"填", "写“”。", "其余"}},
		{"empty brackets", "括号（）之后", 6, []string{"括", "号（）", "之后"}},
		// A stray space before a closing mark, or after an opening one, is
		// no place to break.
		{"space before 。", "已整改 。复查", 8, []string{"已整", "改 。复", "查"}},
		{"space after （", "写（ 注", 6, []string{"写", "（ 注"}},
		{"space after a quoted word", "日期“2025-02-30”：2025 年 2 月", 18, []string{"日期", "“2025-02-30”：2025", "年 2 月"}},
		// The dash (破折号) is never split.
		{"dash", "党建——立校之本", 5, []string{"党建", "——立", "校之", "本"}},
		// A word cut because it is longer than a line leaves its last
		// letter with the closing mark.
		{"cut word before ，", "编号ABCDEF，完", 6, []string{"编号", "ABCDE", "F，完"}},
	}
	for _, tt := range tests {
		got := Wrap(tt.text, tt.w)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s: wrap(%q, %d) = %q, want %q", tt.name, tt.text, tt.w, got, tt.want)
		}
		checkKinsoku(t, tt.text, tt.w, got)
	}
	// The rules hold at every width a screen gives text (8 cells and
	// more: a narrower line cannot always keep them, as a character with
	// three closing marks after it takes 8), and the text comes back
	// whole, in its order.
	for _, text := range []string{
		"压实党建责任，党组织书记是党建工作“第一责任人”，要把党建工作与教育教学工作同谋划、同部署、同落实。",
		"有党组织基本概况（党组织班子成员形象展示、职责分工等）；有“三会一课”记录本！",
		"按《中国共产党章程》和教党〔2026〕5号文件，见【附件】《党员名册》：（一）、（二）……完",
		"整改期限 2026-08-29，已逾期 92 天（反弹第 1 次）；本次符合，定稿后销号。",
		"填写“”。其余（）、【】——即“好”）。见《一》〈二〉「三」『四』！",
	} {
		for w := 8; w <= 40; w++ {
			checkKinsoku(t, text, w, Wrap(text, w))
		}
	}
}

// checkKinsoku checks wrapped lines: each fits w, none but the first
// starts with closing punctuation, none but the last ends with opening
// punctuation, and together they are the text (the spaces at the breaks
// aside).
func checkKinsoku(t *testing.T, text string, w int, lines []string) {
	t.Helper()
	const closing, opening = "、，。．；：？！）］｝〕〗】〉》」』”’", "（［｛〔〖【〈《「『“‘"
	for i, l := range lines {
		if Width(l) > w {
			t.Errorf("wrap(%q, %d): %q is %d cells", text, w, l, Width(l))
		}
		if r, _ := utf8.DecodeRuneInString(l); i > 0 && strings.ContainsRune(closing, r) {
			t.Errorf("wrap(%q, %d): line %d starts with %c: %q", text, w, i+1, r, lines)
		}
		if r, _ := utf8.DecodeLastRuneInString(l); i < len(lines)-1 && strings.ContainsRune(opening, r) {
			t.Errorf("wrap(%q, %d): line %d ends with %c: %q", text, w, i+1, r, lines)
		}
	}
	if nospace := func(s string) string { return strings.ReplaceAll(s, " ", "") }; nospace(strings.Join(lines, "")) != nospace(text) {
		t.Errorf("wrap(%q, %d) = %q: not the text", text, w, lines)
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

// BenchmarkWrap wraps a requirement of the standard as the walk's pane
// does.
func BenchmarkWrap(b *testing.B) {
	const text = "压实党建责任，党组织书记是党建工作“第一责任人”，要把党建工作与教育教学工作同谋划、同部署、同落实（见教党〔2026〕5号）。"
	for b.Loop() {
		Wrap(text, 36)
	}
}
