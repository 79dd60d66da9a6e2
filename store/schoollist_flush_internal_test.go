package store

import (
	"path/filepath"
	"reflect"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// TestSchoolListFlushedInBatches: the school list's rows made a few at a
// time, each batch in a transaction of its own (as a bundle import makes
// a province's), end as the list made at once: every marked school gets
// its row, the marks go as their rows are made, and what is read from
// the list is what is read from the summaries.
func TestSchoolListFlushedInBatches(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bc.db")
	s, err := Open(path, Options{Now: dayClock("2026-11-29"), NoDailyBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := GenerateForBench(s, BenchData{Schools: 23, Townships: 3, Years: 2, VisitsPerYear: 2, LastYear: 2026}); err != nil {
		t.Fatal(err)
	}
	// Every row away, every school marked (in a bare bbolt transaction:
	// the store's own makes the marked rows before it commits).
	err = s.db.DB.Update(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketSchoolList, bucketSchoolListKeys} {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
			if _, err := tx.CreateBucket(name); err != nil {
				return err
			}
		}
		stale := tx.Bucket(bucketSchoolListStale)
		return tx.Bucket(bucketSchools).ForEach(func(k, _ []byte) error { return stale.Put(k, nil) })
	})
	if err != nil {
		t.Fatal(err)
	}
	marks := func() (n int) {
		s.db.View(func(tx *bolt.Tx) error {
			n = tx.Bucket(bucketSchoolListStale).Stats().KeyN
			return nil
		})
		return n
	}
	for want := 23; ; {
		var more bool
		if err := s.db.DB.Update(func(tx *bolt.Tx) error {
			var err error
			more, err = flushSchoolListUpTo(tx, s.cached(), 5)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		want = max(want-5, 0)
		if got := marks(); got != want {
			t.Fatalf("%d marks left, want %d", got, want)
		}
		if more != (want > 0) {
			t.Fatalf("more %v with %d marks left", more, want)
		}
		if !more {
			break
		}
	}
	for _, year := range []int{2025, 2026} {
		fromList, fromSummaries, err := SchoolsOverviewBothWays(s, year)
		if err != nil {
			t.Fatal(err)
		}
		if len(fromList) != 23 || !reflect.DeepEqual(fromList, fromSummaries) {
			t.Fatalf("%d: %d schools from the list, %d from the summaries, or they differ", year, len(fromList), len(fromSummaries))
		}
	}
}
