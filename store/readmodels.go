package store

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	"branchcheck/checklist"
)

// The read models: what one screen shows, read in one transaction. They
// read the summaries, so their cost grows with the schools on the screen,
// not with the visits ever made.

// SchoolsOverview returns the schools list for a year: every school with
// its last visit, its draft in progress and the year's rating, ordered by
// township and name. It decodes no visit: the ratings are scored from the
// verdicts the year's summaries keep.
func (s *Store) SchoolsOverview(year int) (*checklist.SchoolsOverview, error) {
	ov := &checklist.SchoolsOverview{Year: year}
	err := s.db.View(func(tx *bolt.Tx) error {
		std, err := s.standardForYear(tx, year)
		if err != nil {
			return err
		}
		ov.MaxStars = std.Stars.MaxStars()
		r := s.newRater(tx, year)
		n := tx.Bucket(bucketSchools).Stats().KeyN
		ov.Schools = make([]checklist.SchoolOverview, 0, n)
		return tx.Bucket(bucketSchools).ForEach(func(k, v []byte) error {
			var o checklist.SchoolOverview
			if err := decode(v, &o.School); err != nil {
				return fmt.Errorf("school %s: %w", k, err)
			}
			if err := r.fill(&o); err != nil {
				return err
			}
			ov.Schools = append(ov.Schools, o)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read the schools list of %d: %w", year, err)
	}
	checklist.SortSchoolOverviews(ov.Schools)
	seen := map[string]bool{}
	for i := range ov.Schools {
		if r := ov.Schools[i].Rating; r != nil && !seen[r.Standard.ID] {
			seen[r.Standard.ID] = true
			ov.Standards = append(ov.Standards, r.Standard)
		}
	}
	return ov, nil
}

// SchoolOverview returns one school's line of the schools list for a
// year: what a screen reloads when it comes back from a walk, at the same
// cost whatever the size of the database.
func (s *Store) SchoolOverview(year int, schoolID string) (checklist.SchoolOverview, error) {
	var o checklist.SchoolOverview
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		if o.School, err = getSchool(tx.Bucket(bucketSchools), schoolID); err != nil {
			return err
		}
		return s.newRater(tx, year).fill(&o)
	})
	if err != nil {
		return checklist.SchoolOverview{}, fmt.Errorf("read school %s for %d: %w", schoolID, year, err)
	}
	return o, nil
}

// rater fills schools list lines from the summaries inside one
// transaction, reusing one answers map for scoring.
type rater struct {
	s       *Store
	tx      *bolt.Tx
	year    int
	sums    *bolt.Bucket
	rated   *bolt.Bucket // nil: nothing finalized in the year
	answers map[string]checklist.Answer
}

func (s *Store) newRater(tx *bolt.Tx, year int) *rater {
	return &rater{
		s: s, tx: tx, year: year,
		sums:    tx.Bucket(bucketSchoolSummaries),
		rated:   tx.Bucket(bucketYearSummaries).Bucket(yearKey(year)),
		answers: map[string]checklist.Answer{},
	}
}

// fill adds the last visit, the draft and the year's rating to a line
// whose School is set.
func (r *rater) fill(o *checklist.SchoolOverview) error {
	id := []byte(o.School.ID)
	if v := r.sums.Get(id); v != nil {
		var sum schoolSummary
		if err := decode(v, &sum); err != nil {
			return fmt.Errorf("summary of school %s: %w", o.School.ID, err)
		}
		o.LastVisit, o.Drafts = sum.LastVisit, len(sum.Drafts)
		if n := len(sum.Drafts); n > 0 {
			o.DraftID = sum.Drafts[n-1].ID // by date, then id: the latest
		}
	}
	if r.rated == nil {
		return nil
	}
	rv, err := decodeRatedVisit(r.rated.Get(id), r.year, o.School.ID)
	if err != nil || rv == nil {
		return err
	}
	std, err := r.s.cachedStandard(r.tx, rv.StandardID)
	if err != nil {
		return err
	}
	rating := &checklist.RatedVisit{
		VisitID: rv.VisitID, Date: rv.Date, Inspector: rv.Inspector,
		FinalizedAt: rv.FinalizedAt, Standard: std,
	}
	if err := unpackVerdicts(rv.Verdicts, r.answers); err != nil {
		// A damaged summary: score the visit itself (doctor repairs it).
		in, err := getInspection(r.tx, rv.VisitID)
		if err != nil {
			return err
		}
		rating.Score = checklist.ScoreInspection(std, in)
	} else {
		rating.Score = checklist.ScoreAnswers(std, r.answers)
	}
	o.Rating = rating
	return nil
}

// WalkVisit returns what the walk needs to start on a visit: the visit,
// its standard, its school and the inspector's name remembered here.
func (s *Store) WalkVisit(inspectionID string) (*checklist.WalkVisit, error) {
	w := &checklist.WalkVisit{}
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		if w.Visit, err = s.hot.load(tx, inspectionID); err != nil {
			return err
		}
		if w.Standard, err = s.cachedStandard(tx, w.Visit.StandardID); err != nil {
			return err
		}
		if w.School, err = getSchool(tx.Bucket(bucketSchools), w.Visit.SchoolID); err != nil {
			return err
		}
		w.Inspector = string(tx.Bucket(bucketSettings).Get([]byte(SettingInspector)))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("open visit %s: %w", inspectionID, err)
	}
	return w, nil
}

