package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"branchcheck/checklist"
)

// The walk's side of its save queue: queuing a change, taking the result
// of a save, and leaving once everything is saved.

// onSaved takes a committed change. The change moved from the queue into
// the visit as saved, which leaves what is shown as it was: only the
// marks and the keys change, and nothing is scored again.
func (w *walkScreen) onSaved(msg answerSavedMsg) (tea.Cmd, navMsg) {
	ch := w.done(msg)
	was := w.saved.Status
	w.saved = msg.visit
	if ch.done != "" {
		w.hint = ch.done
	}
	w.pending, w.unsaved = w.marks()
	w.syncKeys()
	cmd, move := w.afterSave()
	if msg.visit.Status != was {
		// Finalized or reopened: what the visit finds is the school's
		// rectifications now.
		cmd = tea.Batch(cmd, readRects(w.c.store, w.school.ID))
	}
	return cmd, move
}

// onFailed takes a change that was not saved. An answer or a note stays
// shown, marked !; a change of the visit itself (finalizing, reopening)
// is dropped, and the visit shown without it.
func (w *walkScreen) onFailed(msg saveFailedMsg) (tea.Cmd, navMsg) {
	if ch := w.fail(msg); ch.key == "" {
		w.hint = ""
		w.show()
	} else {
		w.pending, w.unsaved = w.marks()
	}
	return w.afterSave()
}

// show lays the queue over the visit as saved (the one rescoring of a
// key) and sets which keys work.
func (w *walkScreen) show() {
	w.overlay = w.shown(w.saved, w.std)
	w.syncKeys()
}

// syncKeys turns the answer keys off on a finalized visit, and R on;
// on a database that may not be written, every key that writes is off.
func (w *walkScreen) syncKeys() {
	ro := w.readOnly() || !w.c.writable()
	for _, b := range []*key.Binding{&w.keys.Met, &w.keys.PartlyMet, &w.keys.NotMet, &w.keys.NotApplicable, &w.keys.Clear, &w.keys.Note, &w.keys.Finalize} {
		b.SetEnabled(!ro)
	}
	w.keys.Undo.SetEnabled(!ro && len(w.undo) > 0)
	w.keys.Reopen.SetEnabled(w.readOnly() && w.c.writable() && w.saved.Status == checklist.Finalized)
	w.keys.NextRect.SetEnabled(len(w.past.open) > 0)
}

// enqueue queues a change, shows it and sends it if nothing else is
// being saved.
func (w *walkScreen) enqueue(ch change) tea.Cmd {
	cmd := w.push(ch)
	w.show()
	return cmd
}

// afterSave sends the next change, or goes back if the user is leaving
// and everything is saved.
func (w *walkScreen) afterSave() (tea.Cmd, navMsg) {
	cmd, step := w.next()
	return cmd, w.goBack(step)
}

// back goes back to the school once every change is saved.
func (w *walkScreen) back() (tea.Cmd, navMsg) { return nil, w.goBack(w.leave()) }

// goBack goes back when the step of leaving says so, or tells the user
// what it waits for.
func (w *walkScreen) goBack(step leaveStep) navMsg {
	switch step {
	case waitForSaves:
		w.hint = w.c.pick("正在保存，保存完就返回", "Saving; going back when done")
	case warnUnsaved:
		w.hint = unsavedWarning(w.c)
	case goNow:
		return goBackMsg{}
	}
	return nil
}
