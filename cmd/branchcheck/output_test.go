package main

import (
	"io"
	"strings"
	"testing"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/report"
)

// TestWriteDataOnATerminal: a table of schools whose stored text holds
// control characters (an old database) written as CSV to standard
// output: on a terminal every control is shown as an escape; into a pipe
// the data stays as it is.
func TestWriteDataOnATerminal(t *testing.T) {
	schools := []checklist.School{{ID: "s1", Name: "城关\x1b]52;c;aGk=\a小学", Township: "城关\u202e镇", Secretary: "张\x9b明"}}
	write := func(w io.Writer) error {
		return report.WriteSchools(w, report.CSV, schools, report.Meta{Lang: i18n.Chinese})
	}
	for _, terminal := range []bool{true, false} {
		var out strings.Builder
		if err := writeData(&out, terminal, write); err != nil {
			t.Fatal(err)
		}
		live := strings.ContainsAny(out.String(), "\x1b\a\u202e\u009b")
		if terminal && (live || !strings.Contains(out.String(), `城关\x1b]52;c;aGk=\x07小学`)) {
			t.Errorf("on a terminal: %q", out.String())
		}
		if !terminal && !live {
			t.Errorf("into a pipe the data changed: %q", out.String())
		}
	}
}
