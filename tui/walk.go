package tui

import (
	"errors"
	"fmt"
	"maps"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/termtext"
)

// walkMode is what the walk is doing.
type walkMode int

const (
	// browsing: answer, move, open the note, finalize.
	browsing walkMode = iota
	// editingNote: the note editor has the keys.
	editingNote
	// confirming: the finalize summary waits for y.
	confirming
	// askingReason: reopening a finalized visit asks why.
	askingReason
)

// opKind is what a saveOp changes.
type opKind int

const (
	opVerdict opKind = iota
	opNote
	opFinalize
	opReopen
)

// saveOp is one change to a visit, queued to be saved. A walk saves its
// changes one at a time in the order they were made, so two fast keys can
// never reach the disk the other way round.
type saveOp struct {
	seq     int
	kind    opKind
	visitID string
	item    string
	verdict checklist.Verdict
	// text is the note, or the reason for reopening.
	text string
}

// failKey names a change that failed to save: the item and what changed.
type failKey struct {
	item string
	kind opKind
}

// failure is a change that was not saved, and why.
type failure struct {
	op  saveOp
	err error
}

// walkScreen is the walk through a visit: the 五要 tree with each 要's
// progress and points beside the current item's full text, its answer and
// its note. One key answers an item, saves it and moves on to the next
// unanswered one.
//
// What it shows is the visit as last saved with the changes still queued
// (and those that failed) laid over it: an answer shows at once, marked
// unsaved until the store says it is on disk.
type walkScreen struct {
	c    *common
	keys WalkKeys
	id   string
	w, h int

	loaded bool
	std    *checklist.Standard
	school checklist.School
	// by is who makes the changes: the remembered inspector, else the
	// visit's.
	by string

	// saved is the visit as the store last returned it.
	saved    *checklist.Inspection
	queue    []saveOp
	inFlight bool
	seq      int
	failed   map[failKey]failure
	// lastSaved is when the last change was committed.
	lastSaved time.Time
	// saveErr is the last save's error, shown while anything is unsaved.
	saveErr string

	// items are every item in display order (4.4 included); reqOf the
	// index of each one's requirement.
	items []*checklist.Item
	reqOf []int
	cur   int

	// Derived from saved and the queue by refresh; View only reads them.
	answers  map[string]checklist.Answer
	score    checklist.Score
	missing  []string
	status   checklist.Status
	pending  map[string]bool
	unsaved  map[string]bool
	treeFrom int

	mode   walkMode
	note   textarea.Model
	reason *form
	// hint is a one-line message for the user (not an error).
	hint string
	// leaving: go back as soon as the queue is saved. leaveAnyway: the
	// user was told some changes failed to save and pressed esc again.
	leaving     bool
	leaveAnyway bool
}

func newWalkScreen(c *common, visitID string) *walkScreen {
	ta := textarea.New()
	ta.Prompt = ""
	ta.ShowLineNumbers = false
	ta.CharLimit = 2000
	ta.Placeholder = c.pick("写下看到的情况或缺少什么", "What you saw, or what is missing")
	ta.SetStyles(c.styles.Area)
	ta.SetVirtualCursor(false) // the terminal's own cursor, for input methods
	return &walkScreen{c: c, keys: c.keys.Walk, id: visitID, note: ta, failed: map[failKey]failure{}}
}

// Init loads the visit, its standard and its school.
func (w *walkScreen) Init() tea.Cmd {
	if w.loaded {
		return nil
	}
	st, id := w.c.store, w.id
	return func() tea.Msg {
		v, err := st.Inspection(id)
		if err != nil {
			return errMsg{err}
		}
		std, err := st.Standard(v.StandardID)
		if err != nil {
			return errMsg{err}
		}
		sc, err := st.School(v.SchoolID)
		if err != nil {
			return errMsg{err}
		}
		name, err := st.Setting(settingInspector)
		if err != nil {
			return errMsg{err}
		}
		return visitLoadedMsg{visit: v, standard: std, school: sc, inspector: name}
	}
}

