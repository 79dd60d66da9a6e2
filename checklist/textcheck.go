package checklist

import (
	"unicode"
	"unicode/utf8"
)

// Limits on the length of what a person types, in characters. They are
// far above anything real and keep a pasted file or a hostile bundle from
// becoming a school's name.
const (
	// MaxLine is the most a one-line field (a name, a township, a phone
	// number) may hold.
	MaxLine = 200
	// MaxNote is the most a note or a reason may hold.
	MaxNote = 5000
)

// The names of the fields that are checked where text comes in, for the
// messages.
var (
	TextSchoolName = Text{ZH: "学校名称", EN: "school name"}
	TextTownship   = Text{ZH: "乡镇", EN: "township"}
	TextKind       = Text{ZH: "类型", EN: "kind"}
	TextSecretary  = Text{ZH: "党组织书记", EN: "secretary"}
	TextContact    = Text{ZH: "联系电话", EN: "contact"}
	TextInspector  = Text{ZH: "检查人", EN: "inspector"}
	TextNote       = Text{ZH: "备注", EN: "note"}
	TextReason     = Text{ZH: "原因", EN: "reason"}
)

// CheckLine checks a one-line field as it comes in (from a form, a file,
// a bundle): no control characters (C0, DEL, C1: line breaks and tabs
// included), no bidirectional overrides or isolates (U+202A–U+202E,
// U+2066–U+2069, which can make text read backwards), valid UTF-8, and at
// most max characters. The error names the field.
func CheckLine(field Text, s string, max int) error {
	return checkText(field, s, max, false)
}

// CheckNote checks text of several lines (a note, a reason) as CheckLine
// does, except that line breaks and tabs are allowed.
func CheckNote(field Text, s string, max int) error {
	return checkText(field, s, max, true)
}

func checkText(field Text, s string, max int, lines bool) error {
	if !utf8.ValidString(s) {
		return Errorf(ErrInvalid, Text{ZH: "%s不是有效的 UTF-8 文字", EN: "%s is not valid UTF-8 text"}, field)
	}
	n := 0
	for _, r := range s {
		n++
		switch {
		case lines && (r == '\n' || r == '\t' || r == '\r'):
		case r == '\n' || r == '\r':
			return Errorf(ErrInvalid, Text{ZH: "%s只能写一行，不能有换行", EN: "%s must be one line, without line breaks"}, field)
		case unicode.IsControl(r):
			return Errorf(ErrInvalid, Text{ZH: "%s含有控制字符 U+%04X，不能保存", EN: "%s holds the control character U+%04X"}, field, r)
		case isBidiControl(r):
			return Errorf(ErrInvalid, Text{ZH: "%s含有改变文字方向的字符 U+%04X，不能保存", EN: "%s holds the direction control U+%04X"}, field, r)
		}
	}
	if n > max {
		return Errorf(ErrInvalid, Text{ZH: "%s太长：%d 个字，最多 %d 个", EN: "%s is too long: %d characters, at most %d"}, field, n, max)
	}
	return nil
}

// isBidiControl reports whether r is a bidirectional embedding, override
// or isolate.
func isBidiControl(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}
