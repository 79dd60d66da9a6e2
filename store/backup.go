package store

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	"branchcheck/outfile"
)

// KeepBackups is how many backups the backups folder keeps; older ones are
// removed when a new one is taken.
const KeepBackups = 14

// A backup is named for its database and the time it was taken, so that
// databases sharing a folder keep their backups apart:
// backups/branchcheck.db.20261129-153000.000000-daily.bak
var backupName = regexp.MustCompile(`^\d{8}-\d{6}\.\d{6}-[a-z-]+\.bak$`)

// Backup writes a consistent copy of the database to w: a snapshot of one
// read transaction, while writers go on.
func (s *Store) Backup(w io.Writer) (int64, error) {
	var n int64
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	if err != nil {
		return n, fmt.Errorf("back up %s: %w", s.path, err)
	}
	return n, nil
}

// BackupToFile writes a consistent copy of the database to a new file at
// path, all at once: a failure leaves no partial file. An existing file is
// replaced only with overwrite.
func (s *Store) BackupToFile(path string, overwrite bool) error {
	f, err := outfile.Create(path, overwrite, 0o600)
	if err != nil {
		return err
	}
	defer f.Abort()
	if _, err := s.Backup(f); err != nil {
		return err
	}
	return f.Commit()
}

// Backups lists the backup files in the backups folder, oldest first.
func (s *Store) Backups() ([]string, error) {
	return listBackups(s.path)
}

// listBackups lists the backups of the database at dbPath, oldest first.
func listBackups(dbPath string) ([]string, error) {
	dir, prefix := BackupDir(dbPath), filepath.Base(dbPath)+"."
	ents, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list backups: %w", err)
	}
	var out []string
	for _, e := range ents {
		if n := e.Name(); e.Type().IsRegular() && strings.HasPrefix(n, prefix) && backupName.MatchString(n[len(prefix):]) {
			out = append(out, filepath.Join(dir, n))
		}
	}
	slices.Sort(out) // names carry the time: sorted by name is oldest first
	return out, nil
}

// dailyBackup takes a backup on the first open of a day, if the database
// holds anything worth keeping.
func (s *Store) dailyBackup() error {
	today := s.now().Format("2006-01-02")
	var last string
	var empty bool
	s.db.View(func(tx *bolt.Tx) error {
		last = string(tx.Bucket(bucketMeta).Get(keyLastBackup))
		k, _ := tx.Bucket(bucketSchools).Cursor().First()
		empty = k == nil
		return nil
	})
	if last == today || empty {
		return nil
	}
	if _, err := s.backupNow("daily"); err != nil {
		return fmt.Errorf("daily backup: %w", err)
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keyLastBackup, []byte(today))
	})
}

// backupNow copies the database into the backups folder and removes the
// oldest backups beyond KeepBackups. It returns the new file's path.
func (s *Store) backupNow(why string) (string, error) {
	dir := BackupDir(s.path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("create backups folder: %w", err)
	}
	name := filepath.Join(dir, fmt.Sprintf("%s.%s-%s.bak", filepath.Base(s.path), s.clock().Format("20060102-150405.000000"), why))
	if err := s.BackupToFile(name, false); err != nil {
		return "", err
	}
	all, err := listBackups(s.path)
	if err != nil {
		return name, err
	}
	for len(all) > KeepBackups {
		if err := os.Remove(all[0]); err != nil {
			return name, fmt.Errorf("remove old backup: %w", err)
		}
		all = all[1:]
	}
	return name, nil
}