func (w *walkScreen) setSize(width, height int) {
	w.w, w.h = width, height
	_, rw := w.columns(width)
	if w.mode == editingNote {
		w.sizeNote()
	}
	if w.reason != nil {
		w.reason.setWidth(rw)
	}
}

// columns splits the width into the tree's and the item's.
func (w *walkScreen) columns(width int) (left, right int) {
	left = max(26, min(width*2/5, 36))
	return left, max(width-left-2, 10)
}

func (w *walkScreen) title() string { return w.c.pick("逐项检查", "Walk") }

func (w *walkScreen) typing() bool { return w.mode == editingNote || w.mode == askingReason }

// busy reports whether changes are still waiting to be saved.
func (w *walkScreen) busy() bool { return len(w.queue) > 0 }

// flush queues the note being edited, so that quitting keeps it.
func (w *walkScreen) flush() tea.Cmd {
	if w.mode == editingNote {
		return w.closeNote()
	}
	return nil
}

func (w *walkScreen) keyMap() help.KeyMap {
	switch w.mode {
	case editingNote:
		return oneColumn(w.c.keys.Note.Done)
	case confirming:
		k := w.confirmKeys()
		return oneColumn(k.Confirm, k.FirstMissing, k.Cancel)
	case askingReason:
		return w.reason.keyMap()
	}
	return w.keys
}

// confirmKeys are the finalize summary's keys: y only when the visit can
// be finalized, enter only when something is unanswered.
func (w *walkScreen) confirmKeys() ConfirmKeys {
	k := w.c.keys.Confirm
	k.Confirm.SetEnabled(len(w.missing) == 0 && len(w.failed) == 0)
	k.FirstMissing.SetEnabled(len(w.missing) > 0)
	return k
}

// readOnly: the visit is finalized (or about to be); it changes only
// after reopening.
func (w *walkScreen) readOnly() bool { return w.status == checklist.Finalized }

// Update handles keys, the loaded visit and the results of saves.
func (w *walkScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case visitLoadedMsg:
		if msg.visit.ID != w.id || w.loaded {
			return nil
		}
		w.load(msg)
		return nil
	case answerSavedMsg:
		if !w.isHead(msg.op) {
			return nil
		}
		return w.saved1(msg)
	case saveFailedMsg:
		if !w.isHead(msg.op) {
			return nil
		}
		return w.failed1(msg)
	case tea.KeyPressMsg, tea.PasteMsg:
		if !w.loaded {
			if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, w.keys.Back) {
				return w.c.back()
			}
			return nil
		}
		return w.input(msg)
	}
	return nil
}

// load takes the loaded visit and puts the cursor on its first
// unanswered item.
func (w *walkScreen) load(msg visitLoadedMsg) {
	w.loaded = true
	w.saved, w.std, w.school = msg.visit, msg.standard, msg.school
	w.by = msg.inspector
	if w.by == "" {
		w.by = msg.visit.Inspector
	}
	w.items = w.std.Items()
	w.reqOf = make([]int, 0, len(w.items))
	for ri := range w.std.Requirements {
		for range w.std.Requirements[ri].Items() {
			w.reqOf = append(w.reqOf, ri)
		}
	}
	w.refresh()
	w.cur = 0
	if i, ok := w.nextUnanswered(len(w.items) - 1); ok {
		w.cur = i
	}
}

// isHead reports whether a save result is for the change at the head of
// the queue.
func (w *walkScreen) isHead(op saveOp) bool {
	return op.visitID == w.id && len(w.queue) > 0 && w.queue[0].seq == op.seq
}

// saved1 takes a committed change: the visit as saved replaces ours and
// the next change goes.
func (w *walkScreen) saved1(msg answerSavedMsg) tea.Cmd {
	w.queue, w.inFlight = w.queue[1:], false
	w.saved, w.lastSaved = msg.visit, msg.at
	delete(w.failed, failKey{msg.op.item, msg.op.kind})
	if len(w.failed) == 0 {
		w.saveErr = ""
	}
	switch msg.op.kind {
	case opFinalize:
		w.hint = w.c.pick("已定稿。改动需按 R 重新打开并说明原因", "Finalized. To change it, press R and give a reason")
	case opReopen:
		w.hint = w.c.pick("已重新打开,可以修改;改动记入审计记录", "Reopened: changes now go to the audit trail")
	}
	w.refresh()
	return w.next()
}

