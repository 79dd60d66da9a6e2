package store_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"branchcheck/checklist"
	"branchcheck/store"
)

// visitWith walks a visit of a school on a date, answering every scored
// item with pick(i), and finalizes it unless draft.
func visitWith(t *testing.T, s *store.Store, schoolID, date string, pick func(i int) checklist.Verdict, draft bool) *checklist.Inspection {
	t.Helper()
	in, err := s.CreateInspection(schoolID, "李督查", day(date))
	if err != nil {
		t.Fatal(err)
	}
	for i, it := range checklist.DefaultStandard().ScoredItems() {
		if in, err = s.SetVerdict(in.ID, it.ID, pick(i), "李督查"); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.SetNote(in.ID, "1.1", "书记到位", "李督查"); err != nil {
		t.Fatal(err)
	}
	if draft {
		return in
	}
	if in, err = s.Finalize(in.ID, "李督查"); err != nil {
		t.Fatal(err)
	}
	return in
}

func allOf(v checklist.Verdict) func(int) checklist.Verdict {
	return func(int) checklist.Verdict { return v }
}

// mix gives a spread of verdicts, different per seed.
func mix(seed int) func(int) checklist.Verdict {
	return func(i int) checklist.Verdict { return checklist.Verdicts[(i*7+seed)%len(checklist.Verdicts)] }
}

// overviewByID returns the schools list of a year by school id.
func overviewByID(t *testing.T, s *store.Store, year int) map[string]checklist.SchoolOverview {
	t.Helper()
	ov, err := s.SchoolsOverview(year)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]checklist.SchoolOverview{}
	for _, o := range ov.Schools {
		out[o.School.ID] = o
	}
	return out
}

