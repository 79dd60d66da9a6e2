package checklist_test

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"branchcheck/checklist"
)

// TestSetValue: a deduction item takes a number, gives the verdict it
// means, and every change is one FieldValue change with the entries as
// the audit trail writes them.
func TestSetValue(t *testing.T) {
	std := example(t)
	in := newDraft(t, std)
	steps := []struct {
		name     string
		set      func() (checklist.Change, bool, error)
		changed  bool
		old, new string
		verdict  checklist.Verdict
		value    float64
		points   float64 // 一's points afterwards (1.1 and 1.2 unanswered)
	}{
		{"TwoMissing", func() (checklist.Change, bool, error) { return in.SetValue(std, "1.3", 2, "李", t0) },
			true, "", "2", checklist.PartlyMet, 2, 6},
		{"Same", func() (checklist.Change, bool, error) { return in.SetValue(std, "1.3", 2, "李", t0) },
			false, "", "", checklist.PartlyMet, 2, 6},
		{"AllMissing", func() (checklist.Change, bool, error) { return in.SetValue(std, "1.3", 5, "李", t0) },
			true, "2", "5", checklist.NotMet, 5, 0},
		{"NoPointsKey", func() (checklist.Change, bool, error) { return in.SetVerdict(std, "1.3", checklist.NotMet, "李", t0) },
			true, "5", "not_met", checklist.NotMet, 0, 0},
		{"MetKeyIsNothingMissing", func() (checklist.Change, bool, error) { return in.SetVerdict(std, "1.3", checklist.Met, "李", t0) },
			true, "not_met", "0", checklist.Met, 0, 10},
		{"NotApplicable", func() (checklist.Change, bool, error) {
			return in.SetVerdict(std, "1.3", checklist.NotApplicable, "李", t0)
		}, true, "0", "not_applicable", checklist.NotApplicable, 0, 0},
		{"Cleared", func() (checklist.Change, bool, error) {
			return in.SetVerdict(std, "1.3", checklist.Unanswered, "李", t0)
		},
			true, "not_applicable", "", checklist.Unanswered, 0, 0},
	}
	for _, s := range steps {
		c, ok, err := s.set()
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if ok != s.changed {
			t.Errorf("%s: changed %v, want %v", s.name, ok, s.changed)
		}
		if ok && (c.Field != checklist.FieldValue || c.ItemID != "1.3" || c.Old != s.old || c.New != s.new) {
			t.Errorf("%s: change %+v, want value %q -> %q", s.name, c, s.old, s.new)
		}
		a := in.Answer("1.3")
		if a.Verdict != s.verdict || a.Value != s.value {
			t.Errorf("%s: answer %+v, want %s %v", s.name, a, s.verdict, s.value)
		}
		if got := checklist.ScoreInspection(std, in).Requirements[0].Points; got != s.points {
			t.Errorf("%s: 一 scores %v, want %v", s.name, got, s.points)
		}
	}
	if _, ok := in.Answers["1.3"]; ok {
		t.Error("a cleared answer with no note is kept")
	}
}

