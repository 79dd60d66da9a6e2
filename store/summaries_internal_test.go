package store

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"branchcheck/checklist"
)

func testDate(s string) checklist.Date {
	d, err := checklist.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// oldVisit makes a visit as schema 1 stored it: every scored item
// answered with v.
func oldVisit(t *testing.T, id, schoolID, date string, v checklist.Verdict, status checklist.Status) *checklist.Inspection {
	t.Helper()
	std := checklist.DefaultStandard()
	at := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	in, err := checklist.NewInspection(id, schoolID, std, "李督查", testDate(date), at)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range std.ScoredItems() {
		in.Answers[it.ID] = checklist.Answer{Verdict: v, Note: "记录", By: "李督查", At: at}
	}
	if status == checklist.Finalized {
		in.Status, in.FinalizedAt = checklist.Finalized, at
	}
	return in
}

// TestMigrationAddsSummaries: a database of schema 1, built by hand,
// opens with its summaries and its index of school names built, after a
// backup.
func TestMigrationAddsSummaries(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	visits := []*checklist.Inspection{
		oldVisit(t, "v1", "s1", "2026-03-01", checklist.NotMet, checklist.Finalized),
		oldVisit(t, "v2", "s1", "2026-06-01", checklist.Met, checklist.Finalized),
		oldVisit(t, "v3", "s1", "2026-09-01", checklist.Met, checklist.Draft),
		oldVisit(t, "v4", "s2", "2025-09-01", checklist.PartlyMet, checklist.Finalized),
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range schema1Buckets {
			if _, err := tx.CreateBucket(b); err != nil {
				return err
			}
		}
		meta := tx.Bucket(bucketMeta)
		meta.Put(keySchemaVersion, u64(1))
		meta.Put(keyDatabaseID, []byte("old-db"))
		for _, sc := range []checklist.School{{ID: "s1", Name: "城关小学", Township: "城关镇"}, {ID: "s2", Name: "东河小学", Township: "东河乡"}} {
			v, _ := encode(sc)
			tx.Bucket(bucketSchools).Put([]byte(sc.ID), v)
		}
		for _, in := range visits {
			v, _ := encode(in)
			tx.Bucket(bucketInspections).Put([]byte(in.ID), v)
			y, _ := tx.Bucket(bucketInspectionYears).CreateBucketIfNotExists(yearKey(in.Date.Year))
			y.Put([]byte(in.ID), nil)
			sb, _ := tx.Bucket(bucketSchoolInspections).CreateBucketIfNotExists([]byte(in.SchoolID))
			sb.Put([]byte(in.ID), nil)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	s, err := Open(path, Options{Now: func() time.Time { return time.Date(2026, 11, 29, 8, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	backups, _ := s.Backups()
	if len(backups) == 0 || !strings.Contains(backups[0], "before-migration") {
		t.Errorf("backups %v", backups)
	}
	ov, err := s.SchoolsOverview(2026)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]checklist.SchoolOverview{}
	for _, o := range ov.Schools {
		got[o.School.ID] = o
	}
	if o := got["s1"]; o.LastVisit != testDate("2026-09-01") || o.DraftID != "v3" || o.Rating == nil || o.Rating.VisitID != "v2" || o.Rating.Score.Total != 100 {
		t.Errorf("s1 %+v %+v", o, o.Rating)
	}
	if o := got["s2"]; o.Rated() || o.LastVisit != testDate("2025-09-01") {
		t.Errorf("s2 %+v", o)
	}
	if _, err := s.AddSchool(checklist.School{Name: "城关小学", Township: "城关镇"}); err == nil {
		t.Error("the index of names was not built: a second 城关小学 was added")
	}
	h, err := s.Check()
	if err != nil || len(h.Problems) != 0 || h.Schema != schemaVersion {
		t.Errorf("after migration: %+v %v", h, err)
	}
}

// TestDoctorRepairsSummaries: summaries changed by hand are found by
// Check, in plain words, and RepairSummaries rebuilds them from the
// visits after a backup.
func TestDoctorRepairsSummaries(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 11, 29, 8, 0, 0, 0, time.UTC)
	s, err := Open(filepath.Join(dir, "b.db"), Options{Now: func() time.Time { now = now.Add(time.Second); return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	a, _ := s.AddSchool(checklist.School{Name: "城关小学", Township: "城关镇"})
	b, _ := s.AddSchool(checklist.School{Name: "东河小学", Township: "东河乡"})
	walkAll := func(schoolID, date string, v checklist.Verdict, finalize bool) *checklist.Inspection {
		in, err := s.CreateInspection(schoolID, "李", testDate(date))
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range checklist.DefaultStandard().ScoredItems() {
			s.SetVerdict(in.ID, it.ID, v, "李")
		}
		if finalize {
			if in, err = s.Finalize(in.ID, "李"); err != nil {
				t.Fatal(err)
			}
		}
		return in
	}
	older := walkAll(a.ID, "2026-03-01", checklist.NotMet, true)
	latest := walkAll(a.ID, "2026-06-01", checklist.Met, true)
	walkAll(b.ID, "2026-04-01", checklist.Met, false)
	healthy := func() {
		t.Helper()
		h, err := s.Check()
		if err != nil || len(h.Problems) != 0 {
			t.Fatalf("%v %v", h.Problems, err)
		}
	}
	healthy()
	if got, _, err := s.RepairSummaries(); err != nil || len(got) != 0 {
		t.Errorf("repair of a healthy database: %v %v", got, err)
	}

	tests := []struct {
		name   string
		damage func(tx *bolt.Tx) error
		want   string
	}{
		{"RatingNamesAnOlderVisit", func(tx *bolt.Tx) error {
			in, _ := getInspection(tx, older.ID)
			return putRatedVisit(tx, 2026, a.ID, newRatedVisit(in))
		}, "the 2026 rating summary of school 城关小学"},
		{"RatingVerdictsChanged", func(tx *bolt.Tx) error {
			in, _ := getInspection(tx, latest.ID)
			in.Answers["1.1"] = checklist.Answer{Verdict: checklist.NotMet}
			return putRatedVisit(tx, 2026, a.ID, newRatedVisit(in))
		}, "disagrees with its visits"},
		{"RatingMissing", func(tx *bolt.Tx) error {
			return putRatedVisit(tx, 2026, a.ID, nil)
		}, "has a finalized visit in 2026 but no rating summary"},
		{"RatingWithoutVisit", func(tx *bolt.Tx) error {
			in, _ := getInspection(tx, latest.ID)
			return putRatedVisit(tx, 2024, a.ID, newRatedVisit(in))
		}, "no finalized visit that year"},
		{"DraftForgotten", func(tx *bolt.Tx) error {
			return putSchoolSummary(tx, b.ID, &schoolSummary{LastVisit: dayOf(testDate("2026-04-01"))})
		}, "the summary of school 东河小学"},
		{"SummaryMissing", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketSchoolSummaries).Delete([]byte(a.ID))
		}, "has visits but no summary"},
		{"SummaryUnreadable", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketSchoolSummaries).Put([]byte(a.ID), []byte{valueVersion, 0xff})
		}, "cannot be read"},
		{"NameMissing", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketSchoolNames).Delete([]byte(nameKey("城关小学", "城关镇")))
		}, "missing from the index of school names"},
		{"NameElsewhere", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketSchoolNames).Put([]byte(nameKey("城关小学", "城关镇")), []byte(b.ID))
		}, "which is another school"},
		{"ListRowMissing", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketSchoolList).Delete(listKeyOf(tx, a.ID))
		}, "school \"城关小学\" is missing from the school list"},
		{"ListRowLeftBehind", func(tx *bolt.Tx) error {
			moved := checklist.School{ID: a.ID, Name: "城关小学", Township: "旧城关镇"}
			return tx.Bucket(bucketSchoolList).Put(checklist.NewSchoolOrder().Key(&moved), encodeListRow(&moved, &schoolSummary{}, nil))
		}, "which no school is, or whose name or township changed"},
		{"ListRowDisagrees", func(tx *bolt.Tx) error {
			sc, _ := getSchool(tx.Bucket(bucketSchools), b.ID)
			return tx.Bucket(bucketSchoolList).Put(listKeyOf(tx, b.ID), encodeListRow(&sc, &schoolSummary{}, nil))
		}, "the row of school \"东河小学\" in the school list disagrees"},
		{"ListRowUnreadable", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketSchoolList).Put(listKeyOf(tx, a.ID), []byte{listRowFormat, 0xff})
		}, "a row of the school list cannot be read"},
		{"ListInAnotherOrder", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketMeta).Put(keyListVersion, []byte("rows 0"))
		}, "another order (rows 0)"},
		{"ListScoreWrong", func(tx *bolt.Tx) error {
			sc, _ := getSchool(tx.Bucket(bucketSchools), a.ID)
			sum, _ := getSchoolSummary(tx, a.ID)
			rv, _ := getRatedVisit(tx, 2026, a.ID)
			y, err := newRowScorer(txStandards()).year(tx, 2026, rv)
			y.score.Total, y.score.Stars = 59, 2
			return errors.Join(err, tx.Bucket(bucketSchoolList).Put(listKeyOf(tx, a.ID), encodeListRow(&sc, &sum, []yearRow{y})))
		}, "the row of school \"城关小学\" in the school list disagrees"},
		{"ListIndexWrong", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketSchoolListKeys).Put([]byte(a.ID), listKeyOf(tx, b.ID))
		}, "the index of the school list has school " + a.ID + " in the wrong place"},
		{"ListMarkLeft", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketSchoolListStale).Put([]byte(b.ID), nil)
		}, "the school list has schools waiting to be updated"},
		{"ListMissing", func(tx *bolt.Tx) error {
			return tx.DeleteBucket(bucketSchoolList)
		}, "the school list is missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := s.db.DB.Update(tt.damage); err != nil { // as written, the school list not brought up to date
				t.Fatal(err)
			}
			h, err := s.Check()
			if err != nil {
				t.Fatal(err)
			}
			if !h.Repairable() || !strings.Contains(joinErrors(h.Summaries), tt.want) {
				t.Fatalf("Check found %q, want %q and repairable", h.Problems, tt.want)
			}
			repaired, backup, err := s.RepairSummaries()
			if err != nil || len(repaired) != len(h.Summaries) {
				t.Fatalf("repaired %q, %v", repaired, err)
			}
			if _, err := os.Stat(backup); err != nil || !strings.Contains(backup, "before-repair") {
				t.Errorf("backup %q: %v", backup, err)
			}
			healthy()
			o, err := s.SchoolOverview(2026, a.ID)
			if err != nil || o.Rating == nil || o.Rating.VisitID != latest.ID || o.Rating.Score.Total != 100 {
				t.Errorf("after repair: %+v %v", o, err)
			}
			ov, err := s.SchoolsOverview(2026)
			if err != nil || len(ov.Schools) != 2 || ov.Schools[1].School.ID != b.ID || ov.Schools[1].DraftID == "" ||
				ov.Schools[0].Rating == nil || ov.Schools[0].Rating.VisitID != latest.ID {
				t.Errorf("the list after repair: %+v %v", ov, err)
			}
		})
	}
}

