package store

import (
	"time"

	bolt "go.etcd.io/bbolt"

	"branchcheck/checklist"
)

// The read models of the ratings exports: what the ratings table, its
// 问题清单 and its 整改台账 print, read so that a province's year (50,000
// schools, a million rectifications) costs tens of megabytes, not
// gigabytes. Each reads the database a few thousand schools at a time
// and gives back, between them, the pages of the file it has read
// (releaseMapped), so that neither the heap nor the mapped file grows
// with the database.

// exportChunk is how many schools the export read models read before
// they give the file's pages back.
const exportChunk = 1000

// rectChunk is how many schools' rectifications RectLedgerInParts reads
// at a time: some thirty each, a few thousand rectifications a part.
const rectChunk = 250

// RateYearFindings rates a year as RateYear does, the veto records
// applied, in the same order, but keeps of each rated visit only what the
// exports print: its header (id, date, inspector, standard, status, when
// finalized) and the answers that need fixing (不符合, 基本符合) with their
// notes, the 问题清单. Each score is the whole visit's, computed where the
// visit is decoded. Use RateYear where the visits are needed whole (a
// self-assessment compared with them).
func (s *Store) RateYearFindings(year int) (*checklist.YearRating, error) {
	var (
		schools []checklist.School
		visits  []*checklist.Inspection
		scores  = map[string]checklist.Score{} // by visit id
		stds    map[string]*checklist.Standard
		vetoes  []checklist.VetoRecord
	)
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		if stds, err = s.allStandards(tx); err != nil {
			return err
		}
		if vetoes, err = yearVetoes(tx, year); err != nil {
			return err
		}
		type row struct{ school, visit []byte }
		rows := make([]row, 0, exportChunk)
		decodeRows := func() error {
			base := len(schools)
			schools = append(schools, make([]checklist.School, len(rows))...)
			light := make([]*checklist.Inspection, len(rows))
			scored := make([]checklist.Score, len(rows))
			err := inParallel(len(rows), func(lo, hi int) error {
				for i := lo; i < hi; i++ {
					sc := &schools[base+i]
					if err := decode(rows[i].school, sc); err != nil {
						return checklist.Errorf(nil, checklist.Text{ZH: "名单中第 %d 所学校", EN: "school %d of the list"}, base+i+1).Because(err)
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
					if std := stds[in.StandardID]; std != nil { // else checklist.RateYear says so
						scored[i] = checklist.ScoreInspection(std, &in)
					}
					light[i] = findingsOnly(&in)
				}
				return nil
			})
			for i, in := range light {
				if in != nil {
					visits = append(visits, in)
					scores[in.ID] = scored[i]
				}
			}
			rows = rows[:0]
			releaseMapped(s.path)
			return err
		}
		rated := newFollower(tx.Bucket(bucketYearSummaries).Bucket(yearKey(year)))
		inspections := tx.Bucket(bucketInspections)
		c := tx.Bucket(bucketSchools).Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
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
			if rows = append(rows, r); len(rows) == exportChunk {
				if err := decodeRows(); err != nil {
					return err
				}
			}
		}
		return decodeRows()
	})
	if err != nil {
		return nil, checklist.Errorf(nil, checklist.Text{ZH: "不能评定 %d 年度", EN: "rate %d"}, year).Because(err)
	}
	yr, err := checklist.RateYear(year, schools, visits, stds)
	if err != nil {
		return nil, err
	}
	// RateYear scored the visits in brief: each gets its whole visit's
	// score back, and its place by it.
	for i := range yr.Ratings {
		if r := &yr.Ratings[i]; r.Rated() {
			r.Score = scores[r.Visit.ID]
		}
	}
	yr.Sort()
	if err := yr.ApplyVetoes(vetoes, stds); err != nil {
		return nil, checklist.Errorf(nil, checklist.Text{ZH: "不能评定 %d 年度", EN: "rate %d"}, year).Because(err)
	}
	return yr, nil
}

// findingsOnly is a visit in brief: its header and the answers that need
// fixing, notes included.
func findingsOnly(in *checklist.Inspection) *checklist.Inspection {
	out := &checklist.Inspection{ID: in.ID, SchoolID: in.SchoolID, StandardID: in.StandardID, Inspector: in.Inspector,
		Date: in.Date, Status: in.Status, FinalizedAt: in.FinalizedAt, CreatedAt: in.CreatedAt, UpdatedAt: in.UpdatedAt}
	for id, a := range in.Answers {
		if a.Verdict.NeedsFixing() {
			if out.Answers == nil {
				out.Answers = map[string]checklist.Answer{}
			}
			out.Answers[id] = checklist.Answer{Verdict: a.Verdict, Value: a.Value, Note: a.Note}
		}
	}
	return out
}

