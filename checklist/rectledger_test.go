package checklist_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"branchcheck/checklist"
)

// ledgerCounty is three schools in two townships with rectifications in
// every state, on 2026-11-29:
//
//	城关一小 (s1): 3.5 closed by a later visit; 3.6 open and overdue,
//	    rechecked; 5.1.2 reported done.
//	城关二小 (s3): 2.1 found in 2025 and closed in 2026; 2.2 found in 2025,
//	    still open and overdue.
//	东河小学 (s2): 1.1 found a week ago, open, not overdue yet.
func ledgerCounty(t *testing.T) ([]checklist.School, map[string][]checklist.Rectification, map[string]*checklist.Standard) {
	t.Helper()
	std := checklist.DefaultStandard()
	stds := map[string]*checklist.Standard{std.ID: std}
	N, P := checklist.NotMet, checklist.PartlyMet
	schools := []checklist.School{
		{ID: "s2", Name: "东河小学", Township: "东河乡", Secretary: "王书记"},
		{ID: "s1", Name: "城关一小", Township: "城关镇", Secretary: "李书记"},
		{ID: "s3", Name: "城关二小", Township: "城关镇", Secretary: "赵书记"},
	}
	of := func(school string, vs ...*checklist.Inspection) []*checklist.Inspection {
		for _, v := range vs {
			v.SchoolID = school
		}
		return vs
	}
	derive := func(sc checklist.School, visits []*checklist.Inspection, act func(map[string]*checklist.Rectification)) []checklist.Rectification {
		rs := checklist.DeriveRectifications(sc, visits, stds, nil)
		if act != nil {
			byID := map[string]*checklist.Rectification{}
			for i := range rs {
				byID[rs[i].ID] = &rs[i]
			}
			act(byID)
			rs = checklist.DeriveRectifications(sc, visits, stds, rs)
		}
		return rs
	}
	rects := map[string][]checklist.Rectification{
		"s1": derive(schools[1], of("s1",
			rectVisit(t, std, "a1", "2026-03-10", map[string]checklist.Verdict{"3.5": N, "3.6": N, "5.1.2": P}),
			rectVisit(t, std, "a2", "2026-10-20", map[string]checklist.Verdict{"3.6": N, "5.1.2": P}),
		), func(r map[string]*checklist.Rectification) {
			if err := r["a1/5.1.2"].Report("张校长", day(t, "2026-11-01"), "分工文件.pdf", day(t, "2026-11-29")); err != nil {
				t.Fatal(err)
			}
		}),
		"s2": derive(schools[0], of("s2",
			rectVisit(t, std, "b1", "2026-11-20", map[string]checklist.Verdict{"1.1": N}),
		), nil),
		"s3": derive(schools[2], of("s3",
			rectVisit(t, std, "c1", "2025-05-01", map[string]checklist.Verdict{"2.1": N, "2.2": P}),
			rectVisit(t, std, "c2", "2026-05-01", map[string]checklist.Verdict{"2.2": P}),
		), nil),
	}
	return schools, rects, stds
}

// rows says what a ledger lists, one line per rectification.
func rows(l *checklist.RectLedger) []string {
	var out []string
	l.Each(func(s *checklist.SchoolRectifications, e *checklist.RectEntry) bool {
		line := fmt.Sprintf("%s/%s %s %s", s.School.Township, s.School.Name, e.ID, e.Status())
		if n := e.DaysOverdue(l.Today); n > 0 {
			line += fmt.Sprintf(" overdue %d", n)
		}
		out = append(out, line)
		return true
	})
	return out
}

