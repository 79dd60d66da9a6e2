// Package bad holds every message saycheck refuses, and some it takes.
package bad

import (
	"errors"
	"fmt"

	"branchcheck/checklist"
	"branchcheck/i18n"
)

// ErrEnglish is worded in English only.
var ErrEnglish = errors.New("english only")

// ErrFormatted is worded in English only.
var ErrFormatted = fmt.Errorf("english only %d", 1)

// ErrBoth is worded in both.
var ErrBoth = checklist.Errorf(nil, checklist.Text{ZH: "两种语言", EN: "both"})

var (
	noEN       = checklist.Text{ZH: "只有中文"}
	noZH       = checklist.Text{EN: "English only"}
	emptyZH    = checklist.Text{ZH: "", EN: "English only"}
	ascii      = checklist.Text{ZH: "学校(城关镇)已存在", EN: "the school (城关镇) exists"}
	positional = checklist.Text{"中文", ""}
	nothing    = checklist.Text{}
	fine       = checklist.Text{ZH: "%s：%d 所学校（“%s”）", EN: "%s: %d schools (%q)"}
	pickZH     = i18n.Chinese.Pick("", "English only")
	pickASCII  = i18n.Chinese.Sprintf("共 %d 所,已检查", "%d in all, visited", 3)
	pickBlank  = i18n.Chinese.Pick("项目", "")
)

// errQuiet is worded in English only, unexported or not.
var errQuiet = errors.New("english only")

// errNever is never shown to a user. saycheck:internal: a marker
var errNever = errors.New("internal")

func fail(n int, err error) error {
	switch n {
	case 0:
		return fmt.Errorf("read line %d: %w", n, err)
	case 1:
		return fmt.Errorf("%w", err) // says nothing of its own
	case 2:
		// saycheck:internal: the caller says it in both languages.
		return errors.New("cut short")
	}
	return checklist.Errorf(nil, checklist.Text{ZH: "第 %d 行", EN: "line %d"}, n).Because(err)
}
