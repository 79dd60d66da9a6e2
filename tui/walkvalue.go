package tui

import (
	"strconv"
	"strings"
	"time"
	"unicode"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"branchcheck/checklist"
	"branchcheck/termtext"
)

// The walk's year-end parts: the number a deduction or bonus item asks
// for (a small form in the right column), the branch's own answer (自评)
// beside each item, and the lock of a confirmed year (a reason asked
// once, lockGate).

// walkYear is what the walk reads of the visit's year with the visit:
// the year's stage (for the lock) and the school's self-assessment.
type walkYear struct {
	stage   *checklist.YearStage
	self    *checklist.SelfAssessment
	selfStd *checklist.Standard
}

// readWalk reads a visit to walk, its year's stage and the school's
// self-assessment for that year.
func readWalk(st Store, id string) tea.Msg {
	wv, err := st.WalkVisit(id)
	if err != nil {
		return errMsg{err}
	}
	var y walkYear
	year := wv.Visit.Date.Year
	if y.stage, err = st.YearStage(year); err != nil {
		return errMsg{err}
	}
	if y.self, y.selfStd, err = st.SelfAssessment(wv.School.ID, year); err != nil {
		return errMsg{err}
	}
	return visitLoadedMsg{wv: wv, year: y}
}

// loadYear takes the year read with the visit.
func (w *walkScreen) loadYear(y walkYear) {
	w.year = y
	w.pane.self = y.self
	w.gate = lockGate{c: w.c}
	if y.stage != nil {
		w.gate.setStage(w.saved.Date.Year, y.stage)
	}
	w.changes.year = w.saved.Date.Year
}

// value is a change of a deduction or bonus item's number.
func (vc visitChanges) value(item string, x float64) change {
	st, id, by := vc.c.writer(vc.year), vc.id, vc.by
	return vc.ofItem(checklist.FieldVerdict, item,
		func(in *checklist.Inspection, at time.Time) error {
			_, _, err := in.SetValue(vc.std, item, x, by, at)
			return err
		},
		func() (*checklist.Inspection, error) { return st.SetValue(id, item, x, by) })
}

// valueKey handles a key on a deduction or bonus item: a verdict key the
// item takes without a number (不适用; 符合 and 不得分 on a deduction item)
// saves it; any other verdict key, enter or a digit opens the number's
// form (a digit typed into it). ok is false for other keys.
func (w *walkScreen) valueKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	it := w.item()
	if !it.Scored || !it.TakesValue() {
		return nil, false
	}
	for _, vb := range w.verdictKeys() {
		if key.Matches(k, vb.b) {
			if _, _, err := it.VerdictEntry(vb.v); err == nil {
				cmd := w.enqueue(w.changes.verdict(it.ID, vb.v))
				w.moveOn(it.ID)
				return cmd, true
			}
			return w.openValue(""), true
		}
	}
	if k.String() == "enter" {
		return w.openValue(""), true
	}
	if r := []rune(k.Text); len(r) == 1 && (unicode.IsDigit(r[0]) || r[0] == '.') {
		return w.openValue(k.Text), true
	}
	return nil, false
}

// openValue opens the form that asks the current item's number, with
// what is typed so far (or the number recorded).
func (w *walkScreen) openValue(typed string) tea.Cmd {
	c := w.c
	it := w.item()
	if typed == "" {
		if a := w.answers[it.ID]; a.Verdict != checklist.Unanswered {
			typed = checklist.EntryText(a)
			if _, err := strconv.ParseFloat(typed, 64); err != nil {
				typed = c.lang.Verdict(a.Verdict)
				if a.Verdict == checklist.NotMet {
					typed = c.pick("不得分", "no points")
				}
			}
		}
	}
	hint := it.ID + " " + termtext.Line(c.lang.Text(it)) + "\n" + c.lang.Pick(it.RuleText().ZH, it.RuleText().EN) + "\n" +
		c.pick("填数字；也可填“不适用”", "A number; or n/a")
	if it.Deduction != nil {
		hint += c.pick("或“不得分”", " or no points")
	}
	f, cmd := newForm(c, c.lang.Pick(it.Asks().ZH, it.Asks().EN), hint,
		newField(c, c.pick("数目", "Number"), typed, "", true, 12))
	w.mode = askingValue
	_, rw := w.columns()
	return openForm(&w.valueForm, f, cmd, rw)
}

// valueInput passes a key to the number's form: a number (or 不适用,
// 不得分) checked where it enters (checklist.ParseEntry: the item's own
// bound, whole counts, two decimals) is saved, and the walk moves on.
func (w *walkScreen) valueInput(msg tea.Msg) tea.Cmd {
	f, cmd := updateForm(&w.valueForm, msg)
	if w.valueForm == nil && f == nil {
		w.mode = browsing
		return cmd
	}
	if f == nil {
		return cmd
	}
	it := w.item()
	v, x, err := checklist.ParseEntry(it, englishEntry(f.value(0)))
	if err == nil && v == checklist.Unanswered {
		err = checklist.Errorf(checklist.ErrInvalid, it.Asks())
	}
	if err != nil {
		w.valueForm = f
		return f.setError(0, w.c.say(err))
	}
	w.mode = browsing
	var ch change
	if s := strings.TrimSpace(f.value(0)); isNumber(s) {
		ch = w.changes.value(it.ID, x)
	} else {
		ch = w.changes.verdict(it.ID, v)
	}
	cmd = tea.Batch(cmd, w.enqueue(ch))
	w.moveOn(it.ID)
	return cmd
}

// englishEntry reads "no points" as 不得分, which ParseEntry knows.
func englishEntry(s string) string {
	if strings.EqualFold(strings.TrimSpace(s), "no points") {
		return "不得分"
	}
	return s
}

