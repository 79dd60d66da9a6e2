package store

import (
	"errors"

	bolt "go.etcd.io/bbolt"

	"branchcheck/checklist"
)

// Putting mistakes right: a school edited, deleted (while it has no
// visits) or archived (once it has), a draft re-dated. Each is one
// transaction that brings the school_names index and the summaries up to
// date with it; each error is worded in both languages.
//
// Edits and archiving merge as every change to a school does: the school
// is touched (its version vector counts the change, at checklist.ChangeTime),
// so a bundle carries it and the later change wins a conflict
// (checklist.MergeSchools compares the archive day with the other fields).
// Deleting a school does not merge, as deleting a draft does not: a bundle
// from a database that still holds the school brings it back.

// EditSchool changes a school's fields: sc names the school by its ID and
// gives its new name, township, kind, secretary and contact (every field:
// an empty one is cleared, the name excepted, which is required). Its
// other fields (versions, times, aliases, the archive day) are the stored
// school's. A name and township another school has is refused. Nothing
// changed saves nothing. It returns the school as saved.
func (s *Store) EditSchool(sc checklist.School) (checklist.School, error) {
	normaliseSchool(&sc)
	if err := checkSchoolFields(&sc); err != nil {
		return checklist.School{}, err
	}
	var out checklist.School
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSchools)
		old, err := loadSchool(b, sc.ID)
		if err != nil {
			return err
		}
		next := old
		next.Name, next.Township, next.Kind, next.Secretary, next.Contact = sc.Name, sc.Township, sc.Kind, sc.Secretary, sc.Contact
		out = next
		if next.SameFields(&old) {
			return nil
		}
		if other := schoolByName(tx, next.Name, next.Township); other != "" && other != next.ID {
			return alreadyListed(tx, next.Name, next.Township, other)
		}
		next.Touch(s.id, checklist.ChangeTime(old.UpdatedAt, s.now().UTC()))
		out = next
		return putSchool(b, &next)
	})
	if err != nil {
		return checklist.School{}, err
	}
	return out, nil
}

// DeleteSchool deletes a school that has no visits, with its entry in the
// school_names index. A school with visits is refused: archive it.
func (s *Store) DeleteSchool(id string) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		sc, err := loadSchool(tx.Bucket(bucketSchools), id)
		if err != nil {
			return err
		}
		if n := visitCount(tx, id); n > 0 {
			return checklist.Errorf(checklist.ErrInvalid, checklist.Text{
				ZH: "学校 %s 有 %d 次检查记录，不能删除；不再检查的学校可以归档",
				EN: "school %s has %s and cannot be deleted; archive a school that is no longer inspected"}, sc.Name, checklist.Counted(n, "visit", "visits"))
		}
		return deleteSchool(tx, sc.ID)
	})
}

// ArchiveSchool archives a school on today's date (in the clock's time
// zone): it leaves the schools list and new work, and keeps its visits and
// the ratings of the years before (checklist.School.ListedIn). A school
// with a draft in progress is refused: the draft would be hidden with it.
// Archiving an archived school changes nothing. It returns the school as
// saved.
func (s *Store) ArchiveSchool(id string) (checklist.School, error) {
	return s.setArchived(id, checklist.DateOf(s.clock()))
}

// UnarchiveSchool brings an archived school back to the schools list and
// to new work. A school not archived is left as it is. It returns the
// school as saved.
func (s *Store) UnarchiveSchool(id string) (checklist.School, error) {
	return s.setArchived(id, checklist.Date{})
}

