package tui

import (
	"strings"
	"unicode"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"branchcheck/checklist"
	"branchcheck/termtext"
)

// selfScreen enters a branch's self-assessment (支部自评) for a year from
// its paper form: a walk-like list of the year's scored items, each with
// the branch's own answer, given with the walk's keys (y p n x, u
// clears; a deduction or bonus item's number through the same small
// form as the walk's). Each answer is its own committed change
// (Store.SetSelfVerdict, SetSelfValue, recorded as entered from paper),
// saved in the order given; the screen says 已保存 only once the store
// has it.
type selfScreen struct {
	list[*checklist.Item]
	c      *common
	keys   SelfKeys
	school checklist.School
	year   int
	w, h   int
	loaded bool
	std    *checklist.Standard
	sa     *checklist.SelfAssessment
	by     string
	gate   lockGate
	// valueForm asks a number; queue are the changes not yet saved, the
	// first being saved when inFlight.
	valueForm *form
	queue     []selfChange
	inFlight  bool
	status    string
	failed    bool
	// path is the 自评表 written, shown whole after status; writing: it
	// is being written.
	path    string
	writing bool
}

// selfChange is one answer on its way to the store.
type selfChange struct {
	item string
	send func() (*checklist.SelfAssessment, error)
	done string
}

// selfLoadedMsg carries a school's self-assessment for a year, the
// standard it is made under, the year's stage and who enters it.
type selfLoadedMsg struct {
	schoolID string
	year     int
	sa       *checklist.SelfAssessment
	std      *checklist.Standard
	stage    *checklist.YearStage
	by       string
}

// selfFormDoneMsg: the 自评表 was written (report) or not (err).
type selfFormDoneMsg struct {
	schoolID string
	report   *FileReport
	err      error
}

// selfSavedMsg: the head of the queue was saved (sa) or not (err).
type selfSavedMsg struct {
	schoolID string
	sa       *checklist.SelfAssessment
	err      error
}

func newSelfScreen(c *common, school checklist.School, year int) *selfScreen {
	s := &selfScreen{c: c, keys: c.keys.Self, school: school, year: year, gate: lockGate{c: c}}
	s.list = newList(c, listKeys{Up: s.keys.Up, Down: s.keys.Down, PageUp: s.keys.PageUp, PageDown: s.keys.PageDown},
		func(it *checklist.Item) string { return it.ID }, s.cells)
	l := c.lang
	s.columns = []column{
		{title: l.Pick("条目", "Item"), min: 6},
		{title: l.Pick("自评", "Self"), fit: []string{l.Pick("自评", "Self"), l.Verdict(checklist.PartlyMet), l.Verdict(checklist.Unanswered)}, min: 10, gap: 1},
		{title: l.Pick("内容", "Text"), flex: true, min: 8, gap: 1},
	}
	s.empty = c.pick("没有计分条目", "No scored items")
	return s
}

// cells are an item's row: its id, the branch's answer (* while it is
// saved) and its text.
func (s *selfScreen) cells(it *checklist.Item) []cell {
	a := checklist.SelfAnswer{}
	if s.sa != nil {
		a = s.sa.Answers[it.ID]
	}
	ans := s.c.entryWords(it, a.Verdict, a.Value)
	for _, q := range s.queue {
		if q.item == it.ID {
			ans = "* " + ans
			break
		}
	}
	return []cell{{text: it.ID}, {text: ans, paint: s.c.styles.verdict(a.Verdict)}, {text: termtext.ColumnSafe(s.c.lang.Text(it))}}
}

// Init reads the self-assessment, its standard, the year's stage and
// the inspector's name, in one command.
func (s *selfScreen) Init() tea.Cmd {
	st, id, year := s.c.store, s.school.ID, s.year
	return func() tea.Msg {
		sa, std, err := st.SelfAssessment(id, year)
		if err != nil {
			return errMsg{err}
		}
		stage, err := st.YearStage(year)
		if err != nil {
			return errMsg{err}
		}
		by, err := st.Setting(settingInspector)
		if err != nil {
			return errMsg{err}
		}
		return selfLoadedMsg{schoolID: id, year: year, sa: sa, std: std, stage: stage, by: by}
	}
}