func TestSetValueRefuses(t *testing.T) {
	std := example(t)
	in := newDraft(t, std)
	tests := []struct {
		name, item string
		value      float64
		verdict    checklist.Verdict // set instead of the value when not ""
		zh         string
	}{
		{"VerdictItem", "1.1", 1, "", "项目 1.1 按符合、部分符合、不符合、不适用作答，不填数字"},
		{"NotACount", "1.3", 2.5, "", "项目 1.3 填的是个数（次），应为整数，不是 2.5"},
		{"MoreThanTheList", "1.3", 6, "", "项目 1.3 最多 5 次，不是 6"},
		{"Negative", "2.3", -1, "", "项目 2.3 应填 0 或正数，不是 -1"},
		{"NaN", "2.3", math.NaN(), "", "应填 0 或正数"},
		{"ThreeDecimals", "2.3", 1.234, "", "项目 2.3 的分数最多两位小数，不是 1.234"},
		{"AboveBonusCap", "B.2", 3.5, "", "项目 B.2 最多加 3 分（封顶），不是 3.5"},
		{"PartlyMetNeedsTheNumber", "1.3", 0, checklist.PartlyMet, "项目 1.3 是扣分项：请填写缺了几次，或选不得分、不适用"},
		{"BonusTakesANumber", "B.1", 0, checklist.Met, "项目 B.1 是加分项：请填写有几次（没有填 0），或选不适用"},
		{"BonusHasNoNoPoints", "B.1", 0, checklist.NotMet, "是加分项"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			if tt.verdict != "" {
				_, _, err = in.SetVerdict(std, tt.item, tt.verdict, "李", t0)
			} else {
				_, _, err = in.SetValue(std, tt.item, tt.value, "李", t0)
			}
			if !errors.Is(err, checklist.ErrInvalid) {
				t.Fatalf("err = %v, want ErrInvalid", err)
			}
			if zh := chinese(err); !strings.Contains(zh, tt.zh) {
				t.Errorf("in Chinese %q, want %q", zh, tt.zh)
			}
			if len(in.Answers) != 0 {
				t.Errorf("a refused entry changed the answers: %v", in.Answers)
			}
		})
	}
	// Bonus entered as points within the cap, and as a count past the
	// cap (the cap applies when scoring).
	if _, _, err := in.SetValue(std, "B.2", 2.25, "李", t0); err != nil {
		t.Error(err)
	}
	if _, _, err := in.SetValue(std, "B.1", 7, "李", t0); err != nil {
		t.Error(err)
	}
	if sc := checklist.ScoreInspection(std, in); sc.Requirements[3].Points != 4.25 {
		t.Errorf("bonus %v, want 2 (B.1 capped) + 2.25", sc.Requirements[3].Points)
	}
}

