package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"time"

	bolt "go.etcd.io/bbolt"

	"branchcheck/checklist"
)

// The school list (schema 5) is every school's line of the schools list,
// stored in the list's order: the key is the school's place
// (checklist.SchoolOrder: township and name by pinyin, then id), the value
// (a row) what the list shows of the school in every year: its fields, its
// last visit and drafts (its summary), and for each year it was rated in,
// the visit its rating comes from and that visit's score. The schools list
// then reads one bucket from first to last: nothing to sort, to join or to
// score, and small values to decode. The veto records are applied when
// read, as before.
//
// A row is a copy, made again whenever what it copies changes: a school
// saved or deleted (putSchool, deleteSchool), its summary saved
// (putSchoolSummary), its rated visit of a year saved (putRatedVisit).
// Each of those marks the school in school_list_stale, in the same
// transaction; before that transaction commits, the Store's Update (and a
// bundle import's last transaction) makes the marked schools' rows again,
// scoring with the Store's standards, and clears the marks. A row always
// agrees with the schools and summaries, or its school is marked, and a
// marked school makes the schools list read from the schools and
// summaries instead (schoolsFromSummaries).
//
// The scores are the one figure the database keeps that the data does
// not say: the rows hold them under listVersion, which names the scoring
// rules (checklist.ScoringVersion) and the order's collation
// (checklist.SchoolOrderVersion). A program whose rules or collation
// differ makes the whole list again when it opens the database for
// writing, and reads from the schools and summaries until then, so a
// change of the rules never shows a stale figure. doctor compares every
// row with the schools and the visits, and rebuilds the list.

var (
	bucketSchoolList = []byte("school_list")
	// bucketSchoolListKeys: each school's row key, by school id.
	bucketSchoolListKeys = []byte("school_list_keys")
	// bucketSchoolListStale: the schools whose rows are to be made again.
	bucketSchoolListStale = []byte("school_list_stale")
	// keyListVersion: the listVersion the rows were written under.
	keyListVersion = []byte("school_list_version")
)

// listRowFormat is the first byte of every row: the layout below.
const listRowFormat byte = 1

// listVersion names the rows' layout, the scoring rules their scores were
// made under and their keys' order. The list is made again when the
// database holds another.
var listVersion = fmt.Sprintf("rows %d; scoring %d; %s", listRowFormat, checklist.ScoringVersion, checklist.SchoolOrderVersion)

// yearRow is one year's rating in a row: the rated visit in brief (its
// packed verdicts left out) and its score, no veto record applied.
type yearRow struct {
	year  int
	visit *ratedVisit
	score checklist.Score
}

// encodeListRow lays out a school's row:
//
//	format byte
//	id, name, township, kind, secretary, contact, latest draft's id: texts
//	archive day, last visit's day, number of drafts, number of years: numbers
//	each year, oldest first: the year, its part's length, then its part:
//	    visit id, inspector, standard id: texts
//	    date's day, finalized at (seconds since 1970, zig-zag): numbers
//	    score: total, base, bonus (8 bytes each, IEEE 754 big endian),
//	    stars, flags (1 lagging, 2 provisional), answered, scored, the
//	    number of veto items and each one's id (text), the number of
//	    requirements and for each its points (8 bytes), whether it
//	    applies (a byte), answered and scored
//
// A text is its length (uvarint) and its bytes; a number a uvarint. The
// same school, summary and ratings always give the same bytes.
func encodeListRow(sc *checklist.School, sum *schoolSummary, years []yearRow) []byte {
	draftID := ""
	if n := len(sum.Drafts); n > 0 {
		draftID = sum.Drafts[n-1].ID // by date, then id: the latest
	}
	b := make([]byte, 1, 160+len(years)*160)
	b[0] = listRowFormat
	for _, t := range [...]string{sc.ID, sc.Name, sc.Township, sc.Kind, sc.Secretary, sc.Contact, draftID} {
		b = appendText(b, t)
	}
	for _, n := range [...]uint64{uint64(dayOf(sc.Archived)), uint64(sum.LastVisit), uint64(len(sum.Drafts)), uint64(len(years))} {
		b = binary.AppendUvarint(b, n)
	}
	var part []byte
	for _, y := range years {
		part = appendYearPart(part[:0], &y)
		b = binary.AppendUvarint(b, uint64(y.year))
		b = binary.AppendUvarint(b, uint64(len(part)))
		b = append(b, part...)
	}
	return b
}