// YearEndOf reads what a year's papers state of the year end beside the
// ratings yr (RateYearFindings' or RateYear's): the stage, the standards,
// the self-assessments, each compared with the visit its school's rating
// comes from, read whole on its own. Rating and LastYear are left nil:
// the caller has them.
func (s *Store) YearEndOf(yr *checklist.YearRating) (*YearEnd, error) {
	ye := &YearEnd{}
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		if ye.Stage, err = getYearStage(tx, yr.Year); err != nil {
			return err
		}
		if ye.Stage == nil {
			ye.Stage = &checklist.YearStage{Year: yr.Year}
		}
		if ye.Standards, err = s.allStandards(tx); err != nil {
			return err
		}
		if ye.SelfAssessments, err = yearSelfAssessments(tx, yr.Year); err != nil {
			return err
		}
		ye.Self = map[string]*checklist.SelfComparison{}
		if len(ye.SelfAssessments) == 0 {
			return nil
		}
		for i := range yr.Ratings {
			r := &yr.Ratings[i]
			sa := ye.SelfAssessments[r.School.ID]
			if sa == nil || !r.Rated() {
				continue
			}
			selfStd := ye.Standards[sa.StandardID]
			if selfStd == nil {
				return checklist.Errorf(checklist.ErrNotFound, checklist.Text{ZH: "学校 %s 的自评所用的标准 %s 不在数据库中", EN: "the self-assessment of school %s: standard %s not found"}, r.School.ID, sa.StandardID)
			}
			visit, err := getInspection(tx, r.Visit.ID)
			if err != nil {
				return err
			}
			c, err := checklist.CompareSelf(selfStd, sa, r.Standard, visit)
			if err != nil {
				return err
			}
			ye.Self[r.School.ID] = c
		}
		return nil
	})
	if err != nil {
		return nil, checklist.Errorf(nil, checklist.Text{ZH: "不能读取 %d 年度的年终评定", EN: "read the %d year-end"}, yr.Year).Because(err)
	}
	return ye, nil
}

// RectLedgerInParts reads the 整改台账 as RectLedger does, but hands it to
// each in parts of a few thousand schools, in the ledger's order, each
// part a ledger of its own (its Counts its own), and keeps none: the
// workbook's sheet of a province's year, a million rectifications, is
// written part by part. With each nil no rectification is read whole. It
// returns the ledger in brief: its Counts, and every school it lists with
// its Counts but no Rects (the figures above a ledger, and each school's
// count, CountsBySchool).
func (s *Store) RectLedgerInParts(f checklist.RectFilter, each func(*checklist.RectLedger) error) (*checklist.RectLedger, error) {
	var brief *checklist.RectLedger
	err := s.db.View(func(tx *bolt.Tx) error {
		stds, err := s.allStandards(tx)
		if err != nil {
			return err
		}
		var vals [][]byte
		if err := tx.Bucket(bucketSchools).ForEach(func(k, v []byte) error {
			if f.SchoolID == "" || string(k) == f.SchoolID {
				vals = append(vals, v)
			}
			return nil
		}); err != nil {
			return err
		}
		schools := make([]checklist.School, len(vals))
		if err := inParallel(len(vals), func(lo, hi int) error {
			for i := lo; i < hi; i++ {
				if err := decode(vals[i], &schools[i]); err != nil {
					return checklist.Errorf(nil, checklist.Text{ZH: "名单中第 %d 所学校", EN: "school %d of the list"}, i+1).Because(err)
				}
			}
			return nil
		}); err != nil {
			return err
		}
		checklist.SortSchools(schools) // the ledger's order: the parts follow it
		today := checklist.DateOf(s.now())
		brief = checklist.NewRectLedgerOf(nil, nil, nil, nil, today, f)
		top := tx.Bucket(bucketRectifications)
		for lo := 0; lo < len(schools); lo += rectChunk {
			part := schools[lo:min(lo+rectChunk, len(schools))]
			listed, counts, err := s.readRectPart(top, part, f, today, each != nil)
			if err != nil {
				return err
			}
			for i := range part {
				sc := &part[i]
				c := counts[sc.ID]
				brief.Counts.Open, brief.Counts.Overdue = brief.Counts.Open+c.Open, brief.Counts.Overdue+c.Overdue
				brief.Counts.Reported, brief.Counts.Closed = brief.Counts.Reported+c.Reported, brief.Counts.Closed+c.Closed
				if listed[sc.ID] == nil {
					continue
				}
				if n := len(brief.Townships); n == 0 || brief.Townships[n-1].Township != sc.Township {
					brief.Townships = append(brief.Townships, checklist.RectTownship{Township: sc.Township})
				}
				t := &brief.Townships[len(brief.Townships)-1]
				t.Schools = append(t.Schools, checklist.SchoolRectifications{School: *sc, Today: today, Counts: c})
			}
			if each != nil {
				if err := each(checklist.NewRectLedgerOf(part, listed, counts, stds, today, f)); err != nil {
					return err
				}
			}
			releaseMapped(s.path)
		}
		return nil
	})
	if err != nil {
		return nil, checklist.Errorf(nil, checklist.Text{ZH: "不能读取整改事项", EN: "read the rectifications"}).Because(err)
	}
	return brief, nil
}

