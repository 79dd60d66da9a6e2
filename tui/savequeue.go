package tui

import (
	"errors"
	"maps"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"branchcheck/checklist"
	"branchcheck/termtext"
)

// saveQueue is a walk's changes on their way to the store. They are
// saved one at a time in the order they were made, so two fast keys can
// never reach the disk the other way round; the walk shows them at once,
// laid over the visit as last saved (shown), each item marked * while
// its change is on its way and ! if it failed.
//
// A change carries how it applies to the visit and how it is sent to the
// store, so the queue never asks what kind of change it holds. Applying
// uses checklist's own methods (Inspection.SetVerdict, SetNote, Finalize,
// Reopen) on a copy of the visit: no rule of the domain is written twice.
type saveQueue struct {
	// now stamps a change with when it was made, and a save with when it
	// was committed.
	now     func() time.Time
	visitID string
	// queue are the changes not yet saved, oldest first; the first one is
	// being saved when inFlight.
	queue    []change
	inFlight bool
	// seq numbers the changes, to match each save's result to its change.
	seq int
	// failed are the changes that could not be saved and are still
	// shown (answers and notes), oldest first, one per key.
	failed []failure
	// lastSaved is when the last change was committed.
	lastSaved time.Time
	// saveErr is the last failure, in the user's words.
	saveErr string
	// leaving: the walk goes back as soon as the queue is saved.
	// leaveAnyway: the user was told some changes failed to save, and a
	// second esc leaves without them.
	leaving, leaveAnyway bool
}

// change is one change to a visit, queued to be saved.
type change struct {
	seq int
	// at is when it was made.
	at time.Time
	// item is the item it changes; "" for the visit itself.
	item string
	// key names what it changes (an item's verdict, or its note): a
	// failure to save it is kept and shown until a later change of the
	// same key is saved. "" for a change whose failure is only reported
	// (finalizing, reopening): it is then dropped.
	key string
	// apply makes the change on a copy of the visit.
	apply func(v *checklist.Inspection, at time.Time) error
	// send saves it in the store and returns the visit as saved. It runs
	// in a command.
	send func() (*checklist.Inspection, error)
	// done is what the user is told once it is saved ("" nothing).
	done string
	// failure says, in the user's words, why it was not saved.
	failure func(err error) string
}

// failure is a change that was not saved, and why.
type failure struct {
	change change
	err    error
}

// leaveStep is what a walk that wants to go back should do.
type leaveStep int

const (
	// stay: nothing to do (the walk is not leaving).
	stay leaveStep = iota
	// waitForSaves: it goes back once the queue is saved.
	waitForSaves
	// warnUnsaved: some changes failed; another esc leaves without them.
	warnUnsaved
	// goNow: go back.
	goNow
)

// overlay is the visit as a walk shows it: as saved, with the changes
// that failed and those still queued laid over it, and scored.
type overlay struct {
	answers map[string]checklist.Answer
	status  checklist.Status
	score   checklist.Score
	missing []string
	// pending are the items with a change on its way, unsaved those with
	// a change that failed.
	pending map[string]bool
	unsaved map[string]bool
}

func newSaveQueue(visitID string, now func() time.Time) saveQueue {
	return saveQueue{visitID: visitID, now: now}
}

// busy reports whether changes are still waiting to be saved.
func (q *saveQueue) busy() bool { return len(q.queue) > 0 }

// push queues a change and sends it if nothing else is being saved.
func (q *saveQueue) push(ch change) tea.Cmd {
	q.seq++
	ch.seq, ch.at = q.seq, q.now()
	q.queue = append(q.queue, ch)
	q.leaveAnyway = false
	return q.dispatch()
}

// dispatch sends the change at the head of the queue, in a command that
// reports answerSavedMsg or saveFailedMsg.
func (q *saveQueue) dispatch() tea.Cmd {
	if q.inFlight || len(q.queue) == 0 {
		return nil
	}
	q.inFlight = true
	ch, id, now := q.queue[0], q.visitID, q.now
	return func() tea.Msg {
		v, err := ch.send()
		if err != nil {
			return saveFailedMsg{visitID: id, seq: ch.seq, err: err}
		}
		return answerSavedMsg{visitID: id, seq: ch.seq, visit: v, at: now()}
	}
}

// isHead reports whether a save's result is for the change being saved.
func (q *saveQueue) isHead(visitID string, seq int) bool {
	return visitID == q.visitID && q.inFlight && len(q.queue) > 0 && q.queue[0].seq == seq
}

// done takes the head's change off the queue once it is committed: a
// failure of the same kind before it is over. It returns the change.
func (q *saveQueue) done(msg answerSavedMsg) change {
	ch := q.pop()
	q.lastSaved = msg.at
	q.dropFailure(ch.key)
	if len(q.failed) == 0 {
		q.saveErr = ""
	}
	return ch
}

// fail takes the head's change off the queue when it was not saved: it
// is kept as a failure if it has a key. It returns the change.
func (q *saveQueue) fail(msg saveFailedMsg) change {
	ch := q.pop()
	if ch.key != "" {
		q.dropFailure(ch.key)
		q.failed = append(q.failed, failure{ch, msg.err})
	}
	q.saveErr = ch.failure(msg.err)
	return ch
}

func (q *saveQueue) pop() change {
	ch := q.queue[0]
	q.queue, q.inFlight = q.queue[1:], false
	return ch
}

func (q *saveQueue) dropFailure(key string) {
	q.failed = slices.DeleteFunc(q.failed, func(f failure) bool { return key != "" && f.change.key == key })
}

