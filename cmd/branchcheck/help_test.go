package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/alecthomas/kong"

	"branchcheck/termtext"
)

// helpOf runs branchcheck with args in a language (LANG) and returns its
// exit code and standard output.
func helpOf(lang string, args ...string) (int, string) {
	var out, errs bytes.Buffer
	code := run(args, environment{stdin: strings.NewReader(""), stdout: &out, stderr: &errs,
		getenv: func(k string) string {
			if k == "LANG" && lang == "en" {
				return "en_US.UTF-8"
			}
			return ""
		}, now: time.Now})
	return code, out.String() + errs.String()
}

// TestEveryCommandHasAnExample: every command that runs has an example in
// the help, each example is a command line that parses to that command,
// and no example is kept for a command that is gone.
func TestEveryCommandHasAnExample(t *testing.T) {
	paths := commandPaths()
	if len(paths) < 20 {
		t.Fatalf("only %d commands: %v", len(paths), paths)
	}
	known := map[string]bool{"": true}
	for _, p := range paths {
		known[p] = true
		if len(examples[p]) == 0 {
			t.Errorf("%q has no example in the help (helptext.go)", p)
		}
	}
	for p, list := range examples {
		if !known[p] {
			t.Errorf("examples of %q, which is not a command", p)
		}
		for _, e := range list {
			args := strings.Fields(e.line)
			if args[0] != "branchcheck" {
				t.Errorf("%q: an example starts with the program's name", e.line)
				continue
			}
			var c cli
			parser, err := kong.New(&c, kong.Name("branchcheck"), kong.Vars{"version": "test"},
				kong.Exit(func(int) { t.Fatalf("%q exits", e.line) }))
			if err != nil {
				t.Fatal(err)
			}
			ctx, err := parser.Parse(args[1:])
			if err != nil {
				t.Errorf("%q does not parse: %v", e.line, err)
				continue
			}
			if got := ctx.Selected().Path(); p != "" && got != p {
				t.Errorf("%q runs %q, not %q", e.line, got, p)
			}
		}
	}
}

// TestHelpInTheLanguage: the help of the program and of every command is
// in Chinese, kong's headings and words included, with the examples; in
// English with LANG=en_US.UTF-8.
func TestHelpInTheLanguage(t *testing.T) {
	for _, path := range append([]string{"", "schools", "rectifications"}, commandPaths()...) {
		args := append(strings.Fields(path), "--help")
		code, zh := helpOf("zh", args...)
		if code != exitOK {
			t.Errorf("%s: exit %d\n%s", args, code, zh)
		}
		for _, want := range []string{"用法：branchcheck", "选项：", "显示帮助", "示例：\n  branchcheck"} {
			if !strings.Contains(zh, want) {
				t.Errorf("%s: no %q in\n%s", args, want, zh)
			}
		}
		if strings.Contains(zh, "help_") {
			t.Errorf("%s: a help text left as its name (fillHelp) in\n%s", args, zh)
		}
		if words := englishWords(zh, []string{"BRANCHCHECK_DB", "LC_ALL", "LANG", "CSV", "XLSX", "Asia/Shanghai"}); len(words) > 0 {
			t.Errorf("%s: English %q in\n%s", args, words, zh)
		}
		code, en := helpOf("en", args...)
		for _, want := range []string{"Usage: branchcheck", "Flags:", "Examples:\n  branchcheck"} {
			if code != exitOK || !strings.Contains(en, want) {
				t.Errorf("%s in English: exit %d, no %q in\n%s", args, code, want, en)
			}
		}
	}
	_, zh := helpOf("zh", "--help")
	for _, want := range []string{"命令：", "用 branchcheck 命令 --help 查看"} {
		if !strings.Contains(zh, want) {
			t.Errorf("--help: no %q in\n%s", want, zh)
		}
	}
	if _, zh := helpOf("zh", "schools", "import", "--help"); !strings.Contains(zh, "参数：\n  <file>") {
		t.Errorf("schools import --help: no 参数：\n%s", zh)
	}
}

// TestHelpWrapsByDisplayWidth: the Chinese help of the program and of
// every command fits in 80 cells a line, a Chinese character counted two
// (kong counted one, and broke lines only at spaces: lines of 110 cells
// after lines cut short); only a word that cannot break (a path) may run
// over. The examples' command lines are kept whole, to be copied.
// COLUMNS widens it.
func TestHelpWrapsByDisplayWidth(t *testing.T) {
	for _, path := range append([]string{""}, commandPaths()...) {
		args := append(strings.Fields(path), "--help")
		_, zh := helpOf("zh", args...)
		kongs, _, _ := strings.Cut(zh, "\n示例：")
		for _, line := range strings.Split(kongs, "\n") {
			if termtext.Width(line) > 80 && !isASCII(strings.TrimSpace(line)) {
				t.Errorf("%s: a line of %d cells: %q", args, termtext.Width(line), line)
			}
		}
	}
	_, zh := helpOf("zh", "--help")
	if !strings.Contains(zh, "\n  schools import                从教育局的学校名单导入（CSV 或 XLSX；按“学校名\n                                称、乡镇、类型") {
		t.Errorf("schools import's help not wrapped at 80 cells, continued in its column:\n%s", zh)
	}
	var out bytes.Buffer
	run([]string{"--help"}, environment{stdin: strings.NewReader(""), stdout: &out, stderr: &out,
		getenv: func(k string) string {
			if k == "COLUMNS" {
				return "120"
			}
			return ""
		}, now: time.Now})
	if !strings.Contains(out.String(), "\n学校党支部“五要”标准化建设检查工具：逐校检查、保存每一项结果、年底评定星级并导出。不带子命令运行时打开检查界面。\n") {
		t.Errorf("at COLUMNS=120 the description is not one line:\n%s", out.String())
	}
}

// TestRewrapHelp: a row of kong's two columns whose Chinese help kong
// broke at its one space is joined and wrapped again by display width,
// continued in its column; a row that fits, a name too long for its
// column with its help below it, and the English are kept.
func TestRewrapHelp(t *testing.T) {
	in := strings.Join([]string{
		"选项：",
		"  -h, --help        显示帮助",
		"      --encoding    CSV 文件的编码：默认自动识别。如果识别错了，请在这里写出文件的编码，例如",
		"                    gb18030",
		"  --a-very-long-name-for-a-flag=VALUE",
		"                    它的说明写在下面一行，也很长很长很长很长很长很长很长很长很长很长很长很长",
		"",
		"Flags:",
		"  -h, --help        show help",
	}, "\n")
	want := strings.Join([]string{
		"选项：",
		"  -h, --help        显示帮助",
		"      --encoding    CSV 文件的编码：默认自动识别。如果识别错了，请在这",
		"                    里写出文件的编码，例如 gb18030",
		"  --a-very-long-name-for-a-flag=VALUE",
		"                    它的说明写在下面一行，也很长很长很长很长很长很长很",
		"                    长很长很长很长很长很长",
		"",
		"Flags:",
		"  -h, --help        show help",
	}, "\n")
	if got := rewrapHelp(in, 70); got != want {
		t.Errorf("rewrapHelp:\n%s\nwant:\n%s", got, want)
	}
}

func isASCII(s string) bool {
	for _, r := range s {
		if r >= 0x80 {
			return false
		}
	}
	return true
}
