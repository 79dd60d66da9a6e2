//go:build unix

package outfile

import (
	"errors"
	"syscall"
)

// running reports whether a process with the id is running: signal 0
// checks without sending anything (EPERM: it runs, as another user).
func running(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
