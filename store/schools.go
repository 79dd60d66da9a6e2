package store

import (
	"strings"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"

	"branchcheck/checklist"
)

// newID returns a new time-ordered unique id (UUIDv7).
func newID() string { return uuid.Must(uuid.NewV7()).String() }

// AddSchool saves a new school and returns it with its id and times set.
// Its fields are checked as text that comes in (checklist.CheckLine); a
// name and township another school has, archived or not, are refused.
// Errors are worded in both languages.
func (s *Store) AddSchool(sc checklist.School) (checklist.School, error) {
	normaliseSchool(&sc)
	if err := checkSchoolFields(&sc); err != nil {
		return sc, err
	}
	if err := sc.Validate(); err != nil {
		return sc, err
	}
	now := s.now().UTC()
	if sc.ID == "" {
		sc.ID = newID()
	}
	sc.CreatedAt, sc.UpdatedAt = now, now
	sc.Touch(s.id, now)
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSchools)
		if b.Get([]byte(sc.ID)) != nil {
			return checklist.Errorf(checklist.ErrInvalid, checklist.Text{ZH: "编号为 %s 的学校已经存在", EN: "a school with id %s exists"}, sc.ID)
		}
		if other := schoolByName(tx, sc.Name, sc.Township); other != "" {
			return alreadyListed(tx, sc.Name, sc.Township, other)
		}
		return putSchool(b, &sc)
	})
	if err != nil {
		return checklist.School{}, err
	}
	return sc, nil
}

// School returns the school with the given id.
func (s *Store) School(id string) (checklist.School, error) {
	var sc checklist.School
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		sc, err = getSchool(tx.Bucket(bucketSchools), id)
		return err
	})
	return sc, err
}

// Schools returns every school, in the order they were added.
func (s *Store) Schools() ([]checklist.School, error) {
	var out []checklist.School
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSchools).ForEach(func(k, v []byte) error {
			var sc checklist.School
			if err := decode(v, &sc); err != nil {
				return checklist.Errorf(nil, checklist.Text{ZH: "学校 %s", EN: "school %s"}, k).Because(err)
			}
			out = append(out, sc)
			return nil
		})
	})
	if err != nil {
		return nil, checklist.Errorf(nil, checklist.Text{ZH: "不能读取学校名单", EN: "read schools"}).Because(err)
	}
	return out, nil
}

// FindSchools returns the schools whose id is query, or else whose name is
// query, or else whose name contains it.
func (s *Store) FindSchools(query string) ([]checklist.School, error) {
	all, err := s.Schools()
	if err != nil {
		return nil, err
	}
	query = strings.TrimSpace(query)
	var exact, partial []checklist.School
	for _, sc := range all {
		switch {
		case sc.ID == query:
			return []checklist.School{sc}, nil
		case sc.Name == query:
			exact = append(exact, sc)
		case query != "" && strings.Contains(sc.Name, query):
			partial = append(partial, sc)
		}
	}
	if len(exact) > 0 {
		return exact, nil
	}
	return partial, nil
}

// ImportSummary says what an import of schools did.
type ImportSummary struct {
	Added, Updated, Unchanged int
}

// ImportSchools adds or updates schools in one transaction: all of them or
// none. A school matches an existing one by id, else by name and township;
// a match is updated (empty fields in the import keep what was there), so
// importing the same list again changes nothing.
func (s *Store) ImportSchools(schools []checklist.School) (ImportSummary, error) {
	var sum ImportSummary
	now := s.now().UTC()
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSchools)
		for i := range schools {
			in := schools[i]
			normaliseSchool(&in)
			if err := in.Validate(); err != nil {
				return checklist.Errorf(nil, checklist.Text{ZH: "第 %d 所学校", EN: "school %d"}, i+1).Because(err)
			}
			id := in.ID
			if id == "" || b.Get([]byte(id)) == nil {
				id = schoolByName(tx, in.Name, in.Township)
			}
			if id == "" {
				if in.ID == "" {
					in.ID = newID()
				}
				in.CreatedAt, in.UpdatedAt = now, now
				in.Touch(s.id, now)
				if err := putSchool(b, &in); err != nil {
					return err
				}
				sum.Added++
				continue
			}
			old, err := getSchool(b, id)
			if err != nil {
				return err
			}
			merged := old
			mergeField(&merged.Name, in.Name)
			mergeField(&merged.Township, in.Township)
			mergeField(&merged.Kind, in.Kind)
			mergeField(&merged.Secretary, in.Secretary)
			mergeField(&merged.Contact, in.Contact)
			if merged.SameFields(&old) {
				sum.Unchanged++
				continue
			}
			merged.Touch(s.id, checklist.ChangeTime(old.UpdatedAt, now))
			if err := putSchool(b, &merged); err != nil {
				return err
			}
			sum.Updated++
		}
		return nil
	})
	if err != nil {
		return ImportSummary{}, checklist.Errorf(nil, checklist.Text{ZH: "导入学校名单（一所也没有导入）", EN: "import schools (nothing was imported)"}).Because(err)
	}
	return sum, nil
}

