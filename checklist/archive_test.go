package checklist_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"branchcheck/checklist"
)

// TestArchivedSchoolsInRatings: a school archived in a year is in the
// ratings of the years before, rated or not; in its year and after only
// when it was rated that year.
func TestArchivedSchoolsInRatings(t *testing.T) {
	std := checklist.DefaultStandard()
	stds := map[string]*checklist.Standard{std.ID: std}
	on := checklist.Date{Year: 2027, Month: time.March, Day: 1}
	schools := []checklist.School{
		{ID: "open", Name: "城关小学"},
		{ID: "rated", Name: "东河中学", Archived: on},
		{ID: "unrated", Name: "西山小学", Archived: on},
	}
	visits := []*checklist.Inspection{
		visit("r26", "rated", std, "2026-05-01", checklist.Finalized, answersAll(std, checklist.Met)),
		visit("r27", "rated", std, "2027-02-01", checklist.Finalized, answersAll(std, checklist.Met)),
	}
	for _, tt := range []struct {
		year int
		want []string
	}{
		{2026, []string{"open", "rated", "unrated"}},
		{2027, []string{"open", "rated"}},
		{2028, []string{"open"}},
	} {
		yr, err := checklist.RateYear(tt.year, schools, visits, stds)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for _, r := range yr.Ratings {
			got[r.School.ID] = true
		}
		if len(got) != len(tt.want) {
			t.Errorf("%d: %v, want %v", tt.year, got, tt.want)
		}
		for _, id := range tt.want {
			if !got[id] {
				t.Errorf("%d: %s missing", tt.year, id)
			}
		}
	}
	for _, tt := range []struct {
		s    checklist.School
		year int
		want bool
	}{
		{schools[0], 2030, true}, {schools[2], 2026, true}, {schools[2], 2027, false}, {schools[2], 2028, false},
	} {
		if got := tt.s.ListedIn(tt.year); got != tt.want {
			t.Errorf("%s archived %v, listed in %d: %v", tt.s.ID, tt.s.Archived, tt.year, got)
		}
	}
}

// TestArchiveDayValidatedAndMerged: a school's archive day must be a
// date; it travels in JSON (left out when not archived) and counts among
// the fields a merge compares, so an archive is a change like any other.
func TestArchiveDayValidatedAndMerged(t *testing.T) {
	bad := checklist.School{ID: "a", Name: "城关小学", Archived: checklist.Date{Year: 2027, Month: 2, Day: 30}}
	if err := bad.Validate(); !errors.Is(err, checklist.ErrInvalid) {
		t.Errorf("Feb 30: %v", err)
	}
	on := checklist.Date{Year: 2027, Month: 3, Day: 1}
	sc := checklist.School{ID: "a", Name: "城关小学", Archived: on}
	if err := sc.Validate(); err != nil {
		t.Fatal(err)
	}
	j, _ := json.Marshal(sc)
	var back checklist.School
	if err := json.Unmarshal(j, &back); err != nil || back.Archived != on {
		t.Errorf("JSON %s read back as %v, %v", j, back.Archived, err)
	}
	if j, _ := json.Marshal(checklist.School{ID: "b", Name: "x"}); string(j) != `{"id":"b","name":"x","created_at":"0001-01-01T00:00:00Z","updated_at":"0001-01-01T00:00:00Z"}` {
		t.Errorf("not archived: %s", j)
	}

	t0 := time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)
	open := checklist.School{ID: "a", Name: "城关小学", UpdatedAt: t0, Versions: map[string]uint64{"x": 1}}
	archived := open
	archived.Archived = on
	archived.Versions = map[string]uint64{"x": 1, "y": 1}
	archived.UpdatedAt = t0.Add(time.Hour)
	if open.SameFields(&archived) {
		t.Error("archiving changes no field")
	}
	for _, pair := range [][2]checklist.School{{open, archived}, {archived, open}} {
		got, m := checklist.MergeSchools(pair[0], pair[1])
		if got.Archived != on || m.Conflict {
			t.Errorf("merged %v, conflict %v", got.Archived, m.Conflict)
		}
	}
	// Unarchived elsewhere later, concurrently: the later change wins.
	back = open
	back.Versions = map[string]uint64{"x": 1, "z": 1}
	back.UpdatedAt = t0.Add(2 * time.Hour)
	got, m := checklist.MergeSchools(archived, back)
	if got.IsArchived() || !m.Conflict {
		t.Errorf("merged %v, conflict %v", got.Archived, m.Conflict)
	}
}

func TestDateValid(t *testing.T) {
	for _, tt := range []struct {
		d    checklist.Date
		want bool
	}{
		{checklist.Date{Year: 2024, Month: 2, Day: 29}, true},
		{checklist.Date{Year: 2026, Month: 2, Day: 29}, false},
		{checklist.Date{Year: 2026, Month: 13, Day: 1}, false},
		{checklist.Date{Year: 2026, Month: 4, Day: 0}, false},
		{checklist.Date{}, false},
	} {
		if got := tt.d.Valid(); got != tt.want {
			t.Errorf("%+v: %v", tt.d, got)
		}
	}
}
