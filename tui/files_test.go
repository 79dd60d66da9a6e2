package tui

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"branchcheck/bundle"
	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/roster"
	"branchcheck/store"
)

// testFiles are jobs on files as the command line wires them, on the
// real store and the real roster, writing into dir; the command line's
// own are tested in cmd/branchcheck.
func testFiles(st *store.Store, dir string) FileJobs {
	write := func(name string, data []byte) (string, error) {
		path := filepath.Join(dir, name)
		return path, os.WriteFile(path, data, 0o600)
	}
	return FileJobs{
		ImportSchools: func(path string, l i18n.Lang) (*FileReport, error) {
			f, err := os.Open(path)
			if err != nil {
				return nil, err
			}
			defer f.Close()
			list, err := roster.ReadList(path, f, roster.Options{})
			if err != nil {
				return nil, err
			}
			var schools []checklist.School
			for _, r := range list.Rows {
				schools = append(schools, r.School)
			}
			sum, err := st.ImportSchools(schools)
			if err != nil {
				return nil, err
			}
			return &FileReport{Changed: sum.Added > 0, Lines: []string{
				l.Sprintf("未识别的列：%s", "not recognised: %s", strings.Join(list.Ignored, "、")),
				l.Sprintf("新增 %d 所", "%d added", sum.Added)}}, nil
		},
		Feedback: func(visitID, format string, l i18n.Lang) (*FileReport, error) {
			path, err := write("检查反馈单-"+visitID+"."+format, []byte(visitID))
			return &FileReport{Path: path}, err
		},
		ExportLedger: func(format string, l i18n.Lang) (*FileReport, error) {
			path, err := write("整改台账."+format, []byte(format))
			return &FileReport{Path: path, Lines: []string{"ledger " + format}}, err
		},
		ExportBundle: func(l i18n.Lang) (*FileReport, error) {
			var buf bytes.Buffer
			if _, err := st.ExportBundle(&buf, bundle.Filter{}); err != nil {
				return nil, err
			}
			path, err := write("数据包.bundle", buf.Bytes())
			return &FileReport{Path: path}, err
		},
		ImportBundles: func(path string, l i18n.Lang) (*FileReport, error) {
			f, err := os.Open(path)
			if err != nil {
				return nil, err
			}
			defer f.Close()
			sums, err := st.ImportBundles([]store.BundleInput{{Name: path, R: f}}, false)
			if err != nil {
				return nil, err
			}
			r := &FileReport{Changed: sums[0].Changed()}
			r.Lines = append(r.Lines, fmt.Sprintf("学校新增 %d", sums[0].Schools.Added))
			for i := range 30 {
				r.Lines = append(r.Lines, fmt.Sprintf("冲突 %d", i+1))
			}
			return r, nil
		},
		Backup: func(l i18n.Lang) (*FileReport, error) {
			path := filepath.Join(dir, "备份.db")
			return &FileReport{Path: path}, st.BackupToFile(path, false)
		},
	}
}

// filesModel is the interface with the jobs on files, exporting to dir.
func filesModel(st *store.Store, dir string) *Model {
	return New(Options{Store: st, Lang: i18n.Chinese, Now: clock, NoColor: true, Ambiguous: AmbiguousNarrow,
		Files: testFiles(st, dir), DefaultExportDir: dir})
}

