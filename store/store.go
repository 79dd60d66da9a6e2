package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"time"

	"github.com/adrg/xdg"
	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"branchcheck/checklist"
)

// Errors a caller can test for with errors.Is.
var (
	// ErrInUse: another process has the database open.
	ErrInUse = errors.New("in use by another branchcheck")
	// ErrUnreadable: the file is not a branchcheck database, or is damaged.
	ErrUnreadable = errors.New("not a readable branchcheck database")
	// ErrTooNew: the database was written by a newer branchcheck.
	ErrTooNew = errors.New("written by a newer branchcheck")
)

// LockTimeout is how long Open waits for another process to let go of the
// database before it gives up.
const LockTimeout = time.Second

// Options tune Open. The zero value is what the program uses.
type Options struct {
	// Now is the clock; time.Now if nil.
	Now func() time.Time
	// NoDailyBackup skips the backup taken on the first open of a day.
	NoDailyBackup bool
	// ReadOnly opens without writing anything (doctor, exports): no
	// initialisation, no migration, no backup.
	ReadOnly bool

	migrations []migration // tests replace the migrations
	reopened   int         // how often Open started again (maxReopen)
	// Tests lower the sizes of FullCheckUpTo and ZipBackupsOver (0: those).
	fullCheckUpTo, zipBackupsOver int64
}

// Store is an open branchcheck database. Its methods are safe for
// concurrent use.
type Store struct {
	db   *bolt.DB
	path string
	now  func() time.Time // the clock of saved times, to the second
	id   string           // this database's id, for version vectors

	clock func() time.Time // the clock as given, for backup file names

	zipBackupsOver int64 // see ZipBackupsOver

	mu        sync.Mutex
	standards map[string]*checklist.Standard // by id; immutable once read
	hot       hotInspection
}

// DefaultPath is where the database lives when neither --db nor
// BRANCHCHECK_DB says otherwise: branchcheck/branchcheck.db in the user's
// data directory ($XDG_DATA_HOME, usually ~/.local/share; the platform's
// equivalent on macOS and Windows).
func DefaultPath() string {
	return filepath.Join(xdg.DataHome, "branchcheck", "branchcheck.db")
}

// ResolvePath picks the database path: the --db flag, else the
// BRANCHCHECK_DB environment variable, else DefaultPath.
func ResolvePath(flag string, getenv func(string) string) string {
	if flag != "" {
		return flag
	}
	if p := getenv("BRANCHCHECK_DB"); p != "" {
		return p
	}
	return DefaultPath()
}

// BackupDir is the folder of a database's backups: backups/ beside it.
func BackupDir(dbPath string) string {
	return filepath.Join(filepath.Dir(dbPath), "backups")
}

// Open opens the database at path, creating it (and its directory, 0700)
// if it does not exist. Another process holding it gets ErrInUse within
// about LockTimeout. A file that is not a branchcheck database, or is
// damaged, gets ErrUnreadable and is not written to. A database from a
// newer branchcheck gets ErrTooNew; an older one is backed up and
// migrated. The first open of a day takes a backup.
func Open(path string, opts Options) (*Store, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.migrations == nil {
		opts.migrations = migrations
	}
	if opts.fullCheckUpTo == 0 {
		opts.fullCheckUpTo = FullCheckUpTo
	}
	if opts.zipBackupsOver == 0 {
		opts.zipBackupsOver = ZipBackupsOver
	}
	exists, err := checkFile(path)
	if err != nil {
		return nil, err
	}
	if !exists && opts.ReadOnly {
		return nil, fmt.Errorf("database %s does not exist", path)
	}
	if !exists {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("create the database's folder: %w", err)
		}
	}
	today := opts.Now().Format(time.DateOnly)
	fullCheck := false
	if exists {
		// Look before touching: a read-only open and a check, so a damaged
		// or foreign file is refused without a byte written.
		if fullCheck, err = verify(path, checkWhenDue, today, opts.fullCheckUpTo); err != nil {
			return nil, err
		}
	}
	db, replaced, err := openHeld(path, opts.ReadOnly)
	if err != nil {
		return nil, openError(path, err)
	}
	if replaced {
		// A bundle import put a new file in the database's place while
		// this one waited for the lock: open that one, from the start.
		db.Close()
		if opts.reopened >= maxReopen {
			return nil, fmt.Errorf("database %s is %w", path, ErrInUse)
		}
		opts.reopened++
		return Open(path, opts)
	}
	clock := opts.Now
	// Whole seconds: what the encoding keeps, so a value reads back as it
	// was written.
	s := &Store{db: db, path: path, clock: clock, now: func() time.Time { return clock().Truncate(time.Second) }, zipBackupsOver: opts.zipBackupsOver}
	if err := s.setUp(opts, fullCheck, today); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// maxReopen bounds how often Open starts again because the file was
