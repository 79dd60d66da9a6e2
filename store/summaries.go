package store

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"branchcheck/checklist"
)

// The summaries are kept beside the visits so that the schools list and
// the year's rating read one small record per school, whatever the number
// of visits ever made. Each is brought up to date in the same transaction
// as the change it summarises, and only from the visit being saved: a
// summary is a copy of what the visits say, never a figure computed from
// them (scores and stars are computed when read). doctor checks every
// summary against the visits and rebuilds those that disagree.

// The summaries are CBOR arrays (toarray) and their dates day numbers:
// they are read by the thousand, and so decode several times faster than
// a map of field names would.

// schoolSummary is a school's visits in brief. A school never visited has
// none.
type schoolSummary struct {
	_ struct{} `cbor:",toarray"`
	// LastVisit is the date of the latest visit, draft or finalized.
	LastVisit day
	// Drafts are the visits in progress, by date, then id.
	Drafts []visitRef
}

// visitRef names a visit and its date.
type visitRef struct {
	_    struct{} `cbor:",toarray"`
	ID   string
	Date day
}

// ratedVisit is the visit a school's rating for a year comes from (its
// latest finalized visit of the year) in brief: enough to score it and to
// say who made it when, without decoding it.
type ratedVisit struct {
	_           struct{} `cbor:",toarray"`
	VisitID     string
	Date        day
	FinalizedAt time.Time
	Inspector   string
	StandardID  string
	// Verdicts are the visit's verdicts, packed with the numbers entered
	// for deduction and bonus items (see packVerdicts).
	Verdicts []byte
}

// day is a date as the number yyyymmdd, 0 for none.
type day uint32

func dayOf(d checklist.Date) day {
	return day(d.Year*10000 + int(d.Month)*100 + d.Day)
}

func (d day) date() checklist.Date {
	if d == 0 {
		return checklist.Date{}
	}
	return checklist.Date{Year: int(d / 10000), Month: time.Month(d / 100 % 100), Day: int(d % 100)}
}

func (s *schoolSummary) equal(o *schoolSummary) bool {
	return s.LastVisit == o.LastVisit && slices.Equal(s.Drafts, o.Drafts)
}

func (r *ratedVisit) equal(o *ratedVisit) bool {
	return r.VisitID == o.VisitID && r.Date == o.Date && r.FinalizedAt.Equal(o.FinalizedAt) &&
		r.Inspector == o.Inspector && r.StandardID == o.StandardID && bytes.Equal(r.Verdicts, o.Verdicts)
}

// header is the rated visit as far as choosing the latest goes.
func (r *ratedVisit) header() *checklist.Inspection {
	return &checklist.Inspection{ID: r.VisitID, Date: r.Date.date(), FinalizedAt: r.FinalizedAt, Status: checklist.Finalized}
}

func newRatedVisit(in *checklist.Inspection) *ratedVisit {
	return &ratedVisit{
		VisitID: in.ID, Date: dayOf(in.Date), FinalizedAt: in.FinalizedAt,
		Inspector: in.Inspector, StandardID: in.StandardID, Verdicts: packVerdicts(in.Answers),
	}
}

// verdictCodes are the one-byte codes of packed verdicts; valueCodes
// those of an answer that also holds a number (a deduction or bonus
// item's Value), which follows the id.
var (
	verdictCodes = map[checklist.Verdict]byte{
		checklist.Met: 'y', checklist.PartlyMet: 'p', checklist.NotMet: 'n', checklist.NotApplicable: 'x',
	}
	valueCodes = map[checklist.Verdict]byte{
		checklist.Met: 'Y', checklist.PartlyMet: 'P', checklist.NotMet: 'N', checklist.NotApplicable: 'X',
	}
)

// verdictOfCode reads a code: the verdict, and whether a value follows.
func verdictOfCode(c byte) (checklist.Verdict, bool) {
	switch c {
	case 'y':
		return checklist.Met, false
	case 'p':
		return checklist.PartlyMet, false
	case 'n':
		return checklist.NotMet, false
	case 'x':
		return checklist.NotApplicable, false
	case 'Y':
		return checklist.Met, true
	case 'P':
		return checklist.PartlyMet, true
	case 'N':
		return checklist.NotMet, true
	case 'X':
		return checklist.NotApplicable, true
	}
	return checklist.Unanswered, false
}