func (s *Store) setArchived(id string, on checklist.Date) (checklist.School, error) {
	var out checklist.School
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSchools)
		sc, err := loadSchool(b, id)
		if err != nil {
			return err
		}
		out = sc
		if sc.IsArchived() == !on.IsZero() {
			return nil
		}
		if !on.IsZero() {
			sum, err := getSchoolSummary(tx, sc.ID)
			if err != nil {
				return err
			}
			if n := len(sum.Drafts); n > 0 {
				return checklist.Errorf(checklist.ErrInvalid, checklist.Text{
					ZH: "学校 %s 还有 %d 份未定稿的检查（草稿）：请先定稿或删除，再归档",
					EN: "school %s has %s left to finalize or delete before it can be archived"}, sc.Name, checklist.Counted(n, "draft visit", "draft visits"))
			}
		}
		sc.Archived = on
		sc.Touch(s.id, checklist.ChangeTime(sc.UpdatedAt, s.now().UTC()))
		out = sc
		return putSchool(b, &sc)
	})
	if err != nil {
		return checklist.School{}, err
	}
	return out, nil
}

// RedateDraft changes the date of a draft that was never finalized (a
// finalized visit's date is history: it was rated in that year, and a
// reopened one's audit trail stands on it). The date may not be after
// today (in the clock's time zone). A date in another year is taken only
// when that year's new visits are made under the draft's own standard:
// its answers were given to that standard's items, and a visit is rated
// under the standard of its year; otherwise the draft is to be deleted and
// the visit started again in that year. The year index and the school's
// summary follow in the same transaction. It returns the visit as saved.
func (s *Store) RedateDraft(id string, date checklist.Date) (*checklist.Inspection, error) {
	if !date.Valid() {
		return nil, checklist.Errorf(checklist.ErrInvalid, checklist.Text{ZH: "日期 %s 无效", EN: "the date %s is not valid"}, date)
	}
	if err := date.CheckNotAfter(checklist.DateOf(s.clock())); err != nil {
		return nil, err
	}
	var in *checklist.Inspection
	err := s.db.Update(func(tx *bolt.Tx) error {
		var err error
		if in, err = loadInspection(tx, id); err != nil {
			return err
		}
		switch {
		case in.Status == checklist.Finalized:
			return checklist.Errorf(checklist.ErrFinalized, checklist.Text{
				ZH: "这次检查已定稿，日期不能再改", EN: "the visit is finalized: its date cannot change"})
		case in.Audited():
			return checklist.Errorf(checklist.ErrInvalid, checklist.Text{
				ZH: "这次检查定稿过，日期不能再改（它曾计入评定，审计记录以这个日期为准）",
				EN: "the visit was finalized once: its date cannot change (it counted in a rating, and its audit trail stands on that date)"})
		case in.Date == date:
			return nil
		}
		for _, year := range []int{in.Date.Year, date.Year} { // out of a confirmed year, or into one
			if err := draftUnlocked(tx, year); err != nil {
				return err
			}
		}
		if date.Year != in.Date.Year {
			std, err := s.standardForYear(tx, date.Year)
			if err != nil {
				return err
			}
			if std.ID != in.StandardID {
				return checklist.Errorf(checklist.ErrInvalid, checklist.Text{
					ZH: "%[1]d 年的新检查按标准 %[2]s 进行，这份草稿是按标准 %[3]s 填写的，不能改到 %[1]d 年；请删除这份草稿，在 %[1]d 年重新开始检查",
					EN: "new visits of %[1]d are made under standard %[2]s and this draft under %[3]s, so it cannot move to %[1]d; delete the draft and start a new visit dated in %[1]d"},
					date.Year, std.ID, in.StandardID)
			}
		}
		was := *in
		in.Date = date
		setAside := in.Touch(s.id, checklist.ChangeTime(in.UpdatedAt, s.now().UTC()))
		if _, err := putInspectionValue(tx, in); err != nil {
			return err
		}
		if err := recordSetAside(tx, in.ID, setAside); err != nil {
			return err
		}
		return moveDate(tx, &was, in)
	})
	if err != nil {
		return nil, err
	}
	return in, nil
}

