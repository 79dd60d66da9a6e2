// Command release builds branchcheck's release: the program for each
// system the inspectors use, each packed with its 使用说明, and
// checksums.txt. It needs Go and git, nothing else.
//
// To make a release, on a clean checkout of the commit to release:
//
//	git tag v1.0.0
//	go run ./release
//
// dist/ then holds branchcheck_1.0.0_windows_amd64.zip, …_linux_amd64.tar.gz
// and the others, and checksums.txt; upload them all to wherever the
// inspectors download from (nothing is published). Run on a commit
// without a tag, it makes a snapshot: version devel-<commit>.
//
// Usage:
//
//	go run ./release [-targets windows/amd64,linux/amd64] [-out dist] [-version v1.0.0]
//
// Run it from the top of the repository. Each target is built with
// CGO_ENABLED=0, -trimpath and -ldflags "-s -w -X
// main.stampedVersion=VERSION", VERSION being the tag the commit is at,
// else devel-<short commit>, else devel (or -version). Each archive,
// branchcheck_<version without its v>_<os>_<arch>.zip for Windows and
// .tar.gz elsewhere, holds one folder of that name with the program and
// release/使用说明-<os>.txt as 使用说明.txt. Every entry is dated at the
// commit's time, so the same commit gives the same archives. The out
// folder must be empty, absent, or hold only an earlier release, which is
// replaced.
package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// targets are the systems a release is built for, GOOS/GOARCH: Windows
// laptops (x86 and ARM), Macs, and Linux offices on x86, Kunpeng/Phytium
// (arm64) and Loongson (loong64).
var targets = []string{
	"windows/amd64", "windows/arm64",
	"darwin/amd64", "darwin/arm64",
	"linux/amd64", "linux/arm64", "linux/loong64",
}

// checksumsName is the name of the checksums file in the out folder.
const checksumsName = "checksums.txt"

