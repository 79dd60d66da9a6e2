package store_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"branchcheck/bundle"
	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/store"
)

// walkWith walks a visit of a school on a date: every scored item 符合
// except those given, a note on each of those, then finalize.
func walkWith(t *testing.T, s *store.Store, schoolID, date string, unmet map[string]checklist.Verdict) *checklist.Inspection {
	t.Helper()
	in, err := s.CreateInspection(schoolID, "李督查", day(date))
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range checklist.DefaultStandard().ScoredItems() {
		v, ok := unmet[it.ID]
		if !ok {
			v = checklist.Met
		}
		if _, err := s.SetVerdict(in.ID, it.ID, v, "李督查"); err != nil {
			t.Fatal(err)
		}
		if ok && v.NeedsFixing() {
			if _, err := s.SetNote(in.ID, it.ID, "未见"+it.ID+"材料", "李督查"); err != nil {
				t.Fatal(err)
			}
		}
	}
	if in, err = s.Finalize(in.ID, "李督查"); err != nil {
		t.Fatal(err)
	}
	return in
}

// rectLines says where a school's rectifications stand on the store's
// today (2026-11-29), one line each, in the school's order; ids are
// written with the visit's name instead of its UUID.
func rectLines(t *testing.T, s *store.Store, schoolID string, names map[string]string) []string {
	t.Helper()
	sr, err := s.SchoolRectifications(schoolID)
	if err != nil {
		t.Fatal(err)
	}
	name := func(id string) string {
		v, item, _ := strings.Cut(id, "/")
		if n, ok := names[v]; ok {
			return n + "/" + item
		}
		return id
	}
	var out []string
	for _, e := range sr.Rects {
		line := fmt.Sprintf("%s %s due %s %s", name(e.ID), e.Status(), e.Deadline(), e.Responsible())
		if n := e.DaysOverdue(sr.Today); n > 0 {
			line += fmt.Sprintf(" overdue %d", n)
		}
		if e.Rebounds > 0 {
			line += fmt.Sprintf(" rebound %d of %s", e.Rebounds, name(e.PreviousID))
		}
		if d := e.ClosedDate(); !d.IsZero() {
			line += " closed " + d.String()
		}
		if e.Item == nil || e.ItemText() == e.ItemID {
			line += " (no item)"
		}
		out = append(out, line)
	}
	return out
}

