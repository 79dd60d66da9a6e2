package store_test

import (
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"branchcheck/checklist"
	"branchcheck/internal/scaledata"
	"branchcheck/store"
)

// filledStore is a store holding two years of 600 schools' visits, each
// with findings and rectifications (internal/scaledata): the ledger in
// three parts.
func filledStore(t *testing.T) *store.Store {
	t.Helper()
	until := checklist.Date{Year: 2026, Month: 11, Day: 20}
	s, err := store.Open(filepath.Join(t.TempDir(), "bc.db"), store.Options{
		Now: func() time.Time { return time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC) }, NoDailyBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := scaledata.Fill(s, scaledata.Scale{Schools: 600, Townships: 5, Years: 2, VisitsPerYear: 2, Until: until}); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestRateYearFindings: the ratings in brief are RateYear's, school by
// school in the same order with the same scores, each visit keeping only
// the answers that need fixing, notes included.
func TestRateYearFindings(t *testing.T) {
	s := filledStore(t)
	for _, year := range []int{2025, 2026, 2027} {
		whole, err := s.RateYear(year)
		if err != nil {
			t.Fatal(err)
		}
		brief, err := s.RateYearFindings(year)
		if err != nil {
			t.Fatal(err)
		}
		if len(brief.Ratings) != len(whole.Ratings) || !reflect.DeepEqual(brief.Standards, whole.Standards) {
			t.Fatalf("%d: %d ratings, want %d", year, len(brief.Ratings), len(whole.Ratings))
		}
		findings := 0
		for i := range whole.Ratings {
			w, b := &whole.Ratings[i], &brief.Ratings[i]
			if w.School.ID != b.School.ID || !reflect.DeepEqual(w.Score, b.Score) || w.Rated() != b.Rated() {
				t.Fatalf("%d, rating %d: %s %+v, want %s %+v", year, i, b.School.Name, b.Score, w.School.Name, w.Score)
			}
			if !w.Rated() {
				continue
			}
			if b.Visit.ID != w.Visit.ID || b.Visit.Date != w.Visit.Date || b.Visit.Inspector != w.Visit.Inspector {
				t.Errorf("%d, %s: visit %+v, want %+v", year, w.School.Name, b.Visit, w.Visit)
			}
			for id, a := range w.Visit.Answers {
				got, kept := b.Visit.Answers[id]
				switch {
				case a.Verdict.NeedsFixing() && (!kept || got.Verdict != a.Verdict || got.Note != a.Note):
					t.Errorf("%d, %s, item %s: %+v, want %+v", year, w.School.Name, id, got, a)
				case !a.Verdict.NeedsFixing() && kept:
					t.Errorf("%d, %s, item %s: kept, though %s", year, w.School.Name, id, a.Verdict)
				}
				if kept {
					findings++
				}
			}
		}
		if year == 2026 && findings == 0 {
			t.Errorf("%d: no finding kept", year)
		}
	}
}

// TestRectLedgerInParts: the parts, one after the other, list what
// RectLedger lists, in its order; the ledger in brief has its counts and
// each school's.
func TestRectLedgerInParts(t *testing.T) {
	s := filledStore(t)
	for _, f := range []checklist.RectFilter{
		{View: checklist.ViewAll, Year: 2026},
		{View: checklist.ViewAll, Year: 2026, Township: "第1乡镇"},
		{Year: 2025},
	} {
		want, err := s.RectLedger(f)
		if err != nil {
			t.Fatal(err)
		}
		var wantIDs, gotIDs []string
		want.Each(func(sr *checklist.SchoolRectifications, e *checklist.RectEntry) bool {
			wantIDs = append(wantIDs, sr.School.ID+" "+e.ID)
			return true
		})
		parts := 0
		brief, err := s.RectLedgerInParts(f, func(part *checklist.RectLedger) error {
			parts++
			part.Each(func(sr *checklist.SchoolRectifications, e *checklist.RectEntry) bool {
				gotIDs = append(gotIDs, sr.School.ID+" "+e.ID)
				if e.Finding == "" || e.Item == nil {
					t.Errorf("rectification %s not read whole: %+v", e.ID, e)
				}
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(wantIDs) == 0 || !reflect.DeepEqual(gotIDs, wantIDs) {
			t.Errorf("%+v: the parts list %d rectifications, RectLedger %d (or in another order)", f, len(gotIDs), len(wantIDs))
		}
		if f.Township == "" && parts < 3 {
			t.Errorf("%+v: %d parts", f, parts)
		}
		if brief.Counts != want.Counts || !reflect.DeepEqual(brief.CountsBySchool(), want.CountsBySchool()) || brief.Today != want.Today || brief.Filter != want.Filter {
			t.Errorf("%+v: in brief %+v, want %+v", f, brief.Counts, want.Counts)
		}
		if brief.Len() != 0 {
			t.Errorf("%+v: the ledger in brief lists %d rectifications", f, brief.Len())
		}
	}
}
