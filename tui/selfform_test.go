package tui

import (
	"os"
	"path/filepath"
	"testing"
	"time"

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
		ImportSelf: func(path string, l i18n.Lang) (*FileReport, error) {
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
