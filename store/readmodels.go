package store

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"sync"

	bolt "go.etcd.io/bbolt"

	"branchcheck/checklist"
)

// The read models: what one screen shows, read in one transaction. They
// read the summaries, so their cost grows with the schools on the screen,
// not with the visits ever made.

// SchoolsOverview returns the schools list for a year: every school not
// archived (in that year or before) with its last visit, its draft in
// progress and the year's rating, ordered by township and name; the
// archived ones are counted. Each line's School holds the fields a list
// shows (not the school's versions, times or aliases). It decodes no
// visit: it reads the school list in its order (schoollist.go) and the
// year's summaries, and scores each rating from the verdicts they keep.
func (s *Store) SchoolsOverview(year int) (*checklist.SchoolsOverview, error) {
	ov, _, err := s.schoolsOverview(year)
	return ov, err
}

// schoolsOverview is SchoolsOverview with the year's veto records that
// apply, by school id: those it applied, read in the same transaction.
func (s *Store) schoolsOverview(year int) (*checklist.SchoolsOverview, map[string][]checklist.VetoRecord, error) {
	ov := &checklist.SchoolsOverview{Year: year}
	var vetoes map[string][]checklist.VetoRecord
	err := s.db.View(func(tx *bolt.Tx) error {
		std, err := s.standardForYear(tx, year)
		if err != nil {
			return err
		}
		ov.MaxStars = std.Stars.MaxStars()
		stds, err := s.allStandards(tx)
		if err != nil {
			return err
		}
		sorted := false
		if schoolListCurrent(tx) {
			switch err := schoolsFromList(tx, year, stds, ov); {
			case err == nil:
				sorted = true
			case !errors.Is(err, errDamagedRow):
				return err
			}
		}
		if !sorted {
			// A list written in another order (a database opened
			// read-only by a newer program) or a damaged row: read the
			// schools and their summaries, and sort.
			if err := schoolsFromSummaries(tx, year, stds, ov); err != nil {
				return err
			}
		}
		if vetoes, err = activeVetoes(tx, year); err != nil {
			return err
		}
		for i := range ov.Schools {
			if err := applyVetoes(&ov.Schools[i], vetoes[ov.Schools[i].School.ID], stds); err != nil {
				return err
			}
		}
		if !sorted {
			checklist.SortSchoolOverviews(ov.Schools)
		}
		return nil
	})
	if err != nil {
		return nil, nil, checklist.Errorf(nil, checklist.Text{ZH: "不能读取 %d 年的学校名单", EN: "read the schools list of %d"}, year).Because(err)
	}
	// Archived schools are not in the list (archived in the year or
	// before: checklist.School.ListedIn): counted only.
	// Those rated in the year are kept aside for the year's ratings.
	n := len(ov.Schools)
	ov.Schools = slices.DeleteFunc(ov.Schools, func(o checklist.SchoolOverview) bool {
		if o.School.ListedIn(year) {
			return false
		}
		if o.Rated() {
			ov.RatedArchived = append(ov.RatedArchived, o)
		}
		return true
	})
	ov.Archived = n - len(ov.Schools)
	seen := map[string]bool{}
	for _, o := range ov.Ratings() {
		if r := o.Rating; r != nil && !seen[r.Standard.ID] {
			seen[r.Standard.ID] = true
			ov.Standards = append(ov.Standards, r.Standard)
		}
	}
	return ov, vetoes, nil
}

// schoolsFromList reads the schools list's lines from the school list,
// in its order, each with its rating of the year as its row keeps it (the
// rows gathered in one pass, then decoded on every processor). A row that
// does not read gives errDamagedRow.
func schoolsFromList(tx *bolt.Tx, year int, stds map[string]*checklist.Standard, ov *checklist.SchoolsOverview) error {
	var rows [][]byte
	tx.Bucket(bucketSchoolList).ForEach(func(_, v []byte) error {
		rows = append(rows, v)
		return nil
	})
	ov.Schools = make([]checklist.SchoolOverview, len(rows))
	return inParallel(len(rows), func(lo, hi int) error {
		// The texts of a worker's rows in one string, their ratings in
		// one arena.
		var text strings.Builder
		size := 0
		for _, v := range rows[lo:hi] {
			size += len(v)
		}
		text.Grow(size)
		for _, v := range rows[lo:hi] {
			text.Write(v)
		}
		all := text.String()
		arena := &rowArena{
			visits: make([]checklist.RatedVisit, 0, hi-lo),
			reqs:   make([]checklist.RequirementScore, 0, (hi-lo)*6), // five 要 and a bonus section; it grows for more
		}
		at := 0
		for i := lo; i < hi; i++ {
			v := rows[i]
			if err := decodeListRowIn(v, all[at:at+len(v)], year, stds, &ov.Schools[i], arena); err != nil {
				return err
			}
			at += len(v)
		}
		return nil
	})
}

