package tui

import (
	"fmt"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"branchcheck/checklist"
	"branchcheck/termtext"
)

// townsView is the schools screen's view of the year's progress by
// township (t): each township's schools visited this year of all, and
// those to go. enter shows a township's schools; the first row, 全部乡镇,
// shows them all again.
type townsView struct {
	list[townRow]
	c    *common
	keys TownshipKeys
}

// townRow is a township's progress; all: the row that lifts the choice.
type townRow struct {
	name           string
	visited, total int
	all            bool
}

func newTownsView(c *common) *townsView {
	k := c.keys.Towns
	v := &townsView{c: c, keys: k}
	v.list = newList(c, listKeys{Up: k.Up, Down: k.Down, PageUp: k.PageUp, PageDown: k.PageDown},
		func(r townRow) string { return fmt.Sprint(r.all, r.name) }, v.cells)
	l := c.lang
	v.columns = []column{
		{title: l.Pick("乡镇", "Township"), flex: true, min: 8},
		{title: l.Pick("已检查", "Visited"), fit: []string{l.Pick("已检查", "Visited"), "9999/9999"}, right: true, gap: 2},
		{title: l.Pick("未检查", "To go"), fit: []string{l.Pick("未检查", "To go"), "9999"}, right: true, gap: 2},
	}
	v.empty = c.pick("没有学校", "No schools")
	return v
}

func (v *townsView) cells(r townRow) []cell {
	if r.all {
		return []cell{{text: v.c.pick("（全部乡镇）", "(every township)"), paint: v.c.styles.Dim}}
	}
	var to cell
	if n := r.total - r.visited; n > 0 {
		to = cell{text: fmt.Sprint(n), paint: v.c.styles.Warn}
	}
	return []cell{{text: termtext.ColumnSafe(townName(v.c, r.name))}, {text: fmt.Sprintf("%d/%d", r.visited, r.total)}, to}
}

// townName names a township; a school without one is under 未填乡镇.
func townName(c *common, name string) string {
	if name == "" {
		return c.pick("（未填乡镇）", "(no township)")
	}
	return name
}

// townRows counts each township's schools, in the schools' order (by
// township in pinyin order), after the row for all of them.
func townRows(c *common, rows []checklist.SchoolOverview, year int) []townRow {
	out := []townRow{{all: true}}
	at := map[string]int{}
	for k := range rows {
		r := &rows[k]
		t := r.School.Township
		i, ok := at[t]
		if !ok {
			i = len(out)
			at[t] = i
			out = append(out, townRow{name: t})
		}
		out[i].total++
		if visited(r, year) {
			out[i].visited++
		}
	}
	return out
}

func (v *townsView) keyMap() help.KeyMap {
	return oneColumn(v.keys.Up, v.keys.Down, v.keys.Open, v.keys.Back)
}

// view draws the progress by township in w cells.
func (v *townsView) view(w int) []string {
	out := []string{v.c.styles.Bold.Render(termtext.Clip(v.c.pick("各乡镇本年检查进度（enter 看该乡镇的学校）", "This year's progress by township (enter: its schools)"), w))}
	return append(out, v.list.view(w)...)
}

// openTowns shows the progress by township, the cursor on the township
// chosen.
func (s *schoolsScreen) openTowns() {
	s.towns = newTownsView(s.c)
	s.towns.setHeight(s.h - 5)
	s.towns.setRows(townRows(s.c, s.rows, s.year))
	if s.township != nil {
		s.towns.selectID(fmt.Sprint(false, *s.township))
	}
}

// townsInput handles a key on the progress by township.
func (s *schoolsScreen) townsInput(msg tea.Msg) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return
	}
	if _, ok := s.towns.listKey(k); ok {
		return
	}
	switch {
	case key.Matches(k, s.towns.keys.Open):
		if r, ok := s.towns.selected(); ok {
			s.township = nil
			if !r.all {
				name := r.name
				s.township = &name
			}
			s.towns = nil
			s.top()
			s.refresh()
		}
	case key.Matches(k, s.towns.keys.Back):
		s.towns = nil
	}
}
