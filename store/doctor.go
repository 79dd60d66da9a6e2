package store

import (
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
	"time"

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
	// Rectifications counts the 整改事项 kept, withdrawn ones included.
	Rectifications int
	// SelfAssessments, VetoRecords (lifted ones included) and YearStages
	// count the year-end records; YearAuditEntries their audit trail.
	SelfAssessments, VetoRecords, YearStages, YearAuditEntries int
	SizeBytes                                                  int64
	Backups                                                    int
	// Problems are what is wrong, in plain words in both languages
	// (i18n.Lang.Error says each); empty when healthy. They include the
	// Summaries.
	Problems []error
	// Summaries are the summaries, indexes and rectifications kept beside
	// the data that disagree with it, in plain words. They are derived
	// from the schools and visits (a rectification's Actions excepted,
	// which a repair keeps), so RepairSummaries can rebuild them.
	Summaries []error
}

// Repairable reports whether every problem found is a summary that
// RepairSummaries rebuilds from the data.
func (h *Health) Repairable() bool {
	return len(h.Summaries) > 0 && len(h.Summaries) == len(h.Problems)
}

// Check checks the structure of every page (structureProblems, as bbolt's
// consistency check does, read with ReadAt) and then reads
// every value back, checking that it decodes, that the indexes agree with
// the inspections, and that the summaries and the school_names index agree
// with the visits and schools. It reports what it found; an error means
// the check itself could not run. Each standard is decoded once.
func (s *Store) Check() (*Health, error) {
	h := &Health{Schema: schemaVersion}
	err := s.db.View(func(tx *bolt.Tx) error {
		h.SizeBytes = tx.Size()
		// The structure is checked with ReadAt (pagecheck.go), which
		// holds none of the file as the process's memory.
		problems, err := structureProblems(tx, s.path)
		if err != nil {
			return checklist.Errorf(nil, checklist.Text{ZH: "不能检查数据库文件的存储结构", EN: "check the structure of the database file"}).Because(err)
		}
		for _, p := range problems {
			h.Problems = append(h.Problems, checklist.Errorf(ErrDamaged, checklist.Text{ZH: "文件的存储结构已损坏%.0s", EN: "storage: %s"}, p.Error()))
		}
		// The values are read through the map and decoded: their pages
		// are given back as they are read, so that a province's file
		// does not all count as the process's memory at once. The
		// records read here are given back a megabyte at a time
		// (pacer); what the checks after them read, by a thread every
		// 20 ms (a thread waiting for a processor falls behind: a
		// province's doctor peaked at 246-318 MiB on a quiet machine and
		// 465 MiB at a load of 3.5 before the pacing).
		maps := mapsOf(s.path)
		defer releasingEvery(maps, 20*time.Millisecond)()
		pacer := pacedBy(maps.release)
		if len(h.Problems) > 0 {
			return nil // pages are damaged: reading values could mislead
		}
		problem := func(t checklist.Text, args ...any) {
			h.Problems = append(h.Problems, checklist.Errorf(nil, t, args...))
		}
		schools := map[string]string{} // id -> name
		names := map[string][]string{} // name key -> ids
		tx.Bucket(bucketSchools).ForEach(func(k, v []byte) error {
			pacer.add(k, v)
			var sc checklist.School
			if err := decode(v, &sc); err != nil {
				problem(checklist.Text{ZH: "学校 %s 的记录无法读取%.0v", EN: "school %s cannot be read: %v"}, k, err)
				return nil
			}
			schools[sc.ID] = sc.Name
			key := nameKey(sc.Name, sc.Township)
			names[key] = append(names[key], sc.ID)
			h.Schools++
			return nil
		})
		sums := newSummaries()
		tx.Bucket(bucketStandards).ForEach(func(k, v []byte) error {
			var std checklist.Standard
			if err := decode(v, &std); err != nil {
				problem(checklist.Text{ZH: "标准 %s 的记录无法读取%.0v", EN: "standard %s cannot be read: %v"}, k, err)
			} else if err := std.Validate(); err != nil {
				problem(checklist.Text{ZH: "标准 %s 有误：%v", EN: "standard %s is not valid: %v"}, k, err)
			}
			h.Standards++
			return nil
		})
		tx.Bucket(bucketInspections).ForEach(func(k, v []byte) error {
			pacer.add(k, v)
			var in checklist.Inspection
			if err := decode(v, &in); err != nil {
				problem(checklist.Text{ZH: "检查 %s 的记录无法读取%.0v", EN: "inspection %s cannot be read: %v"}, k, err)
				return nil
			}
			switch in.Status {
			case checklist.Finalized:
				h.Finalized++
			case checklist.Draft:
				h.Drafts++
			default:
				problem(checklist.Text{ZH: "检查 %s 的状态 %s 无法识别", EN: "inspection %s has an unknown status %s"}, k, checklist.Quote(string(in.Status)))
			}
			h.Answers += len(in.Answers)
			sums.add(&in)
			if _, ok := schools[in.SchoolID]; !ok {
				problem(checklist.Text{ZH: "检查 %s 所属的学校（%s）不在学校名单中", EN: "inspection %s belongs to a school that is not in the list (%s)"}, k, in.SchoolID)
			}
			if _, err := s.cachedStandard(tx, in.StandardID); err != nil {
				problem(checklist.Text{ZH: "检查 %s 所用的标准 %s 不在数据库中", EN: "inspection %s: its standard %s is missing"}, k, in.StandardID)
			}
			if b := tx.Bucket(bucketInspectionYears).Bucket(yearKey(in.Date.Year)); b == nil || b.Get(k) == nil {
				problem(checklist.Text{ZH: "检查 %s 不在年度索引中", EN: "inspection %s is missing from the year index"}, k)
			}
			if b := tx.Bucket(bucketSchoolInspections).Bucket([]byte(in.SchoolID)); b == nil || b.Get(k) == nil {
				problem(checklist.Text{ZH: "检查 %s 不在所属学校的索引中", EN: "inspection %s is missing from its school's index"}, k)
			}
			return nil
		})
		tx.Bucket(bucketAudit).ForEach(func(k, _ []byte) error {
			if b := tx.Bucket(bucketAudit).Bucket(k); b != nil {
				h.AuditEntries += b.Stats().KeyN
			}
			return nil
		})
		tx.Bucket(bucketRectifications).ForEach(func(k, _ []byte) error {
			if b := tx.Bucket(bucketRectifications).Bucket(k); b != nil {
				h.Rectifications += b.Stats().KeyN
			}
			return nil
		})
		maps.release()
		checkYearEnd(tx, h, schools, problem)
		h.Summaries = append(compareSchoolNames(tx, names, schools), sums.compare(tx, schools)...)
		maps.release()
		h.Summaries = append(h.Summaries, compareSchoolList(tx, sums, s.cached())...)
		maps.release()
		rects, damaged, err := rederiveAll(tx, s.cached(), false)
		if err != nil {
			problem(checklist.Text{ZH: "无法检查整改事项：%v", EN: "the rectifications cannot be checked: %v"}, err)
		}
		h.Summaries = append(h.Summaries, rects...)
		h.Problems = append(h.Problems, h.Summaries...)
		h.Problems = append(h.Problems, damaged...)
		return nil
	})
	if err != nil {
		return nil, checklist.Errorf(nil, checklist.Text{ZH: "不能检查 %s", EN: "check %s"}, s.path).Because(err)
	}
	backups, err := s.Backups()
	if err == nil {
		h.Backups = len(backups)
	}
	return h, nil
}

