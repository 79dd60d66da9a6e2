package tui

import (
	"path/filepath"
	"testing"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/store"
)

// TestEditSchool: e opens every field of the school, 联系电话 included; a
// name and township another school has is refused in the store's words,
// in the form; a saved edit shows on the school and on the schools list.
func TestEditSchool(t *testing.T) {
	st := openStore(t)
	sc := addSchool(t, st, "城关镇第一小学", "城关镇")
	addSchool(t, st, "城关镇第二小学", "城关镇")
	s := run(t, newModel(st, i18n.Chinese), 80, 24)
	s.waitLine(`> 城关镇第二小学 .*`)
	s.press("j", "enter")
	s.waitLine(`乡镇 城关镇   类型 小学   书记 王芳`)
	s.press("e")
	s.waitLine(`修改学校信息：城关镇第一小学`)
	s.waitLine(`> 校名\* +城关镇第一小学`)
	s.press("backspace", "backspace", "backspace", "backspace")
	s.typeText("第二小学")
	s.press("ctrl+s")
	s.waitLine(`城关镇第二小学（城关镇）已在学校名单中`)
	s.press("backspace", "backspace", "backspace", "backspace")
	s.typeText("第三小学")
	s.press("tab", "tab", "tab", "tab")
	s.typeText("0371-5550001")
	s.press("ctrl+s")
	s.waitLine(`已保存学校信息：城关镇第三小学`)
	s.waitLine(`乡镇 城关镇   类型 小学   书记 王芳   电话 0371-5550001`)
	s.press("esc")
	s.waitLine(`> 城关镇第三小学 +城关镇 .*`)
	s.quit("q")
	got, err := st.School(sc.ID)
	if err != nil || got.Name != "城关镇第三小学" || got.Contact != "0371-5550001" {
		t.Errorf("school %+v, %v", got, err)
	}
}

// TestDeleteSchool: D deletes a school with no visit after y; esc keeps
// it; a school with visits offers no D.
func TestDeleteSchool(t *testing.T) {
	st := openStore(t)
	finalizedVisit(t, st)
	addSchool(t, st, "北岭乡中心小学", "北岭乡")
	s := run(t, newModel(st, i18n.Chinese), 80, 24)
	s.waitLine(`> 北岭乡中心小学 .*`)
	s.press("j", "enter") // the school with a visit
	s.waitLine(`检查记录 1 次`)
	s.press("D") // nothing: it has a visit
	s.press("esc")
	s.waitLine(`> 西山镇柳林小学 .*`)
	s.press("k", "enter")
	s.waitLine(`检查记录 0 次`)
	s.press("D")
	s.waitText(`删除学校 北岭乡中心小学（北岭乡）？它还没有检查记录；删除后不能恢复。按 y 删除，esc 取消。`)
	s.press("esc")
	s.waitLine(`检查记录 0 次`)
	s.press("D", "y")
	s.waitLine(`学校列表  共 1 所  星级为 2025 年度评定`)
	s.quit("q")
	if all, _ := st.Schools(); len(all) != 1 || all[0].Name != "西山镇柳林小学" {
		t.Errorf("schools left %v", all)
	}
}

// TestArchiveSchool: A archives a school (after y): it leaves the list
// and shows among the archived schools (A on the list), where it can be
// brought back. A school with a draft is refused, in the store's words.
func TestArchiveSchool(t *testing.T) {
	// The store archives on its own clock: the tests' day.
	st, err := store.Open(filepath.Join(t.TempDir(), "branchcheck.db"), store.Options{NoDailyBackup: true, Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	v := finalizedVisit(t, st)
	addSchool(t, st, "北岭乡中心小学", "北岭乡")
	draft, err := st.CreateInspection(v.SchoolID, "赵六", checklist.DateOf(testNow))
	if err != nil {
		t.Fatal(err)
	}
	s := run(t, newModel(st, i18n.Chinese), 80, 24)
	s.waitLine(`> 北岭乡中心小学 .*`)
	s.press("j", "enter")
	s.waitLine(`检查记录 2 次`)
	s.press("A")
	s.waitText(`归档 西山镇柳林小学？它离开学校列表`)
	s.press("y")
	s.waitText(`学校 西山镇柳林小学 还有 1 份未定稿的检查（草稿）：请先定稿或删除，再归档`)
	if err := st.DeleteDraft(draft.ID); err != nil {
		t.Fatal(err)
	}
	s.press("A", "y")
	s.waitLine(`已归档（2025-03-14）；按 A 可取消归档`)
	s.waitLine(`已归档（2025-03-14） +乡镇 西山镇 .*`)
	s.press("esc")
	s.waitLine(`学校列表  共 1 所  星级为 2025 年度评定`)
	s.press("A")
	s.waitLine(`已归档的学校  共 1 所`)
	s.waitLine(`> 西山镇柳林小学 +西山镇 +2025-03-14`)
	s.press("enter")
	s.waitLine(`检查记录 1 次`)
	s.press("A", "y")
	s.waitLine(`已取消归档，学校回到列表`)
	s.press("esc")
	s.waitLine(`已归档的学校  共 0 所`)
	s.press("esc")
	s.waitLine(`学校列表  共 2 所  星级为 2025 年度评定`)
	s.quit("q")
}

// TestRedateDraft: t on a draft asks its new date, read as people write
// it; a date after today is refused; y confirms and the draft moves.
func TestRedateDraft(t *testing.T) {
	st := openStore(t)
	sc := addSchool(t, st, "北岭乡中心小学", "北岭乡")
	draft, err := st.CreateInspection(sc.ID, "赵六", checklist.DateOf(testNow))
	if err != nil {
		t.Fatal(err)
	}
	s := run(t, newModel(st, i18n.Chinese), 80, 24)
	s.waitLine(`> 北岭乡中心小学 .*`)
	s.press("enter")
	s.waitLine(`> 2025-03-14  赵六 .*`)
	s.press("t")
	s.waitLine(`修改草稿日期：北岭乡中心小学`)
	s.waitText(`现在的日期是 2025-03-14；新日期不能晚于今天（2025-03-14）。`)
	for range 10 {
		s.press("backspace")
	}
	s.typeText("2025/3/20")
	s.press("enter")
	s.waitText(`日期 2025-03-20 晚于今天（2025-03-14），日期不能晚于今天`)
	for range 9 {
		s.press("backspace")
	}
	s.typeText("2025.3.1")
	s.press("enter")
	s.waitText(`把 2025-03-14 的草稿改为 2025-03-01？按 y 确认，esc 取消。`)
	s.press("y")
	s.waitLine(`草稿日期已从 2025-03-14 改为 2025-03-01`)
	s.waitLine(`> 2025-03-01  赵六 .*`)
	s.quit("ctrl+c")
	v, err := st.Inspection(draft.ID)
	if err != nil || v.Date.String() != "2025-03-01" {
		t.Errorf("draft dated %v, %v", v.Date, err)
	}
}
