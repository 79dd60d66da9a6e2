package saycheck_test

import (
	"io/fs"
	"os"
	"path/filepath"
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
		"bad.go:35: errors.New makes an error worded in English only",
		"bad.go:43: fmt.Errorf makes an error worded in English only",
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

// TestEveryPackage runs the check on every package of the module (store,
// roster, report, outfile, demo, checklist, bundle, i18n, tui, the
// command line and the rest, but the developers' release tool): a
// package added later is covered without a test of its own.
func TestEveryPackage(t *testing.T) {
	root := filepath.Join("..", "..")
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatal(err)
	}
	dirs := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if name := d.Name(); name == "testdata" || path != root && strings.HasPrefix(name, ".") {
			return filepath.SkipDir
		}
		if path == filepath.Join(root, "release") {
			return filepath.SkipDir // the developers' release tool, in English
		}
		if files, _ := filepath.Glob(filepath.Join(path, "*.go")); len(files) == 0 {
			return nil
		}
		dirs++
		problems, err := saycheck.Problems(path)
		if err != nil {
			return err
		}
		for _, p := range problems {
			t.Errorf("%s: %s", path, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if dirs < 10 {
		t.Errorf("only %d packages found", dirs)
	}
}
