package tui

import (
	"maps"
	"slices"

	tea "charm.land/bubbletea/v2"

	"branchcheck/checklist"
)

// The lines of the year's schools list, which the schools screen and the
// ratings screen both show: read whole once, then only the lines of the
// schools that changed while the screen was covered.

// staleLines are the schools whose line of a list changed since the list
// read it.
type staleLines map[string]bool

// note marks the school a message says changed: a visit saved (an
// answer, a note, finalizing, reopening), started or deleted.
func (s staleLines) note(msg tea.Msg) {
	switch msg := msg.(type) {
	case answerSavedMsg:
		s[msg.visit.SchoolID] = true
	case visitCreatedMsg:
		if msg.err == nil {
			s[msg.schoolID] = true
		}
	case draftDeletedMsg:
		s[msg.schoolID] = true
	case draftRedatedMsg:
		s[msg.schoolID] = true
	case schoolEditedMsg:
		s[msg.school.ID] = true
	}
}

// reload reads the stale schools' lines of a year again, and forgets
// them; nil if there are none.
func (s staleLines) reload(st Store, year int) tea.Cmd {
	if len(s) == 0 {
		return nil
	}
	ids := slices.Sorted(maps.Keys(s))
	clear(s)
	return func() tea.Msg {
		lines := make([]checklist.SchoolOverview, 0, len(ids))
		for _, id := range ids {
			o, err := st.SchoolOverview(year, id)
			if err != nil {
				return errMsg{err}
			}
			lines = append(lines, o)
		}
		return schoolLinesMsg{year: year, lines: lines}
	}
}

// putLines puts lines read again in the place of the old ones, and a new
// school's in its place in the order; the caller then shows the rows
// again (list.refresh).
func putLines[T any](l *list[T], lines []T, sort func([]T)) {
	added := false
	for _, line := range lines {
		id := l.id(line)
		i := slices.IndexFunc(l.rows, func(r T) bool { return l.id(r) == id })
		if i < 0 {
			l.rows = append(l.rows, line)
			added = true
			continue
		}
		l.rows[i] = line
	}
	if added {
		sort(l.rows)
	}
}

// visited reports whether a school has a visit, draft or finalized, dated
// in the year: its last visit is (no visit is dated after today).
func visited(o *checklist.SchoolOverview, year int) bool { return o.LastVisit.Year == year }
