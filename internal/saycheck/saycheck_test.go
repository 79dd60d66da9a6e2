package saycheck_test

import (
	"strings"
	"testing"

	"branchcheck/internal/saycheck"
)

// TestProblems: saycheck finds each message of testdata/bad that is said
// in one language only or with ASCII punctuation in its Chinese, and
// nothing else.
func TestProblems(t *testing.T) {
	got, err := saycheck.Problems("testdata/bad")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"bad.go:13: ErrEnglish is worded in English only",
		"bad.go:16: ErrFormatted is worded in English only",
		"bad.go:22: a Text without its EN",
		"bad.go:23: a Text without its ZH",
		"bad.go:24: a Text with an empty ZH",
		"bad.go:25: ASCII '(' beside Chinese",
		"bad.go:26: a Text with an empty EN",
		"bad.go:29: Pick with an empty Chinese text",
		"bad.go:30: ASCII ',' beside Chinese",
	}
	if len(got) != len(want) {
		t.Errorf("%d problems, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range min(len(got), len(want)) {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d: %s, want %s…", i, got[i], want[i])
		}
	}
}
