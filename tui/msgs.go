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

// schoolsLoadedMsg carries the schools list of a year.
type schoolsLoadedMsg struct {
	year int
	rows []checklist.SchoolOverview
}

// schoolLinesMsg carries some lines of the schools list of a year, read
// again (their schools changed) or for the first time (a school added).
type schoolLinesMsg struct {
	year  int
	lines []checklist.SchoolOverview
}

// schoolAddedMsg: a school was saved.
type schoolAddedMsg struct{ school checklist.School }

// schoolLoadedMsg carries a school, its visits (latest first) and the
// inspector's remembered name, and its rectifications.
type schoolLoadedMsg struct {
	sv    *checklist.SchoolVisits
	rects *checklist.SchoolRectifications
}

// visitCreatedMsg: a new draft visit was saved, or err says why not.
type visitCreatedMsg struct {
	schoolID string
	visit    *checklist.Inspection
	err      error
}

// visitLoadedMsg carries a visit for the walk, with its standard, its
// school and the inspector's remembered name.
type visitLoadedMsg struct {
	wv *checklist.WalkVisit
	// year is the visit's year's stage and the school's self-assessment.
	year walkYear
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

// ratingsLoadedMsg carries a year's schools list, its ratings, and the
// standard whose 要 head the columns.
type ratingsLoadedMsg struct {
	year     int
	overview *checklist.SchoolsOverview
	standard *checklist.Standard
	// stage is where the year's rating stands.
	stage *checklist.YearStage
}

// exportedMsg: the ratings shown were exported: what says which (how
// many, filtered and sorted how), where to what file.
type exportedMsg struct{ what, where string }

// standardLoadedMsg carries the standard to review.
type standardLoadedMsg struct{ standard *checklist.Standard }
