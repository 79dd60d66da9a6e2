// Command branchcheck walks a county education bureau's inspectors through
// the party-branch standard (the 五要) school by school, keeps every answer
// in a bbolt file, and rates every branch in stars at year end.
//
// Run it with no arguments for the terminal interface; `branchcheck --help`
// lists the subcommands. main only wires flags, subcommands and packages
// together: the logic lives in checklist, store, tui and report.
package main

import (
	"os"
	"time"
)

func main() {
	env := environment{
		stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr,
		getenv: os.Getenv, now: time.Now,
	}
	code := run(os.Args[1:], env)
	holdWindow(code, consoleProcessCount, env.stdin, env.stderr, argsLang(os.Args[1:], env.getenv))
	os.Exit(code)
}
