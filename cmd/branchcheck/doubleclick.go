package main

import (
	"bufio"
	"fmt"
	"io"

	"branchcheck/i18n"
)

// consoleProcesses counts the processes attached to this program's
// console (GetConsoleProcessList on Windows); the count is 0 with an
// error where there is no such thing.
type consoleProcesses func() (int, error)

// startedByDoubleClick reports whether the program was started from the
// file manager rather than from a shell: on Windows, Explorer gives a
// console program a console of its own, so the program is the only
// process attached to it, where a command prompt is attached too.
// Elsewhere it is never so.
func startedByDoubleClick(count consoleProcesses) bool {
	n, err := count()
	return err == nil && n == 1
}

// holdWindow keeps the window of a program started by a double click open
// after an error, until Enter, so that the error can be read: Windows
// closes the console the moment the program ends. It does nothing after
// success or when started from a shell.
func holdWindow(code int, count consoleProcesses, stdin io.Reader, stderr io.Writer, l i18n.Lang) {
	if code == exitOK || !startedByDoubleClick(count) {
		return
	}
	fmt.Fprint(stderr, "\n"+l.Pick("按回车键退出", "Press Enter to exit")+" ")
	_, _ = bufio.NewReader(stdin).ReadString('\n')
}
