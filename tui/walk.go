package tui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"branchcheck/checklist"
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
	// askingValue: a deduction or bonus item's number is being typed.
	askingValue
	// askingLock: a write to a confirmed year asks why, once.
	askingLock
)

// walkScreen is the walk through a visit: the 五要 tree with each 要's
// progress and points beside the current item's full text, its answer and
// its note. One key answers an item, saves it and moves on to the next
// unanswered one.
//
// It is built from parts, one file each: the tree (walktree.go), the
// item pane with its note editor (itempane.go), the finalize summary
// (summary.go), the reopen form (reopen.go), the header and status line
// (walkstatus.go) and the save queue (savequeue.go), whose overlay is
// what every part draws (walkDoc, embedded). This file composes them.
type walkScreen struct {
	walkDoc
	// saveQueue saves the walk's changes in order; embedded, its busy
	// is the walk's.
	saveQueue
	c      *common
	keys   WalkKeys
	id     string
	w, h   int
	loaded bool
	school checklist.School
	// saved is the visit as the store last returned it.
	saved *checklist.Inspection
	// changes makes the changes, as the inspector (the remembered one,
	// else the visit's).
	changes visitChanges

	mode    walkMode
	tree    walkTree
	pane    itemPane
	summary finalizeSummary
	reopen  reopenForm
	// hint is a one-line message for the user (not an error).
	hint string
	// undo are the answers given in this walk, latest last: z takes the
	// last one back.
	undo []undoStep
	// year is the visit's year's stage and the school's self-assessment;
	// gate asks the reason a confirmed year's change needs; valueForm
	// asks a deduction or bonus item's number (walkvalue.go).
	year      walkYear
	gate      lockGate
	valueForm *form
}

// undoStep is an answer given in the walk: the item and its verdict
// before.
type undoStep struct {
	item string
	was  checklist.Verdict
}

// newWalkScreen is the walk of a visit; past is what the school screen
// that opens it read of the school's past (walkpast.go).
func newWalkScreen(c *common, visitID string, past walkPast) *walkScreen {
	w := &walkScreen{c: c, keys: c.keys.Walk, id: visitID, saveQueue: newSaveQueue(visitID, c.now),
		tree: walkTree{c: c}, pane: newItemPane(c), summary: finalizeSummary{c}, reopen: reopenForm{c: c}}
	w.past = past
	return w
}

// Init loads the visit, its standard, its school and the inspector's
// remembered name, in one read.
func (w *walkScreen) Init() tea.Cmd {
	if w.loaded {
		return nil
	}
	st, id := w.c.store, w.id
	return func() tea.Msg { return readWalk(st, id) }
}

func (w *walkScreen) setSize(width, height int) {
	w.w, w.h = width, height
	_, rw := w.columns()
	if w.mode == editingNote {
		w.pane.size(&w.walkDoc, rw, w.bodyHeight())
	}
	w.reopen.setWidth(rw)
	for _, f := range []*form{w.valueForm, w.gate.form} {
		if f != nil {
			f.setWidth(rw)
		}
	}
	w.follow()
}

// columns splits the width into the tree's and the item's: the tree
// takes two fifths, so that its items' texts grow with the window.
func (w *walkScreen) columns() (left, right int) {
	left = max(26, w.w*2/5)
	return left, max(w.w-left-2, 10)
}

// bodyHeight is the rows of the tree and the pane: all but the header,
// the blank line under it and the status line.
func (w *walkScreen) bodyHeight() int { return max(w.h-3, 0) }

// follow keeps the current item in the tree's view.
func (w *walkScreen) follow() {
	if w.loaded {
		w.tree.follow(&w.walkDoc, w.bodyHeight())
	}
}

func (w *walkScreen) title() string { return w.c.pick("逐项检查", "Walk") }

