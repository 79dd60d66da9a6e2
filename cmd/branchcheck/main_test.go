package main

import (
	"os"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the scripts run branchcheck as a command: the test binary
// itself stands in for it.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"branchcheck": func() {
			os.Exit(run(os.Args[1:], environment{
				stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr,
				getenv: os.Getenv, now: time.Now,
			}))
		},
	})
}

// TestScripts runs the command-line scenarios in testdata/script, one
// .txtar file each.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(e *testscript.Env) error {
			// A clean, known environment: Chinese unless a script says
			// otherwise, and the database inside the script's work dir.
			e.Setenv("LANG", "")
			e.Setenv("LC_ALL", "")
			e.Setenv("XDG_DATA_HOME", e.WorkDir+"/xdg")
			return nil
		},
	})
}
