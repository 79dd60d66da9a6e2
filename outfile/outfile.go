// Package outfile writes a file all at once or not at all: the bytes go to
// a temporary file beside the target, and only Commit puts them at the
// target's name. A crash, a full disk or an error half way leaves no
// half-written file at the target's name, and an existing file is never
// replaced unless the caller says so; a replaced file's mode is kept.
//
// The temporary file is named for its target and the process writing it,
// .NAME.branchcheck-PID-RANDOM.tmp, so that a person who finds one knows
// what it is, and so that one left by a process that was killed is removed
// by the next Create in its folder (RemoveLeftovers): a process that is
// gone writes no more.
package outfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"branchcheck/checklist"
)

// ErrExists: the target exists and overwriting was not asked for.
var ErrExists = checklist.Errorf(nil, checklist.Text{ZH: "文件已存在", EN: "exists"})

// cannotWrite is an error writing path; its cause is said after it.
func cannotWrite(path string) *checklist.Error {
	return checklist.Errorf(nil, checklist.Text{ZH: "不能写入 %s", EN: "write %s"}, path)
}

// exists refuses to write over the file at path.
func exists(path string) error {
	return checklist.Errorf(ErrExists, checklist.Text{
		ZH: "不能写入 %s：文件已存在（要覆盖它，请加 --force）",
		EN: "write %s: the file exists (use --force to overwrite it)"}, path)
}

// File is a file being written. Write to it, then Commit or Abort.
type File struct {
	*os.File
	path      string
	overwrite bool
	done      bool
}

// Create starts writing path, with the mode perm; when it replaces an
// existing file (overwrite) the new one keeps that file's mode. It refuses
// at once if path exists and overwrite is false, or if its directory does
// not exist. It first removes the temporary files that processes killed
// while writing left in the directory (RemoveLeftovers).
func Create(path string, overwrite bool, perm fs.FileMode) (*File, error) {
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, checklist.Errorf(checklist.ErrNotFound, checklist.Text{
			ZH: "不能写入 %s：文件夹 %s 不存在", EN: "write %s: directory %s does not exist"}, path, dir)
	case err != nil:
		return nil, cannotWrite(path).Because(err)
	case !st.IsDir():
		return nil, checklist.Errorf(checklist.ErrInvalid, checklist.Text{
			ZH: "不能写入 %s：%s 不是文件夹", EN: "write %s: %s is not a directory"}, path, dir)
	}
	if err := checkTarget(path, overwrite); err != nil {
		return nil, err
	}
	if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() {
		perm = st.Mode().Perm() // overwrite: keep the replaced file's mode
	}
	RemoveLeftovers(dir)
	tmp, err := os.CreateTemp(dir, tempPattern(filepath.Base(path)))
	if err != nil {
		return nil, cannotWrite(path).Because(err)
	}
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return nil, cannotWrite(path).Because(err)
	}
	return &File{File: tmp, path: path, overwrite: overwrite}, nil
}

func checkTarget(path string, overwrite bool) error {
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return cannotWrite(path).Because(err)
	case st.IsDir():
		return checklist.Errorf(checklist.ErrInvalid, checklist.Text{ZH: "不能写入 %s：这是一个文件夹", EN: "write %s: it is a directory"}, path)
	case !overwrite:
		return exists(path)
	}
	return nil
}

// Path is where the file will be once committed.
func (f *File) Path() string { return f.path }

// Commit flushes the file to disk and puts it at its name. Without
// overwrite it fails, leaving the existing file alone, if a file of that
// name appeared in the meantime.
func (f *File) Commit() error {
	if f.done {
		return checklist.Errorf(nil, checklist.Text{ZH: "不能写入 %s：已经写完或放弃", EN: "write %s: already committed or aborted"}, f.path)
	}
	f.done = true
	tmp := f.File.Name()
	defer os.Remove(tmp) // a no-op once renamed
	if err := f.File.Sync(); err != nil {
		f.File.Close()
		return cannotWrite(f.path).Because(err)
	}
	if err := f.File.Close(); err != nil {
		return cannotWrite(f.path).Because(err)
	}
	if !f.overwrite {
		// A hard link never replaces: it fails if the name is taken.
		err := os.Link(tmp, f.path)
		if err == nil {
			return syncDir(f.path)
		}
		if errors.Is(err, fs.ErrExist) {
			return exists(f.path)
		}
		// Some filesystems (FAT on a USB stick) have no hard links: check
		// again and rename.
		if err := checkTarget(f.path, false); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp, f.path); err != nil {
		return cannotWrite(f.path).Because(err)
	}
	return syncDir(f.path)
}

// Abort throws the written bytes away. It is safe to call after Commit,
// so `defer f.Abort()` cleans up on every error path.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	f.File.Close()
	os.Remove(f.File.Name())
}

// syncDir makes the new name itself durable.
func syncDir(path string) error {
	d, err := os.Open(filepath.Dir(path))
	if err != nil {
		return nil // best effort: the data itself is synced
	}
	defer d.Close()
	d.Sync()
	return nil
}

// tempPattern is the pattern of a temporary file for the target base, for
// os.CreateTemp: .NAME.branchcheck-PID-*.tmp.
func tempPattern(base string) string {
	return "." + base + ".branchcheck-" + strconv.Itoa(os.Getpid()) + "-*.tmp"
}

// leftover matches the temporary files of Create: the process id is the
// second group.
var leftover = regexp.MustCompile(`^\.(.+)\.branchcheck-(\d+)-\d+\.tmp$`)

// legacy matches the temporary files of earlier versions,
// .NAME.tmp-RANDOM, which do not say who wrote them.
var legacy = regexp.MustCompile(`^\..+\.tmp-\d+$`)

// legacyAge is how old an earlier version's temporary file must be to be
// taken as left over: no export or backup takes that long, and a file
// being written is changed all the time.
const legacyAge = 24 * time.Hour

// RemoveLeftovers removes from dir the temporary files of processes that
// were killed while writing: those named by Create for a process that is
// no longer running, and those of earlier versions untouched for a day.
// It returns how many it removed; what it cannot remove it leaves.
func RemoveLeftovers(dir string) int {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	n := 0
	for _, e := range ents {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasPrefix(name, ".") {
			continue
		}
		stale := false
		if m := leftover.FindStringSubmatch(name); m != nil {
			pid, err := strconv.Atoi(m[2])
			stale = err == nil && pid != os.Getpid() && !running(pid)
		} else if legacy.MatchString(name) {
			info, err := e.Info()
			stale = err == nil && time.Since(info.ModTime()) > legacyAge
		}
		if stale && os.Remove(filepath.Join(dir, name)) == nil {
			n++
		}
	}
	return n
}
