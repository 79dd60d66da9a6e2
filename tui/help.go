package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"

	"branchcheck/termtext"
)

// helpView is the help page: every key of the current screen in its
// current state, then the keys that work everywhere. It is drawn from the
// same bindings that handle the keys.
func (m *Model) helpView() []string {
	s := m.c.styles
	top := m.top()
	var groups [][]key.Binding
	groups = append(groups, top.keyMap().FullHelp()...)
	groups = append(groups, []key.Binding{m.c.keys.Global.Help, m.c.keys.Global.Quit})

	var entries [][2]string
	seen := map[string]bool{}
	keyW := 0
	for _, g := range groups {
		for _, b := range g {
			h := b.Help()
			if !b.Enabled() || h.Key == "" || seen[h.Key] {
				continue
			}
			seen[h.Key] = true
			entries = append(entries, [2]string{h.Key, h.Desc})
			keyW = max(keyW, termtext.Width(h.Key))
		}
	}

	var out lines
	out.add(s.Title.Render(termtext.Clip(m.c.sprintf("按键帮助：%s", "Keys: %s", top.title()), m.width)), "")
	room := m.height - 4
	cols := 1
	if room > 0 && len(entries) > room {
		cols = (len(entries) + room - 1) / room
	}
	colW := m.width / cols
	perCol := (len(entries) + cols - 1) / cols
	for r := range perCol {
		var row strings.Builder
		for c := range cols {
			i := c*perCol + r
			if i >= len(entries) {
				break
			}
			e := entries[i]
			cell := "  " + s.Key.Render(termtext.Fit(e[0], keyW)) + "  " + termtext.Clip(e[1], colW-keyW-5)
			if c < cols-1 {
				cell = termtext.Fit(cell, colW)
			}
			row.WriteString(cell)
		}
		out.add(row.String())
	}
	out.add("", s.Dim.Render(termtext.Clip(m.c.pick("按 esc 或 ? 关闭帮助", "Press esc or ? to close"), m.width)))
	return out
}

// shortHelp is the bottom line: as many of the bindings as fit, each
// whole, "key desc" two spaces apart. The help key (?) is kept when
// others have to go (from the right), so the way to every key is always
// shown.
func (m *Model) shortHelp(bindings []key.Binding) string {
	st := m.c.styles
	var items []key.Binding
	for _, k := range bindings {
		if k.Enabled() {
			items = append(items, k)
		}
	}
	itemWidth := func(k key.Binding) int { return termtext.Width(k.Help().Key) + 1 + termtext.Width(k.Help().Desc) }
	total := func(ks []key.Binding) int {
		n := 0
		for i, k := range ks {
			if i > 0 {
				n += 2
			}
			n += itemWidth(k)
		}
		return n
	}
	for len(items) > 1 && total(items) > m.width {
		drop := len(items) - 1
		for drop > 0 && items[drop].Help().Key == "?" {
			drop--
		}
		items = append(items[:drop], items[drop+1:]...)
	}
	if len(items) == 1 && total(items) > m.width {
		return ""
	}
	parts := make([]string, len(items))
	for i, k := range items {
		parts[i] = st.Key.Render(k.Help().Key) + " " + st.KeyDesc.Render(k.Help().Desc)
	}
	return strings.Join(parts, "  ")
}
