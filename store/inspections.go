package store

import (
	"errors"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"branchcheck/checklist"
)

// CreateInspection starts a draft visit of a school by an inspector on a
// date, under the standard for the date's year. The standard is kept in
// the database with the visit, so its score never changes when a later
// standard does.
func (s *Store) CreateInspection(schoolID, inspector string, date checklist.Date) (*checklist.Inspection, error) {
	return s.createInspection(schoolID, inspector, date, "")
}

// createInspection is CreateInspection with the reason a confirmed year
// needs (see Amendment).
func (s *Store) createInspection(schoolID, inspector string, date checklist.Date, reason string) (*checklist.Inspection, error) {
	var in *checklist.Inspection
	err := s.db.Update(func(tx *bolt.Tx) error {
		sc, err := getSchool(tx.Bucket(bucketSchools), schoolID)
		if err != nil {
			return err
		}
		if sc.IsArchived() {
			return checklist.Errorf(checklist.ErrInvalid, checklist.Text{
				ZH: "学校 %s 已于 %s 归档，不能开始新的检查；要检查它，请先恢复（取消归档）",
				EN: "school %s was archived on %s: restore it before starting a visit"}, sc.Name, sc.Archived)
		}
		locked, err := checkYearLock(tx, date.Year, reason)
		if err != nil {
			return err
		}
		std, err := s.standardForYear(tx, date.Year)
		if err != nil {
			return err
		}
		if err := saveStandard(tx, std); err != nil {
			return err
		}
		in, err = checklist.NewInspection(newID(), schoolID, std, inspector, date, s.now().UTC())
		if err != nil {
			return err
		}
		in.Touch(s.id, in.CreatedAt)
		if err := putInspection(tx, in); err != nil {
			return err
		}
		return auditLocked(tx, locked, in, reason)
	})
	if err != nil {
		if _, ok := err.(*checklist.Error); ok {
			return nil, err
		}
		return nil, checklist.Errorf(nil, checklist.Text{ZH: "不能开始检查", EN: "start inspection"}).Because(err)
	}
	return in, nil
}

// putInspection saves a new inspection, its index entries, its school's
// summaries and, for a visit that was ever finalized (one merged from a
// bundle), its school's rectifications.
func putInspection(tx *bolt.Tx, in *checklist.Inspection) error {
	if err := putInspectionOnly(tx, in); err != nil {
		return err
	}
	return rederiveAfter(tx, in)
}

// putInspectionOnly is putInspection without the rectifications: for
// writing many visits at once and deriving each school's rectifications
// once at the end.
func putInspectionOnly(tx *bolt.Tx, in *checklist.Inspection) error {
	if _, err := writeInspection(tx, in); err != nil {
		return err
	}
	if err := indexPut(tx, bucketInspectionYears, yearKey(in.Date.Year), in.ID); err != nil {
		return err
	}
	if err := indexPut(tx, bucketSchoolInspections, []byte(in.SchoolID), in.ID); err != nil {
		return err
	}
	return summarise(tx, in)
}

// putInspectionValue saves a changed inspection whose school and date, and
// so its index entries, are as they were, and brings its school's
// summaries and, for a visit that was ever finalized (finalized now,
// reopened, merged), its school's rectifications up to date. It returns
// the bytes written.
func putInspectionValue(tx *bolt.Tx, in *checklist.Inspection) ([]byte, error) {
	v, err := writeInspection(tx, in)
	if err != nil {
		return nil, err
	}
	if err := summarise(tx, in); err != nil {
		return nil, err
	}
	return v, rederiveAfter(tx, in)
}

// rederiveAfter works out the school's rectifications again after a visit
// was saved, if the visit was ever finalized: a draft that never was
// finds nothing (a reopened one withdraws what it found, which needs the
// work).
func rederiveAfter(tx *bolt.Tx, in *checklist.Inspection) error {
	if !in.Audited() {
		return nil
	}
	return rederive(tx, in.SchoolID, txStandards())
}

