package checklist_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"branchcheck/checklist"
)

// selfFull is a branch that gives itself everything: every verdict item
// 符合, nothing missing, and B.1 once.
func selfFull(t *testing.T, std *checklist.Standard) *checklist.SelfAssessment {
	t.Helper()
	sa, err := checklist.NewSelfAssessment("s1", 2027, std, t0)
	if err != nil {
		t.Fatal(err)
	}
	cells := map[string]string{}
	for _, it := range std.ScoredItems() {
		cells[it.ID] = "符合"
		if it.TakesValue() {
			cells[it.ID] = "0"
		}
	}
	cells["B.1"] = "1"
	if n, err := sa.Import(std, cells, checklist.SourceWorkbook, "张书记", t0); err != nil || n != 12 {
		t.Fatalf("import: %d answers, %v", n, err)
	}
	return sa
}

func TestSelfAssessmentEntries(t *testing.T) {
	std := example(t)
	sa, err := checklist.NewSelfAssessment("s1", 2027, std, t0)
	if err != nil {
		t.Fatal(err)
	}
	if sa.ID != "s1/2027" || sa.StandardID != std.ID {
		t.Errorf("%+v", sa)
	}
	at := t0.Add(time.Hour)
	if ok, err := sa.SetVerdict(std, "1.1", checklist.PartlyMet, checklist.SourcePaper, "录入员 王", at); !ok || err != nil {
		t.Fatalf("SetVerdict: %v %v", ok, err)
	}
	if ok, err := sa.SetValue(std, "1.3", 1, checklist.SourcePaper, "录入员 王", at); !ok || err != nil {
		t.Fatalf("SetValue: %v %v", ok, err)
	}
	if ok, _ := sa.SetValue(std, "1.3", 1, checklist.SourcePaper, "录入员 王", at); ok {
		t.Error("the same value again reports a change")
	}
	if _, err := sa.SetNote(std, "1.3", "  有会议记录  ", checklist.SourcePaper, "录入员 王", at); err != nil {
		t.Fatal(err)
	}
	a := sa.Answers["1.3"]
	if a.Verdict != checklist.PartlyMet || a.Value != 1 || a.Note != "有会议记录" || a.Source != checklist.SourcePaper || a.By != "录入员 王" || !a.At.Equal(at) {
		t.Errorf("answer %+v", a)
	}
	if !sa.UpdatedAt.Equal(at) {
		t.Errorf("updated at %v", sa.UpdatedAt)
	}
	if got := strings.Join(sa.Missing(std), " "); got != "1.2 2.1 2.2 2.3 3.1 3.2 3.3 B.1 B.2 B.3" {
		t.Errorf("missing %s", got)
	}
	// 一: 5 + 0 + 8; provisional.
	if sc := sa.Score(std); sc.Requirements[0].Points != 13 || !sc.Provisional {
		t.Errorf("score %+v", sc.Requirements[0])
	}
	refused := []struct {
		name string
		err  error
		kind error
	}{
		{"PartlyMetOnDeduction", func() error {
			_, err := sa.SetVerdict(std, "1.3", checklist.PartlyMet, checklist.SourcePaper, "王", at)
			return err
		}(), checklist.ErrInvalid},
		{"UnknownSource", func() error { _, err := sa.SetVerdict(std, "1.1", checklist.Met, "email", "王", at); return err }(), checklist.ErrInvalid},
		{"UnknownItem", func() error {
			_, err := sa.SetVerdict(std, "9.9", checklist.Met, checklist.SourcePaper, "王", at)
			return err
		}(), checklist.ErrNotFound},
		{"OtherStandard", func() error {
			_, err := sa.SetVerdict(checklist.DefaultStandard(), "1.1", checklist.Met, checklist.SourcePaper, "王", at)
			return err
		}(), checklist.ErrInvalid},
		{"OtherYearsStandard", func() error { _, err := checklist.NewSelfAssessment("s1", 2026, std, t0); return err }(), checklist.ErrInvalid},
	}
	for _, r := range refused {
		if !errors.Is(r.err, r.kind) {
			t.Errorf("%s: %v, want %v", r.name, r.err, r.kind)
		}
	}
	if err := sa.Sign("张书记", checklist.Date{Year: 2027, Month: 12, Day: 2}, checklist.Date{Year: 2027, Month: 12, Day: 1}); !errors.Is(err, checklist.ErrInvalid) {
		t.Errorf("signed after today: %v", err)
	}
	if err := sa.Sign("张书记", checklist.Date{Year: 2027, Month: 11, Day: 30}, checklist.Date{Year: 2027, Month: 12, Day: 1}); err != nil || sa.SignedBy != "张书记" {
		t.Errorf("sign: %v", err)
	}
}

// TestSelfAssessmentImportAllOrNothing: one cell that cannot be read, or
// an item the standard does not have, and nothing is recorded.
func TestSelfAssessmentImportAllOrNothing(t *testing.T) {
	std := example(t)
	for name, cells := range map[string]map[string]string{
		"BadCell":     {"1.1": "符合", "1.3": "两次"},
		"UnknownItem": {"1.1": "符合", "9.9": "符合"},
	} {
		t.Run(name, func(t *testing.T) {
			sa, _ := checklist.NewSelfAssessment("s1", 2027, std, t0)
			if _, err := sa.Import(std, cells, checklist.SourceWorkbook, "张", t0); err == nil {
				t.Fatal("imported")
			}
			if len(sa.Answers) != 0 {
				t.Errorf("a failed import recorded %v", sa.Answers)
			}
		})
	}
}

