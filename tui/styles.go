package tui

import (
	"image/color"
	"strings"

	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"branchcheck/checklist"
)

// Styles are every style the interface draws with, made once. Colors are
// the terminal's own basic ANSI colors, so they follow its light or dark
// theme without asking it; with NoColor there are none at all and
// emphasis is bold, reverse and faint only. Nothing here changes a width:
// no borders, no padding.
type Styles struct {
	// Title is a screen's first line.
	Title Paint
	// Header is a table's header row; SortedHeader its sort column.
	Header       Paint
	SortedHeader Paint
	// Selected is the row under the cursor.
	Selected Paint
	// Dim is secondary text: hints, glosses, not-scored items.
	Dim Paint
	// Bold is emphasis.
	Bold Paint
	// Error is a one-line error; OK a confirmation (已保存).
	Error Paint
	OK    Paint
	// Warn marks what needs attention: drafts, unsaved answers, the
	// lagging flag.
	Warn Paint
	// Verdicts color the answer marks.
	Met, PartlyMet, NotMet, NotApplicable Paint
	// Stars draws ★★★☆☆.
	Stars Paint
	// Key is a key's name in the help; KeyDesc what it does.
	Key, KeyDesc Paint

	// Input and Area style the text fields and the note editor.
	Input textinput.Styles
	Area  textarea.Styles
}

// Paint is a Lip Gloss style without layout (no width, padding or
// border), rendered once into the escape sequences that start and end it:
// drawing with it is two string joins, which keeps a whole screen well
// under a millisecond.
type Paint struct{ pre, post string }

// newPaint renders a style around a marker to learn its sequences.
func newPaint(st lipgloss.Style) Paint {
	const marker = "\uE000"
	out := st.Render(marker)
	i := strings.Index(out, marker)
	if i < 0 {
		return Paint{}
	}
	return Paint{pre: out[:i], post: out[i+len(marker):]}
}

// Render draws s in the style, line by line.
func (p Paint) Render(s string) string {
	if p.pre == "" && p.post == "" {
		return s
	}
	if strings.Contains(s, "\n") {
		lines := strings.Split(s, "\n")
		for i, l := range lines {
			lines[i] = p.pre + l + p.post
		}
		return strings.Join(lines, "\n")
	}
	return p.pre + s + p.post
}

// NewStyles makes the styles, with colors or without.
func NewStyles(noColor bool) *Styles {
	fg := func(c string) lipgloss.Style {
		if noColor {
			return lipgloss.NewStyle()
		}
		return lipgloss.NewStyle().Foreground(lipgloss.Color(c))
	}
	var cursorColor color.Color
	if !noColor {
		cursorColor = lipgloss.Color("7")
	}
	plain := lipgloss.NewStyle()
	s := &Styles{
		Title:         newPaint(fg("6").Bold(true)),
		Header:        newPaint(plain.Bold(true)),
		SortedHeader:  newPaint(plain.Bold(true).Underline(true)),
		Selected:      newPaint(plain.Reverse(true)),
		Dim:           newPaint(plain.Faint(true)),
		Bold:          newPaint(plain.Bold(true)),
		Error:         newPaint(fg("1").Bold(true)),
		OK:            newPaint(fg("2")),
		Warn:          newPaint(fg("3").Bold(true)),
		Met:           newPaint(fg("2")),
		PartlyMet:     newPaint(fg("3")),
		NotMet:        newPaint(fg("1")),
		NotApplicable: newPaint(plain.Faint(true)),
		Stars:         newPaint(fg("3")),
		Key:           newPaint(fg("6").Bold(true)),
		KeyDesc:       newPaint(plain),
	}
	s.Input = textinput.Styles{
		Focused: textinput.StyleState{Text: plain, Placeholder: plain.Faint(true), Suggestion: plain.Faint(true), Prompt: fg("6")},
		Blurred: textinput.StyleState{Text: plain, Placeholder: plain.Faint(true), Suggestion: plain.Faint(true), Prompt: plain.Faint(true)},
		Cursor:  textinput.CursorStyle{Color: cursorColor, Shape: tea.CursorBlock},
	}
	area := textarea.StyleState{
		Base: plain, Text: plain, LineNumber: plain.Faint(true), CursorLineNumber: plain,
		CursorLine: plain, EndOfBuffer: plain.Faint(true), Placeholder: plain.Faint(true),
		Prompt: fg("6"), Selection: plain.Reverse(true),
	}
	s.Area = textarea.Styles{Focused: area, Blurred: area, Cursor: textarea.CursorStyle{Color: cursorColor, Shape: tea.CursorBlock}}
	return s
}

// verdict is the style of a verdict's mark.
func (s *Styles) verdict(v checklist.Verdict) Paint {
	switch v {
	case checklist.Met:
		return s.Met
	case checklist.PartlyMet:
		return s.PartlyMet
	case checklist.NotMet:
		return s.NotMet
	case checklist.NotApplicable:
		return s.NotApplicable
	}
	return s.Dim
}
