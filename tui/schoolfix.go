package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"branchcheck/checklist"
	"branchcheck/termtext"
)

// Putting a school's mistakes right from its screen: e edits its fields
// (every one, 联系电话 included), D deletes a school with no visit, A
// archives one (or brings an archived one back), t changes a draft's
// date (never after today), each after a confirmation where it cannot
// be undone at once; and f writes the 检查反馈单 of a finalized visit to
// the export folder. The store refuses what it must (a name another
// school has, a school with visits deleted, a draft finalized once
// re-dated): its words are shown, in the user's language.

// schoolForm says which form the school screen has open.
type schoolForm int

const (
	formNewVisit schoolForm = iota // the new visit's (schoolvisit.go)
	formEditSchool
	formRedate
	// formLockReason asks why a visit is made in a confirmed year
	// (schoolyear.go).
	formLockReason
)

// question is a yes-or-no the school screen asks before a change: y
// runs it, esc drops it.
type question struct {
	text string
	yes  func() tea.Cmd
}

// schoolEditedMsg: a school's fields were saved.
type schoolEditedMsg struct{ school checklist.School }

// schoolRemovedMsg: a school left the list (deleted or archived) or came
// back to it (unarchived); school is it as it now is.
type schoolRemovedMsg struct {
	school  checklist.School
	deleted bool
}

// draftRedatedMsg: a draft's date was changed.
type draftRedatedMsg struct {
	schoolID string
	from, to checklist.Date
}

// feedbackDoneMsg: the feedback sheet of a visit was written, or not.
type feedbackDoneMsg struct {
	schoolID string
	report   *FileReport
	err      error
}

// syncFixKeys offers each correction where it applies: e, D and A on a
// database that may be written (D only on a school with no visit), t on
// a draft never finalized, f on a finalized visit when the feedback
// sheet is wired in.
func (s *schoolScreen) syncFixKeys(v checklist.ScoredVisit, ok bool) {
	w := s.c.writable() && s.loaded
	s.keys.Edit.SetEnabled(w)
	s.keys.DeleteSchool.SetEnabled(w && len(s.visits.rows) == 0)
	s.keys.Archive.SetEnabled(w)
	l := s.c.lang
	if s.school.IsArchived() {
		s.keys.Archive.SetHelp("A", l.Pick("取消归档", "unarchive"))
		s.keys.New.SetEnabled(false)
	} else {
		s.keys.Archive.SetHelp("A", l.Pick("归档", "archive"))
		s.keys.New.SetEnabled(s.c.writable())
	}
	s.keys.Redate.SetEnabled(w && ok && deletable(v.Visit))
	s.keys.Feedback.SetEnabled(ok && v.Visit.Status == checklist.Finalized && s.c.files.Feedback != nil)
}

// fixKey handles the keys of the corrections and the feedback sheet.
func (s *schoolScreen) fixKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	switch {
	case key.Matches(k, s.keys.Edit):
		return s.openEdit(), true
	case key.Matches(k, s.keys.DeleteSchool):
		s.askDeleteSchool()
	case key.Matches(k, s.keys.Archive):
		s.askArchive()
	case key.Matches(k, s.keys.Redate):
		if v, ok := s.visits.selected(); ok {
			s.redating = v.Visit
			return s.openRedate(v.Visit), true
		}
	case key.Matches(k, s.keys.Feedback):
		if v, ok := s.visits.selected(); ok {
			s.feedbackOf = v.Visit
		}
	default:
		return nil, false
	}
	return nil, true
}

// openEdit opens the school's fields in a form.
func (s *schoolScreen) openEdit() tea.Cmd {
	c, sc := s.c, s.school
	f, cmd := newForm(c, c.sprintf("修改学校信息：%s", "Edit the school: %s", termtext.Line(sc.Name)),
		c.pick("改好后按 enter 逐栏确认，或 ctrl+s 保存；清空一栏即删去该项（校名必填）。", "enter moves on and saves from the last field, ctrl+s saves; an emptied field is cleared (the name is required)."),
		newField(c, c.pick("校名", "Name"), sc.Name, "", true, 60),
		newField(c, c.pick("乡镇", "Township"), sc.Township, "", false, 30),
		newField(c, c.pick("类型", "Kind"), sc.Kind, "", false, 20),
		newField(c, c.pick("书记", "Secretary"), sc.Secretary, "", false, 30),
		newField(c, c.pick("联系电话", "Phone"), sc.Contact, c.pick("如 0371-12345678", "e.g. 0371-12345678"), false, 30),
	)
	s.formFor = formEditSchool
	return openForm(&s.form, f, cmd, s.w)
}

