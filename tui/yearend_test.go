package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/store"
)

// countyNow is the year-end tests' clock: 20 January 2028, after the
// 2027 rating's 公示 (5 to 11 January) could be confirmed.
var countyNow = time.Date(2028, 1, 20, 10, 0, 0, 0, time.Local)

// countyStore is a store with the example standard (county-2027: per-item
// points, deduction and bonus items, veto situations) installed.
func countyStore(t testing.TB) (*store.Store, *checklist.Standard) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "checklist", "testdata", "county-2027.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	std, err := checklist.ParseStandard("county-2027.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(filepath.Join(t.TempDir(), "branchcheck.db"), store.Options{NoDailyBackup: true, Now: func() time.Time { return countyNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.InstallStandard(std); err != nil {
		t.Fatal(err)
	}
	return s, std
}

// countyModel is the interface on the county store at countyNow.
func countyModel(s *store.Store, lang i18n.Lang) *Model {
	return New(Options{Store: s, Lang: lang, Now: func() time.Time { return countyNow }, NoColor: true,
		Ambiguous: AmbiguousNarrow, Amend: amendOf(s)})
}

// countyVisit starts a 2027 visit of a school, its inspector 何丽.
func countyVisit(t testing.TB, s *store.Store, schoolID string) *checklist.Inspection {
	t.Helper()
	return countyVisitOn(t, s, schoolID, 20)
}

// countyVisitOn starts a visit on a day of November 2027.
func countyVisitOn(t testing.TB, s *store.Store, schoolID string, day int) *checklist.Inspection {
	t.Helper()
	if err := s.SetSetting(settingInspector, "何丽"); err != nil {
		t.Fatal(err)
	}
	in, err := s.CreateInspection(schoolID, "何丽", checklist.Date{Year: 2027, Month: 11, Day: day})
	if err != nil {
		t.Fatal(err)
	}
	return in
}

// TestWalkDeductionItem: on the county standard's deduction item 1.3
// (每少开一次扣2分, 10 points), a digit opens the number's form, a count
// past its bound is refused where it enters, and 2 is saved with
// Store.SetValue: the pane says 缺 2 次 and 本项得 6 分 once it is saved.
func TestWalkDeductionItem(t *testing.T) {
	s, _ := countyStore(t)
	sc := addSchool(t, s, "东河中学", "东河乡")
	in := countyVisit(t, s, sc.ID)
	m := countyModel(s, i18n.Chinese)
	ses := run(t, m, 100, 30)
	ses.waitLine(`> 东河中学.*`)
	ses.press("enter")
	ses.waitText("检查记录 1 次")
	ses.press("enter")
	ses.waitPane(`1\.1`)
	ses.press("y", "y") // 1.1, 1.2 met: on to 1.3
	ses.waitPane(`1\.3`)
	ses.waitText("每缺一次扣2分，扣完为止（本项10分）")
	ses.press("9")
	ses.waitText("缺了几次？")
	ses.press("enter")
	ses.waitText("项目 1.3 最多 5 次，不是 9")
	ses.press("backspace")
	ses.typeText("2")
	ses.press("enter")
	ses.waitText("已保存")
	ses.press("k")
	ses.waitText("答案：缺 2 次")
	ses.waitText("本项得 6 分（满分 10 分）")
	// The pane shows the answer as soon as it is queued; the store has
	// it once the save is done (quitting waits for it).
	ses.quit("ctrl+c")
	got, err := s.WalkVisit(in.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a := got.Visit.Answers["1.3"]; a.Value != 2 || a.Verdict != checklist.PartlyMet {
		t.Errorf("1.3 saved as %+v, want 2 missing (部分符合)", a)
	}
}

// finalizeCounty answers every scored item of a visit under the county
// standard (符合; 0 for a bonus item, missing counts given by item) and
// finalizes it.
func finalizeCounty(t testing.TB, s *store.Store, std *checklist.Standard, id string, missing map[string]float64) {
	t.Helper()
	for _, it := range std.ScoredItems() {
		var err error
		switch x, ok := missing[it.ID]; {
		case ok || it.Bonus != nil:
			_, err = s.SetValue(id, it.ID, x, "何丽")
		default:
			_, err = s.SetVerdict(id, it.ID, checklist.Met, "何丽")
		}
		if err != nil {
			t.Fatalf("%s: %v", it.ID, err)
		}
	}
	if _, err := s.Finalize(id, "何丽"); err != nil {
		t.Fatal(err)
	}
}

// ctrlU clears a text field up to the cursor.
var ctrlU = tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}

// TestSelfAssessmentEntry: from the school screen, s enters the branch's
// self-assessment for the year of its latest visit from its paper form:
// y on 1.1, n on 1.2, a digit on the deduction item 1.3 (缺 2 次), each
// said 已保存 once the store has it; the walk then shows 自评 beside the
// items.
func TestSelfAssessmentEntry(t *testing.T) {
	s, std := countyStore(t)
	sc := addSchool(t, s, "东河中学", "东河乡")
	in := countyVisit(t, s, sc.ID)
	finalizeCounty(t, s, std, in.ID, nil)
	ses := run(t, countyModel(s, i18n.Chinese), 80, 24)
	ses.waitLine(`> 东河中学.*`)
	ses.press("enter")
	ses.waitText("检查记录 1 次")
	ses.press("s")
	ses.waitText("2027 年度支部自评：东河中学")
	ses.press("y")
	ses.waitText("已保存：1.1 符合")
	ses.press("n")
	ses.waitText("已保存：1.2 不符合")
	ses.press("2")
	ses.waitText("缺了几次？")
	ses.press("enter")
	ses.waitText("已保存：1.3 缺 2 次")
	sa, _, err := s.SelfAssessment(sc.ID, 2027)
	if err != nil {
		t.Fatal(err)
	}
	if sa == nil || sa.Answers["1.1"].Verdict != checklist.Met || sa.Answers["1.2"].Verdict != checklist.NotMet || sa.Answers["1.3"].Value != 2 ||
		sa.Answers["1.1"].Source != checklist.SourcePaper {
		t.Fatalf("self-assessment saved as %+v", sa)
	}
	ses.press("esc")
	ses.waitText("检查记录 1 次")
	ses.press("enter")
	ses.waitPane(`1\.1`)
	ses.waitText("自评：符合")
	ses.press("j", "j")
	ses.waitText("自评：缺 2 次，本项得 6 分（满分 10 分）")
	ses.quit("ctrl+c")
}

// TestRecordVeto: v on the school screen lists the standard's veto
// situations; enter records the first with a reason (required) and who,
// l lifts it with a reason: both in the store, the record kept.
func TestRecordVeto(t *testing.T) {
	s, std := countyStore(t)
	sc := addSchool(t, s, "东河中学", "东河乡")
	in := countyVisit(t, s, sc.ID)
	finalizeCounty(t, s, std, in.ID, nil)
	ses := run(t, countyModel(s, i18n.Chinese), 80, 24)
	ses.waitLine(`> 东河中学.*`)
	ses.press("enter")
	ses.waitText("检查记录 1 次")
	ses.press("v")
	ses.waitText("2027 年度一票否决情形：东河中学")
	ses.waitText("被确定为软弱涣散基层党组织的")
	ses.press("enter")
	ses.waitText("记录一票否决情形（2027 年度）")
	ses.press("ctrl+s")
	ses.waitText("请填写事由")
	ses.typeText("县纪委〔2027〕5号通报")
	ses.press("ctrl+s")
	ses.waitText("已记录：党组织班子成员当年受到党纪处分或政务处分的")
	ses.waitText("事由：县纪委〔2027〕5号通报")
	rs, err := s.SchoolVetoes(sc.ID, 2027)
	if err != nil || len(rs) != 1 || !rs[0].Active() || rs[0].RecordedBy != "何丽" || rs[0].SituationID != "discipline" {
		t.Fatalf("records %+v, %v", rs, err)
	}
	ses.press("l")
	ses.waitText("撤销一票否决记录（2027 年度）")
	ses.typeText("复核撤销")
	ses.press("ctrl+s")
	ses.waitText("已撤销：党组织班子成员当年受到党纪处分或政务处分的")
	rs, err = s.SchoolVetoes(sc.ID, 2027)
	if err != nil || len(rs) != 1 || rs[0].Active() || rs[0].LiftReason != "复核撤销" {
		t.Fatalf("records %+v, %v", rs, err)
	}
	ses.quit("ctrl+c")
}

// TestYearThroughPublicityToConfirmed: on the ratings screen the year
// goes through 公示 (P, its dates) to 确定 (C), and is then locked: an
// answer in a walk of that year asks why, once, and is saved with the
// reason in the audit trail; the next answer asks nothing.
func TestYearThroughPublicityToConfirmed(t *testing.T) {
	s, std := countyStore(t)
	a := addSchool(t, s, "东河中学", "东河乡")
	b := addSchool(t, s, "城关小学", "城关镇")
	finalizeCounty(t, s, std, countyVisit(t, s, a.ID).ID, nil)
	draft := countyVisitOn(t, s, b.ID, 25)
	ses := run(t, countyModel(s, i18n.Chinese), 80, 24)
	ses.waitLine(`> 城关小学.*`)
	ses.press("r")
	ses.waitText("2028 年度星级评定")
	ses.press("[")
	ses.waitText("阶段：初评（尚未公示）")
	ses.press("P")
	ses.waitText("公示 2027 年度星级评定")
	ses.tm.Send(ctrlU)
	ses.typeText("2028-01-05")
	ses.press("enter")
	ses.tm.Send(ctrlU)
	ses.typeText("2028-01-11")
	ses.press("ctrl+s")
	ses.waitText("已公示：2028-01-05 至 2028-01-11")
	ses.waitText("阶段：公示中：2028-01-05 至 2028-01-11（7 天）")
	ses.press("C")
	ses.waitText("确定 2027 年度星级评定")
	ses.tm.Send(ctrlU)
	ses.typeText("2028-01-15")
	ses.press("ctrl+s")
	ses.waitText("已确定 2027 年度星级评定，结果已锁定")
	ses.waitText("阶段：已于 2028-01-15 确定（何丽），结果已锁定")
	st, err := s.YearStage(2027)
	if err != nil || st.Stage != checklist.StageConfirmed {
		t.Fatalf("stage %+v, %v", st, err)
	}
	ses.press("esc")
	ses.waitLine(`> 城关小学.*`)
	ses.press("enter")
	ses.waitText("检查记录 1 次")
	ses.press("enter")
	ses.waitPane(`1\.1`)
	ses.press("y")
	ses.waitText("修改 2027 年度的记录")
	ses.waitText("修改这一年的记录需要说明原因")
	ses.typeText("补录复查结果")
	ses.press("enter")
	ses.waitText("已保存")
	ses.press("y")
	ses.waitPane(`1\.3`)
	ses.waitScreen("two answers saved", func(scr string) bool { return strings.Contains(scr, "2/") && strings.Contains(scr, "已保存") })
	trail, err := s.AuditTrail(draft.ID)
	if err != nil {
		t.Fatal(err)
	}
	reasons := 0
	for _, c := range trail {
		if c.Reason == "补录复查结果" {
			reasons++
		}
	}
	if reasons != 2 {
		t.Errorf("audit trail %+v: want both answers with the reason", trail)
	}
	ses.quit("ctrl+c")
}
