package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"

	"branchcheck/bundle"
	"branchcheck/checklist"
)

// The year-end records in bundles (format version 4): the branches'
// self-assessments, the veto records, the years' stages and the years'
// audit trails.
//
// An export writes them after the rectifications. Without a filter, all
// of them. With one, the year-end records are no inspector's (a stage
// and a veto record are the office's decisions, a self-assessment the
// branch's, whoever typed it in), so --inspector does not select them:
// --since alone does. A filtered bundle carries every self-assessment,
// veto record and year stage changed on or after --since, and every
// entry of a year's audit trail made on or after it (all of them with
// --inspector alone), each preceded by the school and standard it needs
// when they were not written yet.
//
// An import merges each by its key here (checklist.MergeSelfAssessments,
// MergeVetoRecords, MergeYearStages), the school's id followed to the
// school here it is (a bundle's id, an alias, or a school since merged
// into another), and adds the audit entries a year's trail does not hold
// yet. When a school here becomes part of another (putSchool), its
// year-end records move with its visits (moveYearEnd).

// exportYearEnd writes the year-end records (see above). since reports
// whether a change time passes the filter; schoolFor and standardFor
// write a school or standard first when it was not written yet; pacer
// counts what is read and gives back the pages read so far.
func exportYearEnd(tx *bolt.Tx, bw *bundle.Writer, sum *ExportSummary, since func(time.Time) bool,
	schoolFor, standardFor func(string) error, pacer *readPacer) error {
	schools := tx.Bucket(bucketSchools)
	each := func(top []byte, f func(v []byte) error) error {
		b := tx.Bucket(top)
		return b.ForEachBucket(func(y []byte) error {
			return b.Bucket(y).ForEach(func(k, v []byte) error {
				pacer.add(k, v)
				return f(v)
			})
		})
	}
	err := each(bucketSelfAssessments, func(v []byte) error {
		var sa checklist.SelfAssessment
		if err := decode(v, &sa); err != nil {
			return checklist.Errorf(nil, checklist.Text{ZH: "自评", EN: "self-assessment"}).Because(err)
		}
		// One of a school not in the list (doctor says so) would make a
		// bundle no reader takes.
		if !since(sa.UpdatedAt) || schools.Get([]byte(sa.SchoolID)) == nil {
			return nil
		}
		if err := schoolFor(sa.SchoolID); err != nil {
			return err
		}
		if err := standardFor(sa.StandardID); err != nil {
			return err
		}
		sum.SelfAssessments++
		return bw.SelfAssessment(&sa)
	})
	if err != nil {
		return err
	}
	err = each(bucketVetoes, func(v []byte) error {
		var r checklist.VetoRecord
		if err := decode(v, &r); err != nil {
			return checklist.Errorf(nil, checklist.Text{ZH: "一票否决记录", EN: "veto record"}).Because(err)
		}
		if !since(r.UpdatedAt) || schools.Get([]byte(r.SchoolID)) == nil {
			return nil
		}
		if err := schoolFor(r.SchoolID); err != nil {
			return err
		}
		if err := standardFor(r.StandardID); err != nil {
			return err
		}
		sum.Vetoes++
		return bw.Veto(&r)
	})
	if err != nil {
		return err
	}
	err = tx.Bucket(bucketYearStages).ForEach(func(k, v []byte) error {
		var st checklist.YearStage
		if err := decode(v, &st); err != nil {
			return checklist.Errorf(nil, checklist.Text{ZH: "%s 年度的评定阶段", EN: "the stage of %s"}, k).Because(err)
		}
		if !since(st.UpdatedAt) {
			return nil
		}
		named := st.Named[:0:0]
		for _, n := range st.Named {
			if schools.Get([]byte(n.SchoolID)) == nil {
				continue
			}
			if err := schoolFor(n.SchoolID); err != nil {
				return err
			}
			named = append(named, n)
		}
		st.Named = named
		sum.YearStages++
		return bw.YearStage(&st)
	})
	if err != nil {
		return err
	}
	top := tx.Bucket(bucketYearAudit)
	return top.ForEachBucket(func(y []byte) error {
		year, err := strconv.Atoi(string(y))
		if err != nil {
			return nil // not a year's trail
		}
		// A trail holds each entry once: the store's own changes are
		// stamped apart (ChangeTime, per record, and one entry per item
		// or field changed), and an import adds only the entries the
		// trail does not hold (yearAudit). So none is written twice,
		// which no reader would take, without holding the trail.
		return top.Bucket(y).ForEach(func(k, v []byte) error {
			var c checklist.Change
			if err := decode(v, &c); err != nil {
				return checklist.Errorf(nil, checklist.Text{ZH: "%s 年度的审计记录 %x", EN: "the %s audit entry %x"}, y, k).Because(err)
			}
			if !since(c.At) {
				return nil
			}
			sum.YearAudit++
			return bw.YearAudit(&bundle.YearAuditEntry{Year: year, Change: c})
		})
	})
}