// schoolByName returns the id of the school with the name in the
// township, "" if there is none: a look-up in the school_names index.
func schoolByName(tx *bolt.Tx, name, township string) string {
	return string(tx.Bucket(bucketSchoolNames).Get([]byte(nameKey(name, township))))
}

// schoolIndex finds schools by id and by name and township inside one
// transaction, all of them read at once: for merging many schools.
type schoolIndex struct {
	byID   map[string]checklist.School
	byName map[string]string
}

func loadSchoolIndex(b *bolt.Bucket) (*schoolIndex, error) {
	idx := &schoolIndex{byID: map[string]checklist.School{}, byName: map[string]string{}}
	err := b.ForEach(func(k, v []byte) error {
		var sc checklist.School
		if err := decode(v, &sc); err != nil {
			return checklist.Errorf(nil, checklist.Text{ZH: "学校 %s", EN: "school %s"}, k).Because(err)
		}
		idx.add(sc)
		return nil
	})
	return idx, err
}

func (idx *schoolIndex) add(sc checklist.School) {
	for _, id := range sc.IDs() {
		idx.byID[id] = sc
	}
	idx.byName[nameKey(sc.Name, sc.Township)] = sc.ID
}

// nameKey is what schools are matched by when they share no id: township
// and name compared as a person reads them (checklist.SchoolKey).
func nameKey(name, township string) string { return checklist.SchoolKey(name, township) }

func mergeField(dst *string, v string) {
	if v != "" {
		*dst = v
	}
}

func normaliseSchool(sc *checklist.School) {
	for _, f := range []*string{&sc.Name, &sc.Township, &sc.Kind, &sc.Secretary, &sc.Contact} {
		*f = strings.TrimSpace(strings.ReplaceAll(*f, "\u3000", " "))
	}
}

func getSchool(b *bolt.Bucket, id string) (checklist.School, error) {
	var sc checklist.School
	v := b.Get([]byte(id))
	if v == nil {
		return sc, checklist.Errorf(checklist.ErrNotFound, checklist.Text{ZH: "没有编号为 %s 的学校", EN: "school %s: not found"}, id)
	}
	if err := decode(v, &sc); err != nil {
		return sc, damagedRecord(checklist.Text{ZH: "学校 " + id, EN: "school " + id}, err)
	}
	return sc, nil
}

// putSchool saves a school (new or changed) into the schools bucket b and
// keeps the school_names index and its row of the school list up to date
// in the same transaction.
func putSchool(b *bolt.Bucket, sc *checklist.School) error {
	tx := b.Tx()
	names := tx.Bucket(bucketSchoolNames)
	key := nameKey(sc.Name, sc.Township)
	newSecretary := false
	if old := b.Get([]byte(sc.ID)); old != nil {
		var was checklist.School
		if err := decode(old, &was); err != nil {
			return damagedRecord(checklist.Text{ZH: "学校 " + sc.ID, EN: "school " + sc.ID}, err)
		}
		if oldKey := nameKey(was.Name, was.Township); oldKey != key && string(names.Get([]byte(oldKey))) == sc.ID {
			if err := names.Delete([]byte(oldKey)); err != nil {
				return err
			}
		}
		newSecretary = was.Secretary != sc.Secretary
	}
	if err := names.Put([]byte(key), []byte(sc.ID)); err != nil {
		return err
	}
	v, err := encode(sc)
	if err != nil {
		return err
	}
	if err := b.Put([]byte(sc.ID), v); err != nil {
		return err
	}
	if err := markListed(tx, sc.ID); err != nil {
		return err
	}
	// The secretary is the person responsible for the school's
	// rectifications unless someone else was named.
	if newSecretary && tx.Bucket(bucketRectifications).Bucket([]byte(sc.ID)) != nil {
		return rederive(tx, sc.ID, txStandards())
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
