package tui

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/store"
)

// The rectifications (整改) in the interface: the walk's past, a new visit
// opening on the open rectifications, the school's rectifications and
// the decisions about them, the county's 整改台账.

// rectCounty is a small county whose store's clock is the tests' (so
// that what is overdue is worked out on the same day as the screens):
// 城关镇第一小学, visited on 2025-01-10 and found wanting in 1.1, 3.5
// (partly) and 5.2.4, due on 2025-02-09 and 33 days overdue; 东河乡中心学校,
// visited on 2025-03-01 and found wanting in 2.1, due on 2025-03-31.
type rectCounty struct {
	st           *store.Store
	first, other checklist.School
	visit        *checklist.Inspection
}

// rectFindings are the problems the first school's visit found.
var rectFindings = []struct {
	item string
	v    checklist.Verdict
	note string
}{
	{"1.1", checklist.NotMet, "没有党建工作责任清单。"},
	{"3.5", checklist.PartlyMet, "流程图有，未上墙。"},
	{"5.2.4", checklist.NotMet, "书记本年度未上党课。"},
}

func newRectCounty(t *testing.T) *rectCounty {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "branchcheck.db"), store.Options{NoDailyBackup: true, Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	rc := &rectCounty{st: st}
	rc.first = addSchool(t, st, "城关镇第一小学", "城关镇")
	rc.other = addSchool(t, st, "东河乡中心学校", "东河乡")
	notes := map[string]string{"1.2": "责任分工已公示。"}
	verdicts := map[string]checklist.Verdict{}
	for _, f := range rectFindings {
		notes[f.item], verdicts[f.item] = f.note, f.v
	}
	rc.visit = walkVisit(t, st, rc.first.ID, checklist.Date{Year: 2025, Month: 1, Day: 10}, verdicts, notes)
	walkVisit(t, st, rc.other.ID, checklist.Date{Year: 2025, Month: 3, Day: 1},
		map[string]checklist.Verdict{"2.1": checklist.NotMet}, map[string]string{"2.1": "主题教育无方案。"})
	return rc
}

// walkVisit makes a finalized visit of a school: every scored item met
// but those given, with the notes given.
func walkVisit(t *testing.T, st *store.Store, schoolID string, on checklist.Date, verdicts map[string]checklist.Verdict, notes map[string]string) *checklist.Inspection {
	t.Helper()
	v, err := st.CreateInspection(schoolID, "赵六", on)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range checklist.DefaultStandard().ScoredItems() {
		vd, ok := verdicts[it.ID]
		if !ok {
			vd = checklist.Met
		}
		if _, err := st.SetVerdict(v.ID, it.ID, vd, "赵六"); err != nil {
			t.Fatal(err)
		}
		if n := notes[it.ID]; n != "" {
			if _, err := st.SetNote(v.ID, it.ID, n, "赵六"); err != nil {
				t.Fatal(err)
			}
		}
	}
	if v, err = st.Finalize(v.ID, "赵六"); err != nil {
		t.Fatal(err)
	}
	return v
}

// TestWalkShowsThePast: a walk shows, beside every item, the previous
// finalized visit's answer and note, and for the items still to fix the
// rectification with its deadline and how overdue it is; on a terminal
// that draws · two cells wide, a comma joins answer and note instead.
func TestWalkShowsThePast(t *testing.T) {
	rc := newRectCounty(t)
	s := run(t, newModel(rc.st, i18n.Chinese), 80, 24)
	s.waitLine(`> 城关镇第一小学 .*`)
	startRectVisit(s, "李四")
	found := map[string]int{}
	for i, f := range rectFindings {
		found[f.item] = i
	}
	std := checklist.DefaultStandard()
	// The walk opened on 1.1, the first item; j goes through every one
	// of them in order.
	for i, it := range std.Items() {
		if i > 0 {
			s.press("j")
		}
		if !it.Scored {
			s.waitPane(regexp.QuoteMeta(it.ID) + `  不计分`)
			continue
		}
		s.waitPane(regexp.QuoteMeta(it.ID))
		i, ok := found[it.ID]
		switch {
		case ok:
			f := rectFindings[i]
			s.waitPane(regexp.QuoteMeta("上次：" + i18n.Chinese.Verdict(f.v) + " · " + f.note))
			s.waitPane(`整改期限 2025-02-09，已逾期 33 天`)
		case it.ID == "1.2":
			s.waitPane(`上次：符合 · 责任分工已公示。`)
		default:
			scr := s.waitPane(`上次：符合`)
			if strings.Contains(scr, "整改期限") {
				t.Errorf("%s has no rectification, and the walk shows one:\n%s", it.ID, scr)
			}
		}
	}
	s.quit("ctrl+c")

	// Ambiguous glyphs drawn two cells wide: no middle dot.
	m := New(Options{Store: rc.st, Lang: i18n.Chinese, Now: clock, NoColor: true, Ambiguous: AmbiguousWide})
	d := drive(t, m, 80, 24)
	d.press("enter", "enter") // the draft just started
	if scr := d.screen(); !strings.Contains(scr, "上次：不符合，没有党建工作责任清单。") || strings.Contains(scr, "·") {
		t.Errorf("drawn ambiguous-wide:\n%s", scr)
	}
	checkFitsAs(t, d.m.render(), 80, 24, wideMeasure.String)
}

