package tui

import (
	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"branchcheck/checklist"
)

// reopenForm is the walk's right column after R on a finalized visit: it
// asks why the visit is reopened. The reason goes to the audit trail.
type reopenForm struct {
	c    *common
	form *form
}

// open opens the form, rw cells wide.
func (r *reopenForm) open(rw int) tea.Cmd {
	c := r.c
	f, cmd := newForm(c, c.pick("重新打开已定稿的检查", "Reopen a finalized visit"),
		c.pick("原因会记入审计记录，之后的每一处改动也会记录。", "The reason goes to the audit trail, with every change after it."),
		newField(c, c.pick("原因", "Reason"), "", c.pick("如 学校补交了材料", "e.g. the school sent the missing records"), true, 200))
	return openForm(&r.form, f, cmd, rw)
}

// isOpen reports whether the form is open.
func (r *reopenForm) isOpen() bool { return r.form != nil }

// update passes a key or a paste to the form. It reports the reason once
// the form is sent with one that can be saved (checklist.CheckNote); the
// form closes when it is sent or cancelled.
func (r *reopenForm) update(msg tea.Msg) (reason string, sent bool, cmd tea.Cmd) {
	f, cmd := updateForm(&r.form, msg)
	if f == nil {
		return "", false, cmd
	}
	if err := checklist.CheckNote(checklist.TextReason, f.value(0), checklist.MaxNote); err != nil {
		r.form = f
		return "", false, f.setError(0, r.c.say(err))
	}
	return f.value(0), true, cmd
}

func (r *reopenForm) setWidth(rw int) {
	if r.form != nil {
		r.form.setWidth(rw)
	}
}

func (r *reopenForm) view(rw int) []string { return r.form.View(rw) }

func (r *reopenForm) cursor(rw int) *tea.Cursor { return r.form.cursor(rw) }

func (r *reopenForm) keyMap() help.KeyMap { return r.form.keyMap() }
