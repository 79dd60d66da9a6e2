package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"time"

	bolt "go.etcd.io/bbolt"

	"branchcheck/bundle"
	"branchcheck/checklist"
)

// ExportBundle gathers what the database holds into a bundle: every
// inspection that passes the filter with its audit trail, the schools and
// standards they need, and, without a filter, every school and standard.
func (s *Store) ExportBundle(f bundle.Filter) (*bundle.Bundle, error) {
	b := &bundle.Bundle{Header: bundle.Header{CreatedAt: s.now().UTC(), DatabaseID: s.id, Filter: f}}
	filtered := !f.Since.IsZero() || f.Inspector != ""
	err := s.db.View(func(tx *bolt.Tx) error {
		needSchool, needStd := map[string]bool{}, map[string]bool{}
		err := tx.Bucket(bucketInspections).ForEach(func(k, v []byte) error {
			var in checklist.Inspection
			if err := decode(v, &in); err != nil {
				return fmt.Errorf("inspection %s: %w", k, err)
			}
			if f.Inspector != "" && in.Inspector != f.Inspector {
				return nil
			}
			if !f.Since.IsZero() && checklist.DateOf(in.UpdatedAt.In(time.Local)).Compare(f.Since) < 0 {
				return nil
			}
			b.Inspections = append(b.Inspections, &in)
			needSchool[in.SchoolID], needStd[in.StandardID] = true, true
			trail, err := auditTrail(tx, in.ID)
			b.Audit = append(b.Audit, trail...)
			return err
		})
		if err != nil {
			return err
		}
		err = tx.Bucket(bucketSchools).ForEach(func(k, v []byte) error {
			if filtered && !needSchool[string(k)] {
				return nil
			}
			var sc checklist.School
			if err := decode(v, &sc); err != nil {
				return fmt.Errorf("school %s: %w", k, err)
			}
			b.Schools = append(b.Schools, sc)
			return nil
		})
		if err != nil {
			return err
		}
		err = tx.Bucket(bucketStandards).ForEach(func(k, v []byte) error {
			if filtered && !needStd[string(k)] {
				return nil
			}
			var std checklist.Standard
			if err := decode(v, &std); err != nil {
				return fmt.Errorf("standard %s: %w", k, err)
			}
			delete(needStd, std.ID)
			b.Standards = append(b.Standards, &std)
			return nil
		})
		if err != nil {
			return err
		}
		for id := range needStd { // the shipped standard is not stored until used
			std, err := getStandard(tx, id)
			if err != nil {
				return err
			}
			b.Standards = append(b.Standards, std)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("export bundle from %s: %w", s.path, err)
	}
	return b, nil
}

// Counts are what a merge did to one kind of record.
type Counts struct {
	Added, Updated, Unchanged int
}

// Conflict is one inspection changed both in this database and in the
// bundle since they last met. The version changed last is kept; the other
// is recorded in the inspection's audit trail.
type Conflict struct {
	InspectionID string
	School       string
	// KeptBundle: the bundle's version was kept (else this database's).
	KeptBundle          bool
	KeptAt, DiscardedAt time.Time
}

// MergeSummary says what a merge did, or with a dry run, would do.
type MergeSummary struct {
	Standards, Schools, Inspections Counts
	AuditAdded                      int
	Conflicts                       []Conflict
	// Backup is the backup taken before the merge wrote anything ("" if
	// nothing was written).
	Backup string
}

// Changed reports whether the merge changes anything.
func (m *MergeSummary) Changed() bool {
	return m.Standards.Added+m.Standards.Updated+m.Schools.Added+m.Schools.Updated+
		m.Inspections.Added+m.Inspections.Updated+m.AuditAdded+len(m.Conflicts) > 0
}

var errDryRun = errors.New("dry run")

// MergeBundles merges bundles into the database, in order, in one
// transaction: standards by id; schools by id, else by name and township;
// inspections by id, using their version vectors to tell a newer copy
// (taken) from an older one (ignored) and from one changed on both sides
// (a conflict: the version changed last is kept and the other goes to the
// audit trail). Audit entries are added unless already there. Merging the
// same bundle twice changes nothing. A bundle that fails validation, or
// holds a standard that differs from this database's under the same id,
// refuses the whole merge. Before writing anything a backup is taken. With
// dryRun nothing is written and the summaries say what would change. It
// returns one summary per bundle.
func (s *Store) MergeBundles(bs []*bundle.Bundle, dryRun bool) ([]*MergeSummary, error) {
	for i, b := range bs {
		if err := b.Validate(); err != nil {
			return nil, fmt.Errorf("bundle %d: %w", i+1, err)
		}
	}
	sums, err := s.merge(bs, true)
	if err != nil || dryRun || !anyChanged(sums) {
		return sums, err
	}
	backup, err := s.backupNow("before-import")
	if err != nil {
		return nil, fmt.Errorf("back up before the import (nothing was imported): %w", err)
	}
	if sums, err = s.merge(bs, false); err != nil {
		return nil, err
	}
	for _, sum := range sums {
		sum.Backup = backup
	}
	return sums, nil
}

// MergeBundle merges one bundle; see MergeBundles.
func (s *Store) MergeBundle(b *bundle.Bundle, dryRun bool) (*MergeSummary, error) {
	sums, err := s.MergeBundles([]*bundle.Bundle{b}, dryRun)
	if err != nil {
		return nil, err
	}
	return sums[0], nil
}

func anyChanged(sums []*MergeSummary) bool {
	for _, s := range sums {
		if s.Changed() {
			return true
		}
	}
	return false
}

func (s *Store) merge(bs []*bundle.Bundle, dryRun bool) ([]*MergeSummary, error) {
	var sums []*MergeSummary
	now := s.now().UTC()
	err := s.db.Update(func(tx *bolt.Tx) error {
		for i, b := range bs {
			sum, err := s.mergeOne(tx, b, now)
			if err != nil {
				return fmt.Errorf("bundle %d: %w", i+1, err)
			}
			sums = append(sums, sum)
		}
		if dryRun {
			return errDryRun
		}
		return nil
	})
	if err != nil && !errors.Is(err, errDryRun) {
		return nil, fmt.Errorf("import into %s (nothing was imported): %w", s.path, err)
	}
	return sums, nil
}

func (s *Store) mergeOne(tx *bolt.Tx, b *bundle.Bundle, now time.Time) (*MergeSummary, error) {
	sum := &MergeSummary{}
	if err := mergeStandards(tx, b, sum); err != nil {
		return nil, err
	}
	schoolIDs, names, err := mergeSchools(tx, b, sum)
	if err != nil {
		return nil, err
	}
	for _, in := range b.Inspections {
		if err := s.mergeInspection(tx, in, schoolIDs, names, now, sum); err != nil {
			return nil, fmt.Errorf("inspection %s: %w", in.ID, err)
		}
	}
	if err := mergeAudit(tx, b.Audit, sum); err != nil {
		return nil, err
	}
	return sum, nil
}

func mergeStandards(tx *bolt.Tx, b *bundle.Bundle, sum *MergeSummary) error {
	for _, std := range b.Standards {
		existing := tx.Bucket(bucketStandards).Get([]byte(std.ID)) != nil
		if err := saveStandard(tx, std); err != nil {
			return fmt.Errorf("standard %s: %w", std.ID, err)
		}
		if existing {
			sum.Standards.Unchanged++
		} else {
			sum.Standards.Added++
		}
	}
	return nil
}

// mergeSchools adds or updates the bundle's schools and returns the local
// id of each bundle school id, and the schools' names for the summary.
func mergeSchools(tx *bolt.Tx, b *bundle.Bundle, sum *MergeSummary) (map[string]string, map[string]string, error) {
	sb := tx.Bucket(bucketSchools)
	idx, err := loadSchoolIndex(sb)
	if err != nil {
		return nil, nil, err
	}
	ids, names := map[string]string{}, map[string]string{}
	for _, in := range b.Schools {
		normaliseSchool(&in)
		local, found := idx.byID[in.ID]
		if !found {
			local, found = idx.byID[idx.byName[nameKey(in.Name, in.Township)]]
		}
		switch {
		case !found:
			if err := putSchool(sb, &in); err != nil {
				return nil, nil, err
			}
			idx.add(in)
			sum.Schools.Added++
			local = in
		case sameSchool(local, in) || !in.UpdatedAt.After(local.UpdatedAt):
			sum.Schools.Unchanged++
		default:
			updated := in
			updated.ID, updated.CreatedAt = local.ID, local.CreatedAt
			if err := putSchool(sb, &updated); err != nil {
				return nil, nil, err
			}
			idx.add(updated)
			sum.Schools.Updated++
			local = updated
		}
		ids[in.ID], names[local.ID] = local.ID, local.Name
	}
	return ids, names, nil
}

func sameSchool(a, b checklist.School) bool {
	return a.Name == b.Name && a.Township == b.Township && a.Kind == b.Kind && a.Secretary == b.Secretary && a.Contact == b.Contact
}

func (s *Store) mergeInspection(tx *bolt.Tx, incoming *checklist.Inspection, schoolIDs, names map[string]string, now time.Time, sum *MergeSummary) error {
	in := cloneInspection(incoming) // the bundle stays as read: a dry run comes first
	in.SchoolID = schoolIDs[in.SchoolID]
	local, err := getInspection(tx, in.ID)
	if errors.Is(err, checklist.ErrNotFound) {
		sum.Inspections.Added++
		return putInspection(tx, in)
	}
	if err != nil {
		return err
	}
	if local.SchoolID != in.SchoolID || local.Date != in.Date || local.StandardID != in.StandardID {
		return fmt.Errorf("%w: the bundle's copy is of another school, date or standard than this database's", checklist.ErrInvalid)
	}
	switch checklist.CompareVersions(local.Versions, in.Versions) {
	case checklist.Same, checklist.Newer:
		sum.Inspections.Unchanged++
		return nil
	case checklist.Older:
		sum.Inspections.Updated++
		_, err := putInspectionValue(tx, in)
		return err
	}
	// Changed on both sides: keep the one changed last, record the other.
	kept, discarded, keptBundle := local, in, false
	if in.UpdatedAt.After(local.UpdatedAt) {
		kept, discarded, keptBundle = in, local, true
	}
	merged := *kept
	merged.Versions = maps.Clone(local.Versions)
	for k, v := range in.Versions {
		merged.Versions[k] = max(merged.Versions[k], v)
	}
	merged.Touch(s.id, now)
	old, err := json.Marshal(discarded)
	if err != nil {
		return err
	}
	where := "this database"
	if keptBundle {
		where = "the bundle"
	}
	c := checklist.Change{
		InspectionID: in.ID, Field: checklist.FieldMerge, Old: string(old),
		New: fmt.Sprintf("kept the version from %s, changed %s", where, kept.UpdatedAt.Format(time.RFC3339)),
		By:  "branchcheck bundle import", At: now,
		Reason: "changed in two databases since they last met; the version changed last is kept, the other is recorded here",
	}
	if err := appendAudit(tx, c); err != nil {
		return err
	}
	sum.Conflicts = append(sum.Conflicts, Conflict{
		InspectionID: in.ID, School: names[in.SchoolID], KeptBundle: keptBundle,
		KeptAt: kept.UpdatedAt, DiscardedAt: discarded.UpdatedAt,
	})
	_, err = putInspectionValue(tx, &merged)
	return err
}

// mergeAudit adds the bundle's audit entries an inspection's trail does
// not have yet, in the bundle's order.
func mergeAudit(tx *bolt.Tx, entries []checklist.Change, sum *MergeSummary) error {
	have := map[string][]checklist.Change{}
	for _, c := range entries {
		trail, ok := have[c.InspectionID]
		if !ok {
			var err error
			if trail, err = auditTrail(tx, c.InspectionID); err != nil {
				return err
			}
		}
		if containsChange(trail, c) {
			have[c.InspectionID] = trail
			continue
		}
		if err := appendAudit(tx, c); err != nil {
			return err
		}
		have[c.InspectionID] = append(trail, c)
		sum.AuditAdded++
	}
	return nil
}

func containsChange(trail []checklist.Change, c checklist.Change) bool {
	for _, t := range trail {
		if t.ItemID == c.ItemID && t.Field == c.Field && t.Old == c.Old && t.New == c.New &&
			t.By == c.By && t.At.Equal(c.At) && t.Reason == c.Reason {
			return true
		}
	}
	return false
}