// TestNewVisitOpensOnRectifications: a new visit of a school with open
// rectifications opens on the first of their items and says how many
// there are; each answer to one moves on to the next, the last one back
// to the first unanswered item of the walk; r jumps between them, and
// an answer says what finalizing will do to the rectification.
func TestNewVisitOpensOnRectifications(t *testing.T) {
	rc := newRectCounty(t)
	s := run(t, newModel(rc.st, i18n.Chinese), 120, 30)
	s.waitLine(`> 城关镇第一小学 .*`)
	startRectVisit(s, "李四")
	s.waitLine(`0/42  还没有作答 +先复查 3 项未销号的整改（r 跳到下一项）`)
	s.waitLine(`> 1\.1 +\[ \] +改 .*`)
	s.press("y")
	s.waitLine(`> 3\.5 +\[ \] +改 .*`)
	s.press("n")
	s.waitLine(`> 5\.2\.4 +\[ \] +改 .*`)
	s.press("y")
	s.waitLine(`3/42  .*整改项已全部复查，接着检查其余各项`)
	s.waitLine(`> 1\.2 +\[ \] .*`)
	s.press("r")
	s.waitLine(`> 3\.5 +\[N\] +改 .*`)
	s.waitPane(`整改期限 2025-02-09，已逾期 33 天；本次仍不符合，定稿后记为复查未通过`)
	s.press("r")
	s.waitPane(`整改期限 2025-02-09，已逾期 33 天；本次符合，定稿后销号`)
	s.press("r", "r")
	s.waitLine(`> 3\.5 +\[N\] +改 .*`)
	s.quit("ctrl+c")

	// A school with no open rectification opens on its first item, as
	// before, and offers no r.
	d := drive(t, newModel(rc.st, i18n.Chinese), 80, 24)
	d.press("j", "enter", "n", "enter") // the inspector's name is remembered
	scr := d.screen()
	if !hasLine(scr, regexp.MustCompile(`^> 2\.1 +\[ \] +改 `)) {
		t.Errorf("东河乡中心学校's new visit does not open on 2.1:\n%s", scr)
	}
	st2 := openStore(t)
	addSchool(t, st2, "西山镇柳林小学", "西山镇")
	d = drive(t, newModel(st2, i18n.Chinese), 80, 24)
	d.press("enter", "n", "张", "enter", "enter")
	scr = d.screen()
	if !hasLine(scr, regexp.MustCompile(`^> 1\.1 +\[ \] +压实`)) || strings.Contains(scr, "上次") || strings.Contains(scr, "r 下一整改项") {
		t.Errorf("a first visit:\n%s", scr)
	}
}

// TestWalkFinalizedFindsRectifications: once the walk's visit is
// finalized, the items it found wanting show their new rectifications,
// read again from the store.
func TestWalkFinalizedFindsRectifications(t *testing.T) {
	rc := newRectCounty(t)
	s := run(t, newModel(rc.st, i18n.Chinese), 80, 24)
	s.waitLine(`> 城关镇第一小学 .*`)
	startRectVisit(s, "李四")
	s.press("y", "y", "y") // the three rectifications: met, closed once finalized
	s.waitLine(`> 1\.2 +\[ \] .*`)
	s.press("n") // 1.2 not met: a new rectification once finalized
	for range 38 {
		s.press("y")
	}
	s.waitLine(`42/42  暂定 .*已保存 14:03:27`)
	s.press("F", "y")
	s.waitLine(`42/42  \S+分 .*`)
	s.press("tab") // from 五要 round to 一要, all answered: its first item
	s.waitLine(`> 1\.1 +\[Y\] +.*`)
	s.press("j")
	s.waitPane(`整改期限 2025-04-13，还有 30 天`)
	s.quit("ctrl+c")
}