// schoolsFromSummaries reads the schools list's lines, not in order, from
// the schools, their summaries and the year's summaries, all keyed by
// school id and so read side by side, without look-ups.
func schoolsFromSummaries(tx *bolt.Tx, year int, stds map[string]*checklist.Standard, ov *checklist.SchoolsOverview) error {
	var rows []overviewRow
	sums := newFollower(tx.Bucket(bucketSchoolSummaries))
	rated := newFollower(tx.Bucket(bucketYearSummaries).Bucket(yearKey(year)))
	err := tx.Bucket(bucketSchools).ForEach(func(k, v []byte) error {
		rows = append(rows, overviewRow{school: v, summary: sums.at(k), rating: rated.at(k)})
		return nil
	})
	if err != nil {
		return err
	}
	ov.Schools = make([]checklist.SchoolOverview, len(rows))
	damaged, err := fillInParallel(len(rows), year, stds, func(f *filler, i int) (bool, error) {
		o := &ov.Schools[i]
		if err := decode(rows[i].school, &o.School); err != nil {
			return false, checklist.Errorf(nil, checklist.Text{ZH: "名单中第 %d 所学校", EN: "school %d of the list"}, i+1).Because(err)
		}
		o.School = listedSchool(o.School)
		return f.fill(o, rows[i].summary, rows[i].rating)
	})
	if err != nil {
		return err
	}
	return rescoreAll(tx, ov.Schools, damaged)
}

// fillInParallel calls fill for each of n lines on every processor, each
// worker with a filler of its own, and returns the lines whose rating's
// packed verdicts are damaged (fill reported false).
func fillInParallel(n, year int, stds map[string]*checklist.Standard, fill func(f *filler, i int) (bool, error)) ([]int, error) {
	var mu sync.Mutex
	var damaged []int
	err := inParallel(n, func(lo, hi int) error {
		f := newFiller(year, stds)
		for i := lo; i < hi; i++ {
			ok, err := fill(f, i)
			if err != nil {
				return err
			}
			if !ok {
				mu.Lock()
				damaged = append(damaged, i)
				mu.Unlock()
			}
		}
		return nil
	})
	return damaged, err
}

// rescoreAll scores from their visits the lines whose rating's packed
// verdicts are damaged.
func rescoreAll(tx *bolt.Tx, lines []checklist.SchoolOverview, damaged []int) error {
	for _, i := range damaged {
		if err := rescore(tx, &lines[i]); err != nil {
			return err
		}
	}
	return nil
}

// overviewRow is one school's stored values, as bbolt holds them.
type overviewRow struct{ school, summary, rating []byte }

// follower walks a bucket alongside another walked in the same key order.
type follower struct {
	c    *bolt.Cursor
	k, v []byte
}

func newFollower(b *bolt.Bucket) *follower {
	if b == nil {
		return &follower{}
	}
	f := &follower{c: b.Cursor()}
	f.k, f.v = f.c.First()
	return f
}

// at returns the value under key, or nil; keys must come in order.
func (f *follower) at(key []byte) []byte {
	for f.k != nil && bytes.Compare(f.k, key) < 0 {
		f.k, f.v = f.c.Next()
	}
	if f.k != nil && bytes.Equal(f.k, key) {
		return f.v
	}
	return nil
}

// allStandards returns every standard the database knows, by id, from
// the Store's cache.
func (s *Store) allStandards(tx *bolt.Tx) (map[string]*checklist.Standard, error) {
	out := map[string]*checklist.Standard{}
	std, err := s.cachedStandard(tx, checklist.DefaultStandardID)
	if err != nil {
		return nil, err
	}
	out[std.ID] = std
	err = tx.Bucket(bucketStandards).ForEach(func(k, _ []byte) error {
		std, err := s.cachedStandard(tx, string(k))
		out[string(k)] = std
		return err
	})
	return out, err
}

