package tui

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"branchcheck/demo"
	"branchcheck/store"
)

// The demo database is filled once (it takes seconds) and copied for each
// test that wants it.
var demoDB struct {
	once sync.Once
	data []byte
	err  error
}

// openDemo opens a copy of the demo database, made for testNow.
func openDemo(t testing.TB) *store.Store {
	t.Helper()
	demoDB.once.Do(func() {
		dir, err := os.MkdirTemp("", "branchcheck-tui-demo")
		if err != nil {
			demoDB.err = err
			return
		}
		defer os.RemoveAll(dir)
		path := filepath.Join(dir, "demo.db")
		s, err := store.Open(path, store.Options{NoDailyBackup: true})
		if err != nil {
			demoDB.err = err
			return
		}
		if _, err := demo.Fill(s, testNow); err != nil {
			s.Close()
			demoDB.err = err
			return
		}
		if err := s.Close(); err != nil {
			demoDB.err = err
			return
		}
		demoDB.data, demoDB.err = os.ReadFile(path)
	})
	if demoDB.err != nil {
		t.Fatal(demoDB.err)
	}
	path := filepath.Join(t.TempDir(), "demo.db")
	if err := os.WriteFile(path, demoDB.data, 0o600); err != nil {
		t.Fatal(err)
	}
	return openStoreAt(t, path)
}
