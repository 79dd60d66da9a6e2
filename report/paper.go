package report

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"branchcheck/checklist"
	"branchcheck/i18n"
)

// The papers write numbers as official documents do, with no space
// between an Arabic numeral and Chinese: 2026年度, 学校名单（3所）,
// 逾期59天, 第1页. The screen and the messages set a number apart from
// the Chinese around it (2026 年度, 逾期 59 天), as every count there
// does. The papers' own texts are worded so; a text they share with the
// screen (where a rectification stands, the year's stage, a warning
// worded in checklist) goes through onPaper.

// onPaper is a text the papers share with the screen, written as the
// papers write numbers: each space between an Arabic numeral and a
// Chinese character dropped (逾期 59 天 → 逾期59天, 2027-12-01 至
// 2027-12-10（10 天） → 2027-12-01至2027-12-10（10天）). Only for text the
// program words from numbers and dates: a name or a note someone typed is
// printed as typed.
func onPaper(s string) string {
	if !strings.Contains(s, " ") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	var last rune // the last rune written
	for i := 0; i < len(s); {
		if s[i] != ' ' {
			r, n := utf8.DecodeRuneInString(s[i:])
			b.WriteString(s[i : i+n])
			last, i = r, i+n
			continue
		}
		j := i
		for j < len(s) && s[j] == ' ' {
			j++
		}
		next, _ := utf8.DecodeRuneInString(s[j:])
		if !(isDigit(last) && isHan(next) || isHan(last) && isDigit(next)) {
			b.WriteString(s[i:j])
		}
		i = j
	}
	return b.String()
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func isHan(r rune) bool { return r >= 0x2e80 && unicode.Is(unicode.Han, r) }

// rectState says where a rectification stands as the papers write it:
// i18n's RectState, 逾期59天.
func rectState(l i18n.Lang, r *checklist.Rectification, today checklist.Date) string {
	return onPaper(l.RectState(r, today))
}

// paperError says an error worded in checklist (a note on the 公示, a
// quota warning) as the papers write numbers.
func paperError(l i18n.Lang, err error) string { return onPaper(l.Error(err)) }
