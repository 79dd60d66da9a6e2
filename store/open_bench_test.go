package store_test

import (
	"path/filepath"
	"testing"

	"branchcheck/store"
)

// BenchmarkOpen opens a county's database (500 schools, 2,000 visits):
// what every command and the TUI pay at start, the full consistency check
// included.
func BenchmarkOpen(b *testing.B) {
	path := filepath.Join(b.TempDir(), "county.db")
	s, err := store.Open(path, store.Options{NoDailyBackup: true})
	if err != nil {
		b.Fatal(err)
	}
	fillCounty(b, s)
	s.Close()
	for b.Loop() {
		s, err := store.Open(path, store.Options{NoDailyBackup: true})
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}
