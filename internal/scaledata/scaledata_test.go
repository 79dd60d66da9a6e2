package scaledata_test

import (
	"path/filepath"
	"testing"
	"time"

	"branchcheck/checklist"
	"branchcheck/internal/scaledata"
	"branchcheck/store"
)

// TestFill fills a small database and reads it back through the read
// models: every school, the drafts and the unvisited where the scale
// puts them, every visit within its years and none after Until.
func TestFill(t *testing.T) {
	s, err := store.Open(filepath.Join(t.TempDir(), "scale.db"), store.Options{NoDailyBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	until := checklist.Date{Year: 2026, Month: time.March, Day: 14}
	sc := scaledata.Scale{Schools: 60, Townships: 4, Years: 2, VisitsPerYear: 3, Until: until}
	if err := scaledata.Fill(s, sc); err != nil {
		t.Fatal(err)
	}
	ov, err := s.SchoolsOverview(2026)
	if err != nil {
		t.Fatal(err)
	}
	if len(ov.Schools) != 60 {
		t.Fatalf("%d schools, want 60", len(ov.Schools))
	}
	visits, drafts, unvisited := 0, 0, 0
	for _, o := range ov.Schools {
		if o.HasDraft() {
			drafts++
		}
		if o.LastVisit.Year != 2026 {
			unvisited++
		}
		if o.LastVisit.Compare(until) > 0 {
			t.Errorf("%s visited on %s, after %s", o.School.Name, o.LastVisit, until)
		}
		sv, err := s.SchoolVisits(o.School.ID)
		if err != nil {
			t.Fatal(err)
		}
		visits += len(sv.Visits)
		for _, v := range sv.Visits {
			if v.Visit.Date.Year < 2025 || v.Visit.Date.Compare(until) > 0 {
				t.Errorf("a visit on %s", v.Visit.Date)
			}
			if v.Visit.Status == checklist.Finalized && v.Score.Answered != 42 {
				t.Errorf("a finalized visit with %d answers", v.Score.Answered)
			}
		}
	}
	// Schools 7, 27 and 47 have a draft; 29 and 59 no visit this year.
	if drafts != 3 || unvisited != 2 || visits != sc.Visits() || visits != 60*3+58*3 {
		t.Errorf("%d drafts, %d unvisited, %d visits (Visits says %d)", drafts, unvisited, visits, sc.Visits())
	}
}
