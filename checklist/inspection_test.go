package checklist_test

import (
	"errors"
	"testing"
	"time"

	"branchcheck/checklist"
)

var t0 = time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)

func newDraft(t *testing.T, std *checklist.Standard) *checklist.Inspection {
	t.Helper()
	in, err := checklist.NewInspection("v1", "s1", std, "李督查", checklist.Date{Year: 2026, Month: 11, Day: 29}, t0)
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func TestNewInspectionNeeds(t *testing.T) {
	std := checklist.DefaultStandard()
	day := checklist.Date{Year: 2026, Month: 3, Day: 1}
	tests := []struct {
		name, id, school, inspector string
		date                        checklist.Date
	}{
		{"ID", "", "s", "李", day},
		{"School", "v", "", "李", day},
		{"Inspector", "v", "s", "  ", day},
		{"Date", "v", "s", "李", checklist.Date{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := checklist.NewInspection(tt.id, tt.school, std, tt.inspector, tt.date, t0)
			if !errors.Is(err, checklist.ErrInvalid) {
				t.Errorf("err = %v, want ErrInvalid", err)
			}
		})
	}
}

func TestSetVerdictAndNote(t *testing.T) {
	std := checklist.DefaultStandard()
	in := newDraft(t, std)

	c, ok, err := in.SetVerdict(std, "3.10", checklist.Met, "李督查", t0)
	if err != nil || !ok {
		t.Fatalf("SetVerdict: %v %v", ok, err)
	}
	if c.ItemID != "3.10" || c.Old != "" || c.New != "met" || c.Reason != "" {
		t.Errorf("change %+v", c)
	}
	if _, ok, _ := in.SetVerdict(std, "3.10", checklist.Met, "李督查", t0); ok {
		t.Error("setting the same verdict again reports a change")
	}
	if _, _, err := in.SetNote(std, "3.10", "  标牌已挂  ", "李督查", t0); err != nil {
		t.Fatal(err)
	}
	if a := in.Answer("3.10"); a.Note != "标牌已挂" || a.Verdict != checklist.Met {
		t.Errorf("answer %+v", a)
	}
	// Clearing the verdict keeps the note.
	if _, _, err := in.SetVerdict(std, "3.10", checklist.Unanswered, "李督查", t0); err != nil {
		t.Fatal(err)
	}
	if a, ok := in.Answers["3.10"]; !ok || a.Note != "标牌已挂" || a.Verdict != checklist.Unanswered {
		t.Errorf("after clearing: %+v %v", a, ok)
	}
	// Clearing the note too removes the answer.
	in.SetNote(std, "3.10", "", "李督查", t0)
	if _, ok := in.Answers["3.10"]; ok {
		t.Error("an empty answer is kept")
	}

	for name, tc := range map[string]struct {
		item string
		v    checklist.Verdict
		want error
	}{
		"UnknownItem": {"9.9", checklist.Met, checklist.ErrNotFound},
		"GapItem":     {"4.4", checklist.Met, checklist.ErrNotScored},
		"BadVerdict":  {"1.1", "maybe", checklist.ErrInvalid},
	} {
		t.Run(name, func(t *testing.T) {
			if _, _, err := in.SetVerdict(std, tc.item, tc.v, "李督查", t0); !errors.Is(err, tc.want) {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
		})
	}
	other := checklist.DefaultStandard()
	other.ID = "other"
	if _, _, err := in.SetVerdict(other, "1.1", checklist.Met, "李督查", t0); !errors.Is(err, checklist.ErrInvalid) {
		t.Errorf("answering under another standard: %v", err)
	}
}

func TestFinalizeGate(t *testing.T) {
	std := checklist.DefaultStandard()
	in := newDraft(t, std)
	for _, it := range std.ScoredItems() {
		if it.ID == "3.10" || it.ID == "1.2" {
			continue
		}
		in.SetVerdict(std, it.ID, checklist.Met, "李督查", t0)
	}
	_, err := in.Finalize(std, "李督查", t0)
	var inc *checklist.IncompleteError
	if !errors.As(err, &inc) {
		t.Fatalf("finalize with two unanswered: %v", err)
	}
	if len(inc.Missing) != 2 || inc.Missing[0] != "1.2" || inc.Missing[1] != "3.10" {
		t.Errorf("missing %v, want [1.2 3.10] in display order", inc.Missing)
	}
	if in.Status != checklist.Draft {
		t.Error("a refused finalize changed the status")
	}
	in.SetVerdict(std, "1.2", checklist.NotApplicable, "李督查", t0)
	in.SetVerdict(std, "3.10", checklist.NotMet, "李督查", t0)
	c, err := in.Finalize(std, "李督查", t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if in.Status != checklist.Finalized || !in.FinalizedAt.Equal(t0.Add(time.Hour)) || c.New != "finalized" {
		t.Errorf("after finalize: %+v, change %+v", in, c)
	}
	if _, _, err := in.SetVerdict(std, "3.10", checklist.Met, "李督查", t0); !errors.Is(err, checklist.ErrFinalized) {
		t.Errorf("changing a finalized visit: %v", err)
	}
	if _, _, err := in.SetNote(std, "3.10", "x", "李督查", t0); !errors.Is(err, checklist.ErrFinalized) {
		t.Errorf("noting a finalized visit: %v", err)
	}
	if _, err := in.Finalize(std, "李督查", t0); !errors.Is(err, checklist.ErrFinalized) {
		t.Errorf("finalizing twice: %v", err)
	}
}

func TestReopenAudits(t *testing.T) {
	std := checklist.DefaultStandard()
	in := newDraft(t, std)
	if _, err := in.Reopen("x", "李督查", t0); !errors.Is(err, checklist.ErrNotFinalized) {
		t.Errorf("reopening a draft: %v", err)
	}
	for _, it := range std.ScoredItems() {
		c, _, _ := in.SetVerdict(std, it.ID, checklist.Met, "李督查", t0)
		if c.Reason != "" || in.Audited() {
			t.Fatal("a first walk is audited")
		}
	}
	if _, err := in.Finalize(std, "李督查", t0); err != nil {
		t.Fatal(err)
	}
	if _, err := in.Reopen("   ", "王主任", t0); !errors.Is(err, checklist.ErrReasonRequired) {
		t.Errorf("reopen without a reason: %v", err)
	}
	c, err := in.Reopen("复核发现3.3设备未到位", "王主任", t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if in.Status != checklist.Draft || c.Field != checklist.FieldStatus || c.Reason != "复核发现3.3设备未到位" || c.By != "王主任" {
		t.Errorf("reopen change %+v", c)
	}
	c, ok, err := in.SetVerdict(std, "3.3", checklist.NotMet, "王主任", t0.Add(2*time.Hour))
	if err != nil || !ok {
		t.Fatal(err)
	}
	want := checklist.Change{InspectionID: "v1", ItemID: "3.3", Field: "verdict", Old: "met", New: "not_met", By: "王主任", At: t0.Add(2 * time.Hour), Reason: "复核发现3.3设备未到位"}
	if c != want {
		t.Errorf("audited change\n got %+v\nwant %+v", c, want)
	}
}

func TestCompareVersions(t *testing.T) {
	tests := []struct {
		name string
		a, b map[string]uint64
		want checklist.Order
	}{
		{"BothEmpty", nil, nil, checklist.Same},
		{"Equal", map[string]uint64{"x": 3}, map[string]uint64{"x": 3}, checklist.Same},
		{"Ahead", map[string]uint64{"x": 4}, map[string]uint64{"x": 3}, checklist.Newer},
		{"Behind", map[string]uint64{"x": 3}, map[string]uint64{"x": 3, "y": 1}, checklist.Older},
		{"Both", map[string]uint64{"x": 4, "y": 1}, map[string]uint64{"x": 3, "y": 2}, checklist.Concurrent},
		{"Disjoint", map[string]uint64{"x": 1}, map[string]uint64{"y": 1}, checklist.Concurrent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := checklist.CompareVersions(tt.a, tt.b); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestTouch(t *testing.T) {
	in := &checklist.Inspection{}
	in.Touch("db1", t0)
	in.Touch("db1", t0.Add(-time.Hour))
	if in.Versions["db1"] != 2 || !in.UpdatedAt.Equal(t0) {
		t.Errorf("versions %v updated %v", in.Versions, in.UpdatedAt)
	}
}

func TestDate(t *testing.T) {
	d, err := checklist.ParseDate("2026-03-09")
	if err != nil || d != (checklist.Date{Year: 2026, Month: 3, Day: 9}) || d.String() != "2026-03-09" {
		t.Errorf("ParseDate: %v %v", d, err)
	}
	for _, bad := range []string{"2026-13-01", "2026/03/09", "", "03-09-2026"} {
		if _, err := checklist.ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) accepted", bad)
		}
	}
	if d.Compare(checklist.Date{Year: 2026, Month: 3, Day: 10}) != -1 || d.Compare(d) != 0 || d.Compare(checklist.Date{Year: 2025, Month: 12, Day: 31}) != 1 {
		t.Error("Compare")
	}
	var back checklist.Date
	b, _ := d.MarshalText()
	if err := back.UnmarshalText(b); err != nil || back != d {
		t.Errorf("round trip %v %v", back, err)
	}
}

func TestParseVerdict(t *testing.T) {
	for _, v := range append(checklist.Verdicts, checklist.Unanswered) {
		if got, err := checklist.ParseVerdict(string(v)); err != nil || got != v {
			t.Errorf("ParseVerdict(%q) = %q, %v", v, got, err)
		}
	}
	if _, err := checklist.ParseVerdict("yes"); !errors.Is(err, checklist.ErrInvalid) {
		t.Errorf("ParseVerdict(yes): %v", err)
	}
}
