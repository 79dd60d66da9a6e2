package store

import (
	"encoding/json"
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

// DecideEvery records a decision about every nth rectification of the
// database (another person responsible, as SetRectificationResponsible
// does: counted in its version vector and recorded in the audit trail),
// a few thousand to a transaction; it returns how many it decided.
func DecideEvery(s *Store, n int) (int, error) {
	var ids []string
	err := s.db.View(func(tx *bolt.Tx) error {
		i := 0
		top := tx.Bucket(bucketRectifications)
		return top.ForEachBucket(func(school []byte) error {
			return top.Bucket(school).ForEach(func(k, _ []byte) error {
				if i++; i%n == 0 {
					ids = append(ids, string(k))
				}
				return nil
			})
		})
	})
	if err != nil {
		return 0, err
	}
	const batch = 2000
	for lo := 0; lo < len(ids); lo += batch {
		err := s.db.Update(func(tx *bolt.Tx) error {
			for _, id := range ids[lo:min(lo+batch, len(ids))] {
				b, r, err := findRect(tx, id)
				if err != nil {
					return err
				}
				before := r.Actions
				r.Actions.Responsible = "副校长" + r.ItemID
				at := checklist.ChangeTime(r.UpdatedAt, s.now().UTC())
				r.Touch(s.id, at)
				if err := putRect(b, r); err != nil {
					return err
				}
				old, _ := json.Marshal(before)
				next, _ := json.Marshal(r.Actions)
				c := checklist.Change{InspectionID: r.FoundIn, ItemID: r.ItemID, Field: checklist.FieldRectification,
					Old: string(old), New: string(next), By: "王主任", At: at}
				if err := appendAudit(tx, c); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return 0, err
		}
	}
	return len(ids), nil
}
