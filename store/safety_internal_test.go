package store

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	bolt "go.etcd.io/bbolt"

	"branchcheck/bundle"
	"branchcheck/checklist"
)

func fileHash(t *testing.T, path string) [32]byte {
	t.Helper()
	return sha256.Sum256(mustRead(t, path))
}

// zh says an error in Chinese.
func zh(err error) string {
	var e *checklist.Error
	if !errors.As(err, &e) {
		return err.Error()
	}
	return e.Say(true, zh)
}

// denyWrite opens files as a file of mode 0400 lets anyone but root: for
// reading only.
func denyWrite(name string, flag int, perm os.FileMode) (*os.File, error) {
	if flag&(os.O_RDWR|os.O_WRONLY) != 0 {
		return nil, &fs.PathError{Op: "open", Path: name, Err: syscall.EACCES}
	}
	return os.OpenFile(name, flag, perm)
}

// TestReadOnlyFileOpensForReview: a database file that may be read but
// not written opens read-only, is called read-only (not "not readable"),
// reads as usual and refuses every write with the reason, the file and its
// backups untouched.
func TestReadOnlyFileOpensForReview(t *testing.T) {
	path := filledDB(t, Options{Now: dayClock("2026-11-29")})
	before := fileHash(t, path)
	backups, _ := listBackups(path)
	s, err := Open(path, Options{Now: dayClock("2026-11-30"), openFile: denyWrite})
	if err != nil {
		t.Fatalf("a read-only file: %v", err)
	}
	defer s.Close()
	if !s.ReadOnly() || !errors.Is(s.Writable(), ErrReadOnly) || !strings.Contains(zh(s.Writable()), "是只读文件") ||
		!strings.Contains(s.Writable().Error(), "read-only file") {
		t.Errorf("read-only %v, writable: %v / %s", s.ReadOnly(), s.Writable(), zh(s.Writable()))
	}
	if schools, err := s.Schools(); err != nil || len(schools) != 30 {
		t.Errorf("reads: %d schools, %v", len(schools), err)
	}
	if _, err := s.RateYear(2026); err != nil {
		t.Errorf("rating: %v", err)
	}
	if _, err := s.AddSchool(checklist.School{Name: "新学校"}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("a write: %v", err)
	}
	if _, err := s.ImportBundles(nil, false); !errors.Is(err, ErrReadOnly) {
		t.Errorf("an import: %v", err)
	}
	s.Close()
	if fileHash(t, path) != before {
		t.Error("the file was written")
	}
	if after, _ := listBackups(path); len(after) != len(backups) {
		t.Errorf("backups %d, then %d", len(backups), len(after))
	}
}

// TestReadOnlyFileForReal: the same with a file of mode 0400, where the
// system refuses (not as root, whom it lets write).
func TestReadOnlyFileForReal(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root may write a file of mode 0400")
	}
	path := filledDB(t, Options{Now: dayClock("2026-11-29")})
	if err := os.Chmod(path, 0o400); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path, Options{Now: dayClock("2026-11-30")})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !errors.Is(s.Writable(), ErrReadOnly) || !strings.Contains(zh(s.Writable()), "权限 0400") {
		t.Errorf("writable: %s", zh(s.Writable()))
	}
}

// TestNoBackupsFolder: where the backups folder cannot be made, the daily
// backup is a warning, and the database opens and takes changes.
func TestNoBackupsFolder(t *testing.T) {
	path := filledDB(t, Options{Now: dayClock("2026-11-29"), NoDailyBackup: true})
	os.RemoveAll(BackupDir(path))
	if err := os.WriteFile(BackupDir(path), []byte("not a folder"), 0o600); err != nil {
		t.Fatal(err)
	}
	for i := range 2 { // not marked as done: said again at the next open
		s, err := Open(path, Options{Now: dayClock("2026-11-30")})
		if err != nil {
			t.Fatalf("open without a backups folder: %v", err)
		}
		if w := s.Warnings(); len(w) != 1 || !strings.Contains(zh(w[0]), "今天的自动备份没有做成") {
			t.Errorf("warnings %v", w)
		}
		if _, err := s.AddSchool(checklist.School{Name: "新学校", Township: string(rune('A' + i))}); err != nil {
			t.Errorf("a write: %v", err)
		}
		s.Close()
	}
}

// damageValue overwrites 32 bytes inside an inspection's stored value
// with random ones, as the test did, and returns its id.
func damageValue(t *testing.T, path string) string {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var id string
	rng := rand.New(rand.NewPCG(1, 2))
	err = db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketInspections)
		k, v := b.Cursor().First()
		id = string(k)
		v = bytes.Clone(v)
		for i := len(v) / 2; i < len(v)/2+32; i++ {
			v[i] = byte(rng.Uint32())
		}
		var in checklist.Inspection
		if decode(v, &in) == nil {
			t.Fatal("the damaged value still decodes")
		}
		return b.Put(k, v)
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// TestDamagedValueStopsWrites: a value that does not decode passes the
// check of pages; the first open of the day decodes every value and then
// refuses every write, naming the record, and writes nothing itself (no
// mark, no backup); doctor names it too.
func TestDamagedValueStopsWrites(t *testing.T) {
	path := filledDB(t, Options{Now: dayClock("2026-11-29")})
	id := damageValue(t, path)
	before := fileHash(t, path)
	backups, _ := listBackups(path)

	s, err := Open(path, Options{Now: dayClock("2026-11-30")})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	refused := s.Writable()
	if !errors.Is(refused, ErrDamaged) || !strings.Contains(zh(refused), "检查 "+id+"的记录无法读取") ||
		!strings.Contains(refused.Error(), "inspection "+id+" cannot be read") || !strings.Contains(zh(refused), "branchcheck doctor") {
		t.Fatalf("writable: %v\n%s", refused, zh(refused))
	}
	if _, err := s.AddSchool(checklist.School{Name: "新学校"}); !errors.Is(err, ErrDamaged) {
		t.Errorf("add a school: %v", err)
	}
	if err := s.SetSetting(SettingInspector, "王"); !errors.Is(err, ErrDamaged) {
		t.Errorf("a setting: %v", err)
	}
	if _, err := s.ImportBundles(nil, false); !errors.Is(err, ErrDamaged) {
		t.Errorf("an import: %v", err)
	}
	if _, err := s.Schools(); err != nil {
		t.Errorf("reading the schools: %v", err)
	}
	h, err := s.Check()
	if err != nil || !strings.Contains(joinErrors(h.Problems), "inspection "+id+" cannot be read") {
		t.Errorf("doctor: %v, %v", h.Problems, err)
	}
	s.Close()
	if fileHash(t, path) != before {
		t.Error("the damaged database was written to")
	}
	if after, _ := listBackups(path); len(after) != len(backups) {
		t.Errorf("backups %d, then %d: a damaged database was backed up", len(backups), len(after))
	}
	// Every open says it again.
	s, _ = Open(path, Options{Now: dayClock("2026-11-30")})
	if !errors.Is(s.Writable(), ErrDamaged) {
		t.Errorf("the second open: %v", s.Writable())
	}
	s.Close()
}