// listKeyOf is the key of a school's row in the school list.
func listKeyOf(tx *bolt.Tx, schoolID string) []byte {
	sc, _ := getSchool(tx.Bucket(bucketSchools), schoolID)
	return checklist.NewSchoolOrder().Key(&sc)
}

// TestUnreadableListRowFallsBack: a row of the school list that cannot be
// read leaves the schools list as it is, read from the schools and
// summaries, until doctor repairs the list.
func TestUnreadableListRowFallsBack(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "b.db"), Options{NoDailyBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, name := range []string{"城关小学", "东河小学", "实验小学"} {
		if _, err := s.AddSchool(checklist.School{Name: name, Township: "城关镇"}); err != nil {
			t.Fatal(err)
		}
	}
	want, err := s.SchoolsOverview(2026)
	if err != nil {
		t.Fatal(err)
	}
	s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSchoolList).Put(listKeyOf(tx, want.Schools[1].School.ID), []byte{listRowFormat, 3, 'a'})
	})
	got, err := s.SchoolsOverview(2026)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got.Schools) != fmt.Sprint(want.Schools) {
		t.Errorf("with a damaged row the list reads\n%v\nwant\n%v", got.Schools, want.Schools)
	}
}

// TestDamagedSummaryIsScoredFromItsVisit: a rating summary whose packed
// verdicts cannot be read is scored from the visit itself.
func TestDamagedSummaryIsScoredFromItsVisit(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "b.db"), Options{NoDailyBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sc, _ := s.AddSchool(checklist.School{Name: "城关小学"})
	in, _ := s.CreateInspection(sc.ID, "李", testDate("2026-03-01"))
	for _, it := range checklist.DefaultStandard().ScoredItems() {
		s.SetVerdict(in.ID, it.ID, checklist.PartlyMet, "李")
	}
	if _, err := s.Finalize(in.ID, "李"); err != nil {
		t.Fatal(err)
	}
	s.db.Update(func(tx *bolt.Tx) error {
		r, _ := getRatedVisit(tx, 2026, sc.ID)
		r.Verdicts = []byte{'q', 9}
		return putRatedVisit(tx, 2026, sc.ID, r)
	})
	o, err := s.SchoolOverview(2026, sc.ID)
	if err != nil || o.Rating == nil || o.Rating.Score.Total != 50 {
		t.Errorf("%+v %v", o.Rating, err)
	}
}