// moveDate brings the year index and the summaries up to date with a
// visit whose date changed from was's to in's (saved in tx with
// putInspectionValue, so that what follows a saved visit follows it): a
// re-dated draft, or a merged copy of one.
func moveDate(tx *bolt.Tx, was, in *checklist.Inspection) error {
	if was.Date.Year != in.Date.Year {
		if err := indexDelete(tx, bucketInspectionYears, yearKey(was.Date.Year), in.ID); err != nil {
			return err
		}
		if err := indexPut(tx, bucketInspectionYears, yearKey(in.Date.Year), in.ID); err != nil {
			return err
		}
	}
	return resummarise(tx, in.SchoolID, was.Date.Year, in.Date.Year)
}

// resummarise rebuilds a school's summary from its visits, and its rating
// summaries of the years given.
func resummarise(tx *bolt.Tx, schoolID string, years ...int) error {
	var sum schoolSummary
	if err := schoolVisits(tx, schoolID, sum.add); err != nil {
		return err
	}
	if err := putSchoolSummary(tx, schoolID, &sum); err != nil {
		return err
	}
	for _, y := range years {
		r, err := latestFinalized(tx, schoolID, y)
		if err != nil {
			return err
		}
		if err := putRatedVisit(tx, y, schoolID, r); err != nil {
			return err
		}
	}
	return nil
}

// loadSchool reads a school for a change, with errors worded for the
// user: none with the id, or a damaged record.
func loadSchool(b *bolt.Bucket, id string) (checklist.School, error) {
	sc, err := getSchool(b, id)
	if errors.Is(err, checklist.ErrNotFound) {
		return sc, checklist.Errorf(checklist.ErrNotFound, checklist.Text{ZH: "没有编号为 %s 的学校", EN: "no school with id %s"}, id)
	}
	return sc, err
}

// loadInspection reads a visit for a change, with errors worded for the
// user.
func loadInspection(tx *bolt.Tx, id string) (*checklist.Inspection, error) {
	in, err := getInspection(tx, id)
	if errors.Is(err, checklist.ErrNotFound) {
		return nil, checklist.Errorf(checklist.ErrNotFound, checklist.Text{ZH: "没有编号为 %s 的检查", EN: "no visit with id %s"}, id)
	}
	return in, err
}

// visitCount counts a school's visits, drafts included.
func visitCount(tx *bolt.Tx, schoolID string) int {
	idx := tx.Bucket(bucketSchoolInspections).Bucket([]byte(schoolID))
	if idx == nil {
		return 0
	}
	return idx.Stats().KeyN
}

// checkSchoolFields applies the rules for text that comes in to a
// school's fields, and requires its name.
func checkSchoolFields(sc *checklist.School) error {
	if sc.Name == "" {
		return checklist.Errorf(checklist.ErrInvalid, checklist.Text{ZH: "学校名称不能为空", EN: "a school needs a name"})
	}
	for _, f := range []struct {
		name checklist.Text
		v    string
	}{
		{checklist.TextSchoolName, sc.Name}, {checklist.TextTownship, sc.Township}, {checklist.TextKind, sc.Kind},
		{checklist.TextSecretary, sc.Secretary}, {checklist.TextContact, sc.Contact},
	} {
		if err := checklist.CheckLine(f.name, f.v, checklist.MaxLine); err != nil {
			return err
		}
	}
	return nil
}

// alreadyListed refuses a name and township another school (id) has.
func alreadyListed(tx *bolt.Tx, name, township, id string) error {
	if other, err := getSchool(tx.Bucket(bucketSchools), id); err == nil && other.IsArchived() {
		return checklist.Errorf(checklist.ErrInvalid, checklist.Text{
			ZH: "%s（%s）已在学校名单中（已于 %s 归档）", EN: "%s (%s) is already in the list (archived on %s)"},
			name, orDash(township), other.Archived)
	}
	return checklist.Errorf(checklist.ErrInvalid, checklist.Text{ZH: "%s（%s）已在学校名单中", EN: "%s (%s) is already in the list"}, name, orDash(township))
}