// isNumber reports whether s is a number (half- or full-width digits).
func isNumber(s string) bool {
	s = strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return r - '０' + '0'
		}
		if r == '．' {
			return '.'
		}
		return r
	}, s)
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

// entryWords says what was entered for an item: the verdict, or for a
// deduction or bonus item the number in words (缺 2 次, 扣 3 分, 2 次,
// 加 1.5 分), 不适用 or 不得分.
func (c *common) entryWords(it *checklist.Item, v checklist.Verdict, x float64) string {
	l := c.lang
	switch {
	case !it.TakesValue(), v == checklist.Unanswered, v == checklist.NotApplicable:
		return l.Verdict(v)
	case it.Deduction != nil && v == checklist.NotMet && x == 0:
		return c.pick("不得分", "no points")
	}
	return l.ValueWords(it, x)
}

// itemPoints says what a deduction or bonus item earns for what was
// entered (本项得 6 分（满分 10 分）, 加 2 分（封顶 2 分）); "" for a verdict
// item or one not answered.
func (c *common) itemPoints(it *checklist.Item, v checklist.Verdict, x float64) string {
	if !it.TakesValue() || v == checklist.Unanswered || v == checklist.NotApplicable {
		return ""
	}
	p := it.ValuePoints(x)
	if it.Deduction != nil && v == checklist.NotMet && x == 0 {
		p = 0
	}
	if it.Bonus != nil {
		return c.sprintf("加 %s 分（封顶 %s 分）", "adds %s (at most %s)", checklist.FormatPoints(p), checklist.FormatPoints(it.Bonus.Cap))
	}
	return c.sprintf("本项得 %s 分（满分 %s 分）", "earns %s of %s", checklist.FormatPoints(p), checklist.FormatPoints(it.Points))
}

// valueLines are a deduction or bonus item's rule and what its entry
// earns, under its answer in the item pane.
func (p *itemPane) valueLines(it *checklist.Item, a checklist.Answer, rw int) []string {
	if !it.TakesValue() {
		return nil
	}
	st := p.c.styles
	var out []string
	for _, row := range termtext.Wrap(p.c.lang.Pick(it.RuleText().ZH, it.RuleText().EN), rw) {
		out = append(out, st.Dim.Render(row))
	}
	if s := p.c.itemPoints(it, a.Verdict, a.Value); s != "" {
		out = append(out, st.Bold.Render(termtext.Clip(s, rw)))
	}
	if a.Verdict == checklist.Unanswered {
		out = append(out, st.Dim.Render(termtext.Clip(p.c.sprintf("按 enter 或数字键填写：%s", "enter or a digit: %s",
			p.c.lang.Pick(it.Asks().ZH, it.Asks().EN)), rw)))
	}
	return out
}

// selfLine is the branch's own answer on the item (自评), when the school
// has a self-assessment for the year.
func (p *itemPane) selfLine(d *walkDoc, it *checklist.Item, self *checklist.SelfAssessment, rw int) []string {
	if self == nil {
		return nil
	}
	a, ok := self.Answers[it.ID]
	st := p.c.styles
	if !ok || a.Verdict == checklist.Unanswered {
		return []string{st.Dim.Render(termtext.Clip(p.c.pick("自评：未填", "Self-assessment: not given"), rw))}
	}
	s := p.c.pick("自评：", "Self-assessment: ") + p.c.entryWords(it, a.Verdict, a.Value)
	if pts := p.c.itemPoints(it, a.Verdict, a.Value); pts != "" {
		s += p.c.pick("，", ", ") + pts
	}
	out := termtext.IndentWrap("", s, rw)
	if a.Note != "" {
		out = append(out, termtext.IndentWrap(p.c.pick("  自评说明：", "  Remark: "), p.c.show(termtext.Block(a.Note)), rw)...)
	}
	return out
}

// verdictBinding is a verdict key and its verdict.
type verdictBinding struct {
	b key.Binding
	v checklist.Verdict
}

// verdictKeys are the walk's verdict keys.
func (w *walkScreen) verdictKeys() []verdictBinding {
	return []verdictBinding{{w.keys.Met, checklist.Met}, {w.keys.PartlyMet, checklist.PartlyMet},
		{w.keys.NotMet, checklist.NotMet}, {w.keys.NotApplicable, checklist.NotApplicable}}
}

// writeKeys are the walk's keys that write, which a confirmed year's
// lock asks a reason for first.
func (w *walkScreen) writeKeys() []key.Binding {
	k := w.keys
	return []key.Binding{k.Met, k.PartlyMet, k.NotMet, k.NotApplicable, k.Clear, k.Undo, k.Note, k.Finalize}
}

// gateKey holds a key that writes to a confirmed year until the reason
// is given (the enter or digit of a number item too).
func (w *walkScreen) gateKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	if w.readOnly() || !w.gate.needs() {
		return nil, false
	}
	_, rw := w.columns()
	it := w.item()
	if it.Scored && it.TakesValue() {
		if r := []rune(k.Text); k.String() == "enter" || (len(r) == 1 && (unicode.IsDigit(r[0]) || r[0] == '.')) {
			w.mode = askingLock
			return w.gate.ask(k, rw), true
		}
	}
	cmd, held := w.gate.gate(k, rw, w.writeKeys()...)
	if held {
		w.mode = askingLock
	}
	return cmd, held
}

// lockInput passes a key to the lock's form; the key held comes back
// once the reason is given.
func (w *walkScreen) lockInput(msg tea.Msg) (tea.Cmd, navMsg) {
	k, ok, cmd := w.gate.update(msg)
	if !w.gate.isOpen() {
		w.mode = browsing
	}
	if !ok {
		return cmd, nil
	}
	c2, move := w.browse(k)
	return tea.Batch(cmd, c2), move
}
