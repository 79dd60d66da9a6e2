package store

import (
	"archive/zip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/klauspost/compress/flate"
	bolt "go.etcd.io/bbolt"

	"branchcheck/checklist"
	"branchcheck/outfile"
)

// KeepBackups is how many backups the backups folder keeps; older ones are
// removed when a new one is taken.
const KeepBackups = 14

// ZipBackupsOver is the size of database above which its backups are
// compressed: a zip archive holding the one backup file. A database's
// file is mostly repeated structure and free pages, so it shrinks about
// twelve times, and a fast compressor keeps the backup as quick as a
// plain copy.
const ZipBackupsOver = 32 << 20

// A backup is named for its database and the time it was taken, so that
// databases sharing a folder keep their backups apart:
// backups/branchcheck.db.20261129-153000.000000-daily.bak, with .zip after
// it when compressed.
var backupName = regexp.MustCompile(`^\d{8}-\d{6}\.\d{6}-[a-z-]+\.bak(\.zip)?$`)

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
		return n, checklist.Errorf(nil, checklist.Text{ZH: "不能备份 %s", EN: "back up %s"}, s.path).Because(err)
	}
	return n, nil
}

// BackupToFile writes a consistent copy of the database to a new file at
// path, all at once: a failure leaves no partial file. An existing file is
// replaced only with overwrite. A path ending in .zip gets a zip archive
// holding the copy, named as the path without .zip.
func (s *Store) BackupToFile(path string, overwrite bool) error {
	f, err := outfile.Create(path, overwrite, 0o600)
	if err != nil {
		return err
	}
	defer f.Abort()
	if strings.EqualFold(filepath.Ext(path), ".zip") {
		err = s.backupZip(f, strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)))
	} else {
		_, err = s.Backup(f)
	}
	if err != nil {
		return err
	}
	return f.Commit()
}

// backupZip writes a consistent copy of the database to w as a zip
// archive holding one file, name, compressed with klauspost/compress's
// fast deflate.
func (s *Store) backupZip(w io.Writer, name string) error {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestSpeed)
	})
	entry, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: s.clock()})
	if err != nil {
		return checklist.Errorf(nil, checklist.Text{ZH: "不能备份 %s", EN: "back up %s"}, s.path).Because(err)
	}
	if _, err := s.Backup(entry); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return checklist.Errorf(nil, checklist.Text{ZH: "不能备份 %s", EN: "back up %s"}, s.path).Because(err)
	}
	return nil
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
		return nil, checklist.Errorf(nil, checklist.Text{ZH: "不能列出备份", EN: "list backups"}).Because(err)
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
		return checklist.Errorf(nil, checklist.Text{ZH: "每日自动备份没有做成", EN: "daily backup"}).Because(err)
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
		return "", checklist.Errorf(nil, checklist.Text{ZH: "不能建立备份文件夹", EN: "create backups folder"}).Because(err)
	}
	name := filepath.Join(dir, fmt.Sprintf("%s.%s-%s.bak", filepath.Base(s.path), s.clock().Format("20060102-150405.000000"), why))
	if s.size() > s.zipBackupsOver {
		name += ".zip"
	}
	if err := s.BackupToFile(name, false); err != nil {
		return "", err
	}
	all, err := listBackups(s.path)
	if err != nil {
		return name, err
	}
	for len(all) > KeepBackups {
		if err := os.Remove(all[0]); err != nil {
			return name, checklist.Errorf(nil, checklist.Text{ZH: "不能删除旧的备份", EN: "remove old backup"}).Because(err)
		}
		all = all[1:]
	}
	return name, nil
}

// size is the size of the database's data: what a backup copies.
func (s *Store) size() int64 {
	var n int64
	s.db.View(func(tx *bolt.Tx) error { n = tx.Size(); return nil })
	return n
}
