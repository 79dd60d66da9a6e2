package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"branchcheck/store"
)

// TestInUse: while another process holds the database (the app), every
// command says so on one line in the user's language and names the place
// in the app that does the same job, exit 1. The holder here is the test
// process itself; the commands run in a second process, the real binary.
func TestInUse(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "held.db")
	s, err := store.Open(db, store.Options{NoDailyBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	bin := buildBinary(t, dir)
	list := filepath.Join(dir, "x.csv")
	if err := os.WriteFile(list, []byte("学校名称\n城关小学\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		args []string
		lang string
		want string
	}{
		{[]string{"ratings"}, "zh_CN.UTF-8", "branchcheck: 数据库正被检查界面（或另一个 branchcheck）使用；导出评定表请在界面中按 r 进入年度评定后按 x"},
		{[]string{"report", "--school", "城关小学"}, "zh_CN.UTF-8", "检查反馈单请在界面中打开学校，选中已定稿的检查后按 f"},
		{[]string{"standard", "show"}, "zh_CN.UTF-8", "查看检查标准请在界面中按 s"},
		{[]string{"schools", "list"}, "zh_CN.UTF-8", "学校名单就是界面的学校列表（按 A 看已归档的学校）"},
		{[]string{"schools", "import", list}, "zh_CN.UTF-8", "导入学校名单请在界面中按 f，选“导入学校名单”"},
		{[]string{"rectifications"}, "zh_CN.UTF-8", "导出整改台账请在界面中按 f，选“导出整改台账”"},
		{[]string{"bundle", "export", "-o", filepath.Join(dir, "x.bundle")}, "zh_CN.UTF-8", "导出数据包请在界面中按 f，选“导出数据包”"},
		{[]string{"backup", "-o", filepath.Join(dir, "x.db")}, "zh_CN.UTF-8", "备份请在界面中按 f，选“备份数据库”"},
		{[]string{"visits", "list"}, "zh_CN.UTF-8", "检查记录请在界面中打开学校查看"},
		{[]string{"doctor"}, "zh_CN.UTF-8", "请先退出检查界面再运行这个命令"},
		{[]string{"ratings"}, "en_US.UTF-8", "branchcheck: the database is in use by the inspection app (or another branchcheck); to export the ratings, press r in the app, then x"},
	} {
		t.Run(strings.Join(tt.args, " ")+"/"+tt.lang, func(t *testing.T) {
			cmd := exec.Command(bin, append([]string{"--db", db}, tt.args...)...)
			cmd.Env = []string{"LANG=" + tt.lang, "HOME=" + dir}
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			start := time.Now()
			err := cmd.Run()
			code := cmd.ProcessState.ExitCode()
			if err == nil || code != exitError {
				t.Fatalf("exit %d, %v", code, err)
			}
			lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
			if len(lines) != 1 || !strings.Contains(lines[0], tt.want) {
				t.Errorf("stderr %q, want one line with %q", stderr.String(), tt.want)
			}
			if tt.lang != "en_US.UTF-8" && strings.ContainsAny(lines[0], "abcdefghijklmnopqrstuvwxyz") && !strings.Contains(lines[0], "branchcheck") {
				t.Errorf("English in the Chinese refusal: %q", lines[0])
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

// TestPlaceOf: kong's names of the commands, arguments included, find
// their place in the app; an unknown one is told to wait.
func TestPlaceOf(t *testing.T) {
	for cmd, want := range map[string]string{
		"ratings":                    "按 r",
		"bundle import <files>":      "导入数据包",
		"rectifications list":        "导出整改台账",
		"rectifications":             "导出整改台账",
		"rectifications show <id>":   "请先退出",
		"schools edit <school>":      "按 e",
		"visits redate <id> <date>":  "按 t",
		"standard install <file>":    "请先退出",
		"tui":                        "另一个窗口",
		"settings timezone <zone>":   "按 o",
		"schools archive <school>":   "按 A",
		"schools delete <school>":    "按 D",
		"visits delete <id>":         "按 d",
		"schools add <name>":         "按 a",
		"standard show":              "按 s",
		"report":                     "按 f",
		"backup":                     "备份数据库",
		"demo":                       "请先退出",
		"doctor":                     "请先退出",
		"bundle export":              "导出数据包",
		"schools list":               "学校列表",
		"schools import <file>":      "导入学校名单",
		"visits list":                "打开学校",
		"rectifications report <id>": "请先退出",
	} {
		if got := placeOf(cmd).ZH; !strings.Contains(got, want) {
			t.Errorf("%s: %q, want %q in it", cmd, got, want)
		}
	}
}