func (s *selfScreen) setSize(w, h int) {
	s.w, s.h = w, h
	s.fitList()
	for _, f := range []*form{s.valueForm, s.gate.form} {
		if f != nil {
			f.setWidth(w)
		}
	}
}

func (s *selfScreen) title() string { return s.c.pick("支部自评", "Self-assessment") }

func (s *selfScreen) typing() bool { return s.valueForm != nil || s.gate.isOpen() }

func (s *selfScreen) textCursor() *tea.Cursor {
	switch {
	case s.valueForm != nil:
		return s.valueForm.cursor(s.w)
	case s.gate.isOpen():
		return s.gate.form.cursor(s.w)
	}
	return nil
}

func (s *selfScreen) keyMap() help.KeyMap {
	switch {
	case s.valueForm != nil:
		return s.valueForm.keyMap()
	case s.gate.isOpen():
		return s.gate.form.keyMap()
	}
	return s.keys
}

// busy reports whether answers are still being saved.
func (s *selfScreen) busy() bool { return len(s.queue) > 0 || s.writing }

// flush has nothing to queue: every answer is queued as it is given.
func (s *selfScreen) flush() tea.Cmd { return nil }

// ready reports whether the screen's data has loaded.
func (s *selfScreen) ready() bool { return s.loaded }

// Update handles keys, the loaded self-assessment and the saves.
func (s *selfScreen) Update(msg tea.Msg) (tea.Cmd, navMsg) {
	switch msg := msg.(type) {
	case selfLoadedMsg:
		if msg.schoolID != s.school.ID || msg.year != s.year {
			return nil, nil
		}
		s.loaded, s.sa, s.std, s.by = true, msg.sa, msg.std, msg.by
		s.gate.setStage(s.year, msg.stage)
		s.setRows(msg.std.ScoredItems())
		s.syncKeys()
	case selfSavedMsg:
		if msg.schoolID != s.school.ID || !s.inFlight || len(s.queue) == 0 {
			return nil, nil
		}
		head := s.queue[0]
		s.queue, s.inFlight = s.queue[1:], false
		if msg.err != nil {
			s.status, s.failed = s.c.sprintf("%s 未保存：%s", "%s not saved: %s", head.item, s.c.say(msg.err)), true
		} else {
			s.sa, s.status, s.failed = msg.sa, head.done, false
		}
		s.refresh()
		return s.dispatch(), nil
	case selfFormDoneMsg:
		if msg.schoolID != s.school.ID {
			return nil, nil
		}
		s.writing = false
		if msg.err != nil {
			s.status, s.failed, s.path = s.c.say(msg.err), true, ""
			return nil, nil
		}
		s.status, s.failed, s.path = s.c.pick("已写出自评表：", "Wrote the form: "), false, msg.report.Path
		if len(msg.report.Lines) > 0 {
			s.status += msg.report.Lines[0]
		}
		s.fitList()
	case tea.KeyPressMsg, tea.PasteMsg:
		if !s.loaded {
			if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, s.keys.Back) {
				return nil, goBackMsg{}
			}
			return nil, nil
		}
		if s.gate.isOpen() {
			k, ok, cmd := s.gate.update(msg)
			if ok {
				return tea.Batch(cmd, s.key(k)), nil
			}
			return cmd, nil
		}
		if s.valueForm != nil {
			return s.valueInput(msg), nil
		}
		if k, ok := msg.(tea.KeyPressMsg); ok {
			if key.Matches(k, s.keys.Back) {
				if s.busy() {
					s.status, s.failed = s.c.pick("正在保存，请稍候", "Saving; please wait"), false
					return nil, nil
				}
				return nil, goBackMsg{}
			}
			return s.key(k), nil
		}
	}
	return nil, nil
}