// TestValueItemsThroughTheCycle: the gate, finalizing, the audit after a
// reopen, and the findings read a deduction item by the verdict its
// number gives.
func TestValueItemsThroughTheCycle(t *testing.T) {
	std := example(t)
	in := newDraft(t, std)
	for _, it := range std.ScoredItems() {
		if it.TakesValue() {
			continue
		}
		if _, _, err := in.SetVerdict(std, it.ID, checklist.Met, "李", t0); err != nil {
			t.Fatal(err)
		}
	}
	var inc *checklist.IncompleteError
	if _, err := in.Finalize(std, "李", t0); !errors.As(err, &inc) || strings.Join(inc.Missing, " ") != "1.3 2.1 2.2 2.3 B.1 B.2 B.3" {
		t.Fatalf("finalize with the values missing: %v", err)
	}
	for id, x := range map[string]float64{"1.3": 0, "2.1": 0, "2.2": 3, "2.3": 0, "B.1": 0, "B.2": 0, "B.3": 1} {
		if _, _, err := in.SetValue(std, id, x, "李", t0); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := in.Finalize(std, "李", t0); err != nil {
		t.Fatal(err)
	}
	if _, _, err := in.SetValue(std, "2.2", 4, "李", t0); !errors.Is(err, checklist.ErrFinalized) {
		t.Errorf("a finalized visit took a value: %v", err)
	}
	// 2.2 three missing is 部分符合: a finding, with its number.
	fs := checklist.Findings(std, in)
	if len(fs) != 1 || fs[0].Item.ID != "2.2" || fs[0].Answer.Value != 3 || fs[0].Answer.Verdict != checklist.PartlyMet {
		t.Errorf("findings %+v", fs)
	}
	if sc := checklist.ScoreInspection(std, in); sc.Total != 98 || sc.Bonus != 1 || sc.Base != 97 || sc.Provisional {
		t.Errorf("score %+v", sc)
	}
	at := t0.Add(time.Hour)
	if _, err := in.Reopen("复查发现少算一项", "王", at); err != nil {
		t.Fatal(err)
	}
	c, _, err := in.SetValue(std, "2.2", 4, "王", at)
	if err != nil || c.Reason != "复查发现少算一项" || c.Old != "3" || c.New != "4" || c.Field != checklist.FieldValue {
		t.Errorf("audited change %+v, %v", c, err)
	}
}

func TestParseEntry(t *testing.T) {
	std := example(t)
	tests := []struct {
		item, cell string
		verdict    checklist.Verdict
		value      float64
		err        string // part of the Chinese error, "" for none
	}{
		{"1.1", "符合", checklist.Met, 0, ""},
		{"1.1", " √ ", checklist.Met, 0, ""},
		{"1.1", "部分符合", checklist.PartlyMet, 0, ""},
		{"1.1", "基本符合", checklist.PartlyMet, 0, ""},
		{"1.1", "×", checklist.NotMet, 0, ""},
		{"1.1", "不得分", checklist.NotMet, 0, ""},
		{"1.1", "不适用", checklist.NotApplicable, 0, ""},
		{"1.1", "Partly Met", checklist.PartlyMet, 0, ""},
		{"1.1", "", checklist.Unanswered, 0, ""},
		{"1.1", "2", "", 0, "项目 1.1 应填符合、部分符合、不符合或不适用，不是“2”"},
		{"1.3", "2", checklist.PartlyMet, 2, ""},
		{"1.3", "３", checklist.PartlyMet, 3, ""}, // full-width, as a Chinese keyboard types it
		{"1.3", "0", checklist.Met, 0, ""},
		{"1.3", "符合", checklist.Met, 0, ""},
		{"1.3", "不得分", checklist.NotMet, 0, ""},
		{"1.3", "不适用", checklist.NotApplicable, 0, ""},
		{"1.3", "部分符合", "", 0, "是扣分项"},
		{"1.3", "两次", "", 0, "项目 1.3 应填缺了几次（数字），或“不适用”，不是“两次”"},
		{"1.3", "1.5", "", 0, "应为整数"},
		{"2.1", "1", checklist.NotMet, 1, ""},
		{"2.3", "2.5", checklist.PartlyMet, 2.5, ""},
		{"B.2", "1.5", checklist.Met, 1.5, ""},
		{"B.2", "符合", "", 0, "是加分项"},
		{"B.2", "9", "", 0, "封顶"},
	}
	for _, tt := range tests {
		it, _, _ := std.Item(tt.item)
		v, x, err := checklist.ParseEntry(it, tt.cell)
		if tt.err != "" {
			if err == nil || !strings.Contains(chinese(err), tt.err) {
				t.Errorf("%s %q: err %v, want %q", tt.item, tt.cell, err, tt.err)
			}
			continue
		}
		if err != nil || v != tt.verdict || x != tt.value {
			t.Errorf("%s %q = %s %v %v, want %s %v", tt.item, tt.cell, v, x, err, tt.verdict, tt.value)
		}
	}
}

func TestEntryText(t *testing.T) {
	for want, a := range map[string]checklist.Answer{
		"":               {},
		"not_applicable": {Verdict: checklist.NotApplicable},
		"not_met":        {Verdict: checklist.NotMet},
		"10":             {Verdict: checklist.NotMet, Value: 10},
		"0":              {Verdict: checklist.Met},
		"2.5":            {Verdict: checklist.PartlyMet, Value: 2.5},
	} {
		if got := checklist.EntryText(a); got != want {
			t.Errorf("EntryText(%+v) = %q, want %q", a, got, want)
		}
	}
}

// TestEntryTextRoundTrip: what the audit trail writes for a value item,
// ParseEntry reads back to the same answer (an undo restores it so).
func TestEntryTextRoundTrip(t *testing.T) {
	std := example(t)
	for _, id := range []string{"1.3", "2.3", "B.1", "B.2"} {
		it, _, _ := std.Item(id)
		var entries []checklist.Answer
		for _, x := range []float64{0, 1, 2} {
			v, x, err := it.ValueEntry(x)
			if err != nil {
				t.Fatal(err)
			}
			entries = append(entries, checklist.Answer{Verdict: v, Value: x})
		}
		for _, v := range []checklist.Verdict{checklist.Unanswered, checklist.NotApplicable, checklist.NotMet} {
			if v, x, err := it.VerdictEntry(v); err == nil {
				entries = append(entries, checklist.Answer{Verdict: v, Value: x})
			}
		}
		for _, a := range entries {
			v, x, err := checklist.ParseEntry(it, checklist.EntryText(a))
			if err != nil || v != a.Verdict || x != a.Value {
				t.Errorf("item %s: %+v written %q reads back as %s %v %v", id, a, checklist.EntryText(a), v, x, err)
			}
		}
	}
}
