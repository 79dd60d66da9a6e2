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
	"syscall"
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
	ErrInUse = checklist.Errorf(nil, checklist.Text{ZH: "数据库正被另一个 branchcheck 使用", EN: "in use by another branchcheck"})
	// ErrUnreadable: the file is not a branchcheck database, or is damaged.
	ErrUnreadable = checklist.Errorf(nil, checklist.Text{ZH: "不是可以读取的 branchcheck 数据库", EN: "not a readable branchcheck database"})
	// ErrTooNew: the database was written by a newer branchcheck.
	ErrTooNew = checklist.Errorf(nil, checklist.Text{ZH: "数据库是较新版本的 branchcheck 写的", EN: "written by a newer branchcheck"})
	// ErrReadOnly: the database was opened read-only, or its file may not
	// be written (a file of mode 0400, a read-only disk): it can be read
	// and exported, not changed.
	ErrReadOnly = checklist.Errorf(nil, checklist.Text{ZH: "数据库是只读的", EN: "the database is read-only"})
	// ErrDamaged: a value in the database does not decode; nothing more is
	// written to it until it is repaired (see Store.Writable).
	ErrDamaged = checklist.Errorf(nil, checklist.Text{ZH: "数据库中有记录已损坏", EN: "a record in the database is damaged"})
)

// textNoSchema: a database without its schema version.
var textNoSchema = checklist.Text{ZH: "没有结构版本号", EN: "no schema version"}

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
	// initialisation, no migration, no backup. Every write is refused
	// with ErrReadOnly.
	ReadOnly bool

	migrations []migration // tests replace the migrations
	// openFile opens the database's file for bbolt (os.OpenFile if nil):
	// tests refuse writing, as a file of mode 0400 does to anyone but root.
	openFile func(name string, flag int, perm os.FileMode) (*os.File, error)
	reopened int // how often Open started again (maxReopen)
	// Tests lower the sizes of FullCheckUpTo and ZipBackupsOver (0: those).
	fullCheckUpTo, zipBackupsOver int64
}

// Store is an open branchcheck database. Its methods are safe for
// concurrent use.
type Store struct {
	db   *database
	path string
	now  func() time.Time // the clock of saved times, to the second
	id   string           // this database's id, for version vectors

	clock func() time.Time // the clock as given, for backup file names

	zipBackupsOver int64 // see ZipBackupsOver

	mu        sync.Mutex
	standards map[string]*checklist.Standard // by id; immutable once read
	hot       hotInspection

	readOnly bool    // opened read-only, asked for or because the file may not be written
	warnings []error // what Open found that did not stop it (Warnings)
	// blocked is why nothing may be written to the file at all, a bundle
	// import included (which writes through a copy put in its place): the
	// file may not be written, or a value was found damaged.
	blocked error
}

// database is the bbolt database with the store's refusal to write: a
// read-only open, a file that may not be written, or a damaged value found
// by the check of values (checkValues) refuse every write with the reason,
// before bbolt is asked. Every write goes through its Update.
type database struct {
	*bolt.DB
	refuse error
	// standards scores the rows of the school list made again before each
	// write commits (flushSchoolList): the Store's standards.
	standards standardSource
}