// packVerdicts writes the verdicts given, by item id in byte order, each
// as its code, the id's length (uvarint) and the id, and for an answer
// holding a number (Value, not 0) that number's 8 bytes (IEEE 754, big
// endian, so it reads back exactly): small, quick to read back, and the
// same bytes for the same answers.
func packVerdicts(answers map[string]checklist.Answer) []byte {
	ids := make([]string, 0, len(answers))
	for id, a := range answers {
		if a.Verdict != checklist.Unanswered {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	out := make([]byte, 0, len(ids)*6)
	for _, id := range ids {
		a := answers[id]
		code := verdictCodes[a.Verdict]
		if a.Value != 0 {
			code = valueCodes[a.Verdict]
		}
		out = append(out, code)
		out = binary.AppendUvarint(out, uint64(len(id)))
		out = append(out, id...)
		if a.Value != 0 {
			out = binary.BigEndian.AppendUint64(out, math.Float64bits(a.Value))
		}
	}
	return out
}

// eachPacked calls f with each packed verdict and its value (0 when none
// was packed); id is a slice of b.
func eachPacked(b []byte, f func(id []byte, v checklist.Verdict, x float64)) error {
	for i := 0; i < len(b); {
		v, valued := verdictOfCode(b[i])
		n, w := binary.Uvarint(b[i+1:])
		if v == checklist.Unanswered || w <= 0 || uint64(len(b)-i-1-w) < n {
			return checklist.Errorf(ErrDamaged, checklist.Text{ZH: "汇总中的答案在第 %d 字节处损坏", EN: "packed verdicts are damaged at byte %d"}, i)
		}
		start := i + 1 + w
		end := start + int(n)
		x := 0.0
		if valued {
			if len(b)-end < 8 {
				return checklist.Errorf(nil, checklist.Text{ZH: "汇总中的答案在第 %d 字节处损坏", EN: "packed verdicts are damaged at byte %d"}, i)
			}
			x = math.Float64frombits(binary.BigEndian.Uint64(b[end:]))
			end += 8
		}
		f(b[start:start+int(n)], v, x)
		i = end
	}
	return nil
}

// scoredItems are a standard's scored items by id, with their place in
// display order: what reads packed verdicts into checklist.ScoreVerdicts'
// order.
type scoredItems struct {
	std *checklist.Standard
	pos map[string]int
	// byID are the scored items' ids in byte order, as packVerdicts
	// writes them, with their places: a finalized visit's verdicts are
	// read in step with them, without a look-up.
	byID []placedID
	// values: some scored item takes a number (std.TakesValues).
	values bool
}

type placedID struct {
	id  string
	pos int
}

func newScoredItems(std *checklist.Standard) *scoredItems {
	items := std.ScoredItems()
	si := &scoredItems{std: std, pos: make(map[string]int, len(items)), values: std.TakesValues()}
	for i, it := range items {
		si.pos[it.ID] = i
		si.byID = append(si.byID, placedID{it.ID, i})
	}
	slices.SortFunc(si.byID, func(a, b placedID) int { return strings.Compare(a.id, b.id) })
	return si
}

// score scores packed verdicts, and the values packed with them when the
// standard has deduction or bonus items, as checklist.ScoreAnswers scores
// the visit's answers; verdicts and values are scratch space, reused.
func (si *scoredItems) score(packed []byte, verdicts *[]checklist.Verdict, values *[]float64) (checklist.Score, error) {
	vs := slices.Grow((*verdicts)[:0], len(si.byID))[:len(si.byID)]
	clear(vs) // unanswered
	*verdicts = vs
	var xs []float64
	if si.values {
		var buf []float64
		if values != nil {
			buf = *values
		}
		xs = slices.Grow(buf[:0], len(si.byID))[:len(si.byID)]
		clear(xs)
		if values != nil {
			*values = xs
		}
	}
	next := 0
	err := eachPacked(packed, func(id []byte, v checklist.Verdict, x float64) {
		i := -1
		if next < len(si.byID) && si.byID[next].id == string(id) {
			i = si.byID[next].pos
			next++
		} else if p, ok := si.pos[string(id)]; ok { // an answer to an unscored item counts for nothing
			i = p
		}
		if i < 0 {
			return
		}
		vs[i] = v
		if xs != nil {
			xs[i] = x
		}
	})
	if err != nil {
		return checklist.Score{}, err
	}
	return checklist.ScoreVerdictsAndValues(si.std, vs, xs), nil
}

func getSchoolSummary(tx *bolt.Tx, schoolID string) (schoolSummary, error) {
	var sum schoolSummary
	v := tx.Bucket(bucketSchoolSummaries).Get([]byte(schoolID))
	if v == nil {
		return sum, nil
	}
	if err := decode(v, &sum); err != nil {
		return sum, checklist.Errorf(nil, checklist.Text{ZH: "学校 %s 的汇总", EN: "summary of school %s"}, schoolID).Because(err)
	}
	return sum, nil
}

// putSchoolSummary saves a school's summary and its row of the school
// list.
func putSchoolSummary(tx *bolt.Tx, schoolID string, sum *schoolSummary) error {
	if err := storeSchoolSummary(tx, schoolID, sum); err != nil {
		return err
	}
	return markListed(tx, schoolID)
}

// storeSchoolSummary saves a school's summary alone (none: deleted).
func storeSchoolSummary(tx *bolt.Tx, schoolID string, sum *schoolSummary) error {
	b := tx.Bucket(bucketSchoolSummaries)
	if sum.LastVisit == 0 && len(sum.Drafts) == 0 {
		return b.Delete([]byte(schoolID))
	}
	v, err := encode(sum)
	if err != nil {
		return err
	}
	return b.Put([]byte(schoolID), v)
}

// getRatedVisit returns the rated visit of a school in a year; nil if the
// school has none.
func getRatedVisit(tx *bolt.Tx, year int, schoolID string) (*ratedVisit, error) {
	yb := tx.Bucket(bucketYearSummaries).Bucket(yearKey(year))
	if yb == nil {
		return nil, nil
	}
	return decodeRatedVisit(yb.Get([]byte(schoolID)), year, schoolID)
}

func decodeRatedVisit(v []byte, year int, schoolID string) (*ratedVisit, error) {
	if v == nil {
		return nil, nil
	}
	var r ratedVisit
	if err := decode(v, &r); err != nil {
		return nil, checklist.Errorf(nil, checklist.Text{ZH: "学校 %[2]s 的 %[1]d 年评定汇总", EN: "%d rating summary of school %s"}, year, schoolID).Because(err)
	}
	return &r, nil
}

// putRatedVisit saves the rated visit of a school in a year (nil removes
// it) and marks the school's row of the school list.
func putRatedVisit(tx *bolt.Tx, year int, schoolID string, r *ratedVisit) error {
	if err := markListed(tx, schoolID); err != nil {
		return err
	}
	if r == nil {
		if yb := tx.Bucket(bucketYearSummaries).Bucket(yearKey(year)); yb != nil {
			return yb.Delete([]byte(schoolID))
		}
		return nil
	}
	yb, err := tx.Bucket(bucketYearSummaries).CreateBucketIfNotExists(yearKey(year))
	if err != nil {
		return err
	}
	v, err := encode(r)
	if err != nil {
		return err
	}
	return yb.Put([]byte(schoolID), v)
}

// summarise brings the summaries up to date with an inspection as it has
// just been saved in tx (new or changed; its school and date never
// change).
func summarise(tx *bolt.Tx, in *checklist.Inspection) error {
	sum, err := getSchoolSummary(tx, in.SchoolID)
	if err != nil {
		return err
	}
	before := schoolSummary{LastVisit: sum.LastVisit, Drafts: slices.Clone(sum.Drafts)}
	sum.add(in)
	if !sum.equal(&before) {
		if err := putSchoolSummary(tx, in.SchoolID, &sum); err != nil {
			return err
		}
	}
	year := in.Date.Year
	cur, err := getRatedVisit(tx, year, in.SchoolID)
	if err != nil {
		return err
	}
	switch {
	case cur != nil && cur.VisitID == in.ID:
		if in.Status == checklist.Finalized && in.FinalizedAt.Equal(cur.FinalizedAt) {
			if next := newRatedVisit(in); !next.equal(cur) {
				return putRatedVisit(tx, year, in.SchoolID, next)
			}
			return nil
		}
		// Reopened, or finalized anew: another visit may now be the latest.
		next, err := latestFinalized(tx, in.SchoolID, year)
		if err != nil {
			return err
		}
		return putRatedVisit(tx, year, in.SchoolID, next)
	case in.Status == checklist.Finalized && (cur == nil || checklist.LaterVisit(in, cur.header())):
		return putRatedVisit(tx, year, in.SchoolID, newRatedVisit(in))
	}
	return nil
}

// unsummarise takes a deleted inspection out of the summaries. Only a
// draft that was never finalized can be deleted, so the year's rating is
// not concerned.
func unsummarise(tx *bolt.Tx, in *checklist.Inspection) error {
	sum, err := getSchoolSummary(tx, in.SchoolID)
	if err != nil {
		return err
	}
	sum.Drafts = slices.DeleteFunc(sum.Drafts, func(r visitRef) bool { return r.ID == in.ID })
	if dayOf(in.Date) == sum.LastVisit {
		sum.LastVisit = 0
		err := schoolVisits(tx, in.SchoolID, func(v *checklist.Inspection) {
			sum.LastVisit = max(sum.LastVisit, dayOf(v.Date))
		})
		if err != nil {
			return err
		}
	}
	return putSchoolSummary(tx, in.SchoolID, &sum)
}

// add counts a visit as saved now.
func (s *schoolSummary) add(in *checklist.Inspection) {
	s.LastVisit = max(s.LastVisit, dayOf(in.Date))
	i := slices.IndexFunc(s.Drafts, func(r visitRef) bool { return r.ID == in.ID })
	switch {
	case in.Status == checklist.Draft && i < 0:
		s.Drafts = append(s.Drafts, visitRef{ID: in.ID, Date: dayOf(in.Date)})
		slices.SortFunc(s.Drafts, compareRefs)
	case in.Status != checklist.Draft && i >= 0:
		s.Drafts = slices.Delete(s.Drafts, i, i+1)
	}
}

func compareRefs(a, b visitRef) int {
	if a.Date != b.Date {
		return cmp.Compare(a.Date, b.Date)
	}
	return strings.Compare(a.ID, b.ID)
}

// schoolVisits calls f with each of a school's visits.
func schoolVisits(tx *bolt.Tx, schoolID string, f func(*checklist.Inspection)) error {
	idx := tx.Bucket(bucketSchoolInspections).Bucket([]byte(schoolID))
	if idx == nil {
		return nil
	}
	return idx.ForEach(func(k, _ []byte) error {
		v, err := getInspection(tx, string(k))
		if err != nil {
			return err
		}
		f(v)
		return nil
	})
}

// latestFinalized finds a school's latest finalized visit of a year by
// reading its visits of that year.
func latestFinalized(tx *bolt.Tx, schoolID string, year int) (*ratedVisit, error) {
	idx := tx.Bucket(bucketSchoolInspections).Bucket([]byte(schoolID))
	inYear := tx.Bucket(bucketInspectionYears).Bucket(yearKey(year))
	if idx == nil || inYear == nil {
		return nil, nil
	}
	var best *checklist.Inspection
	err := idx.ForEach(func(k, _ []byte) error {
		if inYear.Get(k) == nil {
			return nil
		}
		v, err := getInspection(tx, string(k))
		if err != nil {
			return err
		}
		if v.Status == checklist.Finalized && checklist.LaterVisit(v, best) {
			best = v
		}
		return nil
	})
	if err != nil || best == nil {
		return nil, err
	}
	return newRatedVisit(best), nil
}

// summaries are every summary as the visits say they should be: built
// from a pass over every inspection, to check the stored ones against or
// to rebuild them from.
type summaries struct {
	schools map[string]*schoolSummary
	rated   map[int]map[string]*ratedVisit
}

func newSummaries() *summaries {
	return &summaries{schools: map[string]*schoolSummary{}, rated: map[int]map[string]*ratedVisit{}}
}

// add counts one inspection.
func (s *summaries) add(in *checklist.Inspection) {
	sum := s.schools[in.SchoolID]
	if sum == nil {
		sum = &schoolSummary{}
		s.schools[in.SchoolID] = sum
	}
	sum.add(in)
	if in.Status != checklist.Finalized {
		return
	}
	year := s.rated[in.Date.Year]
	if year == nil {
		year = map[string]*ratedVisit{}
		s.rated[in.Date.Year] = year
	}
	if cur := year[in.SchoolID]; cur == nil || checklist.LaterVisit(in, cur.header()) {
		year[in.SchoolID] = newRatedVisit(in)
	}
}

// compare lists, in plain words, every stored summary that disagrees with
// these (nothing when they agree).
func (s *summaries) compare(tx *bolt.Tx, schoolNames map[string]string) []error {
	var out []error
	problem := func(t checklist.Text, args ...any) { out = append(out, checklist.Errorf(nil, t, args...)) }
	name := func(id string) checklist.Text {
		if n, ok := schoolNames[id]; ok {
			return checklist.Text{ZH: fmt.Sprintf("%s（%s）", n, id), EN: fmt.Sprintf("%s (%s)", n, id)}
		}
		return checklist.Text{ZH: id, EN: id}
	}
	seen := map[string]bool{}
	tx.Bucket(bucketSchoolSummaries).ForEach(func(k, v []byte) error {
		id := string(k)
		seen[id] = true
		var got schoolSummary
		want := s.schools[id]
		switch err := decode(v, &got); {
		case err != nil:
			problem(checklist.Text{ZH: "学校 %s 的汇总无法读取%.0v", EN: "the summary of school %s cannot be read: %v"}, name(id), err)
		case want == nil:
			problem(checklist.Text{ZH: "学校 %s 有汇总，却没有检查记录", EN: "school %s has a summary but no visits"}, name(id))
		case !got.equal(want):
			problem(checklist.Text{
				ZH: "学校 %s 的汇总（最近一次检查 %s，草稿 %d 份）与检查记录（最近一次检查 %s，草稿 %d 份）不一致",
				EN: "the summary of school %s (last visit %s, %s) disagrees with its visits (last visit %s, %s)"},
				name(id), orDash(got.LastVisit.date().String()), checklist.Counted(len(got.Drafts), "draft", "drafts"),
				orDash(want.LastVisit.date().String()), checklist.Counted(len(want.Drafts), "draft", "drafts"))
		}
		return nil
	})
	for _, id := range sortedKeys(s.schools) {
		if !seen[id] {
			problem(checklist.Text{ZH: "学校 %s 有检查记录，却没有汇总", EN: "school %s has visits but no summary"}, name(id))
		}
	}
	years := map[int]bool{}
	tx.Bucket(bucketYearSummaries).ForEach(func(yk, _ []byte) error {
		var year int
		if _, err := fmt.Sscanf(string(yk), "%d", &year); err != nil {
			problem(checklist.Text{ZH: "评定汇总里有一个名为 %s 的年度", EN: "the rating summaries hold a year named %s"}, checklist.Quote(string(yk)))
			return nil
		}
		years[year] = true
		yb := tx.Bucket(bucketYearSummaries).Bucket(yk)
		if yb == nil {
			return nil
		}
		want := s.rated[year]
		seen := map[string]bool{}
		yb.ForEach(func(k, v []byte) error {
			id := string(k)
			seen[id] = true
			got, err := decodeRatedVisit(v, year, id)
			switch w := want[id]; {
			case err != nil:
				problem(checklist.Text{ZH: "学校 %[2]s 的 %[1]d 年评定汇总无法读取%.0[3]v", EN: "the %d rating summary of school %s cannot be read: %v"}, year, name(id), err)
			case w == nil:
				problem(checklist.Text{ZH: "学校 %[1]s 有 %[2]d 年的评定汇总，那一年却没有定稿的检查", EN: "school %s has a %d rating summary but no finalized visit that year"}, name(id), year)
			case !got.equal(w):
				problem(checklist.Text{
					ZH: "学校 %[2]s 的 %[1]d 年评定汇总与检查记录不一致（汇总记的是 %[4]s 的检查 %[3]s，最近定稿的是 %[6]s 的检查 %[5]s）",
					EN: "the %d rating summary of school %s disagrees with its visits (it names visit %s of %s; the latest finalized is %s of %s)"},
					year, name(id), got.VisitID, got.Date.date(), w.VisitID, w.Date.date())
			}
			return nil
		})
		for _, id := range sortedKeys(want) {
			if !seen[id] {
				problem(checklist.Text{ZH: "学校 %s 在 %d 年有定稿的检查，却没有评定汇总", EN: "school %s has a finalized visit in %d but no rating summary"}, name(id), year)
			}
		}
		return nil
	})
	for _, year := range sortedKeys(s.rated) {
		if !years[year] {
			problem(checklist.Text{ZH: "%d 年的评定汇总不见了", EN: "the rating summaries of %d are missing"}, year)
		}
	}
	return out
}

// write replaces every stored summary with these; the school list is
// the caller's (writeSummaries).
func (s *summaries) write(tx *bolt.Tx) error {
	for _, b := range [][]byte{bucketSchoolSummaries, bucketYearSummaries} {
		if err := tx.DeleteBucket(b); err != nil {
			return err
		}
		if _, err := tx.CreateBucket(b); err != nil {
			return err
		}
	}
	for _, id := range sortedKeys(s.schools) {
		if err := storeSchoolSummary(tx, id, s.schools[id]); err != nil {
			return err
		}
	}
	for _, year := range sortedKeys(s.rated) {
		for _, id := range sortedKeys(s.rated[year]) {
			if err := putRatedVisit(tx, year, id, s.rated[year][id]); err != nil {
				return err
			}
		}
	}
	return nil
}

// summariesFromVisits reads every inspection and says what the summaries
// should be.
func summariesFromVisits(tx *bolt.Tx) (*summaries, error) {
	sums := newSummaries()
	err := tx.Bucket(bucketInspections).ForEach(func(k, v []byte) error {
		var in checklist.Inspection
		if err := decode(v, &in); err != nil {
			return checklist.Errorf(nil, checklist.Text{ZH: "检查 %s", EN: "inspection %s"}, k).Because(err)
		}
		sums.add(&in)
		return nil
	})
	return sums, err
}

func sortedKeys[K interface{ ~string | ~int }, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
