package store

import (
	"bytes"
	"encoding/json"

	bolt "go.etcd.io/bbolt"

	"branchcheck/checklist"
)

// InstallStandard saves a bureau's standard and makes it the one new
// inspections of its year are made under (a year-0 standard serves every
// year without its own). A standard under an id no inspection uses yet
// can be corrected: installing a different one under that id replaces it
// (and its year). Once an inspection uses an id, the id is permanent:
// installing a different standard under it is refused, so visits made
// under it keep their scores. Installing the same one again is a no-op.
func (s *Store) InstallStandard(std *checklist.Standard) error {
	if err := std.Validate(); err != nil {
		return checklist.Errorf(nil, checklist.Text{ZH: "安装标准 %s", EN: "install standard %s"}, std.ID).Because(err)
	}
	replaced := false
	err := s.db.Update(func(tx *bolt.Tx) error {
		var err error
		if replaced, err = replaceUnusedStandard(tx, std); err != nil {
			return err
		}
		if !replaced {
			if err := saveStandard(tx, std); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketStandardYears).Put(yearKey(std.Year), []byte(std.ID))
	})
	if replaced {
		s.mu.Lock()
		delete(s.standards, std.ID)
		s.mu.Unlock()
	}
	if err != nil {
		return checklist.Errorf(nil, checklist.Text{ZH: "安装标准 %s", EN: "install standard %s"}, std.ID).Because(err)
	}
	return nil
}

// replaceUnusedStandard replaces a different standard saved under std's
// id, and says whether it did, when no inspection was made under it; the
// year the old one was installed for no longer points to it. A standard
// used by an inspection is refused, and so is a different standard under
// the id of a standard this program ships or shipped; the same standard or
// a new id are left to saveStandard.
func replaceUnusedStandard(tx *bolt.Tx, std *checklist.Standard) (bool, error) {
	if std.Shipped() {
		if std.ID == checklist.DefaultStandardID && sameStandard(checklist.DefaultStandard(), std) {
			return false, nil
		}
		// An earlier shipped standard comes only with the visits made
		// under it (a database or a bundle of an older program): a
		// bureau's file under its id would be printed as the program's
		// defaults.
		return false, checklist.Errorf(checklist.ErrInvalid, checklist.Text{
			ZH: "编号 %s 属于随程序提供的标准；请给你的标准换一个编号",
			EN: "id %s belongs to the shipped standard; give yours a new id",
		}, std.ID)
	}
	b := tx.Bucket(bucketStandards)
	old := b.Get([]byte(std.ID))
	if old == nil {
		return false, nil
	}
	var saved checklist.Standard
	if err := decode(old, &saved); err != nil {
		return false, checklist.Errorf(nil, checklist.Text{ZH: "标准 %s", EN: "standard %s"}, std.ID).Because(err)
	}
	if sameStandard(&saved, std) {
		return false, nil
	}
	var used int
	err := tx.Bucket(bucketInspections).ForEach(func(k, v []byte) error {
		var in struct {
			StandardID string `json:"standard_id"`
		}
		if err := decode(v, &in); err != nil {
			return checklist.Errorf(nil, checklist.Text{ZH: "检查 %s", EN: "inspection %s"}, k).Because(err)
		}
		if in.StandardID == std.ID {
			used++
		}
		return nil
	})
	if err != nil {
		return false, err
	}
	if used > 0 {
		return false, checklist.Errorf(checklist.ErrInvalid, checklist.Text{
			ZH: "已有 %d 次检查按标准 %s 进行，它不能再改；请给改过的标准换一个新编号",
			EN: "%[2]s is the standard of %[1]s, so it cannot change; give the changed standard a new id",
		}, checklist.Counted(used, "inspection", "inspections"), std.ID)
	}
	years := tx.Bucket(bucketStandardYears)
	if saved.Year != std.Year && string(years.Get(yearKey(saved.Year))) == std.ID {
		if err := years.Delete(yearKey(saved.Year)); err != nil {
			return false, err
		}
	}
	v, err := encode(std)
	if err != nil {
		return false, err
	}
	return true, b.Put([]byte(std.ID), v)
}