func TestCompareSelf(t *testing.T) {
	std := example(t)
	sa := selfFull(t, std)
	// The inspection of TestExampleScores' Deductions: 66.5.
	v := visit("v1", "s1", std, "2027-11-20", checklist.Finalized, entries(t, std, map[string]string{
		"1.2": "部分符合", "1.3": "2", "2.2": "3", "2.3": "2.5", "3.2": "不符合", "3.3": "部分符合", "B.1": "1",
	}))
	c, err := checklist.CompareSelf(std, sa, std, v)
	if err != nil {
		t.Fatal(err)
	}
	// 自评 100 + 1 = 101; 考评 66.5; a gap of 34.5 is large (at least 8).
	if c.Self.Total != 101 || c.Inspection.Total != 66.5 || c.Gap != 34.5 || !c.Large || c.LargeGap != 8 {
		t.Errorf("self %v inspection %v gap %v large %v (at %v)", c.Self.Total, c.Inspection.Total, c.Gap, c.Large, c.LargeGap)
	}
	// Per item: 1.2 10 vs 5 (half of 10: large at the standard's 0.5),
	// 1.3 10 vs 6 (4: not), 2.2 3, 2.3 2.5, 3.2 10 vs 0 (large), 3.3 20
	// vs 10 (half of 20: large).
	wantGap := map[string]float64{"1.1": 0, "1.2": 5, "1.3": 4, "2.1": 0, "2.2": 3, "2.3": 2.5, "3.1": 0, "3.2": 10, "3.3": 10, "B.1": 0, "B.2": 0, "B.3": 0}
	if len(c.Items) != len(wantGap) {
		t.Fatalf("%d items, want %d", len(c.Items), len(wantGap))
	}
	for _, g := range c.Items {
		if g.Gap != wantGap[g.ItemID] || !g.InSelf || !g.InInspection {
			t.Errorf("item %s gap %v (in self %v, in inspection %v), want %v", g.ItemID, g.Gap, g.InSelf, g.InInspection, wantGap[g.ItemID])
		}
	}
	if got := strings.Join(c.LargeItems(), " "); got != "1.2 3.2 3.3" {
		t.Errorf("large items %s, want 1.2 3.2 3.3", got)
	}

	// The checks.
	other := visit("v2", "s2", std, "2027-11-20", checklist.Finalized, nil)
	lastYear := visit("v3", "s1", std, "2026-11-20", checklist.Finalized, nil)
	for name, in := range map[string]*checklist.Inspection{"OtherSchool": other, "OtherYear": lastYear} {
		if _, err := checklist.CompareSelf(std, sa, std, in); !errors.Is(err, checklist.ErrInvalid) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := checklist.CompareSelf(std, sa, checklist.DefaultStandard(), v); !errors.Is(err, checklist.ErrInvalid) {
		t.Errorf("the visit's standard not given: %v", err)
	}
}

// TestCompareSelfDefaults: the shipped standard's thresholds are the
// defaults, 10 points in total and a whole item.
func TestCompareSelfDefaults(t *testing.T) {
	def := checklist.DefaultStandard()
	sa, _ := checklist.NewSelfAssessment("s1", 2026, def, t0)
	for _, it := range def.ScoredItems() {
		if it.ID != "5.3" { // left unanswered by the branch
			sa.SetVerdict(def, it.ID, checklist.Met, checklist.SourcePaper, "王", t0)
		}
	}
	// 一: 1.1 部分符合, 1.2 不符合, 1.3 符合: 20 × 1.5/3 = 10; 5.3 不符合.
	v := visit("v1", "s1", def, "2026-11-20", checklist.Draft,
		with(with(with(answersAll(def, checklist.Met), checklist.PartlyMet, "1.1"), checklist.NotMet, "1.2"), checklist.NotMet, "5.3"))
	c, err := checklist.CompareSelf(def, sa, def, v)
	if err != nil {
		t.Fatal(err)
	}
	// 自评: 五要 20 of 21 items: 19.05, total 99.05; 考评: 10 + 19.05 + 60 =
	// 89.05; the gap 10 is large at the default 10.
	if c.Self.Total != 99.05 || c.Inspection.Total != 89.05 || c.Gap != 10 || !c.Large || c.LargeGap != checklist.DefaultLargeGap {
		t.Errorf("self %v inspection %v gap %v large %v", c.Self.Total, c.Inspection.Total, c.Gap, c.Large)
	}
	if !c.Inspection.Provisional {
		t.Error("a draft's score is not provisional")
	}
	// 1.1 half an item: not large at the default (a whole item); 1.2 a
	// whole item: large; 5.3 unanswered by the branch: never large.
	if got := strings.Join(c.LargeItems(), " "); got != "1.2" {
		t.Errorf("large items %s, want 1.2", got)
	}
}

// TestCompareSelfAcrossStandards: items are matched by id; an item only
// one side's standard scores is listed with that side alone.
func TestCompareSelfAcrossStandards(t *testing.T) {
	older := small()
	older.ID = "small-v1"
	newer := small()
	newer.ID = "small-v2"
	newer.Requirements[1].Groups[0].Items[1].ID = "b3" // b2 replaced by b3
	sa, _ := checklist.NewSelfAssessment("s1", 2026, older, t0)
	for _, id := range []string{"a1", "a2", "b1", "b2"} {
		sa.SetVerdict(older, id, checklist.Met, checklist.SourcePaper, "王", t0)
	}
	v := visit("v1", "s1", newer, "2026-06-01", checklist.Finalized, answersAll(newer, checklist.Met))
	c, err := checklist.CompareSelf(older, sa, newer, v)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, g := range c.Items {
		side := "both"
		switch {
		case !g.InSelf:
			side = "inspection"
		case !g.InInspection:
			side = "self"
		}
		got = append(got, g.ItemID+":"+side)
	}
	if s := strings.Join(got, " "); s != "a1:both a2:both b1:both b3:inspection b2:self" {
		t.Errorf("items %s", s)
	}
}