// failed1 takes a change that was not saved: the item stays marked
// unsaved and the error shows.
func (w *walkScreen) failed1(msg saveFailedMsg) tea.Cmd {
	w.queue, w.inFlight = w.queue[1:], false
	op := msg.op
	var inc *checklist.IncompleteError
	switch {
	case op.kind == opFinalize && errors.As(msg.err, &inc):
		w.hint = ""
		w.saveErr = w.c.sprintf("不能定稿:还有 %d 项未答:%s", "Cannot finalize: %d unanswered: %s", len(inc.Missing), strings.Join(inc.Missing, " "))
	case op.kind == opFinalize || op.kind == opReopen:
		w.saveErr = termtext.OneLine(msg.err.Error())
	default:
		w.failed[failKey{op.item, op.kind}] = failure{op, msg.err}
		w.saveErr = w.c.sprintf("%s 未保存:%s", "%s not saved: %s", op.item, termtext.OneLine(msg.err.Error()))
	}
	w.refresh()
	return w.next()
}

// next sends the next queued change, or goes back if the user is leaving
// and everything is saved.
func (w *walkScreen) next() tea.Cmd {
	if w.leaving && len(w.queue) == 0 {
		if len(w.failed) == 0 || w.leaveAnyway {
			return w.c.back()
		}
		w.leaving, w.leaveAnyway = false, true
		w.hint = w.unsavedWarning()
		return nil
	}
	return w.dispatch()
}

// enqueue queues a change and sends it if nothing else is being saved.
func (w *walkScreen) enqueue(op saveOp) tea.Cmd {
	w.seq++
	op.seq, op.visitID = w.seq, w.id
	w.queue = append(w.queue, op)
	w.leaveAnyway = false
	w.refresh()
	return w.dispatch()
}

// dispatch sends the change at the head of the queue to the store, in a
// command that reports answerSavedMsg or saveFailedMsg.
func (w *walkScreen) dispatch() tea.Cmd {
	if w.inFlight || len(w.queue) == 0 {
		return nil
	}
	w.inFlight = true
	op, st, by, now := w.queue[0], w.c.store, w.by, w.c.now
	return func() tea.Msg {
		var (
			v   *checklist.Inspection
			err error
		)
		switch op.kind {
		case opVerdict:
			v, err = st.SetVerdict(op.visitID, op.item, op.verdict, by)
		case opNote:
			v, err = st.SetNote(op.visitID, op.item, op.text, by)
		case opFinalize:
			v, err = st.Finalize(op.visitID, by)
		case opReopen:
			v, err = st.Reopen(op.visitID, op.text, by)
		}
		if err != nil {
			return saveFailedMsg{op: op, err: err}
		}
		return answerSavedMsg{op: op, visit: v, at: now()}
	}
}

// refresh recomputes what the screen shows: the saved visit with the
// failed and the queued changes laid over it, its score, what is missing
// and which keys work.
func (w *walkScreen) refresh() {
	ans := maps.Clone(w.saved.Answers)
	if ans == nil {
		ans = map[string]checklist.Answer{}
	}
	status := w.saved.Status
	w.pending = map[string]bool{}
	w.unsaved = map[string]bool{}
	apply := func(op saveOp) {
		a := ans[op.item]
		switch op.kind {
		case opVerdict:
			a.Verdict = op.verdict
		case opNote:
			a.Note = strings.TrimSpace(op.text)
		case opFinalize:
			status = checklist.Finalized
			return
		case opReopen:
			status = checklist.Draft
			return
		}
		if a.IsZero() {
			delete(ans, op.item)
		} else {
			ans[op.item] = a
		}
	}
	for k, f := range w.failed {
		apply(f.op)
		w.unsaved[k.item] = true
	}
	for _, op := range w.queue {
		apply(op)
		if op.item != "" {
			w.pending[op.item] = true
		}
	}
	w.answers, w.status = ans, status
	w.score = checklist.ScoreAnswers(w.std, ans)
	w.missing = w.missing[:0]
	for _, it := range w.items {
		if it.Scored && ans[it.ID].Verdict == checklist.Unanswered {
			w.missing = append(w.missing, it.ID)
		}
	}
	ro := w.readOnly()
	for _, b := range []*key.Binding{&w.keys.Met, &w.keys.PartlyMet, &w.keys.NotMet, &w.keys.NotApplicable, &w.keys.Clear, &w.keys.Note, &w.keys.Finalize} {
		b.SetEnabled(!ro)
	}
	w.keys.Reopen.SetEnabled(ro && w.saved.Status == checklist.Finalized)
}

