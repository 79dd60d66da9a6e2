package store_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"branchcheck/checklist"
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
	schools := make([]checklist.School, 500)
	for i := range schools {
		schools[i] = checklist.School{Name: fmt.Sprintf("第%d小学", i), Township: fmt.Sprintf("乡镇%d", i%12)}
	}
	s.ImportSchools(schools)
	all, _ := s.Schools()
	if err := store.FillForBench(s, all, 4, 2026); err != nil {
		b.Fatal(err)
	}
	s.Close()
	for b.Loop() {
		s, err := store.Open(path, store.Options{NoDailyBackup: true})
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}
