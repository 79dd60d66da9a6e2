package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"branchcheck/checklist"
	"branchcheck/store"
	"branchcheck/tui"
)

// TestTmuxAppFiles drives the real program in tmux at 80x24, keys only,
// through what an inspector who never opens a command prompt does: while
// it is open another command says where the app does its job; it imports
// the school list from the app (the path typed), edits a school (its
// 联系电话), deletes a draft, changes the inspector in the settings, and
// writes a 检查反馈单 from a finalized visit. Then the files and the
// database are checked.
func TestTmuxAppFiles(t *testing.T) {
	tmuxBin, err := exec.LookPath("tmux")
	if err != nil {
		t.Skip("tmux is not installed")
	}
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	db := filepath.Join(dir, "app.db")
	out := filepath.Join(dir, "导出")
	if err := os.Mkdir(out, 0o700); err != nil {
		t.Fatal(err)
	}
	list := filepath.Join(out, "学校名单.csv")
	if err := os.WriteFile(list, []byte("序号,学校名称,乡镇,书记\n1,北岭乡中心小学,北岭乡,赵敏\n2,南湖镇初级中学,南湖镇,钱进\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	// A school with a finalized visit, another with a draft; the
	// inspector 李四; exports go to out.
	today := checklist.DateOf(time.Now().In(shanghai(t)))
	s, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	done, err := s.AddSchool(checklist.School{Name: "西山镇柳林小学", Township: "西山镇"})
	if err != nil {
		t.Fatal(err)
	}
	v, err := s.CreateInspection(done.ID, "李四", today)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range checklist.DefaultStandard().ScoredItems() {
		if _, err := s.SetVerdict(v.ID, it.ID, checklist.Met, "李四"); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Finalize(v.ID, "李四"); err != nil {
		t.Fatal(err)
	}
	drafted, err := s.AddSchool(checklist.School{Name: "东河乡中心学校", Township: "东河乡"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateInspection(drafted.ID, "李四", today); err != nil {
		t.Fatal(err)
	}
	for k, val := range map[string]string{store.SettingInspector: "李四", tui.SettingInspectors: "李四", tui.SettingExportDir: out} {
		if err := s.SetSetting(k, val); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()

	tm := &tmux{t: t, bin: tmuxBin, socket: fmt.Sprintf("branchcheck-app-%d", os.Getpid()), session: "app"}
	t.Cleanup(tm.killServer)
	tm.start(bin, "--db", db)
	tm.waitLine(`学校列表  共 2 所  星级为 \d{4} 年度评定`)

	// Another command while the app is open: one line, in Chinese, that
	// says where the app does it.
	cmd := exec.Command(bin, "--db", db, "ratings")
	cmd.Env = []string{"LANG=zh_CN.UTF-8", "HOME=" + dir}
	said, err := cmd.CombinedOutput()
	if err == nil || strings.TrimSpace(string(said)) != "branchcheck: 数据库正被检查界面（或另一个 branchcheck）使用；导出评定表请在界面中按 r 进入年度评定后按 x" {
		t.Errorf("ratings while the app is open: %v\n%s", err, said)
	}

	// Import the school list: f, enter, the file's name after the
	// export folder already there.
	tm.keys("f")
	tm.waitLine(`> 导入学校名单 +CSV 或 XLSX；已有的学校更新，不会重复`)
	tm.keys("Enter")
	tm.waitLine(`> 文件\* +` + regexp.QuoteMeta(out+"/"))
	tm.text("学校名单.csv")
	tm.keys("Enter")
	tm.waitLine(`导入学校名单：完成`)
	tm.waitLine(`识别的列：学校名称 → 学校名称，乡镇 → 乡镇，书记 → 党组织书记`)
	tm.waitLine(`未识别的列（没有导入）：序号。.*`)
	tm.waitLine(`新增 2 所，更新 0 所，不变 0 所`)
	tm.keys("Escape", "Escape")
	tm.waitLine(`学校列表  共 4 所  星级为 \d{4} 年度评定`)

	// Edit a school: its 联系电话.
	tm.waitLine(`> 东河乡中心学校 +东河乡 .*`) // the line selected before the import
	tm.keys("k")
	tm.waitLine(`> 北岭乡中心小学 +北岭乡 +- +未评定`)
	tm.keys("Enter")
	tm.waitLine(`乡镇 北岭乡   书记 赵敏`)
	tm.keys("e")
	tm.waitLine(`修改学校信息：北岭乡中心小学`)
	tm.keys("Tab", "Tab", "Tab", "Tab")
	tm.text("0371-5550001")
	tm.keys("C-s")
	tm.waitLine(`已保存学校信息：北岭乡中心小学`)
	tm.waitLine(`乡镇 北岭乡   书记 赵敏   电话 0371-5550001`)
	tm.keys("Escape")

	// Delete the draft of 东河乡中心学校.
	tm.waitLine(`东河乡中心学校 +东河乡 +\d{4}-\d\d-\d\d +草稿 +未评定`)
	tm.keys("j", "Enter")
	tm.waitLine(`检查记录 1 次`)
	tm.keys("d")
	tm.waitLine(`删除 .* 由 李四 做的草稿？已答 0 项，删除后不能恢复。按 y 删除，esc 取`)
	tm.keys("y")
	tm.waitLine(`已删除 \d{4}-\d\d-\d\d 的草稿`)
	tm.waitLine(`检查记录 0 次`)
	tm.keys("Escape")

	// Change the inspector: a new name, typed.
	tm.waitLine(`> 东河乡中心学校 +东河乡 +- +未评定`)
	tm.keys("o")
	tm.waitLine(`> 检查人 +李四`)
	tm.keys("Enter")
	tm.waitLine(`（输入新名字）`)
	tm.keys("j", "Enter")
	tm.waitLine(`> 姓名\*.*`)
	tm.text("王五")
	tm.keys("Enter")
	tm.waitLine(`> 检查人 +王五`)
	tm.keys("Escape")

	// The 检查反馈单 of the finalized visit, as an Excel workbook.
	tm.waitLine(`学校列表  共 4 所  星级为 \d{4} 年度评定`)
	tm.keys("j", "j") // the last: 西山镇柳林小学
	tm.waitLine(`> 西山镇柳林小学 +西山镇 +\d{4}-\d\d-\d\d +★★★★★`)
	tm.keys("Enter")
	tm.waitLine(`enter 继续草稿/查看  n 新建检查  f 检查反馈单  h 修改记录  esc 返回  \? 帮助`)
	tm.keys("f")
	tm.waitLine(`\d{4}-\d\d-\d\d 的检查反馈单：x Excel 表格  h 网页（可打印）  m Markdown  esc 取消`)
	tm.keys("x")
	tm.waitLine(`已写入检查反馈单：`)
	sheet := filepath.Join(out, "检查反馈单-西山镇柳林小学-"+today.String()+".xlsx")
	waitJoined(t, tm, sheet) // on rows of its own, cut anywhere
	tm.waitLine(`提示：尚未设置填报单位，表上此处留空待手写；可在设置（学校列表按 o）中填写。`)
	tm.keys("Escape")
	tm.waitLine(`学校列表  共 4 所  星级为 \d{4} 年度评定`)
	tm.keys("q")
	tm.waitExit()

	// The files and the database.
	if st, err := os.Stat(sheet); err != nil || st.Mode().Perm() != 0o600 || st.Size() == 0 {
		t.Errorf("feedback sheet: %v, %v", st, err)
	}
	s, err = store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	schools, err := s.Schools()
	if err != nil || len(schools) != 4 {
		t.Fatalf("schools %v, %v", schools, err)
	}
	for _, sc := range schools {
		if sc.Name == "北岭乡中心小学" && (sc.Contact != "0371-5550001" || sc.Secretary != "赵敏" || sc.Township != "北岭乡") {
			t.Errorf("edited school %+v", sc)
		}
	}
	if visits, err := s.SchoolInspections(drafted.ID); err != nil || len(visits) != 0 {
		t.Errorf("the draft is still there: %v, %v", visits, err)
	}
	if who, _ := s.Setting(store.SettingInspector); who != "王五" {
		t.Errorf("inspector %q", who)
	}
	if names, _ := s.Setting(tui.SettingInspectors); names != "王五\n李四" {
		t.Errorf("names %q", names)
	}
}

// shanghai is the bureau's default time zone, in which the program dates
// a visit.
func shanghai(t *testing.T) *time.Location {
	t.Helper()
	zone, err := store.LoadTimezone("")
	if err != nil {
		t.Fatal(err)
	}
	return zone
}

// waitJoined waits until the pane, its lines trimmed and joined, holds
// text: a path drawn over several rows.
func waitJoined(t *testing.T, tm *tmux, text string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		var joined strings.Builder
		scr := tm.screen()
		for _, l := range strings.Split(scr, "\n") {
			joined.WriteString(strings.TrimSpace(l))
		}
		if strings.Contains(joined.String(), text) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited 15s for %s; the pane shows:\n%s", text, scr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