// TestRectificationLifeCycle follows one school's problems from finding to
// 销号 and 反弹 through the store, on the store's fixed clock (today is
// 2026-11-29): each step is one change, then what the school's
// rectifications are.
func TestRectificationLifeCycle(t *testing.T) {
	s := mustOpen(t)
	sc, err := s.AddSchool(checklist.School{Name: "城关小学", Township: "城关镇", Secretary: "李书记"})
	if err != nil {
		t.Fatal(err)
	}
	N, P := checklist.NotMet, checklist.PartlyMet
	names := map[string]string{}
	var v1 *checklist.Inspection
	id := func(visit, item string) string {
		for k, n := range names {
			if n == visit {
				return k + "/" + item
			}
		}
		t.Fatalf("no visit %s", visit)
		return ""
	}
	must := func(_ *checklist.Rectification, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	steps := []struct {
		name string
		do   func()
		want []string
	}{
		{"finalize: one per 不符合 and 部分符合, due in 30 days, the secretary responsible", func() {
			v1 = walkWith(t, s, sc.ID, "2026-03-10", map[string]checklist.Verdict{"3.5": N, "3.6": N, "5.1.2": P})
			names[v1.ID] = "v1"
		}, []string{
			"v1/3.5 open due 2026-04-09 李书记 overdue 234",
			"v1/3.6 open due 2026-04-09 李书记 overdue 234",
			"v1/5.1.2 open due 2026-04-09 李书记 overdue 234",
		}},
		{"reopen: withdrawn while the visit is corrected", func() {
			if _, err := s.Reopen(v1.ID, "3.6 看错了", "王主任"); err != nil {
				t.Fatal(err)
			}
		}, nil},
		{"finalize again: what it still finds comes back", func() {
			if _, err := s.SetVerdict(v1.ID, "3.6", checklist.Met, "王主任"); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Finalize(v1.ID, "王主任"); err != nil {
				t.Fatal(err)
			}
		}, []string{
			"v1/3.5 open due 2026-04-09 李书记 overdue 234",
			"v1/5.1.2 open due 2026-04-09 李书记 overdue 234",
		}},
		{"a deadline and a person by hand; the school reports one done", func() {
			must(s.SetRectificationDeadline(id("v1", "3.5"), day("2026-12-31"), "王主任"))
			must(s.SetRectificationResponsible(id("v1", "3.5"), "张校长", "王主任"))
			must(s.ReportRectification(id("v1", "5.1.2"), "张校长", day("2026-11-01"), "分工文件.pdf"))
		}, []string{
			"v1/5.1.2 reported due 2026-04-09 李书记",
			"v1/3.5 open due 2026-12-31 张校长",
		}},
		{"a later visit closes one and finds the reported one still there", func() {
			v2 := walkWith(t, s, sc.ID, "2026-11-20", map[string]checklist.Verdict{"5.1.2": P})
			names[v2.ID] = "v2"
		}, []string{
			"v1/5.1.2 open due 2026-04-09 李书记 overdue 234",
			"v1/3.5 closed due 2026-12-31 张校长 closed 2026-11-20",
		}},
		{"closed by hand with a reason", func() {
			must(s.CloseRectification(id("v1", "5.1.2"), "王主任", day("2026-11-25"), "现场核实，分工文件已印发"))
		}, []string{
			"v1/5.1.2 closed due 2026-04-09 李书记 closed 2026-11-25",
			"v1/3.5 closed due 2026-12-31 张校长 closed 2026-11-20",
		}},
		{"found again after 销号: 反弹", func() {
			v3 := walkWith(t, s, sc.ID, "2026-11-28", map[string]checklist.Verdict{"5.1.2": N})
			names[v3.ID] = "v3"
		}, []string{
			"v3/5.1.2 open due 2026-12-28 李书记 rebound 1 of v1/5.1.2",
			"v1/5.1.2 closed due 2026-04-09 李书记 closed 2026-11-25",
			"v1/3.5 closed due 2026-12-31 张校长 closed 2026-11-20",
		}},
		{"a new secretary is responsible for what nobody was named for", func() {
			if _, err := s.ImportSchools([]checklist.School{{ID: sc.ID, Name: sc.Name, Township: sc.Township, Secretary: "赵书记"}}); err != nil {
				t.Fatal(err)
			}
		}, []string{
			"v3/5.1.2 open due 2026-12-28 赵书记 rebound 1 of v1/5.1.2",
			"v1/5.1.2 closed due 2026-04-09 赵书记 closed 2026-11-25",
			"v1/3.5 closed due 2026-12-31 张校长 closed 2026-11-20",
		}},
		{"a draft deleted: nothing changes", func() {
			in, err := s.CreateInspection(sc.ID, "李督查", day("2026-11-29"))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.SetVerdict(in.ID, "1.1", N, "李督查"); err != nil {
				t.Fatal(err)
			}
			if err := s.DeleteDraft(in.ID); err != nil {
				t.Fatal(err)
			}
		}, []string{
			"v3/5.1.2 open due 2026-12-28 赵书记 rebound 1 of v1/5.1.2",
			"v1/5.1.2 closed due 2026-04-09 赵书记 closed 2026-11-25",
			"v1/3.5 closed due 2026-12-31 张校长 closed 2026-11-20",
		}},
	}
	for _, st := range steps {
		st.do()
		if got := rectLines(t, s, sc.ID, names); strings.Join(got, "\n") != strings.Join(st.want, "\n") {
			t.Fatalf("%s:\ngot\n%s\nwant\n%s", st.name, strings.Join(got, "\n"), strings.Join(st.want, "\n"))
		}
		if h, err := s.Check(); err != nil || len(h.Problems) != 0 {
			t.Fatalf("%s: doctor: %v %v", st.name, h.Problems, err)
		}
	}

	// Every decision is in the audit trail of the visit that found the
	// problem, with the actions before and after, and counted in the
	// version vector.
	trail, err := s.AuditTrail(v1.ID)
	if err != nil {
		t.Fatal(err)
	}
	var decisions []string
	for _, c := range trail {
		if c.Field != checklist.FieldRectification {
			continue
		}
		var before, after checklist.RectActions
		if err := json.Unmarshal([]byte(c.Old), &before); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(c.New), &after); err != nil {
			t.Fatal(err)
		}
		decisions = append(decisions, fmt.Sprintf("%s %s %s", c.ItemID, c.By, c.Reason))
	}
	want := []string{"3.5 王主任 ", "3.5 王主任 ", "5.1.2 张校长 ", "5.1.2 王主任 现场核实，分工文件已印发"}
	if !slices.Equal(decisions, want) {
		t.Errorf("audited decisions %q, want %q", decisions, want)
	}
	e, school, err := s.Rectification(id("v1", "3.5"))
	if err != nil {
		t.Fatal(err)
	}
	if school.ID != sc.ID || e.Versions[s.ID()] != 2 || e.UpdatedAt.IsZero() || e.Item == nil {
		t.Errorf("v1/3.5: school %s, versions %v, updated %v", school.Name, e.Versions, e.UpdatedAt)
	}
	// A decision that changes nothing writes nothing.
	if _, err := s.SetRectificationResponsible(id("v1", "3.5"), "张校长", "王主任"); err != nil {
		t.Fatal(err)
	}
	if again, _ := s.AuditTrail(v1.ID); len(again) != len(trail) {
		t.Errorf("a decision that changed nothing was audited")
	}
}