// checkYearEnd reads every year-end record back: each must decode, name
// a school in the list and sit under its own year (and school).
func checkYearEnd(tx *bolt.Tx, h *Health, schools map[string]string, problem func(checklist.Text, ...any)) {
	each := func(top []byte, f func(year string, k, v []byte)) {
		tx.Bucket(top).ForEach(func(yk, _ []byte) error {
			if b := tx.Bucket(top).Bucket(yk); b != nil {
				b.ForEach(func(k, v []byte) error { f(string(yk), k, v); return nil })
			}
			return nil
		})
	}
	each(bucketSelfAssessments, func(year string, k, v []byte) {
		h.SelfAssessments++
		var sa checklist.SelfAssessment
		switch err := decode(v, &sa); {
		case err != nil:
			problem(checklist.Text{ZH: "%s 年学校 %s 的自评读不出来：%v", EN: "the %s self-assessment of school %s cannot be read: %v"}, year, k, err)
		case string(yearKey(sa.Year)) != year || sa.SchoolID != string(k):
			problem(checklist.Text{ZH: "自评 %s 存放在 %s/%s 之下，位置不对", EN: "the self-assessment %s is kept under %s/%s"}, sa.ID, year, k)
		case schools[sa.SchoolID] == "":
			problem(checklist.Text{ZH: "自评 %s 所属的学校不在学校名单中", EN: "the self-assessment %s belongs to a school that is not in the list"}, sa.ID)
		}
	})
	each(bucketVetoes, func(year string, k, v []byte) {
		h.VetoRecords++
		var r checklist.VetoRecord
		switch err := decode(v, &r); {
		case err != nil:
			problem(checklist.Text{ZH: "%s 年的一票否决记录 %s 读不出来：%v", EN: "the %s veto record %s cannot be read: %v"}, year, k, err)
		case string(yearKey(r.Year)) != year || string(vetoKey(r.SchoolID, r.SituationID)) != string(k):
			problem(checklist.Text{ZH: "一票否决记录 %s 存放在 %s/%s 之下，位置不对", EN: "the veto record %s is kept under %s/%s"}, r.ID, year, k)
		case schools[r.SchoolID] == "":
			problem(checklist.Text{ZH: "一票否决记录 %s 所属的学校不在学校名单中", EN: "the veto record %s belongs to a school that is not in the list"}, r.ID)
		}
	})
	tx.Bucket(bucketYearStages).ForEach(func(k, v []byte) error {
		h.YearStages++
		var st checklist.YearStage
		if err := decode(v, &st); err != nil {
			problem(checklist.Text{ZH: "%s 年度的评定阶段读不出来：%v", EN: "the stage of %s cannot be read: %v"}, k, err)
		} else if string(yearKey(st.Year)) != string(k) {
			problem(checklist.Text{ZH: "%d 年度的评定阶段存放在 %s 之下，位置不对", EN: "the stage of %d is kept under %s"}, st.Year, k)
		}
		return nil
	})
	each(bucketYearAudit, func(year string, k, v []byte) {
		h.YearAuditEntries++
		var c checklist.Change
		if err := decode(v, &c); err != nil {
			problem(checklist.Text{ZH: "%s 年度的审计记录 %x 读不出来：%v", EN: "the %s audit entry %x cannot be read: %v"}, year, k, err)
		}
	})
}