// options are what a release is asked for.
type options struct {
	targets []string // GOOS/GOARCH pairs, from targets
	out     string   // the folder the archives are written to
	version string   // the version to stamp; empty: from git
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, ".", os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run makes a release of the repository at root as args ask, saying each
// archive it writes on stdout and what went wrong on stderr; it returns
// the exit code.
func run(ctx context.Context, root string, args []string, stdout, stderr io.Writer) int {
	opts, err := parseArgs(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err == nil {
		err = release(ctx, root, opts, stdout, stderr)
	}
	if err != nil {
		fmt.Fprintln(stderr, "release:", err)
		return 1
	}
	return 0
}

// parseArgs reads the command line.
func parseArgs(args []string, stderr io.Writer) (options, error) {
	fl := flag.NewFlagSet("release", flag.ContinueOnError)
	fl.SetOutput(stderr)
	list := fl.String("targets", strings.Join(targets, ","), "the targets to build, comma-separated `os/arch` pairs")
	out := fl.String("out", "dist", "the `folder` to write the archives and checksums.txt to")
	version := fl.String("version", "", "the `version` to stamp (default: the tag at HEAD, else devel-<commit>)")
	fl.Usage = func() {
		fmt.Fprintln(fl.Output(), "usage: go run ./release [-targets os/arch,...] [-out folder] [-version v]")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return options{}, err
	}
	if fl.NArg() > 0 {
		return options{}, fmt.Errorf("unexpected argument %q (flags only; see -h)", fl.Arg(0))
	}
	opts := options{out: *out, version: *version}
	for t := range strings.SplitSeq(*list, ",") {
		t = strings.TrimSpace(t)
		if !slices.Contains(targets, t) {
			return options{}, fmt.Errorf("unknown target %q: the targets are %s", t, strings.Join(targets, ","))
		}
		if !slices.Contains(opts.targets, t) {
			opts.targets = append(opts.targets, t)
		}
	}
	if opts.out == "" {
		return options{}, errors.New("-out is empty")
	}
	if opts.version != "" && !validVersion.MatchString(opts.version) {
		return options{}, fmt.Errorf("-version %q: use letters, digits and . _ + - only", opts.version)
	}
	return opts, nil
}

// validVersion matches a version that can go in a file name and a
// -ldflags -X value.
var validVersion = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._+-]*$`)

// release builds and packs opts.targets from the repository at root into
// opts.out, and writes checksums.txt there.
func release(ctx context.Context, root string, opts options, stdout, stderr io.Writer) error {
	if _, err := os.Stat(filepath.Join(root, "cmd", "branchcheck")); err != nil {
		return fmt.Errorf("run from the top of the repository: %w", err)
	}
	version, err := releaseVersion(ctx, root, opts.version)
	if err != nil {
		return err
	}
	date := commitTime(ctx, root)
	out := opts.out
	if !filepath.IsAbs(out) {
		out = filepath.Join(root, out)
	}
	if err := clearOut(out); err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "branchcheck-release-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)

	var archives []string
	for _, target := range opts.targets {
		goos, goarch, _ := strings.Cut(target, "/")
		bin := filepath.Join(work, goos+"_"+goarch, programName(goos))
		cmd := buildCommand(ctx, root, goos, goarch, version, bin)
		cmd.Stdout, cmd.Stderr = stderr, stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("build %s: %w", target, err)
		}
		name, err := pack(root, out, goos, goarch, version, bin, date)
		if err != nil {
			return fmt.Errorf("pack %s: %w", target, err)
		}
		archives = append(archives, name)
		fmt.Fprintln(stdout, filepath.Join(opts.out, name))
	}
	if err := writeChecksums(out, archives); err != nil {
		return err
	}
	fmt.Fprintln(stdout, filepath.Join(opts.out, checksumsName))
	return nil
}

// buildCommand is the go build that makes the program for goos/goarch,
// stamped with version, at bin.
func buildCommand(ctx context.Context, root, goos, goarch, version, bin string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, "go", "build", "-trimpath",
		"-ldflags", "-s -w -X main.stampedVersion="+version,
		"-o", bin, "./cmd/branchcheck")
	cmd.Dir = root
	// The oldest CPUs of each architecture (Go's defaults, pinned so that
	// the developer's environment does not change a release).
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+goos, "GOARCH="+goarch,
		"GOAMD64=v1", "GOARM64=v8.0")
	return cmd
}

// programName is the program's file name on goos.
func programName(goos string) string {
	if goos == "windows" {
		return "branchcheck.exe"
	}
	return "branchcheck"
}

// releaseVersion is the version to stamp: the asked one, else the tag
// HEAD is at (the tree must then be clean: the tag must say what was
// built), else devel-<short commit>, else devel outside a git checkout.
func releaseVersion(ctx context.Context, root, asked string) (string, error) {
	if asked != "" {
		return asked, nil
	}
	commit, err := git(ctx, root, "rev-parse", "--short", "HEAD")
	if err != nil {
		return "devel", nil // not a git checkout, or no commit yet
	}
	tag, err := git(ctx, root, "describe", "--tags", "--exact-match", "HEAD")
	if err != nil {
		return "devel-" + commit, nil
	}
	if !validVersion.MatchString(tag) {
		return "", fmt.Errorf("tag %q: use letters, digits and . _ + - only", tag)
	}
	status, err := git(ctx, root, "status", "--porcelain")
	if err != nil {
		return "", err
	}
	if status != "" {
		return "", fmt.Errorf("HEAD is tagged %s but the tree has changes not committed (git status): commit or stash them, or give -version", tag)
	}
	return tag, nil
}

// commitTime is the time of HEAD's commit, the date of every archive
// entry; outside a git checkout, now.
func commitTime(ctx context.Context, root string) time.Time {
	s, err := git(ctx, root, "log", "-1", "--format=%ct", "HEAD")
	if err != nil {
		return time.Now().Truncate(time.Second)
	}
	sec, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return time.Now().Truncate(time.Second)
	}
	return time.Unix(sec, 0)
}

// git runs git in dir and returns its output, trimmed.
func git(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("git %s: %w: %s", strings.Join(args, " "), err, strings.Join(strings.Fields(stderr.String()), " "))
	}
	return strings.TrimSpace(string(out)), nil
}

// archivePattern matches the files a release writes in its out folder.
var archivePattern = regexp.MustCompile(`^branchcheck_.+_[a-z0-9]+_[a-z0-9]+\.(zip|tar\.gz)$`)

// clearOut makes sure the out folder exists and holds nothing, removing
// an earlier release's files; it refuses to remove anything else.
func clearOut(out string) error {
	entries, err := os.ReadDir(out)
	if errors.Is(err, fs.ErrNotExist) {
		return os.MkdirAll(out, 0o755)
	}
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || (e.Name() != checksumsName && !archivePattern.MatchString(e.Name())) {
			return fmt.Errorf("%s holds %s, which is not from a release: give another -out, or empty it", out, e.Name())
		}
	}
	for _, e := range entries {
		if err := os.Remove(filepath.Join(out, e.Name())); err != nil {
			return err
		}
	}
	return nil
}

// entry is one file or folder in an archive.
type entry struct {
	name string      // slash-separated, a folder's ending in /
	mode fs.FileMode // permission bits, and fs.ModeDir for a folder
	path string      // the file to pack; empty for a folder
}

// pack writes the archive of the program bin for goos/goarch into out,
// every entry dated date, and returns its file name.
func pack(root, out, goos, goarch, version, bin string, date time.Time) (string, error) {
	base := "branchcheck_" + strings.TrimPrefix(version, "v") + "_" + goos + "_" + goarch
	entries := []entry{
		{name: base + "/", mode: fs.ModeDir | 0o755},
		{name: base + "/" + programName(goos), mode: 0o755, path: bin},
		{name: base + "/使用说明.txt", mode: 0o644, path: filepath.Join(root, "release", "使用说明-"+goos+".txt")},
	}
	name := base + ".tar.gz"
	write := writeTarGz
	if goos == "windows" {
		name, write = base+".zip", writeZip
	}
	f, err := os.OpenFile(filepath.Join(out, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return "", err
	}
	if err := write(f, entries, date.UTC()); err != nil {
		f.Close()
		return "", err
	}
	return name, f.Close()
}

// writeZip writes entries to w as a zip archive.
func writeZip(w io.Writer, entries []entry, date time.Time) error {
	zw := zip.NewWriter(w)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Modified: date}
		h.SetMode(e.mode)
		if e.path != "" {
			h.Method = zip.Deflate
		}
		fw, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if e.path != "" {
			if err := copyFile(fw, e.path); err != nil {
				return err
			}
		}
	}
	return zw.Close()
}

// writeTarGz writes entries to w as a gzipped tar archive.
func writeTarGz(w io.Writer, entries []entry, date time.Time) error {
	gz := gzip.NewWriter(w)
	tw := tar.NewWriter(gz)
	for _, e := range entries {
		h := &tar.Header{Name: e.name, Mode: int64(e.mode.Perm()), ModTime: date, Typeflag: tar.TypeDir}
		if e.path != "" {
			st, err := os.Stat(e.path)
			if err != nil {
				return err
			}
			h.Typeflag, h.Size = tar.TypeReg, st.Size()
		}
		if err := tw.WriteHeader(h); err != nil {
			return err
		}
		if e.path != "" {
			if err := copyFile(tw, e.path); err != nil {
				return err
			}
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

// copyFile copies the file at path to w.
func copyFile(w io.Writer, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}

// writeChecksums writes checksums.txt in out: a line "SHA-256  name" for
// each archive, sorted by name, as sha256sum -c reads it.
func writeChecksums(out string, archives []string) error {
	archives = slices.Sorted(slices.Values(archives))
	var b strings.Builder
	for _, name := range archives {
		f, err := os.Open(filepath.Join(out, name))
		if err != nil {
			return err
		}
		h := sha256.New()
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%s  %s\n", hex.EncodeToString(h.Sum(nil)), name)
	}
	return os.WriteFile(filepath.Join(out, checksumsName), []byte(b.String()), 0o644)
}
