package tui

import (
	"errors"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"branchcheck/checklist"
)

// The ratings screen's year end: where the year stands (初评, 公示, 确定)
// and the keys that move it on, the charts (the star distribution by
// township and the movement since last year, in block characters), and
// last year's stars with the move as columns where the width allows.

// chartsMsg carries a year's star distribution and its movements since
// last year: the charts, and the columns of last year's stars.
type chartsMsg struct {
	year   int
	dist   checklist.StarDistribution
	moves  map[string]checklist.Movement
	counts checklist.MoveCounts
}

// stageFormMsg opens the form of a change of stage, with the
// inspector's name to put in it.
type stageFormMsg struct {
	year      int
	to        checklist.Stage
	withdraw  bool
	inspector string
}

// stageSavedMsg: the year's stage changed (said in done), or err says
// why not.
type stageSavedMsg struct {
	year  int
	stage *checklist.YearStage
	done  string
	err   error
}

// ratingsYear is the ratings screen's year-end state.
type ratingsYear struct {
	// stage is the year's, read with the table.
	stage *checklist.YearStage
	// loaded: the charts' data is read (asked once the charts are shown
	// or the window is wide enough for its columns).
	loaded, asked bool
	dist          checklist.StarDistribution
	moves         map[string]checklist.Movement
	counts        checklist.MoveCounts
	// charts: the charts are shown instead of the table; chartTop is
	// the first row shown of them.
	charts   bool
	chartTop int
	// form is the open stage form, stageFor what it does.
	form     *form
	stageFor checklist.Stage
	withdraw bool
	// failed: status is a refusal.
	failed bool
}

// readCharts reads the year's distribution and movements: the schools
// lists of the year and the year before (Store.YearMovements), not the
// visits.
func readCharts(st Store, year int) tea.Cmd {
	return func() tea.Msg {
		dist, err := st.StarDistribution(year)
		if err != nil {
			return errMsg{err}
		}
		ms, counts, err := st.YearMovements(year)
		if err != nil {
			return errMsg{err}
		}
		moves := make(map[string]checklist.Movement, len(ms))
		for _, m := range ms {
			moves[m.SchoolID] = m
		}
		return chartsMsg{year: year, dist: dist, moves: moves, counts: counts}
	}
}

// wantCharts asks for the charts' data when they are shown or the
// window has room for their columns, once per read of the year.
func (r *ratingsScreen) wantCharts() tea.Cmd {
	if r.ye.asked || !(r.ye.charts || r.w >= 100) {
		return nil
	}
	r.ye.asked = true
	return readCharts(r.c.store, r.year)
}

// askStage reads the inspector's name, then opens the stage's form.
func (r *ratingsScreen) askStage(to checklist.Stage, withdraw bool) tea.Cmd {
	st, year := r.c.store, r.year
	return func() tea.Msg {
		name, err := st.Setting(settingInspector)
		if err != nil {
			return errMsg{err}
		}
		return stageFormMsg{year: year, to: to, withdraw: withdraw, inspector: name}
	}
}

// yearUpdate takes the year-end messages and keys; ok is false for what
// it does not handle.
func (r *ratingsScreen) yearUpdate(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case chartsMsg:
		if msg.year == r.year {
			r.ye.loaded, r.ye.dist, r.ye.moves, r.ye.counts = true, msg.dist, msg.moves, msg.counts
			r.setColumns()
			r.refresh()
		}
		return nil, true
	case stageFormMsg:
		if msg.year == r.year && r.ye.stage != nil {
			return r.openStage(msg.to, msg.withdraw, msg.inspector), true
		}
		return nil, true
	case stageSavedMsg:
		if msg.year != r.year {
			return nil, true
		}
		if msg.err != nil {
			r.status, r.ye.failed = r.c.say(msg.err), true
			return nil, true
		}
		r.status, r.ye.failed = msg.done, false
		r.ye.stage = msg.stage
		r.syncYearKeys()
		return nil, true
	case tea.KeyPressMsg, tea.PasteMsg:
		if r.ye.form != nil {
			return r.stageInput(msg), true
		}
		k, ok := msg.(tea.KeyPressMsg)
		if !ok || r.filter.active || r.choosing {
			return nil, false
		}
		return r.yearKey(k)
	}
	return nil, false
}

// syncYearKeys offers the stage's keys where they apply: 公示 from 初评
// or during one (new dates), 确定 during a 公示, 撤回 from either; none on
// a database that may not be written.
func (r *ratingsScreen) syncYearKeys() {
	st := r.ye.stage
	w := r.c.writable() && st != nil
	r.keys.Publish.SetEnabled(w && st.Stage != checklist.StageConfirmed)
	r.keys.Confirm.SetEnabled(w && st.Stage == checklist.StagePublicity)
	r.keys.Withdraw.SetEnabled(w && st.Stage != checklist.StageInitial)
	r.keys.Charts.SetEnabled(st != nil)
}

// yearKey handles the stage's keys and the charts'.
func (r *ratingsScreen) yearKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	switch {
	case key.Matches(k, r.keys.Charts):
		r.ye.charts, r.ye.chartTop = !r.ye.charts, 0
		return r.wantCharts(), true
	case r.ye.charts && key.Matches(k, r.keys.Up):
		r.ye.chartTop = max(r.ye.chartTop-1, 0)
		return nil, true
	case r.ye.charts && key.Matches(k, r.keys.Down):
		r.ye.chartTop++
		return nil, true
	case key.Matches(k, r.keys.Publish):
		return r.askStage(checklist.StagePublicity, false), true
	case key.Matches(k, r.keys.Confirm):
		return r.askStage(checklist.StageConfirmed, false), true
	case key.Matches(k, r.keys.Withdraw):
		return r.askStage(checklist.StageInitial, true), true
	}
	return nil, false
}

