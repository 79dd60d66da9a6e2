package store

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// schema1Buckets are the top-level buckets of schema 1.
var schema1Buckets = [][]byte{
	bucketMeta, bucketSettings, bucketSchools, bucketStandards, bucketStandardYears,
	bucketInspections, bucketInspectionYears, bucketSchoolInspections, bucketAudit,
}

// TestMigrationBacksUpFirst: opening a database of an older schema takes
// a backup before the first migration runs, then migrates and records the
// new version. The old layout is built by hand.
func TestMigrationBacksUpFirst(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(tx *bolt.Tx) error {
		for _, b := range schema1Buckets {
			tx.CreateBucket(b)
		}
		meta := tx.Bucket(bucketMeta)
		meta.Put(keySchemaVersion, u64(1))
		meta.Put(keyDatabaseID, []byte("old-db"))
		v, _ := encode(map[string]string{"id": "s1", "name": "城关小学"})
		return tx.Bucket(bucketSchools).Put([]byte("s1"), v)
	})
	db.Close()

	// The program's own migrations, then one to a schema this program
	// does not know yet.
	next := schemaVersion + 1
	var backupsWhenMigrating []string
	ms := append(slices.Clone(migrations), migration{to: next, apply: func(tx *bolt.Tx) error {
		backupsWhenMigrating, _ = listBackups(path)
		_, err := tx.CreateBucketIfNotExists([]byte("new_in_2"))
		return err
	}})
	now := time.Date(2026, 11, 29, 8, 0, 0, 0, time.UTC)
	s, err := Open(path, Options{Now: func() time.Time { return now }, migrations: ms})
	if err != nil {
		t.Fatal(err)
	}
	if len(backupsWhenMigrating) != 1 {
		t.Fatalf("%d backups existed when the migration ran, want 1", len(backupsWhenMigrating))
	}
	// The backup is the old layout, untouched.
	old, err := bolt.Open(backupsWhenMigrating[0], 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	old.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketMeta).Get(keySchemaVersion); string(v) != string(u64(1)) {
			t.Errorf("backup has schema %x", v)
		}
		if tx.Bucket([]byte("new_in_2")) != nil {
			t.Error("backup has the migrated layout")
		}
		return nil
	})
	old.Close()
	s.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketMeta).Get(keySchemaVersion); string(v) != string(u64(uint64(next))) {
			t.Errorf("schema after migration %x", v)
		}
		if tx.Bucket([]byte("new_in_2")) == nil {
			t.Error("migration did not run")
		}
		return nil
	})
	if schools, _ := s.Schools(); len(schools) != 1 {
		t.Errorf("%d schools after migration", len(schools))
	}
	s.Close()
	// Opened again by this program, which knows only its own schema: too new.
	if _, err := Open(path, Options{}); err == nil {
		t.Errorf("a program of schema %d opened a schema %d database", schemaVersion, next)
	}
	ents, _ := os.ReadDir(BackupDir(path))
	if len(ents) != 2 { // before-migration and the daily one
		t.Errorf("%d backups", len(ents))
	}
}