// yearEntryKey is what tells two entries of a year's audit trail apart:
// every field, the time in UTC.
func yearEntryKey(c *checklist.Change) [32]byte {
	e := *c
	e.At = e.At.UTC()
	j, _ := json.Marshal(&e)
	return sha256.Sum256(j)
}

// YearEndKind names a kind of year-end record, in a Conflict.
type YearEndKind string

// The kinds of year-end record.
const (
	YearEndSelfAssessment YearEndKind = "self_assessment"
	YearEndVeto           YearEndKind = "veto"
	YearEndStage          YearEndKind = "stage"
)

// yearConflict lists a conflict about a year-end record of a school
// ("" for a year's stage).
func (im *importer) yearConflict(tx *bolt.Tx, kind YearEndKind, year int, schoolID, situation string, m checklist.YearMerge, keptAt time.Time) {
	c := Conflict{YearEnd: kind, Year: year, SituationID: situation, KeptBundle: m.FromSecond, KeptAt: keptAt, OthersAt: []time.Time{m.LostAt}}
	if schoolID != "" {
		if sc, err := getSchool(tx.Bucket(bucketSchools), schoolID); err == nil {
			c.School, c.Township = sc.Name, sc.Township
		}
	}
	im.sum.conflict(c)
}

// selfAssessment merges a bundle's self-assessment with the school's
// here for its year; it returns the bytes written.
func (im *importer) selfAssessment(tx *bolt.Tx, in *checklist.SelfAssessment) (int, error) {
	school, err := im.localSchool(in.SchoolID)
	if err != nil {
		return 0, checklist.Errorf(nil, checklist.Text{ZH: "自评 %s", EN: "self-assessment %s"}, in.ID).Because(err)
	}
	in.SchoolID, in.ID = school, checklist.SelfAssessmentID(school, in.Year)
	local, err := getSelfAssessment(tx, school, in.Year)
	if err != nil {
		return 0, err
	}
	out := in
	if local == nil {
		im.sum.SelfAssessments.Added++
	} else {
		merged, m := checklist.MergeSelfAssessments(*local, *in)
		if !m.Changed {
			im.sum.SelfAssessments.Unchanged++
			return 0, nil
		}
		out = &merged
		if m.Conflict {
			im.yearConflict(tx, YearEndSelfAssessment, in.Year, school, "", m, merged.UpdatedAt)
		} else {
			im.sum.SelfAssessments.Updated++
		}
	}
	if err := putSelfAssessment(tx, out); err != nil {
		return 0, err
	}
	return len(tx.Bucket(bucketSelfAssessments).Bucket(yearKey(in.Year)).Get([]byte(school))), nil
}

// veto merges a bundle's veto record with the one here; it returns the
// bytes written.
func (im *importer) veto(tx *bolt.Tx, in *checklist.VetoRecord) (int, error) {
	school, err := im.localSchool(in.SchoolID)
	if err != nil {
		return 0, checklist.Errorf(nil, checklist.Text{ZH: "一票否决记录 %s", EN: "veto record %s"}, in.ID).Because(err)
	}
	in.SchoolID, in.ID = school, checklist.VetoRecordID(school, in.Year, in.SituationID)
	local, err := getVeto(tx, in.Year, school, in.SituationID)
	if err != nil {
		return 0, err
	}
	out := in
	if local == nil {
		im.sum.Vetoes.Added++
	} else {
		merged, m := checklist.MergeVetoRecords(*local, *in)
		if !m.Changed {
			im.sum.Vetoes.Unchanged++
			return 0, nil
		}
		out = &merged
		if m.Conflict {
			im.yearConflict(tx, YearEndVeto, in.Year, school, in.SituationID, m, merged.UpdatedAt)
		} else {
			im.sum.Vetoes.Updated++
		}
	}
	if err := putVeto(tx, out); err != nil {
		return 0, err
	}
	return len(tx.Bucket(bucketVetoes).Bucket(yearKey(in.Year)).Get(vetoKey(school, in.SituationID))), nil
}