func TestSchoolsOverview(t *testing.T) {
	s := mustOpen(t)
	never := mustSchool(t, s, "北山小学", "北山乡")
	drafting := mustSchool(t, s, "城关小学", "城关镇")
	rated := mustSchool(t, s, "东河中学", "东河乡")
	lastYear := mustSchool(t, s, "西岭小学", "西岭镇")

	draft := visitWith(t, s, drafting.ID, "2026-05-01", allOf(checklist.Met), true)
	early := visitWith(t, s, rated.ID, "2026-03-01", allOf(checklist.Met), false)
	late := visitWith(t, s, rated.ID, "2026-09-01", mix(1), false)
	visitWith(t, s, rated.ID, "2025-12-01", allOf(checklist.NotMet), false)
	visitWith(t, s, lastYear.ID, "2025-06-01", allOf(checklist.Met), false)

	ov, err := s.SchoolsOverview(2026)
	if err != nil {
		t.Fatal(err)
	}
	if ov.Year != 2026 || ov.MaxStars != 5 || len(ov.Schools) != 4 {
		t.Fatalf("overview %d, max %d, %d schools", ov.Year, ov.MaxStars, len(ov.Schools))
	}
	var order []string
	for _, o := range ov.Schools {
		order = append(order, o.School.ID)
	}
	schools, _ := s.Schools()
	checklist.SortSchools(schools)
	var want []string
	for _, sc := range schools {
		want = append(want, sc.ID)
	}
	if !slices.Equal(order, want) {
		t.Errorf("order %v, want SortSchools' %v", order, want)
	}
	if len(ov.Standards) != 1 || ov.Standards[0].ID != checklist.DefaultStandardID {
		t.Errorf("standards %v", ov.Standards)
	}

	got := overviewByID(t, s, 2026)
	if o := got[never.ID]; !o.LastVisit.IsZero() || o.HasDraft() || o.Rated() || o.Drafts != 0 {
		t.Errorf("never visited: %+v", o)
	}
	if o := got[drafting.ID]; o.LastVisit != day("2026-05-01") || o.DraftID != draft.ID || o.Drafts != 1 || o.Rated() {
		t.Errorf("drafting: %+v", o)
	}
	o := got[rated.ID]
	if o.LastVisit != day("2026-09-01") || o.HasDraft() || !o.Rated() || o.Rating.VisitID != late.ID {
		t.Fatalf("rated: %+v", o)
	}
	full, _ := s.Inspection(late.ID)
	std := checklist.DefaultStandard()
	if want := checklist.ScoreInspection(std, full); !slices.Equal(o.Rating.Score.Requirements, want.Requirements) ||
		o.Rating.Score.Total != want.Total || o.Rating.Score.Stars != want.Stars || o.Rating.Score.Lagging != want.Lagging ||
		o.Rating.Score.Provisional || o.Rating.Score.Answered != want.Answered {
		t.Errorf("score %+v, want %+v", o.Rating.Score, want)
	}
	if o.Rating.Date != late.Date || o.Rating.Inspector != "李督查" || !o.Rating.FinalizedAt.Equal(full.FinalizedAt) || o.Rating.MaxStars() != 5 {
		t.Errorf("rating %+v", o.Rating)
	}
	if o := got[lastYear.ID]; o.Rated() || o.LastVisit != day("2025-06-01") {
		t.Errorf("rated only last year: %+v", o)
	}
	if o := overviewByID(t, s, 2025)[lastYear.ID]; !o.Rated() {
		t.Errorf("2025: %+v", o)
	}

	// Reopening the latest visit rates the school from the one before;
	// finalizing it again brings it back.
	if _, err := s.Reopen(late.ID, "复核", "王主任"); err != nil {
		t.Fatal(err)
	}
	if o := overviewByID(t, s, 2026)[rated.ID]; o.Rating == nil || o.Rating.VisitID != early.ID || o.DraftID != late.ID {
		t.Errorf("after reopen: %+v", o)
	}
	if _, err := s.SetVerdict(late.ID, "1.1", checklist.NotMet, "王主任"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Finalize(late.ID, "王主任"); err != nil {
		t.Fatal(err)
	}
	o = overviewByID(t, s, 2026)[rated.ID]
	full, _ = s.Inspection(late.ID)
	if o.Rating == nil || o.Rating.VisitID != late.ID || o.HasDraft() || o.Rating.Score.Total != checklist.ScoreInspection(std, full).Total {
		t.Errorf("after finalizing again: %+v", o)
	}

	// A deleted draft leaves no trace.
	if err := s.DeleteDraft(draft.ID); err != nil {
		t.Fatal(err)
	}
	if o := overviewByID(t, s, 2026)[drafting.ID]; !o.LastVisit.IsZero() || o.HasDraft() {
		t.Errorf("after deleting the draft: %+v", o)
	}

	// One line reads the same as the list.
	for id, want := range overviewByID(t, s, 2026) {
		one, err := s.SchoolOverview(2026, id)
		if err != nil {
			t.Fatal(err)
		}
		if describe(one) != describe(want) {
			t.Errorf("SchoolOverview %s = %+v, the list has %+v", id, one, want)
		}
	}
	if _, err := s.SchoolOverview(2026, "nope"); err == nil {
		t.Error("SchoolOverview of an unknown school")
	}
	if h, _ := s.Check(); len(h.Problems) != 0 {
		t.Errorf("doctor: %v", h.Problems)
	}
}

// describe writes a schools list line, its rating included.
func describe(o checklist.SchoolOverview) string {
	out := fmt.Sprintf("%s %s %s %d", o.School.ID, o.LastVisit, o.DraftID, o.Drafts)
	if r := o.Rating; r != nil {
		out += fmt.Sprintf(" %s %s %s %s %s %+v", r.VisitID, r.Date, r.Inspector, r.FinalizedAt.UTC(), r.Standard.ID, r.Score)
	}
	return out
}

func TestWalkVisit(t *testing.T) {
	s := mustOpen(t)
	sc := mustSchool(t, s, "城关小学", "城关镇")
	in := visitWith(t, s, sc.ID, "2026-05-01", mix(2), true)
	if err := s.SetSetting(store.SettingInspector, "李督查"); err != nil {
		t.Fatal(err)
	}
	w, err := s.WalkVisit(in.ID)
	if err != nil {
		t.Fatal(err)
	}
	if w.Visit.ID != in.ID || len(w.Visit.Answers) != len(in.Answers) || w.Standard.ID != in.StandardID ||
		w.School.ID != sc.ID || w.School.Name != "城关小学" || w.Inspector != "李督查" {
		t.Errorf("walk visit %+v", w)
	}
	// The visit is the caller's: changing it changes nothing stored.
	w.Visit.Answers["1.1"] = checklist.Answer{Verdict: checklist.NotMet}
	if again, _ := s.WalkVisit(in.ID); again.Visit.Answers["1.1"].Verdict != in.Answers["1.1"].Verdict {
		t.Error("a change to a returned visit reached the store")
	}
	if _, err := s.WalkVisit("nope"); err == nil {
		t.Error("walk of an unknown visit")
	}
}

func TestSchoolVisits(t *testing.T) {
	s := mustOpen(t)
	sc := mustSchool(t, s, "城关小学", "城关镇")
	other := mustSchool(t, s, "北山小学", "北山乡")
	visitWith(t, s, other.ID, "2026-06-01", allOf(checklist.NotMet), false)

	empty, err := s.SchoolVisits(sc.ID)
	if err != nil || len(empty.Visits) != 0 || empty.LastFinalized() != nil || empty.ToFix() != nil || empty.School.ID != sc.ID {
		t.Fatalf("no visits: %+v, %v", empty, err)
	}
	first := visitWith(t, s, sc.ID, "2025-04-01", allOf(checklist.NotMet), false)
	second := visitWith(t, s, sc.ID, "2026-04-01", mix(3), false)
	third := visitWith(t, s, sc.ID, "2026-10-01", allOf(checklist.Met), true)
	s.SetSetting(store.SettingInspector, "王")

	sv, err := s.SchoolVisits(sc.ID)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, v := range sv.Visits {
		ids = append(ids, v.Visit.ID)
		if want := checklist.ScoreInspection(v.Standard, v.Visit); v.Score.Total != want.Total || v.Score.Provisional != want.Provisional {
			t.Errorf("visit %s score %+v, want %+v", v.Visit.ID, v.Score, want)
		}
	}
	if !slices.Equal(ids, []string{third.ID, second.ID, first.ID}) {
		t.Errorf("visits %v, want latest first", ids)
	}
	if !sv.Visits[0].Score.Provisional || sv.Inspector != "王" {
		t.Errorf("draft not provisional or inspector %q", sv.Inspector)
	}
	if last := sv.LastFinalized(); last == nil || last.Visit.ID != second.ID {
		t.Fatalf("last finalized %+v", last)
	}
	fixes := sv.ToFix()
	var want []string
	for _, it := range checklist.DefaultStandard().ScoredItems() {
		if second.Answers[it.ID].Verdict.NeedsFixing() {
			want = append(want, it.ID)
		}
	}
	var got []string
	for _, f := range fixes {
		got = append(got, f.Item.ID)
		if a := second.Answers[f.Item.ID]; f.Answer.Verdict != a.Verdict || f.Answer.Note != a.Note {
			t.Errorf("finding %s answer %+v", f.Item.ID, f.Answer)
		}
	}
	if len(want) == 0 || !slices.Equal(got, want) {
		t.Errorf("to fix %v, want %v", got, want)
	}
	if _, err := s.SchoolVisits("nope"); err == nil {
		t.Error("visits of an unknown school")
	}
}

// TestRateYearAgreesWithEveryVisit: the year's rating read through the
// summaries is the rating computed from every visit of the year.
func TestRateYearAgreesWithEveryVisit(t *testing.T) {
	s := mustOpen(t)
	var ids []string
	for i := range 8 {
		sc := mustSchool(t, s, fmt.Sprintf("第%d小学", i), fmt.Sprintf("乡镇%d", i%3))
		ids = append(ids, sc.ID)
		for v := range i % 4 {
			visitWith(t, s, sc.ID, fmt.Sprintf("2026-%02d-01", 3+v*2), mix(i+v), v == 2)
		}
	}
	visitWith(t, s, ids[5], "2025-05-01", allOf(checklist.Met), false)
	got, err := s.RateYear(2026)
	if err != nil {
		t.Fatal(err)
	}
	schools, _ := s.Schools()
	visits, _ := s.YearInspections(2026)
	stds, _ := s.Standards()
	want, err := checklist.RateYear(2026, schools, visits, stds)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Ratings) != len(want.Ratings) || len(got.Standards) != len(want.Standards) {
		t.Fatalf("%d ratings, want %d", len(got.Ratings), len(want.Ratings))
	}
	for i := range want.Ratings {
		g, w := got.Ratings[i], want.Ratings[i]
		if g.School.ID != w.School.ID || g.Rated() != w.Rated() || g.Score.Total != w.Score.Total || g.Score.Stars != w.Score.Stars {
			t.Errorf("rating %d: %s %v %v, want %s %v %v", i, g.School.Name, g.Rated(), g.Score.Total, w.School.Name, w.Rated(), w.Score.Total)
		}
		if w.Rated() && (g.Visit.ID != w.Visit.ID || len(g.Visit.Answers) != len(w.Visit.Answers)) {
			t.Errorf("rating %d from visit %s, want %s", i, g.Visit.ID, w.Visit.ID)
		}
	}
	if empty, err := s.RateYear(2030); err != nil || len(empty.Ratings) != 8 || empty.Ratings[0].Rated() {
		t.Errorf("a year without visits: %v", err)
	}
}