// writeInspection saves an inspection's value only: for a change the
// summaries do not see (an answer or a note of a draft).
func writeInspection(tx *bolt.Tx, in *checklist.Inspection) ([]byte, error) {
	v, err := encode(in)
	if err != nil {
		return nil, err
	}
	return v, tx.Bucket(bucketInspections).Put([]byte(in.ID), v)
}

func indexPut(tx *bolt.Tx, top, sub []byte, id string) error {
	b, err := tx.Bucket(top).CreateBucketIfNotExists(sub)
	if err != nil {
		return err
	}
	return b.Put([]byte(id), nil)
}

func indexDelete(tx *bolt.Tx, top, sub []byte, id string) error {
	if b := tx.Bucket(top).Bucket(sub); b != nil {
		return b.Delete([]byte(id))
	}
	return nil
}

func getInspection(tx *bolt.Tx, id string) (*checklist.Inspection, error) {
	v := tx.Bucket(bucketInspections).Get([]byte(id))
	if v == nil {
		return nil, checklist.Errorf(checklist.ErrNotFound, checklist.Text{ZH: "没有编号为 %s 的检查", EN: "inspection %s: not found"}, id)
	}
	var in checklist.Inspection
	if err := decode(v, &in); err != nil {
		return nil, damagedRecord(checklist.Text{ZH: "检查 " + id, EN: "inspection " + id}, err)
	}
	return &in, nil
}

// Inspection returns the inspection with the given id.
func (s *Store) Inspection(id string) (*checklist.Inspection, error) {
	var in *checklist.Inspection
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		in, err = getInspection(tx, id)
		return err
	})
	return in, err
}

// SchoolInspections returns a school's inspections, the latest first.
func (s *Store) SchoolInspections(schoolID string) ([]*checklist.Inspection, error) {
	out, err := s.indexedInspections(bucketSchoolInspections, []byte(schoolID))
	if err != nil {
		return nil, checklist.Errorf(nil, checklist.Text{ZH: "不能读取学校 %s 的检查", EN: "read inspections of school %s"}, schoolID).Because(err)
	}
	slices.SortFunc(out, func(a, b *checklist.Inspection) int {
		if c := b.Date.Compare(a.Date); c != 0 {
			return c
		}
		return strings.Compare(b.ID, a.ID)
	})
	return out, nil
}

// YearInspections returns every inspection dated in the year, drafts
// included.
func (s *Store) YearInspections(year int) ([]*checklist.Inspection, error) {
	out, err := s.indexedInspections(bucketInspectionYears, yearKey(year))
	if err != nil {
		return nil, checklist.Errorf(nil, checklist.Text{ZH: "不能读取 %d 年的检查", EN: "read inspections of %d"}, year).Because(err)
	}
	return out, nil
}

func (s *Store) indexedInspections(top, sub []byte) ([]*checklist.Inspection, error) {
	var out []*checklist.Inspection
	err := s.db.View(func(tx *bolt.Tx) error {
		idx := tx.Bucket(top).Bucket(sub)
		if idx == nil {
			return nil
		}
		return idx.ForEach(func(k, _ []byte) error {
			in, err := getInspection(tx, string(k))
			if err != nil {
				return err
			}
			out = append(out, in)
			return nil
		})
	})
	return out, err
}

// Inspections returns every inspection in the database.
func (s *Store) Inspections() ([]*checklist.Inspection, error) {
	var out []*checklist.Inspection
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketInspections).ForEach(func(k, v []byte) error {
			var in checklist.Inspection
			if err := decode(v, &in); err != nil {
				return checklist.Errorf(nil, checklist.Text{ZH: "检查 %s", EN: "inspection %s"}, k).Because(err)
			}
			out = append(out, &in)
			return nil
		})
	})
	if err != nil {
		return nil, checklist.Errorf(nil, checklist.Text{ZH: "不能读取检查记录", EN: "read inspections"}).Because(err)
	}
	return out, nil
}

// SetVerdict records the verdict for an item (checklist.Unanswered clears
// it) and returns the inspection as saved. When it returns nil the answer
// is committed to disk.
func (s *Store) SetVerdict(inspectionID, itemID string, v checklist.Verdict, by string) (*checklist.Inspection, error) {
	return s.change(inspectionID, func(in *checklist.Inspection, std *checklist.Standard, at time.Time) (checklist.Change, bool, error) {
		return in.SetVerdict(std, itemID, v, by, at)
	})
}