// TestDamagedAfterTheDaysCheck: a value damaged after the day's check is
// not looked for again that day, but a change to its record, which
// decodes it first, is refused, naming it.
func TestDamagedAfterTheDaysCheck(t *testing.T) {
	path := filledDB(t, Options{Now: dayClock("2026-11-29")})
	s, err := Open(path, Options{Now: dayClock("2026-11-29")}) // the day's check
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	id := damageValue(t, path)
	s, err = Open(path, Options{Now: dayClock("2026-11-29")})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Writable() != nil {
		t.Fatalf("checked today already: %v", s.Writable())
	}
	_, err = s.SetNote(id, "1.1", "改", "李")
	if !errors.Is(err, ErrDamaged) || !strings.Contains(zh(err), "检查 "+id+"的记录已损坏，无法读取，不能修改") {
		t.Errorf("a change to the damaged visit: %v", err)
	}
	if err := s.DeleteDraft(id); !errors.Is(err, ErrDamaged) {
		t.Errorf("deleting the damaged visit: %v", err)
	}
	if _, err := s.RedateDraft(id, checklist.Date{Year: 2026, Month: 1, Day: 1}); !errors.Is(err, ErrDamaged) {
		t.Errorf("re-dating the damaged visit: %v", err)
	}
}

// TestImportChecksValues: an import into a database opened read-only
// (as the command opens it) checks the values once a day as an open that
// writes does, refuses a damaged database, and marks the check in the
// database it puts in place.
func TestImportChecksValues(t *testing.T) {
	path := filledDB(t, Options{Now: dayClock("2026-11-29")})
	src, err := Open(filepath.Join(t.TempDir(), "src.db"), Options{Now: dayClock("2026-11-29")})
	if err != nil {
		t.Fatal(err)
	}
	src.AddSchool(checklist.School{Name: "外来小学"})
	var bundle bytes.Buffer
	if _, err := src.ExportBundle(&bundle, bundleFilterAll); err != nil {
		t.Fatal(err)
	}
	src.Close()

	s, err := Open(path, Options{Now: dayClock("2026-11-30"), ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportBundles([]BundleInput{{Name: "b", R: bytes.NewReader(bundle.Bytes())}}, false); err != nil {
		t.Fatal(err)
	}
	if got := s.meta(keyLastValueCheck); got != "2026-11-30" {
		t.Errorf("marked %q", got)
	}
	s.Close()

	damageValue(t, path)
	before := fileHash(t, path)
	s, err = Open(path, Options{Now: dayClock("2026-12-01"), ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.ImportBundles([]BundleInput{{Name: "b", R: bytes.NewReader(bundle.Bytes())}}, false); !errors.Is(err, ErrDamaged) {
		t.Errorf("an import into a damaged database: %v", err)
	}
	if fileHash(t, path) != before {
		t.Error("the damaged database was written to")
	}
}

var bundleFilterAll = bundle.Filter{}

// TestCheckValuesNamesNestedRecords: values in nested buckets are
// decoded too, and the first damaged one is named, with the count.
func TestCheckValuesNamesNestedRecords(t *testing.T) {
	path := filledDB(t, Options{Now: dayClock("2026-11-29")})
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		a, err := tx.Bucket(bucketAudit).CreateBucketIfNotExists([]byte("visit-x"))
		if err != nil {
			return err
		}
		if err := a.Put(u64(1), []byte{valueVersion, 0xff, 0x00}); err != nil {
			return err
		}
		y, err := tx.Bucket(bucketYearSummaries).CreateBucketIfNotExists([]byte("2026"))
		if err != nil {
			return err
		}
		return y.Put([]byte("school-y"), []byte{valueVersion, 0x1f})
	})
	if err != nil {
		t.Fatal(err)
	}
	var damaged error
	db.View(func(tx *bolt.Tx) error { damaged = checkValues(tx, path); return nil })
	db.Close()
	if got := zh(damaged); !strings.Contains(got, "检查 visit-x 的第 1 条审计记录的记录无法读取（共 2 条记录无法读取）") {
		t.Errorf("zh: %s", got)
	}
	if got := damaged.Error(); !strings.Contains(got, "audit entry 1 of inspection visit-x cannot be read") || !strings.Contains(got, "(2 records cannot be read)") {
		t.Errorf("en: %s", got)
	}
}