func appendYearPart(b []byte, y *yearRow) []byte {
	rv, sc := y.visit, &y.score
	for _, t := range [...]string{rv.VisitID, rv.Inspector, rv.StandardID} {
		b = appendText(b, t)
	}
	b = binary.AppendUvarint(b, uint64(rv.Date))
	b = binary.AppendVarint(b, rv.FinalizedAt.Unix())
	for _, x := range [...]float64{sc.Total, sc.Base, sc.Bonus} {
		b = binary.BigEndian.AppendUint64(b, math.Float64bits(x))
	}
	flags := uint64(0)
	if sc.Lagging {
		flags |= 1
	}
	if sc.Provisional {
		flags |= 2
	}
	for _, n := range [...]uint64{uint64(sc.Stars), flags, uint64(sc.Answered), uint64(sc.Scored), uint64(len(sc.VetoItems))} {
		b = binary.AppendUvarint(b, n)
	}
	for _, id := range sc.VetoItems {
		b = appendText(b, id)
	}
	b = binary.AppendUvarint(b, uint64(len(sc.Requirements)))
	for _, r := range sc.Requirements {
		b = binary.BigEndian.AppendUint64(b, math.Float64bits(r.Points))
		applies := byte(0)
		if r.Applicable {
			applies = 1
		}
		b = append(b, applies)
		b = binary.AppendUvarint(b, uint64(r.Answered))
		b = binary.AppendUvarint(b, uint64(r.Scored))
	}
	return b
}

func appendText(b []byte, t string) []byte {
	b = binary.AppendUvarint(b, uint64(len(t)))
	return append(b, t...)
}

// errDamagedRow: a row that does not read back; the schools list is then
// read from the schools and summaries, and doctor rebuilds the list.
var errDamagedRow = checklist.Errorf(ErrDamaged, checklist.Text{ZH: "学校列表中的一行无法读取", EN: "a row of the school list cannot be read"})

// decodeListRow fills a schools list line from a row: the school, its
// last visit and drafts, and its rating of the year (none if the row has
// no part for the year), scored as the row says, with its standard from
// stds (nil: the rating is not read). Its texts share one copy of the
// row's bytes.
func decodeListRow(v []byte, year int, stds map[string]*checklist.Standard, o *checklist.SchoolOverview) error {
	return decodeListRowIn(v, string(v), year, stds, o, nil)
}

// rowArena holds what the lines decoded by one worker point to, in a few
// large blocks rather than a few small ones per line: the collector then
// has far fewer objects to find and mark.
type rowArena struct {
	visits []checklist.RatedVisit
	reqs   []checklist.RequirementScore
}

// visit returns a rated visit from the arena (nil arena: a new one).
func (a *rowArena) visit() *checklist.RatedVisit {
	if a == nil {
		return new(checklist.RatedVisit)
	}
	if len(a.visits) == cap(a.visits) {
		a.visits = make([]checklist.RatedVisit, 0, max(64, cap(a.visits)))
	}
	a.visits = a.visits[:len(a.visits)+1]
	return &a.visits[len(a.visits)-1]
}

// requirements returns n requirement scores from the arena, to fill.
func (a *rowArena) requirements(n int) []checklist.RequirementScore {
	if a == nil {
		return make([]checklist.RequirementScore, n)
	}
	if cap(a.reqs)-len(a.reqs) < n {
		a.reqs = make([]checklist.RequirementScore, 0, max(64*n, cap(a.reqs)))
	}
	at := len(a.reqs)
	a.reqs = a.reqs[:at+n]
	return a.reqs[at : at+n : at+n]
}

// decodeListRowIn is decodeListRow with the row's text given (s, the same
// bytes as v, perhaps a slice of a larger string) and the rating's parts
// taken from the arena a (nil: allocated one by one).
func decodeListRowIn(v []byte, s string, year int, stds map[string]*checklist.Standard, o *checklist.SchoolOverview, a *rowArena) error {
	if len(v) == 0 || v[0] != listRowFormat || len(s) != len(v) {
		return errDamagedRow
	}
	r := rowReader{b: v, s: s, at: 1}
	sc := &o.School
	for _, t := range [...]*string{&sc.ID, &sc.Name, &sc.Township, &sc.Kind, &sc.Secretary, &sc.Contact, &o.DraftID} {
		*t = r.text()
	}
	archived, last, drafts, years := r.number(), r.number(), r.number(), r.number()
	if r.bad || drafts > 1<<20 {
		return errDamagedRow
	}
	sc.Archived, o.LastVisit, o.Drafts = day(archived).date(), day(last).date(), int(drafts)
	for range years {
		y, n := r.number(), r.number()
		if r.bad || n > uint64(len(v)-r.at) {
			return errDamagedRow
		}
		end := r.at + int(n)
		if int(y) == year && stds != nil {
			rated, err := r.yearPart(stds, a)
			if err != nil || r.at != end {
				return errDamagedRow
			}
			o.Rating = rated
		}
		r.at = end
	}
	if r.bad || r.at != len(v) {
		return errDamagedRow
	}
	return nil
}

