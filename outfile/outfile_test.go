package outfile_test

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

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

// TestModes: a new file gets the mode asked for, whatever the umask; a
// file replaced with overwrite keeps its own.
func TestModes(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "bundle.gz")
	write := func(overwrite bool) {
		t.Helper()
		f, err := outfile.Create(p, overwrite, 0o600)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString("x")
		if err := f.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	write(false)
	if st, _ := os.Stat(p); st.Mode().Perm() != 0o600 {
		t.Errorf("new file: mode %v", st.Mode())
	}
	for _, mode := range []os.FileMode{0o640, 0o600, 0o444} {
		os.Chmod(p, mode)
		write(true)
		if st, _ := os.Stat(p); st.Mode().Perm() != mode {
			t.Errorf("replacing a file of mode %v: %v", mode, st.Mode())
		}
	}
}

// TestLeftoversOfKilledWriters: a process killed while writing leaves its
// temporary file, named for the target and the process; the next Create
// in the folder removes it, and leaves those of running processes.
func TestLeftoversOfKilledWriters(t *testing.T) {
	if os.Getenv("OUTFILE_HELPER_DIR") != "" {
		return // this process is the helper (TestHelperWrite)
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperWrite$")
	cmd.Env = append(os.Environ(), "OUTFILE_HELPER_DIR="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 5)
	if _, err := io.ReadFull(out, buf); err != nil || string(buf) != "ready" {
		t.Fatalf("helper: %q, %v", buf, err)
	}
	cmd.Process.Kill()
	cmd.Wait()
	left, _ := filepath.Glob(filepath.Join(dir, ".out.bak.branchcheck-*.tmp"))
	if len(left) != 1 || !strings.Contains(left[0], fmt.Sprintf("-%d-", cmd.Process.Pid)) {
		t.Fatalf("left by the killed writer: %v", left)
	}

	// Another writer's file, still running (this process's parent), an
	// earlier version's from two days ago, and one from a minute ago.
	running := filepath.Join(dir, fmt.Sprintf(".other.csv.branchcheck-%d-1.tmp", os.Getppid()))
	old, recent := filepath.Join(dir, ".old.bak.tmp-123"), filepath.Join(dir, ".new.bak.tmp-456")
	for _, p := range []string{running, old, recent} {
		os.WriteFile(p, []byte("x"), 0o600)
	}
	os.Chtimes(old, time.Now().Add(-48*time.Hour), time.Now().Add(-48*time.Hour))

	f, err := outfile.Create(filepath.Join(dir, "out.bak"), false, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("whole")
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	assertOnly(t, dir, filepath.Base(recent), filepath.Base(running), "out.bak")
}

// TestHelperWrite is the writer TestLeftoversOfKilledWriters kills: it
// starts a file, says so, and waits.
func TestHelperWrite(t *testing.T) {
	dir := os.Getenv("OUTFILE_HELPER_DIR")
	if dir == "" {
		t.Skip("run by TestLeftoversOfKilledWriters")
	}
	f, err := outfile.Create(filepath.Join(dir, "out.bak"), false, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(strings.Repeat("half a backup ", 1000))
	os.Stdout.WriteString("ready")
	time.Sleep(time.Minute)
}