// syncKeys turns the answer keys off where nothing may be written or
// nobody is named to enter it.
func (s *selfScreen) syncKeys() {
	s.keys.Form.SetEnabled(s.c.files.SelfForm != nil)
	w := s.c.writable() && s.by != ""
	for _, b := range []*key.Binding{&s.keys.Met, &s.keys.PartlyMet, &s.keys.NotMet, &s.keys.NotApplicable, &s.keys.Clear, &s.keys.Number} {
		b.SetEnabled(w)
	}
}

// key handles a key on the list.
func (s *selfScreen) key(k tea.KeyPressMsg) tea.Cmd {
	if cmd, ok := s.listKey(k); ok {
		return cmd
	}
	if key.Matches(k, s.keys.Form) {
		return s.writeForm()
	}
	it, ok := s.selected()
	if !ok || !s.c.writable() || s.by == "" {
		return nil
	}
	digit := len([]rune(k.Text)) == 1 && (unicode.IsDigit([]rune(k.Text)[0]) || k.Text == ".")
	writes := key.Matches(k, s.keys.Met, s.keys.PartlyMet, s.keys.NotMet, s.keys.NotApplicable, s.keys.Clear, s.keys.Number) || digit
	if writes && s.gate.needs() {
		return s.gate.ask(k, s.w)
	}
	if s.path != "" {
		s.status, s.path = "", ""
		s.fitList()
	}
	s.status = ""
	verdicts := []verdictBinding{{s.keys.Met, checklist.Met}, {s.keys.PartlyMet, checklist.PartlyMet},
		{s.keys.NotMet, checklist.NotMet}, {s.keys.NotApplicable, checklist.NotApplicable}, {s.keys.Clear, checklist.Unanswered}}
	for _, vb := range verdicts {
		if key.Matches(k, vb.b) {
			if _, _, err := it.VerdictEntry(vb.v); err != nil {
				return s.openValue(it, "")
			}
			return s.push(s.verdict(it, vb.v))
		}
	}
	if it.TakesValue() && (digit || key.Matches(k, s.keys.Number)) {
		typed := ""
		if digit {
			typed = k.Text
		}
		return s.openValue(it, typed)
	}
	return nil
}

// verdict is the change giving an item the branch's verdict.
// fitList gives the list the rows the title, the counts and the status
// leave (a path written takes rows of its own).
func (s *selfScreen) fitList() {
	s.setHeight(max(s.h-5-max(len(s.statusRows(s.w)), 1), 3))
}

// statusRows are the status's rows: what was saved or refused, and the
// full path of a form written.
func (s *selfScreen) statusRows(w int) []string {
	st := s.c.styles
	var out []string
	switch {
	case s.status != "" && s.failed:
		out = append(out, st.Error.Render(s.c.clip(s.status, w)))
	case s.status != "":
		for _, r := range s.c.wrap(termtext.Line(s.status), w) {
			out = append(out, st.OK.Render(r))
		}
		if s.path != "" {
			out = append(out, s.c.wrapPath(s.path, w)...)
		}
	}
	return out
}

// writeForm writes the school's 自评表 of the year to the export folder.
func (s *selfScreen) writeForm() tea.Cmd {
	write := s.c.files.SelfForm
	if write == nil || s.writing {
		return nil
	}
	s.writing, s.status, s.failed, s.path = true, s.c.pick("正在写出自评表", "Writing the form"), false, ""
	id, year, l := s.school.ID, s.year, s.c.lang
	return func() tea.Msg {
		r, err := write(id, year, l)
		return selfFormDoneMsg{schoolID: id, report: r, err: err}
	}
}

func (s *selfScreen) verdict(it *checklist.Item, v checklist.Verdict) selfChange {
	wr, id, year, by, item := s.c.writer(s.year), s.school.ID, s.year, s.by, it.ID
	return selfChange{item: item,
		send: func() (*checklist.SelfAssessment, error) {
			return wr.SetSelfVerdict(id, year, item, v, checklist.SourcePaper, by)
		},
		done: s.c.sprintf("已保存：%s %s", "Saved: %s %s", item, s.c.entryWords(it, v, 0))}
}