// TestSummariesFollowEveryChange: after any sequence of changes to
// visits and schools (added, renamed, moved to another township,
// archived, brought back, deleted) the summaries and the school list are
// what a rebuild from the visits and schools would make, and the schools
// list read from the school list is the one read from the summaries.
func TestSummariesFollowEveryChange(t *testing.T) {
	s := mustOpen(t)
	rng := rand.New(rand.NewPCG(3, 4))
	towns := []string{"城关镇", "长安乡", "朝阳镇", ""}
	names := []string{"第一小学", "实验小学", "县一中", "童心幼儿园", "第二小学", "职业中学"}
	var schools []string
	for i := range 5 {
		schools = append(schools, mustSchool(t, s, fmt.Sprintf("第%d小学", i), "城关镇").ID)
	}
	items := checklist.DefaultStandard().ScoredItems()
	var visits []string
	for step := range 200 {
		switch op := rng.IntN(10); {
		case op == 0 || len(visits) == 0:
			sc := schools[rng.IntN(len(schools))]
			date := fmt.Sprintf("%d-%02d-%02d", 2025+rng.IntN(2), 1+rng.IntN(12), 1+rng.IntN(3))
			if in, err := s.CreateInspection(sc, "李", day(date)); err == nil {
				visits = append(visits, in.ID)
			}
		case op == 1:
			id := visits[rng.IntN(len(visits))]
			for _, it := range items {
				s.SetVerdict(id, it.ID, checklist.Verdicts[rng.IntN(4)], "李")
			}
			s.Finalize(id, "李")
		case op == 2:
			s.Reopen(visits[rng.IntN(len(visits))], "复核", "王")
		case op == 3:
			id := visits[rng.IntN(len(visits))]
			if s.DeleteDraft(id) == nil {
				visits = slices.DeleteFunc(visits, func(v string) bool { return v == id })
			}
		case op == 4: // renamed or moved: its line moves in the list
			sc, err := s.School(schools[rng.IntN(len(schools))])
			if err != nil {
				t.Fatal(err)
			}
			sc.Name = fmt.Sprintf("%s%d", names[rng.IntN(len(names))], rng.IntN(3))
			sc.Township = towns[rng.IntN(len(towns))]
			sc.Secretary = fmt.Sprintf("书记%d", step)
			s.EditSchool(sc)
		case op == 5:
			id := schools[rng.IntN(len(schools))]
			if rng.IntN(2) == 0 {
				s.ArchiveSchool(id)
			} else {
				s.UnarchiveSchool(id)
			}
		case op == 6:
			sc, err := s.AddSchool(checklist.School{Name: fmt.Sprintf("新学校%d", step), Township: towns[rng.IntN(len(towns))]})
			if err != nil {
				t.Fatal(err)
			}
			schools = append(schools, sc.ID)
		case op == 7:
			id := schools[rng.IntN(len(schools))]
			if s.DeleteSchool(id) == nil {
				schools = slices.DeleteFunc(schools, func(v string) bool { return v == id })
			}
		default:
			s.SetVerdict(visits[rng.IntN(len(visits))], items[rng.IntN(len(items))].ID, checklist.NotMet, "李")
		}
		if step%10 == 9 {
			h, err := s.Check()
			if err != nil {
				t.Fatal(err)
			}
			if len(h.Summaries) != 0 {
				t.Fatalf("step %d: %v", step, h.Summaries)
			}
			for _, year := range []int{2025, 2026} {
				fromList, fromSummaries, err := store.SchoolsOverviewBothWays(s, year)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(fromList, fromSummaries) {
					t.Fatalf("step %d, %d: the schools list from the school list\n%s\nfrom the summaries\n%s", step, year, lines(fromList), lines(fromSummaries))
				}
			}
		}
	}
}

