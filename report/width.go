package report

import (
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// displayWidth is how many terminal cells s takes: East Asian wide and
// fullwidth characters (Chinese) take two, combining marks none, and
// everything else one, East Asian ambiguous symbols such as ★ and ☆
// included (as go-runewidth and charmbracelet/x/ansi measure them).
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

func runeWidth(r rune) int {
	switch {
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
		return 0
	case r < 0x1100:
		return 1
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// pad fills s with spaces to w cells, on the left when right-aligned.
func pad(s string, w int, right bool) string {
	n := w - displayWidth(s)
	if n <= 0 {
		return s
	}
	if right {
		return strings.Repeat(" ", n) + s
	}
	return s + strings.Repeat(" ", n)
}

// terminalSafe makes text safe to print on a terminal on one line: tabs
// and line breaks become spaces, other control characters (an escape
// sequence could drive the terminal) become '?', and invisible format
// characters (such as bidirectional overrides) are dropped.
func terminalSafe(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) }) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return ' '
		case unicode.IsControl(r):
			return '?'
		case unicode.Is(unicode.Cf, r):
			return -1
		}
		return r
	}, s)
}
