// Package i18n holds what branchcheck says in Chinese and in English: the
// language choice and the labels of the domain's terms (verdicts,
// statuses, stars, the lagging rule) that the terminal screens, the
// command line and the exports share. Chinese is the default.
package i18n

import (
	"fmt"
	"strings"

	"branchcheck/checklist"
	"branchcheck/termtext"
)

// Lang is a language branchcheck speaks.
type Lang string

// The languages.
const (
	Chinese Lang = "zh"
	English Lang = "en"
)

// Parse reads a --lang value: zh or en.
func Parse(s string) (Lang, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "zh", "zh-cn", "zh_cn", "cn", "chinese", "中文":
		return Chinese, nil
	case "en", "english":
		return English, nil
	}
	return "", checklist.Errorf(checklist.ErrInvalid, checklist.Text{
		ZH: "没有这种语言：“%s”；应为 zh（中文）或 en（英文）", EN: "language %q: expected zh or en"}, termtext.Line(s))
}

// FromEnv picks the language from the locale, as the C library does:
// LC_ALL, then LC_MESSAGES, then LANG. An English locale (en_US.UTF-8,
// en) gets English; anything else, including no locale or C/POSIX, gets
// Chinese.
func FromEnv(getenv func(string) string) Lang {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(k)
		if v == "" {
			continue
		}
		if v == "en" || strings.HasPrefix(v, "en_") || strings.HasPrefix(v, "en-") || strings.HasPrefix(v, "en.") {
			return English
		}
		return Chinese
	}
	return Chinese
}

// Pick returns the Chinese or the English text for the language.
func (l Lang) Pick(zh, en string) string {
	if l == English {
		return en
	}
	return zh
}

// Sprintf formats the Chinese or the English format for the language.
func (l Lang) Sprintf(zh, en string, args ...any) string {
	return fmt.Sprintf(l.Pick(zh, en), args...)
}
