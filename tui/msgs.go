package tui

import (
	"time"

	"branchcheck/checklist"
)

// Messages. Every read and write of the store happens in a tea.Cmd; the
// Cmd reports back with one of these. Messages other than keys and the
// window size go to every screen on the stack; a screen takes the ones
// meant for it (by type, and by school or visit id) and ignores the rest.

// errMsg is a failure that is not a save: a load that could not be done.
// The root shows it on the bottom line until the next key.
type errMsg struct{ err error }

// schoolRow is one line of the schools list.
type schoolRow struct {
	School checklist.School
	// LastVisit is the date of the latest visit, draft or finalized.
	LastVisit checklist.Date
	// Draft: a visit is in progress.
	Draft bool
	// Visited: the school has a visit (draft or finalized) dated this
	// year.
	Visited bool
	// Rating is the school's standing this year (Visit nil: 未评定).
	Rating checklist.Rating
}

// schoolsLoadedMsg carries the schools list.
type schoolsLoadedMsg struct {
	year int
	rows []schoolRow
}

// schoolAddedMsg: a school was saved.
type schoolAddedMsg struct{ school checklist.School }

// visitRow is one of a school's visits with its score.
type visitRow struct {
	Visit    *checklist.Inspection
	Standard *checklist.Standard
	Score    checklist.Score
}

// schoolLoadedMsg carries a school, its visits (latest first) and the
// inspector's remembered name.
type schoolLoadedMsg struct {
	school    checklist.School
	visits    []visitRow
	inspector string
}

// visitCreatedMsg: a new draft visit was saved, or err says why not.
type visitCreatedMsg struct {
	schoolID string
	visit    *checklist.Inspection
	err      error
}

// visitLoadedMsg carries a visit for the walk, with its standard and
// school.
type visitLoadedMsg struct {
	visit     *checklist.Inspection
	standard  *checklist.Standard
	school    checklist.School
	inspector string
}

// answerSavedMsg: a change to a visit (an answer, a note, finalizing or
// reopening), number seq of its walk, is committed to disk. It carries
// the visit as saved.
type answerSavedMsg struct {
	visitID string
	seq     int
	visit   *checklist.Inspection
	at      time.Time
}

// saveFailedMsg: change number seq to a visit was not saved.
type saveFailedMsg struct {
	visitID string
	seq     int
	err     error
}

// ratingsLoadedMsg carries a year's ratings.
type ratingsLoadedMsg struct {
	year     int
	rating   *checklist.YearRating
	standard *checklist.Standard
}

// exportedMsg: the ratings shown were exported: what says which (how
// many, filtered and sorted how), where to what file.
type exportedMsg struct{ what, where string }

// standardLoadedMsg carries the standard to review.
type standardLoadedMsg struct{ standard *checklist.Standard }