func TestPackVerdicts(t *testing.T) {
	answers := map[string]checklist.Answer{
		"3.10": {Verdict: checklist.Met}, "3.2": {Verdict: checklist.NotMet, Note: "缺"},
		"1.1": {Verdict: checklist.PartlyMet}, "4.1": {Verdict: checklist.NotApplicable},
		"5.1": {Note: "只有备注"}, strings.Repeat("x", 200): {Verdict: checklist.Met},
	}
	packed := packVerdicts(answers)
	if again := packVerdicts(answers); string(again) != string(packed) {
		t.Error("the same verdicts packed differently")
	}
	got := map[string]checklist.Verdict{}
	if err := eachPacked(packed, func(id []byte, v checklist.Verdict, _ float64) { got[string(id)] = v }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 5 {
		t.Errorf("%d verdicts back: %v", len(got), got)
	}
	for id, a := range answers {
		if got[id] != a.Verdict {
			t.Errorf("%s: %q, want %q", id, got[id], a.Verdict)
		}
	}
	for _, bad := range [][]byte{{'y'}, {'y', 5, 'a'}, {'z', 1, 'a'}, {'y', 0x80}} {
		if err := eachPacked(bad, func([]byte, checklist.Verdict, float64) {}); err == nil {
			t.Errorf("%q unpacked", bad)
		}
	}
}

// TestPackedVerdictsScoreAsTheVisit: a visit's packed verdicts score as
// the visit does, whatever its answers.
func TestPackedVerdictsScoreAsTheVisit(t *testing.T) {
	std := checklist.DefaultStandard()
	items := newScoredItems(std)
	var scratch []checklist.Verdict
	for seed := range 50 {
		answers := map[string]checklist.Answer{"not-an-item": {Verdict: checklist.Met}}
		for i, it := range std.ScoredItems() {
			if (i*seed)%5 != 4 || seed%2 == 0 {
				answers[it.ID] = checklist.Answer{Verdict: checklist.Verdicts[(i*7+seed)%4], Note: "n"}
			}
		}
		got, err := items.score(packVerdicts(answers), &scratch, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := checklist.ScoreAnswers(std, answers)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("seed %d: %+v, want %+v", seed, got, want)
		}
	}
}

// exampleStandard is the example standard that uses every scoring rule.
func exampleStandard(tb testing.TB) *checklist.Standard {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("..", "checklist", "testdata", "county-2027.yaml"))
	if err != nil {
		tb.Fatal(err)
	}
	std, err := checklist.ParseStandard("county-2027.yaml", data)
	if err != nil {
		tb.Fatal(err)
	}
	return std
}