func TestRectificationActionsRefuse(t *testing.T) {
	s := mustOpen(t)
	sc := mustSchool(t, s, "城关小学", "城关镇")
	v := walkWith(t, s, sc.ID, "2026-03-10", map[string]checklist.Verdict{"3.5": checklist.NotMet})
	id := checklist.RectificationID(v.ID, "3.5")
	if _, err := s.CloseRectification(id, "王主任", day("2026-04-01"), "已整改"); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		err  error
		kind error
		zh   string
	}{
		{"unknown visit", second(s.ReportRectification("nope/3.5", "张校长", day("2026-04-01"), "")), checklist.ErrNotFound,
			"整改事项 nope/3.5：没有这项整改：编号应为“检查编号/条目编号”，可从 branchcheck rectifications -f json 或 -f csv 查到"},
		{"unknown item", second(s.SetRectificationDeadline(v.ID+"/3.6", day("2026-05-01"), "王主任")), checklist.ErrNotFound, ""},
		{"no slash", second(s.SetRectificationDeadline(v.ID, day("2026-05-01"), "王主任")), checklist.ErrNotFound, ""},
		{"nobody", second(s.SetRectificationResponsible(id, "张校长", " ")), checklist.ErrInvalid, "请写明经办人：是谁做出或记录的这项决定"},
		{"a control character", second(s.SetRectificationResponsible(id, "张校长", "王\x1b主任")), checklist.ErrInvalid, "经办人含有控制字符 U+001B，不能保存"},
		{"report a closed one", second(s.ReportRectification(id, "张校长", day("2026-04-02"), "")), checklist.ErrInvalid,
			"整改事项 " + id + "：这项整改已销号，不能再报告整改完成"},
		{"a day after today", second(s.ReportRectification(id, "张校长", day("2026-12-01"), "")), checklist.ErrInvalid, ""},
		{"a deadline before the finding", second(s.SetRectificationDeadline(id, day("2026-03-01"), "王主任")), checklist.ErrInvalid, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if !errors.Is(tt.err, tt.kind) {
				t.Fatalf("got %v, want %v", tt.err, tt.kind)
			}
			if zh := i18n.Chinese.Error(tt.err); tt.zh != "" && zh != tt.zh {
				t.Errorf("in Chinese %q, want %q", zh, tt.zh)
			}
		})
	}
	sr, _ := s.SchoolRectifications(sc.ID)
	if len(sr.Rects) != 1 || sr.Rects[0].Actions.ReportedBy != "" || !sr.Rects[0].Actions.Deadline.IsZero() {
		t.Errorf("a refused decision changed something: %+v", sr.Rects)
	}
}