// TestSchoolRectifications: the school screen says its rectifications
// under its visits, and lists them all on their tab, the open ones first,
// with the one selected in full: the note whole, the deadline, where it
// stands, the person responsible.
func TestSchoolRectifications(t *testing.T) {
	rc := newRectCounty(t)
	long := strings.Repeat("党员活动室的制度牌只挂了一半，其余在柜子里。", 12)
	if _, err := rc.st.Reopen(rc.visit.ID, "补记", "赵六"); err != nil {
		t.Fatal(err)
	}
	if _, err := rc.st.SetNote(rc.visit.ID, "5.2.4", long, "赵六"); err != nil {
		t.Fatal(err)
	}
	if _, err := rc.st.Finalize(rc.visit.ID, "赵六"); err != nil {
		t.Fatal(err)
	}
	if _, err := rc.st.CloseRectification(checklist.RectificationID(rc.visit.ID, "3.5"), "何丽", checklist.DateOf(testNow), "回访核实，已整改到位"); err != nil {
		t.Fatal(err)
	}
	s := run(t, newModel(rc.st, i18n.Chinese), 80, 24)
	s.waitLine(`> 城关镇第一小学 .*`)
	s.press("enter")
	s.waitLine(`整改事项：未销号 2 项（逾期 2 项），已销号 1 项`)
	s.waitLine(`1\.1 +逾期 33 天  压实党建责任.*`)
	s.waitLine(`5\.2\.4 +逾期 33 天  党组织书记上党课及参训台帐`)
	s.waitLine(`按 tab 查看全部整改事项，可报告整改完成、销号、改期限和责任人`)
	s.press("tab")
	s.waitLine(`条目 +问题 +整改期限 +状态 +责任人`)
	s.waitLine(`> 1\.1 +压实党建责任.* +2025-02-09  逾期 33 天 +王芳`)
	s.waitLine(`5\.2\.4 +党组织书记上党课及参训台帐 +2025-02-09  逾期 33 天 +王芳`)
	s.waitLine(`3\.5 +有发展党员工作流程图.* +2025-02-09  已销号 +王芳`)
	s.waitLine(`发现：2025-01-10 的检查，不符合：没有党建工作责任清单。`)
	s.waitLine(`状态：逾期 33 天`)
	s.waitLine(`责任人：王芳`)
	s.press("j")
	s.waitLine(`> 5\.2\.4 .*`)
	s.waitText("发现：2025-01-10 的检查，不符合：" + long) // whole, wrapped
	s.press("j")
	s.waitLine(`销号：何丽 于 2025-03-14 手工销号；原因：回访核实，已整改到位`)
	s.waitLine(`tab 检查记录  esc 返回  enter 看全文  \? 帮助`) // no decision on one closed
	s.press("tab")
	s.waitLine(`检查记录 1 次`)
	s.quit("ctrl+c")

	// At the smallest size the note does not fit under the list: the
	// pane says so, and enter shows it whole.
	d := drive(t, newModel(rc.st, i18n.Chinese), MinWidth, MinHeight)
	d.press("enter", "tab", "j")
	if scr := d.screen(); !strings.Contains(scr, "（未完，按 enter 看全文）") {
		t.Fatalf("no sign of the rest:\n%s", scr)
	}
	d.press("enter")
	var all strings.Builder
	for range 20 {
		for _, l := range strings.Split(d.screen(), "\n") {
			all.WriteString(strings.TrimSpace(l))
		}
		d.press("j")
	}
	if !strings.Contains(all.String(), long) {
		t.Errorf("the note is not whole in the full view: %s", all.String())
	}
}

// gateStore holds back every decision about a rectification until the
// test lets it through, so that the test can see what the screen says
// while it is being saved.
type gateStore struct {
	*store.Store
	gate chan struct{}
}

func (g *gateStore) wait() { <-g.gate }

func (g *gateStore) ReportRectification(id, by string, on checklist.Date, ev string) (*checklist.Rectification, error) {
	g.wait()
	return g.Store.ReportRectification(id, by, on, ev)
}