// nextUnanswered finds the first unanswered scored item after from,
// going round to the start.
func (w *walkScreen) nextUnanswered(from int) (int, bool) {
	n := len(w.items)
	for k := 1; k <= n; k++ {
		i := (from + k) % n
		if it := w.items[i]; it.Scored && w.answers[it.ID].Verdict == checklist.Unanswered {
			return i, true
		}
	}
	return from, false
}

// input handles a key or a paste in the current mode.
func (w *walkScreen) input(msg tea.Msg) tea.Cmd {
	switch w.mode {
	case editingNote:
		if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, w.c.keys.Note.Done) {
			return w.closeNote()
		}
		var cmd tea.Cmd
		w.note, cmd = w.note.Update(msg)
		return cmd
	case askingReason:
		return w.reasonInput(msg)
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	if w.mode == confirming {
		return w.confirmInput(k)
	}
	return w.browse(k)
}

// browse handles a key while moving through the items.
func (w *walkScreen) browse(k tea.KeyPressMsg) tea.Cmd {
	w.hint = ""
	it := w.items[w.cur]
	verdicts := []struct {
		b key.Binding
		v checklist.Verdict
	}{{w.keys.Met, checklist.Met}, {w.keys.PartlyMet, checklist.PartlyMet}, {w.keys.NotMet, checklist.NotMet}, {w.keys.NotApplicable, checklist.NotApplicable}}
	for _, vb := range verdicts {
		if key.Matches(k, vb.b) {
			return w.answer(vb.v)
		}
	}
	switch {
	case key.Matches(k, w.keys.Clear):
		if !it.Scored || w.answers[it.ID].Verdict == checklist.Unanswered {
			return nil
		}
		return w.enqueue(saveOp{kind: opVerdict, item: it.ID, verdict: checklist.Unanswered})
	case key.Matches(k, w.keys.Note):
		if !it.Scored {
			w.hint = w.c.sprintf("%s 不计分,不能作答", "%s is not scored and takes no answer", it.ID)
			return nil
		}
		w.mode = editingNote
		w.note.SetValue(w.answers[it.ID].Note)
		w.sizeNote()
		return w.note.Focus()
	case key.Matches(k, w.keys.Up):
		w.cur = max(w.cur-1, 0)
	case key.Matches(k, w.keys.Down):
		w.cur = min(w.cur+1, len(w.items)-1)
	case key.Matches(k, w.keys.NextReq):
		w.jumpReq(1)
	case key.Matches(k, w.keys.PrevReq):
		w.jumpReq(-1)
	case key.Matches(k, w.keys.Finalize):
		w.mode = confirming
	case key.Matches(k, w.keys.Reopen):
		return w.openReason()
	case key.Matches(k, w.keys.Back):
		return w.leave()
	}
	return nil
}

// answer gives the current item a verdict, queues it to be saved and
// moves on to the next unanswered item.
func (w *walkScreen) answer(v checklist.Verdict) tea.Cmd {
	it := w.items[w.cur]
	if !it.Scored {
		w.hint = w.c.sprintf("%s 不计分,不能作答", "%s is not scored and takes no answer", it.ID)
		return nil
	}
	cmd := w.enqueue(saveOp{kind: opVerdict, item: it.ID, verdict: v})
	if i, ok := w.nextUnanswered(w.cur); ok {
		w.cur = i
	}
	return cmd
}

