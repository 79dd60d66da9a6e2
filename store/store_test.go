package store_test

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"branchcheck/checklist"
	"branchcheck/store"
)

// clock is a fixed, advanceable time for tests.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { c.t = c.t.Add(time.Second); return c.t }

func newClock() *clock { return &clock{t: time.Date(2026, 11, 29, 8, 0, 0, 0, time.UTC)} }

// mustOpen opens a new database in a temp dir.
func mustOpen(tb testing.TB) *store.Store {
	tb.Helper()
	return mustOpenAt(tb, filepath.Join(tb.TempDir(), "data", "branchcheck.db"))
}

func mustOpenAt(tb testing.TB, path string) *store.Store {
	tb.Helper()
	s, err := store.Open(path, store.Options{Now: newClock().now})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

func mustSchool(tb testing.TB, s *store.Store, name, township string) checklist.School {
	tb.Helper()
	sc, err := s.AddSchool(checklist.School{Name: name, Township: township, Kind: "小学"})
	if err != nil {
		tb.Fatal(err)
	}
	return sc
}

func day(s string) checklist.Date {
	d, err := checklist.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestOpenCreates(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "deep", "data")
	path := filepath.Join(dir, "branchcheck.db")
	s := mustOpenAt(t, path)
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("file mode %v, want 0600", st.Mode().Perm())
	}
	if dst, _ := os.Stat(dir); dst.Mode().Perm() != 0o700 {
		t.Errorf("dir mode %v, want 0700", dst.Mode().Perm())
	}
	if s.ID() == "" {
		t.Error("no database id")
	}
	id := s.ID()
	s.Close()
	s2 := mustOpenAt(t, path)
	if s2.ID() != id {
		t.Errorf("database id changed on reopen: %s -> %s", id, s2.ID())
	}
}

func TestResolvePath(t *testing.T) {
	env := map[string]string{"BRANCHCHECK_DB": "/env/b.db"}
	getenv := func(k string) string { return env[k] }
	if got := store.ResolvePath("/flag/a.db", getenv); got != "/flag/a.db" {
		t.Errorf("flag: %s", got)
	}
	if got := store.ResolvePath("", getenv); got != "/env/b.db" {
		t.Errorf("env: %s", got)
	}
	if got := store.ResolvePath("", func(string) string { return "" }); !strings.HasSuffix(got, filepath.Join("branchcheck", "branchcheck.db")) {
		t.Errorf("default: %s", got)
	}
}

// goodDB makes a database with some data and returns its path.
func goodDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "good.db")
	s, err := store.Open(path, store.Options{Now: newClock().now, NoDailyBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 30 {
		sc := mustSchool(t, s, "学校"+strings.Repeat("甲", i%7)+string(rune('A'+i)), "城关镇")
		in, err := s.CreateInspection(sc.ID, "李", day("2026-05-01"))
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range checklist.DefaultStandard().ScoredItems()[:20] {
			s.SetNote(in.ID, it.ID, strings.Repeat("备注", 50), "李")
		}
	}
	s.Close()
	return path
}

func TestOpenRefusesBadFiles(t *testing.T) {
	good, err := os.ReadFile(goodDB(t))
	if err != nil {
		t.Fatal(err)
	}
	otherBolt := filepath.Join(t.TempDir(), "other.db")
	db, _ := bolt.Open(otherBolt, 0o600, nil)
	db.Update(func(tx *bolt.Tx) error {
		b, _ := tx.CreateBucket([]byte("widgets"))
		return b.Put([]byte("a"), []byte("b"))
	})
	db.Close()
	other, _ := os.ReadFile(otherBolt)

	rng := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 64*1024)
	for i := range random {
		random[i] = byte(rng.IntN(256))
	}
	corrupt := bytes.Clone(good)
	for i := 5 * 4096; i < 13*4096; i++ { // pages in the middle, past the meta pages
		corrupt[i] ^= 0xA5
	}
	badMeta := bytes.Clone(good)
	for i := 0; i < 2*4096; i += 7 {
		badMeta[i] ^= 0xFF
	}
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"Random", random, "not a readable branchcheck database"},
		{"Text", []byte("学校名称,乡镇\n城关小学,城关镇\n"), "not a readable branchcheck database"},
		{"Truncated", good[:len(good)/2], "cut short"},
		{"TooShort", good[:1000], "not a readable branchcheck database"},
		{"Empty", nil, "the file is empty"},
		{"CorruptPage", corrupt, "damaged"},
		{"CorruptMeta", badMeta, "not a readable branchcheck database"},
		{"OtherProgramsBolt", other, "bbolt file of another program"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "branchcheck.db")
			if err := os.WriteFile(path, tt.data, 0o600); err != nil {
				t.Fatal(err)
			}
			before := sha256.Sum256(tt.data)
			s, err := store.Open(path, store.Options{})
			if err == nil {
				s.Close()
				t.Fatal("opened")
			}
			msg := err.Error()
			if !strings.Contains(msg, tt.want) || !strings.Contains(msg, path) || !strings.Contains(msg, filepath.Join(dir, "backups")) {
				t.Errorf("error %q: want %q, the file and the backups folder", msg, tt.want)
			}
			if strings.Contains(msg, "\n") {
				t.Errorf("error is not one line: %q", msg)
			}
			after, _ := os.ReadFile(path)
			if sha256.Sum256(after) != before {
				t.Error("the file was changed")
			}
			if ents, _ := os.ReadDir(dir); len(ents) != 1 {
				t.Errorf("the folder holds %d entries; a backup or temp file was made", len(ents))
			}
		})
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "b.db")
	s := mustOpenAt(t, path)
	s.Close()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("meta")).Put([]byte("schema_version"), []byte{0, 0, 0, 0, 0, 0, 0, 99})
	})
	db.Close()
	before, _ := os.ReadFile(path)
	_, err = store.Open(path, store.Options{})
	if !errors.Is(err, store.ErrTooNew) || !strings.Contains(err.Error(), "schema 99") {
		t.Fatalf("err = %v", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the file was changed")
	}
}

