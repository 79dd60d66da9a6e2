package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"branchcheck/checklist"
)

// The year end in the interface (issue 15): the numbers of deduction and
// bonus items in the walk, a branch's self-assessment (支部自评), the veto
// situations recorded for a school (一票否决情形), the year's stages (初评,
// 公示, 确定) and the lock after 确定, and the charts of the ratings.

// YearStore is the part of the Store the year end uses. *store.Store
// implements it.
type YearStore interface {
	// SetValue records the number entered for a deduction or bonus item.
	SetValue(inspectionID, itemID string, value float64, by string) (*checklist.Inspection, error)
	SelfAssessment(schoolID string, year int) (*checklist.SelfAssessment, *checklist.Standard, error)
	SetSelfVerdict(schoolID string, year int, itemID string, v checklist.Verdict, src checklist.EntrySource, by string) (*checklist.SelfAssessment, error)
	SetSelfValue(schoolID string, year int, itemID string, value float64, src checklist.EntrySource, by string) (*checklist.SelfAssessment, error)
	SchoolVetoes(schoolID string, year int) ([]checklist.VetoRecord, error)
	RecordVeto(schoolID string, year int, situationID, reason, by string) (*checklist.VetoRecord, error)
	LiftVeto(id, reason, by string) (*checklist.VetoRecord, error)
	YearStage(year int) (*checklist.YearStage, error)
	PublishYear(year int, from, to checklist.Date, by string) (*checklist.YearStage, error)
	ConfirmYear(year int, on checklist.Date, by string) (*checklist.YearStage, error)
	WithdrawYear(year int, reason, by string) (*checklist.YearStage, error)
	StarDistribution(year int) (checklist.StarDistribution, error)
	YearMovements(year int) ([]checklist.Movement, checklist.MoveCounts, error)
}

// Amender makes the writes a confirmed year's records need with a
// reason: store.Amendment (Store.Amending(reason)) implements it, and so
// does the Store itself (its writes give no reason).
type Amender interface {
	CreateInspection(schoolID, inspector string, date checklist.Date) (*checklist.Inspection, error)
	SetVerdict(inspectionID, itemID string, v checklist.Verdict, by string) (*checklist.Inspection, error)
	SetValue(inspectionID, itemID string, value float64, by string) (*checklist.Inspection, error)
	SetNote(inspectionID, itemID, note, by string) (*checklist.Inspection, error)
	Finalize(inspectionID, by string) (*checklist.Inspection, error)
	SetSelfVerdict(schoolID string, year int, itemID string, v checklist.Verdict, src checklist.EntrySource, by string) (*checklist.SelfAssessment, error)
	SetSelfValue(schoolID string, year int, itemID string, value float64, src checklist.EntrySource, by string) (*checklist.SelfAssessment, error)
}

// AmendFunc gives the Store's writes made with a reason: what the program
// wires in as func(r string) tui.Amender { return s.Amending(r) }.
type AmendFunc func(reason string) Amender

// writer is what writes a record of year: with the reason given for the
// year in this session when it is locked, else the Store itself.
func (c *common) writer(year int) Amender {
	if r := c.reasons[year]; r != "" && c.amend != nil {
		return c.amend(r)
	}
	return c.store
}

// lockGate asks, once per year and session, why a record of a confirmed
// (locked) year is changed: the first key that writes opens its form, and
// the key is handed back once the reason is given. The reason is then
// kept for the year (common.reasons) and every write of it goes through
// the Store's Amending.
type lockGate struct {
	c     *common
	year  int
	stage *checklist.YearStage
	form  *form
	// held is the key that asked, handed back once the reason is given.
	held tea.KeyPressMsg
}

// setStage takes what the store said of the year's stage.
func (g *lockGate) setStage(year int, st *checklist.YearStage) { g.year, g.stage = year, st }

// locked reports whether the year's records are locked.
func (g *lockGate) locked() bool { return g.stage != nil && g.stage.Locked() }

// needs reports whether a write must first ask for the reason.
func (g *lockGate) needs() bool {
	return g.locked() && g.c.reasons[g.year] == "" && g.c.amend != nil && g.c.writable()
}

// isOpen reports whether the form is open.
func (g *lockGate) isOpen() bool { return g.form != nil }

// ask opens the form for the key k, w cells wide.
func (g *lockGate) ask(k tea.KeyPressMsg, w int) tea.Cmd {
	g.held = k
	return g.askFor(g.year, g.stage.CheckChange(g.year, ""), w)
}

// askFor opens the form for a year, w cells wide, under why, the store's
// refusal of a change without a reason (the files screen has it from a
// refused import, not the year's stage).
func (g *lockGate) askFor(year int, why error, w int) tea.Cmd {
	c := g.c
	g.year = year
	hint := c.lang.Error(why) + "\n" +
		c.pick("原因只问一次：本次打开程序期间，这一年的改动都记入审计记录并附上它。",
			"Asked once: while the program is open, every change of that year goes to the audit trail with it.")
	f, cmd := newForm(c, c.sprintf("修改 %d 年度的记录", "Change a record of %d", year), hint,
		newField(c, c.pick("原因", "Reason"), "", c.pick("如 复核更正", "e.g. corrected on review"), true, 200))
	return openForm(&g.form, f, cmd, w)
}

// update passes a key or a paste to the form. Once a reason that can be
// saved is sent, it is kept for the year and the held key comes back
// (ok); a cancelled form drops the key.
func (g *lockGate) update(msg tea.Msg) (k tea.KeyPressMsg, ok bool, cmd tea.Cmd) {
	f, cmd := updateForm(&g.form, msg)
	if f == nil {
		return tea.KeyPressMsg{}, false, cmd
	}
	if err := checklist.CheckNote(checklist.TextReason, f.value(0), checklist.MaxNote); err != nil {
		g.form = f
		return tea.KeyPressMsg{}, false, f.setError(0, g.c.say(err))
	}
	g.c.reasons[g.year] = f.value(0)
	return g.held, true, cmd
}

// gate is the gate's answer to a key k: true when the key was held to
// ask for the reason first (writes lists the keys that write).
func (g *lockGate) gate(k tea.KeyPressMsg, w int, writes ...key.Binding) (tea.Cmd, bool) {
	if !g.needs() || !key.Matches(k, writes...) {
		return nil, false
	}
	return g.ask(k, w), true
}

// stageLine says where a year's rating stands, in a line: 初评, 公示
// 2028-01-05 至 2028-01-11, 已于 2028-01-15 确定（结果已锁定）.
func (c *common) stageLine(st *checklist.YearStage) string {
	l := c.lang
	switch st.Stage {
	case checklist.StagePublicity:
		return l.Sprintf("公示中：%s 至 %s（%d 天）", "Public notice: %s to %s (%s)",
			st.PublicFrom, st.PublicTo, days(checklist.PublicityDays(st.PublicFrom, st.PublicTo)))
	case checklist.StageConfirmed:
		return l.Sprintf("已于 %s 确定（%s），结果已锁定", "Confirmed on %s (%s); locked",
			st.ConfirmedOn, lineOf(st.ConfirmedBy))
	}
	return l.Pick("初评（尚未公示）", "Preliminary (not yet published)")
}