// openStage opens the form of a change of stage.
func (r *ratingsScreen) openStage(to checklist.Stage, withdraw bool, inspector string) tea.Cmd {
	c := r.c
	r.status = ""
	by := newField(c, c.pick("经办人", "By"), inspector, c.pick("您的姓名", "your name"), true, 30)
	var f *form
	var cmd tea.Cmd
	switch {
	case withdraw:
		f, cmd = newForm(c, c.sprintf("撤回 %d 年度的%s", "Withdraw the %d %s", r.year, c.lang.Pick(r.ye.stage.Stage.Words().ZH, r.ye.stage.Stage.Words().EN)),
			c.pick("撤回后回到初评，可以再修改、再公示；原因记入这一年的审计记录。", "Back to preliminary: it can be changed and published again; the reason goes to the year's audit trail."),
			newField(c, c.pick("原因", "Reason"), "", c.pick("如 复核后重新评定", "e.g. rated again on review"), true, 200), by)
	case to == checklist.StagePublicity:
		from, until := c.today(), checklist.DateOf(c.now().AddDate(0, 0, checklist.UsualPublicityMaxDays-1))
		if r.ye.stage.Stage == checklist.StagePublicity {
			from, until = r.ye.stage.PublicFrom, r.ye.stage.PublicTo
		}
		f, cmd = newForm(c, c.sprintf("公示 %d 年度星级评定", "Publish the %d rating", r.year),
			c.pick("公示通常 5 至 7 天（含首尾两天）；公示结束后才能确定。", "A public notice usually lasts 5 to 7 days (both counted); confirm after it ends."),
			newField(c, c.pick("公示开始", "From"), from.String(), "", true, 16),
			newField(c, c.pick("公示结束", "To"), until.String(), "", true, 16), by)
	default:
		f, cmd = newForm(c, c.sprintf("确定 %d 年度星级评定", "Confirm the %d rating", r.year),
			c.pick("确定后各校星级即为命名结果，这一年的记录随即锁定：之后的每处修改都要说明原因。", "The stars are then named and the year is locked: every change after needs a reason."),
			newField(c, c.pick("确定日期", "On"), c.today().String(), "", true, 16), by)
	}
	r.ye.stageFor, r.ye.withdraw = to, withdraw
	return openForm(&r.ye.form, f, cmd, r.w)
}

// stageInput passes a key to the stage's form; a sent one is checked
// (dates as people write them, names and reasons as text that comes in)
// and saved.
func (r *ratingsScreen) stageInput(msg tea.Msg) tea.Cmd {
	f, cmd := updateForm(&r.ye.form, msg)
	if f == nil {
		return cmd
	}
	c := r.c
	last := len(f.fields) - 1
	by := f.value(last)
	if err := checklist.CheckLine(checklist.TextInspector, by, checklist.MaxLine); err != nil {
		r.ye.form = f
		return f.setError(last, c.say(err))
	}
	date := func(i int) (checklist.Date, bool) {
		d, err := checklist.ReadDate(f.value(i))
		if err != nil {
			r.ye.form = f
			cmd = f.setError(i, c.say(err))
			return d, false
		}
		return d, true
	}
	st, year, l := c.store, r.year, c.lang
	switch {
	case r.ye.withdraw:
		reason := f.value(0)
		if err := checklist.CheckNote(checklist.TextReason, reason, checklist.MaxNote); err != nil {
			r.ye.form = f
			return f.setError(0, c.say(err))
		}
		return func() tea.Msg {
			s, err := st.WithdrawYear(year, reason, by)
			return stageSavedMsg{year: year, stage: s, err: err, done: l.Sprintf("已撤回，%d 年度回到初评", "Withdrawn: %d is preliminary again", year)}
		}
	case r.ye.stageFor == checklist.StagePublicity:
		from, ok := date(0)
		if !ok {
			return cmd
		}
		to, ok := date(1)
		if !ok {
			return cmd
		}
		return func() tea.Msg {
			s, err := st.PublishYear(year, from, to, by)
			done := l.Sprintf("已公示：%s 至 %s", "Published: %s to %s", from, to)
			if s != nil {
				if n := s.PublicityNote(); n != nil {
					done += l.Pick("。", ". ") + lineOf(l.Error(n))
				}
			}
			return stageSavedMsg{year: year, stage: s, err: err, done: done}
		}
	default:
		on, ok := date(0)
		if !ok {
			return cmd
		}
		return func() tea.Msg {
			s, err := st.ConfirmYear(year, on, by)
			return stageSavedMsg{year: year, stage: s, err: err, done: l.Sprintf("已确定 %d 年度星级评定，结果已锁定", "Confirmed the %d rating; it is locked", year)}
		}
	}
}

// stageView is the stage's line under the title.
func (r *ratingsScreen) stageView(w int) string {
	st := r.c.styles
	if r.ye.stage == nil {
		return ""
	}
	paint := st.Dim
	if r.ye.stage.Locked() {
		paint = st.Warn
	}
	return paint.Render(r.c.clip(r.c.pick("阶段：", "Stage: ")+r.c.stageLine(r.ye.stage), w))
}

// yearKeyMap adds the stage's and the charts' keys to the ratings'.
func (r *ratingsScreen) yearKeyMap() help.KeyMap {
	if r.ye.form != nil {
		return r.ye.form.keyMap()
	}
	return nil
}

// Charts.

// lockedErr reports whether err is the refusal of a confirmed year.
func lockedErr(err error) bool { return errors.Is(err, checklist.ErrReasonRequired) }
