package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"branchcheck/checklist"
	"branchcheck/i18n"
)

// layoutFiles are jobs on files that do nothing but say what they would
// have, at length: the screens' layout is what is tested.
func layoutFiles(dir string) FileJobs {
	long := filepath.Join(dir, "一个很长的文件夹名字用来看看路径怎样折行", "检查反馈单-东河乡中心幼儿园-2025-03-01.xlsx")
	report := func(n int) *FileReport {
		r := &FileReport{Path: long, Changed: true}
		for i := range n {
			r.Lines = append(r.Lines, fmt.Sprintf("冲突：学校 东河乡中心幼儿园（东河乡）在两处都修改过；采用 2025-03-01 12:00:00 修改的版本 %d “★”", i+1))
		}
		return r
	}
	return FileJobs{
		ImportSchools: func(string, i18n.Lang) (*FileReport, error) { return report(3), nil },
		Feedback:      func(string, string, i18n.Lang) (*FileReport, error) { return report(1), nil },
		ExportLedger:  func(string, i18n.Lang) (*FileReport, error) { return report(2), nil },
		ExportBundle:  func(i18n.Lang) (*FileReport, error) { return report(2), nil },
		ImportBundles: func(string, i18n.Lang) (*FileReport, error) { return report(40), nil },
		Backup:        func(i18n.Lang) (*FileReport, error) { return report(1), nil },
	}
}

// filesLayoutSteps are the screens of the files, the corrections and the
// archived schools, by the keys that reach them from the demo's schools
// list.
var filesLayoutSteps = []struct {
	name     string
	keys     []string
	readOnly bool
}{
	{"files", []string{"f"}, false},
	{"files path", []string{"f", "enter"}, false},
	{"files browse", []string{"f", "enter", "tab"}, false},
	{"files format", []string{"f", "j", "enter"}, false},
	{"files result", []string{"f", "j", "enter", "x"}, false},
	{"files long result", []string{"f", "j", "j", "j", "enter", "a", "enter", "j", "j"}, false},
	{"archived", []string{"A"}, false},
	{"edit school", []string{"enter", "e"}, false},
	{"edit school error", []string{"enter", "e", "ctrl+s"}, false},
	{"archive question", []string{"enter", "A"}, false},
	{"redate", []string{"/", "幼", "enter", "enter", "t"}, false},
	{"redate same day", []string{"/", "幼", "enter", "enter", "t", "enter"}, false},
	{"redate question", []string{"/", "幼", "enter", "enter", "t", "backspace", "3", "enter"}, false},
	{"feedback format", []string{"enter", "f"}, false},
	{"feedback written", []string{"enter", "f", "x"}, false},
	{"read-only schools", nil, true},
	{"read-only import", []string{"f", "enter"}, true},
	{"read-only walk", []string{"/", "幼", "enter", "enter", "enter"}, true},
}

// TestLayoutFiles draws each of those screens at 80x24 and at the
// minimum size, in both languages, on a terminal that draws ambiguous
// glyphs one cell wide and on one that draws them two: each fills the
// window exactly, measured as that terminal draws.
func TestLayoutFiles(t *testing.T) {
	st := openDemo(t)
	dir := t.TempDir()
	for _, name := range []string{"学校名单（2025 年秋季，含新建校）.csv", "数据包.bundle", "说明.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "往年"), 0o700); err != nil {
		t.Fatal(err)
	}
	locked := checklist.Errorf(nil, checklist.Text{
		ZH: "数据库 /home/检查组/branchcheck.db 是只读文件（权限 0400）：可以查看和导出，不能修改；要修改，请让文件可写",
		EN: "the database /home/inspectors/branchcheck.db is a read-only file (mode 0400): it can be read and exported, not changed"})
	for _, amb := range []Ambiguity{AmbiguousNarrow, AmbiguousWide} {
		for _, lang := range []i18n.Lang{i18n.Chinese, i18n.English} {
			for _, size := range [][2]int{{80, 24}, {MinWidth, MinHeight}} {
				for _, step := range filesLayoutSteps {
					name := fmt.Sprintf("%d/%s/%dx%d/%s", amb, lang, size[0], size[1], step.name)
					t.Run(name, func(t *testing.T) {
						o := Options{Store: st, Lang: lang, Now: clock, NoColor: true, Ambiguous: amb,
							Files: layoutFiles(dir), DefaultExportDir: dir}
						if step.readOnly {
							o.ReadOnly = locked
						}
						d := drive(t, New(o), size[0], size[1])
						d.press(step.keys...)
						out := d.m.render()
						if amb == AmbiguousWide {
							checkFitsAs(t, out, size[0], size[1], wideMeasure.String)
						} else {
							checkFits(t, out, size[0], size[1])
						}
						checkWholeStars(t, out)
						if strings.Contains(out, "\x1b[7m\\x1b") || strings.Contains(out, `\x1b`) {
							t.Errorf("an escape sequence drawn as text:\n%s", out)
						}
					})
				}
			}
		}
	}
}