// next sends the next change, or says whether the walk can go now that
// the queue is saved.
func (q *saveQueue) next() (tea.Cmd, leaveStep) {
	if q.leaving && len(q.queue) == 0 {
		if len(q.failed) == 0 || q.leaveAnyway {
			return nil, goNow
		}
		q.leaving, q.leaveAnyway = false, true
		return nil, warnUnsaved
	}
	return q.dispatch(), stay
}

// leave says what the walk should do when the user wants to go back:
// wait for the queue, warn about changes that failed (once), or go.
func (q *saveQueue) leave() leaveStep {
	switch {
	case len(q.queue) > 0:
		q.leaving = true
		return waitForSaves
	case len(q.failed) > 0 && !q.leaveAnyway:
		q.leaveAnyway = true
		return warnUnsaved
	}
	return goNow
}

// shown lays the failed and the queued changes, in order, over a copy of
// the visit as saved and scores it. A change the domain refuses (the
// store will refuse it too, and say so) is left out.
func (q *saveQueue) shown(saved *checklist.Inspection, std *checklist.Standard) overlay {
	v := cloneVisit(saved)
	for _, f := range q.failed {
		_ = f.change.apply(v, f.change.at)
	}
	for _, ch := range q.queue {
		_ = ch.apply(v, ch.at)
	}
	o := overlay{answers: v.Answers, status: v.Status, score: checklist.ScoreInspection(std, v), missing: v.Missing(std)}
	o.pending, o.unsaved = q.marks()
	return o
}

// marks are the items with a change on its way and those with one that
// failed. Saving a change moves it from the queue into the visit as
// saved, which leaves the overlay as it was: only the marks change.
func (q *saveQueue) marks() (pending, unsaved map[string]bool) {
	pending, unsaved = map[string]bool{}, map[string]bool{}
	for _, f := range q.failed {
		unsaved[f.change.item] = true
	}
	for _, ch := range q.queue {
		if ch.item != "" {
			pending[ch.item] = true
		}
	}
	return pending, unsaved
}

// cloneVisit copies a visit deep enough for the changes to be applied to
// the copy: they write its answers and its plain fields only.
func cloneVisit(v *checklist.Inspection) *checklist.Inspection {
	c := *v
	c.Answers = maps.Clone(v.Answers)
	return &c
}

// visitChanges makes the changes of one visit, each with how it applies
// and how it is sent.
type visitChanges struct {
	c   *common
	std *checklist.Standard
	id  string
	// by is who makes them.
	by string
	// year is the visit's: in a confirmed year the changes are written
	// with the reason given for it (common.writer).
	year int
}

// verdict gives an item a verdict (Unanswered clears it).
func (vc visitChanges) verdict(item string, v checklist.Verdict) change {
	st, id, by := vc.c.writer(vc.year), vc.id, vc.by
	return vc.ofItem(checklist.FieldVerdict, item,
		func(in *checklist.Inspection, at time.Time) error {
			_, _, err := in.SetVerdict(vc.std, item, v, by, at)
			return err
		},
		func() (*checklist.Inspection, error) { return st.SetVerdict(id, item, v, by) })
}

// note sets an item's note.
func (vc visitChanges) note(item, text string) change {
	st, id, by := vc.c.writer(vc.year), vc.id, vc.by
	return vc.ofItem(checklist.FieldNote, item,
		func(in *checklist.Inspection, at time.Time) error {
			_, _, err := in.SetNote(vc.std, item, text, by, at)
			return err
		},
		func() (*checklist.Inspection, error) { return st.SetNote(id, item, text, by) })
}

// ofItem is a change of one field of an item: a failure to save it is
// kept until a later change of the same field is saved.
func (vc visitChanges) ofItem(field, item string, apply func(*checklist.Inspection, time.Time) error, send func() (*checklist.Inspection, error)) change {
	c := vc.c
	return change{item: item, key: field + " " + item, apply: apply, send: send,
		failure: func(err error) string {
			return c.sprintf("%s 未保存：%s", "%s not saved: %s", item, termtext.OneLine(c.lang.CauseFirst(err)))
		},
	}
}

// finalize locks the visit.
func (vc visitChanges) finalize() change {
	c, st, id, by := vc.c, vc.c.writer(vc.year), vc.id, vc.by
	return change{
		apply: func(in *checklist.Inspection, at time.Time) error {
			_, err := in.Finalize(vc.std, by, at)
			return err
		},
		send: func() (*checklist.Inspection, error) { return st.Finalize(id, by) },
		done: c.pick("已定稿。改动需按 R 重新打开并说明原因", "Finalized. To change it, press R and give a reason"),
		failure: func(err error) string {
			var inc *checklist.IncompleteError
			if errors.As(err, &inc) {
				return c.sprintf("不能定稿：还有 %d 项未答：%s", "Cannot finalize: %d unanswered: %s", len(inc.Missing), strings.Join(inc.Missing, " "))
			}
			return termtext.OneLine(c.lang.CauseFirst(err))
		},
	}
}

// reopen unlocks the finalized visit, for a reason.
func (vc visitChanges) reopen(reason string) change {
	c, st, id, by := vc.c, vc.c.store, vc.id, vc.by
	return change{
		apply: func(in *checklist.Inspection, at time.Time) error {
			_, err := in.Reopen(reason, by, at)
			return err
		},
		send:    func() (*checklist.Inspection, error) { return st.Reopen(id, reason, by) },
		done:    c.pick("已重新打开，可以修改；改动记入审计记录", "Reopened: changes now go to the audit trail"),
		failure: func(err error) string { return termtext.OneLine(c.lang.CauseFirst(err)) },
	}
}
