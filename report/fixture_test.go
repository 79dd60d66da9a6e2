package report_test

import (
	"testing"
	"time"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/report"
)

// The fixed data every golden file is made from: fixed ids, dates and
// times, so a golden file changes only when the output does.

var generatedAt = time.Date(2026, 12, 20, 9, 30, 0, 0, time.FixedZone("CST", 8*3600))

func meta(l i18n.Lang) report.Meta {
	return report.Meta{Lang: l, Bureau: "示例县教育局党委", GeneratedAt: generatedAt, Database: "/home/inspector/.local/share/branchcheck/branchcheck.db"}
}

// vetoStandard is the shipped standard with 5.1.3 (党员花名册) made a veto
// item, under its own id.
func vetoStandard() *checklist.Standard {
	std := checklist.DefaultStandard()
	std.ID, std.Year = "wuyao-2026-veto", 2026
	std.Title, std.TitleEN = "2026年度学校党支部“五要”检查标准（含否决项）", "School party branch inspection 2026 (with a veto item)"
	it, _, ok := std.Item("5.1.3")
	if !ok {
		panic("the shipped standard has no item 5.1.3")
	}
	it.Veto = true
	return std
}

// oldStandard is last year's standard: without 5.3, with an extra 5.4.
func oldStandard() *checklist.Standard {
	std := checklist.DefaultStandard()
	std.ID, std.Year, std.Title = "wuyao-2025", 2025, "2025年度学校党支部“五要”检查标准"
	rq := &std.Requirements[4]
	rq.Groups[0].Items = []checklist.Item{{ID: "5.4", Text: "有党建工作品牌创建方案", EN: "A plan for the branch's party-building brand", Weight: 1, Scored: true}}
	if err := std.Validate(); err != nil {
		panic(err)
	}
	return std
}

// answers gives every scored item of std the verdict def, then applies
// the overrides, each "verdict" or "verdict|note".
func answers(std *checklist.Standard, def checklist.Verdict, over map[string]answer) map[string]checklist.Answer {
	at := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	out := map[string]checklist.Answer{}
	for _, it := range std.ScoredItems() {
		out[it.ID] = checklist.Answer{Verdict: def, By: "李检查", At: at}
	}
	for id, a := range over {
		if _, ok := out[id]; !ok {
			panic("no scored item " + id)
		}
		out[id] = checklist.Answer{Verdict: a.v, Note: a.note, By: "李检查", At: at}
	}
	return out
}

type answer struct {
	v    checklist.Verdict
	note string
}

var (
	met     = answer{v: checklist.Met}
	partly  = answer{v: checklist.PartlyMet}
	notMet  = answer{v: checklist.NotMet}
	notAppl = answer{v: checklist.NotApplicable}
)

func with(a answer, note string) answer { a.note = note; return a }

func visit(id, school string, std *checklist.Standard, date string, status checklist.Status, inspector string, ans map[string]checklist.Answer) *checklist.Inspection {
	d, err := checklist.ParseDate(date)
	if err != nil {
		panic(err)
	}
	in := &checklist.Inspection{ID: id, SchoolID: school, StandardID: std.ID, Inspector: inspector, Date: d, Status: status, Answers: ans}
	if status == checklist.Finalized {
		in.FinalizedAt = time.Date(d.Year, d.Month, d.Day, 17, 0, 0, 0, time.UTC)
	}
	return in
}

// county is the fixed year: two townships; a 5-star school with one
// requirement all not applicable, a 4-star school, a lagging 3-star
// school, a 1-star school, a school whose unmet veto item caps its stars,
// and a school with only a draft (未评定).
type county struct {
	std, veto, old *checklist.Standard
	schools        []checklist.School
	visits         []*checklist.Inspection
	previous       *checklist.Inspection // 城关中学's visit of 2025
	draft          *checklist.Inspection // 城关镇实验幼儿园's draft
	// lastYear are the other visits of 2025: 城关第一小学 at four stars,
	// 东河小学 at three.
	lastYear []*checklist.Inspection
}

