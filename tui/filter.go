package tui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"branchcheck/outline"
	"branchcheck/termtext"
)

// filterInput is the / filter of a list: a text field and whether it is
// being typed in.
type filterInput struct {
	c      *common
	input  textinput.Model
	active bool
}

func newFilterInput(c *common) filterInput {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = c.pick("输入文字筛选", "type to filter")
	in.CharLimit = 40
	in.SetStyles(c.styles.Input)
	in.SetVirtualCursor(false) // the terminal's own cursor, for input methods
	return filterInput{c: c, input: in}
}

func (f *filterInput) setWidth(w int) { f.input.SetWidth(max(w-4, 8)) }

// start begins typing a filter.
func (f *filterInput) start() tea.Cmd {
	f.active = true
	return f.input.Focus()
}

// take handles a key or a paste if the filter is being typed, and
// reports whether it did; changed runs when the filter's text changed.
func (f *filterInput) take(msg tea.Msg, changed func()) (tea.Cmd, bool) {
	if !f.active {
		return nil, false
	}
	cmd, ch := f.Update(msg)
	if ch {
		changed()
	}
	return cmd, true
}

// keyMap is the filter's keys while it is typed, else the screen's.
func (f *filterInput) keyMap(screen help.KeyMap) help.KeyMap {
	if f.active {
		k := f.c.keys.Filter
		return oneColumn(k.Apply, k.Clear)
	}
	return screen
}

// Update handles a key while the filter is typed: enter keeps it, esc
// clears it. It reports whether the filter text changed.
func (f *filterInput) Update(msg tea.Msg) (tea.Cmd, bool) {
	k := f.c.keys.Filter
	before := f.input.Value()
	if km, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(km, k.Apply):
			f.active = false
			f.input.Blur()
			return nil, false
		case key.Matches(km, k.Clear):
			f.active = false
			f.input.Blur()
			f.input.Reset()
			return nil, before != ""
		}
	}
	var cmd tea.Cmd
	f.input, cmd = f.input.Update(msg)
	return cmd, f.input.Value() != before
}

// cursor is the terminal's cursor in the filter's line, at row y.
func (f *filterInput) cursor(y int) *tea.Cursor {
	if !f.active {
		return nil
	}
	c := inputCursor(f.input)
	if c != nil {
		c.Y = y
	}
	return c
}

// query is the filter's text as a search compares it (outline.Fold:
// case, full-width forms, 台帐/台账); "" when there is no filter.
func (f *filterInput) query() string { return outline.Fold(strings.TrimSpace(f.input.Value())) }

// found reports whether any of the fields contains the query (folded,
// as query gives it).
func found(query string, fields ...string) bool {
	for _, s := range fields {
		if strings.Contains(outline.Fold(s), query) {
			return true
		}
	}
	return false
}

// view is the filter's line: the field while typing, the filter in
// effect, or a blank line.
func (f *filterInput) view(w int) string {
	switch {
	case f.active:
		return termtext.Clip(f.input.View(), w)
	case strings.TrimSpace(f.input.Value()) != "":
		return f.c.styles.Dim.Render(termtext.Clip(f.c.sprintf("筛选：%s（按 / 修改）", "Filter: %s (/ to change)", termtext.Line(f.input.Value())), w))
	}
	return ""
}
