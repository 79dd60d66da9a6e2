package tui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"branchcheck/checklist"
	"branchcheck/termtext"
)

// vetoScreen is a school's veto situations (一票否决情形) for a year: the
// year's standard's situations, each with its record if one applies (its
// reason, who recorded it when) or was lifted. enter records the selected
// one (the reason required, who records it), l lifts a record (with a
// reason): never deleted. In a confirmed year the reason serves as the
// lock's (Store.RecordVeto, LiftVeto).
type vetoScreen struct {
	list[*checklist.VetoSituation]
	c       *common
	keys    VetoKeys
	school  checklist.School
	year    int
	w, h    int
	loaded  bool
	std     *checklist.Standard
	records map[string]checklist.VetoRecord
	by      string
	form    *form
	// lifting: the form lifts the selected record, else records it.
	lifting bool
	status  string
	failed  bool
}

// vetoesLoadedMsg carries the year's standard, the school's records and
// the inspector's name.
type vetoesLoadedMsg struct {
	schoolID string
	year     int
	std      *checklist.Standard
	records  []checklist.VetoRecord
	by       string
}

// vetoSavedMsg: a record was made or lifted (done), or err says why not.
type vetoSavedMsg struct {
	schoolID string
	done     string
	err      error
}

func newVetoScreen(c *common, school checklist.School, year int) *vetoScreen {
	v := &vetoScreen{c: c, keys: c.keys.Vetoes, school: school, year: year}
	v.list = newList(c, listKeys{Up: v.keys.Up, Down: v.keys.Down}, func(s *checklist.VetoSituation) string { return s.ID }, v.cells)
	l := c.lang
	v.columns = []column{
		{title: l.Pick("情形", "Situation"), flex: true, min: 10},
		{title: l.Pick("状态", "State"), fit: []string{l.Pick("状态", "State"), l.Pick("已记录", "recorded"), l.Pick("已撤销", "lifted"), l.Pick("未记录", "none")}, gap: 2},
	}
	v.empty = c.pick("这一年的标准没有一票否决情形", "The year's standard lists no veto situation")
	return v
}

func (v *vetoScreen) cells(s *checklist.VetoSituation) []cell {
	l := v.c.lang
	r, ok := v.records[s.ID]
	state := cell{text: l.Pick("未记录", "none"), paint: v.c.styles.Dim}
	switch {
	case ok && r.Active():
		state = cell{text: l.Pick("已记录", "recorded"), paint: v.c.styles.Warn}
	case ok:
		state = cell{text: l.Pick("已撤销", "lifted"), paint: v.c.styles.Dim}
	}
	return []cell{{text: termtext.ColumnSafe(l.Pick(s.Text, orZH(s.TextEN, s.Text)))}, state}
}

// orZH is the English text, or the Chinese where there is none.
func orZH(en, zh string) string {
	if en == "" {
		return zh
	}
	return en
}

// Init reads the year's standard, the school's records and the name.
func (v *vetoScreen) Init() tea.Cmd {
	st, id, year := v.c.store, v.school.ID, v.year
	return func() tea.Msg {
		std, err := st.StandardForYear(year)
		if err != nil {
			return errMsg{err}
		}
		rs, err := st.SchoolVetoes(id, year)
		if err != nil {
			return errMsg{err}
		}
		by, err := st.Setting(settingInspector)
		if err != nil {
			return errMsg{err}
		}
		return vetoesLoadedMsg{schoolID: id, year: year, std: std, records: rs, by: by}
	}
}

func (v *vetoScreen) setSize(w, h int) {
	v.w, v.h = w, h
	v.setHeight(max((h-4)/2, 3))
	if v.form != nil {
		v.form.setWidth(w)
	}
}

func (v *vetoScreen) title() string { return v.c.pick("一票否决情形", "Veto situations") }

func (v *vetoScreen) typing() bool { return v.form != nil }

func (v *vetoScreen) textCursor() *tea.Cursor {
	if v.form != nil {
		return v.form.cursor(v.w)
	}
	return nil
}