// compareSchoolNames lists, in plain words, where the school_names index
// disagrees with the schools (names: the ids of the schools under each
// name and township).
func compareSchoolNames(tx *bolt.Tx, names map[string][]string, schools map[string]string) []error {
	var out []error
	say := func(key string) checklist.Text {
		township, name, _ := strings.Cut(key, "\x00")
		return checklist.Text{ZH: fmt.Sprintf("%s（%s）", name, orDash(township)), EN: fmt.Sprintf("%s (%s)", name, orDash(township))}
	}
	tx.Bucket(bucketSchoolNames).ForEach(func(k, v []byte) error {
		key, id := string(k), string(v)
		switch ids := names[key]; {
		case len(ids) == 0:
			out = append(out, checklist.Errorf(nil, checklist.Text{ZH: "学校名称索引中有 %s，但没有学校叫这个名称", EN: "the index of school names lists %s, which no school is called"}, say(key)))
		case !slices.Contains(ids, id):
			out = append(out, checklist.Errorf(nil, checklist.Text{ZH: "学校名称索引中的 %s 指向 %s，那是另一所学校", EN: "the index of school names has %s pointing at %s, which is another school"}, say(key), id))
		}
		return nil
	})
	for _, key := range sortedKeys(names) {
		if tx.Bucket(bucketSchoolNames).Get([]byte(key)) == nil {
			out = append(out, checklist.Errorf(nil, checklist.Text{ZH: "学校 %s 不在学校名称索引中", EN: "school %s is missing from the index of school names"}, say(key)))
		}
	}
	return out
}

