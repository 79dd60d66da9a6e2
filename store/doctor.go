package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"

	"branchcheck/checklist"
)

// Health is what Check found.
type Health struct {
	Schema            int
	Schools           int
	Standards         int
	Finalized, Drafts int
	Answers           int
	AuditEntries      int
	SizeBytes         int64
	Backups           int
	// Problems are what is wrong, in plain words; empty when healthy.
	Problems []string
}

// Check runs bbolt's consistency check over every page and then reads
// every value back, checking that it decodes and that the indexes agree
// with the inspections. It reports what it found; an error means the
// check itself could not run.
func (s *Store) Check() (*Health, error) {
	h := &Health{Schema: schemaVersion}
	err := s.db.View(func(tx *bolt.Tx) error {
		h.SizeBytes = tx.Size()
		for err := range tx.Check() {
			h.Problems = append(h.Problems, "storage: "+err.Error())
		}
		if len(h.Problems) > 0 {
			return nil // pages are damaged: reading values could mislead
		}
		problem := func(format string, args ...any) { h.Problems = append(h.Problems, fmt.Sprintf(format, args...)) }
		schools := map[string]bool{}
		tx.Bucket(bucketSchools).ForEach(func(k, v []byte) error {
			var sc checklist.School
			if err := decode(v, &sc); err != nil {
				problem("school %s cannot be read: %v", k, err)
				return nil
			}
			schools[sc.ID] = true
			h.Schools++
			return nil
		})
		tx.Bucket(bucketStandards).ForEach(func(k, v []byte) error {
			var std checklist.Standard
			if err := decode(v, &std); err != nil {
				problem("standard %s cannot be read: %v", k, err)
			} else if err := std.Validate(); err != nil {
				problem("standard %s is not valid: %v", k, err)
			}
			h.Standards++
			return nil
		})
		tx.Bucket(bucketInspections).ForEach(func(k, v []byte) error {
			var in checklist.Inspection
			if err := decode(v, &in); err != nil {
				problem("inspection %s cannot be read: %v", k, err)
				return nil
			}
			switch in.Status {
			case checklist.Finalized:
				h.Finalized++
			case checklist.Draft:
				h.Drafts++
			default:
				problem("inspection %s has an unknown status %q", k, in.Status)
			}
			h.Answers += len(in.Answers)
			if !schools[in.SchoolID] {
				problem("inspection %s belongs to a school that is not in the list (%s)", k, in.SchoolID)
			}
			if _, err := getStandard(tx, in.StandardID); err != nil {
				problem("inspection %s: its standard %s is missing", k, in.StandardID)
			}
			if b := tx.Bucket(bucketInspectionYears).Bucket(yearKey(in.Date.Year)); b == nil || b.Get(k) == nil {
				problem("inspection %s is missing from the year index", k)
			}
			if b := tx.Bucket(bucketSchoolInspections).Bucket([]byte(in.SchoolID)); b == nil || b.Get(k) == nil {
				problem("inspection %s is missing from its school's index", k)
			}
			return nil
		})
		tx.Bucket(bucketAudit).ForEach(func(k, _ []byte) error {
			if b := tx.Bucket(bucketAudit).Bucket(k); b != nil {
				h.AuditEntries += b.Stats().KeyN
			}
			return nil
		})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("check %s: %w", s.path, err)
	}
	backups, err := s.Backups()
	if err == nil {
		h.Backups = len(backups)
	}
	return h, nil
}
