package main

import (
	"regexp"
	"strings"

	"branchcheck/checklist"
)

// kong's parse errors are plain English strings (only one of its error
// types, for an unknown flag, is a type, and it is unexported). parseError
// words them in both languages: each of kong v1.17.0's messages that this
// command line can meet is matched below, its English kept as kong wrote
// it, its Chinese said in full. A message of kong's that is not matched
// keeps its English and gets a Chinese sentence that says only that the
// command line is wrong (TestParseErrors drives every one this command
// line can reach).

// kongMessage is one of kong's messages: the pattern of its English, and
// the Chinese and English that say it; the pattern's groups are their
// arguments, in order.
type kongMessage struct {
	re   *regexp.Regexp
	text checklist.Text
	// lists: the groups that are kong's lists ("a", "b" or a, b), joined
	// again with the language's separator.
	lists []int
}

var kongMessages = []kongMessage{
	{re: regexp.MustCompile(`^unknown flag (\S+), did you mean one of (.+)\?$`), lists: []int{2},
		text: checklist.Text{ZH: "没有选项 %s；是不是想用 %s 之一？", EN: "unknown flag %s, did you mean one of %s?"}},
	{re: regexp.MustCompile(`^unknown flag (\S+), did you mean (\S+)\?$`),
		text: checklist.Text{ZH: "没有选项 %s；是不是想用 %s？", EN: "unknown flag %s, did you mean %s?"}},
	{re: regexp.MustCompile(`^unknown flag (\S+)$`),
		text: checklist.Text{ZH: "没有选项 %s", EN: "unknown flag %s"}},
	{re: regexp.MustCompile(`^unexpected argument (.+), did you mean one of (.+)\?$`), lists: []int{2},
		text: checklist.Text{ZH: "没有“%s”这个命令，也不能多给参数；是不是想用 %s 之一？", EN: "unexpected argument %s, did you mean one of %s?"}},
	{re: regexp.MustCompile(`^unexpected argument (.+), did you mean (\S+)\?$`),
		text: checklist.Text{ZH: "没有“%s”这个命令，也不能多给参数；是不是想用 %s？", EN: "unexpected argument %s, did you mean %s?"}},
	{re: regexp.MustCompile(`^unexpected argument (.+)$`),
		text: checklist.Text{ZH: "没有“%s”这个命令，也不能多给参数", EN: "unexpected argument %s"}},
	{re: regexp.MustCompile(`^missing flags: (.+)$`), lists: []int{1},
		text: checklist.Text{ZH: "缺少选项 %s", EN: "missing flags: %s"}},
	{re: regexp.MustCompile(`^missing positional arguments (.+)$`),
		text: checklist.Text{ZH: "缺少参数 %s", EN: "missing positional arguments %s"}},
	{re: regexp.MustCompile(`^expected one of (.+)$`), lists: []int{1},
		text: checklist.Text{ZH: "缺少命令：请给出 %s 之一", EN: "expected one of %s"}},
	{re: regexp.MustCompile(`^expected "(<.+)"$`),
		text: checklist.Text{ZH: "缺少参数 %s", EN: "expected \"%s\""}},
	{re: regexp.MustCompile(`^expected ("[^<].*")$`),
		text: checklist.Text{ZH: "缺少命令 %s", EN: "expected %s"}},
	{re: regexp.MustCompile(`^expected \w+ value but got "EOL" \(<EOL>\)$`),
		text: checklist.Text{ZH: "后面缺少值", EN: "expected a value but got nothing"}},
	{re: regexp.MustCompile(`^expected (\w+) value but got (".*") \((?:long|short) flag\); perhaps try (\S+)\?$`),
		text: checklist.Text{ZH: "后面缺少值（%[2]s 是另一个选项；如果值就是它，请写成 %[3]s）", EN: "expected %s value but got %s (a flag); perhaps try %s?"}},
	{re: regexp.MustCompile(`^expected (\w+) value but got (".*") \(.*\)$`),
		text: checklist.Text{ZH: "后面缺少值（%[2]s 不是一个值）", EN: "expected %s value but got %s"}},
	{re: regexp.MustCompile(`^expected a valid \d+ bit u?int but got (".*")$`),
		text: checklist.Text{ZH: "应为整数，%s 不是整数", EN: "expected a whole number but got %s"}},
	{re: regexp.MustCompile(`^expected an int but got (".*") \(.*\)$`),
		text: checklist.Text{ZH: "应为整数，%s 不是整数", EN: "expected a whole number but got %s"}},
	{re: regexp.MustCompile(`^bool value must be true, 1, yes, false, 0 or no but got (".*")$`),
		text: checklist.Text{ZH: "只能是 true、false（或 yes、no，1、0），不能是 %s", EN: "bool value must be true, 1, yes, false, 0 or no but got %s"}},
	{re: regexp.MustCompile(`^unexpected flag argument (".*")$`),
		text: checklist.Text{ZH: "多出了值 %s", EN: "unexpected flag argument %s"}},
	{re: regexp.MustCompile(`^flag (\S+) applies to the default command "(.+)", not "(.+)"$`),
		text: checklist.Text{ZH: "选项 %s 属于 %s 命令，不能用于 %s；请把选项写在命令名之后", EN: "flag %s applies to the default command %q, not %q"}},
	{re: regexp.MustCompile(`^(\S+) must be one of (.+) but got (".*")$`), lists: []int{2},
		text: checklist.Text{ZH: "%s 只能是 %s 之一，不能是 %s", EN: "%s must be one of %s but got %s"}},
	{re: regexp.MustCompile(`^(--\S+) and (--\S+) can't be used together$`),
		text: checklist.Text{ZH: "%s 和 %s 不能同时使用", EN: "%s and %s can't be used together"}},
	{re: regexp.MustCompile(`^(.+) is required$`),
		text: checklist.Text{ZH: "缺少 %s", EN: "%s is required"}},
}

