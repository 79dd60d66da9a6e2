package tui

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/store"
)

// TestFinalizeRefused: F lists what is unanswered and y does not
// finalize; enter goes to the first unanswered item.
func TestFinalizeRefused(t *testing.T) {
	st := openStore(t)
	addSchool(t, st, "城关镇第二小学", "城关镇")
	s := run(t, newModel(st, i18n.Chinese), 80, 24)
	startVisit(s, "张三")
	for range 40 {
		s.press("y")
	}
	s.waitLine(`40/42  暂定 .*  已保存 14:03:27`)
	s.press("F")
	s.waitPane(`还有 2 项未答：5.2.7 5.2.8`)
	s.waitPane(`答完才能定稿。按 enter 去第一个未答项。`)
	s.press("y") // does nothing: the key is off
	s.press("enter")
	s.waitLine(`> 5.2.7 +\[ \] +党组织和党员帮扶.*`)
	m := s.quit("ctrl+c")
	if v := schoolVisits(t, st)[0]; v.Status != checklist.Draft || len(v.Answers) != 40 {
		t.Errorf("visit %s with %d answers", v.Status, len(v.Answers))
	}
	if w := m.top().(*walkScreen); w.mode != browsing || w.items[w.cur].ID != "5.2.7" {
		t.Errorf("mode %d at %s", w.mode, w.items[w.cur].ID)
	}
}

// finalizedVisit makes a school with a finalized visit, every item met.
func finalizedVisit(t *testing.T, st *store.Store) *checklist.Inspection {
	t.Helper()
	sc := addSchool(t, st, "西山镇柳林小学", "西山镇")
	v, err := st.CreateInspection(sc.ID, "赵六", checklist.DateOf(testNow))
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range checklist.DefaultStandard().ScoredItems() {
		if _, err := st.SetVerdict(v.ID, it.ID, checklist.Met, "赵六"); err != nil {
			t.Fatal(err)
		}
	}
	if v, err = st.Finalize(v.ID, "赵六"); err != nil {
		t.Fatal(err)
	}
	return v
}

// TestReopen: a finalized visit is read-only; R reopens it only with a
// reason, which goes to the audit trail with the changes that follow.
func TestReopen(t *testing.T) {
	st := openStore(t)
	v := finalizedVisit(t, st)
	s := run(t, newModel(st, i18n.Chinese), 80, 24)
	s.waitLine(`> 西山镇柳林小学 .*★★★★★`)
	s.press("enter")
	s.waitLine(`> 2025-03-14  赵六 +100\.00 +已定稿  ★★★★★`)
	s.press("enter")
	s.waitLine(`西山镇柳林小学  2025-03-14  检查人 赵六  已定稿  只读，按 R 重新打开`)
	s.waitLine(`42/42  100分 ★★★★★`)

	s.press("n") // read-only: not an answer
	s.press("R")
	s.waitPane(`重新打开已定稿的检查`)
	s.press("enter")
	s.waitPane(`请填写原因`)
	s.typeText("学校补交了党费收缴明细表")
	s.press("enter")
	s.waitLine(`西山镇柳林小学  2025-03-14  检查人 赵六  草稿`)
	s.waitLine(`42/42  暂定 100分 ★★★★★  已保存 14:03:27  已重新打开.*`)
	s.press("n")
	s.waitLine(`42/42  暂定 93.33分 ★★★★★  已保存 14:03:27`)
	s.quit("ctrl+c")

	trail, err := st.AuditTrail(v.ID)
	if err != nil {
		t.Fatal(err)
	}
	var reopen, change *checklist.Change
	for i := range trail {
		c := &trail[i]
		switch {
		case c.Field == checklist.FieldStatus && c.New == string(checklist.Draft):
			reopen = c
		case c.Field == checklist.FieldVerdict && c.ItemID == "1.1" && c.New == string(checklist.NotMet):
			change = c
		}
	}
	if reopen == nil || reopen.Reason != "学校补交了党费收缴明细表" || reopen.By != "赵六" {
		t.Errorf("no reopening with its reason in the audit trail: %+v", trail)
	}
	if change == nil || change.Old != string(checklist.Met) || change.Reason != "学校补交了党费收缴明细表" {
		t.Errorf("the change after reopening is not audited with the reason: %+v", trail)
	}
	for _, c := range trail {
		if c.Field == checklist.FieldStatus && c.New == string(checklist.Draft) && c.Reason == "" {
			t.Errorf("reopened without a reason: %+v", c)
		}
	}
	got, _ := st.Inspection(v.ID)
	if got.Status != checklist.Draft || got.Answer("1.1").Verdict != checklist.NotMet {
		t.Errorf("visit %s, 1.1 %s", got.Status, got.Answer("1.1").Verdict)
	}
}

// TestTooSmall: below the minimum size the window says so, and the
// screen comes back when it grows.
func TestTooSmall(t *testing.T) {
	st := openStore(t)
	addSchool(t, st, "城关镇第一小学", "城关镇")
	s := run(t, newModel(st, i18n.Chinese), 50, 12)
	s.waitLine(`窗口太小：至少需要 64x16，现在 50x12。请放大窗(口。)?`)
	scr := s.screen()
	if n := len(strings.Split(scr, "\n")); n != 12 {
		t.Errorf("%d rows in a 12-row window", n)
	}
	s.resize(80, 24, `> 城关镇第一小学 .*未评定`)
	s.resize(63, 24, `窗口太小：至少需要 64x16，现在 63x24。请放大窗口。`)
	s.quit("ctrl+c")
}