// Update runs fn in a read-write transaction, unless writes are refused,
// and brings the school list up to date with it before it commits.
func (d *database) Update(fn func(*bolt.Tx) error) error {
	if d.refuse != nil {
		return d.refuse
	}
	return d.DB.Update(func(tx *bolt.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		if d.standards == nil {
			return nil
		}
		return flushSchoolList(tx, d.standards)
	})
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
// migrated. The first open of a day takes a backup (a backup that cannot
// be made is one of Warnings) and, unless ReadOnly, decodes every value:
// a value that does not decode opens the database with every write
// refused (ErrDamaged, see Writable). A file that may be read but not
// written (mode 0400, a read-only disk) opens read-only, every write
// refused with ErrReadOnly.
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
		return nil, checklist.Errorf(checklist.ErrNotFound, checklist.Text{ZH: "数据库 %s 不存在", EN: "database %s does not exist"}, path)
	}
	if !exists {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			if notWritable(err) {
				return nil, cannotCreate(path, err)
			}
			return nil, checklist.Errorf(nil, checklist.Text{ZH: "不能建立数据库所在的文件夹", EN: "create the database's folder"}).Because(err)
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
	var refuse, blocked error
	if opts.ReadOnly {
		refuse = checklist.Errorf(ErrReadOnly, checklist.Text{
			ZH: "数据库 %s 是以只读方式打开的，不能修改", EN: "the database %s was opened read-only and cannot be changed"}, path)
	}
	db, replaced, err := openHeld(path, opts.ReadOnly, opts.openFile)
	if err != nil && exists && !opts.ReadOnly && notWritable(err) {
		// A file the user may read but not write (mode 0400, a read-only
		// disk): open it read-only for review; every write says why.
		refuse = readOnlyFile(path, err)
		blocked = refuse
		opts.ReadOnly = true
		db, replaced, err = openHeld(path, true, opts.openFile)
	}
	if err != nil {
		if !exists && notWritable(err) {
			return nil, cannotCreate(path, err)
		}
		return nil, openError(path, err)
	}
	if replaced {
		// A bundle import put a new file in the database's place while
		// this one waited for the lock: open that one, from the start.
		db.Close()
		if opts.reopened >= maxReopen {
			return nil, inUse(path)
		}
		opts.reopened++
		return Open(path, opts)
	}
	clock := opts.Now
	// Whole seconds: what the encoding keeps, so a value reads back as it
	// was written.
	s := &Store{db: &database{DB: db}, path: path, clock: clock, now: func() time.Time { return clock().Truncate(time.Second) },
		zipBackupsOver: opts.zipBackupsOver, readOnly: opts.ReadOnly, blocked: blocked}
	s.db.standards = s.cached()
	if err := s.setUp(opts, fullCheck, today); err != nil {
		db.Close()
		return nil, err
	}
	if refuse != nil {
		s.db.refuse = refuse
	}
	return s, nil
}

// notWritable reports whether err says that a file or folder may not be
// written: no permission, or a read-only disk.
func notWritable(err error) bool {
	return errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS)
}

// readOnlyFile says that the database's file may be read but not written.
func readOnlyFile(path string, err error) error {
	mode := ""
	if st, serr := os.Stat(path); serr == nil {
		mode = fmt.Sprintf("%04o", st.Mode().Perm())
	}
	if errors.Is(err, syscall.EROFS) {
		return checklist.Errorf(ErrReadOnly, checklist.Text{
			ZH: "数据库 %s 在只读的磁盘上：可以查看和导出，不能修改",
			EN: "the database %s is on a read-only disk: it can be read and exported, not changed"}, path)
	}
	return checklist.Errorf(ErrReadOnly, checklist.Text{
		ZH: "数据库 %[1]s 是只读文件（权限 %[2]s）：可以查看和导出，不能修改；要修改，请让文件可写（例如 chmod u+w %[1]s）",
		EN: "the database %[1]s is a read-only file (mode %[2]s): it can be read and exported, not changed; to change it, make the file writable (e.g. chmod u+w %[1]s)"}, path, mode)
}