// jumpReq moves to the next or previous 要: its first unanswered item,
// else its first item.
func (w *walkScreen) jumpReq(d int) {
	n := len(w.std.Requirements)
	ri := (w.reqOf[w.cur] + d + n) % n
	first := -1
	for i, r := range w.reqOf {
		if r != ri {
			continue
		}
		if first < 0 {
			first = i
		}
		if it := w.items[i]; it.Scored && w.answers[it.ID].Verdict == checklist.Unanswered {
			w.cur = i
			return
		}
	}
	if first >= 0 {
		w.cur = first
	}
}

// closeNote leaves the note editor, queuing the note if it changed.
func (w *walkScreen) closeNote() tea.Cmd {
	w.mode = browsing
	w.note.Blur()
	it := w.items[w.cur]
	text := strings.TrimSpace(w.note.Value())
	if text == w.answers[it.ID].Note {
		return nil
	}
	return w.enqueue(saveOp{kind: opNote, item: it.ID, text: text})
}

// confirmInput handles the finalize summary.
func (w *walkScreen) confirmInput(k tea.KeyPressMsg) tea.Cmd {
	ck := w.confirmKeys()
	switch {
	case key.Matches(k, ck.Confirm):
		w.mode = browsing
		return w.enqueue(saveOp{kind: opFinalize})
	case key.Matches(k, ck.FirstMissing):
		w.mode = browsing
		for i, it := range w.items {
			if it.ID == w.missing[0] {
				w.cur = i
			}
		}
	case key.Matches(k, ck.Cancel):
		w.mode = browsing
	}
	return nil
}

// openReason asks why a finalized visit is reopened.
func (w *walkScreen) openReason() tea.Cmd {
	c := w.c
	f, cmd := newForm(c, c.pick("重新打开已定稿的检查", "Reopen a finalized visit"),
		c.pick("原因会记入审计记录,之后的每一处改动也会记录。", "The reason goes to the audit trail, with every change after it."),
		newField(c, c.pick("原因", "Reason"), "", c.pick("如 学校补交了材料", "e.g. the school sent the missing records"), true, 200))
	_, rw := w.columns(w.w)
	w.mode = askingReason
	return openForm(&w.reason, f, cmd, rw)
}

// reasonInput passes a key to the reason form; a sent reason reopens.
func (w *walkScreen) reasonInput(msg tea.Msg) tea.Cmd {
	f, cmd := updateForm(&w.reason, msg)
	if w.reason == nil {
		w.mode = browsing
	}
	if f == nil {
		return cmd
	}
	return w.enqueue(saveOp{kind: opReopen, text: f.value(0)})
}

// leave goes back to the school once every change is saved.
func (w *walkScreen) leave() tea.Cmd {
	if len(w.queue) > 0 {
		w.leaving = true
		w.hint = w.c.pick("正在保存,保存完就返回", "Saving; going back when done")
		return nil
	}
	if len(w.failed) > 0 && !w.leaveAnyway {
		w.leaveAnyway = true
		w.hint = w.unsavedWarning()
		return nil
	}
	return w.c.back()
}

func (w *walkScreen) unsavedWarning() string {
	return w.c.pick("再按 esc 放弃未保存的改动(标 !)并返回", "esc again drops the unsaved changes (marked !)")
}

// View draws the header, the tree and the item side by side, and the
// status line.
func (w *walkScreen) View(width, height int) []string {
	if !w.loaded {
		return w.c.loading(w.title())
	}
	lw, rw := w.columns(width)
	body := height - 3
	var right []string
	switch w.mode {
	case confirming:
		right = w.summaryView(rw)
	case askingReason:
		right = w.reason.View(rw)
	default:
		right = w.itemView(rw)
	}
	out := make([]string, 0, height)
	out = append(out, w.header(width), "")
	out = append(out, frame(joinColumns(w.treeView(lw, body), frame(right, rw, body), lw, 2), width, body)...)
	return append(out, w.statusLine(width))
}