// SetNote records the note for an item and returns the inspection as
// saved. When it returns nil the note is committed to disk.
func (s *Store) SetNote(inspectionID, itemID, note, by string) (*checklist.Inspection, error) {
	return s.change(inspectionID, func(in *checklist.Inspection, std *checklist.Standard, at time.Time) (checklist.Change, bool, error) {
		return in.SetNote(std, itemID, note, by, at)
	})
}

// Finalize locks a complete inspection. While a scored item is unanswered
// it fails with a *checklist.IncompleteError listing them.
func (s *Store) Finalize(inspectionID, by string) (*checklist.Inspection, error) {
	return s.change(inspectionID, func(in *checklist.Inspection, std *checklist.Standard, at time.Time) (checklist.Change, bool, error) {
		c, err := in.Finalize(std, by, at)
		return c, err == nil, err
	})
}

// Reopen unlocks a finalized inspection for a correction. The reason is
// required and goes to the audit trail with every change that follows.
func (s *Store) Reopen(inspectionID, reason, by string) (*checklist.Inspection, error) {
	return s.changeBecause(inspectionID, reason, func(in *checklist.Inspection, _ *checklist.Standard, at time.Time) (checklist.Change, bool, error) {
		c, err := in.Reopen(reason, by, at)
		return c, err == nil, err
	})
}

// change applies one change to an inspection in one transaction: load,
// apply the domain rule at the change's time (checklist.ChangeTime: never
// before the visit's last change), save, and append to the audit trail the
// status changes and every change to a visit that has been finalized
// before, and the copies a merge kept beside the visit, which the change
// sets aside. It returns once the transaction is committed.
func (s *Store) change(id string, apply func(*checklist.Inspection, *checklist.Standard, time.Time) (checklist.Change, bool, error)) (*checklist.Inspection, error) {
	return s.changeBecause(id, "", apply)
}

// changeBecause is change with the reason a visit of a confirmed year
// needs (checkYearLock): there, every change is refused without one, and
// goes to the audit trail with it.
func (s *Store) changeBecause(id, reason string, apply func(*checklist.Inspection, *checklist.Standard, time.Time) (checklist.Change, bool, error)) (*checklist.Inspection, error) {
	var (
		in    *checklist.Inspection
		saved []byte
	)
	err := s.db.Update(func(tx *bolt.Tx) error {
		var err error
		in, err = s.hot.load(tx, id)
		if err != nil {
			return err
		}
		std, err := s.cachedStandard(tx, in.StandardID)
		if err != nil {
			return err
		}
		locked, err := checkYearLock(tx, in.Date.Year, reason)
		if err != nil {
			return err
		}
		wasAudited := in.Audited()
		at := checklist.ChangeTime(in.UpdatedAt, s.now().UTC())
		c, changed, err := apply(in, std, at)
		if err != nil || !changed {
			return err
		}
		if locked {
			c.Reason = strings.TrimSpace(reason)
		}
		setAside := in.Touch(s.id, c.At)
		// The summaries see a visit's status, never a draft's answers (a
		// finalized visit's answers change only after a reopen): an answer
		// saves the value alone.
		put := writeInspection
		if c.Field == checklist.FieldStatus {
			put = putInspectionValue
		}
		if saved, err = put(tx, in); err != nil {
			return err
		}
		if err := recordSetAside(tx, in.ID, setAside); err != nil {
			return err
		}
		if wasAudited || c.Field == checklist.FieldStatus || locked {
			return appendAudit(tx, c)
		}
		return nil
	})
	if err != nil {
		return nil, checklist.Errorf(nil, checklist.Text{ZH: "检查 %s", EN: "inspection %s"}, id).Because(err)
	}
	if saved != nil {
		s.hot.keep(id, saved, in)
	}
	return in, nil
}

