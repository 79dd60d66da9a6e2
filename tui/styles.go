package tui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
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
	Title lipgloss.Style
	// Header is a table's header row; SortedHeader its sort column.
	Header       lipgloss.Style
	SortedHeader lipgloss.Style
	// Selected is the row under the cursor.
	Selected lipgloss.Style
	// Dim is secondary text: hints, glosses, not-scored items.
	Dim lipgloss.Style
	// Bold is emphasis.
	Bold lipgloss.Style
	// Error is a one-line error; OK a confirmation (已保存).
	Error lipgloss.Style
	OK    lipgloss.Style
	// Warn marks what needs attention: drafts, unsaved answers, the
	// lagging flag.
	Warn lipgloss.Style
	// Verdicts color the answer marks.
	Met, PartlyMet, NotMet, NotApplicable lipgloss.Style
	// Stars draws ★★★☆☆.
	Stars lipgloss.Style

	// Help is the help bar's bubble styles.
	Help help.Styles
	// Input and Area style the text fields and the note editor.
	Input textinput.Styles
	Area  textarea.Styles
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
		Title:         fg("6").Bold(true),
		Header:        plain.Bold(true),
		SortedHeader:  plain.Bold(true).Underline(true),
		Selected:      plain.Reverse(true),
		Dim:           plain.Faint(true),
		Bold:          plain.Bold(true),
		Error:         fg("1").Bold(true),
		OK:            fg("2"),
		Warn:          fg("3").Bold(true),
		Met:           fg("2"),
		PartlyMet:     fg("3"),
		NotMet:        fg("1"),
		NotApplicable: plain.Faint(true),
		Stars:         fg("3"),
	}
	s.Help = help.Styles{
		Ellipsis:       plain.Faint(true),
		ShortKey:       fg("6").Bold(true),
		ShortDesc:      plain,
		ShortSeparator: plain,
		FullKey:        fg("6").Bold(true),
		FullDesc:       plain,
		FullSeparator:  plain,
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
func (s *Styles) verdict(v checklist.Verdict) lipgloss.Style {
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
