package tui

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/store"
)

// readCounter records the store's reads, by name, in the order made.
type readCounter struct {
	*store.Store
	mu    sync.Mutex
	reads []string
}

func (r *readCounter) read(name string) {
	r.mu.Lock()
	r.reads = append(r.reads, name)
	r.mu.Unlock()
}

// take returns the reads made since it was last called.
func (r *readCounter) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.reads
	r.reads = nil
	return out
}

func (r *readCounter) SchoolsOverview(year int) (*checklist.SchoolsOverview, error) {
	r.read("SchoolsOverview")
	return r.Store.SchoolsOverview(year)
}

func (r *readCounter) SchoolOverview(year int, id string) (checklist.SchoolOverview, error) {
	r.read("SchoolOverview")
	return r.Store.SchoolOverview(year, id)
}

func (r *readCounter) SchoolVisits(id string) (*checklist.SchoolVisits, error) {
	r.read("SchoolVisits")
	return r.Store.SchoolVisits(id)
}

func (r *readCounter) WalkVisit(id string) (*checklist.WalkVisit, error) {
	r.read("WalkVisit")
	return r.Store.WalkVisit(id)
}

func (r *readCounter) AuditTrail(id string) ([]checklist.Change, error) {
	r.read("AuditTrail")
	return r.Store.AuditTrail(id)
}

func (r *readCounter) StandardForYear(year int) (*checklist.Standard, error) {
	r.read("StandardForYear")
	return r.Store.StandardForYear(year)
}

func (r *readCounter) RateYear(year int) (*checklist.YearRating, error) {
	r.read("RateYear")
	return r.Store.RateYear(year)
}

func (r *readCounter) SchoolRectifications(id string) (*checklist.SchoolRectifications, error) {
	r.read("SchoolRectifications")
	return r.Store.SchoolRectifications(id)
}

func (r *readCounter) RectLedger(f checklist.RectFilter) (*checklist.RectLedger, error) {
	r.read("RectLedger")
	return r.Store.RectLedger(f)
}

func (r *readCounter) Setting(key string) (string, error) {
	r.read("Setting")
	return r.Store.Setting(key)
}

// TestOneReadPerScreen: each screen loads with one read of the store
// (the school two: its visits and its rectifications, which its walks
// show too); back from a walk, the schools list reads the one school's
// line again, and a screen that nothing changed under reads nothing.
// The 整改台账 reads the ledger again when its filter changes.
func TestOneReadPerScreen(t *testing.T) {
	st := &readCounter{Store: openDemo(t)}
	exported := 0
	m := New(Options{Store: st, Lang: i18n.Chinese, Now: clock, NoColor: true, Ambiguous: AmbiguousNarrow,
		ExportRatings: func(yr *checklist.YearRating, l i18n.Lang, f string) (string, error) {
			exported = len(yr.Ratings)
			return "/tmp/x." + f, nil
		}})
	d := drive(t, m, 80, 24)
	for _, step := range []struct {
		keys  []string
		reads []string
	}{
		{nil, []string{"SchoolsOverview"}},
		{[]string{"/", "幼", "enter", "enter"}, []string{"SchoolVisits", "SchoolRectifications"}}, // the school with a draft
		{[]string{"enter"}, []string{"WalkVisit"}},
		{[]string{"y"}, nil}, // a save, no read
		{[]string{"h"}, []string{"AuditTrail"}},
		{[]string{"esc"}, nil}, // the walk has what it shows
		{[]string{"esc"}, []string{"SchoolVisits", "SchoolRectifications"}},
		{[]string{"tab", "tab"}, nil},                 // the school's rectifications and back
		{[]string{"esc"}, []string{"SchoolOverview"}}, // the one school's line
		{[]string{"esc", "r"}, []string{"SchoolsOverview"}},
		{[]string{"enter"}, []string{"SchoolVisits", "SchoolRectifications"}},
		{[]string{"esc"}, nil}, // nothing changed
		{[]string{"x", "x"}, []string{"RateYear"}},
		{[]string{"esc"}, nil},
		{[]string{"s"}, []string{"StandardForYear"}},
		{[]string{"esc"}, nil},
		{[]string{"z"}, []string{"RectLedger"}},
		{[]string{"s"}, []string{"RectLedger"}}, // another status
		{[]string{"j", "enter"}, []string{"SchoolVisits", "SchoolRectifications"}},
		{[]string{"enter"}, nil}, // one rectification in full: the school has it
		{[]string{"esc"}, []string{"SchoolVisits", "SchoolRectifications"}},
		{[]string{"esc"}, []string{"RectLedger"}}, // a decision may have changed it
		{[]string{"esc"}, nil},
	} {
		d.press(step.keys...)
		if got := st.take(); !slices.Equal(got, step.reads) {
			t.Errorf("after %q the store was read %q, want %q:\n%s", step.keys, got, step.reads, d.screen())
		}
	}
	if exported != 12 {
		t.Errorf("exported %d rows, want the 12 shown", exported)
	}
}

