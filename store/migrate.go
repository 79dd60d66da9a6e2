package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// migration upgrades the layout from schema to-1 to schema to, inside one
// transaction. Each has a test that builds the old layout by hand.
type migration struct {
	to    int
	apply func(tx *bolt.Tx) error
}

// migrations are the upgrades in order.
var migrations = []migration{
	{to: 2, apply: addSummaries},
	{to: 3, apply: addRectifications},
	{to: 4, apply: addYearEnd},
}

// addSummaries (schema 1 to 2) adds the school_names index and the
// schools' and years' summaries, built from the schools and the visits.
func addSummaries(tx *bolt.Tx) error {
	for _, b := range [][]byte{bucketSchoolNames, bucketSchoolSummaries, bucketYearSummaries} {
		if _, err := tx.CreateBucketIfNotExists(b); err != nil {
			return fmt.Errorf("create bucket %s: %w", b, err)
		}
	}
	names, _, sums, err := expectedSummaries(tx)
	if err != nil {
		return err
	}
	return writeSummaries(tx, names, sums)
}

// migrate runs the migrations above the database's version, each in its
// own transaction that also records the new version.
func (s *Store) migrate(from uint64, ms []migration) error {
	for _, m := range ms {
		if uint64(m.to) <= from {
			continue
		}
		err := s.db.Update(func(tx *bolt.Tx) error {
			if err := m.apply(tx); err != nil {
				return err
			}
			return tx.Bucket(bucketMeta).Put(keySchemaVersion, u64(uint64(m.to)))
		})
		if err != nil {
			return fmt.Errorf("upgrade database %s to schema %d: %w (the backup taken before is in %s)", s.path, m.to, err, BackupDir(s.path))
		}
	}
	return nil
}
