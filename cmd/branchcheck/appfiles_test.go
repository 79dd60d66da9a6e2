package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/store"
	"branchcheck/tui"
)

// appFilesFixture is a store with a school, a finalized visit with one
// item not met (so a rectification), an export folder set, and the
// app's jobs on files.
func appFilesFixture(t *testing.T) (*store.Store, tui.FileJobs, string, *checklist.Inspection) {
	t.Helper()
	dir := t.TempDir()
	s, err := store.Open(filepath.Join(dir, "bc.db"), store.Options{NoDailyBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	out := filepath.Join(dir, "导出")
	if err := os.Mkdir(out, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSetting(tui.SettingExportDir, out); err != nil {
		t.Fatal(err)
	}
	sc, err := s.AddSchool(checklist.School{Name: "西山镇/柳林小学", Township: "西山镇"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetSetting(store.SettingInspector, "李四"); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	v, err := s.CreateInspection(sc.ID, "李四", checklist.DateOf(now))
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range checklist.DefaultStandard().ScoredItems() {
		verdict := checklist.Met
		if it.ID == "2.1" {
			verdict = checklist.NotMet
		}
		if _, err := s.SetVerdict(v.ID, it.ID, verdict, "李四"); err != nil {
			t.Fatal(err)
		}
	}
	if v, err = s.Finalize(v.ID, "李四"); err != nil {
		t.Fatal(err)
	}
	env := environment{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, getenv: func(string) string { return "" },
		now: func() time.Time { return now }}
	a := newApp(env, i18n.Chinese, &cli{})
	return s, a.appFiles(s, t.TempDir()), out, v
}

// TestAppImportSchools: the list's columns read and not are said, and
// the counts; a list with no name column is refused in Chinese, naming
// its columns, and nothing is imported.
func TestAppImportSchools(t *testing.T) {
	s, jobs, dir, _ := appFilesFixture(t)
	list := filepath.Join(dir, "名单.csv")
	if err := os.WriteFile(list, []byte("序号,校名,镇,书记,电话\n1,北岭乡中心小学,北岭乡,赵敏,0371-5550001\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r, err := jobs.ImportSchools(list, i18n.Chinese)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(r.Lines, "\n")
	for _, want := range []string{"：1 所学校（UTF-8 编码）", "识别的列：校名 → 学校名称，书记 → 党组织书记，电话 → 联系电话",
		"未识别的列（没有导入）：序号、镇。", "新增 1 所，更新 0 所，不变 0 所"} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in\n%s", want, got)
		}
	}
	if !r.Changed || r.Path != "" {
		t.Errorf("report %+v", r)
	}

	bad := filepath.Join(dir, "坏.csv")
	if err := os.WriteFile(bad, []byte("单位,镇\n北岭乡中心小学,北岭乡\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = jobs.ImportSchools(bad, i18n.Chinese)
	if err == nil || !errors.Is(err, checklist.ErrInvalid) {
		t.Fatalf("err %v", err)
	}
	// The refusal names the file's columns. (Its Chinese wording is the
	// roster's, being converted to both languages with the others.)
	if said := err.Error(); !strings.Contains(said, "单位") || !strings.Contains(said, "镇") {
		t.Errorf("said %q", said)
	}
	if all, _ := s.Schools(); len(all) != 2 {
		t.Errorf("%d schools", len(all))
	}
}

// TestAppExports: the feedback sheet, the 整改台账, the bundle and the
// backup are new files of mode 0600 in the export folder, never over one
// there (-2), named for what they hold; a school's / does not make a
// folder; the bundle merges into another database.
func TestAppExports(t *testing.T) {
	_, jobs, dir, v := appFilesFixture(t)
	check := func(r *tui.FileReport, err error, name string) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		if r.Path != filepath.Join(dir, name) {
			t.Errorf("wrote %s, want %s", r.Path, name)
		}
		st, err := os.Stat(r.Path)
		if err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v %v", name, st, err)
		}
	}
	r, err := jobs.Feedback(v.ID, "xlsx", i18n.Chinese)
	check(r, err, "检查反馈单-西山镇_柳林小学-2026-11-20.xlsx")
	if len(r.Lines) != 1 || !strings.Contains(r.Lines[0], "尚未设置填报单位") {
		t.Errorf("lines %q", r.Lines)
	}
	r, err = jobs.Feedback(v.ID, "xlsx", i18n.Chinese)
	check(r, err, "检查反馈单-西山镇_柳林小学-2026-11-20-2.xlsx")
	r, err = jobs.ExportLedger("html", i18n.Chinese)
	check(r, err, "整改台账-2026-11-20.html")
	if !strings.Contains(r.Lines[0], "未销号的整改事项 1 项") {
		t.Errorf("ledger %q", r.Lines)
	}
	r, err = jobs.Backup(i18n.Chinese)
	check(r, err, "branchcheck-备份-2026-11-20.db")
	r, err = jobs.ExportBundle(i18n.Chinese)
	check(r, err, "数据包-李四-2026-11-20.bundle")

	other, err := store.Open(filepath.Join(t.TempDir(), "other.db"), store.Options{NoDailyBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	env := environment{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, getenv: func(string) string { return "" }, now: time.Now}
	otherJobs := newApp(env, i18n.Chinese, &cli{}).appFiles(other, dir)
	in, err := otherJobs.ImportBundles(r.Path, i18n.Chinese)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(in.Lines, "\n")
	if !in.Changed || !strings.Contains(got, "学校 新增 1") || !strings.Contains(got, "已合并。导入前的备份：") {
		t.Errorf("import said\n%s", got)
	}
	again, err := otherJobs.ImportBundles(r.Path, i18n.Chinese)
	if err != nil || again.Changed || !strings.Contains(strings.Join(again.Lines, "\n"), "没有变化") {
		t.Errorf("again: %+v, %v", again, err)
	}
	if _, err := otherJobs.ImportBundles(filepath.Join(dir, "整改台账-2026-11-20.html"), i18n.Chinese); err == nil ||
		!strings.Contains(i18n.Chinese.Error(err), "未导入任何内容") {
		t.Errorf("a page imported as a bundle: %v", err)
	}
}
