// Package outfile writes a file all at once or not at all: the bytes go to
// a temporary file beside the target, and only Commit puts them at the
// target's name. A crash, a full disk or an error half way leaves no
// half-written file, and an existing file is never replaced unless the
// caller says so.
package outfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrExists: the target exists and overwriting was not asked for.
var ErrExists = errors.New("exists")

// File is a file being written. Write to it, then Commit or Abort.
type File struct {
	*os.File
	path      string
	overwrite bool
	done      bool
}

// Create starts writing path. It refuses at once if path exists and
// overwrite is false, or if its directory does not exist.
func Create(path string, overwrite bool, perm fs.FileMode) (*File, error) {
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("write %s: directory %s does not exist", path, dir)
	case err != nil:
		return nil, fmt.Errorf("write %s: %w", path, err)
	case !st.IsDir():
		return nil, fmt.Errorf("write %s: %s is not a directory", path, dir)
	}
	if err := checkTarget(path, overwrite); err != nil {
		return nil, err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	return &File{File: tmp, path: path, overwrite: overwrite}, nil
}

func checkTarget(path string, overwrite bool) error {
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("write %s: %w", path, err)
	case st.IsDir():
		return fmt.Errorf("write %s: it is a directory", path)
	case !overwrite:
		return fmt.Errorf("write %s: the file %w (use --force to overwrite it)", path, ErrExists)
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
		return fmt.Errorf("write %s: already committed or aborted", f.path)
	}
	f.done = true
	tmp := f.File.Name()
	defer os.Remove(tmp) // a no-op once renamed
	if err := f.File.Sync(); err != nil {
		f.File.Close()
		return fmt.Errorf("write %s: %w", f.path, err)
	}
	if err := f.File.Close(); err != nil {
		return fmt.Errorf("write %s: %w", f.path, err)
	}
	if !f.overwrite {
		// A hard link never replaces: it fails if the name is taken.
		err := os.Link(tmp, f.path)
		if err == nil {
			return syncDir(f.path)
		}
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("write %s: the file %w (use --force to overwrite it)", f.path, ErrExists)
		}
		// Some filesystems (FAT on a USB stick) have no hard links: check
		// again and rename.
		if err := checkTarget(f.path, false); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp, f.path); err != nil {
		return fmt.Errorf("write %s: %w", f.path, err)
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