// push queues a change, moves to the next item and sends it if nothing
// else is being saved.
func (s *selfScreen) push(ch selfChange) tea.Cmd {
	s.queue = append(s.queue, ch)
	s.status, s.failed = s.c.pick("保存中", "Saving"), false
	s.refresh()
	s.move(1)
	return s.dispatch()
}

// dispatch sends the head of the queue.
func (s *selfScreen) dispatch() tea.Cmd {
	if s.inFlight || len(s.queue) == 0 {
		return nil
	}
	s.inFlight = true
	ch, id := s.queue[0], s.school.ID
	return func() tea.Msg {
		sa, err := ch.send()
		return selfSavedMsg{schoolID: id, sa: sa, err: err}
	}
}

// openValue asks a deduction or bonus item's number.
func (s *selfScreen) openValue(it *checklist.Item, typed string) tea.Cmd {
	c := s.c
	hint := it.ID + " " + termtext.Line(c.lang.Text(it)) + "\n" + c.lang.Pick(it.RuleText().ZH, it.RuleText().EN)
	f, cmd := newForm(c, c.lang.Pick(it.Asks().ZH, it.Asks().EN), hint,
		newField(c, c.pick("自评数目", "Number"), typed, c.pick("数字，或“不适用”", "a number, or n/a"), true, 12))
	return openForm(&s.valueForm, f, cmd, s.w)
}

// valueInput passes a key to the number's form; a number checked where
// it enters (checklist.ParseEntry) is saved.
func (s *selfScreen) valueInput(msg tea.Msg) tea.Cmd {
	f, cmd := updateForm(&s.valueForm, msg)
	if f == nil {
		return cmd
	}
	it, _ := s.selected()
	v, x, err := checklist.ParseEntry(it, englishEntry(f.value(0)))
	if err == nil && v == checklist.Unanswered {
		err = checklist.Errorf(checklist.ErrInvalid, it.Asks())
	}
	if err != nil {
		s.valueForm = f
		return f.setError(0, s.c.say(err))
	}
	if !isNumber(strings.TrimSpace(f.value(0))) {
		return tea.Batch(cmd, s.push(s.verdict(it, v)))
	}
	wr, id, year, by, item := s.c.writer(s.year), s.school.ID, s.year, s.by, it.ID
	return tea.Batch(cmd, s.push(selfChange{item: item,
		send: func() (*checklist.SelfAssessment, error) {
			return wr.SetSelfValue(id, year, item, x, checklist.SourcePaper, by)
		},
		done: s.c.sprintf("已保存：%s %s", "Saved: %s %s", item, s.c.entryWords(it, v, x))}))
}

// View draws the school's self-assessment for the year.
func (s *selfScreen) View(w, h int) []string {
	st, l := s.c.styles, s.c.lang
	switch {
	case s.valueForm != nil:
		return s.valueForm.View(w)
	case s.gate.isOpen():
		return s.gate.form.View(w)
	case !s.loaded:
		return s.c.loading(s.title())
	}
	var out lines
	out.add(st.Title.Render(s.c.clip(l.Sprintf("%d 年度支部自评：", "Self-assessment %d: ", s.year)+termtext.Line(termtext.ColumnSafe(s.school.Name)), w)))
	answered, scored, total := 0, len(s.rows), "-"
	if s.sa != nil {
		answered = scored - len(s.sa.Missing(s.std))
		total = checklist.FormatPoints(s.sa.Score(s.std).Total)
	}
	info := l.Sprintf("已填 %d/%d 项  自评分 %s  （按纸质自评表逐项录入）", "%d/%d given  self score %s  (from the paper form)", answered, scored, total)
	if s.by == "" {
		info = l.Pick("请先在设置中填写检查人（esc 返回后按 o）", "Set the inspector first (esc, then o)")
	}
	out.add(st.Dim.Render(s.c.clip(info, w)))
	if s.gate.locked() {
		out.add(st.Warn.Render(s.c.clip(s.c.stageLine(s.gate.stage), w)))
	} else {
		out.add("")
	}
	out.add(s.list.view(w)...)
	out.add(s.statusRows(w)...)
	return out
}
