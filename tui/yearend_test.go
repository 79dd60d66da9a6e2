package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

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
	s := openStore(t)
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
	if err := s.SetSetting(settingInspector, "何丽"); err != nil {
		t.Fatal(err)
	}
	in, err := s.CreateInspection(schoolID, "何丽", checklist.Date{Year: 2027, Month: 11, Day: 20})
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
	got, err := s.WalkVisit(in.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a := got.Visit.Answers["1.3"]; a.Value != 2 || a.Verdict != checklist.PartlyMet {
		t.Errorf("1.3 saved as %+v, want 2 missing (部分符合)", a)
	}
	ses.quit("ctrl+c")
}

func joined(screen string) string {
	var b strings.Builder
	for _, l := range strings.Split(screen, "\n") {
		b.WriteString(strings.TrimSpace(l))
	}
	return b.String()
}
