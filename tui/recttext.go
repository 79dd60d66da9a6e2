package tui

import (
	"fmt"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"branchcheck/checklist"
	"branchcheck/termtext"
)

// rectTextScreen is one rectification in full (common.rectDetail),
// scrolled with the keys: what the school screen's pane has no room for.
// The screen that opens it has the rectification; it reads nothing.
type rectTextScreen struct {
	c      *common
	keys   RectTextKeys
	school string
	entry  checklist.RectEntry
	today  checklist.Date
	// doc is the rectification drawn at the width; offset its first row
	// in view.
	doc    []string
	offset int
	w, h   int
}

func newRectTextScreen(c *common, school string, e checklist.RectEntry, today checklist.Date) *rectTextScreen {
	return &rectTextScreen{c: c, keys: c.keys.RectText, school: school, entry: e, today: today}
}

func (s *rectTextScreen) Init() tea.Cmd { return nil }

func (s *rectTextScreen) title() string { return s.c.pick("整改事项", "Rectification") }

func (s *rectTextScreen) keyMap() help.KeyMap { return s.keys }

// setSize draws the rectification again at the width.
func (s *rectTextScreen) setSize(w, h int) {
	s.w, s.h = w, h
	s.doc = s.c.rectDetail(&s.entry, s.today, w)
	s.scroll(0)
	more := len(s.doc) > s.page()
	for _, b := range []*key.Binding{&s.keys.Up, &s.keys.Down, &s.keys.PageUp, &s.keys.PageDown} {
		b.SetEnabled(more)
	}
}

// page is the rows of the document in view: all but the title, the
// school and the position.
func (s *rectTextScreen) page() int { return max(s.h-3, 1) }

// scroll moves the first row in view by d, within the document.
func (s *rectTextScreen) scroll(d int) {
	s.offset = max(0, min(s.offset+d, len(s.doc)-s.page()))
}

func (s *rectTextScreen) Update(msg tea.Msg) (tea.Cmd, navMsg) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil, nil
	}
	if d, ok := step(k, s.page(), s.keys.Up, s.keys.Down, s.keys.PageUp, s.keys.PageDown); ok {
		s.scroll(d)
		return nil, nil
	}
	if key.Matches(k, s.keys.Back) {
		return nil, goBackMsg{}
	}
	return nil, nil
}

// View draws the title, the school and the rectification from the
// offset.
func (s *rectTextScreen) View(w, h int) []string {
	st := s.c.styles
	var out lines
	out.add(st.Title.Render(termtext.Clip(s.c.sprintf("整改事项：%s", "Rectification: %s", termtext.Line(termtext.ColumnSafe(s.school))), w)))
	out.add("")
	end := min(len(s.doc), s.offset+s.page())
	out.add(s.doc[s.offset:end]...)
	for len(out) < h-1 {
		out.add("")
	}
	if len(s.doc) > s.page() {
		out.add(st.Dim.Render(termtext.FitRight(fmt.Sprintf("%d-%d/%d", s.offset+1, end, len(s.doc)), w)))
	}
	return out
}