// kongPrefix is the flag or argument kong puts before a message about its
// value: "--year: …", "<file>: …".
var kongPrefix = regexp.MustCompile(`^(-[\w-]+|<[^>]+>(?: \.\.\.)?|\[<[^>]+>(?: \.\.\.)?\]): (.+)$`)

// textCommandLine is what is said in Chinese of a message of kong's that
// kongMessages does not know.
// (%.0s takes kong's English and prints nothing of it.)
var textCommandLine = checklist.Text{ZH: "命令行有误%.0s", EN: "%s"}

// parseError words one of kong's parse errors in both languages. Its
// English is kong's message as it was (but for a missing value, which
// kong words for programmers), so scripts that read it keep working.
func parseError(err error) *checklist.Error {
	return kongText(strings.TrimSpace(err.Error()))
}

func kongText(msg string) *checklist.Error {
	if m := kongPrefix.FindStringSubmatch(msg); m != nil {
		return checklist.Errorf(nil, checklist.Text{ZH: "%s：%s", EN: "%s: %s"}, m[1], kongText(m[2]))
	}
	for _, k := range kongMessages {
		m := k.re.FindStringSubmatch(msg)
		if m == nil {
			continue
		}
		args := make([]any, len(m)-1)
		for i, g := range m[1:] {
			args[i] = zhQuoted(g)
		}
		for _, i := range k.lists {
			args[i-1] = kongList(m[i])
		}
		return checklist.Errorf(nil, k.text, args...)
	}
	return checklist.Errorf(nil, textCommandLine, msg)
}

// kongList is a list kong joined with ", " (and " or ", " and "), joined
// again with "、" and "或" in Chinese, without the quotes around its
// names of commands and flags.
func kongList(s string) checklist.Text {
	zh := strings.NewReplacer(", ", "、", " or ", " 或 ", " and ", " 和 ", "...", "……", `"`, "").Replace(s)
	return checklist.Text{ZH: zh, EN: s}
}

// zhQuoted is a value kong quoted ("abc", escaped as Go does) between
// Chinese quotation marks in Chinese; anything else as it is.
func zhQuoted(s string) any {
	if len(s) >= 2 && strings.HasPrefix(s, `"`) && strings.HasSuffix(s, `"`) && !strings.HasSuffix(s, `\"`) {
		return checklist.Text{ZH: "“" + s[1:len(s)-1] + "”", EN: s}
	}
	return s
}