func newCounty() *county {
	std, veto, old := checklist.DefaultStandard(), vetoStandard(), oldStandard()
	c := &county{std: std, veto: veto, old: old}
	c.schools = []checklist.School{
		{ID: "s-cg1", Name: "城关第一小学", Township: "城关镇", Kind: "小学", Secretary: "张红"},
		{ID: "s-cgz", Name: "城关中学", Township: "城关镇", Kind: "初中", Secretary: "李明"},
		{ID: "s-cgy", Name: "城关镇实验幼儿园", Township: "城关镇", Kind: "幼儿园", Secretary: "周丽"},
		{ID: "s-dh1", Name: "东河小学", Township: "东河乡", Kind: "小学", Secretary: "王芳"},
		{ID: "s-dh2", Name: "东河第二小学", Township: "东河乡", Kind: "小学", Secretary: "陈刚"},
		{ID: "s-dhz", Name: "东河中学", Township: "东河乡", Kind: "初中", Secretary: "赵强"},
	}
	c.previous = visit("v-2025-cgz", "s-cgz", old, "2025-11-03", checklist.Finalized, "王检查", answers(old, checklist.Met, map[string]answer{
		"3.3": with(notMet, "没有电教设备"), "3.5": notMet, "3.6": notMet, "3.7": notMet, "3.8": notMet,
		"4.2": partly, "4.3": partly, "5.1.4": notMet, "5.4": with(notMet, "未制定品牌创建方案"),
	}))
	c.lastYear = []*checklist.Inspection{
		visit("v-2025-cg1", "s-cg1", old, "2025-10-10", checklist.Finalized, "王检查", answers(old, checklist.Met, map[string]answer{
			"3.3": notMet, "3.5": notMet, "4.2": notMet, "4.3": notMet, "5.1.4": partly,
		})),
		visit("v-2025-dh1", "s-dh1", old, "2025-09-20", checklist.Finalized, "王检查", answers(old, checklist.Met, map[string]answer{
			"1.1": notMet, "3.3": notMet, "3.5": notMet, "3.6": notMet, "4.2": notMet, "4.3": notMet, "5.1.4": notMet, "5.2.1": notMet,
		})),
	}
	c.draft = visit("v-2026-cgy", "s-cgy", std, "2026-11-20", checklist.Draft, "李检查", answers(std, checklist.Met, map[string]answer{
		"1.3": with(partly, "书记兼任园长，党建时间不足"),
	}))
	delete(c.draft.Answers, "5.3")
	delete(c.draft.Answers, "5.2.8")
	c.visits = []*checklist.Inspection{
		c.previous, c.draft,
		visit("v-2026-cg1", "s-cg1", std, "2026-10-09", checklist.Finalized, "李检查", answers(std, checklist.Met, map[string]answer{
			"2.1": notAppl, "2.2": notAppl, "2.3": with(notAppl, "本校今年未开展专项活动"),
		})),
		visit("v-2026-cgz", "s-cgz", std, "2026-10-15", checklist.Finalized, "李检查", answers(std, checklist.Met, map[string]answer{
			"1.3": partly, "2.3": with(notMet, "活动没有总结"), "3.9": notMet,
			"3.5": with(notMet, "流程图未上墙"), "3.6": notMet, "3.7": with(partly, "党刊只有2019年的"), "3.8": notMet,
			"4.2": partly, "4.3": partly, "4.5": with(partly, "只有一次评比记录"),
			"5.1.4": notMet, "5.1.6": partly, "5.1.7": partly, "5.2.2": with(partly, "“三会一课”记录缺少第三季度"),
			"5.2.5": notMet, "5.2.6": partly, "5.2.7": notMet,
		})),
		visit("v-2026-dh1", "s-dh1", std, "2026-09-22", checklist.Finalized, "王检查", answers(std, checklist.PartlyMet, map[string]answer{
			"1.1": with(notMet, "书记不清楚“第一责任人”职责"), "3.1": with(notMet, "没有党员活动室"), "5.1.10": notMet,
		})),
		visit("v-2026-dh2", "s-dh2", std, "2026-09-23", checklist.Finalized, "王检查", answers(std, checklist.Met, map[string]answer{
			"3.3": with(notMet, "电教设备未配齐"), "3.5": notMet, "3.9": partly, "3.10": partly,
			"4.2": partly, "5.1.8": with(notMet, "党费收缴明细缺2026年上半年"), "5.2.3": notMet, "5.2.4": partly, "5.2.1": partly,
		})),
		visit("v-2026-dhz", "s-dhz", veto, "2026-09-24", checklist.Finalized, "王检查", answers(veto, checklist.Met, map[string]answer{
			"5.1.3": with(notMet, "党员花名册缺失"),
		})),
	}
	return c
}

// rating rates the county's 2026.
func (c *county) rating(t testing.TB) *checklist.YearRating {
	t.Helper()
	yr, err := checklist.RateYear(2026, c.schools, c.visits, map[string]*checklist.Standard{
		c.std.ID: c.std, c.veto.ID: c.veto, c.old.ID: c.old,
	})
	if err != nil {
		t.Fatal(err)
	}
	return yr
}

