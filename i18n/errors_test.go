package i18n_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"testing"

	"branchcheck/checklist"
	"branchcheck/i18n"
)

func TestError(t *testing.T) {
	exists := checklist.Errorf(checklist.ErrInvalid, checklist.Text{ZH: "%s(%s)已在学校名单中", EN: "%s (%s) is already in the list"}, "城关一小", "城关镇")
	field := checklist.Text{ZH: "学校名称", EN: "school name"}
	_, statErr := os.Stat("/nonexistent/branchcheck")
	tests := []struct {
		name   string
		err    error
		zh, en string
	}{
		{"typed", exists, "城关一小(城关镇)已在学校名单中", "城关一小 (城关镇) is already in the list"},
		{"wrapped in English", fmt.Errorf("add school: %w", exists), "城关一小(城关镇)已在学校名单中", "add school: 城关一小 (城关镇) is already in the list"},
		{"a Text argument", checklist.Errorf(checklist.ErrInvalid, checklist.Text{ZH: "%s不能为空", EN: "%s is empty"}, field), "学校名称不能为空", "school name is empty"},
		{"a cause", checklist.Errorf(nil, checklist.Text{ZH: "无法读取 %s", EN: "cannot read %s"}, "a.csv").Because(exists),
			"无法读取 a.csv：城关一小(城关镇)已在学校名单中", "cannot read a.csv: 城关一小 (城关镇) is already in the list"},
		{"a sentinel", fmt.Errorf("x: %w", checklist.ErrFinalized), "这次检查已定稿；要修改，请先说明原因重新打开", "x: the inspection is finalized; reopen it with a reason to change it"},
		{"kind only", &checklist.Error{Kind: checklist.ErrNotFound}, "未找到", "not found"},
		{"a system error", statErr, "/nonexistent/branchcheck：文件或文件夹不存在", statErr.Error()},
		{"a system cause", checklist.Errorf(nil, checklist.Text{ZH: "无法打开 %s", EN: "cannot open %s"}, "x").Because(fs.ErrPermission),
			"无法打开 x：没有权限（文件或文件夹只读，或属于别的用户）", "cannot open x: permission denied"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := i18n.Chinese.Error(tt.err); got != tt.zh {
				t.Errorf("zh: got %q, want %q", got, tt.zh)
			}
			if got := i18n.English.Error(tt.err); got != tt.en {
				t.Errorf("en: got %q, want %q", got, tt.en)
			}
		})
	}
	if !errors.Is(fmt.Errorf("w: %w", exists), checklist.ErrInvalid) {
		t.Error("errors.Is does not find the kind")
	}
}
