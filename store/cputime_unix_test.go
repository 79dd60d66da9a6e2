//go:build unix

package store_test

import (
	"syscall"
	"time"
)

// processCPU is the CPU time the process has used, user and system, on
// every processor: a figure a machine shared with other work does not
// inflate as it does the wall-clock time.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