func TestRectLedger(t *testing.T) {
	schools, rects, stds := ledgerCounty(t)
	today := day(t, "2026-11-29")
	all := checklist.RectCounts{Open: 4, Overdue: 2, Reported: 1, Closed: 2}
	tests := []struct {
		name   string
		filter checklist.RectFilter
		counts checklist.RectCounts
		want   []string
	}{
		{"open by default, by township and school in pinyin order, by deadline", checklist.RectFilter{}, all, []string{
			"城关镇/城关二小 c1/2.2 open overdue 547",
			"城关镇/城关一小 a1/3.6 open overdue 234",
			"城关镇/城关一小 a1/5.1.2 reported",
			"东河乡/东河小学 b1/1.1 open",
		}},
		{"overdue", checklist.RectFilter{View: checklist.ViewOverdue}, all, []string{
			"城关镇/城关二小 c1/2.2 open overdue 547",
			"城关镇/城关一小 a1/3.6 open overdue 234",
		}},
		{"reported", checklist.RectFilter{View: checklist.ViewReported}, all, []string{"城关镇/城关一小 a1/5.1.2 reported"}},
		{"closed", checklist.RectFilter{View: checklist.ViewClosed}, all, []string{
			"城关镇/城关二小 c1/2.1 closed",
			"城关镇/城关一小 a1/3.5 closed",
		}},
		{"all: open first in each school", checklist.RectFilter{View: checklist.ViewAll}, all, []string{
			"城关镇/城关二小 c1/2.2 open overdue 547",
			"城关镇/城关二小 c1/2.1 closed",
			"城关镇/城关一小 a1/3.6 open overdue 234",
			"城关镇/城关一小 a1/5.1.2 reported",
			"城关镇/城关一小 a1/3.5 closed",
			"东河乡/东河小学 b1/1.1 open",
		}},
		{"one township: its counts only", checklist.RectFilter{Township: "东河乡"}, checklist.RectCounts{Open: 1},
			[]string{"东河乡/东河小学 b1/1.1 open"}},
		{"one school", checklist.RectFilter{View: checklist.ViewAll, SchoolID: "s3"}, checklist.RectCounts{Open: 1, Overdue: 1, Closed: 1},
			[]string{"城关镇/城关二小 c1/2.2 open overdue 547", "城关镇/城关二小 c1/2.1 closed"}},
		{"a year: found in it, or carried over still open", checklist.RectFilter{View: checklist.ViewAll, Year: 2026},
			checklist.RectCounts{Open: 4, Overdue: 2, Reported: 1, Closed: 1}, []string{
				"城关镇/城关二小 c1/2.2 open overdue 547",
				"城关镇/城关一小 a1/3.6 open overdue 234",
				"城关镇/城关一小 a1/5.1.2 reported",
				"城关镇/城关一小 a1/3.5 closed",
				"东河乡/东河小学 b1/1.1 open",
			}},
		{"a township with none", checklist.RectFilter{Township: "西山镇"}, checklist.RectCounts{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := checklist.NewRectLedger(schools, rects, stds, today, tt.filter)
			if got := rows(l); strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("rows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if l.Counts != tt.counts {
				t.Errorf("counts %+v, want %+v", l.Counts, tt.counts)
			}
			if n := l.Len(); n != len(tt.want) || n != l.Counts.Of(l.Filter.View) {
				t.Errorf("Len %d, counts of the view %d, want %d", n, l.Counts.Of(l.Filter.View), len(tt.want))
			}
		})
	}
	l := checklist.NewRectLedger(schools, rects, stds, today, checklist.RectFilter{View: checklist.ViewAll})
	if got := l.CountsBySchool()["s1"]; got != (checklist.RectCounts{Open: 2, Overdue: 1, Reported: 1, Closed: 1}) {
		t.Errorf("counts of 城关一小 %+v", got)
	}
	var texts []string
	l.Each(func(_ *checklist.SchoolRectifications, e *checklist.RectEntry) bool {
		texts = append(texts, e.ItemText())
		return len(texts) < 2
	})
	it, _, _ := stds[checklist.DefaultStandardID].Item("2.1")
	if len(texts) != 2 || texts[1] != it.Text {
		t.Errorf("item texts %q, want the second to be 2.1's, %q", texts, it.Text)
	}
}