// yearPart reads a year's part of a row.
func (r *rowReader) yearPart(stds map[string]*checklist.Standard, a *rowArena) (*checklist.RatedVisit, error) {
	rv := a.visit()
	rv.VisitID, rv.Inspector = r.text(), r.text()
	std := stds[r.text()]
	rv.Date = day(r.number()).date()
	at, w := binary.Varint(r.b[r.at:])
	if w <= 0 || std == nil {
		return nil, errDamagedRow
	}
	r.at += w
	rv.FinalizedAt, rv.Standard = time.Unix(at, 0), std
	sc := &rv.Score
	sc.Total, sc.Base, sc.Bonus = r.float(), r.float(), r.float()
	stars, flags, answered, scored, vetoes := r.number(), r.number(), r.number(), r.number(), r.number()
	if r.bad || vetoes > 1<<10 {
		return nil, errDamagedRow
	}
	sc.Stars, sc.Lagging, sc.Provisional, sc.Answered, sc.Scored = int(stars), flags&1 != 0, flags&2 != 0, int(answered), int(scored)
	for range vetoes {
		sc.VetoItems = append(sc.VetoItems, r.text())
	}
	// The requirements' ids, maxima and kinds are the standard's.
	if n := r.number(); r.bad || n != uint64(len(std.Requirements)) {
		return nil, errDamagedRow
	}
	sc.Requirements = a.requirements(len(std.Requirements))
	for i := range std.Requirements {
		req := &std.Requirements[i]
		points := r.float()
		applies := r.byte()
		answered, scored := r.number(), r.number()
		sc.Requirements[i] = checklist.RequirementScore{ID: req.ID, Points: points, Max: req.Points, Bonus: req.Bonus,
			Applicable: applies == 1, Answered: int(answered), Scored: int(scored)}
	}
	if r.bad {
		return nil, errDamagedRow
	}
	return rv, nil
}

// rowReader reads a row: b its bytes, s the same as one string, at the
// place reached; bad once something did not read.
type rowReader struct {
	b   []byte
	s   string
	at  int
	bad bool
}

func (r *rowReader) number() uint64 {
	if r.bad {
		return 0
	}
	n, w := binary.Uvarint(r.b[r.at:])
	if w <= 0 || n > 1<<32 {
		r.bad = true
		return 0
	}
	r.at += w
	return n
}

func (r *rowReader) text() string {
	n := r.number()
	if r.bad || n > uint64(len(r.b)-r.at) {
		r.bad = true
		return ""
	}
	t := r.s[r.at : r.at+int(n)]
	r.at += int(n)
	return t
}

func (r *rowReader) float() float64 {
	if r.bad || len(r.b)-r.at < 8 {
		r.bad = true
		return 0
	}
	x := math.Float64frombits(binary.BigEndian.Uint64(r.b[r.at:]))
	r.at += 8
	return x
}

func (r *rowReader) byte() byte {
	if r.bad || r.at >= len(r.b) {
		r.bad = true
		return 0
	}
	c := r.b[r.at]
	r.at++
	return c
}

// listedSchool is a school as the schools list holds it: the fields a row
// keeps, not its versions, times or aliases.
func listedSchool(sc checklist.School) checklist.School {
	return checklist.School{ID: sc.ID, Name: sc.Name, Township: sc.Township, Kind: sc.Kind,
		Secretary: sc.Secretary, Contact: sc.Contact, Archived: sc.Archived}
}

// markListed marks a school's row to be made again before the transaction
// commits (flushSchoolList). A database whose list is not there yet (a
// migration from before schema 5 under way) is left alone: the migration
// writes the list.
func markListed(tx *bolt.Tx, schoolID string) error {
	if b := tx.Bucket(bucketSchoolListStale); b != nil {
		return b.Put([]byte(schoolID), nil)
	}
	return nil
}

