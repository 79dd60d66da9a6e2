// Package release_test runs the release configuration, .goreleaser.yaml
// at the top of the repository, the way a release is made, for one
// target, and checks what it packs. The folder also holds the 使用说明
// packed with each system's archive.
//
// The test needs goreleaser v2 on PATH; without it the test is skipped,
// unless BRANCHCHECK_RELEASE_TEST=1 (set by .ci/run, which installs it)
// makes that a failure.
package release_test

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
)

// targets are the systems a release is built for.
var targets = []string{
	"darwin/amd64", "darwin/arm64",
	"linux/amd64", "linux/arm64", "linux/loong64",
	"windows/amd64", "windows/arm64",
}

// config is the part of .goreleaser.yaml the tests read.
type config struct {
	Builds []struct {
		Goos   []string `yaml:"goos"`
		Goarch []string `yaml:"goarch"`
		Ignore []struct {
			Goos   string `yaml:"goos"`
			Goarch string `yaml:"goarch"`
		} `yaml:"ignore"`
		Flags   []string `yaml:"flags"`
		Ldflags []string `yaml:"ldflags"`
	} `yaml:"builds"`
}

// The release builds the seven targets, with -trimpath, stamping the
// version into the program.
func TestConfigTargets(t *testing.T) {
	var c config
	if err := yaml.Unmarshal(readFile(t, filepath.Join(root(t), ".goreleaser.yaml")), &c); err != nil {
		t.Fatal(err)
	}
	if len(c.Builds) != 1 {
		t.Fatalf("%d builds, want 1", len(c.Builds))
	}
	b := c.Builds[0]
	var got []string
	for _, os := range b.Goos {
		for _, arch := range b.Goarch {
			if !slices.ContainsFunc(b.Ignore, func(i struct {
				Goos   string `yaml:"goos"`
				Goarch string `yaml:"goarch"`
			}) bool {
				return i.Goos == os && i.Goarch == arch
			}) {
				got = append(got, os+"/"+arch)
			}
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, targets) {
		t.Errorf("targets %v, want %v", got, targets)
	}
	if !slices.Contains(b.Flags, "-trimpath") || len(b.Ldflags) != 1 || !strings.Contains(b.Ldflags[0], "-X main.stampedVersion=") {
		t.Errorf("flags %v, ldflags %v", b.Flags, b.Ldflags)
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

// TestRelease runs the release configuration for this machine's target,
// in snapshot mode (any commit: version devel-<commit>) and from a tag
// (version = the tag), in a copy of the repository, and checks the
// archive: the program, which says that version, the 使用说明, and a
// matching checksum.
func TestRelease(t *testing.T) {
	goreleaser := findGoreleaser(t)
	target := runtime.GOOS + "/" + runtime.GOARCH
	if !slices.Contains(targets, target) {
		t.Skipf("%s is not a release target", target)
	}
	repo := copyRepo(t, runtime.GOOS, runtime.GOARCH)
	short := strings.TrimSpace(run(t, repo, "git", "rev-parse", "--short", "HEAD"))

	t.Run("Snapshot", func(t *testing.T) {
		dist := filepath.Join(t.TempDir(), "dist")
		run(t, repo, goreleaser, "release", "--snapshot", "--clean", "--config", writeDist(t, repo, dist))
		checkDist(t, dist, "devel-"+short, "devel-"+short)
	})
	t.Run("Tag", func(t *testing.T) {
		run(t, repo, "git", "tag", "v9.9.9")
		dist := filepath.Join(t.TempDir(), "dist")
		run(t, repo, goreleaser, "release", "--clean", "--config", writeDist(t, repo, dist))
		checkDist(t, dist, "9.9.9", "v9.9.9")
	})
}

// checkDist checks what the release wrote for this machine's target: one
// archive named for the version, in checksums.txt with its SHA-256,
// holding the 使用说明 and the program, which says it is version.
func checkDist(t *testing.T, dist, fileVersion, version string) {
	t.Helper()
	ext := ".tar.gz"
	if runtime.GOOS == "windows" {
		ext = ".zip"
	}
	base := "branchcheck_" + fileVersion + "_" + runtime.GOOS + "_" + runtime.GOARCH
	archive := filepath.Join(dist, base+ext)
	data := readFile(t, archive)
	sum := sha256.Sum256(data)
	sums := string(readFile(t, filepath.Join(dist, "checksums.txt")))
	if want := hex.EncodeToString(sum[:]) + "  " + base + ext + "\n"; sums != want {
		t.Errorf("checksums.txt:\n%s\nwant\n%s", sums, want)
	}
	files := unpack(t, data, ext)
	exe := "branchcheck"
	if runtime.GOOS == "windows" {
		exe += ".exe"
	}
	var names []string
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	if want := []string{base + "/" + exe, base + "/使用说明.txt"}; !slices.Equal(names, want) {
		t.Fatalf("the archive holds %v, want %v", names, want)
	}
	if got, want := files[base+"/使用说明.txt"], readFile(t, "使用说明-"+runtime.GOOS+".txt"); !bytes.Equal(got, want) {
		t.Errorf("使用说明.txt is not release/使用说明-%s.txt", runtime.GOOS)
	}
	bin := filepath.Join(t.TempDir(), exe)
	if err := os.WriteFile(bin, files[base+"/"+exe], 0o700); err != nil {
		t.Fatal(err)
	}
	if got := run(t, ".", bin, "--version"); got != "branchcheck "+version+"\n" {
		t.Errorf("--version says %q, want branchcheck %s", got, version)
	}
}

// unpack returns the regular files of a .tar.gz or .zip archive by name.
func unpack(t *testing.T, data []byte, ext string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	if ext == ".zip" {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			if f.FileInfo().IsDir() {
				continue
			}
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			files[f.Name], err = io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
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
		if h.Typeflag != tar.TypeReg {
			continue
		}
		if files[h.Name], err = io.ReadAll(tr); err != nil {
			t.Fatal(err)
		}
	}
}

// findGoreleaser finds goreleaser v2 on PATH, or skips the test.
func findGoreleaser(t *testing.T) string {
	t.Helper()
	required := os.Getenv("BRANCHCHECK_RELEASE_TEST") == "1"
	path, err := exec.LookPath("goreleaser")
	if err != nil {
		if required {
			t.Fatal("goreleaser is not on PATH (BRANCHCHECK_RELEASE_TEST=1): install it with go install github.com/goreleaser/goreleaser/v2@v2.15.1")
		}
		t.Skip("goreleaser is not on PATH")
	}
	out, _ := exec.Command(path, "--version").CombinedOutput()
	if !regexp.MustCompile(`GitVersion: +v?2\.`).Match(out) {
		t.Fatalf("%s is not goreleaser v2:\n%s", path, out)
	}
	return path
}

// copyRepo copies the repository's files as they are now (committed or
// not, ignored ones left out) into a new git repository with one commit
// and a remote (goreleaser reads its URL, nothing more), its release
// configuration cut down to the one target goos/goarch.
func copyRepo(t *testing.T, goos, goarch string) string {
	t.Helper()
	src := root(t)
	dst := t.TempDir()
	list := run(t, src, "git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	for name := range strings.SplitSeq(strings.TrimSuffix(list, "\x00"), "\x00") {
		data, err := os.ReadFile(filepath.Join(src, name))
		if os.IsNotExist(err) {
			continue // deleted, not yet committed
		}
		if err != nil {
			t.Fatal(err)
		}
		if name == ".goreleaser.yaml" {
			data = oneTarget(t, data, goos, goarch)
		}
		path := filepath.Join(dst, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	run(t, dst, "git", "init", "-q")
	run(t, dst, "git", "remote", "add", "origin", "https://example.invalid/branchcheck.git")
	run(t, dst, "git", "add", "-A")
	run(t, dst, "git", "-c", "user.name=release test", "-c", "user.email=release@example.invalid", "-c", "commit.gpgsign=false",
		"commit", "-q", "-m", "release test")
	return dst
}

// oneTarget cuts the release configuration down to one target: the lines
// listing the systems and architectures, nothing else.
func oneTarget(t *testing.T, data []byte, goos, goarch string) []byte {
	t.Helper()
	var out strings.Builder
	replaced := 0
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		switch strings.TrimSpace(line) {
		case "goos: [windows, darwin, linux]":
			line, replaced = "    goos: ["+goos+"]", replaced+1
		case "goarch: [amd64, arm64, loong64]":
			line, replaced = "    goarch: ["+goarch+"]", replaced+1
		}
		out.WriteString(line + "\n")
	}
	if replaced != 2 {
		t.Fatal(".goreleaser.yaml no longer lists goos and goarch as this test expects")
	}
	return []byte(out.String())
}

// writeDist writes the repository's release configuration with its
// output folder set to dist, and returns its path.
func writeDist(t *testing.T, repo, dist string) string {
	t.Helper()
	data := readFile(t, filepath.Join(repo, ".goreleaser.yaml"))
	path := filepath.Join(t.TempDir(), "goreleaser.yaml")
	if err := os.WriteFile(path, append(data, []byte("\ndist: "+dist+"\n")...), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// root is the top of the repository.
func root(t *testing.T) string {
	t.Helper()
	return strings.TrimSpace(run(t, ".", "git", "rev-parse", "--show-toplevel"))
}

// run runs a command in dir and returns its standard output, failing the
// test with all it said if it fails.
func run(t *testing.T, dir, name string, args ...string) string {
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

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
