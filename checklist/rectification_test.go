package checklist_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"branchcheck/checklist"
)

// rectVisit is a finalized visit of school s1 on a day, every scored item
// 符合 except those given.
func rectVisit(t *testing.T, std *checklist.Standard, id, date string, answers map[string]checklist.Verdict) *checklist.Inspection {
	t.Helper()
	d, err := checklist.ParseDate(date)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(d.Year, d.Month, d.Day, 10, 0, 0, 0, time.UTC)
	in, err := checklist.NewInspection(id, "s1", std, "王督查", d, at)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range std.ScoredItems() {
		v := checklist.Met
		if a, ok := answers[it.ID]; ok {
			v = a
		}
		if _, _, err := in.SetVerdict(std, it.ID, v, "王督查", at); err != nil {
			t.Fatal(err)
		}
		if v.NeedsFixing() {
			in.SetNote(std, it.ID, "无"+it.ID+"相关材料", "王督查", at)
		}
	}
	if _, err := in.Finalize(std, "王督查", at); err != nil {
		t.Fatal(err)
	}
	return in
}

func day(t *testing.T, s string) checklist.Date {
	t.Helper()
	d, err := checklist.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// summary is a rectification in a few words, for comparing.
func summary(r checklist.Rectification) string {
	s := fmt.Sprintf("%s %s due %s %s", r.ID, r.Status(), r.Deadline(), r.Responsible())
	if r.Rebounds > 0 {
		s += fmt.Sprintf(" rebound %d of %s", r.Rebounds, r.PreviousID)
	}
	if r.RecheckedIn != "" {
		s += " rechecked " + r.RecheckedIn
	}
	if d := r.ClosedDate(); !d.IsZero() {
		s += " closed " + d.String()
	}
	return s
}

func TestDeriveRectifications(t *testing.T) {
	std := checklist.DefaultStandard()
	school := checklist.School{ID: "s1", Name: "城关一小", Township: "城关镇", Secretary: "李书记"}
	stds := map[string]*checklist.Standard{std.ID: std}
	N, P, X := checklist.NotMet, checklist.PartlyMet, checklist.NotApplicable

	tests := []struct {
		name   string
		visits func(t *testing.T) []*checklist.Inspection
		// actions are applied to the derived rectifications by id, then
		// everything is derived again.
		actions func(t *testing.T, r map[string]*checklist.Rectification)
		want    []string
	}{
		{
			name: "a finalized visit creates one per 不符合 and 部分符合",
			visits: func(t *testing.T) []*checklist.Inspection {
				return []*checklist.Inspection{rectVisit(t, std, "v1", "2026-03-10", map[string]checklist.Verdict{"3.5": N, "5.1.2": P, "1.1": X})}
			},
			want: []string{
				"v1/3.5 open due 2026-04-09 李书记",
				"v1/5.1.2 open due 2026-04-09 李书记",
			},
		},
		{
			name: "a draft creates none",
			visits: func(t *testing.T) []*checklist.Inspection {
				v := rectVisit(t, std, "v1", "2026-03-10", map[string]checklist.Verdict{"3.5": N})
				v.Reopen("补材料", "王督查", time.Now())
				return []*checklist.Inspection{v}
			},
		},
		{
			name: "a later visit closes what it finds met and rechecks what it does not",
			visits: func(t *testing.T) []*checklist.Inspection {
				return []*checklist.Inspection{
					rectVisit(t, std, "v1", "2026-03-10", map[string]checklist.Verdict{"3.5": N, "3.6": N}),
					rectVisit(t, std, "v2", "2026-06-01", map[string]checklist.Verdict{"3.6": P}),
				}
			},
			want: []string{
				"v1/3.5 closed due 2026-04-09 李书记 closed 2026-06-01",
				"v1/3.6 open due 2026-04-09 李书记 rechecked v2",
			},
		},
		{
			name: "不适用 closes too; visits count in date order, not the order given",
			visits: func(t *testing.T) []*checklist.Inspection {
				return []*checklist.Inspection{
					rectVisit(t, std, "v2", "2026-06-01", map[string]checklist.Verdict{"3.5": X}),
					rectVisit(t, std, "v1", "2026-03-10", map[string]checklist.Verdict{"3.5": N}),
				}
			},
			want: []string{"v1/3.5 closed due 2026-04-09 李书记 closed 2026-06-01"},
		},
		{
			name: "found again after it was closed: 反弹, counted each time",
			visits: func(t *testing.T) []*checklist.Inspection {
				return []*checklist.Inspection{
					rectVisit(t, std, "v1", "2026-03-10", map[string]checklist.Verdict{"3.5": N}),
					rectVisit(t, std, "v2", "2026-05-10", nil),
					rectVisit(t, std, "v3", "2026-07-10", map[string]checklist.Verdict{"3.5": P}),
					rectVisit(t, std, "v4", "2026-09-10", nil),
					rectVisit(t, std, "v5", "2026-11-10", map[string]checklist.Verdict{"3.5": N}),
				}
			},
			want: []string{
				"v1/3.5 closed due 2026-04-09 李书记 closed 2026-05-10",
				"v3/3.5 closed due 2026-08-09 李书记 rebound 1 of v1/3.5 closed 2026-09-10",
				"v5/3.5 open due 2026-12-10 李书记 rebound 2 of v3/3.5",
			},
		},
		{
			name: "reported by the school, then a later visit still finds it: open again",
			visits: func(t *testing.T) []*checklist.Inspection {
				return []*checklist.Inspection{
					rectVisit(t, std, "v1", "2026-03-10", map[string]checklist.Verdict{"3.5": N, "3.6": N}),
					rectVisit(t, std, "v2", "2026-06-01", map[string]checklist.Verdict{"3.5": N}),
				}
			},
			actions: func(t *testing.T, r map[string]*checklist.Rectification) {
				if err := r["v1/3.5"].Report("张校长", day(t, "2026-04-01"), "整改报告.pdf", day(t, "2026-11-29")); err != nil {
					t.Fatal(err)
				}
			},
			want: []string{
				"v1/3.5 open due 2026-04-09 李书记 rechecked v2",
				"v1/3.6 closed due 2026-04-09 李书记 closed 2026-06-01",
			},
		},
		{
			name: "reported after the last visit: waits for the next",
			visits: func(t *testing.T) []*checklist.Inspection {
				return []*checklist.Inspection{rectVisit(t, std, "v1", "2026-03-10", map[string]checklist.Verdict{"3.5": N})}
			},
			actions: func(t *testing.T, r map[string]*checklist.Rectification) {
				if err := r["v1/3.5"].Report("张校长", day(t, "2026-04-01"), "", day(t, "2026-11-29")); err != nil {
					t.Fatal(err)
				}
				if err := r["v1/3.5"].SetDeadline(day(t, "2026-05-01")); err != nil {
					t.Fatal(err)
				}
				if err := r["v1/3.5"].SetResponsible("张校长"); err != nil {
					t.Fatal(err)
				}
			},
			want: []string{"v1/3.5 reported due 2026-05-01 张校长"},
		},
		{
			name: "closed by hand: a later finding is a 反弹, an earlier one a recheck",
			visits: func(t *testing.T) []*checklist.Inspection {
				return []*checklist.Inspection{
					rectVisit(t, std, "v1", "2026-03-10", map[string]checklist.Verdict{"3.5": N}),
					rectVisit(t, std, "v2", "2026-04-01", map[string]checklist.Verdict{"3.5": N}),
					rectVisit(t, std, "v3", "2026-06-01", map[string]checklist.Verdict{"3.5": N}),
				}
			},
			actions: func(t *testing.T, r map[string]*checklist.Rectification) {
				if err := r["v1/3.5"].Close("王督查", day(t, "2026-05-01"), "学校已补齐流程图,现场核实", day(t, "2026-11-29")); err != nil {
					t.Fatal(err)
				}
			},
			want: []string{
				"v1/3.5 closed due 2026-04-09 李书记 rechecked v2 closed 2026-05-01",
				"v3/3.5 open due 2026-07-01 李书记 rebound 1 of v1/3.5",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			visits := tt.visits(t)
			got := checklist.DeriveRectifications(school, visits, stds, nil)
			if tt.actions != nil {
				byID := map[string]*checklist.Rectification{}
				for i := range got {
					byID[got[i].ID] = &got[i]
				}
				tt.actions(t, byID)
				got = checklist.DeriveRectifications(school, visits, stds, got)
			}
			var sums []string
			for _, r := range got {
				sums = append(sums, summary(r))
			}
			if fmt.Sprint(sums) != fmt.Sprint(tt.want) {
				t.Errorf("got\n%q\nwant\n%q", sums, tt.want)
			}
			// Deriving again from the result changes nothing.
			again := checklist.DeriveRectifications(school, visits, stds, got)
			for i := range again {
				if !checklist.SameDerived(&again[i], &got[i]) || again[i].Actions != got[i].Actions {
					t.Errorf("not stable: %s became %s", summary(got[i]), summary(again[i]))
				}
			}
		})
	}
}

func TestRectificationsReopenAndRefinalize(t *testing.T) {
	std := checklist.DefaultStandard()
	school := checklist.School{ID: "s1", Secretary: "李书记"}
	stds := map[string]*checklist.Standard{std.ID: std}
	today := day(t, "2026-11-29")
	v1 := rectVisit(t, std, "v1", "2026-03-10", map[string]checklist.Verdict{"3.5": checklist.NotMet, "3.6": checklist.NotMet})
	rs := checklist.DeriveRectifications(school, []*checklist.Inspection{v1}, stds, nil)
	if err := rs[0].SetResponsible("张校长"); err != nil {
		t.Fatal(err)
	}

	// Reopened: its findings are withdrawn, their actions kept; one
	// nobody decided anything about is left out (it would come back as
	// it was).
	at := time.Date(2026, 3, 12, 9, 0, 0, 0, time.UTC)
	if _, err := v1.Reopen("3.6 看错了", "王督查", at); err != nil {
		t.Fatal(err)
	}
	rs = checklist.DeriveRectifications(school, []*checklist.Inspection{v1}, stds, rs)
	if len(rs) != 1 || rs[0].ID != "v1/3.5" || rs[0].Status() != checklist.RectWithdrawn || rs[0].Responsible() != "张校长" {
		t.Errorf("while its visit is reopened: %+v", rs)
	}
	// Corrected and finalized again: 3.6 stays gone, 3.5 comes back with
	// its person responsible.
	v1.SetVerdict(std, "3.6", checklist.Met, "王督查", at)
	if _, err := v1.Finalize(std, "王督查", at); err != nil {
		t.Fatal(err)
	}
	rs = checklist.DeriveRectifications(school, []*checklist.Inspection{v1}, stds, rs)
	got := map[string]checklist.Rectification{}
	for _, r := range rs {
		got[r.ID] = r
	}
	if r := got["v1/3.5"]; r.Status() != checklist.RectOpen || r.Responsible() != "张校长" {
		t.Errorf("v1/3.5 after refinalizing: %s, responsible %s", r.Status(), r.Responsible())
	}
	if r, ok := got["v1/3.6"]; ok {
		t.Errorf("v1/3.6 after refinalizing: %s", r.Status())
	}

	// Overdue is derived from the deadline and the day.
	r := got["v1/3.5"]
	for _, tt := range []struct {
		today string
		days  int
	}{{"2026-04-08", 0}, {"2026-04-09", 0}, {"2026-04-10", 1}, {"2026-04-21", 12}} {
		if n := r.DaysOverdue(day(t, tt.today)); n != tt.days || r.Overdue(day(t, tt.today)) != (tt.days > 0) {
			t.Errorf("on %s: %d days overdue, want %d", tt.today, n, tt.days)
		}
	}
	if err := r.Close("王督查", day(t, "2026-05-01"), "已整改", today); err != nil {
		t.Fatal(err)
	}
	if r.Overdue(today) {
		t.Error("a closed rectification is overdue")
	}
}

func TestRectificationActionsRefuse(t *testing.T) {
	std := checklist.DefaultStandard()
	stds := map[string]*checklist.Standard{std.ID: std}
	v1 := rectVisit(t, std, "v1", "2026-03-10", map[string]checklist.Verdict{"3.5": checklist.NotMet})
	today := day(t, "2026-11-29")
	fresh := func() *checklist.Rectification {
		return &checklist.DeriveRectifications(checklist.School{ID: "s1"}, []*checklist.Inspection{v1}, stds, nil)[0]
	}
	closed := fresh()
	closed.Close("王督查", day(t, "2026-04-01"), "已整改", today)
	for _, tt := range []struct {
		name string
		err  error
		want string
	}{
		{"report in the future", fresh().Report("张校长", day(t, "2026-12-01"), "", today), "the date 2026-12-01 is after today"},
		{"report before the finding", fresh().Report("张校长", day(t, "2026-03-01"), "", today), "the date 2026-03-01 is before the problem was found, 2026-03-10"},
		{"report without a name", fresh().Report(" ", day(t, "2026-04-01"), "", today), "say who reported it done"},
		{"evidence with an escape", fresh().Report("张校长", day(t, "2026-04-01"), "a\x1b[2Jb", today), "evidence holds the control character U+001B"},
		{"close without a reason", fresh().Close("王督查", day(t, "2026-04-01"), "  ", today), "closing by hand needs a reason"},
		{"close twice", closed.Close("王督查", day(t, "2026-04-02"), "再次", today), "the rectification is closed and cannot be closed"},
		{"report a closed one", closed.Report("张校长", day(t, "2026-04-02"), "", today), "the rectification is closed and cannot be reported done"},
		{"deadline before the finding", fresh().SetDeadline(day(t, "2026-03-01")), "the deadline 2026-03-01 is before the problem was found, 2026-03-10"},
		{"responsible on two lines", fresh().SetResponsible("张\n校长"), "person responsible must be one line, without line breaks"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.err == nil || tt.err.Error() != tt.want {
				t.Errorf("got %v, want %q", tt.err, tt.want)
			}
			if !errors.Is(tt.err, checklist.ErrInvalid) && !errors.Is(tt.err, checklist.ErrReasonRequired) {
				t.Errorf("%v has no kind", tt.err)
			}
		})
	}
}

