package store

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"branchcheck/checklist"
)

// TestOpenWaitingWhileReplaced: a bundle import puts a new file in the
// database's place with a rename while it holds the old file's lock. A
// process that opened the old file before the rename and waited for its
// lock must end up on the new file, or every change it then saves goes to
// a file that is no longer the database.
func TestOpenWaitingWhileReplaced(t *testing.T) {
	dir := t.TempDir()
	path, next := filepath.Join(dir, "bc.db"), filepath.Join(dir, "next.db")
	for _, p := range []struct{ path, school string }{{path, "旧文件小学"}, {next, "新文件小学"}} {
		s, err := Open(p.path, Options{NoDailyBackup: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddSchool(checklist.School{Name: p.school}); err != nil {
			t.Fatal(err)
		}
		s.Close()
	}

	holder, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	// The lock is taken after the file was opened: bbolt's open of the
	// old file waits, and must tell that it was replaced meanwhile.
	type held struct {
		db       *bolt.DB
		replaced bool
		err      error
	}
	waited := make(chan held)
	go func() {
		db, replaced, err := openHeld(path, false, nil)
		waited <- held{db, replaced, err}
	}()
	time.Sleep(300 * time.Millisecond) // the open waits for the lock
	if err := os.Rename(next, path); err != nil {
		t.Fatal(err)
	}
	holder.Close()
	h := <-waited
	if h.err != nil {
		t.Fatal(h.err)
	}
	h.db.Close()
	if !h.replaced {
		t.Fatal("the lock was taken on a file no longer at the path, and not noticed")
	}

	// Open itself then opens the file at the path.
	opened, err := Open(path, Options{NoDailyBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	schools, err := opened.Schools()
	if err != nil {
		t.Fatal(err)
	}
	if len(schools) != 1 || schools[0].Name != "新文件小学" {
		t.Fatalf("opened the file that was replaced: %v", schools)
	}
	if _, err := opened.AddSchool(checklist.School{Name: "后加小学"}); err != nil {
		t.Fatal(err)
	}
	opened.Close()
	s, err := Open(path, Options{NoDailyBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if schools, _ := s.Schools(); len(schools) != 2 {
		t.Errorf("a school added after the wait is lost: %v", schools)
	}
}