// flushSchoolList makes the rows of the marked schools again, scoring
// with the standards std gives, and clears the marks.
func flushSchoolList(tx *bolt.Tx, std standardSource) error {
	_, err := flushSchoolListUpTo(tx, std, 0)
	return err
}

// flushSchoolListUpTo makes the rows of up to max marked schools (all of
// them if max is 0) and takes their marks away. It reports whether marks
// are left: a bundle import, which may mark every school of a province,
// makes their rows a thousand to a transaction, so that the rows
// waiting to be written never hold much memory.
func flushSchoolListUpTo(tx *bolt.Tx, std standardSource, max int) (more bool, err error) {
	stale := tx.Bucket(bucketSchoolListStale)
	if stale == nil {
		return false, nil
	}
	c := stale.Cursor()
	k, _ := c.First()
	if k == nil {
		return false, nil // nothing marked: nothing written
	}
	var ids []string
	for ; k != nil; k, _ = c.Next() {
		if max > 0 && len(ids) == max {
			more = true
			break
		}
		ids = append(ids, string(k))
	}
	order, scorer := checklist.NewSchoolOrder(), newRowScorer(std)
	list, keys := tx.Bucket(bucketSchoolList), tx.Bucket(bucketSchoolListKeys)
	for _, id := range ids {
		if err := refreshListRow(tx, list, keys, id, scorer, order); err != nil {
			return false, checklist.Errorf(nil, checklist.Text{ZH: "学校列表中学校 %s 的一行", EN: "the row of school %s in the school list"}, id).Because(err)
		}
	}
	if more {
		for _, id := range ids {
			if err := stale.Delete([]byte(id)); err != nil {
				return false, err
			}
		}
		return true, nil
	}
	if err := tx.DeleteBucket(bucketSchoolListStale); err != nil {
		return false, err
	}
	_, err = tx.CreateBucket(bucketSchoolListStale)
	return false, err
}

// refreshListRow makes a school's row again from the school, its summary
// and its rated visits, and moves it if its key changed; a school no
// longer there loses its row.
func refreshListRow(tx *bolt.Tx, list, keys *bolt.Bucket, id string, scorer *rowScorer, order *checklist.SchoolOrder) error {
	old := keys.Get([]byte(id))
	v := tx.Bucket(bucketSchools).Get([]byte(id))
	if v == nil {
		if old == nil {
			return nil
		}
		if err := list.Delete(old); err != nil {
			return err
		}
		return keys.Delete([]byte(id))
	}
	var sc checklist.School
	if err := decode(v, &sc); err != nil {
		return damagedRecord(checklist.Text{ZH: "学校 " + id, EN: "school " + id}, err)
	}
	sum, err := getSchoolSummary(tx, id)
	if err != nil {
		return err
	}
	var years []yearRow
	err = tx.Bucket(bucketYearSummaries).ForEachBucket(func(yk []byte) error {
		year, ok := yearOfKey(yk)
		if !ok {
			return nil
		}
		rv, err := decodeRatedVisit(tx.Bucket(bucketYearSummaries).Bucket(yk).Get([]byte(id)), year, id)
		if err != nil || rv == nil {
			return err
		}
		y, err := scorer.year(tx, year, rv)
		if err != nil {
			return err
		}
		years = append(years, y)
		return nil
	})
	if err != nil {
		return err
	}
	key := order.Key(&sc)
	if old != nil && !bytes.Equal(old, key) {
		if err := list.Delete(old); err != nil {
			return err
		}
	}
	if err := list.Put(key, encodeListRow(&sc, &sum, years)); err != nil {
		return err
	}
	return keys.Put([]byte(id), key)
}

// rowScorer scores the rated visits a piece of work puts in rows, from
// their packed verdicts, as filler scores the lines read from the
// summaries: each standard's scored items worked out once, the scratch
// space reused.
type rowScorer struct {
	std      standardSource
	items    map[string]*scoredItems
	verdicts []checklist.Verdict
	values   []float64
}

func newRowScorer(std standardSource) *rowScorer {
	return &rowScorer{std: std, items: map[string]*scoredItems{}}
}