func TestRectificationDays(t *testing.T) {
	std := checklist.DefaultStandard()
	if n := std.RectificationDays("3.5"); n != checklist.DefaultRectificationDays {
		t.Errorf("default: %d", n)
	}
	std.RectificationPeriod = 15
	it, _, _ := std.Item("3.5")
	it.RectificationPeriod = 7
	if n := std.RectificationDays("3.6"); n != 15 {
		t.Errorf("standard's period: %d", n)
	}
	if n := std.RectificationDays("3.5"); n != 7 {
		t.Errorf("item's period: %d", n)
	}
}

// TestDeriveWithdrawnHoldsOnlyDecisions: what no visit derives any more
// keeps its decisions and nothing derived, so it is the same whatever was
// derived before (here: derived from the visit, or decisions that came
// before their visit); without decisions it is left out.
func TestDeriveWithdrawnHoldsOnlyDecisions(t *testing.T) {
	std := checklist.DefaultStandard()
	school := checklist.School{ID: "s1", Secretary: "李书记"}
	stds := map[string]*checklist.Standard{std.ID: std}
	v1 := rectVisit(t, std, "v1", "2026-03-10", map[string]checklist.Verdict{"3.5": checklist.NotMet, "3.6": checklist.NotMet})
	rs := checklist.DeriveRectifications(school, []*checklist.Inspection{v1}, stds, nil)
	rs[0].SetResponsible("张校长")
	rs[0].Touch("db1", time.Date(2026, 3, 11, 9, 0, 0, 0, time.UTC))
	placeholder := []checklist.Rectification{{ID: "v1/3.5", SchoolID: "s9", ItemID: "3.5", FoundIn: "v1", Withdrawn: true}}
	placeholder[0].SetDecisions(rs[0].Decisions())
	fromVisit := checklist.DeriveRectifications(school, nil, stds, rs)
	fromBundle := checklist.DeriveRectifications(school, nil, stds, placeholder)
	want := checklist.Rectification{ID: "v1/3.5", SchoolID: "s1", ItemID: "3.5", FoundIn: "v1", Withdrawn: true,
		Actions: checklist.RectActions{Responsible: "张校长"}, UpdatedAt: rs[0].UpdatedAt, Versions: rs[0].Versions}
	for name, got := range map[string][]checklist.Rectification{"derived before": fromVisit, "decisions only": fromBundle} {
		if len(got) != 1 || fmt.Sprintf("%+v", got[0]) != fmt.Sprintf("%+v", want) {
			t.Errorf("%s: %+v", name, got)
		}
	}
	// And back with its visit, whole.
	back := checklist.DeriveRectifications(school, []*checklist.Inspection{v1}, stds, fromBundle)
	if len(back) != 2 || back[0].Status() != checklist.RectOpen || back[0].Responsible() != "张校长" || back[0].DueBy != day(t, "2026-04-09") {
		t.Errorf("back: %+v", back)
	}
}
