package store_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"branchcheck/bundle"
	"branchcheck/checklist"
	"branchcheck/store"
)

// said is an error in Chinese and in English.
func said(err error) (zh, en string) {
	var e *checklist.Error
	if !errors.As(err, &e) {
		return "", err.Error()
	}
	return e.Say(true, func(err error) string { return err.Error() }), err.Error()
}

// wantSaid fails unless err is of kind and says zh in Chinese and en in
// English.
func wantSaid(t *testing.T, what string, err, kind error, zh, en string) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s: no error", what)
	}
	if kind != nil && !errors.Is(err, kind) {
		t.Errorf("%s: %v is not %v", what, err, kind)
	}
	gotZH, gotEN := said(err)
	if !strings.Contains(gotZH, zh) || !strings.Contains(gotEN, en) {
		t.Errorf("%s:\n zh %q, want %q\n en %q, want %q", what, gotZH, zh, gotEN, en)
	}
}

func mustClean(t *testing.T, s *store.Store) {
	t.Helper()
	h, err := s.Check()
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Problems) > 0 {
		t.Errorf("doctor: %v", h.Problems)
	}
}

// TestEditSchool: every field changes, 联系电话 included; the name index
// and the schools list follow; the change is counted in the version
// vector at a later change time; nothing changed saves nothing; a rename
// onto another school, bad text and an unknown id are refused in both
// languages.
func TestEditSchool(t *testing.T) {
	s := mustOpen(t)
	sc := mustSchool(t, s, "城关小学", "城关镇")
	other := mustSchool(t, s, "东河中学", "东河乡")
	edited, err := s.EditSchool(checklist.School{ID: sc.ID, Name: "城关第一小学", Township: "城关镇", Kind: "完全小学", Secretary: "王书记", Contact: " 0371-1234567 "})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := s.School(sc.ID)
	if got.Name != "城关第一小学" || got.Kind != "完全小学" || got.Secretary != "王书记" || got.Contact != "0371-1234567" {
		t.Errorf("saved %+v", got)
	}
	if got.Versions[s.ID()] != sc.Versions[s.ID()]+1 || !got.UpdatedAt.After(sc.UpdatedAt) || !got.CreatedAt.Equal(sc.CreatedAt) {
		t.Errorf("versions %v at %v, before %v at %v", got.Versions, got.UpdatedAt, sc.Versions, sc.UpdatedAt)
	}
	if edited.Name != got.Name || edited.Versions[s.ID()] != got.Versions[s.ID()] {
		t.Errorf("returned %+v, saved %+v", edited, got)
	}
	if o := overviewByID(t, s, 2026)[sc.ID]; o.School.Name != "城关第一小学" {
		t.Errorf("the list shows %q", o.School.Name)
	}
	// The old name is free again, the new one taken.
	mustSchool(t, s, "城关小学", "城关镇")
	_, err = s.AddSchool(checklist.School{Name: "城关第一小学", Township: "城关镇"})
	wantSaid(t, "add under the new name", err, checklist.ErrInvalid, "城关第一小学（城关镇）已在学校名单中", "城关第一小学 (城关镇) is already in the list")
	mustClean(t, s)

	again, err := s.EditSchool(got)
	if err != nil || again.Versions[s.ID()] != got.Versions[s.ID()] || !again.UpdatedAt.Equal(got.UpdatedAt) {
		t.Errorf("an edit that changes nothing: %v, %+v", err, again)
	}

	_, err = s.EditSchool(checklist.School{ID: sc.ID, Name: "东河中学", Township: "东河乡"})
	wantSaid(t, "rename onto another school", err, checklist.ErrInvalid, "东河中学（东河乡）已在学校名单中", "东河中学 (东河乡) is already in the list")
	_, err = s.EditSchool(checklist.School{ID: sc.ID, Name: "东河 中学", Township: "东河乡"}) // matched as the roster matches names
	wantSaid(t, "rename onto another school, spaced", err, checklist.ErrInvalid, "已在学校名单中", "already in the list")
	_, err = s.EditSchool(checklist.School{ID: sc.ID, Name: "城关第一小学", Township: "城关镇", Contact: "138\x1b[31m"})
	wantSaid(t, "a control character", err, checklist.ErrInvalid, "联系电话含有控制字符", "contact holds the control character")
	_, err = s.EditSchool(checklist.School{ID: sc.ID, Name: "  ", Township: "城关镇"})
	wantSaid(t, "no name", err, checklist.ErrInvalid, "学校名称不能为空", "a school needs a name")
	_, err = s.EditSchool(checklist.School{ID: "nope", Name: "某校"})
	wantSaid(t, "unknown id", err, checklist.ErrNotFound, "没有编号为 nope 的学校", "no school with id nope")
	if o, _ := s.School(other.ID); o.Name != "东河中学" {
		t.Errorf("the other school became %q", o.Name)
	}
	if now, _ := s.School(sc.ID); now.Versions[s.ID()] != got.Versions[s.ID()] {
		t.Error("a refused edit was counted")
	}
	mustClean(t, s)
}

