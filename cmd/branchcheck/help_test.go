package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/alecthomas/kong"
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
