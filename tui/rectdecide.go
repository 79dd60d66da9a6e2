package tui

import (
	tea "charm.land/bubbletea/v2"

	"branchcheck/checklist"
	"branchcheck/termtext"
)

// The decisions about a rectification, made from the school screen: the
// school reports it done (who, on what day, the evidence), it is closed
// by hand (why, on what day), its deadline or its person responsible is
// changed. Each is a form. What comes in is checked field by field where
// it enters (checklist.CheckLine, CheckNote, ReadDate, CheckNotAfter),
// then by the domain's own rule on a copy of the rectification, so that
// every error is said in the user's language beside the field it is
// about. The decision is then saved (one committed transaction); the
// screen says so only once the store has returned, and a refusal puts
// the form back with the store's reason.

// decisionKind is which of the four decisions a form makes.
type decisionKind int

const (
	decideReport decisionKind = iota
	decideClose
	decideDeadline
	decideResponsible
)

// decision is a decision being filled in or saved: its kind, the
// rectification it is about, its form, and the fields' places in it.
type decision struct {
	kind decisionKind
	rect checklist.RectEntry
	form *form
	// askedBy is the field asking who records the decision (the
	// inspector's name, asked the first time), -1 if not asked; by the
	// remembered name.
	askedBy int
	by      string
}

// rectDecidedMsg: a decision about rectification id of a school was
// saved (saved is it as stored), or err says why not.
type rectDecidedMsg struct {
	schoolID, id string
	saved        *checklist.Rectification
	err          error
}

// decide opens the form of a decision about a rectification.
func (r *schoolRects) decide(kind decisionKind, e checklist.RectEntry, inspector string) tea.Cmd {
	c := r.c
	today := c.today().String()
	d := &decision{kind: kind, rect: e, askedBy: -1, by: inspector}
	var fields []formField
	var title string
	switch kind {
	case decideReport:
		title = c.pick("学校报告整改完成", "The school reports it done")
		fields = append(fields,
			newField(c, c.pick("报告人", "Reported by"), termtext.Line(e.Responsible()), c.pick("学校报告整改完成的人", "who at the school reported it"), true, checklist.MaxLine),
			newField(c, c.pick("报告日期", "Date"), today, c.pick("如 2026-11-30", "e.g. 2026-11-30"), true, 16),
			newField(c, c.pick("佐证材料", "Evidence"), "", c.pick("文件或照片的名称，如 整改情况报告.docx", "a document's or photo's name"), false, checklist.MaxNote))
	case decideClose:
		title = c.pick("手工销号", "Close by hand")
		fields = append(fields,
			newField(c, c.pick("原因", "Reason"), "", c.pick("如 回访核实，已整改到位", "e.g. checked on a return visit: put right"), true, checklist.MaxNote),
			newField(c, c.pick("销号日期", "Date"), today, c.pick("如 2026-11-30", "e.g. 2026-11-30"), true, 16))
	case decideDeadline:
		title = c.pick("改整改期限", "Change the deadline")
		fields = append(fields, newField(c, c.pick("整改期限", "Deadline"), e.Deadline().String(),
			c.sprintf("留空则恢复默认的 %s", "empty: back to the default, %s", e.DueBy), false, 16))
	case decideResponsible:
		title = c.pick("改责任人", "Change the person responsible")
		fields = append(fields, newField(c, c.pick("责任人", "Responsible"), termtext.Line(e.Responsible()),
			c.sprintf("留空则恢复为党组织书记 %s", "empty: back to the secretary, %s", termtext.Line(e.Secretary)), false, checklist.MaxLine))
	}
	if kind != decideReport && inspector == "" {
		d.askedBy = len(fields)
		fields = append(fields, newField(c, c.pick("经办人", "Recorded by"), "", c.pick("您的姓名（以后可在设置里改）", "your name (settings can change it)"), true, 30))
	}
	hint := e.ItemID + " " + termtext.ColumnSafe(termtext.Line(c.itemText(&e))) + "\n" + c.rectDue(&e.Rectification, r.today())
	f, cmd := newForm(c, title, hint, fields...)
	d.form = f
	r.saving = nil
	r.pendingDecision = d
	return openForm(&r.form, f, cmd, r.w)
}

// formInput passes a key or a paste to the decision's form; a form sent
// is checked, and saved if all is well.
func (r *schoolRects) formInput(msg tea.Msg, schoolID string) tea.Cmd {
	f, cmd := updateForm(&r.form, msg)
	d := r.pendingDecision
	if f == nil || d == nil {
		if r.form == nil {
			r.pendingDecision = nil // cancelled
		}
		return cmd
	}
	field, err := d.check(r.c)
	if err != nil {
		r.form = f
		return f.setError(field, r.c.say(err))
	}
	r.pendingDecision, r.saving = nil, d
	return d.save(r.c.store, schoolID)
}

