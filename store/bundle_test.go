package store_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"branchcheck/bundle"
	"branchcheck/checklist"
	"branchcheck/store"
)

// walk answers every scored item of a visit: the verdict of item i is
// pick(i), then finalizes it.
func walk(t testing.TB, s *store.Store, schoolID, inspector, date string, pick func(i int) checklist.Verdict) *checklist.Inspection {
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

func export(t testing.TB, s *store.Store, f bundle.Filter) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := s.ExportBundle(&buf, f); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func importBundle(t testing.TB, s *store.Store, data []byte, dryRun bool) *store.MergeSummary {
	t.Helper()
	return importAll(t, s, dryRun, data)[0]
}

// importAll imports bundles in one go.
func importAll(t testing.TB, s *store.Store, dryRun bool, data ...[]byte) []*store.MergeSummary {
	t.Helper()
	var in []store.BundleInput
	for i, d := range data {
		in = append(in, store.BundleInput{Name: fmt.Sprintf("bundle %d", i+1), R: bytes.NewReader(d)})
	}
	sums, err := s.ImportBundles(in, dryRun)
	if err != nil {
		t.Fatal(err)
	}
	return sums
}

// ratingsOf is a comparable digest of a year's ratings: school name ->
// visit id, total, stars.
func ratingsOf(t testing.TB, s *store.Store, year int) map[string]string {
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

// content is what a database holds, decoded and written in one canonical
// form to compare databases by: every standard, school and inspection
// (with the copies it keeps) by id, each inspection's audit trail as a
// set (entries sorted; the order is that in which they reached each
// database), and every rectification, its derived part and its
// decisions, by school and id; times in UTC. Not the bytes of the file,
// nor its own id.
func content(t testing.TB, s *store.Store) string {
	t.Helper()
	b, err := bundle.Read(bytes.NewReader(export(t, s, bundle.Filter{})))
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	line := func(v any) {
		j, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		out.Write(j)
		out.WriteByte('\n')
	}
	slices.SortFunc(b.Standards, func(x, y *checklist.Standard) int { return strings.Compare(x.ID, y.ID) })
	for _, std := range b.Standards {
		line(std)
	}
	slices.SortFunc(b.Schools, func(x, y checklist.School) int { return strings.Compare(x.ID, y.ID) })
	for _, sc := range b.Schools {
		sc.CreatedAt, sc.UpdatedAt = sc.CreatedAt.UTC(), sc.UpdatedAt.UTC()
		line(sc)
	}
	slices.SortFunc(b.Inspections, func(x, y *checklist.Inspection) int { return strings.Compare(x.ID, y.ID) })
	for _, in := range b.Inspections {
		line(utc(in))
		for i := range in.Conflicting {
			line(utc(&in.Conflicting[i]))
		}
	}
	var audit []string
	for _, c := range b.Audit {
		c.At = c.At.UTC()
		j, _ := json.Marshal(c)
		audit = append(audit, string(j))
	}
	slices.Sort(audit)
	out.WriteString(strings.Join(audit, "\n"))
	rects, err := store.StoredRectifications(s)
	if err != nil {
		t.Fatal(err)
	}
	out.WriteByte('\n')
	for _, r := range rects {
		r.UpdatedAt = r.UpdatedAt.UTC()
		line(r)
	}
	yearEndContent(t, b, line, &out)
	return out.String()
}

// yearEndContent writes a bundle's year-end records in the canonical
// form of content: each record by id, times in UTC, the years' audit
// trails as sets.
func yearEndContent(t testing.TB, b *bundle.Bundle, line func(any), out *strings.Builder) {
	t.Helper()
	slices.SortFunc(b.SelfAssessments, func(x, y checklist.SelfAssessment) int { return strings.Compare(x.ID, y.ID) })
	for _, sa := range b.SelfAssessments {
		sa.CreatedAt, sa.UpdatedAt = sa.CreatedAt.UTC(), sa.UpdatedAt.UTC()
		for k, a := range sa.Answers {
			a.At = a.At.UTC()
			sa.Answers[k] = a
		}
		line(sa)
	}
	slices.SortFunc(b.Vetoes, func(x, y checklist.VetoRecord) int { return strings.Compare(x.ID, y.ID) })
	for _, r := range b.Vetoes {
		r.RecordedAt, r.LiftedAt, r.UpdatedAt = r.RecordedAt.UTC(), r.LiftedAt.UTC(), r.UpdatedAt.UTC()
		line(r)
	}
	slices.SortFunc(b.YearStages, func(x, y checklist.YearStage) int { return x.Year - y.Year })
	for _, st := range b.YearStages {
		st.UpdatedAt = st.UpdatedAt.UTC()
		for i := range st.History {
			st.History[i].At = st.History[i].At.UTC()
		}
		line(st)
	}
	var audit []string
	for _, e := range b.YearAudit {
		e.At = e.At.UTC()
		j, _ := json.Marshal(e)
		audit = append(audit, string(j))
	}
	slices.Sort(audit)
	out.WriteString(strings.Join(audit, "\n"))
}

func utc(in *checklist.Inspection) checklist.Inspection {
	c := *in.Version()
	c.CreatedAt, c.UpdatedAt, c.FinalizedAt = c.CreatedAt.UTC(), c.UpdatedAt.UTC(), c.FinalizedAt.UTC()
	c.Answers = map[string]checklist.Answer{}
	for k, a := range in.Answers {
		a.At = a.At.UTC()
		c.Answers[k] = a
	}
	return c
}

// TestMergeTwoInspectors: two inspectors' databases, each with the
// county's school list (added in each on its own) and their own visits,
// merge into a third: every school and visit once, ratings as the two
// sources give them, and a second import changes nothing.
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
	// Wang's school list is matched by name and township: no doubles;
	// each school learns wang's id as an alias.
	if sum.Schools.Added != 0 || sum.Schools.Updated != 4 || sum.Inspections.Added != 3 || sum.ConflictCount != 0 {
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
	for _, sc := range schools {
		if len(sc.Aliases) != 1 || sc.ID > sc.Aliases[0] {
			t.Errorf("school %s: id %s, aliases %v: want the smaller id and the other as alias", sc.Name, sc.ID, sc.Aliases)
		}
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
	before := content(t, county)
	for _, data := range [][]byte{fromLi, fromWang} {
		if sum := importBundle(t, county, data, false); sum.Changed() || sum.Backup != "" {
			t.Errorf("re-import changed something: %+v", sum)
		}
	}
	if content(t, county) != before {
		t.Error("re-importing changed the content")
	}
	if h, _ := county.Check(); len(h.Problems) != 0 {
		t.Errorf("doctor after merging: %v", h.Problems)
	}
	// The other way round, the same.
	other := mustOpen(t)
	importAll(t, other, false, fromWang, fromLi)
	if got := content(t, other); got != before {
		t.Errorf("wang then li gives another content:\n%s\nwant\n%s", got, before)
	}
}

// setClock is a laptop's clock, set by the test; it stands still between
// sets, as a clock does within one second.
type setClock struct {
	t time.Time
	n time.Duration
}

// now is the time set; each reading is a microsecond later, as a real
// clock's would be, so two backups never share a name.
func (c *setClock) now() time.Time { c.n += time.Microsecond; return c.t.Add(c.n % time.Second) }

func (c *setClock) set(s string) {
	t, err := time.Parse("2006-01-02 15:04:05", s)
	if err != nil {
		panic(err)
	}
	c.t = t
}

func openWithClock(t testing.TB, c *setClock) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "b.db"), store.Options{Now: c.now, NoDailyBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestMergeUpdatesAndConflicts: a copy changed on one side is taken; a
// copy changed on both sides is a conflict, listed, the later change kept
// and the other kept beside it until the next change records it in the
// audit trail.
func TestMergeUpdatesAndConflicts(t *testing.T) {
	ca, cb := &setClock{}, &setClock{}
	ca.set("2026-04-01 09:00:00")
	cb.set("2026-04-01 09:00:00")
	a, b := openWithClock(t, ca), openWithClock(t, cb)
	sc := mustSchool(t, a, "城关小学", "城关镇")
	v := walk(t, a, sc.ID, "李督查", "2026-04-01", every(checklist.Met))
	importBundle(t, b, export(t, a, bundle.Filter{}), false)

	// Changed in a only: b takes it.
	ca.set("2026-05-01 09:00:00")
	a.Reopen(v.ID, "复核", "李督查")
	a.SetVerdict(v.ID, "1.1", checklist.NotMet, "李督查")
	a.Finalize(v.ID, "李督查")
	sum := importBundle(t, b, export(t, a, bundle.Filter{}), false)
	if sum.Inspections.Updated != 1 || sum.ConflictCount != 0 || sum.AuditAdded != 3 { // reopen, 1.1, finalize
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
	ca.set("2026-06-01 09:00:00")
	a.Reopen(v.ID, "复核二", "李督查")
	a.SetVerdict(v.ID, "2.1", checklist.PartlyMet, "李督查")
	cb.set("2026-06-02 09:00:00")
	b.Reopen(v.ID, "复核三", "王主任")
	b.SetVerdict(v.ID, "3.1", checklist.NotApplicable, "王主任")

	fromB := export(t, b, bundle.Filter{})
	dry := importBundle(t, a, fromB, true)
	if dry.ConflictCount != 1 {
		t.Fatalf("dry run: %+v", dry)
	}
	if still, _ := a.Inspection(v.ID); still.Answers["3.1"].Verdict == checklist.NotApplicable {
		t.Fatal("the dry run wrote")
	}
	sum = importBundle(t, a, fromB, false)
	if sum.ConflictCount != 1 || !sum.Conflicts[0].KeptBundle || sum.Conflicts[0].School != "城关小学" ||
		!sum.Conflicts[0].KeptAt.Equal(time.Date(2026, 6, 2, 9, 0, 1, 0, time.UTC)) { // b's reopen, then 3.1 a second later
		t.Fatalf("conflict: %+v", sum)
	}
	kept, _ := a.Inspection(v.ID)
	if kept.Answers["3.1"].Verdict != checklist.NotApplicable || kept.Answers["2.1"].Verdict != checklist.Met {
		t.Errorf("kept the wrong copy: 2.1=%s 3.1=%s", kept.Answers["2.1"].Verdict, kept.Answers["2.1"].Verdict)
	}
	if len(kept.Conflicting) != 1 || kept.Conflicting[0].Answers["2.1"].Verdict != checklist.PartlyMet {
		t.Fatalf("a's copy is not kept beside: %+v", kept.Conflicting)
	}
	// Importing either again changes nothing; b, taking a's merge, holds
	// the same.
	if sum := importBundle(t, a, fromB, false); sum.Changed() {
		t.Errorf("conflict re-imported: %+v", sum)
	}
	if sum := importBundle(t, b, export(t, a, bundle.Filter{}), false); sum.ConflictCount != 1 || sum.Conflicts[0].KeptBundle {
		t.Errorf("b taking the merged copy: %+v", sum)
	}
	if content(t, a) != content(t, b) {
		t.Error("a and b differ after exchanging")
	}
	// The audit trail shows the copy kept beside the visit already.
	merges := func(s *store.Store) []checklist.Change {
		trail, err := s.AuditTrail(v.ID)
		if err != nil {
			t.Fatal(err)
		}
		var out []checklist.Change
		for _, c := range trail {
			if c.Field == checklist.FieldMerge {
				out = append(out, c)
			}
		}
		return out
	}
	shown := merges(a)
	if len(shown) != 1 {
		t.Fatalf("%d merge entries in the trail, want the copy kept beside", len(shown))
	}
	// The next change, in a, sets a's old copy aside in the audit trail.
	ca.set("2026-06-01 10:00:00") // a's clock is behind b's
	after, err := a.Finalize(v.ID, "李督查")
	if err != nil {
		t.Fatal(err)
	}
	if len(after.Conflicting) != 0 || !after.UpdatedAt.After(kept.UpdatedAt) {
		t.Errorf("after the change: %d beside, changed %v (before %v)", len(after.Conflicting), after.UpdatedAt, kept.UpdatedAt)
	}
	recorded := merges(a)
	if len(recorded) != 1 || recorded[0].Old != shown[0].Old || !recorded[0].At.Equal(shown[0].At) {
		t.Fatalf("the copy set aside is not in the audit trail once as shown: %d entries", len(recorded))
	}
	merge := &recorded[0]
	var aside checklist.Inspection
	if err := json.Unmarshal([]byte(merge.Old), &aside); err != nil || aside.Answers["2.1"].Verdict != checklist.PartlyMet {
		t.Errorf("the recorded copy is not a's: %v %+v", err, aside.Answers["2.1"])
	}
	// b takes the change: the copies go, and the entry is there once.
	sum = importBundle(t, b, export(t, a, bundle.Filter{}), false)
	if sum.Inspections.Updated != 1 || sum.ConflictCount != 0 {
		t.Errorf("b taking the change: %+v", sum)
	}
	if content(t, a) != content(t, b) {
		t.Error("a and b differ after the change")
	}
}

// TestMergeThreeDatabases is the scenario of issue 10: three databases
// share a school list; one visit is reopened and changed in each (B on
// 06-10, A on 06-20, C on 06-30), each finalized again. Their bundles
// imported into a fresh database in all six orders, and all three in one
// go, give the same content: C's copy, changed last. An all-to-all
// exchange reaches that after one round and stays there, the audit trail
// no longer growing.
func TestMergeThreeDatabases(t *testing.T) {
	clocks := map[string]*setClock{"A": {}, "B": {}, "C": {}}
	dbs := map[string]*store.Store{}
	for _, n := range []string{"A", "B", "C"} {
		clocks[n].set("2026-04-01 09:00:00")
		dbs[n] = openWithClock(t, clocks[n])
	}
	A, B, C := dbs["A"], dbs["B"], dbs["C"]
	sc := mustSchool(t, A, "城关小学", "城关镇")
	mustSchool(t, A, "东河中学", "东河乡")
	v := walk(t, A, sc.ID, "李督查", "2026-04-01", every(checklist.Met))
	shared := export(t, A, bundle.Filter{})
	importBundle(t, B, shared, false)
	importBundle(t, C, shared, false)
	change := func(n, when, item string, to checklist.Verdict) {
		clocks[n].set(when)
		s := dbs[n]
		for _, err := range []error{
			second(s.Reopen(v.ID, "复核 "+n, n)), second(s.SetVerdict(v.ID, item, to, n)), second(s.Finalize(v.ID, n)),
		} {
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	change("B", "2026-06-10 09:00:00", "1.1", checklist.NotMet)
	change("A", "2026-06-20 09:00:00", "2.1", checklist.PartlyMet)
	change("C", "2026-06-30 09:00:00", "3.1", checklist.NotMet)
	bundles := map[string][]byte{"A": export(t, A, bundle.Filter{}), "B": export(t, B, bundle.Filter{}), "C": export(t, C, bundle.Filter{})}
	want := ""
	wantRating := ""
	for _, order := range []string{"ABC", "ACB", "BAC", "BCA", "CAB", "CBA"} {
		for _, together := range []bool{false, true} {
			dc := &setClock{}
			dc.set("2026-11-29 19:03:21")
			d := openWithClock(t, dc)
			var data [][]byte
			for _, n := range order {
				data = append(data, bundles[string(n)])
			}
			var conflicts []store.Conflict
			if together {
				for _, s := range importAll(t, d, false, data...) {
					conflicts = append(conflicts, s.Conflicts...)
				}
			} else {
				for _, b := range data {
					conflicts = append(conflicts, importBundle(t, d, b, false).Conflicts...)
				}
			}
			got := content(t, d)
			rating := ratingsOf(t, d, 2026)["城关小学"]
			if want == "" {
				want, wantRating = got, rating
			} else if got != want || rating != wantRating {
				t.Errorf("order %s (together %v): %s, want %s", order, together, rating, wantRating)
			}
			kept, _ := d.Inspection(v.ID)
			if kept.Answers["3.1"].Verdict != checklist.NotMet || len(kept.Conflicting) != 2 {
				t.Errorf("order %s: kept the wrong copy (3.1 %s, %d beside)", order, kept.Answers["3.1"].Verdict, len(kept.Conflicting))
			}
			for _, c := range conflicts {
				if c.KeptAt.Before(time.Date(2026, 6, 10, 9, 0, 0, 0, time.UTC)) || c.KeptAt.After(time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)) {
					t.Errorf("order %s: a conflict kept a copy changed %v: not a time of the copies", order, c.KeptAt)
				}
			}
		}
	}
	t.Logf("城关小学 in every order: %s", wantRating)

	// All to all, three rounds.
	var trailLen int
	for round := 1; round <= 3; round++ {
		out := map[string][]byte{}
		for n, s := range dbs {
			out[n] = export(t, s, bundle.Filter{})
		}
		conflicts := 0
		for n, s := range dbs {
			var data [][]byte
			for m, b := range out {
				if m != n {
					data = append(data, b)
				}
			}
			for _, sum := range importAll(t, s, false, data...) {
				conflicts += sum.ConflictCount
				if round > 1 && sum.Changed() {
					t.Errorf("round %d changed %s: %+v", round, n, sum)
				}
			}
		}
		if content(t, A) != content(t, B) || content(t, B) != content(t, C) {
			t.Errorf("round %d: the databases differ", round)
		}
		if content(t, A) != want {
			t.Errorf("round %d: the databases differ from the fresh imports", round)
		}
		trail, _ := A.AuditTrail(v.ID)
		if round > 1 && (conflicts != 0 || len(trail) != trailLen) {
			t.Errorf("round %d: %d conflicts, the trail grew from %d to %d", round, conflicts, trailLen, len(trail))
		}
		trailLen = len(trail)
		t.Logf("round %d: %d conflicts listed, %d audit entries", round, conflicts, trailLen)
	}
	for n, s := range dbs {
		if h, err := s.Check(); err != nil || len(h.Problems) > 0 {
			t.Errorf("doctor on %s: %v %v", n, err, h.Problems)
		}
	}
}

func second[T any](_ T, err error) error { return err }

// TestMergeSchoolSameSecond: one school changed in two databases in the
// same second is decided by the copies, the same whichever imports
// which, and reported.
func TestMergeSchoolSameSecond(t *testing.T) {
	ca, cb := &setClock{}, &setClock{}
	ca.set("2026-04-01 09:00:00")
	a := openWithClock(t, ca)
	mustSchool(t, a, "城关小学", "城关镇")
	cb.set("2026-04-01 09:00:00")
	b := openWithClock(t, cb)
	importBundle(t, b, export(t, a, bundle.Filter{}), false)
	list := func(secretary string) []checklist.School {
		return []checklist.School{{Name: "城关小学", Township: "城关镇", Secretary: secretary}}
	}
	ca.set("2026-05-01 09:00:00")
	cb.set("2026-05-01 09:00:00")
	a.ImportSchools(list("张明"))
	b.ImportSchools(list("王芳"))
	fromA, fromB := export(t, a, bundle.Filter{}), export(t, b, bundle.Filter{})
	sa := importBundle(t, a, fromB, false)
	sb := importBundle(t, b, fromA, false)
	if sa.ConflictCount != 1 || sb.ConflictCount != 1 {
		t.Fatalf("conflicts %d and %d, want one each", sa.ConflictCount, sb.ConflictCount)
	}
	if content(t, a) != content(t, b) {
		t.Error("a and b differ")
	}
	got, _ := a.Schools()
	lost := sa.Conflicts[0].Lost
	t.Logf("kept %s, set aside %s", got[0].Secretary, lost.Secretary)
	if got[0].Secretary == lost.Secretary {
		t.Error("the lost copy is the kept one")
	}
}

// TestMergeRefusesBadBundles: each bad bundle is refused whole, the
// database's file unchanged to the byte, and no backup taken.
func TestMergeRefusesBadBundles(t *testing.T) {
	src := mustOpen(t)
	sc := mustSchool(t, src, "城关小学", "城关镇")
	walk(t, src, sc.ID, "李督查", "2026-04-01", every(checklist.Met))
	good, err := bundle.Read(bytes.NewReader(export(t, src, bundle.Filter{})))
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
		{"ArchivedOnNoDay", func(b *bundle.Bundle) { b.Schools[0].Archived = checklist.Date{Year: 2027, Month: 2, Day: 30} }},
		{"SameVisitOtherSchool", func(b *bundle.Bundle) {
			b.Schools = append(b.Schools, checklist.School{ID: "x", Name: "另一所", CreatedAt: time.Now(), UpdatedAt: time.Now()})
			b.Inspections[0].SchoolID = "x"
		}},
	}
	importBundle(t, dst, export(t, src, bundle.Filter{}), false) // dst has the visit
	backupsBefore, _ := dst.Backups()
	path := dst.Path()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := fileSum(t, path)
			b := cloneBundle(t, good)
			tt.break_(b)
			var buf bytes.Buffer
			if err := bundle.Write(&buf, b); err != nil {
				t.Fatal(err)
			}
			_, err := dst.ImportBundles([]store.BundleInput{{Name: "bad", R: &buf}}, false)
			if err == nil {
				t.Fatal("merged")
			}
			t.Log(err)
			if fileSum(t, path) != before {
				t.Error("the database file changed")
			}
		})
	}
	// A bundle that fails half way through its bytes.
	before := fileSum(t, path)
	data := export(t, src, bundle.Filter{})
	_, err = dst.ImportBundles([]store.BundleInput{{Name: "first", R: bytes.NewReader(data)}, {Name: "broken", R: io.MultiReader(bytes.NewReader(data[:len(data)/2]), errReader{})}}, false)
	var ie *store.ImportError
	if !errors.As(err, &ie) || ie.Name != "broken" {
		t.Errorf("err = %v, want the broken bundle named", err)
	}
	if fileSum(t, path) != before {
		t.Error("the database file changed")
	}
	if backups, _ := dst.Backups(); len(backups) != len(backupsBefore) {
		t.Errorf("a refused import took a backup: %v", backups)
	}
	assertNoScratch(t, filepath.Dir(path))
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("the disk went away") }

// assertNoScratch: no scratch copy of an import is left in dir or in the
// system's temporary folder.
func assertNoScratch(t *testing.T, dir string) {
	t.Helper()
	left, _ := filepath.Glob(filepath.Join(dir, ".*.import-*.tmp"))
	dry, _ := filepath.Glob(filepath.Join(os.TempDir(), "branchcheck-dry-run-*.db"))
	if len(left)+len(dry) > 0 {
		t.Errorf("scratch copies left: %v %v", left, dry)
	}
}

// TestMergeAddsSchoolsSetsBundleIDs: the scratch indexes follow schools
// that become one, so visits of a school known by two ids land on one.
func TestMergeSchoolsBecomeOne(t *testing.T) {
	li, wang, county := mustOpen(t), mustOpen(t), mustOpen(t)
	a := mustSchool(t, li, "城关小学(分校)", "城关镇")
	b := mustSchool(t, wang, "城关小学（分校）", "城关镇") // the same, written with full-width brackets
	walk(t, li, a.ID, "李督查", "2026-04-01", every(checklist.Met))
	walk(t, wang, b.ID, "王督查", "2026-04-02", every(checklist.NotMet))
	importAll(t, county, false, export(t, wang, bundle.Filter{}), export(t, li, bundle.Filter{}))
	schools, _ := county.Schools()
	if len(schools) != 1 {
		t.Fatalf("%d schools, want one", len(schools))
	}
	visits, _ := county.SchoolInspections(schools[0].ID)
	if len(visits) != 2 {
		t.Errorf("%d visits of the school, want 2", len(visits))
	}
	if h, _ := county.Check(); len(h.Problems) != 0 {
		t.Errorf("doctor: %v", h.Problems)
	}
	// And the same the other way round.
	other := mustOpen(t)
	importAll(t, other, false, export(t, li, bundle.Filter{}), export(t, wang, bundle.Filter{}))
	if content(t, other) != content(t, county) {
		t.Error("the order of the bundles changed the content")
	}
}

func TestExportFilter(t *testing.T) {
	s := mustOpen(t)
	a := mustSchool(t, s, "城关小学", "城关镇")
	b := mustSchool(t, s, "东河中学", "东河乡")
	mustSchool(t, s, "西山小学", "西山镇")
	walk(t, s, a.ID, "李督查", "2026-04-01", every(checklist.Met))
	walk(t, s, b.ID, "王督查", "2026-04-02", every(checklist.Met))
	read := func(f bundle.Filter) *bundle.Bundle {
		got, err := bundle.Read(bytes.NewReader(export(t, s, f)))
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	got := read(bundle.Filter{Inspector: "王督查"})
	if len(got.Inspections) != 1 || got.Inspections[0].Inspector != "王督查" || len(got.Schools) != 1 || got.Schools[0].Name != "东河中学" || len(got.Standards) != 1 {
		t.Errorf("filtered by inspector: %d inspections, %d schools, %d standards", len(got.Inspections), len(got.Schools), len(got.Standards))
	}
	got = read(bundle.Filter{Since: day("2100-01-01")})
	if len(got.Inspections) != 0 || len(got.Schools) != 0 {
		t.Errorf("since the future: %d inspections, %d schools", len(got.Inspections), len(got.Schools))
	}
	got = read(bundle.Filter{})
	if len(got.Inspections) != 2 || len(got.Schools) != 3 || len(got.Audit) != 2 {
		t.Errorf("everything: %d inspections, %d schools, %d audit", len(got.Inspections), len(got.Schools), len(got.Audit))
	}
}

// TestImportVersion1: bundles and a database from before format 2 still
// import: into a new database, and the old database takes a newer one.
func TestImportVersion1(t *testing.T) {
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("..", "bundle", "testdata", "v1", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	li, wang := read("li-v1.bundle"), read("wang-v1.bundle")
	fresh := mustOpen(t)
	sums := importAll(t, fresh, false, li, wang)
	if sums[0].Schools.Added != 3 || sums[0].Inspections.Added != 2 || sums[0].AuditAdded != 9 {
		t.Errorf("li: %+v", sums[0])
	}
	// Wang added the list on its own, with another secretary for 城关小学.
	if sums[1].Schools.Added != 0 || sums[1].Inspections.Added != 1 || sums[1].ConflictCount != 1 {
		t.Errorf("wang: %+v", sums[1])
	}
	for _, c := range sums[1].Conflicts {
		t.Logf("conflict: %s kept %v, lost %+v", c.School, c.KeptAt, c.Lost)
	}
	if h, _ := fresh.Check(); len(h.Problems) != 0 {
		t.Errorf("doctor: %v", h.Problems)
	}
	again := importAll(t, fresh, false, wang, li)
	if again[0].Changed() || again[1].Changed() {
		t.Errorf("again: %+v %+v", again[0], again[1])
	}
	other := mustOpen(t)
	importAll(t, other, false, wang, li)
	if content(t, other) != content(t, fresh) {
		t.Error("wang then li differs from li then wang")
	}

	// The old database itself: it opens, takes wang's bundle and a new
	// one, and exports what a new database reads.
	path := filepath.Join(t.TempDir(), "li-v1.db")
	data, err := os.ReadFile(filepath.Join("..", "bundle", "testdata", "v1", "li-v1.db"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(path, data, 0o600)
	old := mustOpenAt(t, path)
	importAll(t, old, false, wang, export(t, fresh, bundle.Filter{}))
	if content(t, old) != content(t, fresh) {
		t.Error("the old database differs from the new one after taking the same")
	}
}

// TestDryRunWritesNothing: a dry run on a database opened read-only
// says what would change, and leaves the file, its folder and the
// system's temporary folder as they were.
func TestDryRunWritesNothing(t *testing.T) {
	src := mustOpen(t)
	sc := mustSchool(t, src, "城关小学", "城关镇")
	walk(t, src, sc.ID, "李督查", "2026-04-01", every(checklist.Met))
	data := export(t, src, bundle.Filter{})

	dir := t.TempDir()
	path := filepath.Join(dir, "county.db")
	s, err := store.Open(path, store.Options{NoDailyBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	mustSchool(t, s, "东河中学", "东河乡")
	s.Close()
	before := fileSum(t, path)
	entries, _ := os.ReadDir(dir)

	ro, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	sum := importBundle(t, ro, data, true)
	if sum.Schools.Added != 1 || sum.Inspections.Added != 1 || sum.Backup != "" {
		t.Errorf("dry run: %+v", sum)
	}
	if fileSum(t, path) != before {
		t.Error("the database file changed")
	}
	after, _ := os.ReadDir(dir)
	if len(after) != len(entries) {
		t.Errorf("the folder changed: %v, was %v", after, entries)
	}
	assertNoScratch(t, dir)
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

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// TestChangeTimeNeverGoesBack: a laptop's clock set back does not make a
// change older than the one before it, for a visit or a school.
func TestChangeTimeNeverGoesBack(t *testing.T) {
	c := &setClock{}
	c.set("2026-06-30 09:00:00")
	s := openWithClock(t, c)
	sc := mustSchool(t, s, "城关小学", "城关镇")
	in, err := s.CreateInspection(sc.ID, "李督查", day("2026-06-30"))
	if err != nil {
		t.Fatal(err)
	}
	first, _ := s.SetVerdict(in.ID, "1.1", checklist.Met, "李督查")
	c.set("2026-01-01 08:00:00") // the clock is set back half a year
	second, err := s.SetVerdict(in.ID, "1.2", checklist.Met, "李督查")
	if err != nil {
		t.Fatal(err)
	}
	if want := first.UpdatedAt.Add(time.Second); !second.UpdatedAt.Equal(want) || !second.Answers["1.2"].At.Equal(want) {
		t.Errorf("changed at %v after %v: want one second later", second.UpdatedAt, first.UpdatedAt)
	}
	if _, err := s.ImportSchools([]checklist.School{{Name: "城关小学", Township: "城关镇", Secretary: "张明"}}); err != nil {
		t.Fatal(err)
	}
	got, _ := s.School(sc.ID)
	if !got.UpdatedAt.After(sc.UpdatedAt) || got.Versions[s.ID()] != 2 {
		t.Errorf("school changed at %v (added %v), versions %v", got.UpdatedAt, sc.UpdatedAt, got.Versions)
	}
}

// TestImportRemovesStaleScratch: a scratch copy left by an import that
// was killed is removed by the next import, and nothing else is.
func TestImportRemovesStaleScratch(t *testing.T) {
	src := mustOpen(t)
	mustSchool(t, src, "城关小学", "城关镇")
	dst := mustOpen(t)
	dir := filepath.Dir(dst.Path())
	stale := filepath.Join(dir, "."+filepath.Base(dst.Path())+".import-123.tmp")
	other := filepath.Join(dir, "notes.txt")
	os.WriteFile(stale, []byte("left by a killed import"), 0o600)
	os.WriteFile(other, []byte("mine"), 0o600)
	importBundle(t, dst, export(t, src, bundle.Filter{}), false)
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Error("the stale scratch copy is still there")
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("another file went: %v", err)
	}
	assertNoScratch(t, dir)
}

// TestImportIntoReadOnlyOpen: an import into a database opened read-only
// (how the command opens an existing one, so that opening writes nothing)
// still merges: the merged copy takes the file's place, and the Store goes
// on with it.
func TestImportIntoReadOnlyOpen(t *testing.T) {
	src := mustOpen(t)
	sc := mustSchool(t, src, "城关小学", "城关镇")
	walk(t, src, sc.ID, "李督查", "2026-04-01", every(checklist.Met))
	path := filepath.Join(t.TempDir(), "county.db")
	s, err := store.Open(path, store.Options{NoDailyBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	mustSchool(t, s, "东河中学", "东河乡")
	s.Close()
	ro, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	sum := importBundle(t, ro, export(t, src, bundle.Filter{}), false)
	if sum.Inspections.Added != 1 || sum.Backup == "" {
		t.Errorf("import: %+v", sum)
	}
	if got, _ := ro.Schools(); len(got) != 2 {
		t.Errorf("%d schools after the import, want 2", len(got))
	}
	want := content(t, ro)
	ro.Close()
	again := mustOpenAt(t, path)
	if content(t, again) != want {
		t.Error("the file does not hold what the import merged")
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode().Perm())
	}
}
