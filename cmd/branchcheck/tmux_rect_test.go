package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"branchcheck/checklist"
	"branchcheck/store"
)

// TestTmuxRectifications drives the real program at 80x24 through the
// cycle of 整改, keys only: a visit finds three items 不符合 (one with a
// note) and is finalized; the 整改台账 lists the three; the next visit
// opens on them, shows what the last one found, answers them 符合 and is
// finalized; the ledger lists none open, and its closed view the three,
// 已销号. It needs tmux, and is skipped without it (CI installs it).
func TestTmuxRectifications(t *testing.T) {
	tmuxBin, err := exec.LookPath("tmux")
	if err != nil {
		t.Skip("tmux is not installed")
	}
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	db := filepath.Join(dir, "rect.db")
	s, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddSchool(checklist.School{Name: "城关镇第一小学", Township: "城关镇", Secretary: "王芳"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSetting(store.SettingInspector, "李四"); err != nil {
		t.Fatal(err)
	}
	s.Close()

	tm := &tmux{t: t, bin: tmuxBin, socket: fmt.Sprintf("branchcheck-rect-%d", os.Getpid()), session: "rect"}
	t.Cleanup(tm.killServer)
	tm.start(bin, "--db", db)
	tm.waitLine(`> 城关镇第一小学 +城关镇 +- +未评定`)

	// The first visit: a note on 1.1, then 1.1 to 1.3 不符合, the rest 符合.
	tm.keys("Enter", "n")
	tm.waitLine(`> 日期\* +\d{4}-\d\d-\d\d`)
	tm.keys("Enter")
	tm.waitLine(`0/42  还没有作答`)
	tm.keys("e")
	tm.waitLine(`(.*  )?备注（esc 保存并返回）：`)
	tm.text("没有党建工作责任清单")
	tm.keys("Escape")
	tm.waitLine(`> 1\.1 +\[ \] +注 .*`)
	tm.keys("n", "n", "n")
	for range 39 {
		tm.keys("y")
	}
	tm.waitLine(`42/42  暂定 \S+分 \S+  已保存 \d\d:\d\d:\d\d`)
	tm.keys("F")
	tm.waitLine(`(.*  )?合计 \S+ 分 .*`)
	tm.keys("y")
	tm.waitLine(`42/42  \S+分 \S+  已保存 \d\d:\d\d:\d\d.*`)
	tm.keys("Escape")
	tm.waitLine(`整改事项：未销号 3 项，已销号 0 项`)
	tm.keys("Escape")

	// The ledger: the three, open.
	tm.waitLine(`> 城关镇第一小学 .*`)
	tm.keys("z")
	tm.waitLine(`整改台账  截至 \d{4}-\d\d-\d\d`)
	tm.waitLine(`未销号 3 项，已销号 0 项`)
	tm.waitLine(`> 城关镇  1 所学校，未销号 3 项`)
	tm.waitLine(`城关镇第一小学  未销号 3 项，已销号 0 项`)
	tm.waitLine(`1\.1 +压实党建责任.* \d{4}-\d\d-\d\d  待整改 +王芳`)
	tm.waitLine(`1\.2 +必须始终坚持.* \d{4}-\d\d-\d\d  待整改 +王芳`)
	tm.waitLine(`1\.3 +用足够时间和精力.* \d{4}-\d\d-\d\d  待整改 +王芳`)
	tm.waitLine(`1/5`)

	// The second visit opens on them, with what the first one found.
	tm.keys("Escape", "Enter", "n")
	tm.waitLine(`> 日期\* +\d{4}-\d\d-\d\d`)
	tm.keys("Enter")
	tm.waitLine(`0/42  还没有作答 +先复查 3 项未销号的整改（r 跳到下一项）`)
	tm.waitLine(`> 1\.1 +\[ \] +改 .*`)
	tm.waitLine(`.*  上次：不符合( · |，)没有党建工作责任清单`)
	tm.waitLine(`.*  整改期限 \d{4}-\d\d-\d\d，还有 30 天`)
	tm.keys("y", "y", "y")
	tm.waitLine(`3/42  .*整改项已全部复查，接着检查其余各项`)
	tm.waitLine(`> 2\.1 +\[ \] +.*`)
	for range 39 {
		tm.keys("y")
	}
	tm.waitLine(`42/42  暂定 100分 \S+  已保存 \d\d:\d\d:\d\d`)
	tm.keys("F")
	tm.waitLine(`(.*  )?合计 100 分 .*`)
	tm.keys("y")
	tm.waitLine(`42/42  100分 \S+  已保存 \d\d:\d\d:\d\d.*`)
	tm.keys("Escape")
	tm.waitLine(`整改事项：未销号 0 项，已销号 3 项`)
	tm.keys("Escape")

	// The ledger: none open; the closed view, the three 已销号.
	tm.waitLine(`> 城关镇第一小学 .*`)
	tm.keys("z")
	tm.waitLine(`未销号 0 项，已销号 3 项`)
	tm.waitLine(`没有未销号的整改事项`)
	tm.keys("s", "s", "s")
	tm.waitLine(`列出：已销号（s 换）  乡镇：全部（t 选）`)
	tm.waitLine(`> 城关镇  1 所学校，已销号 3 项`)
	tm.waitLine(`1\.1 +压实党建责任.* \d{4}-\d\d-\d\d  已销号 +王芳`)
	tm.waitLine(`1\.2 +必须始终坚持.* \d{4}-\d\d-\d\d  已销号 +王芳`)
	tm.waitLine(`1\.3 +用足够时间和精力.* \d{4}-\d\d-\d\d  已销号 +王芳`)
	tm.keys("Escape")
	tm.waitLine(`学校列表  共 1 所.*`)
	tm.keys("q")
	tm.waitExit()

	// And the database agrees: closed by the second visit.
	s, err = store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	l, err := s.RectLedger(checklist.RectFilter{View: checklist.ViewAll})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	l.Each(func(_ *checklist.SchoolRectifications, e *checklist.RectEntry) bool {
		got = append(got, fmt.Sprintf("%s %s %v", e.ItemID, e.Status(), e.ClosedIn != "" && e.ClosedIn != e.FoundIn))
		return true
	})
	if want := "1.1 closed true|1.2 closed true|1.3 closed true"; strings.Join(got, "|") != want {
		t.Errorf("the rectifications stored: %s, want %s", strings.Join(got, "|"), want)
	}
}
