package store

import (
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"branchcheck/checklist"
)

// FillBatched is FillForBench for databases of any size: perSchool fully
// answered, finalized inspections in the year for each school, a few
// thousand to a transaction, so that filling holds little in memory.
func FillBatched(s *Store, schools []checklist.School, perSchool, year int) error {
	std := checklist.DefaultStandard()
	items := std.ScoredItems()
	const batch = 2000
	for start := 0; start < len(schools); start += batch / perSchool {
		end := min(len(schools), start+batch/perSchool)
		err := s.db.Update(func(tx *bolt.Tx) error {
			if err := saveStandard(tx, std); err != nil {
				return err
			}
			for i := start; i < end; i++ {
				for v := range perSchool {
					at := time.Date(year, time.Month(1+v*3), 1+i%28, 9, 0, 0, 0, time.UTC)
					in, err := checklist.NewInspection(newID(), schools[i].ID, std, "李督查", checklist.DateOf(at), at)
					if err != nil {
						return err
					}
					for k, it := range items {
						in.Answers[it.ID] = checklist.Answer{Verdict: checklist.Verdicts[(i+v+k)%len(checklist.Verdicts)], Note: fmt.Sprintf("第%d项检查记录", k), By: "李督查", At: at}
					}
					in.Status, in.FinalizedAt = checklist.Finalized, at
					in.Touch(s.id, at)
					if err := putInspection(tx, in); err != nil {
						return err
					}
					if err := appendAudit(tx, checklist.Change{InspectionID: in.ID, Field: checklist.FieldStatus, Old: "draft", New: "finalized", By: "李督查", At: at}); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// StoredRectifications returns every rectification the database holds,
// withdrawn ones included, school by school and by id: for tests that
// compare databases.
func StoredRectifications(s *Store) ([]checklist.Rectification, error) {
	var out []checklist.Rectification
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketRectifications).ForEachBucket(func(school []byte) error {
			rects, err := schoolRects(tx, string(school))
			out = append(out, rects...)
			return err
		})
	})
	return out, err
}
