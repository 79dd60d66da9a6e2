package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/store"
)

// runAt runs the command line with the laptop's clock at now and returns
// the exit code, stdout and stderr.
func runAt(now time.Time, args ...string) (int, string, string) {
	var out, errs bytes.Buffer
	code := run(args, environment{stdin: strings.NewReader(""), stdout: &out, stderr: &errs,
		getenv: func(string) string { return "" }, now: func() time.Time { return now }})
	return code, out.String(), errs.String()
}

// TestBureauTimeZone: with the laptop on UTC at 23:00 on 31 December,
// it is 07:00 on 1 January in Beijing: "now" for every command (and the
// TUI, which gets the same clock) is in the bureau's zone, so a draft
// may be dated 1 January, the year's ratings are the new year's, and an
// export is stamped in the bureau's time with its offset. The setting
// changes the zone.
func TestBureauTimeZone(t *testing.T) {
	utcEve := time.Date(2026, 12, 31, 23, 0, 0, 0, time.UTC)
	a := newApp(environment{now: func() time.Time { return utcEve }}, i18n.Chinese, &cli{})
	if now := a.now(); checklist.DateOf(now) != (checklist.Date{Year: 2027, Month: 1, Day: 1}) || now.Hour() != 7 {
		t.Errorf("the app's now is %v", now)
	}

	db := filepath.Join(t.TempDir(), "bc.db")
	s, err := store.Open(db, store.Options{Now: func() time.Time { return utcEve }})
	if err != nil {
		t.Fatal(err)
	}
	sc, _ := s.AddSchool(checklist.School{Name: "城关小学", Township: "城关镇"})
	draft, err := s.CreateInspection(sc.ID, "李督查", checklist.Date{Year: 2026, Month: 12, Day: 30})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	if code, out, errs := runAt(utcEve, "--db", db, "visits", "redate", draft.ID, "2027-01-01"); code != exitOK || !strings.Contains(out, "改为 2027-01-01") {
		t.Errorf("dated 1 January at 07:00 in Beijing: exit %d, %s%s", code, out, errs)
	}
	if code, out, _ := runAt(utcEve, "--db", db, "ratings"); code != exitOK || !strings.Contains(out, "2027") || strings.Contains(out, "2026 年") {
		t.Errorf("the year's ratings: exit %d\n%s", code, out)
	}
	html := filepath.Join(t.TempDir(), "r.html")
	runAt(utcEve, "--db", db, "ratings", "-o", html)
	if b, _ := os.ReadFile(html); !strings.Contains(string(b), "2027-01-01 07:00:00 &#43;08:00") || strings.Contains(string(b), "23:00:00 Z") {
		t.Errorf("生成时间 not in the bureau's zone: %s", grepLine(string(b), "生成时间"))
	}

	// A bureau in another zone says so, and "today" follows it.
	if code, out, errs := runAt(utcEve, "--db", db, "settings", "timezone", "UTC"); code != exitOK {
		t.Fatalf("settings timezone: %s%s", out, errs)
	}
	if code, _, errs := runAt(utcEve, "--db", db, "visits", "redate", draft.ID, "2026-12-31"); code != exitOK {
		t.Errorf("31 December in UTC: %s", errs)
	}
	if code, _, errs := runAt(utcEve, "--db", db, "visits", "redate", draft.ID, "2027-01-01"); code == exitOK || !strings.Contains(errs, "日期 2027-01-01 晚于今天（2026-12-31）") {
		t.Errorf("1 January while it is 31 December in UTC: exit %d, %s", code, errs)
	}
	if code, out, _ := runAt(utcEve, "--db", db, "settings"); code != exitOK || !strings.Contains(out, "时区：UTC") {
		t.Errorf("settings: %s", out)
	}
	if code, _, errs := runAt(utcEve, "--db", db, "settings", "timezone", "Beijing"); code == exitOK || !strings.Contains(errs, "时区“Beijing”无法识别") {
		t.Errorf("an unknown zone: %s", errs)
	}
}

