// Package termtext measures, fits and wraps text for a grid of terminal
// cells, and makes stored text safe to print there. The terminal
// interface, the command line and the exports' terminal table share it, so
// a Chinese character is two cells everywhere and no stored text can
// drive the terminal.
//
// Every width here is in terminal cells, measured by display width: a
// Chinese character takes two. Never len().
package termtext

import (
	"strings"
	"unicode/utf8"

	"github.com/clipperhouse/displaywidth"
)

// Width is the display width of s. Plain ASCII and Chinese text (the
// bulk of every screen) are measured rune by rune; anything else (escape
// sequences, symbols, combining marks) by the grapheme rules of
// clipperhouse/displaywidth, which the renderer (charmbracelet/x/ansi)
// uses too.
func Width(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if s[i] == 0x1b {
			// Skip a style (SGR) sequence: ESC [ params m.
			j := i + 1
			if j < len(s) && s[j] == '[' {
				j++
				for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';') {
					j++
				}
				if j < len(s) && s[j] == 'm' {
					i = j + 1
					continue
				}
			}
			return measure.String(s)
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		w := runeWidth(r)
		if w < 0 {
			return measure.String(s)
		}
		n += w
		i += size
	}
	return n
}

// measure is how text that is not plain ASCII or Chinese is measured:
// by grapheme clusters, escape sequences taking no room.
var measure = displaywidth.Options{ControlSequences: true}

// runeWidth is the width of a rune that is ASCII or wide East Asian, or
// -1 for any other rune, which needs the full rules.
func runeWidth(r rune) int {
	switch {
	case r >= 0x20 && r < 0x7f:
		return 1
	case r >= 0x4e00 && r <= 0x9fff, // CJK unified ideographs
		r >= 0x3001 && r <= 0x303e, // CJK punctuation
		r >= 0xff01 && r <= 0xff60, // fullwidth forms
		r >= 0xffe0 && r <= 0xffe6:
		return 2
	}
	return -1
}

// Clip cuts s to at most w cells without splitting a character. It adds
// no tail: an ellipsis is an ambiguous-width glyph that some Chinese
// terminals draw two cells wide, which would shift the columns after it.
func Clip(s string, w int) string {
	if w <= 0 {
		return ""
	}
	n := 0
	for i, r := range s {
		rw := runeWidth(r)
		if rw < 0 {
			if Width(s) <= w {
				return s
			}
			return measure.TruncateString(s, w, "")
		}
		if n+rw > w {
			return s[:i]
		}
		n += rw
	}
	return s
}

// Fit clips s to w cells and pads it with spaces to exactly w.
func Fit(s string, w int) string {
	s = Clip(s, w)
	if n := w - Width(s); n > 0 {
		s += strings.Repeat(" ", n)
	}
	return s
}

// FitRight clips s to w cells and right-aligns it in exactly w.
func FitRight(s string, w int) string {
	s = Clip(s, w)
	if n := w - Width(s); n > 0 {
		s = strings.Repeat(" ", n) + s
	}
	return s
}