// editInput passes a key to the edit form; a sent one is checked field
// by field and saved.
func (s *schoolScreen) editInput(msg tea.Msg) tea.Cmd {
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
	sc := s.school
	sc.Name, sc.Township, sc.Kind, sc.Secretary, sc.Contact = f.value(0), f.value(1), f.value(2), f.value(3), f.value(4)
	st := s.c.store
	s.pendingForm = f
	return func() tea.Msg {
		saved, err := st.EditSchool(sc)
		if err != nil {
			return schoolFixFailedMsg{schoolID: sc.ID, err: err}
		}
		return schoolEditedMsg{saved}
	}
}

// schoolFixFailedMsg: a correction was refused; the form it came from,
// if any, opens again with the store's words.
type schoolFixFailedMsg struct {
	schoolID string
	err      error
}

// askDeleteSchool asks to delete the school (one with no visit).
func (s *schoolScreen) askDeleteSchool() {
	sc := s.school
	st := s.c.store
	s.ask = &question{
		text: s.c.sprintf("删除学校 %s（%s）？它还没有检查记录；删除后不能恢复。按 y 删除，esc 取消。",
			"Delete the school %s (%s)? It has no visit; it cannot be undone. y deletes, esc keeps it.",
			termtext.Line(sc.Name), termtext.Line(orDash(sc.Township))),
		yes: func() tea.Cmd {
			return func() tea.Msg {
				if err := st.DeleteSchool(sc.ID); err != nil {
					return schoolFixFailedMsg{schoolID: sc.ID, err: err}
				}
				return schoolRemovedMsg{school: sc, deleted: true}
			}
		},
	}
}

// askArchive asks to archive the school, or to bring it back.
func (s *schoolScreen) askArchive() {
	sc := s.school
	st := s.c.store
	if sc.IsArchived() {
		s.ask = &question{
			text: s.c.sprintf("取消 %s 的归档？它回到学校列表，可以再检查。按 y 确认，esc 取消。",
				"Bring %s back? It returns to the schools list and can be visited again. y confirms, esc cancels.", termtext.Line(sc.Name)),
			yes: func() tea.Cmd {
				return func() tea.Msg {
					back, err := st.UnarchiveSchool(sc.ID)
					if err != nil {
						return schoolFixFailedMsg{schoolID: sc.ID, err: err}
					}
					return schoolRemovedMsg{school: back}
				}
			},
		}
		return
	}
	s.ask = &question{
		text: s.c.sprintf("归档 %s？它离开学校列表，不能再新建检查；检查记录和往年的评定都保留，可在学校列表按 A 找到并取消归档。按 y 归档，esc 取消。",
			"Archive %s? It leaves the schools list and takes no new visit; its visits and past ratings stay, and A on the schools list finds it to bring back. y archives, esc cancels.", termtext.Line(sc.Name)),
		yes: func() tea.Cmd {
			return func() tea.Msg {
				gone, err := st.ArchiveSchool(sc.ID)
				if err != nil {
					return schoolFixFailedMsg{schoolID: sc.ID, err: err}
				}
				return schoolRemovedMsg{school: gone}
			}
		},
	}
}

// openRedate asks for a draft's new date.
func (s *schoolScreen) openRedate(v *checklist.Inspection) tea.Cmd {
	c := s.c
	f, cmd := newForm(c, c.sprintf("修改草稿日期：%s", "Change the draft's date: %s", termtext.Line(s.school.Name)),
		c.sprintf("现在的日期是 %s；新日期不能晚于今天（%s）。", "Its date is %s; the new one cannot be after today (%s).", v.Date, c.today()),
		newField(c, c.pick("新日期", "New date"), v.Date.String(), c.pick("如 2026-11-30 或 2026/11/30", "e.g. 2026-11-30 or 2026/11/30"), true, 16))
	s.formFor = formRedate
	return openForm(&s.form, f, cmd, s.w)
}

// redateInput passes a key to the date form; a sent date, read and
// checked, is asked to be confirmed.
func (s *schoolScreen) redateInput(msg tea.Msg) tea.Cmd {
	f, cmd := updateForm(&s.form, msg)
	if f == nil {
		return cmd
	}
	date, err := checklist.ReadDate(f.value(0))
	if err == nil {
		err = date.CheckNotAfter(s.c.today())
	}
	if err == nil && date == s.redating.Date {
		err = checklist.Errorf(checklist.ErrInvalid, checklist.Text{ZH: "草稿的日期已经是 %s", EN: "the draft is dated %s already"}, date)
	}
	if err != nil {
		s.form = f
		return f.setError(0, s.c.say(err))
	}
	v, st, id := s.redating, s.c.store, s.id
	s.pendingForm = f
	s.ask = &question{
		text: s.c.sprintf("把 %s 的草稿改为 %s？按 y 确认，esc 取消。", "Change the draft of %s to %s? y confirms, esc cancels.", v.Date, date),
		yes: func() tea.Cmd {
			return func() tea.Msg {
				if _, err := st.RedateDraft(v.ID, date); err != nil {
					return schoolFixFailedMsg{schoolID: id, err: err}
				}
				return draftRedatedMsg{schoolID: id, from: v.Date, to: date}
			}
		},
	}
	return nil
}