// TestRectDecisions: the four decisions from the school screen, each a
// form that checks what comes in and says every error in the user's
// language; the screen says a decision is saved only once the store
// returned, and the store has it.
func TestRectDecisions(t *testing.T) {
	rc := newRectCounty(t)
	g := &gateStore{Store: rc.st, gate: make(chan struct{})}
	s := run(t, newModel(g, i18n.Chinese), 80, 24)
	s.waitLine(`> 城关镇第一小学 .*`)
	s.press("enter", "tab")
	s.waitLine(`> 1\.1 +压实党建责任.*`)
	id := checklist.RectificationID(rc.visit.ID, "1.1")
	rect := func() *checklist.RectEntry {
		t.Helper()
		e, _, err := rc.st.Rectification(id)
		if err != nil {
			t.Fatal(err)
		}
		return e
	}

	// Report: who (the person responsible), when, the evidence.
	s.press("r")
	s.waitLine(`学校报告整改完成`)
	s.waitLine(`> 报告人\* +王芳`)
	s.press("tab", "ctrl+u")
	s.typeText("2025-03-15")
	s.press("ctrl+s")
	s.waitLine(`日期 2025-03-15 晚于今天（2025-03-14），日期不能晚于今天`)
	for range 10 {
		s.press("backspace")
	}
	s.typeText("2025-01-01")
	s.press("ctrl+s")
	s.waitLine(`日期 2025-01-01 早于发现问题的日期 2025-01-10`)
	for range 10 {
		s.press("backspace")
	}
	s.typeText("2025年3月12日")
	s.press("tab")
	s.typeText("制度汇编.pdf")
	s.press("ctrl+s")
	s.waitLine(`正在保存……`)
	if strings.Contains(s.screen(), "已保存") || rect().Status() != checklist.RectOpen {
		t.Errorf("said saved before the store has it:\n%s", s.screen())
	}
	close(g.gate)
	s.waitLine(`已保存：1\.1 已报告整改完成，待复查`)
	s.waitLine(`> 1\.1 .* 2025-02-09  已整改待复查  王芳`)
	s.waitLine(`学校报告：王芳 于 2025-03-12 报告整改完成；佐证：制度汇编\.pdf`)
	if e := rect(); e.Status() != checklist.RectReported || e.Actions.ReportedBy != "王芳" || e.Actions.Evidence != "制度汇编.pdf" ||
		e.Actions.ReportedOn != (checklist.Date{Year: 2025, Month: 3, Day: 12}) {
		t.Errorf("reported as %+v", e.Actions)
	}

	// The deadline: a day before the finding is refused, another set,
	// and empty goes back to the default. The inspector's name is
	// asked the first time.
	s.press("d")
	s.waitLine(`改整改期限`)
	s.waitLine(`> 整改期限 +2025-02-09`)
	s.waitLine(`经办人\* +您的姓名.*`)
	s.press("ctrl+u")
	s.typeText("2025-02-30")
	s.press("enter")
	s.typeText("何丽")
	s.press("enter")
	s.waitLine(`日期.*：2025 年 2 月没有 30 日`)
	s.press("ctrl+u")
	s.typeText("2024-12-31")
	s.press("ctrl+s")
	s.waitLine(`整改期限 2024-12-31 早于发现问题的日期 2025-01-10`)
	s.press("ctrl+u")
	s.typeText("2025/4/30")
	s.press("ctrl+s")
	s.waitLine(`已保存：1\.1 整改期限改为 2025-04-30`)
	s.waitLine(`整改期限：2025-04-30（另行设定，原定 2025-02-09）`)
	if e := rect(); e.Deadline() != (checklist.Date{Year: 2025, Month: 4, Day: 30}) {
		t.Errorf("deadline %s", e.Deadline())
	}
	if name, _ := rc.st.Setting(settingInspector); name != "何丽" {
		t.Errorf("the inspector's name asked is not remembered: %q", name)
	}

	// The person responsible.
	s.press("p")
	s.waitLine(`> 责任人 +王芳`)
	s.press("ctrl+u")
	s.typeText("分管副校长")
	s.press("ctrl+s")
	s.waitLine(`已保存：1\.1 责任人改为 分管副校长`)
	s.waitLine(`责任人：分管副校长（另行指定；党组织书记 王芳）`)

	// Closing by hand needs a reason.
	s.press("c")
	s.waitLine(`手工销号`)
	s.press("ctrl+s")
	s.waitLine(`请填写原因`)
	s.typeText("回访核实，已整改到位")
	s.press("ctrl+s")
	s.waitLine(`已保存：1\.1 已手工销号`)
	s.waitLine(`销号：何丽 于 2025-03-14 手工销号；原因：回访核实，已整改到位`)
	s.waitLine(`> 1\.1 .* 已销号 +分管副校长`) // selected still, now among the closed
	e := rect()
	if e.Status() != checklist.RectClosed || e.Actions.ClosedBy != "何丽" || e.Responsible() != "分管副校长" {
		t.Errorf("closed as %+v", e.Actions)
	}
	s.quit("ctrl+c")

	// In English, the errors are English.
	d := drive(t, newModel(rc.st, i18n.English), 80, 24)
	d.press("enter", "tab", "d", "ctrl+u")
	for _, r := range "2024-12-31" {
		d.press(string(r))
	}
	d.press("ctrl+s")
	if scr := d.screen(); !strings.Contains(scr, "the deadline 2024-12-31 is before the problem was found, 2025-01-10") {
		t.Errorf("in English:\n%s", scr)
	}
}
