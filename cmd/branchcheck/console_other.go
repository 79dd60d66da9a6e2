//go:build !windows

package main

import "errors"

// consoleProcessCount has nothing to count outside Windows: a program
// started from a file manager there has no console window to keep open.
func consoleProcessCount() (int, error) {
	// saycheck:internal: only tells startedByDoubleClick that there is no console.
	return 0, errors.New("no console process list on this system")
}
