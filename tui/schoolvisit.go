package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"branchcheck/checklist"
	"branchcheck/termtext"
)

// The school screen's changes to its visits: a new visit (its form) and
// deleting a draft (after a confirmation).

// openForm asks for the date of a new visit, and the inspector's name the
// first time.
func (s *schoolScreen) openForm() tea.Cmd {
	c := s.c
	var fields []formField
	if s.inspector == "" {
		fields = append(fields, newField(c, c.pick("检查人", "Inspector"), "", c.pick("您的姓名（以后可在设置里改）", "your name (settings can change it)"), true, 30))
	}
	fields = append(fields, newField(c, c.pick("日期", "Date"), c.today().String(), c.pick("如 2026-11-30 或 2026/11/30", "e.g. 2026-11-30 or 2026/11/30"), true, 16))
	hint := termtext.Line(s.school.Name)
	for _, v := range s.visits.rows {
		if v.Visit.Status == checklist.Draft {
			hint += c.sprintf("\n注意：该校已有一份 %s 的草稿；要继续它，按 esc 返回后按 enter。", "\nNote: there is a draft of %s; to resume it, esc and then enter.", v.Visit.Date)
			break
		}
	}
	f, cmd := newForm(c, c.pick("新建检查", "New visit"), hint, fields...)
	return openForm(&s.form, f, cmd, s.w)
}

// formInput passes a key to the new-visit form; a sent one starts the
// visit (remembering the inspector's name the first time).
func (s *schoolScreen) formInput(msg tea.Msg) tea.Cmd {
	f, cmd := updateForm(&s.form, msg)
	if f == nil {
		return cmd
	}
	name, newName := s.inspector, false
	if name == "" {
		name, newName = f.value(0), true
		if err := checklist.CheckLine(checklist.TextInspector, name, checklist.MaxLine); err != nil {
			s.form = f
			return f.setError(0, s.c.say(err))
		}
	}
	dateField := len(f.fields) - 1
	date, err := checklist.ReadDate(f.value(dateField))
	if err == nil {
		err = date.CheckNotAfter(s.c.today())
	}
	if err != nil {
		s.form = f
		return f.setError(dateField, s.c.say(err))
	}
	return s.create(name, date, newName)
}

// draftDeletedMsg: a draft was deleted.
type draftDeletedMsg struct {
	schoolID string
	date     checklist.Date
}

// deletable reports whether a visit can be deleted: a draft that was
// never finalized (a visit finalized once keeps its audited history).
func deletable(v *checklist.Inspection) bool {
	return v.Status == checklist.Draft && !v.Audited()
}

// syncKeys offers d only on a draft that can be deleted, and h on any
// visit.
func (s *schoolScreen) syncKeys() {
	v, ok := s.visits.selected()
	s.keys.Delete.SetEnabled(ok && deletable(v.Visit) && s.c.writable())
	s.keys.Audit.SetEnabled(ok)
	s.syncFixKeys(v, ok)
	s.syncYearKeys()
}

// confirmDelete takes the key after d: y deletes the draft, esc keeps it.
func (s *schoolScreen) confirmDelete(k tea.KeyPressMsg) tea.Cmd {
	dk := s.c.keys.Delete
	switch {
	case key.Matches(k, dk.Confirm):
		v := s.deleting.Visit
		s.deleting = nil
		st, id := s.c.store, s.id
		return func() tea.Msg {
			if err := st.DeleteDraft(v.ID); err != nil {
				return errMsg{err}
			}
			return draftDeletedMsg{schoolID: id, date: v.Date}
		}
	case key.Matches(k, dk.Cancel):
		s.deleting = nil
	}
	return nil
}

// deleteQuestion asks to confirm deleting the draft.
func (s *schoolScreen) deleteQuestion(w int) []string {
	v := s.deleting
	q := s.c.sprintf("删除 %s 由 %s 做的草稿？已答 %d 项，删除后不能恢复。按 y 删除，esc 取消。",
		"Delete the draft of %s by %s? %d answered; it cannot be undone. y deletes, esc keeps it.",
		v.Visit.Date, termtext.Line(v.Visit.Inspector), v.Score.Answered)
	var out []string
	for _, r := range s.c.wrap(q, w) {
		out = append(out, s.c.styles.Warn.Render(r))
	}
	return out
}
