package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// The release builds the seven targets, with CGO_ENABLED=0 and
// -trimpath, stamping the version into the program.
func TestTargets(t *testing.T) {
	want := []string{
		"darwin/amd64", "darwin/arm64",
		"linux/amd64", "linux/arm64", "linux/loong64",
		"windows/amd64", "windows/arm64",
	}
	if got := slices.Sorted(slices.Values(targets)); !slices.Equal(got, want) {
		t.Errorf("targets %v, want %v", got, want)
	}
	opts, err := parseArgs(nil, io.Discard)
	if err != nil || !slices.Equal(opts.targets, targets) || opts.out != "dist" || opts.version != "" {
		t.Errorf("no flags: %+v, %v; want every target into dist, the version from git", opts, err)
	}

	cmd := buildCommand(context.Background(), "/repo", "linux", "loong64", "v1.2.3", "/tmp/b/branchcheck")
	if want := []string{"go", "build", "-trimpath", "-ldflags", "-s -w -X main.stampedVersion=v1.2.3",
		"-o", "/tmp/b/branchcheck", "./cmd/branchcheck"}; !slices.Equal(cmd.Args, want) {
		t.Errorf("build: %q, want %q", cmd.Args, want)
	}
	env := cmd.Env[len(cmd.Env)-5:] // the last value of a variable is the one used
	for _, want := range []string{"CGO_ENABLED=0", "GOOS=linux", "GOARCH=loong64"} {
		if !slices.Contains(env, want) {
			t.Errorf("build environment has no %s: %q", want, env)
		}
	}
	if cmd.Dir != "/repo" {
		t.Errorf("build in %q, want /repo", cmd.Dir)
	}
}

// Flags that ask for something the release cannot do are refused, on one
// line that says why.
func TestArgsRefused(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-targets", "windows/386"}, `unknown target "windows/386"`},
		{[]string{"-targets", "linux/amd64,"}, `unknown target ""`},
		{[]string{"-version", "v1 beta"}, `-version "v1 beta"`},
		{[]string{"-version", "../v1"}, `-version "../v1"`},
		{[]string{"-out", ""}, "-out is empty"},
		{[]string{"v1.0.0"}, `unexpected argument "v1.0.0"`},
	} {
		var stderr bytes.Buffer
		if code := run(context.Background(), t.TempDir(), tc.args, io.Discard, &stderr); code != 1 {
			t.Errorf("%q: exit code %d, want 1", tc.args, code)
		}
		if got := stderr.String(); !strings.HasPrefix(got, "release: ") || !strings.Contains(got, tc.want) || strings.Count(got, "\n") != 1 {
			t.Errorf("%q: said %q, want one line with %q", tc.args, got, tc.want)
		}
	}
	opts, err := parseArgs([]string{"-targets", "linux/amd64, windows/arm64,linux/amd64", "-out", "/x", "-version", "v2.0.0-rc.1"}, io.Discard)
	if err != nil || !slices.Equal(opts.targets, []string{"linux/amd64", "windows/arm64"}) || opts.out != "/x" || opts.version != "v2.0.0-rc.1" {
		t.Errorf("parseArgs: %+v, %v", opts, err)
	}
}

// The version is the tag HEAD is at, else devel-<short commit>, else
// devel; a tag on a tree with changes not committed is refused, since the
// program would not be what the tag says.
func TestReleaseVersion(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	check := func(asked, want, wantErr string) {
		t.Helper()
		got, err := releaseVersion(ctx, dir, asked)
		if wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), wantErr) {
				t.Errorf("releaseVersion: %q, %v; want an error saying %q", got, err, wantErr)
			}
			return
		}
		if err != nil || got != want {
			t.Errorf("releaseVersion(%q): %q, %v; want %q", asked, got, err, want)
		}
	}
	check("", "devel", "") // not a git checkout
	mustRun(t, dir, "git", "init", "-q")
	check("", "devel", "") // no commit yet
	writeFile(t, filepath.Join(dir, "a.txt"), "a")
	commit(t, dir)
	short := mustRun(t, dir, "git", "rev-parse", "--short", "HEAD")
	check("", "devel-"+strings.TrimSpace(short), "")
	mustRun(t, dir, "git", "tag", "v1.2.0")
	check("", "v1.2.0", "")
	check("v1.2.0-test", "v1.2.0-test", "")
	writeFile(t, filepath.Join(dir, "a.txt"), "changed")
	check("", "", "not committed")
	check("v1.2.0-test", "v1.2.0-test", "")
}