// replaced while it waited for the lock.
const maxReopen = 3

// openHeld opens the database file at path with bbolt, waiting up to
// LockTimeout for its lock, and reports whether the file it got the lock
// on is still the one at path. A bundle import replaces the database file
// with a rename while it holds the old one's lock; a process that opened
// the old file before the rename and got its lock after would write to a
// file no longer anyone's database, losing every change. It must then
// let go and open the path again.
func openHeld(path string, readOnly bool) (db *bolt.DB, replaced bool, err error) {
	var f *os.File
	db, err = bolt.Open(path, 0o600, &bolt.Options{
		Timeout: LockTimeout, ReadOnly: readOnly,
		OpenFile: func(name string, flag int, perm os.FileMode) (*os.File, error) {
			file, err := os.OpenFile(name, flag, perm)
			f = file
			return file, err
		},
	})
	if err != nil {
		return nil, false, err
	}
	held, err := f.Stat()
	if err != nil {
		db.Close()
		return nil, false, err
	}
	now, err := os.Stat(path)
	return db, err != nil || !os.SameFile(held, now), nil
}

// checkFile reports whether path exists as a regular file.
func checkFile(path string) (bool, error) {
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("database %s: %w", path, err)
	case st.IsDir():
		return false, fmt.Errorf("database %s is a directory, not a file", path)
	case st.Size() == 0:
		// bbolt would initialise an empty file; one we did not create is
		// not ours to write.
		return false, unreadable(path, "the file is empty")
	}
	return true, nil
}

func openError(path string, err error) error {
	if errors.Is(err, berrors.ErrTimeout) {
		return fmt.Errorf("database %s is %w", path, ErrInUse)
	}
	return unreadable(path, err.Error())
}

func unreadable(path, why string) error {
	return fmt.Errorf("database %s is %w (%s); it was not changed; backups are in %s", path, ErrUnreadable, why, BackupDir(path))
}

// FullCheckUpTo is the size up to which Open runs bbolt's full
// consistency check on every open. A larger file gets it on its first open
// of each day (before the daily backup is taken of it) and the quick check
// on later opens that day. The full check reads every page, about a
// quarter of a millisecond per MiB on this project's machine: under 70 ms
// up to this size, ten years of a county's visits included.
const FullCheckUpTo = 256 << 20

// checkDepth says how far verify looks.
type checkDepth int

const (
	checkWhenDue checkDepth = iota // the full check if due (see FullCheckUpTo), else the quick one
	checkFull                      // the full check
	checkQuick                     // the quick check only
)