// answer takes the key after a question: y runs the change, esc drops
// it.
func (s *schoolScreen) answer(k tea.KeyPressMsg) tea.Cmd {
	dk := s.c.keys.Delete
	switch {
	case key.Matches(k, dk.Confirm):
		q := s.ask
		s.ask = nil
		return q.yes()
	case key.Matches(k, dk.Cancel):
		s.ask, s.pendingForm = nil, nil
	}
	return nil
}

// feedbackKey takes the format of the feedback sheet, or esc.
func (s *schoolScreen) feedbackKey(k tea.KeyPressMsg) tea.Cmd {
	ek := s.c.keys.Export
	v := s.feedbackOf
	if key.Matches(k, ek.Cancel) {
		s.feedbackOf = nil
		return nil
	}
	for _, ch := range []ExportChoice{{ek.XLSX, "xlsx"}, {ek.HTML, "html"}, {ek.Markdown, "md"}} {
		if key.Matches(k, ch.Key) {
			s.feedbackOf = nil
			s.status = s.c.pick("正在写检查反馈单……", "Writing the feedback sheet…")
			job, l, id := s.c.files.Feedback, s.c.lang, s.id
			return func() tea.Msg {
				r, err := job(v.ID, ch.Format, l)
				return feedbackDoneMsg{schoolID: id, report: r, err: err}
			}
		}
	}
	return nil
}

// feedbackKeys are the formats of the feedback sheet.
func (s *schoolScreen) feedbackKeys() keyMap {
	ek := s.c.keys.Export
	return oneColumn(ek.XLSX, ek.HTML, ek.Markdown, ek.Cancel)
}

// fixUpdate takes the messages of the corrections; handled reports
// whether msg was one.
func (s *schoolScreen) fixUpdate(msg tea.Msg) (cmd tea.Cmd, move navMsg, handled bool) {
	l := s.c.lang
	switch msg := msg.(type) {
	case schoolEditedMsg:
		if msg.school.ID == s.id {
			s.pendingForm = nil
			s.status = l.Sprintf("已保存学校信息：%s", "Saved the school: %s", termtext.Line(msg.school.Name))
			return s.Init(), nil, true
		}
	case schoolRemovedMsg:
		if msg.school.ID != s.id {
			return nil, nil, true
		}
		if msg.deleted {
			return nil, goBackMsg{}, true
		}
		if msg.school.IsArchived() {
			s.status = l.Sprintf("已归档（%s）；按 A 可取消归档", "Archived (%s); A brings it back", msg.school.Archived)
		} else {
			s.status = l.Pick("已取消归档，学校回到列表", "Brought back to the schools list")
		}
		return s.Init(), nil, true
	case draftRedatedMsg:
		if msg.schoolID == s.id {
			s.pendingForm = nil
			s.status = l.Sprintf("草稿日期已从 %s 改为 %s", "The draft's date changed from %s to %s", msg.from, msg.to)
			return s.Init(), nil, true
		}
	case schoolFixFailedMsg:
		if msg.schoolID != s.id {
			return nil, nil, true
		}
		if f := s.pendingForm; f != nil {
			// The form comes back with the store's words.
			s.pendingForm, s.form = nil, f
			return f.setError(0, s.c.say(msg.err)), nil, true
		}
		s.status, s.failed = s.c.say(msg.err), true
		return nil, nil, true
	case feedbackDoneMsg:
		if msg.schoolID != s.id {
			return nil, nil, true
		}
		if msg.err != nil {
			s.status, s.failed = s.c.say(msg.err), true
			return nil, nil, true
		}
		s.status, s.path = l.Pick("已写入检查反馈单：", "Feedback sheet written:"), termtext.Line(msg.report.Path)
		for _, line := range msg.report.Lines {
			s.status += "\n" + termtext.Line(line)
		}
		return nil, nil, true
	default:
		return nil, nil, false
	}
	return nil, nil, true
}

// fixFormInput passes a key to the form open: the new visit's, the
// school's fields or the draft's date.
func (s *schoolScreen) fixFormInput(msg tea.Msg) tea.Cmd {
	switch s.formFor {
	case formEditSchool:
		return s.editInput(msg)
	case formRedate:
		return s.redateInput(msg)
	case formLockReason:
		return s.lockInput(msg)
	}
	return s.formInput(msg)
}

// orDash is a value, or - for none.
func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
