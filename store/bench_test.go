package store_test

import (
	"fmt"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"

	"branchcheck/checklist"
	"branchcheck/store"
)

// BenchmarkSave measures saving one answer, committed to disk, beside a
// bare bbolt put-and-commit of a value of the same size on the same disk
// in the same run: the floor any save must pay.
func BenchmarkSave(b *testing.B) {
	dir := b.TempDir()
	s := mustOpenAt(b, filepath.Join(dir, "branchcheck.db"))
	sc := mustSchool(b, s, "城关小学", "城关镇")
	in, err := s.CreateInspection(sc.ID, "李", day("2026-11-29"))
	if err != nil {
		b.Fatal(err)
	}
	items := checklist.DefaultStandard().ScoredItems()
	for _, it := range items { // a full walk with notes: the realistic size
		s.SetVerdict(in.ID, it.ID, checklist.Met, "李")
		s.SetNote(in.ID, it.ID, "档案盒已按类别装档,台账记录完整", "李")
	}
	value := store.StoredValue(s, in.ID)

	b.Run("answer", func(b *testing.B) {
		verdicts := []checklist.Verdict{checklist.NotMet, checklist.Met}
		n := 0
		for b.Loop() {
			it := items[n%len(items)]
			if _, err := s.SetVerdict(in.ID, it.ID, verdicts[(n/len(items))%2], "李"); err != nil {
				b.Fatal(err)
			}
			n++
		}
	})
	b.Run("bare-put", func(b *testing.B) {
		db, err := bolt.Open(filepath.Join(dir, "bare.db"), 0o600, nil)
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("b")); return err })
		b.SetBytes(int64(len(value)))
		for b.Loop() {
			err := db.Update(func(tx *bolt.Tx) error {
				return tx.Bucket([]byte("b")).Put([]byte(in.ID), value)
			})
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkYearInspections loads a year's inspections: 500 schools with
// four visits each in the year, every one fully answered.
func BenchmarkYearInspections(b *testing.B) {
	s := mustOpen(b)
	fillCounty(b, s)
	for b.Loop() {
		list, err := s.YearInspections(2026)
		if err != nil || len(list) != 2000 {
			b.Fatalf("%d inspections, %v", len(list), err)
		}
	}
}

func BenchmarkRateYear500(b *testing.B) {
	s := mustOpen(b)
	fillCounty(b, s)
	for b.Loop() {
		if _, err := s.RateYear(2026); err != nil {
			b.Fatal(err)
		}
	}
}

// fillCounty fills a database with a county's year: 500 schools in 12
// townships, four finalized, fully answered visits each in 2026.
func fillCounty(tb testing.TB, s *store.Store) {
	tb.Helper()
	schools := make([]checklist.School, 500)
	for i := range schools {
		schools[i] = checklist.School{Name: fmt.Sprintf("第%d小学", i), Township: fmt.Sprintf("乡镇%d", i%12)}
	}
	if _, err := s.ImportSchools(schools); err != nil {
		tb.Fatal(err)
	}
	all, err := s.Schools()
	if err != nil {
		tb.Fatal(err)
	}
	if err := store.FillForBench(s, all, 4, 2026); err != nil {
		tb.Fatal(err)
	}
}