// check reads the form's values as the store will take them, and says
// what is wrong and in which field.
func (d *decision) check(c *common) (field int, err error) {
	f := d.form
	today := c.today()
	if d.askedBy >= 0 {
		d.by = f.value(d.askedBy)
		if err := checklist.CheckLine(checklist.TextInspector, d.by, checklist.MaxLine); err != nil {
			return d.askedBy, err
		}
	}
	date := func(i int) (checklist.Date, error) {
		day, err := checklist.ReadDate(f.value(i))
		if err == nil {
			err = day.CheckNotAfter(today)
		}
		return day, err
	}
	r := d.rect.Rectification // the domain's rule, on a copy
	switch d.kind {
	case decideReport:
		if err := checklist.CheckLine(checklist.TextReportedBy, f.value(0), checklist.MaxLine); err != nil {
			return 0, err
		}
		on, err := date(1)
		if err != nil {
			return 1, err
		}
		if err := checklist.CheckNote(checklist.TextEvidence, f.value(2), checklist.MaxNote); err != nil {
			return 2, err
		}
		return 1, r.Report(f.value(0), on, f.value(2), today)
	case decideClose:
		if err := checklist.CheckNote(checklist.TextReason, f.value(0), checklist.MaxNote); err != nil {
			return 0, err
		}
		on, err := date(1)
		if err != nil {
			return 1, err
		}
		return 1, r.Close(d.by, on, f.value(0), today)
	case decideDeadline:
		var due checklist.Date
		if v := f.value(0); v != "" {
			if due, err = checklist.ReadDate(v); err != nil {
				return 0, err
			}
		}
		return 0, r.SetDeadline(due)
	case decideResponsible:
		return 0, r.SetResponsible(f.value(0))
	}
	return 0, nil
}

// save records the decision, after remembering the name asked for, and
// reports back once it is committed.
func (d *decision) save(st Store, schoolID string) tea.Cmd {
	f, id := d.form, d.rect.ID
	values := make([]string, len(f.fields))
	for i := range f.fields {
		values[i] = f.value(i)
	}
	by, askedBy, kind := d.by, d.askedBy >= 0, d.kind
	return func() tea.Msg {
		if askedBy {
			if err := rememberInspector(st, by); err != nil {
				return rectDecidedMsg{schoolID: schoolID, id: id, err: err}
			}
		}
		var (
			saved *checklist.Rectification
			err   error
		)
		switch kind {
		case decideReport:
			on, _ := checklist.ReadDate(values[1])
			saved, err = st.ReportRectification(id, values[0], on, values[2])
		case decideClose:
			on, _ := checklist.ReadDate(values[1])
			saved, err = st.CloseRectification(id, by, on, values[0])
		case decideDeadline:
			var due checklist.Date
			if values[0] != "" {
				due, _ = checklist.ReadDate(values[0])
			}
			saved, err = st.SetRectificationDeadline(id, due, by)
		case decideResponsible:
			saved, err = st.SetRectificationResponsible(id, values[0], by)
		}
		return rectDecidedMsg{schoolID: schoolID, id: id, saved: saved, err: err}
	}
}

// decided takes the store's answer: a refusal puts the form back with
// the reason; a decision saved is said, and the school is read again.
func (r *schoolRects) decided(msg rectDecidedMsg) (saved bool, cmd tea.Cmd) {
	d := r.saving
	if d == nil || d.rect.ID != msg.id {
		return false, nil
	}
	r.saving = nil
	if msg.err != nil {
		r.pendingDecision = d
		r.form = d.form
		r.form.setWidth(r.w)
		field := 0
		if d.kind == decideReport || d.kind == decideClose {
			field = 1 // the date: what the store checks against its own day
		}
		return false, r.form.setError(field, r.c.say(msg.err))
	}
	r.status = r.c.sprintf("已保存：%s %s", "Saved: %s %s", d.rect.ItemID, d.done(r.c, msg.saved))
	return true, nil
}

// done says what a decision saved did.
func (d *decision) done(c *common, saved *checklist.Rectification) string {
	switch d.kind {
	case decideReport:
		return c.pick("已报告整改完成，待复查", "reported done, to be rechecked")
	case decideClose:
		return c.pick("已手工销号", "closed by hand")
	case decideDeadline:
		return c.sprintf("整改期限改为 %s", "deadline now %s", saved.Deadline())
	}
	who := termtext.Line(saved.Responsible())
	if who == "" {
		who = c.pick("（无）", "(none)")
	}
	return c.sprintf("责任人改为 %s", "person responsible now %s", who)
}
