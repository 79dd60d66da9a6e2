package tui

import (
	tea "charm.land/bubbletea/v2"

	"branchcheck/checklist"
)

// The walk's answers: giving one, taking the last one back, and the
// note.

// answer gives the current item a verdict, queues it to be saved and
// moves on to the next unanswered item.
func (w *walkScreen) answer(v checklist.Verdict) tea.Cmd {
	it := w.item()
	if !it.Scored {
		w.hint = w.notScored(it)
		return nil
	}
	if was := w.answers[it.ID].Verdict; was != v {
		w.undo = append(w.undo, undoStep{it.ID, was})
	}
	cmd := w.enqueue(w.changes.verdict(it.ID, v))
	w.moveOn(it.ID)
	return cmd
}

// takeBack undoes the last answer given in the walk: the item gets its
// verdict before back, through the save queue like any change, and the
// cursor goes to it. The screen says so once it is saved.
func (w *walkScreen) takeBack() tea.Cmd {
	if len(w.undo) == 0 || w.readOnly() {
		return nil
	}
	u := w.undo[len(w.undo)-1]
	w.undo = w.undo[:len(w.undo)-1]
	w.goTo(u.item)
	ch := w.changes.verdict(u.item, u.was)
	ch.done = w.c.sprintf("已撤销：%s 恢复为%s", "Undone: %s is %s again", u.item, w.c.lang.Verdict(u.was))
	return w.enqueue(ch)
}

// closeNote leaves the note editor, queuing the note if it changed. A
// note that cannot be saved (checklist.CheckNote) keeps the editor open
// and says why.
func (w *walkScreen) closeNote() tea.Cmd {
	it := w.item()
	text := w.pane.text()
	if err := checklist.CheckNote(checklist.TextNote, text, checklist.MaxNote); err != nil {
		w.hint = w.c.say(err)
		return nil
	}
	w.mode = browsing
	w.pane.closeNote()
	if text != w.answers[it.ID].Note {
		return w.enqueue(w.changes.note(it.ID, text))
	}
	return nil
}
