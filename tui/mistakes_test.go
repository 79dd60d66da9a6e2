package tui

import (
	"regexp"
	"testing"

	"branchcheck/checklist"
	"branchcheck/i18n"
)

// TestDeleteDraft: d on a draft asks first; esc keeps it, y deletes it.
// A finalized visit offers no d.
func TestDeleteDraft(t *testing.T) {
	st := openStore(t)
	v := finalizedVisit(t, st)
	draft, err := st.CreateInspection(v.SchoolID, "赵六", checklist.DateOf(testNow))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SetVerdict(draft.ID, "1.1", checklist.Met, "赵六"); err != nil {
		t.Fatal(err)
	}
	s := run(t, newModel(st, i18n.Chinese), 80, 24)
	s.waitLine(`> 西山镇柳林小学 .*`)
	s.press("enter")
	s.waitLine(`检查记录 2 次`)
	s.waitLine(`enter 继续草稿/查看  n 新建检查  d 删除草稿  h 修改记录  esc 返回  \? 帮助`)
	s.press("d")
	s.waitText(`删除 2025-03-14 由 赵六 做的草稿？已答 1 项，删除后不能恢复。按 y 删除，esc 取消。`)
	s.waitLine(`y 确认删除  esc 取消`)
	s.press("esc")
	s.waitLine(`enter 继续草稿/查看  n 新建检查  d 删除草稿  h 修改记录  esc 返回  \? 帮助`)
	s.press("j") // the finalized visit: no d
	s.waitLine(`enter 继续草稿/查看  n 新建检查  h 修改记录  esc 返回  \? 帮助`)
	s.press("d")
	s.press("k", "d", "y")
	s.waitLine(`已删除 2025-03-14 的草稿`)
	s.waitLine(`检查记录 1 次`)
	s.quit("ctrl+c")

	visits, err := st.SchoolInspections(v.SchoolID)
	if err != nil || len(visits) != 1 || visits[0].ID != v.ID {
		t.Errorf("visits left %v, %v", visits, err)
	}
}

