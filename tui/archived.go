package tui

import (
	"slices"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"branchcheck/checklist"
	"branchcheck/termtext"
)

// archivedScreen lists the archived schools (A on the schools list): a
// school that closed leaves the schools list and keeps its visits; enter
// opens it, to see them or to bring it back (A on its screen).
type archivedScreen struct {
	list[checklist.School]
	c      *common
	keys   SchoolsKeys
	w, h   int
	loaded bool
}

// archivedLoadedMsg carries the archived schools.
type archivedLoadedMsg struct{ schools []checklist.School }

func newArchivedScreen(c *common) *archivedScreen {
	a := &archivedScreen{c: c, keys: c.keys.Schools}
	k := a.keys
	a.list = newList(c, listKeys{Up: k.Up, Down: k.Down, PageUp: k.PageUp, PageDown: k.PageDown},
		func(sc checklist.School) string { return sc.ID },
		func(sc checklist.School) []cell {
			return []cell{{text: termtext.ColumnSafe(sc.Name)}, {text: termtext.ColumnSafe(sc.Township)}, {text: sc.Archived.String()}}
		})
	l := c.lang
	a.columns = []column{
		{title: l.Pick("学校", "School"), flex: true, min: 8},
		{title: l.Pick("乡镇", "Township"), fit: []string{l.Pick("乡镇", "Township")}, min: 8, gap: 2},
		{title: l.Pick("归档日期", "Archived"), fit: []string{l.Pick("归档日期", "Archived"), "2006-01-02"}, gap: 2},
	}
	a.empty = l.Pick("没有归档的学校", "No archived school")
	return a
}

// Init reads the schools and keeps the archived ones: when the screen
// opens, and when a school's screen above it brought one back.
func (a *archivedScreen) Init() tea.Cmd {
	st := a.c.store
	return func() tea.Msg {
		all, err := st.Schools()
		if err != nil {
			return errMsg{err}
		}
		all = slices.DeleteFunc(all, func(sc checklist.School) bool { return !sc.IsArchived() })
		checklist.SortSchools(all)
		return archivedLoadedMsg{all}
	}
}

func (a *archivedScreen) ready() bool { return a.loaded }

func (a *archivedScreen) setSize(w, h int) {
	a.w, a.h = w, h
	// The title, a line of what archived means, a blank line, the list's
	// header and position.
	a.setHeight(max(h-5, 3))
}

func (a *archivedScreen) title() string { return a.c.pick("已归档的学校", "Archived schools") }

func (a *archivedScreen) keyMap() help.KeyMap {
	k := a.keys
	back := a.c.keys.School.Back
	return oneColumn(k.Up, k.Down, k.Open, back, k.Help)
}

// Update handles keys and the loaded list.
func (a *archivedScreen) Update(msg tea.Msg) (tea.Cmd, navMsg) {
	switch msg := msg.(type) {
	case archivedLoadedMsg:
		a.loaded = true
		a.setRows(msg.schools)
	case tea.KeyPressMsg:
		if cmd, ok := a.listKey(msg); ok {
			return cmd, nil
		}
		switch {
		case key.Matches(msg, a.keys.Open):
			if id := a.selectedID(); id != "" {
				return nil, open(newSchoolScreen(a.c, id))
			}
		case key.Matches(msg, a.c.keys.School.Back):
			return nil, goBackMsg{}
		}
	}
	return nil, nil
}

// View draws the archived schools.
func (a *archivedScreen) View(w, h int) []string {
	if !a.loaded {
		return a.c.loading(a.title())
	}
	st := a.c.styles
	var out lines
	out.add(st.Title.Render(a.c.clip(a.c.sprintf("%s  共 %d 所", "%s: %d", a.title(), len(a.rows)), w)))
	out.add(st.Dim.Render(a.c.clip(a.c.pick("检查记录和往年评定都保留；enter 打开，在学校里按 A 取消归档",
		"Visits and past ratings stay; enter opens, A there brings it back"), w)), "")
	out.add(a.list.view(w)...)
	return out
}
