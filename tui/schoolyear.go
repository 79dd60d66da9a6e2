package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"branchcheck/checklist"
	"branchcheck/termtext"
)

// The school screen's year end: its self-assessment (s) and veto
// situations (v) for the year of its latest visit, its score across its
// visits as a row of bars, and a new visit in a confirmed year, which
// asks the lock's reason once.

// yearOf is the year the school's year end is about: its latest
// visit's, else this year.
func (s *schoolScreen) yearOf() int {
	if len(s.visits.rows) > 0 {
		return s.visits.rows[0].Visit.Date.Year
	}
	return s.c.today().Year
}

// hasVetoSituations reports whether a standard of the school's visits
// lists veto situations: only then is v offered.
func (s *schoolScreen) hasVetoSituations() bool {
	for _, v := range s.visits.rows {
		if len(v.Standard.VetoSituations) > 0 {
			return true
		}
	}
	return false
}

// yearKey opens the self-assessment or the veto situations.
func (s *schoolScreen) yearKey(k tea.KeyPressMsg) (navMsg, bool) {
	switch {
	case !s.loaded:
	case key.Matches(k, s.keys.SelfCheck):
		return open(newSelfScreen(s.c, s.school, s.yearOf())), true
	case key.Matches(k, s.keys.Vetoes):
		return open(newVetoScreen(s.c, s.school, s.yearOf())), true
	}
	return nil, false
}

// syncYearKeys offers v where the standard lists veto situations.
func (s *schoolScreen) syncYearKeys() {
	s.keys.Vetoes.SetEnabled(s.hasVetoSituations())
}

// sparks are the glyphs of a bar's height, lowest first: block
// characters, or ASCII where the terminal draws them two cells wide.
func (c *common) sparks() []string {
	if c.wide {
		return []string{"_", ".", "-", "=", "+", "*", "#", "@"}
	}
	return []string{"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"}
}

// scoreRow is the school's score across its finalized visits, oldest
// first, as a row of bars (the latest at the right end) with the first
// and the last points: 得分走势 ▃▅▇█ 72.5 → 91. "" with none.
func (s *schoolScreen) scoreRow(w int) string {
	pts := checklist.ScoreSeries(s.visits.rows, false)
	if len(pts) == 0 {
		return ""
	}
	l := s.c.lang
	head := l.Pick("得分走势 ", "Scores ")
	tail := "  " + checklist.FormatPoints(pts[0].Total)
	if len(pts) > 1 {
		tail += " → " + checklist.FormatPoints(pts[len(pts)-1].Total)
	}
	room := max(w-s.c.width(head)-s.c.width(tail), 1)
	if s.c.wide {
		room /= 2 // each glyph two cells wide, were it drawn so
	}
	if len(pts) > room {
		pts = pts[len(pts)-room:]
	}
	g := s.c.sparks()
	var b strings.Builder
	for _, p := range pts {
		i := int(p.Total / 100 * float64(len(g)))
		b.WriteString(g[min(max(i, 0), len(g)-1)])
	}
	return s.c.clip(head+b.String()+tail, w)
}

// newVisitLocked: the new visit was refused because its year is
// confirmed; the reason is asked once, then the visit is made with it.
func (s *schoolScreen) newVisitLocked(msg visitCreatedMsg) (tea.Cmd, bool) {
	if !lockedErr(msg.err) || s.c.amend == nil || s.asked == nil {
		return nil, false
	}
	c, p := s.c, *s.asked
	g := lockGate{c: c}
	g.setStage(p.date.Year, &checklist.YearStage{Year: p.date.Year, Stage: checklist.StageConfirmed})
	f, cmd := newForm(c, c.sprintf("在 %d 年度新建检查", "A new visit in %d", p.date.Year),
		termtext.Line(termtext.OneLine(c.lang.Error(msg.err)))+"\n"+c.pick("原因只问一次：本次打开程序期间，这一年的改动都记入审计记录并附上它。",
			"Asked once: while the program is open, every change of that year goes to the audit trail with it."),
		newField(c, c.pick("原因", "Reason"), "", c.pick("如 补录复查", "e.g. a recheck entered late"), true, 200))
	s.formFor = formLockReason
	return openForm(&s.form, f, cmd, s.w), true
}

// pendingVisit is a new visit asked for: who and on what day.
type pendingVisit struct {
	name string
	date checklist.Date
}

// lockInput takes the reason for a new visit in a confirmed year and
// makes the visit with it.
func (s *schoolScreen) lockInput(msg tea.Msg) tea.Cmd {
	f, cmd := updateForm(&s.form, msg)
	if f == nil || s.asked == nil {
		return cmd
	}
	if err := checklist.CheckNote(checklist.TextReason, f.value(0), checklist.MaxNote); err != nil {
		s.form = f
		return f.setError(0, s.c.say(err))
	}
	p := *s.asked
	s.c.reasons[p.date.Year] = f.value(0)
	return tea.Batch(cmd, s.create(p.name, p.date, false))
}

// create makes the new visit (remembering the inspector's name the first
// time), in a confirmed year with the reason given for it.
func (s *schoolScreen) create(name string, date checklist.Date, newName bool) tea.Cmd {
	st, wr, id := s.c.store, s.c.writer(date.Year), s.id
	s.starting = true
	s.asked = &pendingVisit{name: name, date: date}
	return func() tea.Msg {
		if newName {
			if err := rememberInspector(st, name); err != nil {
				return visitCreatedMsg{schoolID: id, err: err}
			}
		}
		v, err := wr.CreateInspection(id, name, date)
		return visitCreatedMsg{schoolID: id, visit: v, err: err}
	}
}
