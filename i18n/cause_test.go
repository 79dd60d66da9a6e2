package i18n_test

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"
	"testing"

	"branchcheck/checklist"
	"branchcheck/i18n"
)

// TestCauseFirst: an error of the operating system deep in a chain is
// said first, in the reader's language, the context after it; any other
// error as Error says it.
func TestCauseFirst(t *testing.T) {
	full := fmt.Errorf("inspection 01a2289c-aaaa-bbbb: %w",
		&fs.PathError{Op: "write", Path: "/home/u/branchcheck.db", Err: syscall.ENOSPC})
	tests := []struct {
		lang i18n.Lang
		err  error
		want string
	}{
		{i18n.Chinese, full, "磁盘空间不足：/home/u/branchcheck.db"},
		{i18n.English, full, "no space left on device: inspection 01a2289c-aaaa-bbbb: write /home/u/branchcheck.db"},
		{i18n.Chinese, syscall.ENOSPC, "磁盘空间不足"},
		{i18n.English, errors.New("disk on fire"), "disk on fire"},
		{i18n.Chinese, checklist.Errorf(checklist.ErrInvalid, checklist.Text{ZH: "日期无效", EN: "bad date"}), "日期无效"},
	}
	for _, tt := range tests {
		if got := tt.lang.CauseFirst(tt.err); got != tt.want {
			t.Errorf("%v CauseFirst(%v) = %q, want %q", tt.lang, tt.err, got, tt.want)
		}
	}
}