func (w *walkScreen) typing() bool {
	return w.mode == editingNote || w.mode == askingReason || w.mode == askingValue || w.mode == askingLock
}

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
		k := w.summary.keys(&w.walkDoc, len(w.failed))
		return oneColumn(k.Confirm, k.FirstMissing, k.Cancel)
	case askingReason:
		return w.reopen.keyMap()
	case askingValue:
		return w.valueForm.keyMap()
	case askingLock:
		return w.gate.form.keyMap()
	}
	return w.keys
}

// Update handles keys, the loaded visit and the results of saves.
func (w *walkScreen) Update(msg tea.Msg) (tea.Cmd, navMsg) {
	cmd, move := w.update(msg)
	w.follow()
	return cmd, move
}

func (w *walkScreen) update(msg tea.Msg) (tea.Cmd, navMsg) {
	switch msg := msg.(type) {
	case visitLoadedMsg:
		if msg.wv.Visit.ID == w.id && !w.loaded {
			w.load(msg)
		}
	case answerSavedMsg:
		if w.isHead(msg.visitID, msg.seq) {
			return w.onSaved(msg)
		}
	case saveFailedMsg:
		if w.isHead(msg.visitID, msg.seq) {
			return w.onFailed(msg)
		}
	case walkRectsMsg:
		if w.loaded && msg.schoolID == w.school.ID {
			w.past.setRects(msg.rects)
			w.syncKeys()
		}
	case tea.KeyPressMsg, tea.PasteMsg:
		if !w.loaded {
			if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, w.keys.Back) {
				return nil, goBackMsg{}
			}
			return nil, nil
		}
		return w.input(msg)
	}
	return nil, nil
}

// load takes the loaded visit and puts the cursor on its first
// unanswered item.
func (w *walkScreen) load(msg visitLoadedMsg) {
	w.loaded = true
	wv := msg.wv
	w.saved, w.std, w.school = wv.Visit, wv.Standard, wv.School
	by := wv.Inspector
	if by == "" {
		by = wv.Visit.Inspector
	}
	w.changes = visitChanges{c: w.c, std: w.std, id: w.id, by: by}
	w.loadYear(msg.year)
	w.setStandard(w.std)
	w.show()
	w.cur = 0
	if w.openOnRects() {
		return
	}
	if i, ok := w.nextUnanswered(len(w.items) - 1); ok {
		w.cur = i
	}
}

// input handles a key or a paste in the current mode.
func (w *walkScreen) input(msg tea.Msg) (tea.Cmd, navMsg) {
	switch w.mode {
	case editingNote:
		if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, w.c.keys.Note.Done) {
			return w.closeNote(), nil
		}
		return w.pane.update(msg), nil
	case askingReason:
		reason, sent, cmd := w.reopen.update(msg)
		if !w.reopen.isOpen() {
			w.mode = browsing
		}
		if sent {
			if w.gate.locked() && w.c.reasons[w.gate.year] == "" {
				// The reopen's reason serves as the lock's: asked once.
				w.c.reasons[w.gate.year] = reason
			}
			return w.enqueue(w.changes.reopen(reason)), nil
		}
		return cmd, nil
	case askingValue:
		return w.valueInput(msg), nil
	case askingLock:
		return w.lockInput(msg)
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil, nil
	}
	if w.mode == confirming {
		return w.confirm(k), nil
	}
	return w.browse(k)
}