// ratingLastYear rates the county's 2025.
func (c *county) ratingLastYear(t testing.TB) *checklist.YearRating {
	t.Helper()
	yr, err := checklist.RateYear(2025, c.schools, append([]*checklist.Inspection{c.previous}, c.lastYear...), map[string]*checklist.Standard{
		c.std.ID: c.std, c.old.ID: c.old,
	})
	if err != nil {
		t.Fatal(err)
	}
	return yr
}

// TestFixture checks the fixture is what the golden files claim it is.
func TestFixture(t *testing.T) {
	yr := newCounty().rating(t)
	type want struct {
		stars          int
		lagging, rated bool
		capped         bool
	}
	wants := map[string]want{
		"城关第一小学":   {5, false, true, false},
		"城关中学":     {3, true, true, false},
		"城关镇实验幼儿园": {0, false, false, false},
		"东河小学":     {1, true, true, false},
		"东河第二小学":   {4, false, true, false},
		"东河中学":     {2, true, true, true},
	}
	for _, r := range yr.Ratings {
		w := wants[r.School.Name]
		got := want{r.Score.Stars, r.Score.Lagging, r.Rated(), r.Score.Capped()}
		if got != w {
			t.Errorf("%s: got %+v (total %v), want %+v", r.School.Name, got, r.Score.Total, w)
		}
	}
	if len(yr.Ratings) != len(wants) || len(yr.Standards) != 2 {
		t.Errorf("%d ratings, %d standards", len(yr.Ratings), len(yr.Standards))
	}
	last := map[string]int{}
	for _, r := range newCounty().ratingLastYear(t).Ratings {
		last[r.School.Name] = r.Score.Stars
	}
	if last["城关第一小学"] != 4 || last["东河小学"] != 3 || last["城关中学"] == 0 || last["东河第二小学"] != 0 {
		t.Errorf("2025 stars %v", last)
	}
}

// today is the day the county's rectifications are looked at: the day
// the exports are made.
var today = checklist.DateOf(generatedAt)

// rectifications derives the county's rectifications from its finalized
// visits of both years and records some decisions:
//
//	城关中学 3.9 reported done by the school (李明, with evidence);
//	东河第二小学 3.3 given a later deadline and another person responsible;
//	东河小学 5.1.10 closed by hand; its 2025 finding 1.1 closed by hand
//	    before the 2026 visit found it again: a 反弹.
func (c *county) rectifications(t testing.TB) map[string][]checklist.Rectification {
	t.Helper()
	stds := map[string]*checklist.Standard{c.std.ID: c.std, c.veto.ID: c.veto, c.old.ID: c.old}
	visits := append(append([]*checklist.Inspection{}, c.visits...), c.lastYear...)
	d := func(s string) checklist.Date {
		v, err := checklist.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	decide := map[string]func(r *checklist.Rectification) error{
		"v-2026-cgz/3.9": func(r *checklist.Rectification) error {
			return r.Report("李明", d("2026-11-20"), "制度汇编.pdf、上墙照片3张", today)
		},
		"v-2026-dh2/3.3": func(r *checklist.Rectification) error {
			if err := r.SetDeadline(d("2027-01-15")); err != nil {
				return err
			}
			return r.SetResponsible("陈副校长")
		},
		"v-2026-dh1/5.1.10": func(r *checklist.Rectification) error {
			return r.Close("王检查", d("2026-12-01"), "会议记录簿已补齐，现场核实", today)
		},
		"v-2025-dh1/1.1": func(r *checklist.Rectification) error {
			return r.Close("王检查", d("2025-12-15"), "书记已参加培训，说得清职责", today)
		},
	}
	out := map[string][]checklist.Rectification{}
	for _, sc := range c.schools {
		rs := checklist.DeriveRectifications(sc, visits, stds, nil)
		for i := range rs {
			if f := decide[rs[i].ID]; f != nil {
				if err := f(&rs[i]); err != nil {
					t.Fatalf("%s: %v", rs[i].ID, err)
				}
			}
		}
		out[sc.ID] = checklist.DeriveRectifications(sc, visits, stds, rs)
	}
	return out
}

// ledger is the county's 整改台账 on today, as the filter asks.
func (c *county) ledger(t testing.TB, f checklist.RectFilter) *checklist.RectLedger {
	t.Helper()
	return checklist.NewRectLedger(c.schools, c.rectifications(t), map[string]*checklist.Standard{
		c.std.ID: c.std, c.veto.ID: c.veto, c.old.ID: c.old,
	}, today, f)
}