// TestRectLedgerFromStore: the ledger the store reads is the one the
// domain builds, filtered as asked.
func TestRectLedgerFromStore(t *testing.T) {
	s := mustOpen(t)
	a := mustSchool(t, s, "城关小学", "城关镇")
	b := mustSchool(t, s, "东河小学", "东河乡")
	mustSchool(t, s, "西山小学", "西山镇")
	walkWith(t, s, a.ID, "2026-03-10", map[string]checklist.Verdict{"3.5": checklist.NotMet, "3.6": checklist.PartlyMet})
	walkWith(t, s, a.ID, "2026-10-10", map[string]checklist.Verdict{"3.6": checklist.PartlyMet})
	walkWith(t, s, b.ID, "2026-11-20", map[string]checklist.Verdict{"1.1": checklist.NotMet})
	for _, tt := range []struct {
		filter checklist.RectFilter
		want   string
		counts checklist.RectCounts
	}{
		{checklist.RectFilter{}, "城关小学 3.6 open|东河小学 1.1 open", checklist.RectCounts{Open: 2, Overdue: 1, Closed: 1}},
		{checklist.RectFilter{View: checklist.ViewAll}, "城关小学 3.6 open|城关小学 3.5 closed|东河小学 1.1 open", checklist.RectCounts{Open: 2, Overdue: 1, Closed: 1}},
		{checklist.RectFilter{View: checklist.ViewOverdue, Township: "城关镇"}, "城关小学 3.6 open", checklist.RectCounts{Open: 1, Overdue: 1, Closed: 1}},
		{checklist.RectFilter{SchoolID: b.ID}, "东河小学 1.1 open", checklist.RectCounts{Open: 1}},
		{checklist.RectFilter{Township: "西山镇"}, "", checklist.RectCounts{}},
	} {
		l, err := s.RectLedger(tt.filter)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		l.Each(func(sr *checklist.SchoolRectifications, e *checklist.RectEntry) bool {
			got = append(got, fmt.Sprintf("%s %s %s", sr.School.Name, e.ItemID, e.Status()))
			return true
		})
		if strings.Join(got, "|") != tt.want || l.Counts != tt.counts || l.Today != day("2026-11-29") {
			t.Errorf("%+v: %q %+v on %s, want %q %+v", tt.filter, strings.Join(got, "|"), l.Counts, l.Today, tt.want, tt.counts)
		}
	}
}

