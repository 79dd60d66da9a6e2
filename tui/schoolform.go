package tui

import (
	tea "charm.land/bubbletea/v2"

	"branchcheck/checklist"
)

// The add-school form of the schools screen.

// openForm opens the add-school form.
func (s *schoolsScreen) openForm() tea.Cmd {
	c := s.c
	f, cmd := newForm(c, c.pick("添加学校", "Add a school"), "",
		newField(c, c.pick("校名", "Name"), "", c.pick("如 城关镇第一小学", "e.g. 城关镇第一小学"), true, 60),
		newField(c, c.pick("乡镇", "Township"), "", c.pick("如 城关镇", "e.g. 城关镇"), false, 30),
		newField(c, c.pick("类型", "Kind"), "", c.pick("小学、初中、高中等", "primary, middle school, etc."), false, 20),
		newField(c, c.pick("书记", "Secretary"), "", "", false, 30),
		newField(c, c.pick("联系电话", "Phone"), "", c.pick("如 0371-12345678", "e.g. 0371-12345678"), false, 30),
	)
	return openForm(&s.form, f, cmd, s.w)
}

// schoolFields name the add-school form's fields, in order, for the
// checks.
var schoolFields = []checklist.Text{checklist.TextSchoolName, checklist.TextTownship, checklist.TextKind, checklist.TextSecretary, checklist.TextContact}

// formInput passes a key to the add-school form; a sent form is checked
// field by field (checklist.CheckLine) and saved.
func (s *schoolsScreen) formInput(msg tea.Msg) tea.Cmd {
	f, cmd := updateForm(&s.form, msg)
	if f == nil {
		return cmd
	}
	for i, field := range schoolFields {
		if err := checklist.CheckLine(field, f.value(i), checklist.MaxLine); err != nil {
			s.form = f
			return f.setError(i, s.c.say(err))
		}
	}
	sc := checklist.School{Name: f.value(0), Township: f.value(1), Kind: f.value(2), Secretary: f.value(3), Contact: f.value(4)}
	st := s.c.store
	return func() tea.Msg {
		saved, err := st.AddSchool(sc)
		if err != nil {
			return errMsg{err}
		}
		return schoolAddedMsg{saved}
	}
}
