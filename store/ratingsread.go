package store

import (
	"encoding/binary"
	"errors"
	"math"
	"slices"
	"strings"

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

// RateYearTable rates a year as RateYearFindings does (the same schools,
// scores, veto records, order and standards, in the same order) without
// decoding a visit: from the school list (as RateYearBrief, which keeps a
// school archived in the year but rated in it), each rated school's Visit
// holding only its header, no answers, and the veto records attached,
// those the scores were capped by, read once in the same transaction. It
// is what every ratings format but the workbook (its 问题清单) prints: a
// province's year at the cost of its schools list.
func (s *Store) RateYearTable(year int) (*checklist.YearRating, error) {
	ov, vetoes, err := s.schoolsOverview(year)
	if err != nil {
		return nil, err
	}
	yr := briefRating(ov)
	for i := range yr.Ratings {
		if rs := vetoes[yr.Ratings[i].School.ID]; len(rs) > 0 {
			yr.Ratings[i].Vetoes = rs
		}
	}
	yr.Sort()
	yr.Standards = standardsInListOrder(yr)
	return yr, nil
}

// standardsInListOrder lists the standards of a year's ratings as
// checklist.RateYear does, the order the exports state them in: by first
// use, the schools taken in the order of their ids (the order the
// database keeps them in), one entry per id.
func standardsInListOrder(yr *checklist.YearRating) []*checklist.Standard {
	first := map[string]string{} // standard id: the lowest school id using it
	var out []*checklist.Standard
	for i := range yr.Ratings {
		r := &yr.Ratings[i]
		if !r.Rated() {
			continue
		}
		id, ok := first[r.Standard.ID]
		if !ok {
			out = append(out, r.Standard)
		}
		if !ok || r.School.ID < id {
			first[r.Standard.ID] = r.School.ID
		}
	}
	slices.SortFunc(out, func(a, b *checklist.Standard) int { return strings.Compare(first[a.ID], first[b.ID]) })
	return out
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

// RectCounts counts the rectifications of the schools given as
// RectLedgerInParts counts them (those the filter keeps, each where it
// stands today), reading only where each stands: what a ratings table
// shows of the 整改台账, each school's open rectifications. It returns the
// ledger in brief as RectLedgerInParts does, but of these schools only,
// grouped by township in their order. A few hundred schools are read
// at a time, each part in a read transaction of its own, on as many
// processors as there are.
func (s *Store) RectCounts(f checklist.RectFilter, schools []checklist.School) (*checklist.RectLedger, error) {
	today := checklist.DateOf(s.now())
	counts := make([]checklist.RectCounts, len(schools))
	listed := make([]bool, len(schools))
	parts := (len(schools) + rectChunk - 1) / rectChunk
	errs := make([]error, parts)
	eachInParallel(parts, func(p int) {
		errs[p] = s.db.View(func(tx *bolt.Tx) error {
			top := tx.Bucket(bucketRectifications)
			var st rectState
			for i := p * rectChunk; i < min((p+1)*rectChunk, len(schools)); i++ {
				sc := &schools[i]
				if f.SchoolID != "" && sc.ID != f.SchoolID {
					continue
				}
				b := top.Bucket([]byte(sc.ID))
				if b == nil {
					continue
				}
				err := b.ForEach(func(k, v []byte) error {
					st = rectState{}
					if err := decodeRectState(v, &st); err != nil {
						return checklist.Errorf(nil, checklist.Text{ZH: "整改事项 %s", EN: "rectification %s"}, k).Because(err)
					}
					r := st.rectification("", sc.ID)
					if r.Status() == checklist.RectWithdrawn || !f.Keeps(sc, &r) {
						return nil
					}
					counts[i].Add(&r, today)
					listed[i] = listed[i] || f.Lists(sc, &r, today)
					return nil
				})
				if err != nil {
					return err
				}
			}
			return nil
		})
		if (p+1)*rectChunk%exportChunk == 0 {
			releaseMapped(s.path) // as the other export read models do, a thousand schools at a time
		}
	})
	if err := errors.Join(errs...); err != nil {
		return nil, checklist.Errorf(nil, checklist.Text{ZH: "不能读取整改事项", EN: "read the rectifications"}).Because(err)
	}
	brief := checklist.NewRectLedgerOf(nil, nil, nil, nil, today, f)
	for i := range schools {
		sc, c := &schools[i], counts[i]
		brief.Counts.Open, brief.Counts.Overdue = brief.Counts.Open+c.Open, brief.Counts.Overdue+c.Overdue
		brief.Counts.Reported, brief.Counts.Closed = brief.Counts.Reported+c.Reported, brief.Counts.Closed+c.Closed
		if !listed[i] {
			continue
		}
		if n := len(brief.Townships); n == 0 || brief.Townships[n-1].Township != sc.Township {
			brief.Townships = append(brief.Townships, checklist.RectTownship{Township: sc.Township})
		}
		t := &brief.Townships[len(brief.Townships)-1]
		t.Schools = append(t.Schools, checklist.SchoolRectifications{School: *sc, Today: today, Counts: c})
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
			if err := decodeRectState(vals[i].v, &st); err != nil {
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

// decodeRectState reads where a stored rectification stands (rectState)
// as decodeBulk does, a tenth of the cost: the exports read it from every
// rectification of the year (a province: a million). It walks the
// value's map once and reads only rectState's keys; a value it does not
// expect (anything our encoder does not write: indefinite lengths, tags, a key
// that is not a small number, a state key of another type, a malformed
// or truncated item) goes to decodeBulk, which reads it or says why not.
func decodeRectState(v []byte, st *rectState) error {
	if len(v) > 0 && v[0] == valueVersion {
		if s, ok := scanRectState(v[1:]); ok {
			*st = s
			return nil
		}
	}
	return decodeBulk(v, st)
}

// scanRectState reads rectState's keys from a CBOR map; ok is false for
// anything but a well-formed map of definite length, keyed by unsigned
// integers, whose state keys hold what rectState holds.
func scanRectState(b []byte) (st rectState, ok bool) {
	n, b, ok := cborHead(b, 5)
	if !ok {
		return st, false
	}
	var seen uint32 // the state keys read: of a key twice, the decoder keeps the first
	for range n {
		var key uint64
		if len(b) > 0 && b[0] < 24 { // a small key, as all of ours are
			key, b = uint64(b[0]), b[1:]
		} else if key, b, ok = cborHead(b, 0); !ok || key > math.MaxInt64 { // the decoder refuses such a key
			return st, false
		}
		if key < 32 && seen&(1<<key) != 0 {
			key = 0 // skipped as any other key
		} else if key < 32 {
			seen |= 1 << key
		}
		var d *day
		switch key {
		case 3:
			d = &st.FoundOn
		case 7:
			d = &st.DueBy
		case 12:
			d = &st.RecheckedOn
		case 14:
			d = &st.ClosedOn
		case 20:
			d = &st.Deadline
		case 23:
			d = &st.ReportedOn
		case 26:
			d = &st.HandClosedOn
		case 15:
			if len(b) == 0 || b[0] != 0xf4 && b[0] != 0xf5 { // false, true
				return st, false
			}
			st.Withdrawn, b = b[0] == 0xf5, b[1:]
			continue
		default:
			if len(b) > 1 && b[0] >= 0x60 && b[0] <= 0x78 { // a text (an id, a name, a note)
				n, at := int(b[0]-0x60), 1
				if n == 24 {
					n, at = int(b[1]), 2
				}
				if at+n <= len(b) {
					b = b[at+n:]
					continue
				}
			}
			if b, ok = cborSkip(b, 0); !ok {
				return st, false
			}
			continue
		}
		if len(b) >= 5 && b[0] == 0x1a { // a day: four bytes
			*d, b = day(binary.BigEndian.Uint32(b[1:5])), b[5:]
			continue
		}
		var x uint64
		if x, b, ok = cborHead(b, 0); !ok || x > 1<<32-1 {
			return st, false
		}
		*d = day(x)
	}
	return st, len(b) == 0
}

// cborHead reads the head of a CBOR item of major type major with a
// definite argument: the argument (a number, a length, a count) and the
// rest.
func cborHead(b []byte, major byte) (uint64, []byte, bool) {
	if len(b) == 0 || b[0]>>5 != major {
		return 0, nil, false
	}
	switch ai := b[0] & 0x1f; {
	case ai < 24:
		return uint64(ai), b[1:], true
	case ai <= 27:
		size := 1 << (ai - 24)
		if len(b) < 1+size {
			return 0, nil, false
		}
		var x uint64
		for _, c := range b[1 : 1+size] {
			x = x<<8 | uint64(c)
		}
		return x, b[1+size:], true
	}
	return 0, nil, false // reserved, or indefinite
}

// cborSkip skips one well-formed CBOR item of definite length, untagged,
// nested at most a few levels deep.
func cborSkip(b []byte, depth int) ([]byte, bool) {
	if len(b) == 0 || depth > 4 {
		return nil, false
	}
	major := b[0] >> 5
	if major == 7 { // simple values and floats
		switch ai := b[0] & 0x1f; {
		case ai < 24:
			return b[1:], true
		case ai <= 27:
			size := 1 << (ai - 24)
			return b[min(len(b), 1+size):], len(b) >= 1+size
		}
		return nil, false
	}
	x, rest, ok := cborHead(b, major)
	if !ok {
		return nil, false
	}
	switch major {
	case 2, 3: // bytes, text (the decoder does not check a skipped text is UTF-8)
		if x > uint64(len(rest)) {
			return nil, false
		}
		return rest[x:], true
	case 4, 5: // array, map
		items := x
		if major == 5 {
			items *= 2
		}
		if items > uint64(len(rest)) { // each item takes a byte at least
			return nil, false
		}
		for range items {
			if rest, ok = cborSkip(rest, depth+1); !ok {
				return nil, false
			}
		}
		return rest, true
	case 6: // a tag: never written by our encoder, left to the decoder
		return nil, false
	}
	return rest, true // integers
}