// TestImportSchoolsTyped: f, then 导入学校名单: the path is typed (the
// export folder is there already), the list is imported and what was
// read is said; the schools list shows the new schools once back. A path
// that does not exist says so in Chinese, in the form, to be put right.
func TestImportSchoolsTyped(t *testing.T) {
	st := openStore(t)
	addSchool(t, st, "城关镇第一小学", "城关镇")
	dir := t.TempDir()
	list := filepath.Join(dir, "名单.csv")
	if err := os.WriteFile(list, []byte("校名,镇,书记\n北岭乡中心小学,北岭乡,赵敏\n东河乡红星小学,东河乡,\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s := run(t, filesModel(st, dir), 80, 24)
	s.waitLine(`> 城关镇第一小学 .*`)
	s.waitLine(`a 添加学校  f 导入导出  / 筛选  r 年度评定  s 检查标准  o 设置  \? 帮助  q 退出`)
	s.press("f")
	s.waitLine(`文件：导入与导出`)
	s.waitText("导出文件夹：" + dir)
	s.waitLine(`> 导入学校名单 +CSV 或 XLSX；已有的学校更新，不会重复`)
	s.press("enter")
	s.waitLine(`> 文件\* +` + regexp.QuoteMeta(dir+string(filepath.Separator)))
	s.typeText("没有.csv")
	s.press("enter")
	s.waitText("没有.csv：文件或文件夹不存在")
	for range len([]rune("没有.csv")) {
		s.press("backspace")
	}
	s.typeText("名单.csv")
	s.press("enter")
	s.waitLine(`导入学校名单：完成`)
	s.waitLine(`未识别的列：镇`)
	s.waitLine(`新增 2 所`)
	s.press("esc")
	s.waitLine(`> 导入学校名单 .*`)
	s.press("esc")
	s.waitLine(`学校列表  共 3 所  星级为 2025 年度评定`)
	s.waitLine(`北岭乡中心小学 +- +未评定`)
	s.quit("q")
}

// TestImportSchoolsBrowsed: tab in the path opens the file browser
// (bubbles' filepicker) in the export folder; a folder opens with enter,
// h goes up, a file of another kind cannot be chosen, and enter on the
// list imports it.
func TestImportSchoolsBrowsed(t *testing.T) {
	st := openStore(t)
	addSchool(t, st, "城关镇第一小学", "城关镇")
	dir := t.TempDir()
	sub := filepath.Join(dir, "名单")
	if err := os.Mkdir(sub, 0o700); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{"a说明.txt": "x", "学校.csv": "学校名称,乡镇\n南湖小学,南湖镇\n"} {
		if err := os.WriteFile(filepath.Join(sub, name), []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	s := run(t, filesModel(st, dir), 80, 24)
	s.waitLine(`> 城关镇第一小学 .*`)
	s.press("f", "enter", "tab")
	s.waitLine(`导入学校名单：选择文件`)
	s.waitLine(`> +\S+ 名单` + regexp.QuoteMeta(string(filepath.Separator)) + `?`)
	s.press("enter")
	s.waitLine(regexp.QuoteMeta(sub))
	s.waitLine(`> +\S+ a说明\.txt`)
	s.press("enter")
	s.waitLine(`只能选 \.csv \.xlsx \.xlsm 文件`)
	s.press("j", "enter")
	s.waitLine(`导入学校名单：完成`)
	s.waitLine(`新增 1 所`)
	s.press("esc", "esc")
	s.waitLine(`学校列表  共 2 所  星级为 2025 年度评定`)
	s.quit("q")
}

// TestFilesExports: the 整改台账 asks its format first; the bundle and
// the backup are written at once; each says the full path it wrote, and
// the file is there.
func TestFilesExports(t *testing.T) {
	st := openStore(t)
	finalizedVisit(t, st)
	dir := t.TempDir()
	s := run(t, filesModel(st, dir), 80, 24)
	s.waitLine(`> 西山镇柳林小学 .*`)
	s.press("f", "j", "enter")
	s.waitLine(`导出整改台账：选择格式`)
	s.press("x")
	s.waitText("已写入：" + filepath.Join(dir, "整改台账.xlsx"))
	s.press("esc", "j", "enter")
	s.waitText("已写入：" + filepath.Join(dir, "数据包.bundle"))
	s.press("esc", "j", "j", "enter")
	s.waitText("已写入：" + filepath.Join(dir, "备份.db"))
	s.quit("ctrl+c")
	for _, name := range []string{"整改台账.xlsx", "数据包.bundle", "备份.db"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Error(err)
		}
	}
}

// TestImportBundleModal: a bundle from another database is merged; while
// it runs, keys wait (the screen is not ready) and nothing else calls
// the store; the result is scrolled with j, and the schools list reads
// the database again whole once back.
func TestImportBundleModal(t *testing.T) {
	other := openStore(t)
	addSchool(t, other, "南湖镇中心小学", "南湖镇")
	addSchool(t, other, "南湖镇初级中学", "南湖镇")
	dir := t.TempDir()
	bundlePath := filepath.Join(dir, "别人的.bundle")
	var buf bytes.Buffer
	if _, err := other.ExportBundle(&buf, bundle.Filter{}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bundlePath, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	st := openStore(t)
	addSchool(t, st, "城关镇第一小学", "城关镇")
	m := filesModel(st, dir)
	s := run(t, m, 80, 24)
	s.waitLine(`> 城关镇第一小学 .*`)
	s.press("f", "j", "j", "j")
	s.waitLine(`> 导入数据包 .*`)
	s.press("enter")
	s.typeText("别人的.bundle")
	s.press("enter")
	s.press("j", "j") // typed while it runs: wait, then scroll
	s.waitLine(`导入数据包：完成`)
	s.waitLine(`第 3-\d+ 行，共 31 行（j/k 滚动）`)
	s.press("esc", "esc")
	s.waitLine(`学校列表  共 3 所  星级为 2025 年度评定`)
	s.quit("q")
}

// TestFeedbackFromSchool: f on a finalized visit asks the format and
// writes the 检查反馈单, saying where; a draft offers no f.
func TestFeedbackFromSchool(t *testing.T) {
	st := openStore(t)
	v := finalizedVisit(t, st)
	dir := t.TempDir()
	s := run(t, filesModel(st, dir), 80, 24)
	s.waitLine(`> 西山镇柳林小学 .*`)
	s.press("enter")
	s.waitLine(`enter 继续草稿/查看  n 新建检查  f 检查反馈单  h 修改记录  esc 返回  \? 帮助`)
	s.press("f")
	s.waitLine(`2025-03-14 的检查反馈单：x Excel 表格  h 网页（可打印）  m Markdown  esc 取消`)
	s.press("h")
	s.waitLine(`已写入检查反馈单：`)
	want := filepath.Join(dir, "检查反馈单-"+v.ID+".html")
	s.waitText(want)
	s.quit("ctrl+c")
	if _, err := os.Stat(want); err != nil {
		t.Error(err)
	}
}

// TestReadOnlyApp: a database that may not be written opens for review:
// the schools screen says why, offers no key that writes (a, n, e, the
// answers of a walk), and an import says why it cannot; the open's
// warnings are shown once, until the first key.
func TestReadOnlyApp(t *testing.T) {
	st := openStore(t)
	finalizedVisit(t, st)
	why := checklist.Errorf(store.ErrReadOnly, checklist.Text{ZH: "数据库 x.db 是只读文件", EN: "the database x.db is a read-only file"})
	warn := errors.New("today's backup could not be made")
	dir := t.TempDir()
	m := New(Options{Store: st, Lang: i18n.Chinese, Now: clock, NoColor: true, Ambiguous: AmbiguousNarrow,
		Files: testFiles(st, dir), DefaultExportDir: dir, ReadOnly: why, Warnings: []error{warn}})
	s := run(t, m, 80, 24)
	s.waitLine(`只读：数据库 x\.db 是只读文件`)
	s.waitLine(`注意：today's backup could not be made`)
	s.waitLine(`f 导入导出  / 筛选  r 年度评定  s 检查标准  o 设置  \? 帮助  q 退出`)
	s.press("a") // nothing
	s.press("j")
	if strings.Contains(s.screen(), "注意：") || strings.Contains(s.screen(), "添加学校") {
		t.Errorf("after a key:\n%s", s.screen())
	}
	s.press("enter") // no n, no e; the feedback sheet writes no database
	s.waitLine(`enter 继续草稿/查看  f 检查反馈单  h 修改记录  esc 返回  \? 帮助`)
	s.press("e")
	if strings.Contains(s.screen(), "修改学校信息") {
		t.Errorf("e edits a read-only database:\n%s", s.screen())
	}
	s.press("enter")
	s.waitLine(`42/42  100分 ★★★★★`)
	s.waitLine(`.*已定稿  数据库只读，不能修改`)
	s.waitLine(`h 修改记录  esc 返回  \? 帮助|esc 返回  \? 帮助`)
	s.press("esc", "esc", "f", "enter")
	s.waitLine(`数据库 x\.db 是只读文件`)
	s.quit("ctrl+c")
}