func (v *vetoScreen) keyMap() help.KeyMap {
	if v.form != nil {
		return v.form.keyMap()
	}
	return v.keys
}

// ready reports whether the screen's data has loaded.
func (v *vetoScreen) ready() bool { return v.loaded }

// Update handles keys, the loaded records and the saves.
func (v *vetoScreen) Update(msg tea.Msg) (tea.Cmd, navMsg) {
	switch msg := msg.(type) {
	case vetoesLoadedMsg:
		if msg.schoolID != v.school.ID || msg.year != v.year {
			return nil, nil
		}
		v.loaded, v.std, v.by = true, msg.std, msg.by
		v.records = map[string]checklist.VetoRecord{}
		for _, r := range msg.records {
			v.records[r.SituationID] = r
		}
		sits := make([]*checklist.VetoSituation, len(msg.std.VetoSituations))
		for i := range msg.std.VetoSituations {
			sits[i] = &msg.std.VetoSituations[i]
		}
		v.setRows(sits)
		v.syncKeys()
	case vetoSavedMsg:
		if msg.schoolID != v.school.ID {
			return nil, nil
		}
		if msg.err != nil {
			v.status, v.failed = v.c.say(msg.err), true
			return nil, nil
		}
		v.status, v.failed = msg.done, false
		return v.Init(), nil
	case tea.KeyPressMsg, tea.PasteMsg:
		if v.form != nil {
			return v.formInput(msg), nil
		}
		if k, ok := msg.(tea.KeyPressMsg); ok {
			return v.key(k)
		}
	}
	return nil, nil
}

// syncKeys offers enter on a situation not recorded, l on one recorded;
// ] up to this year.
func (v *vetoScreen) syncKeys() {
	s, ok := v.selected()
	r, has := v.records[""]
	if ok {
		r, has = v.records[s.ID]
	}
	w := v.c.writable() && ok
	v.keys.Record.SetEnabled(w && !(has && r.Active()))
	v.keys.Lift.SetEnabled(w && has && r.Active())
	v.keys.NextYr.SetEnabled(v.year < v.c.today().Year)
}

func (v *vetoScreen) key(k tea.KeyPressMsg) (tea.Cmd, navMsg) {
	if cmd, ok := v.listKey(k); ok {
		v.syncKeys()
		return cmd, nil
	}
	v.status = ""
	switch {
	case key.Matches(k, v.keys.Back):
		return nil, goBackMsg{}
	case key.Matches(k, v.keys.PrevYear):
		v.year, v.loaded = v.year-1, false
		return v.Init(), nil
	case key.Matches(k, v.keys.NextYr):
		v.year, v.loaded = v.year+1, false
		return v.Init(), nil
	case key.Matches(k, v.keys.Record):
		return v.openForm(false), nil
	case key.Matches(k, v.keys.Lift):
		return v.openForm(true), nil
	}
	return nil, nil
}

// openForm asks the reason and who, to record or lift the selected
// situation.
func (v *vetoScreen) openForm(lift bool) tea.Cmd {
	c := v.c
	s, ok := v.selected()
	if !ok {
		return nil
	}
	text := termtext.Line(c.lang.Pick(s.Text, orZH(s.TextEN, s.Text)))
	effect := c.lang.Pick(s.Effect().ZH, s.Effect().EN)
	title := c.sprintf("记录一票否决情形（%d 年度）", "Record a veto situation (%d)", v.year)
	reason := newField(c, c.pick("事由", "Reason"), "", c.pick("发生了什么，文件文号", "what happened, the document"), true, 200)
	if lift {
		title = c.sprintf("撤销一票否决记录（%d 年度）", "Lift a veto record (%d)", v.year)
		reason = newField(c, c.pick("撤销原因", "Why"), "", c.pick("如 复核撤销", "e.g. overturned on review"), true, 200)
	}
	hint := termtext.Line(v.school.Name) + "\n" + text + c.pick("：", ": ") + effect
	f, cmd := newForm(c, title, hint, reason, newField(c, c.pick("记录人", "By"), v.by, c.pick("您的姓名", "your name"), true, 30))
	v.lifting = lift
	return openForm(&v.form, f, cmd, v.w)
}

