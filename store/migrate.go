package store

import (
	"branchcheck/checklist"

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
	{to: 5, apply: addSchoolList},
}

// addSummaries (schema 1 to 2) adds the school_names index and the
// schools' and years' summaries, built from the schools and the visits.
func addSummaries(tx *bolt.Tx) error {
	for _, b := range [][]byte{bucketSchoolNames, bucketSchoolSummaries, bucketYearSummaries} {
		if _, err := tx.CreateBucketIfNotExists(b); err != nil {
			return checklist.Errorf(nil, checklist.Text{ZH: "不能建立 %s", EN: "create bucket %s"}, b).Because(err)
		}
	}
	names, _, sums, err := expectedSummaries(tx)
	if err != nil {
		return err
	}
	return writeSummaries(tx, names, sums, txStandards())
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
			return checklist.Errorf(nil, checklist.Text{
				ZH: "数据库 %[1]s 没能升级到结构版本 %[2]d：%[4]v（升级前的备份在 %[3]s）",
				EN: "upgrade database %[1]s to schema %[2]d: %[4]v (the backup taken before is in %[3]s)"}, s.path, m.to, BackupDir(s.path), err)
		}
	}
	return nil
}