// SchoolVisits returns a school with its visits, the latest first, each
// scored under its standard, and the inspector's name remembered here.
// What the school still has to fix is its ToFix.
func (s *Store) SchoolVisits(schoolID string) (*checklist.SchoolVisits, error) {
	sv := &checklist.SchoolVisits{}
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		if sv.School, err = getSchool(tx.Bucket(bucketSchools), schoolID); err != nil {
			return err
		}
		sv.Inspector = string(tx.Bucket(bucketSettings).Get([]byte(SettingInspector)))
		idx := tx.Bucket(bucketSchoolInspections).Bucket([]byte(schoolID))
		if idx == nil {
			return nil
		}
		return idx.ForEach(func(k, _ []byte) error {
			in, err := getInspection(tx, string(k))
			if err != nil {
				return err
			}
			std, err := s.cachedStandard(tx, in.StandardID)
			if err != nil {
				return err
			}
			sv.Visits = append(sv.Visits, checklist.ScoredVisit{Visit: in, Standard: std, Score: checklist.ScoreInspection(std, in)})
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read the visits of school %s: %w", schoolID, err)
	}
	slices.SortFunc(sv.Visits, func(a, b checklist.ScoredVisit) int {
		if c := b.Visit.Date.Compare(a.Visit.Date); c != 0 {
			return c
		}
		return strings.Compare(b.Visit.ID, a.Visit.ID)
	})
	return sv, nil
}

// errStaleSummary: a year's summary names a visit that is not what it
// says; doctor repairs it.
var errStaleSummary = errors.New("the rating summaries disagree with the visits; run branchcheck doctor to repair them")

// RateYear rates every school for a year from its latest finalized visit
// of that year; see checklist.RateYear. It reads in one transaction the
// schools and, found through the year's summaries, only the visits the
// ratings come from, answers and notes included (the exports list the
// findings).
func (s *Store) RateYear(year int) (*checklist.YearRating, error) {
	var (
		schools []checklist.School
		visits  []*checklist.Inspection
		stds    = map[string]*checklist.Standard{}
	)
	err := s.db.View(func(tx *bolt.Tx) error {
		rated := tx.Bucket(bucketYearSummaries).Bucket(yearKey(year))
		schools = make([]checklist.School, 0, tx.Bucket(bucketSchools).Stats().KeyN)
		return tx.Bucket(bucketSchools).ForEach(func(k, v []byte) error {
			var sc checklist.School
			if err := decode(v, &sc); err != nil {
				return fmt.Errorf("school %s: %w", k, err)
			}
			schools = append(schools, sc)
			if rated == nil {
				return nil
			}
			rv, err := decodeRatedVisit(rated.Get(k), year, sc.ID)
			if err != nil || rv == nil {
				return err
			}
			in, err := getInspection(tx, rv.VisitID)
			if err != nil {
				return err
			}
			if in.SchoolID != sc.ID || in.Status != checklist.Finalized || in.Date.Year != year {
				return fmt.Errorf("school %s, visit %s: %w", sc.ID, in.ID, errStaleSummary)
			}
			if stds[in.StandardID] == nil {
				if stds[in.StandardID], err = s.cachedStandard(tx, in.StandardID); err != nil {
					return err
				}
			}
			visits = append(visits, in)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("rate %d: %w", year, err)
	}
	return checklist.RateYear(year, schools, visits, stds)
}