// cannotCreate says that a new database cannot be made where asked.
func cannotCreate(path string, err error) error {
	return checklist.Errorf(ErrReadOnly, checklist.Text{
		ZH: "不能在 %s 新建数据库：文件夹只读或没有权限", EN: "cannot create the database %s: its folder is read-only or not ours"}, path).Because(err)
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
func openHeld(path string, readOnly bool, openFile func(string, int, os.FileMode) (*os.File, error)) (db *bolt.DB, replaced bool, err error) {
	if openFile == nil {
		openFile = os.OpenFile
	}
	var f *os.File
	db, err = bolt.Open(path, 0o600, &bolt.Options{
		Timeout: LockTimeout, ReadOnly: readOnly,
		OpenFile: func(name string, flag int, perm os.FileMode) (*os.File, error) {
			file, err := openFile(name, flag, perm)
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
		return false, checklist.Errorf(nil, checklist.Text{ZH: "数据库 %s", EN: "database %s"}, path).Because(err)
	case st.IsDir():
		return false, checklist.Errorf(checklist.ErrInvalid, checklist.Text{ZH: "数据库 %s 是一个文件夹，不是文件", EN: "database %s is a directory, not a file"}, path)
	case st.Size() == 0:
		// bbolt would initialise an empty file; one we did not create is
		// not ours to write.
		return false, unreadable(path, checklist.Text{ZH: "文件是空的", EN: "the file is empty"})
	}
	return true, nil
}

func openError(path string, err error) error {
	if errors.Is(err, berrors.ErrTimeout) {
		return inUse(path)
	}
	// bbolt's own words say what it found; in Chinese they are left out.
	why := checklist.Text{ZH: "文件已损坏，或不是数据库文件%.0s", EN: "%s"}
	switch {
	case errors.Is(err, berrors.ErrInvalid):
		why.ZH = "不是数据库文件%.0s"
	case errors.Is(err, berrors.ErrVersionMismatch):
		why.ZH = "数据库文件的格式版本不对%.0s"
	case errors.Is(err, berrors.ErrChecksum):
		why.ZH = "文件已损坏（校验和不符）%.0s"
	}
	return unreadable(path, why, err.Error())
}

// inUse says that another process holds the database.
func inUse(path string) error {
	return checklist.Errorf(ErrInUse, checklist.Text{
		ZH: "数据库 %s 正被另一个 branchcheck 使用（可能是开着的检查界面）",
		EN: "database %s is in use by another branchcheck"}, path)
}

// unreadable says that the file at path is not a database branchcheck
// can read, and why (a Text with its arguments; a detail worded by bbolt
// is given to it as an argument that the Chinese leaves out with %.0s).
func unreadable(path string, why checklist.Text, args ...any) error {
	return checklist.Errorf(ErrUnreadable, checklist.Text{
		ZH: "数据库 %s 不是可以读取的 branchcheck 数据库（%s）；文件没有改动；备份在 %s",
		EN: "database %s is not a readable branchcheck database (%s); it was not changed; backups are in %s"},
		path, checklist.Errorf(nil, why, args...), BackupDir(path))
}

// FullCheckUpTo is the size up to which Open runs the full consistency
// check (the page check, pagecheck.go) on every open. A larger file gets
// it on its first open of each day (before the daily backup is taken of
// it) and the quick check on later opens that day. The full check reads
// every page, about a third of a millisecond per MiB from the page cache
// on this project's machine (20 ms up to this size: a county's years of
// visits; 78 ms for ten years of a county, 0.8 s for a province), and
// several times that from a cold disk.
const FullCheckUpTo = 64 << 20

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
// check adds the check of every page's place in the structure
// (structureProblems), read with ReadAt. A damaged file can make bbolt
// fault on a page outside the file as the quick check reads; that fault
// becomes an error here. It reports whether the full check was made. fullUpTo is
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
			err = unreadable(path, checklist.Text{ZH: "文件已损坏，读取时出错%.0v", EN: "damaged: %v"}, r)
		}
	}()
	st, err := os.Stat(path)
	if err != nil {
		return false, checklist.Errorf(nil, checklist.Text{ZH: "数据库 %s", EN: "database %s"}, path).Because(err)
	}
	err = db.View(func(tx *bolt.Tx) error {
		if tx.Size() > st.Size() {
			return unreadable(path, checklist.Text{ZH: "文件不完整：只有 %d 字节，应有 %d 字节", EN: "the file is cut short: %d bytes of %d"}, st.Size(), tx.Size())
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
			// The check reads every page of the file, with ReadAt: none
			// of it counts as the process's memory (pagecheck.go).
			problems, err := structureProblems(tx, path)
			if err != nil {
				return unreadable(path, checklist.Text{ZH: "文件读不出来%.0v", EN: "cannot be read: %v"}, err)
			}
			if len(problems) > 0 {
				return unreadable(path, checklist.Text{ZH: "文件已损坏，一致性检查没有通过%.0s", EN: "damaged: %s"}, problems[0].Error())
			}
		}
		if meta == nil {
			empty := true
			tx.ForEach(func([]byte, *bolt.Bucket) error { empty = false; return nil })
			if !empty {
				return unreadable(path, checklist.Text{ZH: "这是别的程序的 bbolt 文件", EN: "it is a bbolt file of another program"})
			}
			return nil
		}
		if len(meta.Get(keySchemaVersion)) != 8 {
			return unreadable(path, textNoSchema)
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
			return unreadable(s.path, textNoSchema)
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
		return checklist.Errorf(ErrTooNew, checklist.Text{
			ZH: "数据库 %s 是较新版本的 branchcheck 写的（结构版本 %d，本程序最高读 %d）：请更新 branchcheck",
			EN: "database %s is written by a newer branchcheck (schema %d; this one reads up to %d): update branchcheck"}, s.path, version, target)
	case opts.ReadOnly && !isNew && version < target:
		return checklist.Errorf(nil, checklist.Text{
			ZH: "数据库 %s 的结构版本是 %d，需要升级：请先用 branchcheck 打开一次（打开检查界面，或运行一个修改数据的命令），它会先备份再升级",
			EN: "database %s needs an upgrade from schema %d; open it once with branchcheck to upgrade"}, s.path, version)
	case opts.ReadOnly:
		return nil
	case isNew:
		return s.initialise(target)
	case version < target:
		if _, err := s.backupNow("before-migration"); err != nil {
			return checklist.Errorf(nil, checklist.Text{ZH: "升级数据库前的备份没有做成（数据库没有升级）", EN: "back up before upgrading the database"}).Because(err)
		}
		if err := s.migrate(version, opts.migrations); err != nil {
			return err
		}
	}
	if target >= 5 {
		s.freshenSchoolList()
	}
	// Once a day every value is decoded (checkValues). A damaged one
	// stops every write until it is repaired: the database still opens,
	// to be read, exported and looked at by doctor, and nothing is written
	// to it, not even the marks or a daily backup (which would push a good
	// backup out of the fourteen kept).
	checkValuesNow := s.meta(keyLastValueCheck) != today
	if checkValuesNow {
		var damaged error
		// Every page of the file is read, and given back a batch at a
		// time (checkValues): a province's first open of the day does
		// not hold its two gigabytes as the program's memory.
		err := s.db.View(func(tx *bolt.Tx) error { damaged = checkValues(tx, s.path); return nil })
		if err != nil {
			return err
		}
		if damaged != nil {
			s.db.refuse, s.blocked = damaged, damaged
			return nil
		}
	}
	if (fullCheck && s.meta(keyLastCheck) != today) || checkValuesNow {
		err := s.db.Update(func(tx *bolt.Tx) error {
			meta := tx.Bucket(bucketMeta)
			if fullCheck {
				if err := meta.Put(keyLastCheck, []byte(today)); err != nil {
					return err
				}
			}
			return meta.Put(keyLastValueCheck, []byte(today))
		})
		if err != nil {
			return checklist.Errorf(nil, checklist.Text{ZH: "数据库 %s", EN: "database %s"}, s.path).Because(err)
		}
	}
	if !opts.NoDailyBackup {
		// A daily backup that cannot be made (a read-only folder, a full
		// disk) does not stop the program: the database itself is
		// untouched by it. It is said as a warning, and tried again at the
		// next open.
		if err := s.dailyBackup(); err != nil {
			s.warnings = append(s.warnings, checklist.Errorf(nil, checklist.Text{
				ZH: "今天的自动备份没有做成（数据照常保存，下次打开时再试）",
				EN: "today's automatic backup could not be made (the data is saved as usual; it is tried again at the next open)"}).Because(err))
		}
	}
	return nil
}

// Writable says why the database refuses writes: nil when it takes them;
// else an error with kind ErrReadOnly (opened read-only, or a file that
// may not be written) or ErrDamaged (a value found damaged when opened,
// named), worded for the user. Every write returns the same error.
func (s *Store) Writable() error { return s.db.refuse }

// ReadOnly reports whether the database was opened read-only: asked for
// (Options.ReadOnly), or because its file may not be written.
func (s *Store) ReadOnly() bool { return s.readOnly }

// Warnings are what Open found that did not stop it (today's automatic
// backup could not be made), each worded for the user.
func (s *Store) Warnings() []error { return s.warnings }

// initialise creates every top-level bucket and the meta values of a new
// database in one transaction.
func (s *Store) initialise(version uint64) error {
	s.id = uuid.Must(uuid.NewV7()).String()
	return s.db.Update(func(tx *bolt.Tx) error {
		for _, b := range topBuckets {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return checklist.Errorf(nil, checklist.Text{ZH: "不能建立 %s", EN: "create bucket %s"}, b).Because(err)
			}
		}
		meta := tx.Bucket(bucketMeta)
		if err := meta.Put(keySchemaVersion, u64(version)); err != nil {
			return err
		}
		if err := meta.Put(keyDatabaseID, []byte(s.id)); err != nil {
			return err
		}
		if err := meta.Put(keyListVersion, []byte(listVersion)); err != nil {
			return err
		}
		return meta.Put(keyCreatedAt, []byte(s.now().UTC().Format(time.RFC3339)))
	})
}

// freshenSchoolList writes the school list again when its rows were made
// in an order other than this program's (a newer collation table). If it
// cannot (a damaged school record), the schools list is read from the
// schools and summaries instead, and doctor says what is wrong.
func (s *Store) freshenSchoolList() {
	current := true
	s.db.View(func(tx *bolt.Tx) error { current = schoolListCurrent(tx); return nil })
	if !current {
		s.db.Update(func(tx *bolt.Tx) error { return writeSchoolList(tx, nil, s.cached()) })
	}
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