// An archive holds one folder with the program (0755) and the 使用说明
// (0644), every entry dated at the commit's time; packing the same files
// twice gives the same bytes.
func TestPack(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "release", "使用说明-windows.txt"), "\uFEFF说明\r\n")
	writeFile(t, filepath.Join(root, "release", "使用说明-linux.txt"), "说明\n")
	bin := filepath.Join(root, "bin")
	writeFile(t, bin, strings.Repeat("program ", 1000))
	date := time.Date(2025, 6, 1, 8, 0, 0, 0, time.FixedZone("CST", 8*3600))
	for _, goos := range []string{"windows", "linux"} {
		var archives [2][]byte
		for i := range archives {
			out := t.TempDir()
			name, err := pack(root, out, goos, "arm64", "v1.0.0", bin, date)
			if err != nil {
				t.Fatal(err)
			}
			archives[i] = readFile(t, filepath.Join(out, name))
			if want := "branchcheck_1.0.0_" + goos + "_arm64" + archiveExt(goos); name != want {
				t.Errorf("archive %s, want %s", name, want)
			}
		}
		if !bytes.Equal(archives[0], archives[1]) {
			t.Errorf("%s: the same files packed twice differ", goos)
		}
		base := "branchcheck_1.0.0_" + goos + "_arm64/"
		files := unpack(t, archives[0], archiveExt(goos))
		for name, want := range map[string]file{
			base:                     {mode: fs.ModeDir | 0o755},
			base + programName(goos): {mode: 0o755, data: readFile(t, bin)},
			base + "使用说明.txt":        {mode: 0o644, data: readFile(t, filepath.Join(root, "release", "使用说明-"+goos+".txt"))},
		} {
			got, ok := files[name]
			if !ok {
				t.Errorf("%s: no %s in %v", goos, name, slices.Sorted(maps.Keys(files)))
				continue
			}
			if got.mode != want.mode || !bytes.Equal(got.data, want.data) || !got.date.Equal(date) {
				t.Errorf("%s: %s is %v, %d bytes, dated %v; want %v, %d bytes, dated %v",
					goos, name, got.mode, len(got.data), got.date, want.mode, len(want.data), date)
			}
		}
		if len(files) != 3 {
			t.Errorf("%s: the archive holds %v, want 3 entries", goos, slices.Sorted(maps.Keys(files)))
		}
	}
}

// The out folder is made if absent; an earlier release in it is replaced;
// anything else in it is left alone and the release refused.
func TestClearOut(t *testing.T) {
	out := filepath.Join(t.TempDir(), "dist")
	if err := clearOut(out); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(out, "checksums.txt"), "old")
	writeFile(t, filepath.Join(out, "branchcheck_devel-abc1234_linux_amd64.tar.gz"), "old")
	writeFile(t, filepath.Join(out, "branchcheck_1.0.0_windows_arm64.zip"), "old")
	if err := clearOut(out); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("an earlier release left %v", entries)
	}
	for _, name := range []string{"notes.txt", "branchcheck_1.0.0_windows_arm64"} {
		writeFile(t, filepath.Join(out, name), "mine")
		if err := clearOut(out); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: %v, want a refusal naming it", name, err)
		}
		if got := string(readFile(t, filepath.Join(out, name))); got != "mine" {
			t.Errorf("%s was changed", name)
		}
	}
}

// The Windows 使用说明 opens right in Notepad (UTF-8 with a BOM, CRLF);
// each says where the data lives on its system.
func TestInstructions(t *testing.T) {
	for os, where := range map[string]string{
		"windows": `%LOCALAPPDATA%\branchcheck\branchcheck.db`,
		"darwin":  "~/Library/Application Support/branchcheck/branchcheck.db",
		"linux":   "~/.local/share/branchcheck/branchcheck.db",
	} {
		text := string(readFile(t, "使用说明-"+os+".txt"))
		if os == "windows" {
			if !strings.HasPrefix(text, "\uFEFF") || strings.Count(text, "\n") != strings.Count(text, "\r\n") {
				t.Errorf("%s: not UTF-8 with a BOM and CRLF line ends", os)
			}
		} else if strings.Contains(text, "\r") || strings.HasPrefix(text, "\uFEFF") {
			t.Errorf("%s: CR or BOM", os)
		}
		for _, want := range []string{where, "解压", "启动", "备份", "新电脑", "更新", "checksums.txt"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: says nothing of %q", os, want)
			}
		}
	}
}

