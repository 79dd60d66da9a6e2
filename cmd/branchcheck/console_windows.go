//go:build windows

package main

import (
	"syscall"
	"unsafe"
)

// getConsoleProcessList is kernel32's GetConsoleProcessList.
var getConsoleProcessList = syscall.NewLazyDLL("kernel32.dll").NewProc("GetConsoleProcessList")

// consoleProcessCount counts the processes attached to this program's
// console: 1 when Explorer made the console for it.
func consoleProcessCount() (int, error) {
	var ids [4]uint32
	n, _, err := getConsoleProcessList.Call(uintptr(unsafe.Pointer(&ids[0])), uintptr(len(ids)))
	if n == 0 {
		return 0, err
	}
	return int(n), nil
}