func TestSchoolRectifications(t *testing.T) {
	schools, rects, stds := ledgerCounty(t)
	today := day(t, "2026-11-29")
	sr := checklist.NewSchoolRectifications(schools[1], rects["s1"], stds, today)
	var got []string
	for _, e := range sr.Rects {
		got = append(got, fmt.Sprintf("%s %s", e.ID, e.Status()))
	}
	if want := "a1/3.6 open|a1/5.1.2 reported|a1/3.5 closed"; strings.Join(got, "|") != want {
		t.Errorf("order %q, want %q", strings.Join(got, "|"), want)
	}
	if n := len(sr.Open()); n != 2 {
		t.Errorf("%d open", n)
	}
	if sr.Rects[0].Item == nil || sr.Rects[0].ItemText() != sr.Rects[0].Item.Text {
		t.Errorf("entry without its item: %+v", sr.Rects[0])
	}

	// The feedback sheet of a visit: the rectification of each problem it
	// found, its own or the earlier one it found still there.
	std := checklist.DefaultStandard()
	a2 := rectVisit(t, std, "a2", "2026-10-20", map[string]checklist.Verdict{"3.6": checklist.NotMet, "5.1.2": checklist.PartlyMet})
	a1 := rectVisit(t, std, "a1", "2026-03-10", map[string]checklist.Verdict{"3.5": checklist.NotMet, "3.6": checklist.NotMet, "5.1.2": checklist.PartlyMet})
	for _, tt := range []struct {
		v    *checklist.Inspection
		want string
	}{
		{a1, "3.5=a1/3.5 3.6=a1/3.6 5.1.2=a1/5.1.2"},
		{a2, "3.6=a1/3.6 5.1.2=a1/5.1.2"},
	} {
		m := sr.OfVisit(tt.v)
		var got []string
		for _, id := range []string{"3.5", "3.6", "5.1.2"} {
			if e, ok := m[id]; ok {
				got = append(got, id+"="+e.ID)
			}
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("visit %s: %q, want %q", tt.v.ID, strings.Join(got, " "), tt.want)
		}
	}
	draft := rectVisit(t, std, "a3", "2026-11-01", map[string]checklist.Verdict{"3.6": checklist.NotMet})
	draft.Status = checklist.Draft
	if n := len(sr.OfVisit(draft)); n != 0 {
		t.Errorf("a draft has %d rectifications", n)
	}
}

func TestRectViews(t *testing.T) {
	for _, s := range []string{"", "open", "OVERDUE", " reported ", "closed", "all"} {
		if _, err := checklist.ParseRectView(s); err != nil {
			t.Errorf("%q: %v", s, err)
		}
	}
	_, err := checklist.ParseRectView("late")
	if !errors.Is(err, checklist.ErrInvalid) || err.Error() != `rectification status "late": expected open, overdue, reported, closed or all` {
		t.Errorf("late: %v", err)
	}
	if v, _ := checklist.ParseRectView(""); v != checklist.ViewOpen {
		t.Errorf("the default view is %q", v)
	}
}

// TestReportedIsNotOverdue: a school that reported the problem put right
// is not overdue while it waits for the recheck; when a later visit finds
// the problem still there it is open, and overdue, again.
func TestReportedIsNotOverdue(t *testing.T) {
	std := checklist.DefaultStandard()
	stds := map[string]*checklist.Standard{std.ID: std}
	school := checklist.School{ID: "s1"}
	v1 := rectVisit(t, std, "v1", "2026-03-10", map[string]checklist.Verdict{"3.5": checklist.NotMet})
	rs := checklist.DeriveRectifications(school, []*checklist.Inspection{v1}, stds, nil)
	today := day(t, "2026-06-01")
	if !rs[0].Overdue(today) {
		t.Fatal("not overdue before the report")
	}
	if err := rs[0].Report("张校长", day(t, "2026-05-20"), "", today); err != nil {
		t.Fatal(err)
	}
	if rs[0].Overdue(today) || rs[0].DaysOverdue(today) != 0 {
		t.Error("overdue after the report")
	}
	v2 := rectVisit(t, std, "v2", "2026-05-25", map[string]checklist.Verdict{"3.5": checklist.PartlyMet})
	rs = checklist.DeriveRectifications(school, []*checklist.Inspection{v1, v2}, stds, rs)
	if rs[0].Status() != checklist.RectOpen || rs[0].DaysOverdue(today) != 53 {
		t.Errorf("after the recheck: %s, %d days overdue", rs[0].Status(), rs[0].DaysOverdue(today))
	}
}

// TestSameDerivedSeesTheStandard: the standard a problem was found under
// is part of what is derived.
func TestSameDerivedSeesTheStandard(t *testing.T) {
	std := checklist.DefaultStandard()
	v1 := rectVisit(t, std, "v1", "2026-03-10", map[string]checklist.Verdict{"3.5": checklist.NotMet})
	rs := checklist.DeriveRectifications(checklist.School{ID: "s1"}, []*checklist.Inspection{v1}, map[string]*checklist.Standard{std.ID: std}, nil)
	if rs[0].StandardID != std.ID {
		t.Fatalf("standard %q", rs[0].StandardID)
	}
	other := rs[0]
	other.StandardID = "wuyao-2027"
	if checklist.SameDerived(&rs[0], &other) {
		t.Error("SameDerived ignores the standard")
	}
}