// browse handles a key while moving through the items.
func (w *walkScreen) browse(k tea.KeyPressMsg) (tea.Cmd, navMsg) {
	w.hint = ""
	it := w.item()
	if cmd, held := w.gateKey(k); held {
		return cmd, nil
	}
	if !w.readOnly() && w.c.writable() {
		if cmd, ok := w.valueKey(k); ok {
			return cmd, nil
		}
	}
	for _, vb := range w.verdictKeys() {
		if key.Matches(k, vb.b) {
			return w.answer(vb.v), nil
		}
	}
	switch {
	case key.Matches(k, w.keys.Clear):
		if it.Scored && w.answers[it.ID].Verdict != checklist.Unanswered {
			if !it.TakesValue() { // a number is not taken back by z: typed again
				w.undo = append(w.undo, undoStep{it.ID, w.answers[it.ID].Verdict})
			}
			return w.enqueue(w.changes.verdict(it.ID, checklist.Unanswered)), nil
		}
	case key.Matches(k, w.keys.Undo):
		return w.takeBack(), nil
	case key.Matches(k, w.keys.Audit):
		return nil, open(newAuditScreen(w.c, w.saved, w.std, w.school.Name))
	case key.Matches(k, w.keys.Note):
		if !it.Scored {
			w.hint = w.notScored(it)
			return nil, nil
		}
		w.mode = editingNote
		_, rw := w.columns()
		return w.pane.openNote(&w.walkDoc, rw, w.bodyHeight()), nil
	case key.Matches(k, w.keys.Up):
		w.cur = max(w.cur-1, 0)
	case key.Matches(k, w.keys.Down):
		w.cur = min(w.cur+1, len(w.items)-1)
	case key.Matches(k, w.keys.NextRect):
		w.jumpRect()
	case key.Matches(k, w.keys.NextReq):
		w.jumpReq(1)
	case key.Matches(k, w.keys.PrevReq):
		w.jumpReq(-1)
	case key.Matches(k, w.keys.Finalize):
		w.mode = confirming
	case key.Matches(k, w.keys.Reopen):
		w.mode = askingReason
		_, rw := w.columns()
		return w.reopen.open(rw), nil
	case key.Matches(k, w.keys.Back):
		return w.back()
	}
	return nil, nil
}

func (w *walkScreen) notScored(it *checklist.Item) string {
	return w.c.sprintf("%s 不计分，不能作答", "%s is not scored and takes no answer", it.ID)
}

// confirm handles a key on the finalize summary.
func (w *walkScreen) confirm(k tea.KeyPressMsg) tea.Cmd {
	switch w.summary.choose(k, &w.walkDoc, len(w.failed)) {
	case summaryFinalize:
		w.mode = browsing
		w.undo = nil
		return w.enqueue(w.changes.finalize())
	case summaryFirstMissing:
		w.mode = browsing
		w.goTo(w.missing[0])
	case summaryCancel:
		w.mode = browsing
	}
	return nil
}

// View draws the header, the tree and the current part side by side, and
// the status line.
func (w *walkScreen) View(width, height int) []string {
	if !w.loaded {
		return w.c.loading(w.title())
	}
	lw, rw := w.columns()
	body := height - 3
	var right []string
	switch w.mode {
	case confirming:
		right = w.summary.view(&w.walkDoc, len(w.failed), rw)
	case askingReason:
		right = w.reopen.view(rw)
	case askingValue:
		right = w.valueForm.View(rw)
	case askingLock:
		right = w.gate.form.View(rw)
	default:
		right = w.pane.view(&w.walkDoc, w.mode == editingNote, rw)
	}
	out := make([]string, 0, height)
	out = append(out, w.header(width), "")
	out = append(out, frame(joinColumns(w.tree.view(&w.walkDoc, lw, body), frame(right, rw, body), lw, 2), width, body)...)
	return append(out, w.statusLine(width))
}

// textCursor is where the terminal's cursor goes while text is typed (the
// note, the reason for reopening), so that an input method shows its
// candidates there; nil otherwise.
func (w *walkScreen) textCursor() *tea.Cursor {
	if !w.loaded {
		return nil
	}
	lw, rw := w.columns()
	var c *tea.Cursor
	switch w.mode {
	case editingNote:
		c = w.pane.cursor(&w.walkDoc, rw, w.bodyHeight())
	case askingReason:
		if c = w.reopen.cursor(rw); c != nil && c.Y >= w.bodyHeight() {
			c = nil
		}
	case askingValue, askingLock:
		f := w.valueForm
		if w.mode == askingLock {
			f = w.gate.form
		}
		if c = f.cursor(rw); c != nil && c.Y >= w.bodyHeight() {
			c = nil
		}
	}
	if c == nil {
		return nil
	}
	c.X += lw + 2
	c.Y += 2
	return c
}

// ready reports whether the screen's data has loaded.
func (w *walkScreen) ready() bool { return w.loaded }
