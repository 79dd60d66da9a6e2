package store_test

import (
	"reflect"
	"slices"
	"testing"

	"branchcheck/checklist"
	"branchcheck/store"
)

// TestRateYearTable: the ratings read from the summaries are
// RateYearFindings' in all that the formats other than the workbook print:
// the same schools in the same order (an archived school rated in its
// year included), the same scores, standards (two in a year, in the same
// order), veto records and visit headers.
func TestRateYearTable(t *testing.T) {
	c := &setClock{}
	c.set("2027-06-01 09:00:00")
	s := openWithClock(t, c)
	a := mustSchool(t, s, "城关小学", "城关镇")
	b := mustSchool(t, s, "东河小学", "东河乡")
	w := mustSchool(t, s, "安乐小学", "安乐镇")     // first in the list, its standard not first in use
	gone := mustSchool(t, s, "北山小学", "北山镇")  // archived in 2027, rated in 2027
	never := mustSchool(t, s, "南河小学", "南河镇") // never visited
	left := mustSchool(t, s, "东河中学", "东河乡")  // archived in 2027, rated in 2026 only
	visitWith(t, s, a.ID, "2026-04-01", mix(1), false)
	visitWith(t, s, left.ID, "2026-04-02", mix(2), false)
	visitWith(t, s, w.ID, "2027-03-01", mix(3), false)
	visitWith(t, s, gone.ID, "2027-03-02", mix(4), false)
	std := countyStandard(t)
	if err := s.InstallStandard(std); err != nil {
		t.Fatal(err)
	}
	walkEntries(t, s, b.ID, "2027-05-10", std, nil)
	walkEntries(t, s, a.ID, "2027-05-11", std, map[string]entry{"1.2": {v: checklist.NotMet}, "2.2": {x: 3, n: true}, "3.1": {v: checklist.PartlyMet}, "B.1": {x: 1, n: true}})
	for _, v := range []struct {
		school    string
		situation string
	}{{b.ID, "weak"}, {never.ID, "discipline"}} {
		if _, err := s.RecordVeto(v.school, 2027, v.situation, "县纪委通报", "王主任"); err != nil {
			t.Fatal(err)
		}
	}
	for _, id := range []string{gone.ID, left.ID} {
		if _, err := s.ArchiveSchool(id); err != nil {
			t.Fatal(err)
		}
	}
	compareTable(t, s, 2026, 2027, 2028)
	compareTable(t, filledStore(t), 2025, 2026, 2027)
}

// compareTable compares RateYearTable with RateYearFindings for each year,
// and checks that it reads the year in one read transaction: the veto
// records it attaches are those its ratings were capped by, not read a
// second time.
func compareTable(t *testing.T, s *store.Store, years ...int) {
	t.Helper()
	for _, year := range years {
		want, err := s.RateYearFindings(year)
		if err != nil {
			t.Fatal(err)
		}
		before := store.ReadTransactions(s)
		got, err := s.RateYearTable(year)
		if err != nil {
			t.Fatal(err)
		}
		if n := store.ReadTransactions(s) - before; n != 1 {
			t.Errorf("%d: RateYearTable started %d read transactions, want 1", year, n)
		}
		if len(got.Ratings) != len(want.Ratings) || !reflect.DeepEqual(got.Standards, want.Standards) {
			t.Fatalf("%d: %d ratings under %d standards, want %d under %d", year, len(got.Ratings), len(got.Standards), len(want.Ratings), len(want.Standards))
		}
		for i := range want.Ratings {
			g, w := &got.Ratings[i], &want.Ratings[i]
			if listed(g.School) != listed(w.School) || !reflect.DeepEqual(g.Score, w.Score) || g.Standard != w.Standard || !reflect.DeepEqual(g.Vetoes, w.Vetoes) {
				t.Errorf("%d, rating %d: %s %+v %v, want %s %+v %v", year, i, g.School.Name, g.Score, g.Vetoes, w.School.Name, w.Score, w.Vetoes)
				continue
			}
			if !w.Rated() {
				continue
			}
			gv, wv := g.Visit, w.Visit
			if gv.ID != wv.ID || gv.SchoolID != wv.SchoolID || gv.StandardID != wv.StandardID || gv.Inspector != wv.Inspector ||
				gv.Date != wv.Date || gv.Status != wv.Status || !gv.FinalizedAt.Equal(wv.FinalizedAt) {
				t.Errorf("%d, %s: visit %+v, want %+v", year, w.School.Name, gv, wv)
			}
		}
	}
}

// listed is a school's fields the school list keeps (and the ratings
// print): not its versions, times or aliases.
func listed(sc checklist.School) [7]string {
	return [7]string{sc.ID, sc.Name, sc.Township, sc.Kind, sc.Secretary, sc.Contact, sc.Archived.String()}
}

// TestRectCounts: the counts of the schools given are RectLedgerInParts'
// in brief, the whole of it when given every school in the ledger's
// order, each school's whatever their order.
func TestRectCounts(t *testing.T) {
	s := filledStore(t)
	schools, err := s.Schools()
	if err != nil {
		t.Fatal(err)
	}
	checklist.SortSchools(schools)
	reversed := slices.Clone(schools)
	slices.Reverse(reversed)
	for _, f := range []checklist.RectFilter{
		{View: checklist.ViewAll, Year: 2026},
		{View: checklist.ViewAll, Year: 2025, Township: "第1乡镇"},
		{View: checklist.ViewAll, Year: 2026, SchoolID: schools[7].ID},
		{View: checklist.ViewOverdue, Year: 2026},
		{Year: 2025},
	} {
		want, err := s.RectLedgerInParts(f, nil)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.RectCounts(f, schools)
		if err != nil {
			t.Fatal(err)
		}
		if want.Counts.Total() == 0 || !reflect.DeepEqual(got, want) {
			t.Errorf("%+v: %+v, want %+v", f, got.Counts, want.Counts)
		}
		if got, err = s.RectCounts(f, reversed); err != nil || !reflect.DeepEqual(got.CountsBySchool(), want.CountsBySchool()) || got.Counts != want.Counts {
			t.Errorf("%+v, the schools in another order: %+v (%v), want %+v", f, got.Counts, err, want.Counts)
		}
	}
}
