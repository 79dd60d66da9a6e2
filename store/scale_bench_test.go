package store_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"branchcheck/checklist"
	"branchcheck/report"
	"branchcheck/store"
)

// The scale benchmarks generate a database in the benchmark (nothing is
// committed) and measure each interactive path on it:
//
//	BenchmarkCounty          500 schools × 4 visits in 2026
//	BenchmarkCountyTenYears  500 schools × 4 visits a year, 2017 to 2026
//	BenchmarkProvince        50,000 schools × 4 visits in 2026 (skipped with -short)
//
// Run one with e.g. go test ./store -run XXX -bench 'CountyTenYears' -benchmem.

func BenchmarkCounty(b *testing.B) {
	benchScale(b, store.BenchData{Schools: 500, Townships: 12, Years: 1, VisitsPerYear: 4, LastYear: 2026})
}

func BenchmarkCountyTenYears(b *testing.B) {
	benchScale(b, store.BenchData{Schools: 500, Townships: 12, Years: 10, VisitsPerYear: 4, LastYear: 2026})
}

func BenchmarkProvince(b *testing.B) {
	if testing.Short() {
		b.Skip("generates a 1 GiB database")
	}
	benchScale(b, store.BenchData{Schools: 50000, Townships: 1200, Years: 1, VisitsPerYear: 4, LastYear: 2026})
}