// header is the visit's first line: school, date, inspector, status.
func (w *walkScreen) header(width int) string {
	st := w.c.styles
	l := w.c.lang
	h := st.Title.Render(termtext.ColumnSafe(w.school.Name)) + "  " + w.saved.Date.String() + "  " +
		l.Pick("检查人 ", "Inspector ") + termtext.ColumnSafe(w.saved.Inspector) + "  "
	if w.readOnly() {
		h += st.Warn.Render(l.Status(checklist.Finalized)) + st.Dim.Render(l.Pick("  只读,按 R 重新打开", "  read-only; R reopens"))
	} else {
		h += st.Dim.Render(l.Status(checklist.Draft))
	}
	return termtext.Clip(h, width)
}

// treeView is the 五要 tree: each 要 with answered/total and points, the
// current one opened to its items.
func (w *walkScreen) treeView(lw, h int) []string {
	st := w.c.styles
	l := w.c.lang
	curReq := w.reqOf[w.cur]
	var rows []string
	cursorRow := 0
	i := 0
	for ri := range w.std.Requirements {
		r := &w.std.Requirements[ri]
		rs := w.score.Requirements[ri]
		points := checklist.FormatPoints(rs.Points)
		if !rs.Applicable {
			points = "-"
		}
		tail := " " + termtext.FitRight(fmt.Sprintf("%d/%d", rs.Answered, rs.Scored), 5) + " " + termtext.FitRight(points, 5)
		label := l.RequirementLabel(r) + " "
		head := label + termtext.Fit(termtext.ColumnSafe(l.RequirementTitle(r)), lw-termtext.Width(label)-termtext.Width(tail)) + tail
		if ri == curReq {
			rows = append(rows, st.Bold.Render(head))
		} else {
			rows = append(rows, head)
		}
		for gi := range r.Groups {
			g := &r.Groups[gi]
			if ri == curReq && l.GroupTitle(g) != "" {
				rows = append(rows, st.Dim.Render(termtext.Clip("  "+termtext.ColumnSafe(l.GroupTitle(g)), lw)))
			}
			for range g.Items {
				if ri == curReq {
					if i == w.cur {
						cursorRow = len(rows)
					}
					rows = append(rows, w.treeItem(w.items[i], i == w.cur, lw))
				}
				i++
			}
		}
	}
	w.treeFrom = window(w.treeFrom, cursorRow, len(rows), h)
	return rows[w.treeFrom:min(len(rows), w.treeFrom+h)]
}

// treeItem is one item's row: id, answer mark, save mark and its text.
func (w *walkScreen) treeItem(it *checklist.Item, current bool, lw int) string {
	st := w.c.styles
	a := w.answers[it.ID]
	mark := verdictMark(a.Verdict)
	if !it.Scored {
		mark = "   "
	}
	save := " "
	switch {
	case w.unsaved[it.ID]:
		save = "!"
	case w.pending[it.ID]:
		save = "*"
	}
	text := termtext.ColumnSafe(w.c.lang.Text(it))
	if !it.Scored {
		text = w.c.pick("(不计分)", "(not scored)")
	}
	prefix := "  "
	if current {
		prefix = "> "
	}
	row := prefix + termtext.Fit(it.ID, 7) + mark + save + " "
	row = termtext.Fit(row+text, lw)
	if current {
		return st.Selected.Render(row)
	}
	return termtext.Fit(prefix+it.ID, 9) + st.verdict(a.Verdict).Render(mark) + w.saveMarkStyle(save) + " " + termtext.Clip(text, lw-14)
}

func (w *walkScreen) saveMarkStyle(m string) string {
	if m == "!" {
		return w.c.styles.Error.Render(m)
	}
	if m == "*" {
		return w.c.styles.Warn.Render(m)
	}
	return m
}

// verdictMark is an answer's mark in the tree: plain ASCII, so that no
// terminal draws it wider than counted.
func verdictMark(v checklist.Verdict) string {
	switch v {
	case checklist.Met:
		return "[Y]"
	case checklist.PartlyMet:
		return "[P]"
	case checklist.NotMet:
		return "[N]"
	case checklist.NotApplicable:
		return "[-]"
	}
	return "[ ]"
}

