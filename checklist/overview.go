package checklist

import "time"

// The read models below are what a screen shows, each read by the store
// in one transaction. They are plain values: the interface names them
// without importing the store.

// SchoolsOverview is the list of schools for a year: each school with its
// last visit, its draft in progress and the year's rating. The store reads
// it from one small summary per school, whatever the number of visits.
type SchoolsOverview struct {
	Year int
	// Schools are ordered as SortSchools orders them: by township, then
	// name, in pinyin order. Schools archived in the year or before are
	// not among them.
	Schools []SchoolOverview
	// MaxStars is the top of the star scale of the standard the year's new
	// visits are made under: how many ☆ a rating line draws when it has no
	// standard of its own (a school not rated).
	MaxStars int
	// Standards are the standards the year's ratings were made under, in
	// order of first use.
	Standards []*Standard
	// Archived counts the schools archived in the year or before, which
	// the list leaves out (School.ListedIn).
	Archived int
	// RatedArchived are the schools archived in the year that were rated
	// in it, in the list's order: the list leaves them out, the year's
	// ratings keep them (see Ratings).
	RatedArchived []SchoolOverview
}

// Ratings are the schools the year's ratings list, in the list's order:
// the listed schools, and those archived in the year but rated in it
// (as RateYear rates them).
func (ov *SchoolsOverview) Ratings() []SchoolOverview {
	if len(ov.RatedArchived) == 0 {
		return ov.Schools
	}
	all := append(append(make([]SchoolOverview, 0, len(ov.Schools)+len(ov.RatedArchived)), ov.Schools...), ov.RatedArchived...)
	SortSchoolOverviews(all)
	return all
}

// SchoolOverview is one school of the list.
type SchoolOverview struct {
	School School
	// LastVisit is the date of the school's latest visit, draft or
	// finalized; the zero Date if it was never visited.
	LastVisit Date
	// DraftID is the school's draft in progress, the latest if there are
	// several; "" if none.
	DraftID string
	// Drafts counts the school's drafts in progress.
	Drafts int
	// Rating is the school's rating for the year; nil means 未评定 (not
	// rated).
	Rating *RatedVisit
}

// HasDraft reports whether a visit of the school is in progress.
func (o *SchoolOverview) HasDraft() bool { return o.DraftID != "" }

// Rated reports whether the school has a finalized visit in the year.
func (o *SchoolOverview) Rated() bool { return o.Rating != nil }

// RatedVisit is a school's rating for a year without the visit's answers:
// its latest finalized visit of the year, who made it and when, under
// which standard, and the score it earns.
type RatedVisit struct {
	VisitID     string
	Date        Date
	Inspector   string
	FinalizedAt time.Time
	// Standard is the standard the visit was made under; shared, not to
	// be modified.
	Standard *Standard
	Score    Score
}

// MaxStars is the top of the star scale the rating is on.
func (r *RatedVisit) MaxStars() int { return r.Standard.Stars.MaxStars() }

// WalkVisit is what the walk needs to start: the visit, the standard it is
// made under, its school, and the inspector's name remembered on this
// computer ("" if none yet).
type WalkVisit struct {
	Visit *Inspection
	// Standard is shared, not to be modified.
	Standard  *Standard
	School    School
	Inspector string
}

// SchoolVisits is one school with its visits, the latest first, each with
// its score, and the inspector's name remembered on this computer (for a
// new visit; "" if none yet).
type SchoolVisits struct {
	School    School
	Visits    []ScoredVisit
	Inspector string
}

// ScoredVisit is a visit with its standard and its score (provisional for
// a draft).
type ScoredVisit struct {
	Visit *Inspection
	// Standard is shared, not to be modified.
	Standard *Standard
	Score    Score
}

// LastFinalized returns the school's latest finalized visit, nil if it has
// none.
func (sv *SchoolVisits) LastFinalized() *ScoredVisit {
	for i := range sv.Visits { // latest first
		if sv.Visits[i].Visit.Status == Finalized {
			return &sv.Visits[i]
		}
	}
	return nil
}

// ToFix is what the school still has to fix: the findings of its latest
// finalized visit (nil if it has none).
func (sv *SchoolVisits) ToFix() []Finding {
	last := sv.LastFinalized()
	if last == nil {
		return nil
	}
	return Findings(last.Standard, last.Visit)
}

// Finding is an item a visit found not met or only partly met, with the
// answer given.
type Finding struct {
	Item   *Item
	Answer Answer
}

// Findings lists the scored items of std that the visit found not met or
// partly met, in display order.
func Findings(std *Standard, in *Inspection) []Finding {
	var out []Finding
	for _, it := range std.ScoredItems() {
		if a := in.Answer(it.ID); a.Verdict.NeedsFixing() {
			out = append(out, Finding{Item: it, Answer: a})
		}
	}
	return out
}

// LaterVisit reports whether finalized visit v, rather than than, is the
// one a school's rating comes from (than nil: v is): the later date, on
// the same day the one finalized later, then the greater id.
func LaterVisit(v, than *Inspection) bool { return laterVisit(v, than) }