// SchoolOverview returns one school's line of the schools list for a
// year: what a screen reloads when it comes back from a walk, at the same
// cost whatever the size of the database.
func (s *Store) SchoolOverview(year int, schoolID string) (checklist.SchoolOverview, error) {
	var o checklist.SchoolOverview
	err := s.db.View(func(tx *bolt.Tx) error {
		sc, err := getSchool(tx.Bucket(bucketSchools), schoolID)
		if err != nil {
			return err
		}
		o.School = listedSchool(sc)
		stds, err := s.allStandards(tx)
		if err != nil {
			return err
		}
		var rating []byte
		if rated := tx.Bucket(bucketYearSummaries).Bucket(yearKey(year)); rated != nil {
			rating = rated.Get([]byte(schoolID))
		}
		ok, err := newFiller(year, stds).fill(&o, tx.Bucket(bucketSchoolSummaries).Get([]byte(schoolID)), rating)
		if err == nil && !ok {
			err = rescore(tx, &o)
		}
		if err != nil {
			return err
		}
		vetoes, err := activeVetoes(tx, year)
		if err != nil {
			return err
		}
		return applyVetoes(&o, vetoes[schoolID], stds)
	})
	if err != nil {
		return checklist.SchoolOverview{}, checklist.Errorf(nil, checklist.Text{ZH: "不能读取学校 %s（%d 年）", EN: "read school %s for %d"}, schoolID, year).Because(err)
	}
	return o, nil
}

// filler fills schools list lines from summaries' bytes. It never touches
// a transaction, so several can work side by side.
type filler struct {
	year     int
	stds     map[string]*checklist.Standard
	items    map[string]*scoredItems
	verdicts []checklist.Verdict // scratch
	values   []float64           // scratch
}

func newFiller(year int, stds map[string]*checklist.Standard) *filler {
	return &filler{year: year, stds: stds, items: map[string]*scoredItems{}}
}

// fill adds to a line whose School is set the last visit and the draft
// from the school's summary, and the year's rating from its year summary
// (either nil if it has none). It reports false when the rating's packed
// verdicts are damaged: the rating is then set but not scored (rescore
// scores it from the visit).
func (f *filler) fill(o *checklist.SchoolOverview, summary, rating []byte) (bool, error) {
	if summary != nil {
		var sum schoolSummary
		if err := decode(summary, &sum); err != nil {
			return false, checklist.Errorf(nil, checklist.Text{ZH: "学校 %s 的汇总", EN: "summary of school %s"}, o.School.ID).Because(err)
		}
		o.LastVisit, o.Drafts = sum.LastVisit.date(), len(sum.Drafts)
		if n := len(sum.Drafts); n > 0 {
			o.DraftID = sum.Drafts[n-1].ID // by date, then id: the latest
		}
	}
	return f.fillRating(o, rating)
}

// fillRating sets a line's rating of the year from its year summary
// (nil: none) and scores it; false as fill says.
func (f *filler) fillRating(o *checklist.SchoolOverview, rating []byte) (bool, error) {
	rv, err := decodeRatedVisit(rating, f.year, o.School.ID)
	if err != nil || rv == nil {
		return err == nil, err
	}
	items := f.items[rv.StandardID]
	if items == nil {
		std := f.stds[rv.StandardID]
		if std == nil {
			return false, checklist.Errorf(checklist.ErrNotFound, checklist.Text{
				ZH: "学校 %[1]s：检查 %[3]s 所用的标准 %[2]s 不在数据库中", EN: "school %[1]s: the standard %[2]s of visit %[3]s: not found"},
				o.School.ID, rv.StandardID, rv.VisitID)
		}
		items = newScoredItems(std)
		f.items[rv.StandardID] = items
	}
	o.Rating = &checklist.RatedVisit{
		VisitID: rv.VisitID, Date: rv.Date.date(), Inspector: rv.Inspector,
		FinalizedAt: rv.FinalizedAt, Standard: items.std,
	}
	if o.Rating.Score, err = items.score(rv.Verdicts, &f.verdicts, &f.values); err != nil {
		return false, nil
	}
	return true, nil
}

// applyVetoes applies a school's veto records of the year to its line's
// rating, as RateYear applies them (checklist.ApplyVetoes).
func applyVetoes(o *checklist.SchoolOverview, records []checklist.VetoRecord, stds map[string]*checklist.Standard) error {
	if o.Rating == nil || len(records) == 0 {
		return nil
	}
	sc, err := checklist.ApplyVetoes(o.Rating.Score, o.Rating.Standard.Stars, records, stds)
	if err != nil {
		return checklist.Errorf(nil, checklist.Text{ZH: "学校 %s", EN: "school %s"}, o.School.ID).Because(err)
	}
	o.Rating.Score = sc
	return nil
}

