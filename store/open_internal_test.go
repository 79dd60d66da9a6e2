package store

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"branchcheck/checklist"
)

// dayClock is a clock on a given day that moves a second per reading.
func dayClock(day string) func() time.Time {
	t, _ := time.Parse(time.DateOnly, day)
	t = t.Add(8 * time.Hour)
	return func() time.Time { t = t.Add(time.Second); return t }
}

// filledDB makes a database with some schools and notes, closed, and
// returns its path.
func filledDB(t *testing.T, opts Options) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "bc.db")
	s, err := Open(path, opts)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 30 {
		sc, err := s.AddSchool(checklist.School{Name: "学校" + strings.Repeat("甲", i%7) + string(rune('A'+i)), Township: "城关镇"})
		if err != nil {
			t.Fatal(err)
		}
		in, err := s.CreateInspection(sc.ID, "李", testDate("2026-05-01"))
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

// TestLargeFilesAreCheckedThroughOncePerDay: above the size for a full
// check on every open, a file gets the full check on its first open of a
// day, before the daily backup, and the quick check on later opens that
// day; a damaged file is refused the next day at the latest, unchanged.
func TestLargeFilesAreCheckedThroughOncePerDay(t *testing.T) {
	opts := Options{Now: dayClock("2026-11-29"), fullCheckUpTo: 1}
	path := filledDB(t, opts)
	full, err := verify(path, checkWhenDue, "2026-11-29", 1)
	if err != nil || !full {
		t.Fatalf("first open of the day: full %v, %v", full, err)
	}
	s, err := Open(path, opts) // full check, then the daily backup
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	for _, tt := range []struct {
		day      string
		upTo     int64
		wantFull bool
	}{
		{"2026-11-29", 1, false},      // checked and backed up today: quick
		{"2026-11-30", 1, true},       // a new day: full
		{"2026-11-29", 1 << 40, true}, // small enough for the full check every time
	} {
		if full, err := verify(path, checkWhenDue, tt.day, tt.upTo); err != nil || full != tt.wantFull {
			t.Errorf("%s, full check up to %d bytes: full %v, %v", tt.day, tt.upTo, full, err)
		}
	}

	good, _ := os.ReadFile(path)
	damaged := bytes.Clone(good)
	for i := 5 * 4096; i < 13*4096; i++ {
		damaged[i] ^= 0xA5
	}
	os.WriteFile(path, damaged, 0o600)
	_, err = Open(path, Options{Now: dayClock("2026-11-30"), fullCheckUpTo: 1})
	if err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Errorf("the next day's open of a damaged file: %v", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, damaged) {
		t.Error("the damaged file was changed")
	}
	// The quick check still refuses a file cut short.
	os.WriteFile(path, good[:len(good)/2], 0o600)
	if _, err := verify(path, checkQuick, "2026-11-29", 1); err == nil || !strings.Contains(err.Error(), "cut short") {
		t.Errorf("quick check of a file cut short: %v", err)
	}
}

// TestLargeDatabasesBackUpZipped: the backups of a database above
// ZipBackupsOver are zip archives holding the plain backup, which opens as
// the database; they rotate with the others.
func TestLargeDatabasesBackUpZipped(t *testing.T) {
	clock := dayClock("2026-11-29")
	opts := Options{Now: clock, zipBackupsOver: 1}
	path := filledDB(t, opts)
	s, err := Open(path, opts) // the first open with data: the daily backup
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	backups, _ := listBackups(path)
	if len(backups) != 1 || !strings.HasSuffix(backups[0], "-daily.bak.zip") {
		t.Fatalf("backups %v", backups)
	}
	zr, err := zip.OpenReader(backups[0])
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	if len(zr.File) != 1 || zr.File[0].Name != strings.TrimSuffix(filepath.Base(backups[0]), ".zip") {
		t.Fatalf("the archive holds %v", zr.File)
	}
	rc, _ := zr.File[0].Open()
	restored := filepath.Join(t.TempDir(), zr.File[0].Name)
	out, _ := os.Create(restored)
	io.Copy(out, rc)
	out.Close()
	rc.Close()
	b, err := Open(restored, Options{NoDailyBackup: true})
	if err != nil {
		t.Fatalf("the unzipped backup does not open: %v", err)
	}
	if schools, _ := b.Schools(); len(schools) != 30 {
		t.Errorf("the backup holds %d schools", len(schools))
	}
	b.Close()
	if st, _ := os.Stat(backups[0]); st.Size()*4 > int64(len(mustRead(t, path))) {
		t.Errorf("the zipped backup is %d bytes, the database %d", st.Size(), len(mustRead(t, path)))
	}

	// backup -o FILE.zip zips too; the rotation counts zipped backups.
	s, _ = Open(path, opts)
	defer s.Close()
	if err := s.BackupToFile(filepath.Join(t.TempDir(), "copy.zip"), false); err != nil {
		t.Fatal(err)
	}
	for range KeepBackups + 3 {
		if _, err := s.backupNow("test"); err != nil {
			t.Fatal(err)
		}
	}
	if backups, _ := listBackups(path); len(backups) != KeepBackups {
		t.Errorf("%d backups kept, want %d", len(backups), KeepBackups)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