// TestDeleteSchool: a school without visits goes, with its name; one
// with visits stays and the refusal says to archive it.
func TestDeleteSchool(t *testing.T) {
	s := mustOpen(t)
	empty := mustSchool(t, s, "西山小学", "西山镇")
	visited := mustSchool(t, s, "城关小学", "城关镇")
	visitWith(t, s, visited.ID, "2026-05-01", allOf(checklist.Met), false)
	if err := s.DeleteSchool(empty.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.School(empty.ID); !errors.Is(err, checklist.ErrNotFound) {
		t.Errorf("after delete: %v", err)
	}
	mustSchool(t, s, "西山小学", "西山镇") // its name is free again
	err := s.DeleteSchool(visited.ID)
	wantSaid(t, "a school with visits", err, checklist.ErrInvalid, "城关小学 有 1 次检查记录，不能删除；不再检查的学校可以归档", "has 1 visit and cannot be deleted")
	wantSaid(t, "unknown id", s.DeleteSchool("nope"), checklist.ErrNotFound, "没有编号为 nope 的学校", "no school with id nope")
	mustClean(t, s)
}

// TestArchiveSchool: an archived school leaves the schools list and new
// work, keeps its visits and its ratings of the years before (a school
// archived in 2027 is in 2026's ratings, rated or not, and in 2027's only
// if rated that year); a school with a draft is not archived; unarchiving
// brings it back. Each is a counted change.
func TestArchiveSchool(t *testing.T) {
	c := &setClock{}
	c.set("2026-11-29 09:00:00")
	s := openWithClock(t, c)
	rated := mustSchool(t, s, "城关小学", "城关镇")
	never := mustSchool(t, s, "西山小学", "西山镇")
	drafting := mustSchool(t, s, "东河中学", "东河乡")
	visitWith(t, s, rated.ID, "2026-05-01", allOf(checklist.Met), false)
	draft := visitWith(t, s, drafting.ID, "2026-11-01", allOf(checklist.Met), true)

	c.set("2027-03-01 09:00:00")
	late := visitWith(t, s, rated.ID, "2027-02-20", allOf(checklist.PartlyMet), false)
	for _, id := range []string{rated.ID, never.ID} {
		sc, err := s.ArchiveSchool(id)
		if err != nil {
			t.Fatal(err)
		}
		if sc.Archived != day("2027-03-01") || sc.Versions[s.ID()] < 2 {
			t.Errorf("archived %+v", sc)
		}
	}
	_, err := s.ArchiveSchool(drafting.ID)
	wantSaid(t, "a school with a draft", err, checklist.ErrInvalid, "还有 1 份未定稿的检查（草稿）", "has 1 draft visit left to finalize or delete")
	if again, err := s.ArchiveSchool(never.ID); err != nil || again.Archived != day("2027-03-01") {
		t.Errorf("archived again: %+v, %v", again, err)
	}

	ov, err := s.SchoolsOverview(2027)
	if err != nil {
		t.Fatal(err)
	}
	if len(ov.Schools) != 1 || ov.Schools[0].School.ID != drafting.ID || ov.Archived != 2 {
		t.Errorf("2027's list: %d schools, %d archived", len(ov.Schools), ov.Archived)
	}
	if got := ratingsOf(t, s, 2026); len(got) != 3 || got["城关小学"] == "未评定" || got["西山小学"] != "未评定" {
		t.Errorf("2026's ratings: %v", got)
	}
	if got := ratingsOf(t, s, 2027); len(got) != 2 || !strings.HasPrefix(got["城关小学"], late.ID) || got["东河中学"] != "未评定" {
		t.Errorf("2027's ratings: %v", got)
	}
	if visits, _ := s.SchoolVisits(rated.ID); len(visits.Visits) != 2 {
		t.Errorf("its visits: %d", len(visits.Visits))
	}
	_, err = s.CreateInspection(rated.ID, "李督查", day("2027-03-01"))
	wantSaid(t, "a visit to an archived school", err, checklist.ErrInvalid, "学校 城关小学 已于 2027-03-01 归档，不能开始新的检查", "was archived on 2027-03-01")
	_, err = s.AddSchool(checklist.School{Name: "西山小学", Township: "西山镇"})
	wantSaid(t, "add an archived school's name", err, checklist.ErrInvalid, "西山小学（西山镇）已在学校名单中（已于 2027-03-01 归档）", "archived on 2027-03-01")

	back, err := s.UnarchiveSchool(never.ID)
	if err != nil || back.IsArchived() {
		t.Fatalf("unarchived: %+v, %v", back, err)
	}
	if o := overviewByID(t, s, 2027); o[never.ID].School.ID != never.ID {
		t.Error("unarchived, still not in the list")
	}
	if _, err := s.CreateInspection(never.ID, "李督查", day("2027-03-01")); err != nil {
		t.Errorf("a visit once unarchived: %v", err)
	}
	if err := s.DeleteDraft(draft.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ArchiveSchool(drafting.ID); err != nil {
		t.Errorf("archived once the draft is gone: %v", err)
	}
	mustClean(t, s)
}

// TestArchiveMerges: archiving travels in a bundle, survives a round trip
// into a new database, and merges as an edit: against a concurrent edit
// the later change wins, in either order, and both databases end alike.
func TestArchiveMerges(t *testing.T) {
	ca, cb := &setClock{}, &setClock{}
	ca.set("2027-03-01 09:00:00")
	cb.set("2027-03-01 09:00:00")
	a, b := openWithClock(t, ca), openWithClock(t, cb)
	sc := mustSchool(t, a, "城关小学", "城关镇")
	visitWith(t, a, sc.ID, "2027-02-01", allOf(checklist.Met), false)
	importBundle(t, b, export(t, a, bundle.Filter{}), false)

	ca.set("2027-03-02 09:00:00")
	if _, err := a.ArchiveSchool(sc.ID); err != nil {
		t.Fatal(err)
	}
	fresh := openWithClock(t, &setClock{})
	importBundle(t, fresh, export(t, a, bundle.Filter{}), false)
	if got, _ := fresh.School(sc.ID); got.Archived != day("2027-03-02") {
		t.Errorf("after a round trip: archived %v", got.Archived)
	}

	// b edits the school later, on its own: its edit wins, and the
	// archive is lost with the copy (listed as a conflict).
	cb.set("2027-03-03 09:00:00")
	if _, err := b.EditSchool(checklist.School{ID: sc.ID, Name: "城关小学", Township: "城关镇", Contact: "12345"}); err != nil {
		t.Fatal(err)
	}
	fromA, fromB := export(t, a, bundle.Filter{}), export(t, b, bundle.Filter{})
	sa, sb := importBundle(t, a, fromB, false), importBundle(t, b, fromA, false)
	if sa.ConflictCount != 1 || sb.ConflictCount != 1 {
		t.Errorf("conflicts %d and %d", sa.ConflictCount, sb.ConflictCount)
	}
	if content(t, a) != content(t, b) {
		t.Error("a and b differ")
	}
	if got, _ := a.School(sc.ID); got.IsArchived() || got.Contact != "12345" {
		t.Errorf("kept %+v", got)
	}
	// Archived again later: that wins everywhere.
	ca.set("2027-03-04 09:00:00")
	if _, err := a.ArchiveSchool(sc.ID); err != nil {
		t.Fatal(err)
	}
	importBundle(t, b, export(t, a, bundle.Filter{}), false)
	if got, _ := b.School(sc.ID); got.Archived != day("2027-03-04") || got.Contact != "12345" {
		t.Errorf("b after the second archive: %+v", got)
	}
	if s := importBundle(t, a, export(t, b, bundle.Filter{}), false); s.Changed() {
		t.Errorf("a after b had it: %+v", s)
	}
	mustClean(t, a)
	mustClean(t, b)
}

// TestRedateDraft: a draft's date changes (the year index and the
// school's summary follow); never to a day after today, never for a visit
// finalized once, never into a year whose standard is another.
func TestRedateDraft(t *testing.T) {
	c := &setClock{}
	c.set("2027-06-01 09:00:00")
	s := openWithClock(t, c)
	sc := mustSchool(t, s, "城关小学", "城关镇")
	draft := visitWith(t, s, sc.ID, "2027-05-01", allOf(checklist.Met), true)

	moved, err := s.RedateDraft(draft.ID, day("2026-11-30"))
	if err != nil {
		t.Fatal(err)
	}
	if moved.Date != day("2026-11-30") || moved.Versions[s.ID()] <= draft.Versions[s.ID()] || !moved.UpdatedAt.After(draft.UpdatedAt) {
		t.Errorf("moved %v, versions %v", moved.Date, moved.Versions)
	}
	if got, _ := s.Inspection(draft.ID); got.Date != day("2026-11-30") || len(got.Answers) != len(draft.Answers) {
		t.Errorf("saved %v with %d answers", got.Date, len(got.Answers))
	}
	if l, _ := s.YearInspections(2027); len(l) != 0 {
		t.Errorf("2027 still lists %d", len(l))
	}
	if l, _ := s.YearInspections(2026); len(l) != 1 {
		t.Errorf("2026 lists %d", len(l))
	}
	if o := overviewByID(t, s, 2026)[sc.ID]; o.LastVisit != day("2026-11-30") || o.DraftID != draft.ID {
		t.Errorf("the list: %+v", o)
	}
	mustClean(t, s)
	if _, err := s.RedateDraft(draft.ID, day("2026-11-30")); err != nil {
		t.Errorf("the same date again: %v", err)
	}

	_, err = s.RedateDraft(draft.ID, day("2027-06-02"))
	wantSaid(t, "a day after today", err, checklist.ErrInvalid, "日期不能晚于今天", "after today")
	_, err = s.RedateDraft(draft.ID, checklist.Date{Year: 2026, Month: 2, Day: 30})
	wantSaid(t, "no such day", err, checklist.ErrInvalid, "无效", "not valid")
	_, err = s.RedateDraft("nope", day("2026-01-01"))
	wantSaid(t, "unknown visit", err, checklist.ErrNotFound, "没有编号为 nope 的检查", "no visit with id nope")

	// Another year's standard.
	data, err := os.ReadFile("../checklist/testdata/county-2027.yaml")
	if err != nil {
		t.Fatal(err)
	}
	std, err := checklist.ParseStandard("county-2027.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.InstallStandard(std); err != nil {
		t.Fatal(err)
	}
	_, err = s.RedateDraft(draft.ID, day("2027-01-05"))
	wantSaid(t, "a year of another standard", err, checklist.ErrInvalid,
		"2027 年的新检查按标准 example-county-2027 进行，这份草稿是按标准 wuyao-default-v2 填写的，不能改到 2027 年", "cannot move to 2027")

	// Finalized, then reopened: its date is history.
	for i, it := range checklist.DefaultStandard().ScoredItems() {
		if _, err := s.SetVerdict(draft.ID, it.ID, mix(i)(i), "李督查"); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Finalize(draft.ID, "李督查"); err != nil {
		t.Fatal(err)
	}
	_, err = s.RedateDraft(draft.ID, day("2026-11-01"))
	wantSaid(t, "finalized", err, checklist.ErrFinalized, "这次检查已定稿，日期不能再改", "finalized")
	if _, err := s.Reopen(draft.ID, "更正", "王主任"); err != nil {
		t.Fatal(err)
	}
	_, err = s.RedateDraft(draft.ID, day("2026-11-01"))
	wantSaid(t, "reopened", err, checklist.ErrInvalid, "这次检查定稿过，日期不能再改", "finalized once")
	mustClean(t, s)
}

// TestRedateMerges: a re-dated draft travels in a bundle: the database it
// reaches moves it between its year indexes; a re-date and a concurrent
// answer elsewhere are a conflict, kept and listed, and the databases end
// alike, their bundles valid.
func TestRedateMerges(t *testing.T) {
	ca, cb := &setClock{}, &setClock{}
	ca.set("2027-01-10 09:00:00")
	cb.set("2027-01-10 09:00:00")
	a, b := openWithClock(t, ca), openWithClock(t, cb)
	sc := mustSchool(t, a, "城关小学", "城关镇")
	draft := visitWith(t, a, sc.ID, "2027-01-05", allOf(checklist.Met), true)
	importBundle(t, b, export(t, a, bundle.Filter{}), false)

	ca.set("2027-01-11 09:00:00")
	if _, err := a.RedateDraft(draft.ID, day("2026-12-28")); err != nil {
		t.Fatal(err)
	}
	importBundle(t, b, export(t, a, bundle.Filter{}), false)
	if l, _ := b.YearInspections(2026); len(l) != 1 || l[0].Date != day("2026-12-28") {
		t.Errorf("b's 2026: %v", l)
	}
	if l, _ := b.YearInspections(2027); len(l) != 0 {
		t.Errorf("b's 2027 still lists it")
	}
	mustClean(t, b)

	// Concurrent: a moves it again, b answers on the old date.
	ca.set("2027-01-12 09:00:00")
	cb.set("2027-01-12 10:00:00")
	if _, err := a.RedateDraft(draft.ID, day("2027-01-02")); err != nil {
		t.Fatal(err)
	}
	if _, err := b.SetNote(draft.ID, "1.1", "补充", "王"); err != nil {
		t.Fatal(err)
	}
	fromA, fromB := export(t, a, bundle.Filter{}), export(t, b, bundle.Filter{})
	sa, sb := importBundle(t, a, fromB, false), importBundle(t, b, fromA, false)
	if sa.ConflictCount != 1 || sb.ConflictCount != 1 {
		t.Errorf("conflicts %d and %d", sa.ConflictCount, sb.ConflictCount)
	}
	if content(t, a) != content(t, b) {
		t.Error("a and b differ")
	}
	// b's change was later: its date stands, the re-dated copy beside it.
	if got, _ := a.Inspection(draft.ID); got.Date != day("2026-12-28") || len(got.Conflicting) != 1 || got.Conflicting[0].Date != day("2027-01-02") {
		t.Errorf("kept %v beside %d", got.Date, len(got.Conflicting))
	}
	for _, s := range []*store.Store{a, b} {
		if l, _ := s.YearInspections(2026); len(l) != 1 {
			t.Errorf("2026 lists %d", len(l))
		}
		mustClean(t, s)
	}
	// The databases' bundles hold the copy with another date and read.
	fresh := openWithClock(t, &setClock{})
	importBundle(t, fresh, export(t, a, bundle.Filter{}), false)
	if content(t, fresh) != content(t, a) {
		t.Error("a fresh database differs")
	}
}
