package tui

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"branchcheck/checklist"
	"branchcheck/i18n"
)

// TestSelfFormInTheApp: w on the self-assessment writes the school's 自评表
// (FileJobs.SelfForm, for the school and the screen's year) and the
// screen says the full path; the files screen offers the filled form's
// import, which reads the path typed.
func TestSelfFormInTheApp(t *testing.T) {
	s, std := countyStore(t)
	sc := addSchool(t, s, "东河中学", "东河乡")
	in := countyVisit(t, s, sc.ID)
	finalizeCounty(t, s, std, in.ID, nil)
	dir := t.TempDir()
	var asked struct {
		school string
		year   int
		path   string
	}
	files := FileJobs{
		SelfForm: func(schoolID string, year int, l i18n.Lang) (*FileReport, error) {
			asked.school, asked.year = schoolID, year
			path := filepath.Join(dir, "自评表-东河中学-2027.xlsx")
			return &FileReport{Path: path, Lines: []string{"发给学校填写"}}, os.WriteFile(path, []byte("x"), 0o600)
		},
		ImportSelf: func(path string, _ func(int) string, l i18n.Lang) (*FileReport, error) {
			asked.path = path
			return &FileReport{Lines: []string{"已导入 东河中学 2027 年度自评：3 处有变化"}, Changed: true}, nil
		},
	}
	m := New(Options{Store: s, Lang: i18n.Chinese, Now: func() time.Time { return countyNow }, NoColor: true,
		Ambiguous: AmbiguousNarrow, Amend: amendOf(s), Files: files, DefaultExportDir: dir})
	ses := run(t, m, 80, 24)
	ses.waitLine(`> 东河中学.*`)
	ses.press("enter")
	ses.waitText("检查记录 1 次")
	ses.press("s")
	ses.waitText("2027 年度支部自评：东河中学")
	ses.press("w")
	ses.waitText("已写出自评表：发给学校填写")
	ses.waitText("自评表-东河中学-2027.xlsx")
	if asked.school != sc.ID || asked.year != 2027 {
		t.Errorf("wrote the form of %s for %d", asked.school, asked.year)
	}
	ses.press("esc")
	ses.waitText("检查记录 1 次")
	ses.press("esc")
	ses.waitLine(`> 东河中学.*`)
	ses.press("f")
	ses.waitText("导入自评表")
	ses.press("enter") // the first job: the form's import
	ses.waitText("输入文件的完整路径")
	ses.typeText("自评表-东河中学-2027.xlsx") // after the export folder, already there
	ses.press("enter")
	ses.waitText("已导入 东河中学 2027 年度自评：3 处有变化")
	if asked.path != filepath.Join(dir, "自评表-东河中学-2027.xlsx") {
		t.Errorf("imported %q", asked.path)
	}
	ses.quit("ctrl+c")
}

// TestSelfFormImportInAConfirmedYear: the files screen's import of a
// filled 自评表 of a confirmed year, refused for want of a reason, asks
// for it as the self-assessment screen does (the year's lock said above
// the form) and imports the form again with it; esc leaves it unread,
// and once given the reason is not asked again.
func TestSelfFormImportInAConfirmedYear(t *testing.T) {
	s, _ := countyStore(t)
	addSchool(t, s, "东河中学", "东河乡")
	day := func(s string) checklist.Date {
		d, err := checklist.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	if _, err := s.PublishYear(2027, day("2028-01-05"), day("2028-01-11"), "王主任"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ConfirmYear(2027, day("2028-01-15"), "王主任"); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var reasons []string
	files := FileJobs{
		// As the program's job does: the store refuses a change of the
		// confirmed year without a reason.
		ImportSelf: func(path string, reason func(int) string, l i18n.Lang) (*FileReport, error) {
			r := reason(2027)
			reasons = append(reasons, r)
			st, err := s.YearStage(2027)
			if err != nil {
				return nil, err
			}
			if err := st.CheckChange(2027, r); err != nil {
				return nil, err
			}
			return &FileReport{Lines: []string{"已导入 东河中学 2027 年度自评：1 处有变化"}, Changed: true}, nil
		},
	}
	m := New(Options{Store: s, Lang: i18n.Chinese, Now: func() time.Time { return countyNow }, NoColor: true,
		Ambiguous: AmbiguousNarrow, Amend: amendOf(s), Files: files, DefaultExportDir: dir})
	ses := run(t, m, 80, 24)
	ses.waitLine(`> 东河中学.*`)
	importForm := func() {
		ses.press("f")
		ses.waitText("导入自评表")
		ses.press("enter")
		ses.waitText("输入文件的完整路径")
		ses.typeText("自评表.xlsx")
		ses.press("enter")
	}

	// Asked why; esc: nothing imported.
	importForm()
	ses.waitText("修改 2027 年度的记录")
	ses.waitText("结果已锁定")
	ses.press("esc")
	ses.waitText("导入自评表：已取消，没有导入")

	// Asked again; the reason given, the form is imported with it.
	ses.press("enter")
	ses.waitText("输入文件的完整路径")
	ses.typeText("自评表.xlsx")
	ses.press("enter")
	ses.waitText("修改 2027 年度的记录")
	ses.typeText("学校更正自评表")
	ses.press("enter")
	ses.waitText("已导入 东河中学 2027 年度自评：1 处有变化")

	// Asked once: the next import goes through with the same reason.
	ses.press("esc")
	importForm()
	ses.waitText("已导入 东河中学 2027 年度自评：1 处有变化")
	ses.quit("ctrl+c")
	want := []string{"", "", "学校更正自评表", "学校更正自评表"}
	if !slices.Equal(reasons, want) {
		t.Errorf("the job was given the reasons %q, want %q", reasons, want)
	}
}
