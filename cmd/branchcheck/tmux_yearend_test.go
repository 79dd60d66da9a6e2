package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"branchcheck/checklist"
	"branchcheck/store"
)

// TestTmuxAppYearEnd drives the real program in tmux at 80x24, keys only,
// through the year end under a bureau's own standard (the example
// county standard, made a 2025 one): a branch's self-assessment entered
// from its paper form, a deduction item's number in a walk, a veto
// situation recorded, the year published (公示) and confirmed (确定) on
// the ratings screen, and then an answer in a walk of that year, which
// asks the reason once and is saved with it. Then the database is
// checked.
func TestTmuxAppYearEnd(t *testing.T) {
	tmuxBin, err := exec.LookPath("tmux")
	if err != nil {
		t.Skip("tmux is not installed")
	}
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	db := filepath.Join(dir, "year.db")

	data, err := os.ReadFile(filepath.Join("..", "..", "checklist", "testdata", "county-2027.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	std, err := checklist.ParseStandard("county-2027.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	std.ID, std.Year = "example-county-2025", 2025 // a year already over
	s, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.InstallStandard(std); err != nil {
		t.Fatal(err)
	}
	rated, err := s.AddSchool(checklist.School{Name: "东河中学", Township: "东河乡"})
	if err != nil {
		t.Fatal(err)
	}
	v, err := s.CreateInspection(rated.ID, "李四", checklist.Date{Year: 2025, Month: 11, Day: 20})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range std.ScoredItems() {
		if it.TakesValue() {
			_, err = s.SetValue(v.ID, it.ID, 0, "李四")
		} else {
			_, err = s.SetVerdict(v.ID, it.ID, checklist.Met, "李四")
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Finalize(v.ID, "李四"); err != nil {
		t.Fatal(err)
	}
	drafted, err := s.AddSchool(checklist.School{Name: "城关小学", Township: "城关镇"})
	if err != nil {
		t.Fatal(err)
	}
	draft, err := s.CreateInspection(drafted.ID, "李四", checklist.Date{Year: 2025, Month: 11, Day: 25})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetSetting(store.SettingInspector, "李四"); err != nil {
		t.Fatal(err)
	}
	s.Close()

	tm := &tmux{t: t, bin: tmuxBin, socket: fmt.Sprintf("branchcheck-year-%d", os.Getpid()), session: "year"}
	t.Cleanup(tm.killServer)
	tm.start(bin, "--db", db)
	tm.waitLine(`学校列表  共 2 所  星级为 \d{4} 年度评定`)

	// 城关小学 (the list is by township): its walk, the deduction item.
	tm.waitLine(`> 城关小学 .*`)
	tm.keys("Enter")
	tm.waitLine(`检查记录 1 次`)
	tm.keys("Enter")
	tm.waitLine(`.*答案：未答`)
	tm.keys("y", "y")
	waitJoined(t, tm, "每缺一次扣2分，扣完为止（本项10分）")
	tm.keys("2")
	waitJoined(t, tm, "缺了几次？")
	tm.keys("Enter")
	tm.waitLine(`.*已保存 \d\d:\d\d:\d\d.*`)
	tm.keys("k")
	waitJoined(t, tm, "答案：缺 2 次")
	waitJoined(t, tm, "本项得 6 分（满分 10 分）")
	tm.keys("Escape")
	tm.waitLine(`检查记录 1 次`)

	// Its self-assessment, from the paper form.
	tm.keys("s")
	tm.waitLine(`2025 年度支部自评：城关小学`)
	tm.keys("y")
	tm.waitLine(`已保存：1\.1 符合`)
	tm.keys("Escape")
	tm.waitLine(`检查记录 1 次`)

	// A veto situation recorded.
	tm.keys("v")
	tm.waitLine(`2025 年度一票否决情形：城关小学`)
	tm.keys("Enter")
	tm.waitLine(`记录一票否决情形（2025 年度）`)
	tm.text("县纪委〔2025〕5号通报")
	tm.keys("C-s")
	tm.waitLine(`已记录：党组织班子成员当年受到党纪处分或政务处分的`)
	tm.keys("Escape", "Escape")

	// The year: 公示, then 确定.
	tm.waitLine(`> 城关小学 .*`)
	tm.keys("r")
	tm.waitLine(`\d{4} 年度星级评定  按乡镇排列`)
	for i := 0; i < 5; i++ { // back to 2025 from this year
		tm.waitLine(`阶段：.*`)
		tm.keys("[")
		time.Sleep(200 * time.Millisecond)
		if joinedHas(tm, "2025 年度星级评定") {
			break
		}
	}
	tm.waitLine(`2025 年度星级评定  按乡镇排列`)
	tm.waitLine(`阶段：初评（尚未公示）`)
	tm.keys("P")
	tm.waitLine(`公示 2025 年度星级评定`)
	tm.keys("C-u")
	tm.text("2025-12-01")
	tm.keys("Enter", "C-u")
	tm.text("2025-12-07")
	tm.keys("C-s")
	tm.waitLine(`已公示：2025-12-01 至 2025-12-07`)
	tm.keys("C")
	tm.waitLine(`确定 2025 年度星级评定`)
	tm.keys("C-u")
	tm.text("2025-12-10")
	tm.keys("C-s")
	tm.waitLine(`已确定 2025 年度星级评定，结果已锁定`)
	tm.waitLine(`阶段：已于 2025-12-10 确定（李四），结果已锁定`)
	tm.keys("g")
	tm.waitLine(`星级分布（已评定 1 所，未评定 1 所）`)
	tm.keys("Escape")

	// A walk of the confirmed year: the answer asks why, once.
	tm.waitLine(`> 城关小学 .*`)
	tm.keys("Enter")
	tm.waitLine(`检查记录 1 次`)
	tm.keys("Enter")
	tm.keys("j", "j", "j", "y")
	waitJoined(t, tm, "修改 2025 年度的记录")
	tm.text("补录复查结果")
	tm.keys("Enter")
	tm.waitLine(`.*已保存 \d\d:\d\d:\d\d.*`)
	tm.keys("Escape", "Escape", "q")
	tm.waitExit()

	s, err = store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, err := s.YearStage(2025)
	if err != nil || st.Stage != checklist.StageConfirmed || st.ConfirmedOn != (checklist.Date{Year: 2025, Month: 12, Day: 10}) {
		t.Errorf("the 2025 stage: %+v, %v", st, err)
	}
	sa, _, err := s.SelfAssessment(drafted.ID, 2025)
	if err != nil || sa == nil || sa.Answers["1.1"].Verdict != checklist.Met {
		t.Errorf("the self-assessment: %+v, %v", sa, err)
	}
	rs, err := s.SchoolVetoes(drafted.ID, 2025)
	if err != nil || len(rs) != 1 || !rs[0].Active() || rs[0].RecordedBy != "李四" {
		t.Errorf("the veto records: %+v, %v", rs, err)
	}
	trail, err := s.AuditTrail(draft.ID)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, c := range trail {
		found = found || c.Reason == "补录复查结果"
	}
	if !found {
		t.Errorf("no change with the reason in the audit trail: %+v", trail)
	}
	wv, err := s.WalkVisit(draft.ID)
	if err != nil || wv.Visit.Answers["1.3"].Value != 2 {
		t.Errorf("1.3 of the draft: %+v, %v", wv, err)
	}
}

// joinedHas reports whether the pane, its lines trimmed and joined, holds
// text.
func joinedHas(tm *tmux, text string) bool {
	var b strings.Builder
	for _, l := range strings.Split(tm.screen(), "\n") {
		b.WriteString(strings.TrimSpace(l))
	}
	return strings.Contains(b.String(), text)
}