// TestPackedValuesScoreAsTheVisit: under a standard with deduction and
// bonus items, the packed verdicts and values score exactly as the
// visit's answers do (ScoreAnswers), and read back bit for bit.
func TestPackedValuesScoreAsTheVisit(t *testing.T) {
	std := exampleStandard(t)
	items := newScoredItems(std)
	var (
		verdicts []checklist.Verdict
		values   []float64
	)
	valued := 0
	for seed := range 200 {
		answers := map[string]checklist.Answer{}
		for i, it := range std.ScoredItems() {
			if (i+seed)%7 == 6 {
				continue // unanswered
			}
			if !it.TakesValue() {
				answers[it.ID] = checklist.Answer{Verdict: checklist.Verdicts[(i*3+seed)%4]}
				continue
			}
			var (
				v   checklist.Verdict
				x   float64
				err error
			)
			switch (i + seed) % 5 {
			case 0:
				v, x, err = it.VerdictEntry(checklist.NotApplicable)
			case 1:
				if v, x, err = it.VerdictEntry(checklist.NotMet); err != nil {
					v, x, err = it.ValueEntry(0)
				}
			default:
				n := float64((i*seed)%int(min(it.MaxValue(), 6)+1)) + float64(seed%3)*0.25
				if it.CountsUnits() {
					n = math.Trunc(n)
				}
				v, x, err = it.ValueEntry(min(n, it.MaxValue()))
			}
			if err != nil {
				t.Fatalf("seed %d item %s: %v", seed, it.ID, err)
			}
			if x != 0 {
				valued++
			}
			answers[it.ID] = checklist.Answer{Verdict: v, Value: x}
		}
		packed := packVerdicts(answers)
		back := map[string]checklist.Answer{}
		if err := eachPacked(packed, func(id []byte, v checklist.Verdict, x float64) {
			back[string(id)] = checklist.Answer{Verdict: v, Value: x}
		}); err != nil {
			t.Fatal(err)
		}
		for id, a := range answers {
			if b := back[id]; b.Verdict != a.Verdict || math.Float64bits(b.Value) != math.Float64bits(a.Value) {
				t.Errorf("seed %d item %s: %+v back as %+v", seed, id, a, b)
			}
		}
		got, err := items.score(packed, &verdicts, &values)
		if err != nil {
			t.Fatal(err)
		}
		if want := checklist.ScoreAnswers(std, answers); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("seed %d: %+v, want %+v", seed, got, want)
		}
	}
	if valued == 0 {
		t.Fatal("no answer held a number: the test tested nothing")
	}
	// A value cut short is damage, not a zero.
	packed := packVerdicts(map[string]checklist.Answer{"2.2": {Verdict: checklist.PartlyMet, Value: 3}})
	if err := eachPacked(packed[:len(packed)-1], func([]byte, checklist.Verdict, float64) {}); err == nil {
		t.Error("a value cut short unpacked")
	}
}

