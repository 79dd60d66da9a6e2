package store_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"branchcheck/checklist"
	"branchcheck/store"
)

// countyStandard is the example standard that uses every scoring rule
// (deduction and bonus items, per-item points, veto situations, quotas).
func countyStandard(tb testing.TB) *checklist.Standard {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("..", "checklist", "testdata", "county-2027.yaml"))
	if err != nil {
		tb.Fatal(err)
	}
	std, err := checklist.ParseStandard("county-2027.yaml", data)
	if err != nil {
		tb.Fatal(err)
	}
	return std
}

// entry is what a walk enters for an item: a verdict, or a number.
type entry struct {
	v checklist.Verdict
	x float64
	n bool // x is a number to enter
}

// walkEntries walks a visit of a school with the entries given by item id
// (the other scored items 符合, or 0 for a bonus item), and finalizes it.
func walkEntries(t testing.TB, s *store.Store, schoolID, date string, std *checklist.Standard, es map[string]entry) *checklist.Inspection {
	t.Helper()
	in, err := s.CreateInspection(schoolID, "何丽", day(date))
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range std.ScoredItems() {
		e, ok := es[it.ID]
		if !ok {
			e = entry{v: checklist.Met}
			if it.Bonus != nil {
				e = entry{n: true}
			}
		}
		if e.n {
			_, err = s.SetValue(in.ID, it.ID, e.x, "何丽")
		} else {
			_, err = s.SetVerdict(in.ID, it.ID, e.v, "何丽")
		}
		if err != nil {
			t.Fatalf("item %s: %v", it.ID, err)
		}
	}
	done, err := s.Finalize(in.ID, "何丽")
	if err != nil {
		t.Fatal(err)
	}
	return done
}

