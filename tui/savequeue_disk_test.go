package tui

import (
	"fmt"
	"io/fs"
	"strings"
	"syscall"
	"testing"

	"branchcheck/checklist"
)

// TestSaveQueueFullDiskSaysTheCauseFirst: an answer not saved for a full
// disk says so first, before the visit's id and the database's path that
// a line of 80 columns would cut it behind.
func TestSaveQueueFullDiskSaysTheCauseFirst(t *testing.T) {
	qt := newQueueTest(t)
	qt.st.fail["3.6"] = fmt.Errorf("inspection 01a2289c-5d6e-4f70-8a9b-0c1d2e3f4a5b: %w",
		&fs.PathError{Op: "write", Path: "/home/inspector/.local/share/branchcheck/branchcheck.db", Err: syscall.ENOSPC})
	qt.drain(qt.q.push(qt.changes.verdict("3.6", checklist.Met)))
	if want := "3.6 未保存：磁盘空间不足："; !strings.HasPrefix(qt.q.saveErr, want) {
		t.Errorf("error %q, want it to begin %q", qt.q.saveErr, want)
	}
}