// itemView is the current item: where it is in the standard, its full
// text, its answer and its note (or the note editor).
func (w *walkScreen) itemView(rw int) []string {
	st := w.c.styles
	l := w.c.lang
	it := w.items[w.cur]
	out := w.itemHead(rw)
	if !it.Scored {
		return out
	}
	a := w.answers[it.ID]
	if w.mode == editingNote {
		out = append(out, st.Bold.Render(termtext.Clip(l.Pick("备注(esc 保存并返回):", "Note (esc saves and leaves):"), rw)))
		return append(out, strings.Split(w.note.View(), "\n")...)
	}
	switch {
	case a.Note == "" && w.readOnly():
		out = append(out, st.Dim.Render(termtext.Clip(l.Pick("备注:无", "Note: none"), rw)))
	case a.Note == "":
		out = append(out, st.Dim.Render(termtext.Clip(l.Pick("备注:无(按 e 添加)", "Note: none (e to add)"), rw)))
	default:
		out = append(out, termtext.IndentWrap(l.Pick("备注:", "Note: "), a.Note, rw)...)
	}
	return out
}

// itemHead is the item's part of the pane above its note: where it is in
// the standard, its text, and its answer.
func (w *walkScreen) itemHead(rw int) []string {
	st := w.c.styles
	l := w.c.lang
	it := w.items[w.cur]
	r := &w.std.Requirements[w.reqOf[w.cur]]
	var out lines
	for _, row := range termtext.Wrap(l.Requirement(r), rw) {
		out.add(st.Bold.Render(row))
	}
	if g := w.group(r, it); g != nil && l.GroupTitle(g) != "" {
		t := l.GroupTitle(g)
		if n := l.GroupNote(g); n != "" {
			t += l.Pick(":", ": ") + n
		}
		for _, row := range termtext.Wrap(t, rw) {
			out.add(st.Dim.Render(row))
		}
	}
	out.add("")
	id := st.Title.Render(it.ID)
	if !it.Scored {
		id += "  " + st.Warn.Render(l.Pick("不计分", "not scored"))
	}
	out.add(id)
	out.add(termtext.Wrap(it.Text, rw)...)
	if l == i18n.English && it.EN != "" {
		for _, row := range termtext.Wrap(it.EN, rw) {
			out.add(st.Dim.Render(row))
		}
	}
	if n := l.Note(it); n != "" {
		for _, row := range termtext.Wrap(n, rw) {
			out.add(st.Dim.Render(row))
		}
	}
	if !it.Scored {
		return out
	}
	out.add("")
	a := w.answers[it.ID]
	ans := l.Pick("答案:", "Answer: ") + st.verdict(a.Verdict).Render(l.Verdict(a.Verdict))
	switch {
	case w.unsaved[it.ID]:
		ans += "  " + st.Error.Render(l.Pick("! 未保存", "! not saved"))
	case w.pending[it.ID]:
		ans += "  " + st.Warn.Render(l.Pick("* 保存中", "* saving"))
	}
	out.add(ans)
	return out
}

// editorTop is the row of the pane where the note editor begins.
func (w *walkScreen) editorTop(rw int) int { return len(w.itemHead(rw)) + 1 }

// sizeNote fits the note editor in the pane below the item.
func (w *walkScreen) sizeNote() {
	_, rw := w.columns(w.w)
	w.note.SetWidth(rw)
	w.note.SetHeight(max(w.h-3-w.editorTop(rw), 3))
}

// textCursor is where the terminal's cursor goes while text is typed (the
// note, the reason for reopening), so that an input method shows its
// candidates there; nil otherwise.
func (w *walkScreen) textCursor() *tea.Cursor {
	if !w.loaded {
		return nil
	}
	lw, rw := w.columns(w.w)
	var (
		c   *tea.Cursor
		top int
	)
	switch w.mode {
	case editingNote:
		c, top = w.note.Cursor(), w.editorTop(rw)
	case askingReason:
		c = w.reason.cursor(rw)
	}
	if c == nil || top+c.Y >= w.h-3 {
		return nil
	}
	c.X += lw + 2
	c.Y += top + 2
	return c
}