// recordSetAside appends to an inspection's audit trail the copies a
// change set aside (checklist.SetAside), each unless already there.
func recordSetAside(tx *bolt.Tx, id string, copies []checklist.Inspection) error {
	if len(copies) == 0 {
		return nil
	}
	trail, err := auditTrail(tx, id)
	if err != nil {
		return err
	}
	for i := range copies {
		c := checklist.SetAside(&copies[i])
		if containsChange(trail, c) {
			continue
		}
		if err := appendAudit(tx, c); err != nil {
			return err
		}
		trail = append(trail, c)
	}
	return nil
}

// DeleteDraft deletes a draft that was never finalized. A visit that was
// finalized once is kept: its history is audited.
func (s *Store) DeleteDraft(id string) error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		in, err := loadInspection(tx, id)
		if err != nil {
			return err
		}
		if in.Status == checklist.Finalized || in.Audited() {
			return checklist.Errorf(checklist.ErrInvalid, checklist.Text{
				ZH: "只有从未定稿的草稿才能删除；定稿过的检查要保留（它的修改都有审计记录）",
				EN: "only a draft that was never finalized can be deleted; a visit finalized once is kept (its changes are audited)"})
		}
		if err := draftUnlocked(tx, in.Date.Year); err != nil {
			return err
		}
		if err := tx.Bucket(bucketInspections).Delete([]byte(id)); err != nil {
			return err
		}
		if err := indexDelete(tx, bucketInspectionYears, yearKey(in.Date.Year), id); err != nil {
			return err
		}
		if err := indexDelete(tx, bucketSchoolInspections, []byte(in.SchoolID), id); err != nil {
			return err
		}
		return unsummarise(tx, in)
	})
	if err != nil {
		if _, ok := err.(*checklist.Error); ok {
			return err
		}
		return checklist.Errorf(nil, checklist.Text{ZH: "不能删除检查 %s", EN: "delete inspection %s"}, id).Because(err)
	}
	return nil
}

// appendAudit adds a change to its inspection's audit trail.
func appendAudit(tx *bolt.Tx, c checklist.Change) error {
	b, err := tx.Bucket(bucketAudit).CreateBucketIfNotExists([]byte(c.InspectionID))
	if err != nil {
		return err
	}
	return appendChange(b, c)
}

// appendChange adds a change at the end of an audit trail's bucket, keyed
// by the bucket's next sequence number.
func appendChange(b *bolt.Bucket, c checklist.Change) error {
	seq, err := b.NextSequence()
	if err != nil {
		return err
	}
	v, err := encode(c)
	if err != nil {
		return err
	}
	return b.Put(u64(seq), v)
}

// AuditTrail returns an inspection's audit trail, oldest first, and
// last the copies a merge keeps beside the visit (changed elsewhere at
// the same time, and lost), each as the entry the visit's next change
// will record (checklist.SetAside).
func (s *Store) AuditTrail(inspectionID string) ([]checklist.Change, error) {
	var out []checklist.Change
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		if out, err = auditTrail(tx, inspectionID); err != nil {
			return err
		}
		in, err := getInspection(tx, inspectionID)
		if errors.Is(err, checklist.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		for i := range in.Conflicting {
			if c := checklist.SetAside(&in.Conflicting[i]); !containsChange(out, c) {
				out = append(out, c)
			}
		}
		return nil
	})
	return out, err
}

func auditTrail(tx *bolt.Tx, inspectionID string) ([]checklist.Change, error) {
	var out []checklist.Change
	b := tx.Bucket(bucketAudit).Bucket([]byte(inspectionID))
	if b == nil {
		return nil, nil
	}
	err := b.ForEach(func(k, v []byte) error {
		var c checklist.Change
		if err := decode(v, &c); err != nil {
			return checklist.Errorf(nil, checklist.Text{ZH: "审计记录 %x", EN: "audit entry %x"}, k).Because(err)
		}
		out = append(out, c)
		return nil
	})
	if err != nil {
		return nil, checklist.Errorf(nil, checklist.Text{ZH: "不能读取检查 %s 的审计记录", EN: "read audit trail of %s"}, inspectionID).Because(err)
	}
	return out, nil
}