// year scores a school's rated visit of a year. Packed verdicts that do
// not read are scored from the visit, as rescore does.
func (rs *rowScorer) year(tx *bolt.Tx, year int, rv *ratedVisit) (yearRow, error) {
	items := rs.items[rv.StandardID]
	if items == nil {
		std, err := rs.std(tx, rv.StandardID)
		if err != nil {
			return yearRow{}, err
		}
		items = newScoredItems(std)
		rs.items[rv.StandardID] = items
	}
	score, err := items.score(rv.Verdicts, &rs.verdicts, &rs.values)
	if err != nil {
		in, gerr := getInspection(tx, rv.VisitID)
		if gerr != nil {
			return yearRow{}, err
		}
		score = checklist.ScoreInspection(items.std, in)
	}
	return yearRow{year: year, visit: rv, score: score}, nil
}

// yearOfKey reads a year bucket's key.
func yearOfKey(k []byte) (int, bool) {
	var year int
	if _, err := fmt.Sscanf(string(k), "%d", &year); err != nil || string(yearKey(year)) != string(k) {
		return 0, false
	}
	return year, true
}

// expectedList is every row as the schools and the summaries sums say
// (sums nil: the stored summaries), by key, with each key's school name
// and each school's key by id.
func expectedList(tx *bolt.Tx, sums *summaries, std standardSource) (rows map[string][]byte, names, keys map[string]string, err error) {
	rows, names, keys = map[string][]byte{}, map[string]string{}, map[string]string{}
	if sums == nil {
		if sums, err = storedSummaries(tx); err != nil {
			return nil, nil, nil, err
		}
	}
	order, scorer := checklist.NewSchoolOrder(), newRowScorer(std)
	err = tx.Bucket(bucketSchools).ForEach(func(k, v []byte) error {
		var sc checklist.School
		if err := decode(v, &sc); err != nil {
			return checklist.Errorf(nil, checklist.Text{ZH: "学校 %s", EN: "school %s"}, k).Because(err)
		}
		var sum schoolSummary
		if s := sums.schools[sc.ID]; s != nil {
			sum = *s
		}
		var years []yearRow
		for _, year := range sortedKeys(sums.rated) {
			if rv := sums.rated[year][sc.ID]; rv != nil {
				y, err := scorer.year(tx, year, rv)
				if err != nil {
					return err
				}
				years = append(years, y)
			}
		}
		key := string(order.Key(&sc))
		rows[key], names[key], keys[sc.ID] = encodeListRow(&sc, &sum, years), sc.Name, key
		return nil
	})
	return rows, names, keys, err
}

