package outfile_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"branchcheck/outfile"
)

func TestCommit(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "星级.csv")
	f, err := outfile.Create(p, false, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("hello")
	if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("the file is visible before Commit")
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	f.Abort() // harmless after Commit
	if b, _ := os.ReadFile(p); string(b) != "hello" {
		t.Errorf("content %q", b)
	}
	if st, _ := os.Stat(p); st.Mode().Perm() != 0o644 {
		t.Errorf("mode %v", st.Mode())
	}
	assertOnly(t, dir, "星级.csv")
}

func TestRefusesExisting(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.csv")
	os.WriteFile(p, []byte("old"), 0o644)
	_, err := outfile.Create(p, false, 0o644)
	if !errors.Is(err, outfile.ErrExists) || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("err = %v", err)
	}
	f, err := outfile.Create(p, true, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("new")
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "new" {
		t.Errorf("content %q", b)
	}
}

// TestRaceToExisting: a file that appears while writing is not replaced.
func TestRaceToExisting(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.csv")
	f, err := outfile.Create(p, false, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(p, []byte("someone else's"), 0o644)
	f.WriteString("mine")
	if err := f.Commit(); !errors.Is(err, outfile.ErrExists) {
		t.Fatalf("err = %v", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "someone else's" {
		t.Errorf("content %q", b)
	}
	assertOnly(t, dir, "a.csv")
}

func TestAbortLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	f, err := outfile.Create(filepath.Join(dir, "a.xlsx"), false, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("half")
	f.Abort()
	assertOnly(t, dir)
}

func TestMissingDirectory(t *testing.T) {
	_, err := outfile.Create(filepath.Join(t.TempDir(), "nope", "a.csv"), false, 0o644)
	if err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("err = %v", err)
	}
}

func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	ents, _ := os.ReadDir(dir)
	var got []string
	for _, e := range ents {
		got = append(got, e.Name())
	}
	if strings.Join(got, ",") != strings.Join(names, ",") {
		t.Errorf("directory holds %v, want %v", got, names)
	}
}