// Wrap breaks text into lines of at most w cells. Chinese breaks between
// any two characters, but follows the 禁则 of GB/T 15834: a line never
// starts with closing punctuation (、，。；：？！ and the second half of a
// pair: ）」”》】〕…) nor ends with opening punctuation (the first half:
// （“「《【〔…); the character before a closing mark goes down with it,
// an opening mark with the character after it, and a dash (——) is never
// split. Runs of Latin letters and digits break at spaces. A word longer
// than a line is cut, its last letter kept with a closing mark after it.
// Line breaks in the text are kept.
func Wrap(s string, w int) []string {
	if w <= 0 {
		return nil
	}
	s = strings.TrimRight(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	if s == "" {
		return nil
	}
	var out []string
	for _, para := range strings.Split(s, "\n") {
		out = append(out, wrapLine(para, w)...)
	}
	return out
}

// Punctuation that may not start a line, and that may not end one (GB/T
// 15834 and the W3C's Chinese layout requirements).
const (
	closingPunct = "。，、．；：？！）］｝〕〗〙〛】〉》」』”’…·％"
	openingPunct = "（［｛〔〖〘〚【〈《「『“‘"
)

// wrapLine wraps one paragraph.
func wrapLine(s string, w int) []string {
	var (
		lines []string
		cur   strings.Builder
		cw    int
	)
	flush := func() {
		lines = append(lines, strings.TrimRight(cur.String(), " "))
		cur.Reset()
		cw = 0
	}
	for _, u := range wrapUnits(s) {
		uw := Width(u)
		if cw+uw > w && cw > 0 {
			flush()
		}
		if u == " " && cw == 0 && len(lines) > 0 {
			continue // no space at the start of a continued line
		}
		for uw > w {
			head := cutHead(u, w)
			if head == "" {
				break
			}
			cur.WriteString(head)
			flush()
			u = u[len(head):]
			uw = Width(u)
		}
		cur.WriteString(u)
		cw += uw
	}
	if cur.Len() > 0 || len(lines) == 0 {
		flush()
	}
	return lines
}

// cutHead is the most of a unit longer than a line that fits in w cells
// and leaves neither closing punctuation at the start of what is left nor
// opening punctuation at the end of the head; if no cut does, simply the
// most that fits.
func cutHead(u string, w int) string {
	most := measure.TruncateString(u, w, "")
	for head := most; head != ""; {
		last, n := utf8.DecodeLastRuneInString(head)
		next, _ := utf8.DecodeRuneInString(u[len(head):])
		if !strings.ContainsRune(closingPunct, next) && !strings.ContainsRune(openingPunct, last) {
			return head
		}
		head = head[:len(head)-n]
	}
	return most
}

// wrapUnits splits text into the pieces a line may break between: a
// space, a run of ASCII, or one other character with the punctuation
// that must stay with it.
func wrapUnits(s string) []string {
	var (
		units []string
		word  strings.Builder
		open  string // opening punctuation waiting for what it opens
	)
	flushWord := func() {
		if word.Len() > 0 {
			units = append(units, open+word.String())
			word.Reset()
			open = ""
		}
	}
	// glue puts closing punctuation with what it closes.
	glue := func(r rune) {
		n := len(units)
		switch {
		case word.Len() > 0:
			word.WriteRune(r)
		case open != "" && n > 0 && units[n-1] != " ": // “” after a character
			units[n-1] += open + string(r)
			open = ""
		case open != "": // “” first, or after a space
			open += string(r)
		case n > 1 && units[n-1] == " ": // a stray space before it
			units[n-2] += " " + string(r)
			units = units[:n-1]
		case n > 0:
			units[n-1] += string(r)
		default:
			units = append(units, string(r))
		}
	}
	for _, r := range s {
		switch {
		case r == ' ' && open != "" && word.Len() == 0:
			open += " " // a stray space after opening punctuation
		case r == ' ':
			flushWord()
			units = append(units, " ")
		case r < 0x80 && word.Len() == 0 && open == "" && strings.ContainsRune(",.;:?!)]}%", r) && len(units) > 0 && units[len(units)-1] != " ":
			units[len(units)-1] += string(r) // "任," keeps its comma
		case r < 0x80:
			word.WriteRune(r)
		case strings.ContainsRune(closingPunct, r):
			glue(r)
		case strings.ContainsRune(openingPunct, r):
			flushWord()
			open += string(r)
		case r == '—' && word.Len() == 0 && open == "" && len(units) > 0 && strings.HasSuffix(units[len(units)-1], "—"):
			units[len(units)-1] += string(r) // —— is one mark
		default:
			if w := word.String(); w != "" && strings.Trim(w, "([{\"'") == "" {
				open += w // "(即" keeps its parenthesis
				word.Reset()
			}
			flushWord()
			units = append(units, open+string(r))
			open = ""
		}
	}
	flushWord()
	if open != "" {
		units = append(units, open)
	}
	return units
}

// IndentWrap wraps text to w cells with the first line after first and
// the following lines indented to line up under it.
func IndentWrap(first, text string, w int) []string {
	pad := strings.Repeat(" ", Width(first))
	lines := Wrap(text, w-Width(first))
	if len(lines) == 0 {
		return []string{first}
	}
	for i := range lines {
		if i == 0 {
			lines[i] = first + lines[i]
		} else {
			lines[i] = pad + lines[i]
		}
	}
	return lines
}

// ColumnSafe replaces the ambiguous-width punctuation of the standard's
// text (curly quotes, circled numbers) with narrow equivalents, for text
// shown in an aligned column. Terminals that draw ambiguous glyphs two
// cells wide would otherwise push the rest of the row out of line. The
// full text, shown last on its rows, keeps its own punctuation.
func ColumnSafe(s string) string { return columnSafe.Replace(s) }

var columnSafe = strings.NewReplacer(
	"“", `"`, "”", `"`, "‘", "'", "’", "'",
	"…", "...", "·", ".", "—", "-", "–", "-",
	"①", "(1)", "②", "(2)", "③", "(3)", "④", "(4)", "⑤", "(5)",
	"⑥", "(6)", "⑦", "(7)", "⑧", "(8)", "⑨", "(9)", "⑩", "(10)",
)