// TestEnglish: --lang en draws every screen in English.
func TestEnglish(t *testing.T) {
	st := openStore(t)
	s := run(t, newModel(st, i18n.English), 80, 24)
	s.waitLine(`No schools yet. To start:`)
	s.waitLine(`a  add a school here`)
	s.press("a")
	s.waitLine(`Add a school`)
	s.typeText("Chengguan No. 1 Primary")
	s.press("ctrl+s")
	s.waitLine(`> Chengguan No\. 1 Primary .* - +not rated`)
	s.waitLine(`a add school  f files  / filter  r ratings  s standard  o settings  \? help`)
	s.press("enter")
	s.waitLine(`Visits: 0`)
	s.press("n")
	s.waitLine(`> Inspector\* your name \(settings can change it\)`)
	s.typeText("Zhang San")
	s.press("enter", "enter")
	s.waitLine(`Chengguan No\. 1 Primary  2025-03-14  Inspector Zhang San  draft`)
	s.waitLine(`Must 1 Carry out in +0/3 +-  Must 1 Carry out in full the project of party`)
	s.waitLine(`.*  Responsibility for party building is pinned`)
	s.waitLine(`Answer: unanswered`)
	s.waitLine(`0/42  no answer yet`)
	s.press("y")
	s.waitLine(`1/42  provisional 6\.67 ★☆☆☆☆  saved 14:03:27`)
	s.waitLine(`y met  p partly  n not met  x n/a  e note  z undo  u clear  F finalize  \? help`)
	s.press("F")
	s.waitPane(`Before finalizing`)
	s.waitPane(`41 unanswered: 1\.2 1\.3 .*`)
	s.press("esc", "esc", "esc", "r")
	s.waitLine(`Star ratings 2025  by township`)
	s.waitLine(`School +Township +M1 +M2 +M3 +M4 +M5 +Total +Lagging +Stars`)
	s.waitLine(`0 rated  1 not rated  0 lagging`)
	s.press("esc", "s")
	s.waitLine(`The standard  English.*`)
	s.press("/")
	s.typeText("4.4")
	s.press("enter")
	s.waitLine(`Filter: 4\.4 \(/ to change\)  1 found`)
	s.waitLine(`Must 4 Build the campus party-building culture well \(20 points\)`)
	s.waitLine(`4\.4     \(Not stated in the source\)  \[not scored\]`)
	s.quit("ctrl+c")
}

// errorWhenSaving is a store whose saves of one item fail.
type errorWhenSaving struct {
	*store.Store
	item string
}

func (s errorWhenSaving) SetVerdict(id, item string, v checklist.Verdict, by string) (*checklist.Inspection, error) {
	if item == s.item {
		return nil, errors.New("disk full")
	}
	return s.Store.SetVerdict(id, item, v, by)
}

// TestSaveFails: a save that fails shows the error and keeps the item
// marked unsaved; the others are saved; leaving asks again.
func TestSaveFails(t *testing.T) {
	st := openStore(t)
	addSchool(t, st, "城关镇第一小学", "城关镇")
	m := newModel(errorWhenSaving{st, "1.2"}, i18n.Chinese)
	s := run(t, m, 80, 24)
	startVisit(s, "张三")
	s.press("y", "y", "y")
	s.waitLine(`3/42  暂定 20分 ★☆☆☆☆  未保存 1 处  1\.2 未保存：disk full`)
	s.press("k", "k")
	s.waitLine(`> 1\.2 +\[Y\]! +必须始终坚持.*`)
	s.waitPane(`答案：符合  ! 未保存`)
	s.press("esc")
	s.waitLine(`3/42  暂定 20分 ★☆☆☆☆  未保存 1 处  再按 esc 放弃未保存的改动（标 !）并返回`)
	s.press("esc")
	s.waitLine(`> 2025-03-14  张三 +13.33 暂定 +草稿 +★☆☆☆☆`)
	s.quit("ctrl+c")
	v := schoolVisits(t, st)[0]
	if v.Answer("1.1").Verdict != checklist.Met || v.Answer("1.3").Verdict != checklist.Met || v.Answer("1.2").Verdict != checklist.Unanswered {
		t.Errorf("saved answers %v", v.Answers)
	}
}

// TestHelpListsEveryKey: ? shows every key of the current screen, from
// the same bindings that handle them.
func TestHelpListsEveryKey(t *testing.T) {
	st := openStore(t)
	finalizedVisit(t, st)
	d := drive(t, newModel(st, i18n.Chinese), 80, 24)
	check := func(where string) {
		t.Helper()
		km := d.m.top().keyMap()
		d.press("?")
		scr := d.screen()
		for _, col := range km.FullHelp() {
			for _, b := range col {
				if !b.Enabled() {
					continue
				}
				h := b.Help()
				if !hasLine(scr, regexp.MustCompile(fmt.Sprintf(`(^|\s)%s +%s(\s|$)`, regexp.QuoteMeta(h.Key), regexp.QuoteMeta(h.Desc)))) {
					t.Errorf("%s: help lacks %s %s:\n%s", where, h.Key, h.Desc, scr)
				}
			}
		}
		d.press("?")
	}
	check("schools")
	d.press("enter")
	check("school")
	d.press("enter")
	check("walk (finalized)")
	d.press("esc", "esc", "r")
	check("ratings")
	d.press("esc", "s")
	check("standard")
}