// formInput passes a key to the form; a sent one is checked where it
// enters and saved.
func (v *vetoScreen) formInput(msg tea.Msg) tea.Cmd {
	f, cmd := updateForm(&v.form, msg)
	if f == nil {
		return cmd
	}
	reason, by := f.value(0), f.value(1)
	if err := checklist.CheckNote(checklist.TextVetoReason, reason, checklist.MaxNote); err != nil {
		v.form = f
		return f.setError(0, v.c.say(err))
	}
	if err := checklist.CheckLine(checklist.TextInspector, by, checklist.MaxLine); err != nil {
		v.form = f
		return f.setError(1, v.c.say(err))
	}
	s, _ := v.selected()
	st, id, year, l, lift := v.c.store, v.school.ID, v.year, v.c.lang, v.lifting
	sit := s.ID
	text := termtext.Line(l.Pick(s.Text, orZH(s.TextEN, s.Text)))
	return func() tea.Msg {
		if lift {
			_, err := st.LiftVeto(checklist.VetoRecordID(id, year, sit), reason, by)
			return vetoSavedMsg{schoolID: id, err: err, done: l.Sprintf("已撤销：%s", "Lifted: %s", text)}
		}
		_, err := st.RecordVeto(id, year, sit, reason, by)
		return vetoSavedMsg{schoolID: id, err: err, done: l.Sprintf("已记录：%s", "Recorded: %s", text)}
	}
}

// View draws the situations and the selected one's record.
func (v *vetoScreen) View(w, h int) []string {
	st, l := v.c.styles, v.c.lang
	if v.form != nil {
		return v.form.View(w)
	}
	if !v.loaded {
		return v.c.loading(v.title())
	}
	var out lines
	out.add(st.Title.Render(v.c.clip(l.Sprintf("%d 年度一票否决情形：", "Veto situations %d: ", v.year)+termtext.Line(termtext.ColumnSafe(v.school.Name)), w)))
	out.add("")
	out.add(v.list.view(w)...)
	out.add("")
	if s, ok := v.selected(); ok {
		out.add(v.c.wrap(termtext.Line(l.Pick(s.Text, orZH(s.TextEN, s.Text)))+l.Pick("：", ": ")+l.Pick(s.Effect().ZH, s.Effect().EN), w)...)
		if r, ok := v.records[s.ID]; ok {
			out.add(termtext.IndentWrap(l.Pick("事由：", "Reason: "), v.c.show(termtext.Block(r.Reason)), w)...)
			out.add(st.Dim.Render(v.c.clip(l.Sprintf("%s 于 %s 记录", "Recorded by %s on %s", termtext.Line(r.RecordedBy), checklist.DateOf(r.RecordedAt)), w)))
			if !r.Active() {
				out.add(termtext.IndentWrap(l.Pick("已撤销：", "Lifted: "), v.c.show(termtext.Block(r.LiftReason)), w)...)
				out.add(st.Dim.Render(v.c.clip(l.Sprintf("%s 于 %s 撤销", "by %s on %s", termtext.Line(r.LiftedBy), checklist.DateOf(r.LiftedAt)), w)))
			}
		}
	}
	switch {
	case v.status != "" && v.failed:
		out.add(v.c.wrapStyled(v.status, w, st.Error)...)
	case v.status != "":
		out.add(st.OK.Render(v.c.clip(v.status, w)))
	}
	return out
}

// wrapStyled wraps s to w cells, each row painted.
func (c *common) wrapStyled(s string, w int, p Paint) []string {
	rows := c.wrap(s, w)
	for i := range rows {
		rows[i] = p.Render(rows[i])
	}
	return rows
}
