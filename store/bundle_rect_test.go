package store_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"branchcheck/bundle"
	"branchcheck/checklist"
	"branchcheck/store"
)

// decisionsOf is what a database decided about its rectifications, one
// line each, by id (visits named as in names): its status, deadline and
// person responsible.
func decisionsOf(t *testing.T, s *store.Store, names map[string]string) []string {
	t.Helper()
	rects, err := store.StoredRectifications(s)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rects {
		v, item, _ := strings.Cut(r.ID, "/")
		if n, ok := names[v]; ok {
			v = n
		}
		line := v + "/" + item + " " + string(r.Status()) + " due " + r.Deadline().String() + " " + r.Responsible()
		if !r.Actions.ReportedOn.IsZero() {
			line += " reported by " + r.Actions.ReportedBy
		}
		out = append(out, line)
	}
	slices.Sort(out)
	return out
}

// decisionEntries counts the audit entries of decisions in a visit's
// trail, each entry's decisions after it.
func decisionEntries(t *testing.T, s *store.Store, visitID string) []string {
	t.Helper()
	trail, err := s.AuditTrail(visitID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, c := range trail {
		if c.Field == checklist.FieldRectification {
			out = append(out, c.ItemID+" "+c.By+" "+c.New)
		}
	}
	slices.Sort(out)
	return out
}

// TestMergeDecisions: two inspectors decide about one visit's problems;
// li names a deadline and the school reports another done, wang names a
// person responsible for the first, later (a conflict: wang's decisions
// win whole, li's stay in the audit trail). Every import order, one by
// one or together, and an exchange between them, gives the same content;
// the conflict is listed once per database that meets it, and never
// again.
func TestMergeDecisions(t *testing.T) {
	cl, cw := &setClock{}, &setClock{}
	cl.set("2026-03-10 09:00:00")
	cw.set("2026-03-10 09:00:00")
	li, wang := openWithClock(t, cl), openWithClock(t, cw)
	sc, err := li.AddSchool(checklist.School{Name: "城关小学", Township: "城关镇", Secretary: "李书记"})
	if err != nil {
		t.Fatal(err)
	}
	v := walkWith(t, li, sc.ID, "2026-03-10", map[string]checklist.Verdict{"3.5": checklist.NotMet, "3.6": checklist.PartlyMet})
	importBundle(t, wang, export(t, li, bundle.Filter{}), false)
	names := map[string]string{v.ID: "v1"}
	r35, r36 := checklist.RectificationID(v.ID, "3.5"), checklist.RectificationID(v.ID, "3.6")

	cl.set("2026-04-01 09:00:00")
	if _, err := li.SetRectificationDeadline(r35, day("2026-06-30"), "王主任"); err != nil {
		t.Fatal(err)
	}
	if _, err := li.ReportRectification(r36, "张校长", day("2026-03-30"), "分工文件.pdf"); err != nil {
		t.Fatal(err)
	}
	cw.set("2026-04-02 09:00:00")
	if _, err := wang.SetRectificationResponsible(r35, "张副校长", "王督查"); err != nil {
		t.Fatal(err)
	}
	bl, bw := export(t, li, bundle.Filter{}), export(t, wang, bundle.Filter{})
	want := []string{
		"v1/3.5 open due 2026-04-09 张副校长",
		"v1/3.6 reported due 2026-04-09 李书记 reported by 张校长",
	}
	var first string
	for _, tt := range []struct {
		name     string
		bundles  [][]byte
		together bool
		wangLast bool // wang's decisions, which win, come with the second bundle
	}{
		{"LiThenWang", [][]byte{bl, bw}, false, true},
		{"WangThenLi", [][]byte{bw, bl}, false, false},
		{"Together", [][]byte{bl, bw}, true, true},
		{"TogetherOtherWay", [][]byte{bw, bl}, true, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := mustOpen(t)
			var sums []*store.MergeSummary
			if tt.together {
				sums = importAll(t, d, false, tt.bundles...)
			} else {
				for _, b := range tt.bundles {
					sums = append(sums, importBundle(t, d, b, false))
				}
			}
			if got := decisionsOf(t, d, names); !slices.Equal(got, want) {
				t.Errorf("decisions:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			firstAdded := 2 // li decided about both problems, wang about one
			if !tt.wangLast {
				firstAdded = 1
			}
			if sums[0].Rectifications.Added != firstAdded || sums[0].ConflictCount != 0 || sums[1].ConflictCount != 1 {
				t.Errorf("summaries %+v, %+v", sums[0].Rectifications, sums[1])
			}
			c := sums[1].Conflicts[0]
			if c.RectificationID != r35 || c.ItemID != "3.5" || c.InspectionID != v.ID || c.School != "城关小学" ||
				c.Date != day("2026-03-10") || c.KeptBundle != tt.wangLast ||
				!c.KeptAt.Equal(time.Date(2026, 4, 2, 9, 0, 0, 0, time.UTC)) || len(c.OthersAt) != 1 {
				t.Errorf("conflict %+v", c)
			}
			// Both decisions about 3.5, and the report, recorded once.
			if got := decisionEntries(t, d, v.ID); len(got) != 3 {
				t.Errorf("decisions in the audit trail: %q", got)
			}
			for i, sum := range importAll(t, d, false, bw, bl) {
				if sum.Changed() || sum.Rectifications.Unchanged != 1+i {
					t.Errorf("again: %+v", sum)
				}
			}
			if h, _ := d.Check(); len(h.Problems) != 0 {
				t.Errorf("doctor: %v", h.Problems)
			}
			if got := content(t, d); first == "" {
				first = got
			} else if got != first {
				t.Error("the content differs from the first order's")
			}
		})
	}
	// An exchange: each takes the other's; one round is enough.
	importBundle(t, li, bw, false)
	importBundle(t, wang, bl, false)
	if content(t, li) != first || content(t, wang) != first {
		t.Error("after one exchange the databases differ from the imports")
	}
	for _, sum := range []*store.MergeSummary{
		importBundle(t, li, export(t, wang, bundle.Filter{}), false),
		importBundle(t, wang, export(t, li, bundle.Filter{}), false),
	} {
		if sum.Changed() {
			t.Errorf("a second exchange changed something: %+v", sum)
		}
	}
	// And a decision made on top of the merged ones wins wherever it
	// goes, with no conflict.
	cl.set("2026-04-03 09:00:00")
	if _, err := li.SetRectificationResponsible(r35, "赵主任", "王主任"); err != nil {
		t.Fatal(err)
	}
	if sum := importBundle(t, wang, export(t, li, bundle.Filter{}), false); sum.ConflictCount != 0 || sum.Rectifications.Updated != 1 {
		t.Errorf("a decision made on top: %+v", sum)
	}
	if got := decisionsOf(t, wang, names); got[0] != "v1/3.5 open due 2026-04-09 赵主任" {
		t.Errorf("after a decision on top: %q", got)
	}
}

// TestDecisionsBeforeTheirVisit: decisions whose visit is not here wait,
// withdrawn, with them; a draft of the visit finds nothing; the visit
// finalized brings the problem back with the decisions. In every order,
// and when the decisions name another school than the visit's (kept with
// the visit's school once it is here).
func TestDecisionsBeforeTheirVisit(t *testing.T) {
	c := &setClock{}
	c.set("2026-03-10 09:00:00")
	src := openWithClock(t, c)
	sc, err := src.AddSchool(checklist.School{Name: "城关小学", Township: "城关镇", Secretary: "李书记"})
	if err != nil {
		t.Fatal(err)
	}
	other := mustSchool(t, src, "东河中学", "东河乡")
	in, err := src.CreateInspection(sc.ID, "李督查", day("2026-03-10"))
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range checklist.DefaultStandard().ScoredItems() {
		v := checklist.Met
		if it.ID == "3.5" {
			v = checklist.NotMet
		}
		if _, err := src.SetVerdict(in.ID, it.ID, v, "李督查"); err != nil {
			t.Fatal(err)
		}
	}
	draft := export(t, src, bundle.Filter{})
	c.set("2026-03-11 09:00:00")
	if _, err := src.Finalize(in.ID, "李督查"); err != nil {
		t.Fatal(err)
	}
	final := export(t, src, bundle.Filter{})
	schools, _ := src.Schools()
	decisions := func(schoolID string) []byte {
		var buf bytes.Buffer
		w, err := bundle.NewWriter(&buf, bundle.Header{DatabaseID: "db-x"})
		if err != nil {
			t.Fatal(err)
		}
		for i := range schools {
			w.School(&schools[i])
		}
		w.Rectification(&checklist.RectDecisions{
			ID: checklist.RectificationID(in.ID, "3.5"), SchoolID: schoolID,
			UpdatedAt: time.Date(2026, 3, 20, 9, 0, 0, 0, time.UTC), Versions: map[string]uint64{"db-x": 1},
			Actions: checklist.RectActions{Responsible: "张校长"},
		})
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	names := map[string]string{in.ID: "v1"}
	waiting := []string{"v1/3.5 withdrawn due  张校长"}
	back := []string{"v1/3.5 open due 2026-04-09 张校长"}
	step := func(d *store.Store, data []byte, want []string) {
		t.Helper()
		importBundle(t, d, data, false)
		if got := decisionsOf(t, d, names); !slices.Equal(got, want) {
			t.Fatalf("got %q, want %q", got, want)
		}
		if h, _ := d.Check(); len(h.Problems) != 0 {
			t.Fatalf("doctor: %v", h.Problems)
		}
	}
	var want string
	check := func(name string, d *store.Store) {
		t.Helper()
		sr, err := d.SchoolRectifications(sc.ID)
		if err != nil || len(sr.Rects) != 1 || sr.Rects[0].Responsible() != "张校长" {
			t.Fatalf("%s: the school's rectifications %v %+v", name, err, sr)
		}
		if got := content(t, d); want == "" {
			want = got
		} else if got != want {
			t.Errorf("%s: the content differs", name)
		}
	}
	for _, named := range []string{sc.ID, other.ID} {
		d := mustOpen(t)
		step(d, decisions(named), waiting)
		step(d, draft, waiting)
		// Shown by id while it waits: what its visit says, its decisions.
		e, shown, err := d.Rectification(checklist.RectificationID(in.ID, "3.5"))
		if err != nil || shown.ID != sc.ID || e.Status() != checklist.RectWithdrawn || e.FoundOn != day("2026-03-10") ||
			e.Deadline() != day("2026-04-09") || e.Responsible() != "张校长" || e.Item == nil {
			t.Fatalf("shown while it waits: %v %+v", err, e)
		}
		step(d, final, back)
		check("decisions, draft, visit ("+named+")", d)

		d = mustOpen(t)
		step(d, final, []string{"v1/3.5 open due 2026-04-09 李书记"})
		step(d, decisions(named), back)
		check("visit, decisions ("+named+")", d)

		d = mustOpen(t)
		importAll(t, d, false, decisions(named), draft, final)
		check("all at once ("+named+")", d)
	}
	// The database that holds the waiting decisions passes them on.
	d := mustOpen(t)
	step(d, decisions(other.ID), waiting)
	e := mustOpen(t)
	step(e, export(t, d, bundle.Filter{}), waiting)
	step(e, final, back)
	check("passed on", e)
}

// TestDecisionsFollowSchoolsBecomingOne: a school added in two databases
// on its own becomes one; the decisions about both visits' problems
// follow, in either order (and wang's visit, later, closes li's 3.5).
func TestDecisionsFollowSchoolsBecomingOne(t *testing.T) {
	li, wang := mustOpen(t), mustOpen(t)
	a, err := li.AddSchool(checklist.School{Name: "城关小学(分校)", Township: "城关镇", Secretary: "李书记"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := wang.AddSchool(checklist.School{Name: "城关小学（分校）", Township: "城关镇", Secretary: "李书记"})
	if err != nil {
		t.Fatal(err)
	}
	va := walkWith(t, li, a.ID, "2026-04-01", map[string]checklist.Verdict{"3.5": checklist.NotMet})
	vb := walkWith(t, wang, b.ID, "2026-04-02", map[string]checklist.Verdict{"3.6": checklist.NotMet})
	if _, err := li.SetRectificationResponsible(checklist.RectificationID(va.ID, "3.5"), "张校长", "王主任"); err != nil {
		t.Fatal(err)
	}
	if _, err := wang.SetRectificationDeadline(checklist.RectificationID(vb.ID, "3.6"), day("2026-06-30"), "王主任"); err != nil {
		t.Fatal(err)
	}
	names := map[string]string{va.ID: "va", vb.ID: "vb"}
	want := []string{"va/3.5 closed due 2026-05-01 张校长", "vb/3.6 open due 2026-06-30 李书记"}
	var first string
	for _, order := range [][]*store.Store{{li, wang}, {wang, li}} {
		d := mustOpen(t)
		importAll(t, d, false, export(t, order[0], bundle.Filter{}), export(t, order[1], bundle.Filter{}))
		schools, _ := d.Schools()
		if len(schools) != 1 {
			t.Fatalf("%d schools", len(schools))
		}
		if got := decisionsOf(t, d, names); !slices.Equal(got, want) {
			t.Errorf("got %q, want %q", got, want)
		}
		sr, _ := d.SchoolRectifications(schools[0].ID)
		if len(sr.Rects) != 2 {
			t.Errorf("the school lists %d rectifications", len(sr.Rects))
		}
		if h, _ := d.Check(); len(h.Problems) != 0 {
			t.Errorf("doctor: %v", h.Problems)
		}
		if got := content(t, d); first == "" {
			first = got
		} else if got != first {
			t.Error("the order of the bundles changed the content")
		}
	}
}

// TestExportFilterCarriesDecisions: a filtered bundle carries the
// decisions about the visits it carries, and a visit whose problems were
// decided about since the day passes Since with them.
func TestExportFilterCarriesDecisions(t *testing.T) {
	c := &setClock{}
	c.set("2026-03-10 09:00:00")
	s := openWithClock(t, c)
	a, err := s.AddSchool(checklist.School{Name: "城关小学", Township: "城关镇"})
	if err != nil {
		t.Fatal(err)
	}
	b := mustSchool(t, s, "东河中学", "东河乡")
	va := walkWith(t, s, a.ID, "2026-03-10", map[string]checklist.Verdict{"3.5": checklist.NotMet, "3.6": checklist.NotMet})
	walkWith(t, s, b.ID, "2026-03-10", map[string]checklist.Verdict{"1.1": checklist.NotMet})
	c.set("2026-05-01 09:00:00")
	if _, err := s.SetRectificationResponsible(checklist.RectificationID(va.ID, "3.6"), "张校长", "王主任"); err != nil {
		t.Fatal(err)
	}
	read := func(f bundle.Filter) *bundle.Bundle {
		got, err := bundle.Read(bytes.NewReader(export(t, s, f)))
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	for _, tt := range []struct {
		name               string
		f                  bundle.Filter
		inspections, rects int
	}{
		{"Everything", bundle.Filter{}, 2, 1},
		{"ByInspector", bundle.Filter{Inspector: "李督查"}, 2, 1},
		{"AnotherInspector", bundle.Filter{Inspector: "王督查"}, 0, 0},
		{"DecidedSince", bundle.Filter{Since: day("2026-04-01")}, 1, 1},
		{"Later", bundle.Filter{Since: day("2026-05-02")}, 0, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := read(tt.f)
			if len(got.Inspections) != tt.inspections || len(got.Rectifications) != tt.rects {
				t.Fatalf("%d inspections, %d rectifications", len(got.Inspections), len(got.Rectifications))
			}
			if tt.rects > 0 {
				d := got.Rectifications[0]
				if d.ID != checklist.RectificationID(va.ID, "3.6") || d.SchoolID != a.ID || d.Actions.Responsible != "张校长" || d.Versions[s.ID()] != 1 {
					t.Errorf("decisions %+v", d)
				}
			}
			if tt.inspections == 1 && got.Inspections[0].ID != va.ID {
				t.Error("Since carried the other visit")
			}
		})
	}
	// What the Since bundle carries makes another database agree.
	d := mustOpen(t)
	importBundle(t, d, export(t, s, bundle.Filter{}), false)
	c.set("2026-06-01 09:00:00")
	if _, err := s.SetRectificationDeadline(checklist.RectificationID(va.ID, "3.5"), day("2026-09-30"), "王主任"); err != nil {
		t.Fatal(err)
	}
	if sum := importBundle(t, d, export(t, s, bundle.Filter{Since: day("2026-06-01")}), false); sum.Rectifications.Added != 1 || sum.Rectifications.Unchanged != 1 {
		t.Errorf("since: %+v", sum.Rectifications)
	}
	if content(t, d) != content(t, s) {
		t.Error("the databases differ after the Since bundle")
	}
}

// TestImportVersion2: bundles from before version 3 import: the visits
// derive their rectifications; the decisions, which those bundles did not
// carry, are in the audit trail only.
func TestImportVersion2(t *testing.T) {
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("..", "bundle", "testdata", "v2", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	li, wang := read("li-v2.bundle"), read("wang-v2.bundle")
	d := mustOpen(t)
	sums := importAll(t, d, false, li, wang)
	if sums[0].Inspections.Added != 2 || sums[0].Rectifications != (store.Counts{}) || sums[1].AuditAdded != 1 {
		t.Errorf("li %+v, wang %+v", sums[0], sums[1])
	}
	rects, err := store.StoredRectifications(d)
	if err != nil {
		t.Fatal(err)
	}
	if len(rects) != 3 {
		t.Errorf("%d rectifications, want 3", len(rects))
	}
	for _, r := range rects {
		if r.Decided() || r.Status() != checklist.RectOpen {
			t.Errorf("%s: %s, decided %+v", r.ID, r.Status(), r.Actions)
		}
	}
	if h, _ := d.Check(); len(h.Problems) != 0 {
		t.Errorf("doctor: %v", h.Problems)
	}
	other := mustOpen(t)
	importAll(t, other, false, wang, li)
	if content(t, other) != content(t, d) {
		t.Error("wang then li differs from li then wang")
	}
}

// TestRefusedDecisionsChangeNothing: a bundle with decisions that break
// the rules is refused whole, the database file as it was.
func TestRefusedDecisionsChangeNothing(t *testing.T) {
	src := mustOpen(t)
	sc, err := src.AddSchool(checklist.School{Name: "城关小学", Township: "城关镇"})
	if err != nil {
		t.Fatal(err)
	}
	v := walkWith(t, src, sc.ID, "2026-03-10", map[string]checklist.Verdict{"3.5": checklist.NotMet})
	if _, err := src.SetRectificationResponsible(checklist.RectificationID(v.ID, "3.5"), "张校长", "王主任"); err != nil {
		t.Fatal(err)
	}
	good, err := bundle.Read(bytes.NewReader(export(t, src, bundle.Filter{})))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "county.db")
	s, err := store.Open(path, store.Options{NoDailyBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	mustSchool(t, s, "东河中学", "东河乡")
	before := fileSum(t, path)
	for _, tt := range []struct {
		name   string
		break_ func(d *checklist.RectDecisions)
	}{
		{"ControlInResponsible", func(d *checklist.RectDecisions) { d.Actions.Responsible = "张\x1b]52;c;aGk=\x07" }},
		{"ReportWithoutReporter", func(d *checklist.RectDecisions) { d.Actions.ReportedOn = day("2026-03-20") }},
		{"SchoolNotInBundle", func(d *checklist.RectDecisions) { d.SchoolID = "s9" }},
		{"NoVersions", func(d *checklist.RectDecisions) { d.Versions = nil }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b := cloneBundle(t, good)
			tt.break_(&b.Rectifications[0])
			var buf bytes.Buffer
			if err := bundle.Write(&buf, b); err != nil {
				t.Fatal(err)
			}
			_, err := s.ImportBundles([]store.BundleInput{{Name: "bad", R: &buf}}, false)
			if err == nil {
				t.Fatal("imported")
			}
			var e *checklist.Error
			if !errors.As(err, &e) {
				t.Errorf("not worded in both languages: %v", err)
			}
			if fileSum(t, path) != before {
				t.Error("the database file changed")
			}
		})
	}
	// The good one imports.
	if sum := importBundle(t, s, export(t, src, bundle.Filter{}), false); sum.Rectifications.Added != 1 {
		t.Errorf("good bundle: %+v", sum.Rectifications)
	}
}