// TestSchoolsLineAgain: back from a walk the school's line shows the draft
// and the progress counts it; a finalized visit shows its stars; a
// school added is read alone and put in its place in the order.
func TestSchoolsLineAgain(t *testing.T) {
	st := &readCounter{Store: openStore(t)}
	addSchool(t, st, "西山镇柳林小学", "西山镇")
	addSchool(t, st, "城关镇第一小学", "城关镇")
	d := drive(t, newModel(st, i18n.Chinese), 80, 24)
	want := func(pattern string) {
		t.Helper()
		if !hasLine(d.screen(), regexp.MustCompile("^"+pattern+"$")) {
			t.Errorf("no line %s:\n%s", pattern, d.screen())
		}
	}
	want(`2025 年已检查 0/2 所，未检查 2 所`)
	d.press("j", "enter", "n", "张", "enter", "enter", "y", "esc", "esc")
	want(`> 西山镇柳林小学 +西山镇 +2025-03-14 +草稿 +未评定`)
	want(`2025 年已检查 1/2 所，未检查 1 所`)
	d.press("enter", "enter")
	for range 41 {
		d.press("y")
	}
	d.press("F", "y", "esc", "esc")
	want(`> 西山镇柳林小学 +西山镇 +2025-03-14 +★★★★★`)
	st.take()
	d.press("a")
	for _, r := range "北关小学" {
		d.press(string(r))
	}
	d.press("enter", "北", "关", "镇", "ctrl+s")
	want(`> 北关小学 +北关镇 +- +未评定`)
	if got := st.take(); !slices.Equal(got, []string{"SchoolOverview"}) {
		t.Errorf("adding a school read %q", got)
	}
	scr := d.screen()
	if i, j := strings.Index(scr, "北关小学"), strings.Index(scr, "城关镇第一小学"); i < 0 || j < 0 || i > j {
		t.Errorf("北关镇 is not before 城关镇 in pinyin order:\n%s", scr)
	}
}

// TestRatingsDefaultOrder: the ratings table drawn from the schools list
// is in the ratings' own order: by township, rated first, stars and total
// points from high to low, then name.
func TestRatingsDefaultOrder(t *testing.T) {
	st := openDemo(t)
	yr, err := st.RateYear(2025)
	if err != nil {
		t.Fatal(err)
	}
	d := drive(t, newModel(st, i18n.Chinese), 80, 24)
	d.press("r")
	r := d.m.top().(*ratingsScreen)
	var got, want []string
	for _, i := range r.shown {
		got = append(got, r.rows[i].School.Name)
	}
	for _, rt := range yr.Ratings {
		if rt.Rated() {
			want = append(want, rt.School.Name)
		}
	}
	for _, rt := range yr.Ratings {
		if !rt.Rated() {
			want = append(want, rt.School.Name)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("the table's order\n%q\nwant the ratings' (the not rated last)\n%q", got, want)
	}
}
