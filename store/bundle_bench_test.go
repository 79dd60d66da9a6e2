package store_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"branchcheck/bundle"
	"branchcheck/checklist"
	"branchcheck/store"
)

// BenchmarkBundle exports and imports a county's year (500 schools with
// four finalized visits each; the same with a decision about one
// rectification in ten, some 1,400; the same with its year end: a
// self-assessment of every school, a veto situation recorded for one in
// twenty, the year published and confirmed) and a generated province (50,000
// schools, 200,000 visits, about a gigabyte of database), each with the
// most heap it had in use (peak-heap-MiB, with the collector as it is, so
// garbage not yet collected included): bundles stream, so it does not
// grow with the database; and the processor time each took, on all
// threads (cpu-ms), which a busy machine changes much less than
// the time it took. The province is generated in the benchmark; it runs
// only when benchmarks do, takes minutes, and -short skips it.
func BenchmarkBundle(b *testing.B) {
	for _, size := range []struct {
		name    string
		schools int
		decide  int // a decision about every decide-th rectification; 0: none
		yearEnd bool
	}{{"county-500x4", 500, 0, false}, {"county-500x4-decided", 500, 10, false}, {"county-500x4-yearend", 500, 0, true}, {"province-50000x4", 50_000, 0, false}} {
		b.Run(size.name, func(b *testing.B) {
			if size.schools > 500 && testing.Short() {
				b.Skip("-short: the county only")
			}
			src := mustOpenAt(b, filepath.Join(b.TempDir(), "src.db"))
			fillSchools(b, src, size.schools)
			if size.decide > 0 {
				n, err := store.DecideEvery(src, size.decide)
				if err != nil {
					b.Fatal(err)
				}
				b.Logf("%d decisions", n)
			}
			if size.yearEnd {
				fillYearEnd(b, src)
			}
			file := filepath.Join(b.TempDir(), "export.bundle")
			f, err := os.Create(file)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := src.ExportBundle(f, bundle.Filter{}); err != nil {
				b.Fatal(err)
			}
			f.Close()
			b.Run("export", func(b *testing.B) {
				for b.Loop() {
					f, err := os.Create(file)
					if err != nil {
						b.Fatal(err)
					}
					cpu := processCPU()
					peak := peakHeapGC(-1, func() {
						if _, err := src.ExportBundle(f, bundle.Filter{}); err != nil {
							b.Fatal(err)
						}
					})
					b.ReportMetric(float64(processCPU()-cpu)/1e6, "cpu-ms")
					f.Close()
					b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
				}
				st, _ := os.Stat(file)
				b.ReportMetric(float64(st.Size())/(1<<20), "bundle-MiB")
			})
			importFile := func(b *testing.B, dst *store.Store) *store.MergeSummary {
				f, err := os.Open(file)
				if err != nil {
					b.Fatal(err)
				}
				defer f.Close()
				var sums []*store.MergeSummary
				cpu := processCPU()
				peak := peakHeapGC(-1, func() {
					sums, err = dst.ImportBundles([]store.BundleInput{{Name: "b", R: f}}, false)
				})
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(processCPU()-cpu)/1e6, "cpu-ms")
				b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
				return sums[0]
			}
			b.Run("import-new", func(b *testing.B) {
				for b.Loop() {
					b.StopTimer()
					dst := mustOpenAt(b, filepath.Join(b.TempDir(), "dst.db"))
					b.StartTimer()
					if sum := importFile(b, dst); sum.Inspections.Added != 4*size.schools {
						b.Fatalf("%+v", sum)
					}
					b.StopTimer()
					dst.Close()
					b.StartTimer()
				}
			})
			b.Run("import-again", func(b *testing.B) {
				dst := mustOpenAt(b, filepath.Join(b.TempDir(), "dst.db"))
				importFile(b, dst)
				for b.Loop() {
					if sum := importFile(b, dst); sum.Changed() {
						b.Fatalf("%+v", sum)
					}
				}
			})
		})
	}
}

// fillYearEnd gives a database's 2026 its year end: a self-assessment of
// every school (every item answered, as a 自评表 brings it), a veto
// situation recorded for one school in twenty, the year published and
// confirmed.
func fillYearEnd(tb testing.TB, s *store.Store) {
	tb.Helper()
	if err := s.InstallStandard(vetoStandard(2026)); err != nil {
		tb.Fatal(err)
	}
	cells := map[string]string{}
	for _, it := range vetoStandard(2026).ScoredItems() {
		cells[it.ID] = "符合"
	}
	cells["3.5"] = "部分符合"
	schools, err := s.Schools()
	if err != nil {
		tb.Fatal(err)
	}
	for i, sc := range schools {
		if _, _, err := s.ImportSelfAssessment(sc.ID, 2026, store.SelfEntries{Cells: cells, SignedBy: "书记"}, checklist.SourceWorkbook, "张干事"); err != nil {
			tb.Fatal(err)
		}
		if i%20 == 0 {
			if _, err := s.RecordVeto(sc.ID, 2026, "discipline", "通报", "王主任"); err != nil {
				tb.Fatal(err)
			}
		}
	}
	if _, err := s.PublishYear(2026, checklist.Date{Year: 2026, Month: 11, Day: 10}, checklist.Date{Year: 2026, Month: 11, Day: 16}, "王主任"); err != nil {
		tb.Fatal(err)
	}
	if _, err := s.ConfirmYear(2026, checklist.Date{Year: 2026, Month: 11, Day: 20}, "王主任"); err != nil {
		tb.Fatal(err)
	}
}

// fillSchools fills a database with n schools in 12 townships and four
// finalized, fully answered visits each in 2026.
func fillSchools(tb testing.TB, s *store.Store, n int) {
	tb.Helper()
	schools := make([]checklist.School, n)
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
	if err := store.FillBatched(s, all, 4, 2026); err != nil {
		tb.Fatal(err)
	}
}

// TestImportStreamsInBoundedMemory: importing, and exporting, a bundle
// holds about one record and one batch in memory at a time, so the heap
// they use does not grow with the bundle: four times the visits, about
// four times the records, and the peak stays where it was, give or take
// the collector (a reader that held the bundle would need more than its
// records again).
func TestImportStreamsInBoundedMemory(t *testing.T) {
	type peaks struct{ records, imp, exp uint64 }
	measure := func(visits int) peaks {
		data := notesBundle(t, visits)
		dst := mustOpen(t)
		var err error
		var sums []*store.MergeSummary
		p := peaks{records: uint64(uncompressedSize(t, data))}
		p.imp = peakHeap(func() {
			sums, err = dst.ImportBundles([]store.BundleInput{{Name: "b", R: bytes.NewReader(data)}}, false)
		})
		if err != nil || sums[0].Inspections.Added != visits {
			t.Fatalf("%v %+v", err, sums)
		}
		p.exp = peakHeap(func() { _, err = dst.ExportBundle(io.Discard, bundle.Filter{}) })
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%d visits, %.1f MiB of records: peak heap import %.1f MiB, export %.1f MiB",
			visits, float64(p.records)/(1<<20), float64(p.imp)/(1<<20), float64(p.exp)/(1<<20))
		return p
	}
	small, large := measure(6), measure(24)
	grew := large.records - small.records
	if large.imp > small.imp+grew/2 || large.exp > small.exp+grew/2 {
		t.Errorf("the peak heap grew with the bundle: %d more bytes of records, import %d -> %d, export %d -> %d",
			grew, small.imp, large.imp, small.exp, large.exp)
	}
}

// notesBundle is a bundle of one school's visits, every note of every
// visit at its longest: about 500 KiB a visit.
func notesBundle(t *testing.T, visits int) []byte {
	std := checklist.DefaultStandard()
	at := time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)
	var buf bytes.Buffer
	w, err := bundle.NewWriter(&buf, bundle.Header{DatabaseID: "db1"})
	if err != nil {
		t.Fatal(err)
	}
	w.Standard(std)
	sc := checklist.School{ID: "s1", Name: "城关小学", Township: "城关镇", CreatedAt: at, UpdatedAt: at}
	w.School(&sc)
	for i := range visits {
		in, _ := checklist.NewInspection(fmt.Sprintf("v%03d", i), sc.ID, std, "李督查", checklist.DateOf(at), at)
		for k, it := range std.ScoredItems() {
			note := []rune(strings.Repeat(fmt.Sprintf("第%d次检查第%d项：档案齐全。", i, k), 500))[:checklist.MaxNote]
			in.Answers[it.ID] = checklist.Answer{Verdict: checklist.Met, Note: string(note), By: "李督查", At: at}
		}
		in.Touch("db1", at)
		if err := w.Inspection(in); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func uncompressedSize(t *testing.T, gz []byte) int64 {
	t.Helper()
	r, err := bundle.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	zr, err := gzipReader(gz)
	if err != nil {
		t.Fatal(err)
	}
	n, _ := io.Copy(io.Discard, zr)
	return n
}

// peakHeap runs f and returns the most heap it had in use above what was
// in use before, sampled every few milliseconds. The collector runs often
// meanwhile (GOGC 10), so what is measured is close to what f holds, not
// to what it has let go of and the collector has not yet taken back.
func peakHeap(f func()) uint64 { return peakHeapGC(10, f) }

// peakHeapGC is peakHeap with the collector at gogc; -1: as it is.
func peakHeapGC(gogc int, f func()) uint64 {
	if gogc >= 0 {
		defer debug.SetGCPercent(debug.SetGCPercent(gogc))
	}
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	base := m.HeapInuse
	var peak atomic.Uint64
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > base && m.HeapInuse-base > peak.Load() {
				peak.Store(m.HeapInuse - base)
			}
			select {
			case <-stop:
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	f()
	close(stop)
	<-done
	return peak.Load()
}

func gzipReader(b []byte) (io.Reader, error) { return gzip.NewReader(bytes.NewReader(b)) }

// TestMakeCountyDatabase writes a database of BRANCHCHECK_MAKE_SCHOOLS
// schools (500 by default) with four finalized visits each at the path
// in BRANCHCHECK_MAKE_DB, to measure the command line on (the README's
// Performance section); skipped unless asked for.
func TestMakeCountyDatabase(t *testing.T) {
	path := os.Getenv("BRANCHCHECK_MAKE_DB")
	if path == "" {
		t.Skip("set BRANCHCHECK_MAKE_DB to a path")
	}
	n := 500
	if v := os.Getenv("BRANCHCHECK_MAKE_SCHOOLS"); v != "" {
		fmt.Sscan(v, &n)
	}
	s, err := store.Open(path, store.Options{NoDailyBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fillSchools(t, s, n)
}