func benchScale(b *testing.B, d store.BenchData) {
	path := filepath.Join(b.TempDir(), "branchcheck.db")
	today := func() time.Time { return time.Now() }
	start := time.Now()
	s, err := store.Open(path, store.Options{Now: today, NoDailyBackup: true})
	if err != nil {
		b.Fatal(err)
	}
	if err := store.GenerateForBench(s, d); err != nil {
		b.Fatal(err)
	}
	s.Close()
	st, _ := os.Stat(path)
	b.Logf("generated %d schools × %d visits × %d years in %v: %.0f MiB", d.Schools, d.VisitsPerYear, d.Years, time.Since(start).Round(time.Second), float64(st.Size())/(1<<20))

	// The first open of the day: the full check and the daily backup.
	b.Run("open-first-of-day", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			os.RemoveAll(store.BackupDir(path))
			clearLastBackup(b, path)
			b.StartTimer()
			s, err := store.Open(path, store.Options{Now: today})
			if err != nil {
				b.Fatal(err)
			}
			s.Close()
		}
		list, _ := filepath.Glob(filepath.Join(store.BackupDir(path), "*"))
		if len(list) == 1 {
			bst, _ := os.Stat(list[0])
			b.ReportMetric(float64(bst.Size())/(1<<20), "backup-MiB")
		}
	})
	b.Run("check-full", func(b *testing.B) {
		for b.Loop() {
			if err := store.CheckOpenForBench(path, true); err != nil {
				b.Fatal(err)
			}
		}
	})
	// The check of values made on the first open of a day that may write.
	b.Run("check-values", func(b *testing.B) {
		for b.Loop() {
			if err := store.CheckValuesForBench(path); err != nil {
				b.Fatal(err)
			}
		}
	})
	// Every later open that day.
	b.Run("open", func(b *testing.B) {
		for b.Loop() {
			s, err := store.Open(path, store.Options{Now: today})
			if err != nil {
				b.Fatal(err)
			}
			s.Close()
		}
	})

	s, err = store.Open(path, store.Options{Now: today, NoDailyBackup: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ov, err := s.SchoolsOverview(d.LastYear)
	if err != nil {
		b.Fatal(err)
	}
	var drafting, rated string
	for _, o := range ov.Schools {
		if o.HasDraft() && drafting == "" {
			drafting = o.School.ID
		}
		if o.Rated() && rated == "" {
			rated = o.School.ID
		}
	}
	sv, err := s.SchoolVisits(drafting)
	if err != nil {
		b.Fatal(err)
	}
	draft := sv.Visits[0].Visit

	b.Run("schools-overview", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if ov, err := s.SchoolsOverview(d.LastYear); err != nil || len(ov.Schools) != d.Schools {
				b.Fatal(err)
			}
		}
	})
	// Back from a walk: the one school's line again.
	b.Run("back-from-walk", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if o, err := s.SchoolOverview(d.LastYear, drafting); err != nil || !o.HasDraft() {
				b.Fatal(err)
			}
		}
	})
	b.Run("school-visits", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := s.SchoolVisits(rated); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("walk-visit", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := s.WalkVisit(draft.ID); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("rate-year", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if yr, err := s.RateYear(d.LastYear); err != nil || len(yr.Ratings) != d.Schools {
				b.Fatal(err)
			}
		}
	})
	// The ratings workbook as the ratings command writes it (its memory
	// limit too): the ratings in brief, the ledger read in parts as its
	// sheet is written. peak-heap-MiB is the most heap in use.
	b.Run("ratings-xlsx", func(b *testing.B) {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(320 << 20))
		var peak uint64
		var size int64
		cpu := processCPU()
		for b.Loop() {
			peak = max(peak, peakHeapGC(-1, func() { size = writeRatingsXLSX(b, s, d.LastYear) }))
		}
		b.ReportMetric(float64((processCPU()-cpu).Microseconds())/1000/float64(b.N), "cpu-ms/op")
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
		b.ReportMetric(float64(size)/(1<<20), "xlsx-MiB")
	})
	// The ratings as the ratings command prints them on the terminal (the
	// CSV, Markdown, HTML and JSON read the same): no visit decoded, each
	// school's open rectifications counted.
	b.Run("ratings-table", func(b *testing.B) {
		var size int64
		cpu := processCPU()
		for b.Loop() {
			size = writeRatingsTable(b, s, d.LastYear)
		}
		b.ReportMetric(float64((processCPU()-cpu).Microseconds())/1000/float64(b.N), "cpu-ms/op")
		b.ReportMetric(float64(size)/(1<<20), "table-MiB")
	})
	// The county's 整改台账: every school's rectifications, the open ones
	// listed; and one school's.
	b.Run("rect-ledger", func(b *testing.B) {
		b.ReportAllocs()
		cpu := processCPU()
		for b.Loop() {
			l, err := s.RectLedger(checklist.RectFilter{})
			if err != nil || l.Len() == 0 {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64((processCPU()-cpu).Microseconds())/1000/float64(b.N), "cpu-ms/op")
		l, _ := s.RectLedger(checklist.RectFilter{View: checklist.ViewAll})
		b.ReportMetric(float64(l.Counts.Total()), "rects")
		b.ReportMetric(float64(l.Counts.Open), "open")
	})
	b.Run("school-rectifications", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := s.SchoolRectifications(rated); err != nil {
				b.Fatal(err)
			}
		}
	})
	// Finalizing works the school's rectifications out again: a reopen
	// and a finalize of the visit the school's rating comes from.
	b.Run("reopen-finalize", func(b *testing.B) {
		o, err := s.SchoolOverview(d.LastYear, rated)
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if _, err := s.Reopen(o.Rating.VisitID, "复核", "王"); err != nil {
				b.Fatal(err)
			}
			if _, err := s.Finalize(o.Rating.VisitID, "王"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("save-answer", func(b *testing.B) {
		items := checklist.DefaultStandard().ScoredItems()
		n := 0
		for b.Loop() {
			v := []checklist.Verdict{checklist.Met, checklist.NotMet}[(n/len(items))%2]
			if _, err := s.SetVerdict(draft.ID, items[n%len(items)].ID, v, "李"); err != nil {
				b.Fatal(err)
			}
			n++
		}
	})
	b.Run("add-school", func(b *testing.B) {
		n := 0
		for b.Loop() {
			if _, err := s.AddSchool(checklist.School{Name: fmt.Sprintf("新建第%d小学", n), Township: "新区"}); err != nil {
				b.Fatal(err)
			}
			n++
		}
	})
	b.Run("doctor", func(b *testing.B) {
		for b.Loop() {
			if h, err := s.Check(); err != nil || len(h.Problems) > 0 {
				b.Fatal(err, h.Problems)
			}
		}
	})
}

// BenchmarkAddSchool adds schools by hand to a list of 50 and of 50,000:
// the cost must not grow with the list.
func BenchmarkAddSchool(b *testing.B) {
	for _, n := range []int{50, 50000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			s := mustOpen(b)
			schools := make([]checklist.School, n)
			for i := range schools {
				schools[i] = checklist.School{Name: fmt.Sprintf("第%d小学", i), Township: fmt.Sprintf("乡镇%d", i%120)}
			}
			if _, err := s.ImportSchools(schools); err != nil {
				b.Fatal(err)
			}
			i := 0
			for b.Loop() {
				if _, err := s.AddSchool(checklist.School{Name: fmt.Sprintf("新建第%d小学", i), Township: "新区"}); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

// clearLastBackup makes the next open of the database its first of the
// day: no daily backup or full check recorded.
func clearLastBackup(tb testing.TB, path string) { // and the day's checks
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		meta := tx.Bucket([]byte("meta"))
		if err := meta.Delete([]byte("last_backup")); err != nil {
			return err
		}
		if err := meta.Delete([]byte("last_value_check")); err != nil {
			return err
		}
		return meta.Delete([]byte("last_check"))
	})
	if err != nil {
		tb.Fatal(err)
	}
}

// writeRatingsXLSX writes a year's ratings workbook as the ratings
// command does and returns its size.
func writeRatingsXLSX(tb testing.TB, s *store.Store, year int) int64 {
	yr, err := s.RateYearFindings(year)
	if err != nil {
		tb.Fatal(err)
	}
	m := report.Meta{GeneratedAt: time.Now(), Database: s.Path(), Charts: true}
	if m.LastYear, err = s.RateYearBrief(year - 1); err != nil {
		tb.Fatal(err)
	}
	f := checklist.RectFilter{View: checklist.ViewAll, Year: year}
	if m.Rectifications, err = s.RectLedgerInParts(f, nil); err != nil {
		tb.Fatal(err)
	}
	m.RectParts = func(each func(*checklist.RectLedger) error) error {
		_, err := s.RectLedgerInParts(f, each)
		return err
	}
	ye, err := s.YearEndOf(yr)
	if err != nil {
		tb.Fatal(err)
	}
	m.YearEnd = &report.YearEnd{Stage: ye.Stage, Self: ye.Self, Standards: ye.Standards}
	var w countingWriter
	if err := report.WriteRatings(&w, report.XLSX, yr, m); err != nil {
		tb.Fatal(err)
	}
	return int64(w)
}

// countingWriter counts what is written to it.
type countingWriter int64

func (w *countingWriter) Write(p []byte) (int, error) {
	*w += countingWriter(len(p))
	return len(p), nil
}