// RepairSummaries rebuilds the summaries, the school list and the
// school_names index from
// the schools and visits, and works out again the rectifications that
// disagree with the visits (keeping what people decided about them),
// after taking a backup, if they disagree with them, and returns what
// disagreed (nothing: nothing was written). The schools and visits
// themselves are not touched.
func (s *Store) RepairSummaries() (repaired []error, backup string, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		var err error
		if repaired, err = summaryProblems(tx, s.cached()); err != nil {
			return err
		}
		rects, _, err := rederiveAll(tx, s.cached(), false)
		repaired = append(repaired, rects...)
		return err
	})
	if err != nil || len(repaired) == 0 {
		return nil, "", err
	}
	if backup, err = s.backupNow("before-repair"); err != nil {
		return nil, "", checklist.Errorf(nil, checklist.Text{ZH: "修复前的备份没有做成（没有修复）", EN: "back up before the repair (nothing was repaired)"}).Because(err)
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		var err error
		if repaired, err = rebuildSummaries(tx, s.cached()); err != nil {
			return err
		}
		rects, damaged, err := rederiveAll(tx, s.cached(), true)
		if err == nil && len(damaged) > 0 {
			err = damaged[0]
		}
		repaired = append(repaired, rects...)
		return err
	})
	if err != nil {
		return nil, backup, checklist.Errorf(nil, checklist.Text{ZH: "不能修复 %s 的汇总", EN: "repair the summaries of %s"}, s.path).Because(err)
	}
	return repaired, backup, nil
}

// summaryProblems lists where the summaries and the school_names index
// disagree with the schools and visits.
func summaryProblems(tx *bolt.Tx, std standardSource) ([]error, error) {
	names, schools, sums, err := expectedSummaries(tx)
	if err != nil {
		return nil, err
	}
	problems := append(compareSchoolNames(tx, names, schools), sums.compare(tx, schools)...)
	return append(problems, compareSchoolList(tx, sums, std)...), nil
}

// rebuildSummaries rewrites the summaries and the school_names index from
// the schools and visits if they disagree, and returns what disagreed.
func rebuildSummaries(tx *bolt.Tx, std standardSource) ([]error, error) {
	names, schools, sums, err := expectedSummaries(tx)
	if err != nil {
		return nil, err
	}
	problems := append(compareSchoolNames(tx, names, schools), sums.compare(tx, schools)...)
	problems = append(problems, compareSchoolList(tx, sums, std)...)
	if len(problems) == 0 {
		return nil, nil
	}
	return problems, writeSummaries(tx, names, sums, std)
}

// writeSummaries replaces the school_names index, the summaries and the
// school list.
func writeSummaries(tx *bolt.Tx, names map[string][]string, sums *summaries, std standardSource) error {
	if err := tx.DeleteBucket(bucketSchoolNames); err != nil {
		return err
	}
	nb, err := tx.CreateBucket(bucketSchoolNames)
	if err != nil {
		return err
	}
	for _, key := range sortedKeys(names) {
		ids := names[key] // in id order: the later school wins, as loadSchoolIndex has it
		if err := nb.Put([]byte(key), []byte(ids[len(ids)-1])); err != nil {
			return err
		}
	}
	if err := sums.write(tx); err != nil {
		return err
	}
	if v := tx.Bucket(bucketMeta).Get(keySchemaVersion); len(v) != 8 || binary.BigEndian.Uint64(v) < 5 {
		return nil // a migration from before schema 5 under way: it writes the list
	}
	return writeSchoolList(tx, sums, std)
}

// expectedSummaries reads every school and visit and says what the
// school_names index (the ids under each name and township) and the
// summaries should hold, with each school's name by id.
func expectedSummaries(tx *bolt.Tx) (map[string][]string, map[string]string, *summaries, error) {
	names, schools, err := schoolNamesAndIDs(tx)
	if err != nil {
		return nil, nil, nil, err
	}
	sums, err := summariesFromVisits(tx)
	return names, schools, sums, err
}

// schoolNamesAndIDs reads every school: the ids under each name and
// township, and each school's name by id.
func schoolNamesAndIDs(tx *bolt.Tx) (map[string][]string, map[string]string, error) {
	names, schools := map[string][]string{}, map[string]string{}
	err := tx.Bucket(bucketSchools).ForEach(func(k, v []byte) error {
		var sc checklist.School
		if err := decode(v, &sc); err != nil {
			return checklist.Errorf(nil, checklist.Text{ZH: "学校 %s", EN: "school %s"}, k).Because(err)
		}
		key := nameKey(sc.Name, sc.Township)
		names[key] = append(names[key], sc.ID)
		schools[sc.ID] = sc.Name
		return nil
	})
	return names, schools, err
}
