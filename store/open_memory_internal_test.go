//go:build linux

package store

import (
	"branchcheck/bundle"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// procStatus reads a size from /proc/self/status (VmHWM, VmRSS), in bytes.
func procStatus(t *testing.T, key string) int64 {
	t.Helper()
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc/self/status:", err)
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, key+":"); ok {
			kib, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			if err != nil {
				t.Fatalf("%s: %v", line, err)
			}
			return kib << 10
		}
	}
	t.Skipf("no %s in /proc/self/status", key)
	return 0
}

// resetPeak makes VmHWM start again from VmRSS (Linux 4.0 and later).
func resetPeak(t *testing.T) {
	t.Helper()
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		t.Skip("cannot reset the peak of resident memory:", err)
	}
}

// memoryTestDB generates a database of a county's year (500 schools × 4
// visits), then copies each visit under two more keys (valid values, as
// the checks read them, without the cost of making them: this test runs
// under the race detector too), about 50 MiB in all, closed, and returns
// its path and size.
func memoryTestDB(t *testing.T) (string, int64) {
	t.Helper()
	return generatedTestDB(t, bucketInspections, 2)
}

// generatedTestDB generates a database of a county's year (500 schools ×
// 4 visits), then copies each value of the bucket named (or, for
// bucketRectifications, of each school's bucket in it) n more times, as
// copyUnderOtherKeys does; closed, it returns its path and size.
func generatedTestDB(t *testing.T, heavier []byte, n int) (string, int64) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "bc.db")
	s, err := Open(path, Options{Now: dayClock("2026-11-29"), NoDailyBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := GenerateForBench(s, BenchData{Schools: 500, Townships: 12, Years: 1, VisitsPerYear: 4, LastYear: 2026}); err != nil {
		t.Fatal(err)
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		top := tx.Bucket(heavier)
		if !bytes.Equal(heavier, bucketRectifications) {
			return copyUnderOtherKeys(top, n)
		}
		return top.ForEachBucket(func(school []byte) error { return copyUnderOtherKeys(top.Bucket(school), n) })
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("generated %.0f MiB in %v", float64(st.Size())/(1<<20), time.Since(start).Round(time.Millisecond))
	return path, st.Size()
}

// copyUnderOtherKeys puts every value of bucket b n more times, under
// its key with "~a", "~b", … before it: a file as heavy as more records
// would make it, its values as valid as the checks read them.
func copyUnderOtherKeys(b *bolt.Bucket, n int) error {
	var keys, values [][]byte
	b.ForEach(func(k, v []byte) error {
		keys, values = append(keys, k), append(values, v)
		return nil
	})
	for copy := range n {
		for i, k := range keys {
			if err := b.Put(append([]byte{'~', byte('a' + copy)}, k...), values[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

// setDayMarks sets (or, for "", deletes) the day's marks of the database
// at path: the last full check, check of values and daily backup.
func setDayMarks(t *testing.T, path, check, values, backup string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		for k, v := range map[string]string{string(keyLastCheck): check, string(keyLastValueCheck): values, string(keyLastBackup): backup} {
			var err error
			if v == "" {
				err = meta.Delete([]byte(k))
			} else {
				err = meta.Put([]byte(k), []byte(v))
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// peakOf runs f and returns how far the process's resident memory rose
// above what it held before at its peak.
func peakOf(t *testing.T, f func()) int64 {
	t.Helper()
	debug.FreeOSMemory()
	before := procStatus(t, "VmRSS")
	resetPeak(t)
	f()
	return procStatus(t, "VmHWM") - before
}

// TestFirstOpenOfADayInBoundedMemory: the first open of a day of a large
// file reads all of it, three times (the full check, the check of values,
// the zipped daily backup). Each holds a small part of the file's size as
// the process's resident memory, not the file, and so does the whole
// open. Ten years of a county (228 MiB) rose to 267 MiB when bbolt's
// check read it through the map and its pages were given back every 5 ms
// from another goroutine, which a reader going at 15 MiB a millisecond
// outruns; to 169 MiB at a load of 7 when given back every 0.25 ms.
func TestFirstOpenOfADayInBoundedMemory(t *testing.T) {
	path, size := memoryTestDB(t)
	mib := func(n int64) float64 { return float64(n) / (1 << 20) }

	// The check of values and the backup give the pages back themselves,
	// a batch at a time: a bound that holds on a busy machine.
	const bound = 16 << 20
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	checkAll := func() {
		db.View(func(tx *bolt.Tx) error {
			if err := checkValues(tx, path); err != nil {
				t.Fatal(err)
			}
			return nil
		})
	}
	// Once first, so that the heap this test left generating the file
	// settles (the first pass's rise is mostly the heap growing again to
	// the collector's goal), and what it read given back: the pass
	// measured is then the check's own.
	checkAll()
	releaseMapped(path)
	rise := peakOf(t, checkAll)
	t.Logf("check of values of %.0f MiB: rose %.1f MiB", mib(size), mib(rise))
	if rise > min(bound, size/4) {
		t.Errorf("the check of values of a %.0f MiB file took %.1f MiB more resident memory; want at most %.0f MiB", mib(size), mib(rise), mib(min(bound, size/4)))
	}
	// The check of the structure reads with ReadAt: the pages stay in
	// the page cache, and the check holds a few pages and two bits per
	// page of the file.
	checkStructure := func() {
		db.View(func(tx *bolt.Tx) error {
			if problems, err := structureProblems(tx, path); err != nil || len(problems) > 0 {
				t.Fatal(problems, err)
			}
			return nil
		})
	}
	checkStructure()
	releaseMapped(path)
	rise = peakOf(t, checkStructure)
	t.Logf("check of the structure of %.0f MiB: rose %.1f MiB", mib(size), mib(rise))
	if rise > 4<<20 {
		t.Errorf("the check of the structure of a %.0f MiB file took %.1f MiB more resident memory; want at most 4 MiB", mib(size), mib(rise))
	}
	s := &Store{db: &database{DB: db}, path: path, clock: time.Now}
	rise = peakOf(t, func() {
		if err := s.BackupToFile(filepath.Join(t.TempDir(), "bc.db.bak.zip"), false); err != nil {
			t.Fatal(err)
		}
	})
	t.Logf("zipped backup of %.0f MiB: rose %.1f MiB", mib(size), mib(rise))
	if rise > min(bound, size/4) {
		t.Errorf("the zipped backup of a %.0f MiB file took %.1f MiB more resident memory; want at most %.0f MiB", mib(size), mib(rise), mib(min(bound, size/4)))
	}
	db.Close()

	// The whole first open of a day, every part of it bounded.
	rise = peakOf(t, func() {
		s, err := Open(path, Options{Now: dayClock("2026-12-01"), fullCheckUpTo: 1, zipBackupsOver: 1})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if s.meta(keyLastCheck) != "2026-12-01" || s.meta(keyLastValueCheck) != "2026-12-01" || s.meta(keyLastBackup) != "2026-12-01" {
			t.Errorf("the day's work was not done: checked %q, values checked %q, backup %q", s.meta(keyLastCheck), s.meta(keyLastValueCheck), s.meta(keyLastBackup))
		}
	})
	t.Logf("first open of a day (full check, check of values, zipped backup) of %.0f MiB: rose %.1f MiB", mib(size), mib(rise))
	if rise > min(2*bound, size/2) {
		t.Errorf("the first open of a day of a %.0f MiB file took %.1f MiB more resident memory; want at most %.0f MiB", mib(size), mib(rise), mib(min(2*bound, size/2)))
	}
}

// TestBundleExportInBoundedMemory: a bundle export reads every visit,
// rectification and year-end record of the file, and gives back the
// pages it has read as it goes: it holds a small part of the file as the
// process's resident memory, whatever the file's size. The pass over
// every rectification for the decisions about them held all it read (a
// province's export: 0.9 GiB; here 84 MiB against 19 MiB, where the
// visits, given back every 2,000, and the compressor make most of it).
func TestBundleExportInBoundedMemory(t *testing.T) {
	// Each school's rectifications eight times more (copies under other
	// keys), so that they weigh in the file as a province's do.
	path, size := generatedTestDB(t, bucketRectifications, 8)
	mib := func(n int64) float64 { return float64(n) / (1 << 20) }
	s, err := Open(path, Options{Now: dayClock("2026-11-29"), ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	export := func() {
		if _, err := s.ExportBundle(io.Discard, bundle.Filter{}); err != nil {
			t.Fatal(err)
		}
	}
	export()
	releaseMapped(path)
	rise := peakOf(t, export)
	t.Logf("bundle export of %.0f MiB: rose %.1f MiB", mib(size), mib(rise))
	if bound := int64(32 << 20); rise > bound {
		t.Errorf("the bundle export of a %.0f MiB file took %.1f MiB more resident memory; want at most %.0f MiB", mib(size), mib(rise), mib(bound))
	}
}
