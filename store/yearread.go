package store

import (
	bolt "go.etcd.io/bbolt"

	"branchcheck/checklist"
)

// The year-end read models: what the ratings screen, its charts and the
// year-end papers show.

// RateYearBrief rates the year from the summaries, as the schools list
// does (SchoolsOverview), without reading any visit: each rated school's
// Visit holds only the visit's id, date, inspector and finalized time, no
// answers. The veto records are applied. It serves the counts, the
// charts, the quotas and the movement, at the cost of the schools list
// (a county: a few milliseconds) rather than RateYear's. The ratings are
// in the schools list's order (township, then name).
func (s *Store) RateYearBrief(year int) (*checklist.YearRating, error) {
	ov, err := s.SchoolsOverview(year)
	if err != nil {
		return nil, err
	}
	return briefRating(ov), nil
}

// briefRating makes a YearRating of a schools list.
func briefRating(ov *checklist.SchoolsOverview) *checklist.YearRating {
	lines := ov.Ratings()
	yr := &checklist.YearRating{Year: ov.Year, Ratings: make([]checklist.Rating, len(lines)), Standards: ov.Standards}
	for i := range lines {
		o := &lines[i]
		r := checklist.Rating{School: o.School}
		if rv := o.Rating; rv != nil {
			r.Visit = &checklist.Inspection{ID: rv.VisitID, SchoolID: o.School.ID, StandardID: rv.Standard.ID,
				Inspector: rv.Inspector, Date: rv.Date, Status: checklist.Finalized, FinalizedAt: rv.FinalizedAt}
			r.Standard, r.Score = rv.Standard, rv.Score
		}
		yr.Ratings[i] = r
	}
	return yr
}

// StarDistribution counts a year's schools by township and stars, the
// veto records applied: the chart of the star distribution.
func (s *Store) StarDistribution(year int) (checklist.StarDistribution, error) {
	yr, err := s.RateYearBrief(year)
	if err != nil {
		return checklist.StarDistribution{}, err
	}
	return yr.StarDistribution(), nil
}

// QuotaWarnings checks a year's ratings against their standards' quotas
// (★5 at most 30%): a warning for each quota exceeded, none if none is.
// Quotas are never applied.
func (s *Store) QuotaWarnings(year int) ([]checklist.QuotaWarning, error) {
	yr, err := s.RateYearBrief(year)
	if err != nil {
		return nil, err
	}
	return yr.CheckQuotas(), nil
}

// YearMovements compares a year's stars with the year before's, school by
// school (升星, 降星, 持平, 新评定), in the schools list's order, with their
// counts: the chart of the year-over-year movement.
func (s *Store) YearMovements(year int) ([]checklist.Movement, checklist.MoveCounts, error) {
	yr, err := s.RateYearBrief(year)
	if err != nil {
		return nil, checklist.MoveCounts{}, err
	}
	last, err := s.RateYearBrief(year - 1)
	if err != nil {
		return nil, checklist.MoveCounts{}, err
	}
	ms := yr.Movements(last)
	return ms, checklist.CountMoves(ms), nil
}

// ScoreSeries returns a school's score across its finalized visits,
// oldest first, and its drafts too (provisional) with drafts: the chart of
// a school's scores.
func (s *Store) ScoreSeries(schoolID string, drafts bool) ([]checklist.ScorePoint, error) {
	sv, err := s.SchoolVisits(schoolID)
	if err != nil {
		return nil, err
	}
	return checklist.ScoreSeries(sv.Visits, drafts), nil
}

// YearEnd is a year's rating as the year-end papers show it, read in one
// transaction.
type YearEnd struct {
	// Rating is the year's, its visits whole, the veto records applied.
	Rating *checklist.YearRating
	// LastYear is the year before's, for 上年星级 and the movement.
	LastYear *checklist.YearRating
	// Stage is where the year stands; at 初评 when never published.
	Stage *checklist.YearStage
	// SelfAssessments are the year's, by school id; Self compares each
	// with the visit the school's rating comes from (rated schools only).
	SelfAssessments map[string]*checklist.SelfAssessment
	Self            map[string]*checklist.SelfComparison
	// Standards are every standard the database holds, by id: the veto
	// records' situations are found there.
	Standards map[string]*checklist.Standard
}

// Quotas are the year's quota warnings.
func (y *YearEnd) Quotas() []checklist.QuotaWarning { return y.Rating.CheckQuotas() }

// ChangedAfterConfirm lists the schools whose rating changed after the
// year was confirmed (确定后修改); nil before.
func (y *YearEnd) ChangedAfterConfirm() []string { return y.Stage.ChangedSinceNamed(y.Rating) }

// YearEnd reads a year's rating for the year-end papers: the ratings and
// the year before's (RateYear's), the stage, the self-assessments
// compared with the rated visits, and the standards.
func (s *Store) YearEnd(year int) (*YearEnd, error) {
	ye := &YearEnd{}
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		if ye.Rating, err = s.rateYear(tx, year); err != nil {
			return err
		}
		if ye.LastYear, err = s.rateYear(tx, year-1); err != nil {
			return err
		}
		if ye.Stage, err = getYearStage(tx, year); err != nil {
			return err
		}
		if ye.Stage == nil {
			ye.Stage = &checklist.YearStage{Year: year}
		}
		if ye.Standards, err = s.allStandards(tx); err != nil {
			return err
		}
		if ye.SelfAssessments, err = yearSelfAssessments(tx, year); err != nil {
			return err
		}
		ye.Self = map[string]*checklist.SelfComparison{}
		for i := range ye.Rating.Ratings {
			r := &ye.Rating.Ratings[i]
			sa := ye.SelfAssessments[r.School.ID]
			if sa == nil || !r.Rated() {
				continue
			}
			selfStd := ye.Standards[sa.StandardID]
			if selfStd == nil {
				return checklist.Errorf(checklist.ErrNotFound, checklist.Text{ZH: "学校 %s 的自评所用的标准 %s 不在数据库中", EN: "the self-assessment of school %s: standard %s not found"}, r.School.ID, sa.StandardID)
			}
			c, err := checklist.CompareSelf(selfStd, sa, r.Standard, r.Visit)
			if err != nil {
				return err
			}
			ye.Self[r.School.ID] = c
		}
		return nil
	})
	if err != nil {
		return nil, checklist.Errorf(nil, checklist.Text{ZH: "不能读取 %d 年度的年终评定", EN: "read the %d year-end"}, year).Because(err)
	}
	return ye, nil
}
