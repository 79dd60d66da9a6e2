package store

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"branchcheck/checklist"
)

// schema3Buckets are the top-level buckets of schema 3.
var schema3Buckets = append(slices.Clone(schema2Buckets), bucketRectifications)

// TestMigrationPacksValues: a database of schema 3, built by hand, whose
// year summary packed a visit's verdicts without the numbers of its
// deduction and bonus items (as schema 3 did), opens after a backup with
// the year-end buckets, and its schools list scores the visit exactly as
// the visit's answers score; doctor finds nothing wrong.
func TestMigrationPacksValues(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	std := exampleStandard(t)
	at := time.Date(2027, 5, 10, 9, 0, 0, 0, time.UTC)
	in, err := checklist.NewInspection("v1", "s1", std, "何丽", testDate("2027-05-10"), at)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range std.ScoredItems() {
		v, x := checklist.Met, 0.0
		switch it.ID {
		case "2.2":
			v, x, _ = it.ValueEntry(3)
		case "B.2":
			v, x, _ = it.ValueEntry(2.5)
		case "B.1", "B.3":
			v, x, _ = it.ValueEntry(0)
		}
		in.Answers[it.ID] = checklist.Answer{Verdict: v, Value: x, By: "何丽", At: at}
	}
	in.Status, in.FinalizedAt = checklist.Finalized, at
	sc := checklist.School{ID: "s1", Name: "城关小学", Township: "城关镇"}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range schema3Buckets {
			if _, err := tx.CreateBucket(b); err != nil {
				return err
			}
		}
		meta := tx.Bucket(bucketMeta)
		meta.Put(keySchemaVersion, u64(3))
		meta.Put(keyDatabaseID, []byte("old-db"))
		v, _ := encode(sc)
		tx.Bucket(bucketSchools).Put([]byte(sc.ID), v)
		tx.Bucket(bucketSchoolNames).Put([]byte(nameKey(sc.Name, sc.Township)), []byte(sc.ID))
		v, _ = encode(std)
		tx.Bucket(bucketStandards).Put([]byte(std.ID), v)
		tx.Bucket(bucketStandardYears).Put(yearKey(2027), []byte(std.ID))
		v, _ = encode(in)
		tx.Bucket(bucketInspections).Put([]byte(in.ID), v)
		y, _ := tx.Bucket(bucketInspectionYears).CreateBucketIfNotExists(yearKey(2027))
		y.Put([]byte(in.ID), nil)
		sb, _ := tx.Bucket(bucketSchoolInspections).CreateBucketIfNotExists([]byte(sc.ID))
		sb.Put([]byte(in.ID), nil)
		sums := newSummaries()
		sums.add(in)
		// Schema 3 packed the verdicts alone.
		old := map[string]checklist.Answer{}
		for id, a := range in.Answers {
			old[id] = checklist.Answer{Verdict: a.Verdict}
		}
		sums.rated[2027]["s1"].Verdicts = packVerdicts(old)
		if err := sums.write(tx); err != nil {
			return err
		}
		_, _, err := rederiveAll(tx, txStandards(), true)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	s, err := Open(path, Options{Now: func() time.Time { return time.Date(2027, 11, 29, 8, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if backups, _ := s.Backups(); len(backups) == 0 || !strings.Contains(backups[0], "before-migration") {
		t.Errorf("backups %v", backups)
	}
	s.db.View(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketSelfAssessments, bucketVetoes, bucketYearStages, bucketYearAudit} {
			if tx.Bucket(b) == nil {
				t.Errorf("bucket %s missing", b)
			}
		}
		return nil
	})
	want := checklist.ScoreAnswers(std, in.Answers)
	if want.Total != 99.5 { // 2.2: 3 missing of 10 (-3), B.2 +2.5: 97 + 2.5
		t.Errorf("the pure function: %v, hand-computed 99.5", want.Total)
	}
	ov, err := s.SchoolsOverview(2027)
	if err != nil {
		t.Fatal(err)
	}
	if got := ov.Schools[0].Rating; got == nil || fmt.Sprint(got.Score) != fmt.Sprint(want) {
		t.Errorf("after the migration the list scores %+v, want %+v", got, want)
	}
	h, err := s.Check()
	if err != nil || len(h.Problems) != 0 || h.Schema != schemaVersion {
		t.Errorf("doctor after the migration: %+v %v", h, err)
	}
}

// TestDoctorReadsYearEnd: doctor counts the year-end records and names
// one that cannot be read, or kept under another year.
func TestDoctorReadsYearEnd(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "bc.db"), Options{Now: func() time.Time { return time.Date(2026, 11, 29, 8, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sc, err := s.AddSchool(checklist.School{Name: "城关小学", Township: "城关镇"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetSelfVerdict(sc.ID, 2026, "1.1", checklist.Met, checklist.SourcePaper, "张干事"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PublishYear(2026, testDate("2026-11-01"), testDate("2026-11-07"), "王主任"); err != nil {
		t.Fatal(err)
	}
	h, err := s.Check()
	if err != nil || len(h.Problems) != 0 || h.SelfAssessments != 1 || h.YearStages != 1 || h.YearAuditEntries != 2 {
		t.Fatalf("%+v %v", h, err)
	}
	s.db.Update(func(tx *bolt.Tx) error {
		b, _ := tx.Bucket(bucketSelfAssessments).CreateBucketIfNotExists(yearKey(2025))
		v := tx.Bucket(bucketSelfAssessments).Bucket(yearKey(2026)).Get([]byte(sc.ID))
		b.Put([]byte(sc.ID), append([]byte(nil), v...))
		return tx.Bucket(bucketYearStages).Put(yearKey(2027), []byte{1, 0xff})
	})
	h, _ = s.Check()
	if len(h.Problems) != 2 || !strings.Contains(h.Problems[0].Error(), "is kept under 2025/") || !strings.Contains(h.Problems[1].Error(), "the stage of 2027 cannot be read") {
		t.Errorf("problems %q", h.Problems)
	}
}
