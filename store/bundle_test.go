package store_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"branchcheck/bundle"
	"branchcheck/checklist"
	"branchcheck/store"
)

// walk answers every scored item of a visit: the verdict of item i is
// pick(i), then finalizes it.
func walk(t *testing.T, s *store.Store, schoolID, inspector, date string, pick func(i int) checklist.Verdict) *checklist.Inspection {
	t.Helper()
	in, err := s.CreateInspection(schoolID, inspector, day(date))
	if err != nil {
		t.Fatal(err)
	}
	for i, it := range checklist.DefaultStandard().ScoredItems() {
		if _, err := s.SetVerdict(in.ID, it.ID, pick(i), inspector); err != nil {
			t.Fatal(err)
		}
	}
	done, err := s.Finalize(in.ID, inspector)
	if err != nil {
		t.Fatal(err)
	}
	return done
}

func every(v checklist.Verdict) func(int) checklist.Verdict {
	return func(int) checklist.Verdict { return v }
}

func mixed(seed int) func(int) checklist.Verdict {
	return func(i int) checklist.Verdict { return checklist.Verdicts[(i*seed+seed)%len(checklist.Verdicts)] }
}

func export(t *testing.T, s *store.Store, f bundle.Filter) []byte {
	t.Helper()
	b, err := s.ExportBundle(f)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := bundle.Write(&buf, b); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func importBundle(t *testing.T, s *store.Store, data []byte, dryRun bool) *store.MergeSummary {
	t.Helper()
	b, err := bundle.Read(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	sum, err := s.MergeBundle(b, dryRun)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// ratingsOf is a comparable digest of a year's ratings: school name ->
// visit id, total, stars.
func ratingsOf(t *testing.T, s *store.Store, year int) map[string]string {
	t.Helper()
	yr, err := s.RateYear(year)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, r := range yr.Ratings {
		if r.Rated() {
			out[r.School.Name] = fmt.Sprintf("%s %v %d", r.Visit.ID, r.Score.Total, r.Score.Stars)
		} else {
			out[r.School.Name] = "未评定"
		}
	}
	return out
}

// TestMergeTwoInspectors: two inspectors' databases, each with the
// county's school list and their own visits, merge into a third: every
// visit once, ratings as the two sources give them, and a second import
// changes nothing.
func TestMergeTwoInspectors(t *testing.T) {
	li, wang, county := mustOpen(t), mustOpen(t), mustOpen(t)
	list := []checklist.School{
		{Name: "城关镇第一小学", Township: "城关镇"}, {Name: "城关中学", Township: "城关镇"},
		{Name: "东河乡中心学校", Township: "东河乡"}, {Name: "西山小学", Township: "西山镇"},
	}
	for _, s := range []*store.Store{li, wang} {
		if _, err := s.ImportSchools(list); err != nil {
			t.Fatal(err)
		}
	}
	id := func(s *store.Store, name string) string {
		found, _ := s.FindSchools(name)
		return found[0].ID
	}
	walk(t, li, id(li, "城关镇第一小学"), "李督查", "2026-04-01", every(checklist.Met))
	walk(t, li, id(li, "城关中学"), "李督查", "2026-04-02", mixed(3))
	walk(t, wang, id(wang, "东河乡中心学校"), "王督查", "2026-05-01", mixed(5))
	walk(t, wang, id(wang, "东河乡中心学校"), "王督查", "2025-05-01", every(checklist.PartlyMet))
	draft, _ := wang.CreateInspection(id(wang, "西山小学"), "王督查", day("2026-06-01"))
	wang.SetVerdict(draft.ID, "1.1", checklist.Met, "王督查")

	fromLi, fromWang := export(t, li, bundle.Filter{}), export(t, wang, bundle.Filter{})
	sum := importBundle(t, county, fromLi, false)
	if sum.Schools.Added != 4 || sum.Inspections.Added != 2 {
		t.Errorf("first import: %+v", sum)
	}
	sum = importBundle(t, county, fromWang, false)
	// Wang's school list is matched by name and township: no doubles.
	if sum.Schools.Added != 0 || sum.Schools.Unchanged != 4 || sum.Inspections.Added != 3 || len(sum.Conflicts) != 0 {
		t.Errorf("second import: %+v", sum)
	}
	if sum.Backup == "" {
		t.Error("no backup before an import that wrote")
	}
	all, _ := county.Inspections()
	if len(all) != 5 {
		t.Errorf("%d inspections in the merged database, want 5", len(all))
	}
	schools, _ := county.Schools()
	if len(schools) != 4 {
		t.Errorf("%d schools, want 4", len(schools))
	}
	// Ratings equal what the sources give.
	want := map[string]string{}
	for k, v := range ratingsOf(t, li, 2026) {
		if v != "未评定" {
			want[k] = v
		}
	}
	for k, v := range ratingsOf(t, wang, 2026) {
		if v != "未评定" {
			want[k] = v
		}
	}
	want["西山小学"] = "未评定"
	if got := ratingsOf(t, county, 2026); !reflect.DeepEqual(got, want) {
		t.Errorf("merged ratings\n got %v\nwant %v", got, want)
	}
	// Again: nothing changes, and it says so.
	before := export(t, county, bundle.Filter{})
	for _, data := range [][]byte{fromLi, fromWang} {
		if sum := importBundle(t, county, data, false); sum.Changed() || sum.Backup != "" {
			t.Errorf("re-import changed something: %+v", sum)
		}
	}
	assertSameContent(t, before, export(t, county, bundle.Filter{}))
	if h, _ := county.Check(); len(h.Problems) != 0 {
		t.Errorf("doctor after merging: %v", h.Problems)
	}
}

// TestMergeUpdatesAndConflicts: a copy changed on one side is taken; a
// copy changed on both sides is a conflict, listed, the later change kept
// and the other recorded in the audit trail.
func TestMergeUpdatesAndConflicts(t *testing.T) {
	clock := newClock() // one clock for both: "changed last" is well defined
	open := func() *store.Store {
		s, err := store.Open(filepath.Join(t.TempDir(), "b.db"), store.Options{Now: clock.now})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	a := open()
	sc := mustSchool(t, a, "城关小学", "城关镇")
	v := walk(t, a, sc.ID, "李督查", "2026-04-01", every(checklist.Met))

	b := open()
	importBundle(t, b, export(t, a, bundle.Filter{}), false)

	// Changed in a only: b takes it.
	a.Reopen(v.ID, "复核", "李督查")
	a.SetVerdict(v.ID, "1.1", checklist.NotMet, "李督查")
	a.Finalize(v.ID, "李督查")
	sum := importBundle(t, b, export(t, a, bundle.Filter{}), false)
	if sum.Inspections.Updated != 1 || len(sum.Conflicts) != 0 || sum.AuditAdded != 3 { // reopen, 1.1, finalize
		t.Errorf("one-sided change: %+v", sum)
	}
	got, _ := b.Inspection(v.ID)
	if got.Answers["1.1"].Verdict != checklist.NotMet {
		t.Error("b did not take a's change")
	}
	// b sending its (older) copy back to a changes nothing.
	if sum := importBundle(t, a, export(t, b, bundle.Filter{}), false); sum.Changed() {
		t.Errorf("an older copy changed a: %+v", sum)
	}

	// Both change it: a first, then b later.
	a.Reopen(v.ID, "复核二", "李督查")
	a.SetVerdict(v.ID, "2.1", checklist.PartlyMet, "李督查")
	b.Reopen(v.ID, "复核三", "王主任")
	b.SetVerdict(v.ID, "3.1", checklist.NotApplicable, "王主任")

	fromB := export(t, b, bundle.Filter{})
	dry := importBundle(t, a, fromB, true)
	if len(dry.Conflicts) != 1 {
		t.Fatalf("dry run: %+v", dry)
	}
	if still, _ := a.Inspection(v.ID); still.Answers["3.1"].Verdict == checklist.NotApplicable {
		t.Fatal("the dry run wrote")
	}
	sum = importBundle(t, a, fromB, false)
	if len(sum.Conflicts) != 1 || !sum.Conflicts[0].KeptBundle || sum.Conflicts[0].School != "城关小学" {
		t.Fatalf("conflict: %+v", sum)
	}
	kept, _ := a.Inspection(v.ID)
	if kept.Answers["3.1"].Verdict != checklist.NotApplicable || kept.Answers["2.1"].Verdict != checklist.Met {
		t.Errorf("kept the wrong version: 2.1=%s 3.1=%s", kept.Answers["2.1"].Verdict, kept.Answers["3.1"].Verdict)
	}
	trail, _ := a.AuditTrail(v.ID)
	var merge *checklist.Change
	for i := range trail {
		if trail[i].Field == checklist.FieldMerge {
			merge = &trail[i]
		}
	}
	if merge == nil {
		t.Fatal("the discarded version is not in the audit trail")
	}
	var discarded checklist.Inspection
	if err := json.Unmarshal([]byte(merge.Old), &discarded); err != nil || discarded.Answers["2.1"].Verdict != checklist.PartlyMet {
		t.Errorf("the recorded version is not a's: %v %+v", err, discarded.Answers["2.1"])
	}
	// The merge is now newer than both: importing either again changes
	// nothing.
	if sum := importBundle(t, a, fromB, false); sum.Changed() {
		t.Errorf("conflict re-imported: %+v", sum)
	}
	if sum := importBundle(t, b, export(t, a, bundle.Filter{}), false); sum.Inspections.Updated != 1 || len(sum.Conflicts) != 0 {
		t.Errorf("b taking the merged version: %+v", sum)
	}
}

// TestMergeRefusesBadBundles: each bad bundle is refused whole and the
// database's content is unchanged.
func TestMergeRefusesBadBundles(t *testing.T) {
	src := mustOpen(t)
	sc := mustSchool(t, src, "城关小学", "城关镇")
	walk(t, src, sc.ID, "李督查", "2026-04-01", every(checklist.Met))
	good, err := src.ExportBundle(bundle.Filter{})
	if err != nil {
		t.Fatal(err)
	}

	dst := mustOpen(t)
	other := mustSchool(t, dst, "东河中学", "东河乡")
	walk(t, dst, other.ID, "王督查", "2026-05-01", mixed(3))
	clash := checklist.DefaultStandard()
	clash.ID, clash.Year, clash.Title = "county-2026", 2026, "本地标准"
	if err := dst.InstallStandard(clash); err != nil {
		t.Fatal(err)
	}
	before := export(t, dst, bundle.Filter{})

	tests := []struct {
		name   string
		break_ func(b *bundle.Bundle)
	}{
		{"InvalidRecord", func(b *bundle.Bundle) { b.Inspections[0].Answers["9.9"] = checklist.Answer{Verdict: checklist.Met} }},
		{"StandardDiffersUnderSameID", func(b *bundle.Bundle) {
			s := checklist.DefaultStandard()
			s.ID, s.Year, s.Title = "county-2026", 2026, "另一个标准"
			b.Standards = append(b.Standards, s)
		}},
		{"ShippedStandardAltered", func(b *bundle.Bundle) { b.Standards[0].Title = "改过的" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			b := cloneBundle(t, good)
			tt.break_(b)
			bundle.Write(&buf, b)
			read, err := bundle.Read(&buf)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := dst.MergeBundle(read, false); err == nil {
				t.Fatal("merged")
			}
			assertSameContent(t, before, export(t, dst, bundle.Filter{}))
		})
	}
	backups, _ := dst.Backups()
	for _, p := range backups {
		if strings.Contains(filepath.Base(p), "before-import") {
			t.Errorf("a refused import took a backup: %s", p)
		}
	}
}

func TestExportFilter(t *testing.T) {
	s := mustOpen(t)
	a := mustSchool(t, s, "城关小学", "城关镇")
	b := mustSchool(t, s, "东河中学", "东河乡")
	mustSchool(t, s, "西山小学", "西山镇")
	walk(t, s, a.ID, "李督查", "2026-04-01", every(checklist.Met))
	walk(t, s, b.ID, "王督查", "2026-04-02", every(checklist.Met))
	got, err := s.ExportBundle(bundle.Filter{Inspector: "王督查"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Inspections) != 1 || got.Inspections[0].Inspector != "王督查" || len(got.Schools) != 1 || got.Schools[0].Name != "东河中学" || len(got.Standards) != 1 {
		t.Errorf("filtered by inspector: %d inspections, %d schools, %d standards", len(got.Inspections), len(got.Schools), len(got.Standards))
	}
	got, _ = s.ExportBundle(bundle.Filter{Since: day("2100-01-01")})
	if len(got.Inspections) != 0 || len(got.Schools) != 0 {
		t.Errorf("since the future: %d inspections, %d schools", len(got.Inspections), len(got.Schools))
	}
	got, _ = s.ExportBundle(bundle.Filter{})
	if len(got.Inspections) != 2 || len(got.Schools) != 3 || len(got.Audit) != 2 {
		t.Errorf("everything: %d inspections, %d schools, %d audit", len(got.Inspections), len(got.Schools), len(got.Audit))
	}
}

func cloneBundle(t *testing.T, b *bundle.Bundle) *bundle.Bundle {
	t.Helper()
	var buf bytes.Buffer
	if err := bundle.Write(&buf, b); err != nil {
		t.Fatal(err)
	}
	c, err := bundle.Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// assertSameContent compares two exports of a database, ignoring when
// they were made.
func assertSameContent(t *testing.T, a, b []byte) {
	t.Helper()
	ra, _ := bundle.Read(bytes.NewReader(a))
	rb, _ := bundle.Read(bytes.NewReader(b))
	ra.Header.CreatedAt, rb.Header.CreatedAt = time.Time{}, time.Time{}
	ja, _ := json.Marshal(ra)
	jb, _ := json.Marshal(rb)
	if !bytes.Equal(ja, jb) {
		t.Error("the database's content changed")
	}
}