// TestRelease makes a release from a tag for this machine's target, in a
// copy of the repository, with go run ./release as a developer does (not
// in the test binary, which -race would slow tenfold), and checks what it
// writes: one archive named for the version, in checksums.txt with its
// SHA-256, holding the 使用说明 and the program, which says it is that
// version. It builds the program once, with the flags .ci/run compiles
// every target with, so the packages come from the build cache.
func TestRelease(t *testing.T) {
	target := runtime.GOOS + "/" + runtime.GOARCH
	if !slices.Contains(targets, target) {
		t.Skipf("%s is not a release target", target)
	}
	repo := copyRepo(t)
	mustRun(t, repo, "git", "tag", "v9.9.9")
	dist := filepath.Join(t.TempDir(), "dist")
	stdout := mustRun(t, repo, "go", "run", "./release", "-targets", target, "-out", dist)

	ext := archiveExt(runtime.GOOS)
	base := "branchcheck_9.9.9_" + runtime.GOOS + "_" + runtime.GOARCH
	if got, want := stdout, filepath.Join(dist, base+ext)+"\n"+filepath.Join(dist, "checksums.txt")+"\n"; got != want {
		t.Errorf("release said %q, want %q", got, want)
	}
	data := readFile(t, filepath.Join(dist, base+ext))
	sum := sha256.Sum256(data)
	sums := string(readFile(t, filepath.Join(dist, "checksums.txt")))
	if want := hex.EncodeToString(sum[:]) + "  " + base + ext + "\n"; sums != want {
		t.Errorf("checksums.txt:\n%s\nwant\n%s", sums, want)
	}
	files := unpack(t, data, ext)
	exe := base + "/" + programName(runtime.GOOS)
	if got, want := slices.Sorted(maps.Keys(files)), []string{base + "/", exe, base + "/使用说明.txt"}; !slices.Equal(got, want) {
		t.Fatalf("the archive holds %v, want %v", got, want)
	}
	if got, want := files[base+"/使用说明.txt"].data, readFile(t, "使用说明-"+runtime.GOOS+".txt"); !bytes.Equal(got, want) {
		t.Errorf("使用说明.txt is not release/使用说明-%s.txt", runtime.GOOS)
	}
	for name, f := range files {
		if !f.date.Equal(commitDate) {
			t.Errorf("%s is dated %v, want the commit's time %v", name, f.date, commitDate)
		}
	}
	if files[exe].mode != 0o755 {
		t.Errorf("the program's mode is %v, want 0755", files[exe].mode)
	}
	bin := filepath.Join(t.TempDir(), programName(runtime.GOOS))
	if err := os.WriteFile(bin, files[exe].data, 0o700); err != nil {
		t.Fatal(err)
	}
	if got := mustRun(t, ".", bin, "--version"); got != "branchcheck v9.9.9\n" {
		t.Errorf("--version says %q, want branchcheck v9.9.9", got)
	}
}

// file is an entry read back from an archive.
type file struct {
	mode fs.FileMode
	date time.Time
	data []byte
}

// unpack returns the entries of a .tar.gz or .zip archive by name.
func unpack(t *testing.T, data []byte, ext string) map[string]file {
	t.Helper()
	files := map[string]file{}
	if ext == ".zip" {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			files[f.Name] = file{mode: f.Mode(), date: f.Modified, data: b}
		}
		return files
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return files
		}
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		files[h.Name] = file{mode: h.FileInfo().Mode(), date: h.ModTime, data: b}
	}
}

// archiveExt is the archive's extension for goos.
func archiveExt(goos string) string {
	if goos == "windows" {
		return ".zip"
	}
	return ".tar.gz"
}

// commitDate is the time of the commits the tests make.
var commitDate = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)

// copyRepo copies the repository's files as they are now (committed or
// not, ignored ones left out) into a new git repository with one commit,
// made at commitDate.
func copyRepo(t *testing.T) string {
	t.Helper()
	src := strings.TrimSpace(mustRun(t, ".", "git", "rev-parse", "--show-toplevel"))
	dst := t.TempDir()
	list := mustRun(t, src, "git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	for name := range strings.SplitSeq(strings.TrimSuffix(list, "\x00"), "\x00") {
		data, err := os.ReadFile(filepath.Join(src, name))
		if os.IsNotExist(err) {
			continue // deleted, not yet committed
		}
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dst, name), string(data))
	}
	mustRun(t, dst, "git", "init", "-q")
	commit(t, dst)
	return dst
}

// commit commits everything in the git repository dir at commitDate.
func commit(t *testing.T, dir string) {
	t.Helper()
	mustRun(t, dir, "git", "add", "-A")
	cmd := exec.Command("git", "-c", "user.name=release test", "-c", "user.email=release@example.invalid",
		"-c", "commit.gpgsign=false", "commit", "-q", "-m", "release test")
	cmd.Dir = dir
	date := commitDate.Format(time.RFC3339)
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git commit: %v\n%s", err, out)
	}
}

// mustRun runs a command in dir and returns its standard output, failing
// the test with all it said if it fails.
func mustRun(t *testing.T, dir, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, stdout.String(), stderr.String())
	}
	return stdout.String()
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