// TestCountyStandardThroughTheStore: the example standard installed,
// visits walked with numbers for its deduction and bonus items, finalized:
// the schools list, RateYear and the brief rating give every school the
// score the pure function gives its answers (ScoreAnswers), hand-checked
// for one school.
func TestCountyStandardThroughTheStore(t *testing.T) {
	s := mustOpen(t)
	std := countyStandard(t)
	if err := s.InstallStandard(std); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		es   map[string]entry
		want float64 // hand-computed, 0: not checked by hand
	}{
		// 1.3 two meetings missing (-4 of 10), 2.2 three items missing
		// (-3 of 10), 2.3 5.5 points off: 100-4-3-5.5 = 87.5; bonus B.1
		// 1 commendation (+1), B.2 2.5 points: 91 (max_total 105).
		{"城关小学", map[string]entry{
			"1.3": {x: 2, n: true}, "2.2": {x: 3, n: true}, "2.3": {x: 5.5, n: true},
			"B.1": {x: 1, n: true}, "B.2": {x: 2.5, n: true},
		}, 91},
		// No activity room (2.1: 1 missing of 1, -10), 3.3 partly met
		// (-10 of 20): 80; no bonus.
		{"东河小学", map[string]entry{"2.1": {x: 1, n: true}, "3.3": {v: checklist.PartlyMet}}, 80},
		// 1.3 不得分 (-10), 2.2 not applicable (20 of 90 then 100 of 100
		// scaled... checked by the pure function), bonus capped at 105.
		{"西山小学", map[string]entry{
			"1.3": {v: checklist.NotMet}, "2.2": {v: checklist.NotApplicable},
			"B.1": {x: 2, n: true}, "B.2": {x: 3, n: true}, "B.3": {x: 1, n: true},
		}, 0},
	}
	visits := map[string]*checklist.Inspection{}
	for _, c := range cases {
		sc := mustSchool(t, s, c.name, "城关镇")
		visits[sc.ID] = walkEntries(t, s, sc.ID, "2027-05-10", std, c.es)
	}
	ov, err := s.SchoolsOverview(2027)
	if err != nil {
		t.Fatal(err)
	}
	yr, err := s.RateYear(2027)
	if err != nil {
		t.Fatal(err)
	}
	brief, err := s.RateYearBrief(2027)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]checklist.Score{}
	for _, o := range ov.Schools {
		want := checklist.ScoreAnswers(std, visits[o.School.ID].Answers)
		if o.Rating == nil || fmt.Sprint(o.Rating.Score) != fmt.Sprint(want) {
			t.Errorf("%s: the schools list scores %+v, the pure function %+v", o.School.Name, o.Rating, want)
		}
		byName[o.School.Name] = want
	}
	for _, rs := range []*checklist.YearRating{yr, brief} {
		for _, r := range rs.Ratings {
			if want := byName[r.School.Name]; fmt.Sprint(r.Score) != fmt.Sprint(want) {
				t.Errorf("%s: rated %+v, want %+v", r.School.Name, r.Score, want)
			}
		}
	}
	for _, c := range cases {
		if got := byName[c.name]; c.want != 0 && got.Total != c.want {
			t.Errorf("%s: %v points, hand-computed %v", c.name, got.Total, c.want)
		}
	}
	if got := byName["西山小学"]; got.Bonus == 0 || got.Total > 105 {
		t.Errorf("西山小学: %+v: the bonus should count, capped at 105", got)
	}
	// A verdict item refuses a number, through the store too.
	sc := mustSchool(t, s, "南岭小学", "南岭乡")
	in, err := s.CreateInspection(sc.ID, "何丽", day("2027-06-01"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetValue(in.ID, "1.1", 3, "何丽"); !errors.Is(err, checklist.ErrInvalid) {
		t.Errorf("a number for a verdict item: %v", err)
	}
	// Cleared by SetVerdict(Unanswered), the same save path.
	if _, err := s.SetValue(in.ID, "2.2", 4, "何丽"); err != nil {
		t.Fatal(err)
	}
	got, err := s.SetVerdict(in.ID, "2.2", checklist.Unanswered, "何丽")
	if err != nil || got.Answer("2.2") != (checklist.Answer{}) {
		t.Errorf("cleared: %+v %v", got.Answer("2.2"), err)
	}
}

// TestYearLock: a year published and confirmed is locked: every write to
// a visit of that year, a self-assessment or a veto record of it is
// refused without a reason, changes nothing, and with one is made and
// audited with it; another year is not concerned; withdrawn, the year is
// open again. The stage changes are in the year's audit trail.
func TestYearLock(t *testing.T) {
	s := mustOpen(t)
	a := mustSchool(t, s, "城关小学", "城关镇")
	b := mustSchool(t, s, "东河小学", "东河乡")
	va := walk(t, s, a.ID, "何丽", "2026-03-01", every(checklist.Met))
	draft, err := s.CreateInspection(b.ID, "何丽", day("2026-09-01"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ConfirmYear(2026, day("2026-11-20"), "王主任"); err == nil {
		t.Error("confirmed without a 公示")
	}
	if _, err := s.PublishYear(2026, day("2026-11-01"), day("2026-11-07"), "王主任"); err != nil {
		t.Fatal(err)
	}
	// During the 公示 nothing is locked.
	if _, err := s.SetVerdict(draft.ID, "1.1", checklist.Met, "何丽"); err != nil {
		t.Fatalf("during the 公示: %v", err)
	}
	st, err := s.ConfirmYear(2026, day("2026-11-20"), "王主任")
	if err != nil {
		t.Fatal(err)
	}
	if !st.Locked() || len(st.Named) != 1 || st.Named[0].SchoolID != a.ID || st.Named[0].Stars != 5 {
		t.Fatalf("confirmed: %+v", st)
	}
	refused := func(what string, err error) {
		t.Helper()
		if !errors.Is(err, checklist.ErrReasonRequired) {
			t.Errorf("%s in a confirmed year: %v, want a reason asked for", what, err)
		}
	}
	_, err = s.SetVerdict(draft.ID, "1.2", checklist.Met, "何丽")
	refused("an answer to a draft", err)
	_, err = s.SetNote(draft.ID, "1.1", "补", "何丽")
	refused("a note", err)
	_, err = s.Finalize(draft.ID, "何丽")
	refused("finalizing", err)
	_, err = s.Reopen(va.ID, "  ", "何丽")
	refused("reopening without a reason", err)
	_, err = s.CreateInspection(a.ID, "何丽", day("2026-12-01"))
	refused("a new visit", err)
	_, err = s.RedateDraft(draft.ID, day("2026-09-02"))
	refused("re-dating a draft", err)
	refused("deleting a draft", s.DeleteDraft(draft.ID))
	if got, err := s.Inspection(draft.ID); err != nil || got.Date != day("2026-09-01") {
		t.Errorf("a refused re-date or delete changed the draft: %+v, %v", got, err)
	}
	_, err = s.SetSelfVerdict(a.ID, 2026, "1.1", checklist.Met, checklist.SourcePaper, "张干事")
	refused("a self-assessment", err)
	if got, _ := s.Inspection(draft.ID); got.Answer("1.2").Verdict != checklist.Unanswered || got.Answer("1.1").Note != "" {
		t.Errorf("a refused change changed the draft: %+v", got.Answers)
	}
	if sa, _, _ := s.SelfAssessment(a.ID, 2026); sa != nil {
		t.Errorf("a refused self-assessment was saved: %+v", sa)
	}
	// Another year is open.
	old, err := s.CreateInspection(a.ID, "何丽", day("2025-06-01"))
	if err != nil {
		t.Errorf("a visit of 2025: %v", err)
	} else {
		_, err = s.RedateDraft(old.ID, day("2026-06-01"))
		refused("re-dating a draft into a confirmed year", err)
	}
	// With a reason.
	fix := s.Amending("复核更正：1.2 资料已补齐")
	if _, err := fix.SetVerdict(draft.ID, "1.2", checklist.Met, "何丽"); err != nil {
		t.Fatal(err)
	}
	trail, err := s.AuditTrail(draft.ID)
	if err != nil || len(trail) != 1 || trail[0].ItemID != "1.2" || trail[0].Reason != "复核更正：1.2 资料已补齐" {
		t.Errorf("the draft's trail: %+v %v", trail, err)
	}
	if _, err := s.Reopen(va.ID, "复核：3.5 应为不符合", "何丽"); err != nil {
		t.Fatal(err)
	}
	if _, err := fix.SetVerdict(va.ID, "3.5", checklist.NotMet, "何丽"); err != nil {
		t.Fatal(err)
	}
	if _, err := fix.Finalize(va.ID, "何丽"); err != nil {
		t.Fatal(err)
	}
	if _, err := fix.SetSelfVerdict(a.ID, 2026, "1.1", checklist.Met, checklist.SourcePaper, "张干事"); err != nil {
		t.Fatal(err)
	}
	ye, err := s.YearEnd(2026)
	if err != nil {
		t.Fatal(err)
	}
	if changed := ye.ChangedAfterConfirm(); len(changed) != 1 || changed[0] != a.ID {
		t.Errorf("changed after 确定: %v", changed)
	}
	year, err := s.YearAudit(2026)
	if err != nil {
		t.Fatal(err)
	}
	var fields []string
	for _, c := range year {
		fields = append(fields, c.Field+":"+c.New+":"+c.Reason)
	}
	want := []string{"stage:publicity 2026-11-01 2026-11-07:", "stage:confirmed:", "verdict:met:复核更正：1.2 资料已补齐"}
	if fmt.Sprint(fields) != fmt.Sprint(want) {
		t.Errorf("the year's trail %q, want %q", fields, want)
	}
	// Withdrawn with a reason, the year is open again.
	if _, err := s.WithdrawYear(2026, "", "王主任"); !errors.Is(err, checklist.ErrReasonRequired) {
		t.Errorf("withdrawn without a reason: %v", err)
	}
	if _, err := s.WithdrawYear(2026, "复核后重新评定", "王主任"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetNote(draft.ID, "1.1", "补", "何丽"); err != nil {
		t.Errorf("after the withdrawal: %v", err)
	}
	if st, _ := s.YearStage(2026); st.Stage != checklist.StageInitial || len(st.History) != 3 {
		t.Errorf("withdrawn: %+v", st)
	}
}

// TestVetoRecords: a veto situation recorded caps the stars (or
// disqualifies) in RateYear, the schools list and the brief rating alike;
// recorded twice is refused; lifted, it no longer applies and is kept;
// recorded again after its lift, it applies again. Each change is in the
// year's trail.
func TestVetoRecords(t *testing.T) {
	s := mustOpen(t)
	std := countyStandard(t)
	if err := s.InstallStandard(std); err != nil {
		t.Fatal(err)
	}
	a := mustSchool(t, s, "城关小学", "城关镇")
	b := mustSchool(t, s, "东河小学", "东河乡")
	walkEntries(t, s, a.ID, "2027-05-10", std, nil)
	walkEntries(t, s, b.ID, "2027-05-11", std, nil)
	stars := func() map[string][3]int {
		t.Helper()
		yr, err := s.RateYear(2027)
		if err != nil {
			t.Fatal(err)
		}
		brief, err := s.RateYearBrief(2027)
		if err != nil {
			t.Fatal(err)
		}
		ov, err := s.SchoolsOverview(2027)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string][3]int{}
		for i := range yr.Ratings {
			v := out[yr.Ratings[i].School.Name]
			v[0] = yr.Ratings[i].Score.Stars
			out[yr.Ratings[i].School.Name] = v
			v = out[brief.Ratings[i].School.Name]
			v[1] = brief.Ratings[i].Score.Stars
			out[brief.Ratings[i].School.Name] = v
			v = out[ov.Schools[i].School.Name]
			v[2] = ov.Schools[i].Rating.Score.Stars
			out[ov.Schools[i].School.Name] = v
		}
		return out
	}
	if got := stars(); got["城关小学"] != [3]int{5, 5, 5} {
		t.Fatalf("before: %v", got)
	}
	if _, err := s.RecordVeto(a.ID, 2027, "nosuch", "县纪委通报", "王主任"); !errors.Is(err, checklist.ErrNotFound) {
		t.Errorf("an unknown situation: %v", err)
	}
	if _, err := s.RecordVeto(a.ID, 2027, "discipline", "", "王主任"); !errors.Is(err, checklist.ErrReasonRequired) {
		t.Errorf("without a reason: %v", err)
	}
	r, err := s.RecordVeto(a.ID, 2027, "discipline", "县纪委〔2027〕5号通报", "王主任")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordVeto(b.ID, 2027, "weak", "县委组织部认定", "王主任"); err != nil {
		t.Fatal(err)
	}
	if got := stars(); got["城关小学"] != [3]int{2, 2, 2} || got["东河小学"] != [3]int{0, 0, 0} {
		t.Errorf("capped at 2 and disqualified: %v", got)
	}
	if _, err := s.RecordVeto(a.ID, 2027, "discipline", "再记一次", "王主任"); !errors.Is(err, checklist.ErrInvalid) {
		t.Errorf("recorded twice: %v", err)
	}
	if _, err := s.LiftVeto("nosuch/2027/x", "误记", "王主任"); !errors.Is(err, checklist.ErrNotFound) {
		t.Errorf("lifting an unknown record: %v", err)
	}
	if _, err := s.LiftVeto(r.ID, "", "王主任"); !errors.Is(err, checklist.ErrReasonRequired) {
		t.Errorf("lifted without a reason: %v", err)
	}
	lifted, err := s.LiftVeto(r.ID, "复核撤销", "王主任")
	if err != nil || lifted.Active() || lifted.LiftReason != "复核撤销" {
		t.Fatalf("lifted: %+v %v", lifted, err)
	}
	if got := stars(); got["城关小学"] != [3]int{5, 5, 5} {
		t.Errorf("after the lift: %v", got)
	}
	all, err := s.Vetoes(2027)
	if err != nil || len(all) != 2 {
		t.Errorf("the records, lifted kept: %+v %v", all, err)
	}
	again, err := s.RecordVeto(a.ID, 2027, "discipline", "重新认定", "王主任")
	if err != nil || !again.Active() || again.Versions[s.ID()] != 3 {
		t.Fatalf("recorded again: %+v %v", again, err)
	}
	trail, _ := s.YearAudit(2027)
	if len(trail) != 4 || trail[2].Field != store.FieldVeto || trail[2].Old != "discipline" || trail[2].Reason != "复核撤销" {
		t.Errorf("the year's trail: %+v", trail)
	}
	// The quotas: two schools, one at 2 stars after the veto, one
	// disqualified: no quota exceeded. Without vetoes both are 5 stars:
	// ★5 at most 30% of 2 (0 allowed) is exceeded.
	if w, err := s.QuotaWarnings(2027); err != nil || len(w) != 0 {
		t.Errorf("quotas with the vetoes: %+v %v", w, err)
	}
	s.LiftVeto(again.ID, "复核撤销", "王主任")
	s.LiftVeto(checklist.VetoRecordID(b.ID, 2027, "weak"), "复核撤销", "王主任")
	w, err := s.QuotaWarnings(2027)
	if err != nil || len(w) != 2 || w[0].Count != 2 || w[0].Allowed != 0 {
		t.Errorf("quotas: %+v %v", w, err)
	}
	d, err := s.StarDistribution(2027)
	if err != nil || d.All.Counts[5] != 2 || len(d.Townships) != 2 {
		t.Errorf("distribution: %+v %v", d, err)
	}
}

// TestSelfAssessment: a branch's answers entered from its paper form, a
// number for a deduction item, a note, its signature, a workbook's cells
// imported all or nothing; each change in the year's trail; compared with
// the rated visit in YearEnd.
func TestSelfAssessment(t *testing.T) {
	s := mustOpen(t)
	std := countyStandard(t)
	if err := s.InstallStandard(std); err != nil {
		t.Fatal(err)
	}
	a := mustSchool(t, s, "城关小学", "城关镇")
	if _, err := s.SetSelfValue(a.ID, 2027, "2.2", 2, checklist.SourcePaper, "张干事"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetSelfVerdict(a.ID, 2027, "1.1", checklist.PartlyMet, checklist.SourcePaper, "张干事"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetSelfNote(a.ID, 2027, "1.1", "见会议记录", checklist.SourcePaper, "张干事"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SignSelfAssessment(a.ID, 2026, "王书记", day("2026-11-20"), "张干事"); err != nil {
		t.Fatal(err)
	}
	// A workbook with a bad cell changes nothing.
	if _, _, err := s.ImportSelfAssessment(a.ID, 2027, store.SelfEntries{Cells: map[string]string{"1.2": "符合", "2.3": "很多"}}, checklist.SourceWorkbook, "张干事"); err == nil {
		t.Error("a bad cell was imported")
	}
	sa, selfStd, err := s.SelfAssessment(a.ID, 2027)
	if err != nil || selfStd.ID != std.ID || sa.Answers["1.2"].Verdict != checklist.Unanswered {
		t.Fatalf("after the refused import: %+v %v", sa, err)
	}
	sa, n, err := s.ImportSelfAssessment(a.ID, 2027, store.SelfEntries{Cells: map[string]string{"1.2": "符合", "2.3": "1.5", "1.1": "部分符合"}}, checklist.SourceWorkbook, "张干事")
	if err != nil || n != 2 {
		t.Fatalf("imported %d: %v", n, err)
	}
	if got := sa.Answers["2.3"]; got.Value != 1.5 || got.Verdict != checklist.PartlyMet || got.Source != checklist.SourceWorkbook {
		t.Errorf("2.3: %+v", got)
	}
	trail, _ := s.YearAudit(2027)
	var fields []string
	for _, c := range trail {
		fields = append(fields, c.ItemID+":"+c.Field+":"+c.Old+">"+c.New)
	}
	want := []string{"2.2:value:>2", "1.1:verdict:>partly_met", "1.1:note:>见会议记录", "1.2:verdict:>met", "2.3:value:>1.5"}
	if fmt.Sprint(fields) != fmt.Sprint(want) {
		t.Errorf("trail %q, want %q", fields, want)
	}
	walkEntries(t, s, a.ID, "2027-05-10", std, map[string]entry{"2.2": {x: 6, n: true}})
	ye, err := s.YearEnd(2027)
	if err != nil {
		t.Fatal(err)
	}
	c := ye.Self[a.ID]
	if c == nil {
		t.Fatal("no comparison")
	}
	// Self: 1.1 half (-5), 2.2 two missing (-2), 2.3 -1.5, the rest
	// unanswered: provisional. Inspection: 2.2 six missing (-6): 94.
	if c.Inspection.Total != 94 || !c.Self.Provisional {
		t.Errorf("comparison %+v", c)
	}
}
