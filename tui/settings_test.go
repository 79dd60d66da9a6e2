package tui

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"branchcheck/i18n"
	"branchcheck/store"
)

// TestSettingsInspector: o opens the settings; the inspector is picked
// among the names used on this laptop, or typed new (checked where it
// enters), and a new visit is then made under that name.
func TestSettingsInspector(t *testing.T) {
	st := openStore(t)
	addSchool(t, st, "城关镇第一小学", "城关镇")
	for k, v := range map[string]string{store.SettingInspector: "张三", SettingInspectors: "张三\n李四"} {
		if err := st.SetSetting(k, v); err != nil {
			t.Fatal(err)
		}
	}
	s := run(t, newModel(st, i18n.Chinese), 80, 24)
	s.waitLine(`> 城关镇第一小学 .*`)
	s.press("o")
	s.waitLine(`设置`)
	s.waitLine(`> 检查人 +张三`)
	s.waitLine(`新建检查时署的名字.*`)
	s.press("enter")
	s.waitLine(`> 张三 +当前`)
	s.waitLine(`李四`)
	s.waitLine(`（输入新名字）`)
	s.press("j", "enter") // 李四
	s.waitLine(`> 检查人 +李四`)
	s.waitLine(`已保存：检查人`)

	// A new name, typed: a direction override is refused, in Chinese.
	s.press("enter", "j", "j", "enter")
	s.waitLine(`> 姓名\* .*`)
	s.typeText("王\u202e五")
	s.press("enter")
	s.waitLine(`检查人含有改变文字方向的字符 U\+202E，不能保存`)
	s.press("backspace", "backspace", "五")
	s.waitLine(`\* 为必填`) // the message goes once the field is edited
	s.press("enter")
	s.waitLine(`> 检查人 +王五`)

	// The new visit is made under it, without asking.
	s.press("esc", "enter")
	s.waitLine(`检查记录 0 次`)
	s.press("n")
	s.waitLine(`> 日期\*\s+2025-03-14`)
	s.press("enter")
	s.waitLine(`.*2025-03-14  检查人 王五  草稿`)
	s.quit("ctrl+c")

	if got, _ := st.Setting(SettingInspectors); got != "王五\n李四\n张三" {
		t.Errorf("names used %q", got)
	}
}

// TestSettingsBureauAndFolder: the bureau's name and the export folder
// are saved; a folder that does not exist is refused and nothing saved.
func TestSettingsBureauAndFolder(t *testing.T) {
	st := openStore(t)
	addSchool(t, st, "城关镇第一小学", "城关镇")
	docs := t.TempDir()
	m := New(Options{Store: st, Lang: i18n.Chinese, Now: clock, NoColor: true, Ambiguous: AmbiguousNarrow, DefaultExportDir: docs})
	s := run(t, m, 80, 24)
	s.waitLine(`> 城关镇第一小学 .*`)
	s.press("o")
	s.waitLine(`填报单位 +（未设置）`)
	s.waitLine(`导出文件夹 +` + regexp.QuoteMeta(docs) + `（默认）`)
	s.press("j", "enter")
	s.waitLine(`> 单位名称 .*`)
	s.typeText("某某县教育局")
	s.press("enter")
	s.waitLine(`> 填报单位 +某某县教育局`)

	missing := filepath.Join(docs, "没有这个")
	s.press("j", "enter")
	s.typeText(missing)
	s.press("enter")
	s.waitLine(regexp.QuoteMeta(missing) + `：文件或文件夹不存在`)
	if got, _ := st.Setting(SettingExportDir); got != "" {
		t.Errorf("a missing folder was saved: %q", got)
	}
	there := filepath.Join(docs, "导出")
	if err := os.Mkdir(there, 0o700); err != nil {
		t.Fatal(err)
	}
	for range len([]rune(missing)) {
		s.press("backspace")
	}
	s.typeText(there)
	s.press("enter")
	s.waitLine(`> 导出文件夹 +` + regexp.QuoteMeta(there))
	s.quit("ctrl+c")

	if got, _ := st.Setting(SettingBureau); got != "某某县教育局" {
		t.Errorf("bureau %q", got)
	}
	if got, err := ExportFolder(st, docs); got != there || err != nil {
		t.Errorf("export folder %q, %v", got, err)
	}
}

// TestSettingsLanguage: switching the language applies at once and is
// saved; the row says when --lang or the locale chose it at start.
func TestSettingsLanguage(t *testing.T) {
	st := openStore(t)
	addSchool(t, st, "城关镇第一小学", "城关镇")
	m := New(Options{Store: st, Lang: i18n.Chinese, LangFrom: "LANG=zh_CN.UTF-8", Now: clock, NoColor: true, Ambiguous: AmbiguousNarrow})
	s := run(t, m, 80, 24)
	s.waitLine(`> 城关镇第一小学 .*`)
	s.press("o")
	s.waitLine(`界面语言 +中文（本次由 LANG=zh_CN\.UTF-8 决定）`)
	s.press("j", "j", "j", "enter")
	s.waitLine(`> 中文 +当前`)
	s.press("j", "enter")
	s.waitLine(`Settings`)
	s.waitLine(`> Language +English`)
	s.waitLine(`Saved: Language`)
	s.press("esc")
	s.waitLine(`Schools: 1  \(stars: 2025 rating\)`)
	s.quit("q")
	if got, _ := st.Setting(SettingLang); got != "en" {
		t.Errorf("language setting %q", got)
	}
}

// TestSettingsStars: the star style applies at once on every list.
func TestSettingsStars(t *testing.T) {
	st := openStore(t)
	finalizedVisit(t, st)
	s := run(t, newModel(st, i18n.Chinese), 80, 24)
	s.waitLine(`> 西山镇柳林小学 .*★★★★★`)
	s.press("o", "j", "j", "j", "j")
	s.waitLine(`> 星级显示 +自动：★★★★☆ 五个星`)
	s.waitLine(`.*本终端：★ 占一格。`)
	s.press("enter")
	s.waitLine(`> 自动 +当前`)
	s.press("j", "j", "j", "enter")
	s.waitLine(`> 星级显示 +四星 只用文字`)
	s.press("esc")
	s.waitLine(`> 西山镇柳林小学 .*五星`)
	s.press("o", "j", "j", "j", "j", "enter", "k", "enter")
	s.waitLine(`> 星级显示 +★4 一个星加数字`)
	s.press("esc")
	s.waitLine(`> 西山镇柳林小学 .*★5`)
	s.quit("q")
	if got, _ := st.Setting(SettingStars); got != string(StarsShort) {
		t.Errorf("stars setting %q", got)
	}
}

// TestNames: the names used on this laptop, the current one first, each
// once.
func TestNames(t *testing.T) {
	for _, tt := range []struct{ list, current, want string }{
		{"", "", ""},
		{"", "张三", "张三"},
		{"李四\n张三", "张三", "张三 李四"},
		{" 李四 \n\n王五\n李四", "", "李四 王五"},
	} {
		if got := strings.Join(names(tt.list, tt.current), " "); got != tt.want {
			t.Errorf("names(%q, %q) = %q, want %q", tt.list, tt.current, got, tt.want)
		}
	}
}