func TestBackupRotation(t *testing.T) {
	path := filepath.Join(t.TempDir(), "b.db")
	c := newClock()
	for d := range 20 {
		// One open per day of use: a backup each day, at most one a day.
		for i := range 2 {
			s, err := store.Open(path, store.Options{Now: func() time.Time { return c.t }})
			if err != nil {
				t.Fatal(err)
			}
			if d == 0 && i == 0 {
				mustSchool(t, s, "城关小学", "城关镇")
			}
			s.Close()
			c.t = c.t.Add(time.Hour)
		}
		c.t = c.t.Add(24 * time.Hour)
	}
	ents, err := os.ReadDir(store.BackupDir(path))
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != store.KeepBackups {
		t.Fatalf("%d backups, want %d", len(ents), store.KeepBackups)
	}
	// The newest are kept; every one opens as a database with the school.
	last := filepath.Join(store.BackupDir(path), ents[len(ents)-1].Name())
	if !strings.Contains(last, c.t.Add(-24*time.Hour-2*time.Hour).Format("20060102")) {
		t.Errorf("newest backup %s is not from the last day", last)
	}
	b := mustOpenAt(t, last)
	if schools, _ := b.Schools(); len(schools) != 1 {
		t.Errorf("backup holds %d schools", len(schools))
	}
}

func TestBackupToFile(t *testing.T) {
	s := mustOpen(t)
	mustSchool(t, s, "城关小学", "城关镇")
	out := filepath.Join(t.TempDir(), "copy.db")
	if err := s.BackupToFile(out, false); err != nil {
		t.Fatal(err)
	}
	if err := s.BackupToFile(out, false); err == nil {
		t.Error("overwrote an existing file without being asked")
	}
	b := mustOpenAt(t, out)
	if schools, _ := b.Schools(); len(schools) != 1 || schools[0].Name != "城关小学" {
		t.Errorf("backup holds %v", schools)
	}
}

func TestDoctor(t *testing.T) {
	s := mustOpen(t)
	sc := mustSchool(t, s, "城关小学", "城关镇")
	in, _ := s.CreateInspection(sc.ID, "李", day("2026-05-01"))
	s.SetVerdict(in.ID, "1.1", checklist.Met, "李")
	s.SetNote(in.ID, "1.2", "缺", "李")
	h, err := s.Check()
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Problems) != 0 || h.Schools != 1 || h.Drafts != 1 || h.Finalized != 0 || h.Answers != 2 || h.Standards != 1 {
		t.Errorf("health %+v", h)
	}
}

// TestBackupsOfTwoDatabasesInOneFolder: two inspectors' databases side by
// side each keep their own 14 backups; rotating one never removes the
// other's.
func TestBackupsOfTwoDatabasesInOneFolder(t *testing.T) {
	dir := t.TempDir()
	c := newClock()
	for d := range 16 {
		for _, name := range []string{"li.db", "li-2.db"} {
			s, err := store.Open(filepath.Join(dir, name), store.Options{Now: func() time.Time { return c.t }})
			if err != nil {
				t.Fatal(err)
			}
			if d == 0 {
				mustSchool(t, s, "城关小学", "城关镇")
			}
			s.Close()
		}
		c.t = c.t.Add(24 * time.Hour)
	}
	for _, name := range []string{"li.db", "li-2.db"} {
		s := mustOpenAt(t, filepath.Join(dir, name))
		list, err := s.Backups()
		if err != nil || len(list) != store.KeepBackups {
			t.Errorf("%s has %d backups, want %d (%v)", name, len(list), store.KeepBackups, err)
		}
		for _, p := range list {
			if !strings.HasPrefix(filepath.Base(p), name+".") {
				t.Errorf("%s lists %s", name, p)
			}
		}
	}
}