// verify opens an existing file read-only and checks it. The quick check
// is always made: bbolt's own checks of the meta pages (magic, version,
// checksum) on opening, the file's size against what its meta page claims,
// branchcheck's meta bucket and schema version, and a walk from the root
// of every top-level bucket down to its first and last keys. The full
// check adds bbolt's consistency check of every page. A damaged file can
// make bbolt fault on a page outside the file; that fault becomes an error
// here. It reports whether the full check was made. fullUpTo is
// FullCheckUpTo but in tests.
func verify(path string, depth checkDepth, today string, fullUpTo int64) (full bool, err error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: LockTimeout, ReadOnly: true})
	if err != nil {
		return false, openError(path, err)
	}
	defer db.Close()
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = unreadable(path, fmt.Sprintf("damaged: %v", r))
		}
	}()
	st, err := os.Stat(path)
	if err != nil {
		return false, fmt.Errorf("database %s: %w", path, err)
	}
	err = db.View(func(tx *bolt.Tx) error {
		if tx.Size() > st.Size() {
			return unreadable(path, fmt.Sprintf("the file is cut short: %d bytes of %d", st.Size(), tx.Size()))
		}
		meta := tx.Bucket(bucketMeta)
		switch depth {
		case checkFull:
			full = true
		case checkWhenDue:
			// Due on a small file, and on the first open of a day, so the
			// daily backup is always taken of a file just checked.
			full = st.Size() <= fullUpTo || meta == nil ||
				string(meta.Get(keyLastCheck)) != today || string(meta.Get(keyLastBackup)) != today
		}
		if full {
			for cerr := range tx.Check() {
				return unreadable(path, "damaged: "+cerr.Error())
			}
		}
		if meta == nil {
			empty := true
			tx.ForEach(func([]byte, *bolt.Bucket) error { empty = false; return nil })
			if !empty {
				return unreadable(path, "it is a bbolt file of another program")
			}
			return nil
		}
		if len(meta.Get(keySchemaVersion)) != 8 {
			return unreadable(path, "no schema version")
		}
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			c := b.Cursor()
			c.First()
			c.Last()
			return nil
		})
	})
	return full, err
}

// setUp creates what a new database needs, refuses one too new, migrates
// one too old, notes a full check made today and takes the daily backup.
func (s *Store) setUp(opts Options, fullCheck bool, today string) error {
	var version uint64
	isNew := false
	err := s.db.View(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			isNew = true
			return nil
		}
		if v := meta.Get(keySchemaVersion); len(v) == 8 {
			version = binary.BigEndian.Uint64(v)
		} else {
			return unreadable(s.path, "no schema version")
		}
		s.id = string(meta.Get(keyDatabaseID))
		return nil
	})
	if err != nil {
		return err
	}
	target := uint64(schemaVersion)
	if len(opts.migrations) > 0 {
		target = uint64(opts.migrations[len(opts.migrations)-1].to)
	}
	switch {
	case version > target:
		return fmt.Errorf("database %s is %w (schema %d; this one reads up to %d): update branchcheck", s.path, ErrTooNew, version, target)
	case opts.ReadOnly && !isNew && version < target:
		return fmt.Errorf("database %s needs an upgrade from schema %d; open it once with branchcheck to upgrade", s.path, version)
	case opts.ReadOnly:
		return nil
	case isNew:
		return s.initialise(target)
	case version < target:
		if _, err := s.backupNow("before-migration"); err != nil {
			return fmt.Errorf("back up before upgrading the database: %w", err)
		}
		if err := s.migrate(version, opts.migrations); err != nil {
			return err
		}
	}
	if fullCheck && s.meta(keyLastCheck) != today {
		err := s.db.Update(func(tx *bolt.Tx) error {
			return tx.Bucket(bucketMeta).Put(keyLastCheck, []byte(today))
		})
		if err != nil {
			return fmt.Errorf("database %s: %w", s.path, err)
		}
	}
	if !opts.NoDailyBackup {
		if err := s.dailyBackup(); err != nil {
			return err
		}
	}
	return nil
}

// initialise creates every top-level bucket and the meta values of a new
// database in one transaction.
func (s *Store) initialise(version uint64) error {
	s.id = uuid.Must(uuid.NewV7()).String()
	return s.db.Update(func(tx *bolt.Tx) error {
		for _, b := range topBuckets {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return fmt.Errorf("create bucket %s: %w", b, err)
			}
		}
		meta := tx.Bucket(bucketMeta)
		if err := meta.Put(keySchemaVersion, u64(version)); err != nil {
			return err
		}
		if err := meta.Put(keyDatabaseID, []byte(s.id)); err != nil {
			return err
		}
		return meta.Put(keyCreatedAt, []byte(s.now().UTC().Format(time.RFC3339)))
	})
}

// meta returns a value of the meta bucket as text.
func (s *Store) meta(key []byte) string {
	var v string
	s.db.View(func(tx *bolt.Tx) error {
		v = string(tx.Bucket(bucketMeta).Get(key))
		return nil
	})
	return v
}

// Path is the database file's path.
func (s *Store) Path() string { return s.path }

// ID is the database's own id, the key of its changes in version vectors.
func (s *Store) ID() string { return s.id }

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }
