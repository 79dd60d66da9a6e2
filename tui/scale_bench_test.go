package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/internal/scaledata"
	"branchcheck/store"
)

// The scale benchmarks run the interface on databases generated in the
// benchmark (internal/scaledata; nothing is committed): a county (500
// schools × 4 visits) and ten years of a county (500 × 40), the year
// ending on benchUntil. Run them with
//
//	go test ./tui -run XXX -bench 'SchoolsScreen|RatingsScreen|BackFromWalk' -benchmem

// benchUntil is the last day of the generated visits; benchNow the
// interface's clock, that afternoon.
var (
	benchUntil = checklist.Date{Year: 2026, Month: time.November, Day: 28}
	benchNow   = func() time.Time { return time.Date(2026, time.November, 28, 15, 0, 0, 0, time.Local) }
)

// scales are the databases of the benchmarks.
var scales = []struct {
	name  string
	scale scaledata.Scale
}{
	{"county", scaledata.County(benchUntil)},
	{"county-ten-years", scaledata.CountyTenYears(benchUntil)},
}

// scaleStore opens a new database filled to the scale.
func scaleStore(b *testing.B, sc scaledata.Scale) *store.Store {
	b.Helper()
	start := time.Now()
	st := openStore(b)
	if err := scaledata.Fill(st, sc); err != nil {
		b.Fatal(err)
	}
	b.Logf("generated %d schools, %d visits in %v", sc.Schools, sc.Visits(), time.Since(start).Round(time.Millisecond))
	return st
}

// benchModel is the interface on a store, at the benchmarks' clock.
func benchModel(st Store) *Model {
	return New(Options{Store: st, Lang: i18n.Chinese, Now: benchNow, NoColor: true, Ambiguous: AmbiguousNarrow})
}

// BenchmarkSchoolsScreen opens the interface on the schools list as the
// program starts it, to the first frame of the full list: New, the window
// size, the load (the store's read and the rows) and the frame at 80x24.
func BenchmarkSchoolsScreen(b *testing.B) {
	for _, sc := range scales {
		b.Run(sc.name, func(b *testing.B) {
			st := scaleStore(b, sc.scale)
			b.ReportAllocs()
			var d *driver
			for b.Loop() {
				d = drive(b, benchModel(st), 80, 24)
				_ = d.m.View()
			}
			if want := fmt.Sprintf("1/%d", sc.scale.Schools); !strings.Contains(d.screen(), want) {
				b.Fatalf("no full list (%s):\n%s", want, d.screen())
			}
		})
	}
}

// BenchmarkRatingsScreen opens the year's ratings from the schools list,
// to the first frame of the table at 80x24.
func BenchmarkRatingsScreen(b *testing.B) {
	for _, sc := range scales {
		b.Run(sc.name, func(b *testing.B) {
			d := drive(b, benchModel(scaleStore(b, sc.scale)), 80, 24)
			b.ReportAllocs()
			for b.Loop() {
				d.press("r")
				_ = d.m.View()
				b.StopTimer()
				if _, ok := d.m.top().(*ratingsScreen); !ok {
					b.Fatalf("not on the ratings:\n%s", d.screen())
				}
				d.press("esc")
				b.StartTimer()
			}
		})
	}
}

// BenchmarkBackFromWalk answers an item in a school's draft, then times
// esc esc: back to the school (its visits read again) and back to the
// schools list with the school's line read again, to the frame at 80x24.
// Besides the generated county, a province's list: 50,000 schools (added
// as a bureau's list, with one draft: the list's cost is in its lines,
// not in the visits; skipped with -short).
func BenchmarkBackFromWalk(b *testing.B) {
	for _, sc := range scales {
		b.Run(sc.name, func(b *testing.B) {
			benchBackFromWalk(b, scaleStore(b, sc.scale))
		})
	}
	b.Run("province-list", func(b *testing.B) {
		if testing.Short() {
			b.Skip("50,000 schools")
		}
		st := openStore(b)
		schools := make([]checklist.School, 50000)
		for i := range schools {
			town := fmt.Sprintf("第%d乡镇", i%1200)
			schools[i] = checklist.School{Name: fmt.Sprintf("%s第%d中心小学", town, i), Township: town}
		}
		if _, err := st.ImportSchools(schools); err != nil {
			b.Fatal(err)
		}
		ov, err := st.SchoolsOverview(benchUntil.Year)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := st.CreateInspection(ov.Schools[0].School.ID, "张", benchUntil); err != nil {
			b.Fatal(err)
		}
		benchBackFromWalk(b, st)
	})
}

func benchBackFromWalk(b *testing.B, st *store.Store) {
	ov, err := st.SchoolsOverview(benchUntil.Year)
	if err != nil {
		b.Fatal(err)
	}
	at := -1 // the first school with a draft
	for i, o := range ov.Schools {
		if o.HasDraft() {
			at = i
			break
		}
	}
	if at < 0 {
		b.Fatal("no draft")
	}
	d := drive(b, benchModel(st), 80, 24)
	for range at {
		d.press("j")
	}
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		d.press("enter", "enter", "y") // the school, its draft, an answer
		if _, ok := d.m.top().(*walkScreen); !ok {
			b.Fatalf("not in a walk:\n%s", d.screen())
		}
		b.StartTimer()
		d.press("esc", "esc")
		_ = d.m.View()
	}
	s, ok := d.m.top().(*schoolsScreen)
	if r, _ := s.selected(); !ok || r.School.ID != ov.Schools[at].School.ID || !r.HasDraft() {
		b.Fatalf("not back on the school's line:\n%s", d.screen())
	}
}

// TestScaleBenchStore: the benchmarks' generator fills a small database
// the list shows whole.
func TestScaleBenchStore(t *testing.T) {
	st := openStore(t)
	sc := scaledata.Scale{Schools: 40, Townships: 3, Years: 2, VisitsPerYear: 2, Until: benchUntil}
	if err := scaledata.Fill(st, sc); err != nil {
		t.Fatal(err)
	}
	d := drive(t, benchModel(st), 80, 24)
	if scr := d.screen(); !strings.Contains(scr, "1/40") || !strings.Contains(scr, "草稿") {
		t.Errorf("the list of the generated schools:\n%s", scr)
	}
}