// yearStage merges a bundle's stage of a year with the one here, the
// schools it named followed to the schools here; it returns the bytes
// written. What the lock of a confirmed year means is read from the
// stage whenever a record of the year changes (checkYearLock), and the
// named ratings are compared with the year's ratings whenever they are
// read (ChangedSinceNamed): a confirmed year imported locks the year
// here and names what the other database named, under this database's
// school ids.
func (im *importer) yearStage(tx *bolt.Tx, in *checklist.YearStage) (int, error) {
	for i := range in.Named {
		school, err := im.localSchool(in.Named[i].SchoolID)
		if err != nil {
			return 0, checklist.Errorf(nil, checklist.Text{ZH: "%d 年度的评定阶段", EN: "the stage of %d"}, in.Year).Because(err)
		}
		in.Named[i].SchoolID = school
	}
	in.Named = dedupeNamed(in.Named)
	local, err := getYearStage(tx, in.Year)
	if err != nil {
		return 0, err
	}
	out := in
	if local == nil {
		im.sum.YearStages.Added++
	} else {
		merged, m := checklist.MergeYearStages(*local, *in)
		if !m.Changed {
			im.sum.YearStages.Unchanged++
			return 0, nil
		}
		out = &merged
		if m.Conflict {
			im.yearConflict(tx, YearEndStage, in.Year, "", "", m, merged.UpdatedAt)
		} else {
			im.sum.YearStages.Updated++
		}
	}
	if err := putYearStage(tx, out); err != nil {
		return 0, err
	}
	return len(tx.Bucket(bucketYearStages).Get(yearKey(in.Year))), nil
}

// dedupeNamed keeps the first rating named for each school: two schools
// a database named may have turned out to be one.
func dedupeNamed(named []checklist.NamedRating) []checklist.NamedRating {
	seen := map[string]bool{}
	out := named[:0]
	for _, n := range named {
		if !seen[n.SchoolID] {
			seen[n.SchoolID] = true
			out = append(out, n)
		}
	}
	return out
}

// The scratch buckets of the years' audit trails (see yearAudit).
var (
	scratchYearTrail  = []byte("year_trail")  // year + yearEntryKey -> empty
	scratchYearLoaded = []byte("year_loaded") // year -> empty: its trail's keys are in year_trail
)

// yearAudit adds an entry of a year's audit trail that the trail does
// not hold yet. The trail's entries are known by their keys
// (yearEntryKey), kept in the scratch copy: at the year's first entry in
// an import, the keys of the trail as it is are written there, in
// batches, so a year's trail of any length is held on disk, not in
// memory.
func (im *importer) yearAudit(tx *bolt.Tx, e *bundle.YearAuditEntry) (int, error) {
	loaded, err := im.scratch(scratchYearLoaded)
	if err != nil {
		return 0, err
	}
	yk := yearKey(e.Year)
	if loaded.Get(yk) == nil {
		if err := im.loadYearTrail(e.Year); err != nil {
			return 0, err
		}
		if tx, err = im.write(); err != nil {
			return 0, err
		}
	}
	keys, err := im.scratch(scratchYearTrail)
	if err != nil {
		return 0, err
	}
	sum := yearEntryKey(&e.Change)
	key := append(bytes.Clone(yk), sum[:]...)
	if keys.Get(key) != nil {
		return 0, nil
	}
	if err := appendYearAudit(tx, e.Year, e.Change); err != nil {
		return 0, err
	}
	if err := keys.Put(key, []byte{}); err != nil {
		return 0, err
	}
	im.sum.YearAuditAdded++
	// Its key and the reader's (bundle.Index) are random: each is likely
	// to change a page of its own, which the batch holds until it is
	// committed. Counted so, a batch holds some 256 entries' pages.
	return 2 * 2048, nil
}

// loadYearTrail writes the keys of a year's audit trail as it is to the
// scratch copy, committing every batchRecords entries.
func (im *importer) loadYearTrail(year int) error {
	yk := yearKey(year)
	var after []byte
	for {
		tx, err := im.write()
		if err != nil {
			return err
		}
		keys, err := im.scratch(scratchYearTrail)
		if err != nil {
			return err
		}
		n := 0
		if b := tx.Bucket(bucketYearAudit).Bucket(yk); b != nil {
			c := b.Cursor()
			k, v := c.First()
			if after != nil {
				k, v = c.Seek(after)
				if k != nil && bytes.Equal(k, after) {
					k, v = c.Next()
				}
			}
			for ; k != nil && n < batchRecords; k, v = c.Next() {
				var ch checklist.Change
				if err := decode(v, &ch); err != nil {
					return checklist.Errorf(nil, checklist.Text{ZH: "%d 年度的审计记录 %x", EN: "the %d audit entry %x"}, year, k).Because(err)
				}
				sum := yearEntryKey(&ch)
				if err := keys.Put(append(bytes.Clone(yk), sum[:]...), []byte{}); err != nil {
					return err
				}
				after = append(after[:0], k...)
				n++
			}
		}
		if n < batchRecords {
			loaded, err := im.scratch(scratchYearLoaded)
			if err != nil {
				return err
			}
			return loaded.Put(yk, []byte{})
		}
		if err := im.commit(); err != nil {
			return err
		}
	}
}