// rescore scores a line's rating from its visit: for a summary whose
// packed verdicts are damaged (doctor repairs it).
func rescore(tx *bolt.Tx, o *checklist.SchoolOverview) error {
	in, err := getInspection(tx, o.Rating.VisitID)
	if err != nil {
		return err
	}
	o.Rating.Score = checklist.ScoreInspection(o.Rating.Standard, in)
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
		return nil, checklist.Errorf(nil, checklist.Text{ZH: "不能打开检查 %s", EN: "open visit %s"}, inspectionID).Because(err)
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
		return nil, checklist.Errorf(nil, checklist.Text{ZH: "不能读取学校 %s 的检查", EN: "read the visits of school %s"}, schoolID).Because(err)
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
var errStaleSummary = checklist.Errorf(nil, checklist.Text{
	ZH: "评定汇总与检查记录不一致；请运行 branchcheck doctor 修复",
	EN: "the rating summaries disagree with the visits; run branchcheck doctor to repair them"})

// RateYear rates every school for a year from its latest finalized visit
// of that year; see checklist.RateYear. It reads in one transaction the
// schools and, found through the year's summaries, only the visits the
// ratings come from, answers and notes included (the exports list the
// findings), decoding them on every processor.
func (s *Store) RateYear(year int) (*checklist.YearRating, error) {
	var yr *checklist.YearRating
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		yr, err = s.rateYear(tx, year)
		return err
	})
	if err != nil {
		return nil, err
	}
	return yr, nil
}

// rateYear is RateYear inside a transaction: the ratings with the year's
// veto records applied (checklist.YearRating.ApplyVetoes).
func (s *Store) rateYear(tx *bolt.Tx, year int) (*checklist.YearRating, error) {
	var (
		schools []checklist.School
		visits  []*checklist.Inspection
		stds    map[string]*checklist.Standard
		vetoes  []checklist.VetoRecord
	)
	err := func() error {
		var err error
		if stds, err = s.allStandards(tx); err != nil {
			return err
		}
		if vetoes, err = yearVetoes(tx, year); err != nil {
			return err
		}
		type row struct{ school, visit []byte }
		var rows []row
		rated := newFollower(tx.Bucket(bucketYearSummaries).Bucket(yearKey(year)))
		inspections := tx.Bucket(bucketInspections)
		err = tx.Bucket(bucketSchools).ForEach(func(k, v []byte) error {
			r := row{school: v}
			rv, err := decodeRatedVisit(rated.at(k), year, string(k))
			if err != nil {
				return err
			}
			if rv != nil {
				if r.visit = inspections.Get([]byte(rv.VisitID)); r.visit == nil {
					return checklist.Errorf(nil, checklist.Text{ZH: "学校 %s，检查 %s", EN: "school %s, visit %s"}, k, rv.VisitID).Because(errStaleSummary)
				}
			}
			rows = append(rows, r)
			return nil
		})
		if err != nil {
			return err
		}
		schools = make([]checklist.School, len(rows))
		all := make([]*checklist.Inspection, len(rows))
		err = inParallel(len(rows), func(lo, hi int) error {
			for i := lo; i < hi; i++ {
				sc := &schools[i]
				if err := decode(rows[i].school, sc); err != nil {
					return checklist.Errorf(nil, checklist.Text{ZH: "名单中第 %d 所学校", EN: "school %d of the list"}, i+1).Because(err)
				}
				if rows[i].visit == nil {
					continue
				}
				var in checklist.Inspection
				if err := decodeBulk(rows[i].visit, &in); err != nil {
					return checklist.Errorf(nil, checklist.Text{ZH: "学校 %[2]s 的 %[1]d 年检查", EN: "the %d visit of school %s"}, year, sc.ID).Because(err)
				}
				if in.SchoolID != sc.ID || in.Status != checklist.Finalized || in.Date.Year != year {
					return checklist.Errorf(nil, checklist.Text{ZH: "学校 %s，检查 %s", EN: "school %s, visit %s"}, sc.ID, in.ID).Because(errStaleSummary)
				}
				all[i] = &in
			}
			return nil
		})
		for _, in := range all {
			if in != nil {
				visits = append(visits, in)
			}
		}
		return err
	}()
	if err != nil {
		return nil, checklist.Errorf(nil, checklist.Text{ZH: "不能评定 %d 年", EN: "rate %d"}, year).Because(err)
	}
	yr, err := checklist.RateYear(year, schools, visits, stds)
	if err != nil {
		return nil, err
	}
	if err := yr.ApplyVetoes(vetoes, stds); err != nil {
		return nil, checklist.Errorf(nil, checklist.Text{ZH: "不能评定 %d 年度", EN: "rate %d"}, year).Because(err)
	}
	return yr, nil
}