// group is the group an item is in.
func (w *walkScreen) group(r *checklist.Requirement, it *checklist.Item) *checklist.Group {
	for gi := range r.Groups {
		for ii := range r.Groups[gi].Items {
			if r.Groups[gi].Items[ii].ID == it.ID {
				return &r.Groups[gi]
			}
		}
	}
	return nil
}

// summaryView is the finalize summary: points per 要, total, stars, the
// lagging flag and anything unanswered.
func (w *walkScreen) summaryView(rw int) []string {
	st := w.c.styles
	l := w.c.lang
	sc := w.score
	var out lines
	out.add(st.Title.Render(termtext.Clip(l.Pick("定稿前核对", "Before finalizing"), rw)), "")
	for ri := range w.std.Requirements {
		r := &w.std.Requirements[ri]
		rs := sc.Requirements[ri]
		pts := termtext.FitRight(checklist.FormatPoints(rs.Points), 6) + " / " + checklist.FormatPoints(rs.Max)
		if !rs.Applicable {
			pts = termtext.FitRight("-", 6) + l.Pick("  不适用", "  n/a")
		}
		label := l.RequirementLabel(r) + " "
		out.add(label + termtext.Fit(termtext.ColumnSafe(l.RequirementTitle(r)), rw-termtext.Width(label)-termtext.Width(pts)-1) + " " + pts)
	}
	out.add("")
	out.add(st.Bold.Render(l.Sprintf("合计 %s 分  %s", "Total %s  %s", checklist.FormatPoints(sc.Total), l.StarCount(sc.Stars))) +
		"  " + st.Stars.Render(i18n.Stars(sc.Stars, w.std.Stars.MaxStars())))
	if f := l.Flag(sc); f != "" {
		out.add(st.Warn.Render(termtext.Clip(f, rw)))
	}
	out.add("")
	switch {
	case len(w.missing) > 0:
		for _, row := range termtext.Wrap(l.Sprintf("还有 %d 项未答:%s", "%d unanswered: %s", len(w.missing), strings.Join(w.missing, " ")), rw) {
			out.add(st.Error.Render(row))
		}
		out.add(termtext.Wrap(l.Pick("答完才能定稿。按 enter 去第一个未答项。", "Answer them before finalizing. enter goes to the first."), rw)...)
	case len(w.failed) > 0:
		out.add(termtext.Wrap(w.unsavedWarning(), rw)...)
	default:
		out.add(termtext.Wrap(l.Pick("按 y 确认定稿。定稿后只读,改动需重新打开并说明原因。", "Press y to finalize. It is then read-only; changes need a reason."), rw)...)
	}
	return out
}

// statusLine is always shown: answered/total, the (provisional) score and
// stars, whether the last change is saved, and any message.
func (w *walkScreen) statusLine(width int) string {
	st := w.c.styles
	l := w.c.lang
	sc := w.score
	line := fmt.Sprintf("%d/%d  ", sc.Answered, sc.Scored)
	if w.status == checklist.Finalized {
		line += l.Sprintf("%s分", "%s points", checklist.FormatPoints(sc.Total))
	} else {
		line += l.Sprintf("暂定 %s分", "provisional %s", checklist.FormatPoints(sc.Total))
	}
	line = st.Bold.Render(line) + " " + st.Stars.Render(i18n.Stars(sc.Stars, w.std.Stars.MaxStars())) + "  "
	switch {
	case len(w.failed) > 0:
		line += st.Error.Render(l.Sprintf("未保存 %d 处", "%d not saved", len(w.failed)))
	case len(w.queue) > 0:
		line += st.Warn.Render(l.Pick("保存中", "saving"))
	case !w.lastSaved.IsZero():
		line += st.OK.Render(l.Pick("已保存 ", "saved ") + w.lastSaved.Format("15:04:05"))
	}
	switch {
	case w.hint != "":
		line += "  " + st.Warn.Render(w.hint)
	case w.saveErr != "":
		line += "  " + st.Error.Render(w.saveErr)
	}
	return termtext.Clip(line, width)
}

// ready reports whether the screen's data has loaded.
func (w *walkScreen) ready() bool { return w.loaded }