// TestAuditTrail: h shows who changed what, when and why, from the
// school's visits and from the walk.
func TestAuditTrail(t *testing.T) {
	st := openStore(t)
	v := finalizedVisit(t, st)
	if _, err := st.Reopen(v.ID, "学校补交了党费收缴明细表", "赵六"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SetVerdict(v.ID, "1.1", checklist.NotMet, "赵六"); err != nil {
		t.Fatal(err)
	}
	s := run(t, newModel(st, i18n.Chinese), 80, 24)
	s.waitLine(`> 西山镇柳林小学 .*`)
	s.press("enter")
	s.waitLine(`> 2025-03-14  赵六 .*`)
	s.press("h")
	s.waitLine(`修改记录`)
	s.waitLine(`西山镇柳林小学  2025-03-14  检查人 赵六  草稿`)
	s.waitLine(`时间 +修改人 +项目 +改动`)
	// The store stamps changes with the real clock.
	s.waitLine(`\d{4}-\d\d-\d\d \d\d:\d\d  赵六 +整次检查 +定稿`)
	s.waitLine(`\d{4}-\d\d-\d\d \d\d:\d\d  赵六 +整次检查 +重新打开`)
	s.waitLine(`> \d{4}-\d\d-\d\d \d\d:\d\d  赵六 +1\.1 +答案 符合 改为 不符合`)
	s.waitLine(`项目：1\.1 压实党建责任.*`)
	s.waitLine(`原因：学校补交了党费收缴明细表`)
	s.press("k")
	s.waitLine(`改动：重新打开`)
	s.press("esc", "enter")
	s.waitLine(`.*检查人 赵六  草稿`)
	s.press("h")
	s.waitLine(`> \d{4}-\d\d-\d\d \d\d:\d\d  赵六 +1\.1 +答案 符合 改为 不符合`)
	s.quit("ctrl+c")
}

// TestAuditTrailEmpty: a draft never finalized has no audited change,
// and the screen says when changes start being recorded.
func TestAuditTrailEmpty(t *testing.T) {
	st := openStore(t)
	addSchool(t, st, "城关镇第一小学", "城关镇")
	d := drive(t, newModel(st, i18n.Chinese), 80, 24)
	d.press("enter", "n", "张", "enter", "enter", "y", "h")
	if !hasLine(d.screen(), regexp.MustCompile(`^还没有修改记录。检查定稿之后，每一处修改（谁、何时、改了什么、为什么）都记`)) {
		t.Errorf("no word of an empty trail:\n%s", d.screen())
	}
}

// TestUndo: z takes back the last answers, one by one, through the save
// queue; the screen says so once each is saved.
func TestUndo(t *testing.T) {
	st := openStore(t)
	addSchool(t, st, "城关镇第一小学", "城关镇")
	s := run(t, newModel(st, i18n.Chinese), 80, 24)
	startVisit(s, "张三")
	s.press("y", "y", "n")
	s.waitLine(`3/42  暂定 13\.33分 ★☆☆☆☆  已保存 14:03:27`)
	s.press("z")
	s.waitLine(`2/42  暂定 13\.33分 ★☆☆☆☆  已保存 14:03:27  已撤销：1\.3 恢复为未答`)
	s.waitLine(`> 1\.3 +\[ \] +用足够时间.*`)
	s.press("k", "n", "z") // 1.2 met, then not met, then undone: met again
	s.waitLine(`2/42  暂定 13\.33分 ★☆☆☆☆  已保存 14:03:27  已撤销：1\.2 恢复为符合`)
	s.press("z", "z")
	s.waitLine(`0/42  还没有作答  已保存 14:03:27  已撤销：1\.1 恢复为未答`)
	s.waitLine(`y 符合  p 部分符合  n 不符合  x 不适用  e 备注  u 清除  F 定稿  esc 返回  \? 帮助`) // nothing left to undo
	s.quit("ctrl+c")
	if v := schoolVisits(t, st)[0]; len(v.Answers) != 0 {
		t.Errorf("answers left after undoing them all: %v", v.Answers)
	}
}

// TestUndoSavedFirst: the screen says an answer was undone only once the
// undoing is saved.
func TestUndoSavedFirst(t *testing.T) {
	st := openStore(t)
	addSchool(t, st, "城关镇第一小学", "城关镇")
	slow := &slowStore{Store: st}
	d := drive(t, newModel(slow, i18n.Chinese), 80, 24)
	d.press("enter", "n", "张", "enter", "enter", "y")
	w := d.m.top().(*walkScreen)
	cmd, _ := w.Update(keyPress("z")) // not run yet: not saved
	if hasLine(d.screen(), regexp.MustCompile(`已撤销`)) || !w.pending["1.1"] {
		t.Errorf("undone before it is saved:\n%s", d.screen())
	}
	d.run(cmd)
	if !hasLine(d.screen(), regexp.MustCompile(`^0/42  还没有作答  已保存 14:03:27  已撤销：1\.1 恢复为未答$`)) {
		t.Errorf("no word of the undoing once saved:\n%s", d.screen())
	}
}

// TestVisitDate: the date of a new visit is read as people type it, and
// what is wrong is said in words; the future is refused.
func TestVisitDate(t *testing.T) {
	st := openStore(t)
	addSchool(t, st, "城关镇第一小学", "城关镇")
	for _, tt := range []struct{ typed, want string }{
		{"2025-02-30", `日期“2025-02-30”：2025 年 2 月没有 30 日`},
		{"2025-03-15", `日期 2025-03-15 晚于今天（2025-03-14），日期不能晚于今天`},
		{"3/14", `日期“3/14”应写成 2026-11-30 这样的格式`},
		{"2025/3/1", `.*2025-03-01  检查人 张三  草稿`},
		{"2025.03.02", `.*2025-03-02  检查人 张三  草稿`},
	} {
		d := drive(t, newModel(st, i18n.Chinese), 80, 24)
		d.press("enter", "n", "张", "三", "enter")
		for range 16 {
			d.press("backspace")
		}
		for _, r := range tt.typed {
			d.press(string(r))
		}
		d.press("enter")
		if !hasLine(d.screen(), regexp.MustCompile("^"+tt.want+"$")) {
			t.Errorf("%s: no line %s:\n%s", tt.typed, tt.want, d.screen())
		}
	}
}
