package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestDevNullIsNotATerminal: the null device (/dev/null, NUL on Windows)
// is a character device but not a terminal, and neither is a pipe, a
// file or a buffer: none gets the terminal's treatment (the interface
// refused, binary output refused, control characters escaped).
func TestDevNullIsNotATerminal(t *testing.T) {
	null, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	file, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	for _, tt := range []struct {
		name string
		f    *os.File
	}{{os.DevNull, null}, {"a pipe's reading end", r}, {"a pipe's writing end", w}, {"a file", file}} {
		if stdoutIsTerminal(tt.f) {
			t.Errorf("%s: stdoutIsTerminal says a terminal", tt.name)
		}
		if isTerminal(tt.f) {
			t.Errorf("%s: isTerminal says a terminal", tt.name)
		}
	}
	if stdoutIsTerminal(&bytes.Buffer{}) {
		t.Error("a buffer: stdoutIsTerminal says a terminal")
	}
}

// TestDevNullTakesOutput: what goes to the null device is thrown away as
// a user asks (branchcheck ... > /dev/null): a workbook and a bundle are
// written to it, not refused as binary output to a terminal, and a bundle
// read from it is read (an empty file), not refused as typed at a
// terminal.
func TestDevNullTakesOutput(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	now := func() time.Time { return time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC) }
	if code := run([]string{"--db", db, "demo"}, environment{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard,
		getenv: func(string) string { return "" }, now: now}); code != exitOK {
		t.Fatalf("demo: exit %d", code)
	}
	for _, tt := range []struct {
		args    []string
		code    int
		refused string // what stderr must not say
	}{
		{[]string{"ratings", "--year", "2026", "-f", "xlsx"}, exitOK, "终端"},
		{[]string{"bundle", "export"}, exitOK, "终端"},
		{[]string{"bundle", "import", "--dry-run", "-"}, exitError, "终端"},
	} {
		null, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
		if err != nil {
			t.Fatal(err)
		}
		var stderr bytes.Buffer
		code := run(append([]string{"--db", db, "--lang", "zh"}, tt.args...), environment{stdin: null, stdout: null, stderr: &stderr,
			getenv: func(string) string { return "" }, now: now})
		null.Close()
		if code != tt.code || strings.Contains(stderr.String(), tt.refused) {
			t.Errorf("%s > %s: exit %d, want %d; %s", strings.Join(tt.args, " "), os.DevNull, code, tt.code, stderr.String())
		}
	}
}