// TestRectificationsFollowEveryChange: after any sequence of visits,
// corrections and decisions, the stored rectifications are what the
// visits derive, with the decisions kept.
func TestRectificationsFollowEveryChange(t *testing.T) {
	s := mustOpen(t)
	rng := rand.New(rand.NewPCG(11, 12))
	var schools []string
	for i := range 3 {
		schools = append(schools, mustSchool(t, s, fmt.Sprintf("第%d小学", i), "城关镇").ID)
	}
	items := checklist.DefaultStandard().ScoredItems()[:6] // few items: findings meet again
	var visits []string
	decided := 0
	for step := range 150 {
		switch op := rng.IntN(7); {
		case op == 0 || len(visits) == 0:
			date := fmt.Sprintf("2026-%02d-%02d", 1+rng.IntN(11), 1+rng.IntN(28))
			in, err := s.CreateInspection(schools[rng.IntN(len(schools))], "李", day(date))
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range checklist.DefaultStandard().ScoredItems() {
				s.SetVerdict(in.ID, it.ID, checklist.Met, "李")
			}
			visits = append(visits, in.ID)
		case op == 1:
			id := visits[rng.IntN(len(visits))]
			for _, it := range items {
				s.SetVerdict(id, it.ID, checklist.Verdicts[rng.IntN(4)], "李")
			}
			s.Finalize(id, "李")
		case op == 2:
			s.Reopen(visits[rng.IntN(len(visits))], "复核", "王")
		default:
			l, err := s.RectLedger(checklist.RectFilter{View: checklist.ViewOpen})
			if err != nil {
				t.Fatal(err)
			}
			var open []string
			l.Each(func(_ *checklist.SchoolRectifications, e *checklist.RectEntry) bool {
				open = append(open, e.ID)
				return true
			})
			if len(open) == 0 {
				continue
			}
			id := open[rng.IntN(len(open))]
			r, _, err := s.Rectification(id)
			if err != nil {
				t.Fatal(err)
			}
			on := r.FoundOn.AddDays(rng.IntN(20))
			if on.Compare(day("2026-11-29")) > 0 {
				on = day("2026-11-29")
			}
			switch rng.IntN(4) {
			case 0:
				_, err = s.CloseRectification(id, "王", on, "核实")
			case 1:
				_, err = s.ReportRectification(id, "张", on, "")
			case 2:
				_, err = s.SetRectificationDeadline(id, on.AddDays(30), "王")
			default:
				_, err = s.SetRectificationResponsible(id, fmt.Sprintf("张%d", step), "王")
			}
			if err != nil {
				t.Fatalf("step %d: %v", step, err)
			}
			decided++
		}
		if step%10 == 9 {
			h, err := s.Check()
			if err != nil {
				t.Fatal(err)
			}
			if len(h.Problems) != 0 {
				t.Fatalf("step %d: %v", step, h.Problems)
			}
		}
	}
	if decided < 20 {
		t.Errorf("only %d decisions were made", decided)
	}
}

// TestRectificationsAcrossABundle: a database with decisions about its
// rectifications exports a bundle another imports (the decisions' audit
// entries are accepted); the importing database derives the
// rectifications from the visits it merged, with the decisions the
// bundle carried.
func TestRectificationsAcrossABundle(t *testing.T) {
	li, county := mustOpen(t), mustOpen(t)
	sc, err := li.AddSchool(checklist.School{Name: "城关小学", Township: "城关镇", Secretary: "李书记"})
	if err != nil {
		t.Fatal(err)
	}
	v := walkWith(t, li, sc.ID, "2026-03-10", map[string]checklist.Verdict{"3.5": checklist.NotMet, "3.6": checklist.PartlyMet})
	if _, err := li.SetRectificationDeadline(checklist.RectificationID(v.ID, "3.5"), day("2026-06-30"), "王主任"); err != nil {
		t.Fatal(err)
	}
	importBundle(t, county, export(t, li, bundle.Filter{}), false)
	got := rectLines(t, county, sc.ID, map[string]string{v.ID: "v1"})
	want := []string{"v1/3.6 open due 2026-04-09 李书记 overdue 234", "v1/3.5 open due 2026-06-30 李书记 overdue 152"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("after the import:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	trail, _ := county.AuditTrail(v.ID)
	if n := len(trail); n == 0 || trail[n-1].Field != checklist.FieldRectification {
		t.Errorf("the decision's audit entry was not merged: %+v", trail)
	}
	if h, _ := county.Check(); len(h.Problems) != 0 {
		t.Errorf("doctor after the import: %v", h.Problems)
	}
}
