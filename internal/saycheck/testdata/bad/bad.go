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