// lines says a schools list's lines, their ratings included.
func lines(list []checklist.SchoolOverview) string {
	var b strings.Builder
	for _, o := range list {
		fmt.Fprintf(&b, "%+v %s %d %s", o.School, o.LastVisit, o.Drafts, o.DraftID)
		if r := o.Rating; r != nil {
			fmt.Fprintf(&b, " rated %s %s %v", r.VisitID, r.Date, r.Score.Total)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func TestAddSchoolUsesTheNameIndex(t *testing.T) {
	s := mustOpen(t)
	a := mustSchool(t, s, "城关小学", "城关镇")
	if _, err := s.AddSchool(checklist.School{Name: "城关小学", Township: "城关镇"}); err == nil {
		t.Error("added a second 城关小学 in 城关镇")
	}
	if _, err := s.AddSchool(checklist.School{Name: "城关小学", Township: "东河乡"}); err != nil {
		t.Errorf("the same name in another township: %v", err)
	}
	// A rename through an import moves the school's name in the index.
	sum, err := s.ImportSchools([]checklist.School{{ID: a.ID, Name: "城关第一小学", Township: "城关镇"}})
	if err != nil || sum.Updated != 1 {
		t.Fatalf("%+v %v", sum, err)
	}
	if _, err := s.AddSchool(checklist.School{Name: "城关第一小学", Township: "城关镇"}); err == nil {
		t.Error("added a school under the renamed school's name")
	}
	if _, err := s.AddSchool(checklist.School{Name: "城关小学", Township: "城关镇"}); err != nil {
		t.Errorf("the old name is free again: %v", err)
	}
	// An import matches by name and township through the index.
	sum, err = s.ImportSchools([]checklist.School{{Name: "城关第一小学", Township: "城关镇", Secretary: "张"}})
	if err != nil || sum.Updated != 1 || sum.Added != 0 {
		t.Errorf("%+v %v", sum, err)
	}
	if h, _ := s.Check(); len(h.Problems) != 0 {
		t.Errorf("doctor: %v", h.Problems)
	}
}

// TestReadModelsInParallel: with enough schools to decode on several
// processors, the schools list and the year's rating are what the one
// school's line and the rating from every visit say (run with -race).
func TestReadModelsInParallel(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 2,400 schools")
	}
	s := mustOpen(t)
	if err := store.GenerateForBench(s, store.BenchData{Schools: 2400, Townships: 30, Years: 1, VisitsPerYear: 1, LastYear: 2026}); err != nil {
		t.Fatal(err)
	}
	ov, err := s.SchoolsOverview(2026)
	if err != nil || len(ov.Schools) != 2400 {
		t.Fatalf("%v", err)
	}
	rated := 0
	for i, o := range ov.Schools {
		if o.Rated() {
			rated++
		}
		if i%97 != 0 {
			continue
		}
		one, err := s.SchoolOverview(2026, o.School.ID)
		if err != nil || describe(one) != describe(o) {
			t.Errorf("line %d: %s, alone %s (%v)", i, describe(o), describe(one), err)
		}
	}
	got, err := s.RateYear(2026)
	if err != nil {
		t.Fatal(err)
	}
	schools, _ := s.Schools()
	visits, _ := s.YearInspections(2026)
	stds, _ := s.Standards()
	want, err := checklist.RateYear(2026, schools, visits, stds)
	if err != nil {
		t.Fatal(err)
	}
	for i := range want.Ratings {
		g, w := got.Ratings[i], want.Ratings[i]
		if g.School.ID != w.School.ID || g.Rated() != w.Rated() || g.Score.Total != w.Score.Total {
			t.Fatalf("rating %d: %s %v, want %s %v", i, g.School.ID, g.Score.Total, w.School.ID, w.Score.Total)
		}
	}
	if n, _, _ := got.Counts(); n != rated || rated < 2000 {
		t.Errorf("%d rated, the list has %d", n, rated)
	}
}

// TestRatedArchivedSchool: a school archived in a year it was rated in
// leaves the schools list but stays in the year's ratings, as RateYear
// keeps it; archived without a rating that year, it leaves both.
func TestRatedArchivedSchool(t *testing.T) {
	s := mustOpen(t)
	kept := mustSchool(t, s, "城关小学", "城关镇")
	gone := mustSchool(t, s, "北山小学", "北山镇")
	idle := mustSchool(t, s, "南河小学", "南河镇")
	for _, id := range []string{kept.ID, gone.ID} {
		visitWith(t, s, id, "2026-03-01", allOf(checklist.Met), false)
	}
	for _, id := range []string{gone.ID, idle.ID} {
		if _, err := s.ArchiveSchool(id); err != nil {
			t.Fatal(err)
		}
	}
	ov, err := s.SchoolsOverview(2026)
	if err != nil {
		t.Fatal(err)
	}
	ids := func(lines []checklist.SchoolOverview) (out []string) {
		for _, o := range lines {
			out = append(out, o.School.Name)
		}
		return out
	}
	if got := ids(ov.Schools); !slices.Equal(got, []string{"城关小学"}) || ov.Archived != 2 {
		t.Errorf("the list %v, %d archived", got, ov.Archived)
	}
	if got := ids(ov.Ratings()); !slices.Equal(got, []string{"北山小学", "城关小学"}) {
		t.Errorf("the ratings %v", got)
	}
	yr, err := s.RateYear(2026)
	if err != nil {
		t.Fatal(err)
	}
	brief, err := s.RateYearBrief(2026)
	if err != nil {
		t.Fatal(err)
	}
	if len(brief.Ratings) != len(yr.Ratings) || len(brief.Ratings) != 2 {
		t.Errorf("RateYearBrief rates %d schools, RateYear %d", len(brief.Ratings), len(yr.Ratings))
	}
}
