//go:build !unix

package outfile

import "os"

// running reports whether a process with the id is running. On Windows
// os.FindProcess opens the process, and fails when there is none.
func running(pid int) bool {
	if pid <= 0 {
		return false
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}
