package tui

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"branchcheck/checklist"
)

// englishWord is a run of three Latin letters or more: a word of English
// in a Chinese message, once the paths and file names are taken out.
var englishWord = regexp.MustCompile(`[A-Za-z]{3,}`)

// allowedWords are the names a Chinese message may say as they are: the
// product's, and the formats'.
var allowedWords = strings.NewReplacer("branchcheck", "", "gzip", "", "CSV", "", "XLSX", "", "Excel", "")

// fileExt is a file name's extension (名单.csv), taken out before looking.
var fileExt = regexp.MustCompile(`\.[a-z]+\b`)

// TestAppErrorsInChinese: the errors the app shows where a user can
// reach them (a school list that is not there, one with no name column,
// a bundle that is not one, a school's name taken, a draft dated after
// today) are said in Chinese, and the lines that say them hold no word
// of English (the folder's path, file names, the product's and the
// formats' names aside).
func TestAppErrorsInChinese(t *testing.T) {
	st := openStore(t)
	addSchool(t, st, "城关镇第一小学", "城关镇")
	sc := addSchool(t, st, "城关镇第二小学", "城关镇")
	if _, err := st.CreateInspection(sc.ID, "赵六", checklist.DateOf(testNow)); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, data := range map[string]string{"名单.csv": "单位,镇\n北岭乡中心小学,北岭乡\n", "包.bundle": "不是数据包"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	noEnglish := func(screen, said string) {
		t.Helper()
		for _, line := range strings.Split(screen, "\n") {
			if !strings.Contains(line, said) {
				continue
			}
			line = fileExt.ReplaceAllString(strings.ReplaceAll(line, dir, ""), "")
			line = allowedWords.Replace(line)
			if w := englishWord.FindAllString(line, -1); len(w) > 0 {
				t.Errorf("English %q in %q", w, line)
			}
		}
	}
	s := run(t, filesModel(st, dir), 80, 24)
	s.waitLine(`> 城关镇第二小学 .*`)

	// The files screen: a list not there, a list with no name column, a
	// bundle that is not one.
	s.press("f")
	s.waitLine(`> 导入学校名单 .*`)
	for _, c := range []struct{ file, said string }{
		{"没有.csv", "文件或文件夹不存在"},
		{"名单.csv", "没有学校名称列"},
	} {
		s.press("enter")
		s.typeText(c.file)
		s.press("enter")
		noEnglish(s.waitText(c.said), c.said)
		s.press("esc")
		s.waitLine(`> 导入学校名单 .*`)
	}
	s.press("j", "j", "j")
	s.waitLine(`> 导入数据包 .*`)
	s.press("enter")
	s.typeText("包.bundle")
	s.press("enter")
	noEnglish(s.waitText("不是 branchcheck 导入包"), "不是 branchcheck 导入包")
	s.press("esc")
	s.waitLine(`> 导入数据包 .*`)
	s.press("esc")

	// A school's name another school has; a draft dated after today.
	s.waitLine(`> 城关镇第二小学 .*`)
	s.press("enter")
	s.waitLine(`> 2025-03-14  赵六 .*`)
	s.press("e")
	s.waitLine(`> 校名\* +城关镇第二小学`)
	s.press("backspace", "backspace", "backspace", "backspace")
	s.typeText("第一小学")
	s.press("ctrl+s")
	noEnglish(s.waitText("已在学校名单中"), "已在学校名单中")
	s.press("esc")
	s.waitLine(`> 2025-03-14  赵六 .*`)
	s.press("t")
	s.waitLine(`修改草稿日期：城关镇第二小学`)
	for range 10 {
		s.press("backspace")
	}
	s.typeText("2025/3/20")
	s.press("enter")
	noEnglish(s.waitText("日期不能晚于今天"), "日期不能晚于今天")
	s.quit("ctrl+c")
}
