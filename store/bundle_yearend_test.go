package store_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"branchcheck/bundle"
	"branchcheck/checklist"
	"branchcheck/store"
)

// vetoStandard is the shipped standard for a year, with two veto
// situations.
func vetoStandard(year int) *checklist.Standard {
	std := checklist.DefaultStandard()
	std.ID, std.Year = "county-veto-"+time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006"), year
	std.VetoSituations = []checklist.VetoSituation{
		{ID: "discipline", Text: "党组织班子成员当年受到党纪处分的", CapStars: 2},
		{ID: "weak", Text: "被确定为软弱涣散基层党组织的", Disqualify: true},
	}
	return std
}

// yearEndDB is a database with a 2026 year end: three schools, a visit of
// each, a self-assessment, a veto record applying and one lifted, and
// the year published and confirmed (so locked).
func yearEndDB(t *testing.T, c *setClock) (*store.Store, map[string]string) {
	t.Helper()
	s := openWithClock(t, c)
	if err := s.InstallStandard(vetoStandard(2026)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportSchools([]checklist.School{
		{Name: "城关小学", Township: "城关镇"}, {Name: "城关中学", Township: "城关镇"}, {Name: "东河乡中心学校", Township: "东河乡"},
	}); err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	schools, _ := s.Schools()
	for _, sc := range schools {
		ids[sc.Name] = sc.ID
	}
	c.set("2026-11-01 09:00:00")
	walk(t, s, ids["城关小学"], "李督查", "2026-11-01", every(checklist.Met))
	walk(t, s, ids["城关中学"], "李督查", "2026-11-02", mixed(3))
	walk(t, s, ids["东河乡中心学校"], "李督查", "2026-11-03", every(checklist.Met))
	c.set("2026-11-20 10:00:00")
	for _, e := range []struct {
		item string
		v    checklist.Verdict
	}{{"1.1", checklist.Met}, {"3.5", checklist.PartlyMet}} {
		if _, err := s.SetSelfVerdict(ids["城关小学"], 2026, e.item, e.v, checklist.SourcePaper, "张干事"); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.RecordVeto(ids["东河乡中心学校"], 2026, "weak", "县委组织部〔2026〕3号", "王主任"); err != nil {
		t.Fatal(err)
	}
	r, err := s.RecordVeto(ids["城关中学"], 2026, "discipline", "误录", "王主任")
	if err != nil {
		t.Fatal(err)
	}
	c.set("2026-11-21 10:00:00")
	if _, err := s.LiftVeto(r.ID, "记录有误", "王主任"); err != nil {
		t.Fatal(err)
	}
	c.set("2026-12-20 10:00:00")
	if _, err := s.PublishYear(2026, day("2026-12-01"), day("2026-12-07"), "王主任"); err != nil {
		t.Fatal(err)
	}
	c.set("2026-12-20 11:00:00")
	if _, err := s.ConfirmYear(2026, day("2026-12-10"), "王主任"); err != nil {
		t.Fatal(err)
	}
	return s, ids
}

// TestBundleYearEnd: a database's year end travels whole: the
// self-assessment, the veto records (the lifted one lifted), the
// confirmed stage with what it named, the year's audit trail. The
// database it is imported into then rates the year the same (the veto
// applied), finds nothing changed since 确定, and is locked: a change to a
// visit of the year needs a reason. Importing again changes nothing.
func TestBundleYearEnd(t *testing.T) {
	c := &setClock{}
	c.set("2026-10-01 09:00:00")
	src, ids := yearEndDB(t, c)
	data := export(t, src, bundle.Filter{})
	dst := openWithClock(t, &setClock{t: c.t.Add(time.Hour)})
	sum := importBundle(t, dst, data, false)
	trail, _ := src.YearAudit(2026)
	if sum.SelfAssessments.Added != 1 || sum.Vetoes.Added != 2 || sum.YearStages.Added != 1 || sum.YearAuditAdded != len(trail) || sum.ConflictCount != 0 {
		t.Errorf("summary: self %+v, vetoes %+v, stages %+v, %d year audit entries added (the trail holds %d), %d conflicts",
			sum.SelfAssessments, sum.Vetoes, sum.YearStages, sum.YearAuditAdded, len(trail), sum.ConflictCount)
	}
	if got, want := content(t, dst), content(t, src); got != want {
		t.Fatalf("the content differs:\n%s", lineDiff(got, want))
	}
	if got, want := ratingsOf(t, dst, 2026), ratingsOf(t, src, 2026); !reflect.DeepEqual(got, want) {
		t.Errorf("ratings\n got %v\nwant %v", got, want)
	}
	ye, err := dst.YearEnd(2026)
	if err != nil {
		t.Fatal(err)
	}
	if !ye.Stage.Locked() || len(ye.Stage.Named) != 3 || len(ye.ChangedAfterConfirm()) != 0 {
		t.Errorf("stage %q, %d named, changed after 确定: %v", ye.Stage.Stage, len(ye.Stage.Named), ye.ChangedAfterConfirm())
	}
	for _, r := range ye.Rating.Ratings {
		if r.School.ID == ids["东河乡中心学校"] && !r.Score.Disqualified {
			t.Errorf("the veto is not applied: %+v", r.Score)
		}
	}
	if _, err := dst.CreateInspection(ids["城关小学"], "李督查", day("2026-12-15")); !errors.Is(err, checklist.ErrReasonRequired) {
		t.Errorf("a visit started in the confirmed year without a reason: %v", err)
	}
	if _, err := dst.SetSelfVerdict(ids["城关小学"], 2026, "1.1", checklist.NotMet, checklist.SourcePaper, "张"); !errors.Is(err, checklist.ErrReasonRequired) {
		t.Errorf("a self-assessment of the confirmed year changed without a reason: %v", err)
	}
	if again := importBundle(t, dst, data, false); again.Changed() {
		t.Errorf("importing again changed something: %+v", again)
	}
}

// TestBundleYearEndFollowsSchools: two databases that added the same
// school each on its own, under their own ids, each record a
// self-assessment and a veto record for it. Merged, the school is one,
// with one self-assessment and one veto record under its id (the later
// change kept, the conflict listed once), whichever database imports
// which, and doctor finds nothing wrong: the records of a school that
// became part of another moved with its visits.
func TestBundleYearEndFollowsSchools(t *testing.T) {
	ca, cb := &setClock{}, &setClock{}
	ca.set("2026-11-01 09:00:00")
	cb.set("2026-11-01 09:00:00")
	a, b := openWithClock(t, ca), openWithClock(t, cb)
	for _, s := range []*store.Store{a, b} {
		if err := s.InstallStandard(vetoStandard(2026)); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ImportSchools([]checklist.School{{Name: "西山小学", Township: "西山镇"}}); err != nil {
			t.Fatal(err)
		}
	}
	id := func(s *store.Store) string { sc, _ := s.FindSchools("西山小学"); return sc[0].ID }
	ca.set("2026-11-05 09:00:00")
	cb.set("2026-11-06 09:00:00")
	for i, s := range []*store.Store{a, b} {
		v := []checklist.Verdict{checklist.Met, checklist.NotMet}[i]
		if _, err := s.SetSelfVerdict(id(s), 2026, "1.1", v, checklist.SourcePaper, "张"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RecordVeto(id(s), 2026, "discipline", []string{"通报5号", "通报6号"}[i], "王"); err != nil {
			t.Fatal(err)
		}
	}
	fromA, fromB := export(t, a, bundle.Filter{}), export(t, b, bundle.Filter{})
	// Each takes the other's: the school with the larger id moves.
	sumA := importBundle(t, a, fromB, false)
	sumB := importBundle(t, b, fromA, false)
	if sumA.ConflictCount != 2 || sumB.ConflictCount != 2 {
		t.Errorf("conflicts: %d and %d, want 2 each (the self-assessment and the veto record)", sumA.ConflictCount, sumB.ConflictCount)
	}
	if content(t, a) != content(t, b) {
		t.Fatalf("the databases differ:\n%s", lineDiff(content(t, a), content(t, b)))
	}
	for _, s := range []*store.Store{a, b} {
		sas, _ := s.SelfAssessments(2026)
		vetoes, _ := s.Vetoes(2026)
		if len(sas) != 1 || len(vetoes) != 1 || sas[id(s)] == nil || sas[id(s)].Answers["1.1"].Verdict != checklist.NotMet || vetoes[0].Reason != "通报6号" {
			t.Errorf("self-assessments %v, vetoes %+v", sas, vetoes)
		}
		if h, err := s.Check(); err != nil || len(h.Problems) != 0 {
			t.Errorf("doctor: %v %v", err, h.Problems)
		}
	}
	// Again: nothing is listed again.
	for _, pair := range [][2]any{{a, fromB}, {b, fromA}} {
		if sum := importBundle(t, pair[0].(*store.Store), pair[1].([]byte), false); sum.Changed() {
			t.Errorf("importing again: %+v", sum)
		}
	}
}

// TestExportYearEndFiltered: a filtered bundle carries the year-end
// records by --since alone (changed on or after the day), with the
// schools and standards they need; --inspector does not select them.
func TestExportYearEndFiltered(t *testing.T) {
	c := &setClock{}
	c.set("2026-10-01 09:00:00")
	src, _ := yearEndDB(t, c)
	read := func(f bundle.Filter) *bundle.Bundle {
		b, err := bundle.Read(bytes.NewReader(export(t, src, f)))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	trail, _ := src.YearAudit(2026)
	for _, tt := range []struct {
		name                           string
		f                              bundle.Filter
		self, vetoes, stages, audit    int
		visits, atLeastSchools, maxStd int
	}{
		{"InspectorOnly", bundle.Filter{Inspector: "没有这个人"}, 1, 2, 1, len(trail), 0, 3, 2},
		// The veto records were recorded and lifted in November, the
		// stage changed in December.
		{"SinceDecember", bundle.Filter{Since: day("2026-12-01")}, 0, 0, 1, 2, 0, 3, 1},
		{"SinceNovember21", bundle.Filter{Since: day("2026-11-21")}, 0, 1, 1, 3, 0, 3, 2},
		{"SinceNextYear", bundle.Filter{Since: day("2027-01-01")}, 0, 0, 0, 0, 0, 0, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b := read(tt.f)
			if len(b.SelfAssessments) != tt.self || len(b.Vetoes) != tt.vetoes || len(b.YearStages) != tt.stages || len(b.YearAudit) != tt.audit ||
				len(b.Inspections) != tt.visits || len(b.Schools) < tt.atLeastSchools || len(b.Standards) > tt.maxStd {
				t.Errorf("%d self-assessments, %d vetoes, %d stages, %d audit entries, %d visits, %d schools, %d standards",
					len(b.SelfAssessments), len(b.Vetoes), len(b.YearStages), len(b.YearAudit), len(b.Inspections), len(b.Schools), len(b.Standards))
			}
			// And it imports.
			importBundle(t, mustOpen(t), export(t, src, tt.f), false)
		})
	}
}

// TestImportVersion3YearEnd: a version 3 bundle of a database that held
// year-end records imports, its visits and decisions, and no year-end
// record; the database then exports version 4.
func TestImportVersion3YearEnd(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "bundle", "testdata", "v3", "li-v3.bundle"))
	if err != nil {
		t.Fatal(err)
	}
	s := mustOpen(t)
	sum := importBundle(t, s, data, false)
	if sum.Schools.Added != 2 || sum.Inspections.Added != 2 || sum.Rectifications.Added != 1 || sum.YearEndChanged() {
		t.Errorf("%+v", sum)
	}
	b, err := bundle.Read(bytes.NewReader(export(t, s, bundle.Filter{})))
	if err != nil {
		t.Fatal(err)
	}
	if b.Header.Version != bundle.Version || len(b.SelfAssessments)+len(b.Vetoes)+len(b.YearStages)+len(b.YearAudit) != 0 {
		t.Errorf("version %d, year-end records %d/%d/%d/%d", b.Header.Version, len(b.SelfAssessments), len(b.Vetoes), len(b.YearStages), len(b.YearAudit))
	}
}