// saveStandard keeps a copy of a standard, refusing a different one under
// the same id.
func saveStandard(tx *bolt.Tx, std *checklist.Standard) error {
	b := tx.Bucket(bucketStandards)
	if old := b.Get([]byte(std.ID)); old != nil {
		var saved checklist.Standard
		if err := decode(old, &saved); err != nil {
			return checklist.Errorf(nil, checklist.Text{ZH: "标准 %s", EN: "standard %s"}, std.ID).Because(err)
		}
		if sameStandard(&saved, std) {
			return nil
		}
		return checklist.Errorf(checklist.ErrInvalid, checklist.Text{
			ZH: "数据库里已有另一个编号为 %s 的标准；请给新标准换一个编号",
			EN: "a different standard with id %s is already in the database; give the new one a new id"}, std.ID)
	}
	if std.ID == checklist.DefaultStandardID && !sameStandard(checklist.DefaultStandard(), std) {
		return checklist.Errorf(checklist.ErrInvalid, checklist.Text{
			ZH: "编号 %s 属于随程序提供的标准；请给你的标准换一个编号",
			EN: "id %s belongs to the shipped standard; give yours a new id"}, std.ID)
	}
	v, err := encode(std)
	if err != nil {
		return err
	}
	return b.Put([]byte(std.ID), v)
}

// sameStandard reports whether two standards say the same. JSON, unlike
// the stored encoding, writes equal values as equal bytes.
func sameStandard(a, b *checklist.Standard) bool {
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	return errA == nil && errB == nil && bytes.Equal(ja, jb)
}

// Standard returns the standard with the given id: a saved one, or the
// shipped default. Standards never change under their id, so the Store
// reads each once and hands out the same value: callers must not modify
// it.
func (s *Store) Standard(id string) (*checklist.Standard, error) {
	var std *checklist.Standard
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		std, err = s.cachedStandard(tx, id)
		return err
	})
	return std, err
}

func getStandard(tx *bolt.Tx, id string) (*checklist.Standard, error) {
	v := tx.Bucket(bucketStandards).Get([]byte(id))
	if v == nil {
		if id == checklist.DefaultStandardID {
			return checklist.DefaultStandard(), nil
		}
		return nil, checklist.Errorf(checklist.ErrNotFound, checklist.Text{ZH: "没有编号为 %s 的标准", EN: "standard %s: not found"}, id)
	}
	var std checklist.Standard
	if err := decode(v, &std); err != nil {
		return nil, checklist.Errorf(nil, checklist.Text{ZH: "标准 %s", EN: "standard %s"}, id).Because(err)
	}
	return &std, nil
}

// Standards returns every standard the database knows, by id, the
// shipped default among them. Like Standard's, the values are shared and
// must not be modified.
func (s *Store) Standards() (map[string]*checklist.Standard, error) {
	out := map[string]*checklist.Standard{}
	err := s.db.View(func(tx *bolt.Tx) error {
		std, err := s.cachedStandard(tx, checklist.DefaultStandardID)
		if err != nil {
			return err
		}
		out[std.ID] = std
		return tx.Bucket(bucketStandards).ForEach(func(k, _ []byte) error {
			std, err := s.cachedStandard(tx, string(k))
			if err != nil {
				return err
			}
			out[std.ID] = std
			return nil
		})
	})
	if err != nil {
		return nil, checklist.Errorf(nil, checklist.Text{ZH: "不能读取标准", EN: "read standards"}).Because(err)
	}
	return out, nil
}

// StandardForYear returns the standard new inspections of a year are made
// under: the one installed for the year, else one installed for any year,
// else the shipped default.
func (s *Store) StandardForYear(year int) (*checklist.Standard, error) {
	var std *checklist.Standard
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		std, err = s.standardForYear(tx, year)
		return err
	})
	return std, err
}

func (s *Store) standardForYear(tx *bolt.Tx, year int) (*checklist.Standard, error) {
	years := tx.Bucket(bucketStandardYears)
	for _, y := range []int{year, 0} {
		if id := years.Get(yearKey(y)); id != nil {
			return s.cachedStandard(tx, string(id))
		}
	}
	return s.cachedStandard(tx, checklist.DefaultStandardID)
}