// readRectPart reads the rectifications of some schools as RectLedger
// does: where each stands, to count those the filter keeps, and, whole
// when whole, those the ledger lists (by school id; without whole, each
// listed school gets an empty non-nil slice).
func (s *Store) readRectPart(top *bolt.Bucket, schools []checklist.School, f checklist.RectFilter, today checklist.Date, whole bool) (map[string][]checklist.Rectification, map[string]checklist.RectCounts, error) {
	type raw struct {
		school int
		k, v   []byte
	}
	var vals []raw
	for i := range schools {
		if b := top.Bucket([]byte(schools[i].ID)); b != nil {
			if err := b.ForEach(func(k, v []byte) error {
				vals = append(vals, raw{i, k, v})
				return nil
			}); err != nil {
				return nil, nil, err
			}
		}
	}
	type standing struct {
		counts checklist.RectCounts
		kept   bool
		listed bool
	}
	stand := make([]standing, len(vals))
	var rects []checklist.Rectification // whole, those listed
	if whole {
		rects = make([]checklist.Rectification, len(vals))
	}
	err := inParallel(len(vals), func(lo, hi int) error {
		var st rectState
		for i := lo; i < hi; i++ {
			sc := &schools[vals[i].school]
			st = rectState{}
			if err := decodeBulk(vals[i].v, &st); err != nil {
				return checklist.Errorf(nil, checklist.Text{ZH: "整改事项 %s", EN: "rectification %s"}, vals[i].k).Because(err)
			}
			r := st.rectification("", sc.ID)
			if r.Status() == checklist.RectWithdrawn || !f.Keeps(sc, &r) {
				continue
			}
			stand[i].counts.Add(&r, today)
			stand[i].kept = true
			if stand[i].listed = f.Lists(sc, &r, today); stand[i].listed && whole {
				var err error
				if rects[i], err = decodeRect(vals[i].v, string(vals[i].k), sc.ID, true); err != nil {
					return checklist.Errorf(nil, checklist.Text{ZH: "整改事项 %s", EN: "rectification %s"}, vals[i].k).Because(err)
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	listed := map[string][]checklist.Rectification{}
	counts := map[string]checklist.RectCounts{}
	for i := range stand {
		if !stand[i].kept {
			continue
		}
		id := schools[vals[i].school].ID
		c := counts[id]
		c.Open, c.Overdue = c.Open+stand[i].counts.Open, c.Overdue+stand[i].counts.Overdue
		c.Reported, c.Closed = c.Reported+stand[i].counts.Reported, c.Closed+stand[i].counts.Closed
		counts[id] = c
		if stand[i].listed {
			if listed[id] == nil {
				listed[id] = []checklist.Rectification{}
			}
			if whole {
				listed[id] = append(listed[id], rects[i])
			}
		}
	}
	return listed, counts, nil
}

// releasingMapped gives back the pages of the file at path this process
// has mapped (releaseMapped) every few milliseconds until stop is called:
// the full check of a large file reads every page of it, which would
// otherwise count, all at once, as the process's memory (a province's
// database: two gigabytes, for a command that needs a few hundred
// megabytes).
func releasingMapped(path string) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				releaseMapped(path)
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}
