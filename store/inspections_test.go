package store_test

import (
	"errors"
	"strings"
	"testing"

	"branchcheck/checklist"
	"branchcheck/store"
)

func TestInspectionLifecycle(t *testing.T) {
	s := mustOpen(t)
	sc := mustSchool(t, s, "城关小学", "城关镇")
	in, err := s.CreateInspection(sc.ID, "李督查", day("2026-11-29"))
	if err != nil {
		t.Fatal(err)
	}
	if in.Status != checklist.Draft || in.StandardID != checklist.DefaultStandardID {
		t.Fatalf("new inspection %+v", in)
	}
	items := checklist.DefaultStandard().ScoredItems()
	for _, it := range items[:len(items)-1] {
		if _, err := s.SetVerdict(in.ID, it.ID, checklist.Met, "李督查"); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.SetNote(in.ID, "3.3", "电教设备已更新", "李督查"); err != nil {
		t.Fatal(err)
	}

	// The finalize gate lists the missing item and changes nothing.
	_, err = s.Finalize(in.ID, "李督查")
	var inc *checklist.IncompleteError
	if !errors.As(err, &inc) || len(inc.Missing) != 1 || inc.Missing[0] != "5.2.8" {
		t.Fatalf("finalize with 5.2.8 unanswered: %v", err)
	}
	if got, _ := s.Inspection(in.ID); got.Status != checklist.Draft {
		t.Fatal("a refused finalize changed the status")
	}
	s.SetVerdict(in.ID, "5.2.8", checklist.PartlyMet, "李督查")
	done, err := s.Finalize(in.ID, "李督查")
	if err != nil {
		t.Fatal(err)
	}
	if done.Status != checklist.Finalized || done.FinalizedAt.IsZero() {
		t.Errorf("after finalize: %+v", done)
	}
	// Locked now.
	if _, err := s.SetVerdict(in.ID, "1.1", checklist.NotMet, "李督查"); !errors.Is(err, checklist.ErrFinalized) {
		t.Errorf("changing a finalized visit: %v", err)
	}
	if err := s.DeleteDraft(in.ID); err == nil {
		t.Error("deleted a finalized visit")
	}
	// Reopen needs a reason, then every change is audited with it.
	if _, err := s.Reopen(in.ID, " ", "王主任"); !errors.Is(err, checklist.ErrReasonRequired) {
		t.Errorf("reopen without reason: %v", err)
	}
	if _, err := s.Reopen(in.ID, "复核:1.1 书记未到位", "王主任"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetVerdict(in.ID, "1.1", checklist.NotMet, "王主任"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetNote(in.ID, "1.1", "书记长期外出", "王主任"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Finalize(in.ID, "王主任"); err != nil {
		t.Fatal(err)
	}
	trail, err := s.AuditTrail(in.ID)
	if err != nil {
		t.Fatal(err)
	}
	type entry struct{ item, field, old, new, by, reason string }
	want := []entry{
		{"", "status", "draft", "finalized", "李督查", ""},
		{"", "status", "finalized", "draft", "王主任", "复核:1.1 书记未到位"},
		{"1.1", "verdict", "met", "not_met", "王主任", "复核:1.1 书记未到位"},
		{"1.1", "note", "", "书记长期外出", "王主任", "复核:1.1 书记未到位"},
		{"", "status", "draft", "finalized", "王主任", "复核:1.1 书记未到位"},
	}
	if len(trail) != len(want) {
		t.Fatalf("audit trail has %d entries, want %d: %+v", len(trail), len(want), trail)
	}
	for i, c := range trail {
		got := entry{c.ItemID, c.Field, c.Old, c.New, c.By, c.Reason}
		if got != want[i] || c.At.IsZero() {
			t.Errorf("entry %d = %+v, want %+v", i, got, want[i])
		}
	}
	// The first walk is not audited: 42 answers, one note, no entries.
	final, _ := s.Inspection(in.ID)
	if final.Answers["1.1"].Verdict != checklist.NotMet || final.Answers["3.3"].Note != "电教设备已更新" {
		t.Errorf("answers %+v", final.Answers)
	}
	if final.Versions[s.ID()] == 0 {
		t.Error("version vector not counted")
	}
}

func TestDeleteDraft(t *testing.T) {
	s := mustOpen(t)
	sc := mustSchool(t, s, "城关小学", "城关镇")
	in, _ := s.CreateInspection(sc.ID, "李", day("2026-11-29"))
	if err := s.DeleteDraft(in.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Inspection(in.ID); !errors.Is(err, checklist.ErrNotFound) {
		t.Errorf("after delete: %v", err)
	}
	if list, _ := s.SchoolInspections(sc.ID); len(list) != 0 {
		t.Errorf("school index still lists %d", len(list))
	}
	if list, _ := s.YearInspections(2026); len(list) != 0 {
		t.Errorf("year index still lists %d", len(list))
	}
	if h, _ := s.Check(); len(h.Problems) != 0 {
		t.Errorf("doctor: %v", h.Problems)
	}
}

func TestCreateInspectionNeedsSchool(t *testing.T) {
	s := mustOpen(t)
	if _, err := s.CreateInspection("nope", "李", day("2026-01-01")); !errors.Is(err, checklist.ErrNotFound) {
		t.Errorf("err = %v", err)
	}
}

func TestSchoolAndYearInspections(t *testing.T) {
	s := mustOpen(t)
	a := mustSchool(t, s, "城关小学", "城关镇")
	b := mustSchool(t, s, "东河中学", "东河乡")
	for _, d := range []string{"2025-06-01", "2026-03-01", "2026-09-01"} {
		s.CreateInspection(a.ID, "李", day(d))
	}
	s.CreateInspection(b.ID, "王", day("2026-05-01"))
	list, err := s.SchoolInspections(a.ID)
	if err != nil || len(list) != 3 {
		t.Fatalf("%d inspections, %v", len(list), err)
	}
	if list[0].Date.String() != "2026-09-01" || list[2].Date.String() != "2025-06-01" {
		t.Errorf("not latest first: %v %v", list[0].Date, list[2].Date)
	}
	if y, _ := s.YearInspections(2026); len(y) != 3 {
		t.Errorf("2026 has %d inspections, want 3", len(y))
	}
	if y, _ := s.YearInspections(2024); len(y) != 0 {
		t.Errorf("2024 has %d", len(y))
	}
}

func TestRateYearFromStore(t *testing.T) {
	s := mustOpen(t)
	a := mustSchool(t, s, "城关小学", "城关镇")
	mustSchool(t, s, "东河中学", "东河乡")
	in, _ := s.CreateInspection(a.ID, "李", day("2026-04-01"))
	for _, it := range checklist.DefaultStandard().ScoredItems() {
		s.SetVerdict(in.ID, it.ID, checklist.Met, "李")
	}
	s.Finalize(in.ID, "李")
	yr, err := s.RateYear(2026)
	if err != nil {
		t.Fatal(err)
	}
	rated, unrated, _ := yr.Counts()
	if rated != 1 || unrated != 1 {
		t.Errorf("rated %d, not rated %d", rated, unrated)
	}
}

func TestStandards(t *testing.T) {
	s := mustOpen(t)
	if std, err := s.StandardForYear(2027); err != nil || std.ID != checklist.DefaultStandardID {
		t.Fatalf("default for 2027: %v %v", std, err)
	}
	strict := checklist.DefaultStandard()
	strict.ID, strict.Year = "county-2027", 2027
	strict.Stars.Levels[0].MinPoints = 95
	if err := s.InstallStandard(strict); err != nil {
		t.Fatal(err)
	}
	if err := s.InstallStandard(strict); err != nil {
		t.Errorf("installing the same standard again: %v", err)
	}
	if std, _ := s.StandardForYear(2027); std.ID != "county-2027" {
		t.Errorf("2027 uses %s", std.ID)
	}
	if std, _ := s.StandardForYear(2026); std.ID != checklist.DefaultStandardID {
		t.Errorf("2026 uses %s", std.ID)
	}
	hijack := checklist.DefaultStandard()
	hijack.Title = "改过的"
	if err := s.InstallStandard(hijack); !errors.Is(err, checklist.ErrInvalid) {
		t.Errorf("changing the shipped standard under its id: %v", err)
	}
	// A 2027 visit is made under the 2027 standard and keeps it.
	sc := mustSchool(t, s, "城关小学", "城关镇")
	in, _ := s.CreateInspection(sc.ID, "李", day("2027-03-01"))
	if in.StandardID != "county-2027" {
		t.Errorf("visit made under %s", in.StandardID)
	}
	// Now the id is used, and permanent.
	changed := checklist.DefaultStandard()
	changed.ID, changed.Year = "county-2027", 2027
	if err := s.InstallStandard(changed); !errors.Is(err, checklist.ErrInvalid) {
		t.Errorf("a different standard under a used id: %v", err)
	}
	if std, _ := s.Standard("county-2027"); std.Stars.Levels[0].MinPoints != 95 {
		t.Errorf("the used standard changed: %+v", std.Stars)
	}
	all, _ := s.Standards()
	if all["county-2027"] == nil || all[checklist.DefaultStandardID] == nil {
		t.Errorf("standards %v", all)
	}
}

// A standard no inspection uses yet can be corrected under its id: the
// corrected one replaces it, its year included. Once a visit uses it, it
// cannot change, and the refusal says so in both languages.
func TestInstallStandardReplacesUnused(t *testing.T) {
	s := mustOpen(t)
	first := checklist.DefaultStandard()
	first.ID, first.Year, first.Title = "county-2027", 2026, "县标准(年度写错)"
	if err := s.InstallStandard(first); err != nil {
		t.Fatal(err)
	}
	if std, _ := s.StandardForYear(2026); std.Title != first.Title {
		t.Fatalf("2026 uses %s", std.Title)
	}
	fixed := checklist.DefaultStandard()
	fixed.ID, fixed.Year, fixed.Title = "county-2027", 2027, "县标准"
	if err := s.InstallStandard(fixed); err != nil {
		t.Fatalf("correcting an unused standard: %v", err)
	}
	if std, _ := s.Standard("county-2027"); std.Title != "县标准" || std.Year != 2027 {
		t.Errorf("the standard is %s (%d), want the corrected one", std.Title, std.Year)
	}
	if std, _ := s.StandardForYear(2027); std.Title != "县标准" {
		t.Errorf("2027 uses %s", std.Title)
	}
	if std, _ := s.StandardForYear(2026); std.ID != checklist.DefaultStandardID {
		t.Errorf("2026 still uses %s, the year the first one was installed for by mistake", std.ID)
	}
	sc := mustSchool(t, s, "城关小学", "城关镇")
	if _, err := s.CreateInspection(sc.ID, "李", day("2027-03-01")); err != nil {
		t.Fatal(err)
	}
	again := checklist.DefaultStandard()
	again.ID, again.Year, again.Title = "county-2027", 2027, "县标准(又改)"
	err := s.InstallStandard(again)
	var ce *checklist.Error
	if !errors.As(err, &ce) || !errors.Is(err, checklist.ErrInvalid) {
		t.Fatalf("a used standard changed: %v", err)
	}
	if got, want := err.Error(), "install standard county-2027: county-2027 is the standard of 1 inspection, so it cannot change; give the changed standard a new id"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if std, _ := s.Standard("county-2027"); std.Title != "县标准" {
		t.Errorf("the used standard is now %s", std.Title)
	}
}

func TestImportSchools(t *testing.T) {
	s := mustOpen(t)
	list := []checklist.School{
		{Name: "城关小学", Township: "城关镇", Kind: "小学", Secretary: "张三"},
		{Name: "城关中学", Township: "城关镇", Kind: "初中"},
		{Name: "城关小学", Township: "东河乡", Kind: "小学"}, // same name, other township: another school
	}
	sum, err := s.ImportSchools(list)
	if err != nil || sum != (store.ImportSummary{Added: 3}) {
		t.Fatalf("first import: %+v %v", sum, err)
	}
	sum, err = s.ImportSchools(list)
	if err != nil || sum != (store.ImportSummary{Unchanged: 3}) {
		t.Errorf("same list again: %+v %v", sum, err)
	}
	list[1].Secretary = "李四"
	list[0].Secretary = "" // empty keeps what is there
	sum, _ = s.ImportSchools(list)
	if sum != (store.ImportSummary{Updated: 1, Unchanged: 2}) {
		t.Errorf("after a change: %+v", sum)
	}
	schools, _ := s.Schools()
	if len(schools) != 3 || schools[0].Secretary != "张三" || schools[1].Secretary != "李四" {
		t.Errorf("schools %+v", schools)
	}
	// A bad school anywhere imports nothing.
	bad := []checklist.School{{Name: "新学校", Township: "西山镇"}, {Name: " ", Township: "西山镇"}}
	if _, err := s.ImportSchools(bad); !errors.Is(err, checklist.ErrInvalid) {
		t.Errorf("bad import: %v", err)
	}
	if schools, _ := s.Schools(); len(schools) != 3 {
		t.Errorf("a failed import left %d schools", len(schools))
	}
	if _, err := s.AddSchool(checklist.School{Name: "城关中学", Township: "城关镇"}); !errors.Is(err, checklist.ErrInvalid) {
		t.Errorf("adding a school twice: %v", err)
	}
	found, _ := s.FindSchools("城关")
	if len(found) != 3 {
		t.Errorf("FindSchools(城关) = %d", len(found))
	}
	found, _ = s.FindSchools("城关中学")
	if len(found) != 1 {
		t.Errorf("FindSchools(城关中学) = %d", len(found))
	}
}

func TestSettings(t *testing.T) {
	s := mustOpen(t)
	if v, _ := s.Setting(store.SettingInspector); v != "" {
		t.Errorf("unset setting = %q", v)
	}
	s.SetSetting(store.SettingInspector, "李督查")
	if v, _ := s.Setting(store.SettingInspector); v != "李督查" {
		t.Errorf("setting = %q", v)
	}
}

// TestInstallStandardUnderAShippedID: a bureau's file under the id of a
// standard this program ships, or shipped before, is refused: it would be
// printed as the program's defaults.
func TestInstallStandardUnderAShippedID(t *testing.T) {
	s := mustOpen(t)
	for _, id := range checklist.ShippedStandardIDs {
		std := checklist.DefaultStandard()
		std.ID, std.Title = id, "县里自己的标准"
		err := s.InstallStandard(std)
		if !errors.Is(err, checklist.ErrInvalid) || !strings.Contains(err.Error(), "belongs to the shipped standard") {
			t.Errorf("%s: %v", id, err)
		}
	}
	if err := s.InstallStandard(checklist.DefaultStandard()); err != nil {
		t.Errorf("the shipped standard itself: %v", err)
	}
}