// moveYearEnd moves a school's year-end records to the school it became
// part of: its self-assessments and veto records (under the other
// school's id, merged with any that school holds for the same year and
// situation), and the ratings the years' stages named for it. The years'
// audit entries are history and stay as they were made, naming the
// record by the id it had then.
func moveYearEnd(tx *bolt.Tx, from, to string) error {
	sab := tx.Bucket(bucketSelfAssessments)
	for _, y := range childBuckets(sab) {
		b := sab.Bucket(y)
		v := b.Get([]byte(from))
		if v == nil {
			continue
		}
		var sa checklist.SelfAssessment
		if err := decode(v, &sa); err != nil {
			return checklist.Errorf(nil, checklist.Text{ZH: "学校 %[2]s 的 %[1]s 年自评", EN: "the %s self-assessment of school %s"}, y, from).Because(err)
		}
		sa.SchoolID, sa.ID = to, checklist.SelfAssessmentID(to, sa.Year)
		if w := b.Get([]byte(to)); w != nil {
			var here checklist.SelfAssessment
			if err := decode(w, &here); err != nil {
				return checklist.Errorf(nil, checklist.Text{ZH: "学校 %[2]s 的 %[1]s 年自评", EN: "the %s self-assessment of school %s"}, y, to).Because(err)
			}
			sa, _ = checklist.MergeSelfAssessments(here, sa)
		}
		if err := putSelfAssessment(tx, &sa); err != nil {
			return err
		}
		if err := b.Delete([]byte(from)); err != nil {
			return err
		}
	}
	vb := tx.Bucket(bucketVetoes)
	prefix := []byte(from + "/")
	for _, y := range childBuckets(vb) {
		b := vb.Bucket(y)
		var keys [][]byte
		c := b.Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			keys = append(keys, bytes.Clone(k))
		}
		for _, k := range keys {
			var r checklist.VetoRecord
			if err := decode(b.Get(k), &r); err != nil {
				return checklist.Errorf(nil, checklist.Text{ZH: "一票否决记录 %s/%s", EN: "veto record %s/%s"}, y, k).Because(err)
			}
			r.SchoolID, r.ID = to, checklist.VetoRecordID(to, r.Year, r.SituationID)
			if w := b.Get(vetoKey(to, r.SituationID)); w != nil {
				var here checklist.VetoRecord
				if err := decode(w, &here); err != nil {
					return checklist.Errorf(nil, checklist.Text{ZH: "一票否决记录 %s", EN: "veto record %s"}, r.ID).Because(err)
				}
				r, _ = checklist.MergeVetoRecords(here, r)
			}
			if err := putVeto(tx, &r); err != nil {
				return err
			}
			if err := b.Delete(k); err != nil {
				return err
			}
		}
	}
	var stages []checklist.YearStage
	err := tx.Bucket(bucketYearStages).ForEach(func(k, v []byte) error {
		var st checklist.YearStage
		if err := decode(v, &st); err != nil {
			return checklist.Errorf(nil, checklist.Text{ZH: "%s 年度的评定阶段", EN: "the stage of %s"}, k).Because(err)
		}
		for i := range st.Named {
			if st.Named[i].SchoolID == from {
				stages = append(stages, st)
				break
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for i := range stages {
		st := &stages[i]
		for j := range st.Named {
			if st.Named[j].SchoolID == from {
				st.Named[j].SchoolID = to
			}
		}
		st.Named = dedupeNamed(st.Named)
		if err := putYearStage(tx, st); err != nil {
			return err
		}
	}
	return nil
}

// childBuckets lists the names of a bucket's buckets.
func childBuckets(b *bolt.Bucket) [][]byte {
	var out [][]byte
	b.ForEachBucket(func(k []byte) error {
		out = append(out, bytes.Clone(k))
		return nil
	})
	return out
}