// joinErrors is the English of errors, one a line.
func joinErrors(errs []error) string {
	var lines []string
	for _, err := range errs {
		lines = append(lines, err.Error())
	}
	return strings.Join(lines, "\n")
}

// TestSchoolListUnderOtherRules: a school list written under other
// scoring rules or another order is not read: a read-only open reads the
// schools list from the schools and summaries, and the first open that
// may write makes the list again.
func TestSchoolListUnderOtherRules(t *testing.T) {
	path := filepath.Join(t.TempDir(), "b.db")
	s, err := Open(path, Options{NoDailyBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"城关小学", "东河小学"} {
		sc, err := s.AddSchool(checklist.School{Name: name, Township: "城关镇"})
		if err != nil {
			t.Fatal(err)
		}
		in, _ := s.CreateInspection(sc.ID, "李", testDate("2026-05-01"))
		for _, it := range checklist.DefaultStandard().ScoredItems() {
			s.SetVerdict(in.ID, it.ID, checklist.Met, "李")
		}
		s.Finalize(in.ID, "李")
	}
	want, err := s.SchoolsOverview(2026)
	if err != nil {
		t.Fatal(err)
	}
	// Another program's rows: its scores would be 1 point each.
	s.db.DB.Update(func(tx *bolt.Tx) error {
		tx.Bucket(bucketSchoolList).ForEach(func(k, v []byte) error {
			var o checklist.SchoolOverview
			decodeListRow(v, 2026, map[string]*checklist.Standard{checklist.DefaultStandardID: checklist.DefaultStandard()}, &o)
			sc := o.School
			sum, _ := getSchoolSummary(tx, sc.ID)
			rv, _ := getRatedVisit(tx, 2026, sc.ID)
			y, _ := newRowScorer(txStandards()).year(tx, 2026, rv)
			y.score.Total = 1
			return tx.Bucket(bucketSchoolList).Put(k, encodeListRow(&sc, &sum, []yearRow{y}))
		})
		return tx.Bucket(bucketMeta).Put(keyListVersion, []byte("rows 1; scoring 0"))
	})
	s.Close()

	version := func(s *Store) string {
		var v string
		s.db.View(func(tx *bolt.Tx) error { v = string(tx.Bucket(bucketMeta).Get(keyListVersion)); return nil })
		return v
	}
	for _, readOnly := range []bool{true, false} {
		s, err := Open(path, Options{NoDailyBackup: true, ReadOnly: readOnly})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.SchoolsOverview(2026)
		if err != nil || fmt.Sprint(got.Schools[0].Rating.Score) != fmt.Sprint(want.Schools[0].Rating.Score) {
			t.Errorf("read-only %v: the list scores %v, want %v (%v)", readOnly, got.Schools[0].Rating.Score.Total, want.Schools[0].Rating.Score.Total, err)
		}
		if v := version(s); readOnly != (v != listVersion) {
			t.Errorf("read-only %v: the list's version is %q", readOnly, v)
		}
		if !readOnly {
			if h, err := s.Check(); err != nil || len(h.Problems) != 0 {
				t.Errorf("after the list was made again: %v %v", h.Problems, err)
			}
		}
		s.Close()
	}
}
