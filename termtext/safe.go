package termtext

import (
	"fmt"
	"strings"
	"unicode"
)

// OneLine keeps the first line of a message, trimmed.
func OneLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = strings.TrimSpace(s[:i])
	}
	return s
}

// Line makes stored text safe to print on one line of a terminal: tabs
// and line breaks become spaces, and every other control character (C0,
// DEL, C1: an escape sequence could drive the terminal) and every
// invisible format character (bidirectional overrides and isolates, zero
// width joiners) is shown as a visible escape such as \x1b or <U+202E>
// instead of reaching the terminal live. Text without any comes back as
// it is, without copying.
func Line(s string) string {
	if !strings.ContainsFunc(s, unsafe) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteByte(' ')
		case unsafe(r):
			b.WriteString(Visible(r))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Block is Line for text of several lines, such as a note: line breaks
// and tabs are kept, everything else Line shows as an escape is shown so
// here too. A CR before a line break is dropped.
func Block(s string) string {
	if !strings.ContainsFunc(s, unsafe) {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n':
			b.WriteRune(r)
		case unsafe(r):
			b.WriteString(Visible(r))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Visible is a character's visible escape: \x1b for a control
// character, <U+202E> for a format character.
func Visible(r rune) string {
	if r < 0x100 {
		return fmt.Sprintf(`\x%02x`, r)
	}
	return fmt.Sprintf("<U+%04X>", r)
}

// unsafe reports whether r must not reach a terminal as it is: a control
// character (C0, DEL, C1) or an invisible format character (Cf: the
// bidirectional controls among them).
func unsafe(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r)
}

// Pad fills s with spaces to w cells, on the left when right is true. It
// never cuts: text wider than w comes back as it is.
func Pad(s string, w int, right bool) string {
	n := w - Width(s)
	if n <= 0 {
		return s
	}
	if right {
		return strings.Repeat(" ", n) + s
	}
	return s + strings.Repeat(" ", n)
}