// storedSummaries reads the stored summaries.
func storedSummaries(tx *bolt.Tx) (*summaries, error) {
	sums := newSummaries()
	err := tx.Bucket(bucketSchoolSummaries).ForEach(func(k, v []byte) error {
		var s schoolSummary
		if err := decode(v, &s); err != nil {
			return checklist.Errorf(nil, checklist.Text{ZH: "学校 %s 的汇总", EN: "summary of school %s"}, k).Because(err)
		}
		sums.schools[string(k)] = &s
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = tx.Bucket(bucketYearSummaries).ForEachBucket(func(yk []byte) error {
		year, ok := yearOfKey(yk)
		if !ok {
			return nil
		}
		sums.rated[year] = map[string]*ratedVisit{}
		return tx.Bucket(bucketYearSummaries).Bucket(yk).ForEach(func(k, v []byte) error {
			rv, err := decodeRatedVisit(v, year, string(k))
			if err == nil {
				sums.rated[year][string(k)] = rv
			}
			return err
		})
	})
	return sums, err
}

// writeSchoolList writes the whole list again, from the schools and the
// summaries sums (nil: the stored ones), scoring with std, under this
// program's listVersion, and clears the marks.
func writeSchoolList(tx *bolt.Tx, sums *summaries, std standardSource) error {
	rows, _, keys, err := expectedList(tx, sums, std)
	if err != nil {
		return err
	}
	for _, name := range [][]byte{bucketSchoolList, bucketSchoolListKeys, bucketSchoolListStale} {
		if tx.Bucket(name) != nil {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
		}
	}
	list, err := tx.CreateBucket(bucketSchoolList)
	if err != nil {
		return err
	}
	byID, err := tx.CreateBucket(bucketSchoolListKeys)
	if err != nil {
		return err
	}
	if _, err := tx.CreateBucket(bucketSchoolListStale); err != nil {
		return err
	}
	list.FillPercent, byID.FillPercent = 1, 1 // written in key order: full pages
	for _, key := range sortedKeys(rows) {
		if err := list.Put([]byte(key), rows[key]); err != nil {
			return err
		}
	}
	for _, id := range sortedKeys(keys) {
		if err := byID.Put([]byte(id), []byte(keys[id])); err != nil {
			return err
		}
	}
	return tx.Bucket(bucketMeta).Put(keyListVersion, []byte(listVersion))
}

// addSchoolList (schema 4 to 5) writes the school list.
func addSchoolList(tx *bolt.Tx) error { return writeSchoolList(tx, nil, txStandards()) }

// schoolListCurrent reports whether the stored list can be read as the
// schools list: there, written under this program's listVersion, and
// with no school marked.
func schoolListCurrent(tx *bolt.Tx) bool {
	stale := tx.Bucket(bucketSchoolListStale)
	if tx.Bucket(bucketSchoolList) == nil || stale == nil || string(tx.Bucket(bucketMeta).Get(keyListVersion)) != listVersion {
		return false
	}
	k, _ := stale.Cursor().First()
	return k == nil
}

// compareSchoolList lists, in plain words, where the stored list
// disagrees with the schools and the summaries sums (as the visits say
// they should be), scored with std.
func compareSchoolList(tx *bolt.Tx, sums *summaries, std standardSource) []error {
	list, byID := tx.Bucket(bucketSchoolList), tx.Bucket(bucketSchoolListKeys)
	if list == nil || byID == nil || tx.Bucket(bucketSchoolListStale) == nil {
		return []error{checklist.Errorf(nil, checklist.Text{ZH: "学校列表不见了", EN: "the school list is missing"})}
	}
	var out []error
	if v := tx.Bucket(bucketMeta).Get(keyListVersion); string(v) != listVersion {
		out = append(out, checklist.Errorf(nil, checklist.Text{
			ZH: "学校列表是按另一版本的评分规则或排序写的，需要按本程序的重建%.0s%.0s",
			EN: "the school list was written under other scoring rules or another order (%s); this program's are %s"}, orDash(string(v)), listVersion))
	}
	if k, _ := tx.Bucket(bucketSchoolListStale).Cursor().First(); k != nil {
		out = append(out, checklist.Errorf(nil, checklist.Text{ZH: "学校列表中有学校待更新（%s）", EN: "the school list has schools waiting to be updated (%s)"}, k))
	}
	want, names, keys, err := expectedList(tx, sums, std)
	if err != nil {
		return append(out, checklist.Errorf(nil, checklist.Text{ZH: "无法检查学校列表", EN: "the school list cannot be checked"}).Because(err))
	}
	seen := map[string]bool{}
	list.ForEach(func(k, v []byte) error {
		key := string(k)
		seen[key] = true
		var o checklist.SchoolOverview
		w, ok := want[key]
		switch {
		case decodeListRow(v, 0, nil, &o) != nil:
			out = append(out, checklist.Errorf(nil, checklist.Text{ZH: "学校列表中有一行无法读取", EN: "a row of the school list cannot be read"}))
		case !ok:
			out = append(out, checklist.Errorf(nil, checklist.Text{
				ZH: "学校列表中有“%s”（%s）的一行，但没有这样的学校，或者它的名称或乡镇已经改了",
				EN: "the school list has a row for %q (%s), which no school is, or whose name or township changed"}, o.School.Name, o.School.ID))
		case !bytes.Equal(v, w):
			out = append(out, checklist.Errorf(nil, checklist.Text{
				ZH: "学校“%s”在学校列表中的一行与学校记录或检查记录不一致",
				EN: "the row of school %q in the school list disagrees with the school or its visits"}, names[key]))
		}
		return nil
	})
	for _, key := range sortedKeys(want) {
		if !seen[key] {
			out = append(out, checklist.Errorf(nil, checklist.Text{ZH: "学校“%s”不在学校列表中", EN: "school %q is missing from the school list"}, names[key]))
		}
	}
	for _, id := range sortedKeys(keys) {
		if string(byID.Get([]byte(id))) != keys[id] {
			out = append(out, checklist.Errorf(nil, checklist.Text{ZH: "学校列表的索引中学校 %s 的位置不对", EN: "the index of the school list has school %s in the wrong place"}, id))
		}
	}
	if n := byID.Stats().KeyN; n != len(keys) {
		out = append(out, checklist.Errorf(nil, checklist.Text{ZH: "学校列表的索引有 %d 项，学校有 %d 所", EN: "the index of the school list has %s for %s"}, checklist.Counted(n, "entry", "entries"), checklist.Counted(len(keys), "school", "schools")))
	}
	return out
}