func grepLine(s, sub string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			return l
		}
	}
	return ""
}

// TestExportModes: exports and bundles are written for the user alone
// (0600, whatever the umask: a bundle is the whole database), and
// --force over an existing file keeps that file's mode.
func TestExportModes(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "bc.db")
	now := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	if code, _, errs := runAt(now, "--db", db, "schools", "add", "城关小学"); code != exitOK {
		t.Fatal(errs)
	}
	for _, args := range [][]string{
		{"schools", "list", "-o", filepath.Join(dir, "list.csv")},
		{"ratings", "-o", filepath.Join(dir, "r.xlsx")},
		{"bundle", "export", "-o", filepath.Join(dir, "all.bundle")},
		{"backup", "-o", filepath.Join(dir, "copy.db")},
	} {
		if code, _, errs := runAt(now, append([]string{"--db", db}, args...)...); code != exitOK {
			t.Fatalf("%v: %s", args, errs)
		}
		if st, _ := os.Stat(args[len(args)-1]); st.Mode().Perm() != 0o600 {
			t.Errorf("%v: mode %v", args, st.Mode())
		}
	}
	list := filepath.Join(dir, "list.csv")
	os.Chmod(list, 0o640)
	if code, _, errs := runAt(now, "--db", db, "schools", "list", "-o", list, "--force"); code != exitOK {
		t.Fatal(errs)
	}
	if st, _ := os.Stat(list); st.Mode().Perm() != 0o640 {
		t.Errorf("--force over a 0640 file: mode %v", st.Mode())
	}
}

// TestNoBackupsFolderWarns: where no backups folder can be made (here a
// file is in its place; a read-only folder is the same to the program),
// commands go on, the missing daily backup said on stderr.
func TestNoBackupsFolderWarns(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "bc.db")
	now := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	if code, _, errs := runAt(now, "--db", db, "schools", "add", "城关小学"); code != exitOK {
		t.Fatal(errs)
	}
	os.RemoveAll(filepath.Join(dir, "backups"))
	os.WriteFile(filepath.Join(dir, "backups"), nil, 0o600)
	code, out, errs := runAt(now.AddDate(0, 0, 1), "--db", db, "schools", "add", "东河中学")
	if code != exitOK || !strings.Contains(out, "已添加学校 东河中学") || !strings.Contains(errs, "branchcheck: 警告：今天的自动备份没有做成（数据照常保存，下次打开时再试）") {
		t.Errorf("exit %d\n%s%s", code, out, errs)
	}
	if _, _, errs := runAt(now.AddDate(0, 0, 1), "--db", db, "ratings"); strings.Contains(errs, "警告") {
		t.Errorf("a command that only reads takes no backup, and warns of none: %s", errs)
	}
}

// TestReadOnlyDatabase: a database file of mode 0400 is called
// read-only, not unreadable: commands that read work, and one that writes
// says why it cannot. (Root may write any file: skipped as root; the
// store's tests simulate the refusal.)
func TestReadOnlyDatabase(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root may write a file of mode 0400")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "bc.db")
	now := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	if code, _, errs := runAt(now, "--db", db, "schools", "add", "城关小学"); code != exitOK {
		t.Fatal(errs)
	}
	os.Chmod(db, 0o400)
	if code, out, errs := runAt(now.AddDate(0, 0, 1), "--db", db, "schools", "list"); code != exitOK || !strings.Contains(out, "城关小学") {
		t.Errorf("list: exit %d, %s%s", code, out, errs)
	}
	code, _, errs := runAt(now.AddDate(0, 0, 1), "--db", db, "schools", "add", "东河中学")
	if code != exitError || !strings.Contains(errs, "是只读文件（权限 0400）：可以查看和导出，不能修改") || strings.Contains(errs, "not a readable") {
		t.Errorf("add: exit %d, %s", code, errs)
	}
}
