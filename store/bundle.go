package store

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"branchcheck/bundle"
	"branchcheck/checklist"
)

// ExportSummary counts what ExportBundle wrote.
type ExportSummary struct {
	Standards, Schools, Inspections, Audit int
	// Rectifications counts the rectifications whose decisions were
	// written.
	Rectifications int
	// The year-end records written: self-assessments, veto records,
	// years' stages, entries of the years' audit trails.
	SelfAssessments, Vetoes, YearStages, YearAudit int
}

// ExportBundle writes a bundle of the database to w, in one pass and one
// read transaction, holding one record at a time: without a filter every
// standard, every school, then every inspection each followed by its
// audit trail, then the decisions about every rectification someone
// decided something about; with one, the inspections that pass it, each
// preceded by its school and standard when they were not written yet and
// followed by its audit trail and the decisions about the problems it
// found. A visit passes Since when it changed on or after that day, or a
// decision about one of its problems did. The year-end records come last
// (see exportYearEnd for those a filtered bundle carries).
func (s *Store) ExportBundle(w io.Writer, f bundle.Filter) (ExportSummary, error) {
	var sum ExportSummary
	zone := s.clock().Location() // --since is a day in the bureau's time zone
	err := s.db.View(func(tx *bolt.Tx) error {
		bw, err := bundle.NewWriter(w, bundle.Header{CreatedAt: s.now().UTC(), DatabaseID: s.id, Filter: f})
		if err != nil {
			return err
		}
		filtered := !f.Since.IsZero() || f.Inspector != ""
		since := func(t time.Time) bool {
			return f.Since.IsZero() || checklist.DateOf(t.In(zone)).Compare(f.Since) >= 0
		}
		wroteStd, wroteSchool := map[string]bool{}, map[string]bool{}
		if !filtered {
			err := tx.Bucket(bucketStandards).ForEach(func(k, v []byte) error {
				var std checklist.Standard
				if err := decode(v, &std); err != nil {
					return checklist.Errorf(nil, checklist.Text{ZH: "标准 %s", EN: "standard %s"}, k).Because(err)
				}
				wroteStd[std.ID] = true
				sum.Standards++
				return bw.Standard(&std)
			})
			if err != nil {
				return err
			}
			err = tx.Bucket(bucketSchools).ForEach(func(k, v []byte) error {
				var sc checklist.School
				if err := decode(v, &sc); err != nil {
					return checklist.Errorf(nil, checklist.Text{ZH: "学校 %s", EN: "school %s"}, k).Because(err)
				}
				sum.Schools++
				return bw.School(&sc)
			})
			if err != nil {
				return err
			}
		}
		err = tx.Bucket(bucketInspections).ForEach(func(k, v []byte) error {
			var in checklist.Inspection
			if err := decode(v, &in); err != nil {
				return checklist.Errorf(nil, checklist.Text{ZH: "检查 %s", EN: "inspection %s"}, k).Because(err)
			}
			if f.Inspector != "" && in.Inspector != f.Inspector {
				return nil
			}
			var decided []checklist.RectDecisions
			if filtered {
				var err error
				if decided, err = visitDecisions(tx, &in); err != nil {
					return err
				}
				if !since(in.UpdatedAt) && !slices.ContainsFunc(decided, func(d checklist.RectDecisions) bool { return since(d.UpdatedAt) }) {
					return nil
				}
			}
			if !wroteStd[in.StandardID] { // the shipped standard is not stored until used
				std, err := getStandard(tx, in.StandardID)
				if err != nil {
					return checklist.Errorf(nil, checklist.Text{ZH: "检查 %s", EN: "inspection %s"}, k).Because(err)
				}
				wroteStd[std.ID] = true
				sum.Standards++
				if err := bw.Standard(std); err != nil {
					return err
				}
			}
			if filtered && !wroteSchool[in.SchoolID] {
				sc, err := getSchool(tx.Bucket(bucketSchools), in.SchoolID)
				if err != nil {
					return checklist.Errorf(nil, checklist.Text{ZH: "检查 %s", EN: "inspection %s"}, k).Because(err)
				}
				wroteSchool[sc.ID] = true
				sum.Schools++
				if err := bw.School(&sc); err != nil {
					return err
				}
			}
			sum.Inspections++
			if sum.Inspections%2000 == 0 {
				releaseMapped(s.path) // the visits read so far are not needed again
			}
			if err := bw.Inspection(&in); err != nil {
				return err
			}
			trail, err := auditTrail(tx, in.ID)
			if err != nil {
				return err
			}
			for i, c := range trail {
				if containsChange(trail[:i], c) { // an old database may hold one twice
					continue
				}
				sum.Audit++
				if err := bw.Audit(&trail[i]); err != nil {
					return err
				}
			}
			for i := range decided {
				sum.Rectifications++
				if err := bw.Rectification(&decided[i]); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		// The passes over every rectification and year-end record give
		// back what they read a megabyte at a time.
		pacer := pacedBy(func() { releaseMapped(s.path) })
		if !filtered {
			err := eachDecided(tx, pacer, func(d *checklist.RectDecisions) error {
				sum.Rectifications++
				return bw.Rectification(d)
			})
			if err != nil {
				return err
			}
		}
		schoolFor := func(id string) error {
			if !filtered || wroteSchool[id] {
				return nil
			}
			sc, err := getSchool(tx.Bucket(bucketSchools), id)
			if err != nil {
				return err
			}
			wroteSchool[id] = true
			sum.Schools++
			return bw.School(&sc)
		}
		standardFor := func(id string) error {
			if wroteStd[id] {
				return nil
			}
			std, err := getStandard(tx, id)
			if err != nil {
				return err
			}
			wroteStd[id] = true
			sum.Standards++
			return bw.Standard(std)
		}
		if err := exportYearEnd(tx, bw, &sum, since, schoolFor, standardFor, pacer); err != nil {
			return err
		}
		return bw.Close()
	})
	if err != nil {
		return sum, checklist.Errorf(nil, checklist.Text{ZH: "无法从 %s 导出导入包", EN: "export bundle from %s"}, s.path).Because(err)
	}
	return sum, nil
}

// Counts are what a merge did to one kind of record.
type Counts struct {
	Added, Updated, Unchanged int
}

// rectDecided is the part of a stored rectification (storedRect) that
// people decide: an export reads it alone from every rectification, and
// writes those with a version vector.
type rectDecided struct {
	Deadline     day               `cbor:"20,keyasint,omitempty"`
	Responsible  string            `cbor:"21,keyasint,omitempty"`
	ReportedBy   string            `cbor:"22,keyasint,omitempty"`
	ReportedOn   day               `cbor:"23,keyasint,omitempty"`
	Evidence     string            `cbor:"24,keyasint,omitempty"`
	ClosedBy     string            `cbor:"25,keyasint,omitempty"`
	HandClosedOn day               `cbor:"26,keyasint,omitempty"`
	CloseReason  string            `cbor:"27,keyasint,omitempty"`
	UpdatedAt    int64             `cbor:"30,keyasint,omitempty"`
	Versions     map[string]uint64 `cbor:"31,keyasint,omitempty"`
}

// readDecisions reads the decisions of the rectification stored under id in
// the bucket of a school; ok is false when no one decided anything about
// it (no version vector).
func readDecisions(v []byte, id, schoolID string) (d checklist.RectDecisions, ok bool, err error) {
	var s rectDecided
	if err := decodeBulk(v, &s); err != nil {
		return d, false, rectError(id, err)
	}
	if len(s.Versions) == 0 {
		return d, false, nil
	}
	d = checklist.RectDecisions{ID: id, SchoolID: schoolID, Versions: s.Versions,
		Actions: checklist.RectActions{
			Deadline: s.Deadline.date(), Responsible: s.Responsible,
			ReportedBy: s.ReportedBy, ReportedOn: s.ReportedOn.date(), Evidence: s.Evidence,
			ClosedBy: s.ClosedBy, ClosedOn: s.HandClosedOn.date(), CloseReason: s.CloseReason,
		}}
	if s.UpdatedAt != 0 {
		d.UpdatedAt = time.Unix(s.UpdatedAt, 0)
	}
	return d, true, nil
}

// visitDecisions returns the decisions about the problems a visit found
// (its rectifications VISIT/ITEM, kept with its school), those someone
// decided something about.
func visitDecisions(tx *bolt.Tx, in *checklist.Inspection) ([]checklist.RectDecisions, error) {
	b := tx.Bucket(bucketRectifications).Bucket([]byte(in.SchoolID))
	if b == nil {
		return nil, nil
	}
	var out []checklist.RectDecisions
	prefix := []byte(in.ID + "/")
	c := b.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		d, ok, err := readDecisions(v, string(k), in.SchoolID)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, d)
		}
	}
	return out, nil
}

// eachDecided calls f with the decisions of every stored rectification
// someone decided something about, school by school (of the schools in
// the list: those kept for another, which doctor reports, would make a
// bundle no reader takes). What it reads is counted by pacer, which
// gives back the pages read so far: every rectification of a province
// is read (1.36 million, 0.7 GiB of the file).
func eachDecided(tx *bolt.Tx, pacer *readPacer, f func(*checklist.RectDecisions) error) error {
	top, schools := tx.Bucket(bucketRectifications), tx.Bucket(bucketSchools)
	return top.ForEachBucket(func(school []byte) error {
		if schools.Get(school) == nil {
			return nil
		}
		return top.Bucket(school).ForEach(func(k, v []byte) error {
			pacer.add(k, v)
			d, ok, err := readDecisions(v, string(k), string(school))
			if err != nil || !ok {
				return err
			}
			return f(&d)
		})
	})
}

// Conflict is a record changed both in this database and in a bundle
// (or in two bundles) since they last met. The copy that won is the one
// changed last, by the copies' own change times, with a fixed tie-break.
type Conflict struct {
	// InspectionID is the visit's id; "" for a school. For a
	// rectification, the visit that found the problem.
	InspectionID string
	// RectificationID is a rectification's id (VISIT/ITEM) when the
	// conflict is about what was decided about it, and ItemID its item;
	// "" otherwise. The decisions that were not kept are in the visit's
	// audit trail, where they were recorded when they were made.
	RectificationID, ItemID string
	// School and Township name the school (the visit's school).
	School, Township string
	// Date is the visit's date (for a rectification: the date of the
	// visit that found it; zero if that visit is not here).
	Date checklist.Date
	// KeptBundle: the copy kept came from the bundle (else from this
	// database).
	KeptBundle bool
	// KeptAt is when the kept copy was changed; OthersAt when the others
	// were. A visit keeps the others beside the kept copy until its next
	// change, which records them in its audit trail.
	KeptAt   time.Time
	OthersAt []time.Time
	// Kept and Lost are a school's copy that was kept and the one that
	// was not.
	Kept, Lost *checklist.School
	// YearEnd is the kind of year-end record the conflict is about (""
	// for none): a school's self-assessment or veto record of Year (its
	// situation SituationID), or Year's stage (School is then "").
	// Neither copy is kept beside the other: the changes of the copy
	// that lost are in the year's audit trail, where they were recorded
	// when they were made.
	YearEnd     YearEndKind
	Year        int
	SituationID string
}

// MaxListedConflicts is how many conflicts a summary lists; it counts
// them all.
const MaxListedConflicts = 1000

// MergeSummary says what a merge did, or with a dry run, would do.
type MergeSummary struct {
	Standards, Schools, Inspections Counts
	// Rectifications counts the rectifications whose decisions a
	// bundle carried: added (nothing was decided about them here),
	// updated, unchanged.
	Rectifications Counts
	AuditAdded     int
	// The year-end records a bundle carried: self-assessments, veto
	// records, years' stages; and the entries added to the years' audit
	// trails.
	SelfAssessments, Vetoes, YearStages Counts
	YearAuditAdded                      int
	// Conflicts lists the first MaxListedConflicts conflicts;
	// ConflictCount counts them all.
	Conflicts     []Conflict
	ConflictCount int
	// Backup is the backup taken before the merge wrote anything ("" if
	// nothing was written).
	Backup string
}

// Changed reports whether the merge changes anything.
func (m *MergeSummary) Changed() bool {
	return m.Standards.Added+m.Standards.Updated+m.Schools.Added+m.Schools.Updated+
		m.Inspections.Added+m.Inspections.Updated+m.Rectifications.Added+m.Rectifications.Updated+
		m.AuditAdded+m.ConflictCount > 0 || m.YearEndChanged()
}

// YearEndChanged reports whether the merge changes any year-end record.
func (m *MergeSummary) YearEndChanged() bool {
	return m.SelfAssessments.Added+m.SelfAssessments.Updated+m.Vetoes.Added+m.Vetoes.Updated+
		m.YearStages.Added+m.YearStages.Updated+m.YearAuditAdded > 0
}

func (m *MergeSummary) conflict(c Conflict) {
	m.ConflictCount++
	if len(m.Conflicts) < MaxListedConflicts {
		m.Conflicts = append(m.Conflicts, c)
	}
}

// BundleInput is a bundle to import: its name, for messages, and its
// bytes.
type BundleInput struct {
	Name string
	R    io.Reader
}

// textImportInto: an import into a database failed before it changed it.
var textImportInto = checklist.Text{ZH: "无法导入到 %s（未导入任何内容）", EN: "import into %s (nothing was imported)"}

// ImportError is a bundle refused by an import, which then changed
// nothing.
type ImportError struct {
	// Name is the bundle's name.
	Name string
	Err  error
}

func (e *ImportError) Error() string { return e.Name + ": " + e.Err.Error() }

// Unwrap gives errors.Is the cause, with the bundle's name, worded so
// that i18n.Lang.Error says the whole in the reader's language.
func (e *ImportError) Unwrap() error {
	return checklist.Errorf(nil, checklist.Text{ZH: "%s", EN: "%s"}, e.Name).Because(e.Err)
}

// ImportBundles merges bundles into the database, in order, all or
// nothing, reading each once as it streams in, in bounded memory whatever
// their size.
//
// The merge is done on a scratch copy of the database, beside it (with
// dryRun, in the system's temporary folder), committed in batches: a
// bundle of any size never has to fit in one transaction. Each bundle's
// records are checked as they come (bundle.Reader), and its end (count
// and checksum) before the next is read. Only when every bundle has been
// read whole and merged, and the merge changed something, is a backup of
// the database taken and the copy put in its place in one rename: until
// then the database file is not written to, so a bundle refused at any
// point, a full disk or a killed process leave it as it was, byte for
// byte. A dry run never puts the copy in place.
//
// Standards merge by id (a different standard under a used id refuses the
// whole import); schools by id, an alias, else name and township
// (checklist.SchoolKey), with checklist.MergeSchools; inspections by id,
// with checklist.MergeInspections; audit entries are added unless there;
// the decisions about rectifications by id, with
// checklist.MergeRectDecisions, kept with the school of the visit that
// found the problem; the year-end records by school, year and situation
// (checklist.MergeSelfAssessments, MergeVetoRecords, MergeYearStages),
// and the years' audit entries unless there (see bundle_yearend.go).
// When every bundle is merged, the rectifications of
// each school whose visits or decisions changed are derived again, once
// per school (checklist.DeriveRectifications), keeping the merged
// decisions: a decision whose visit is not here, or is a draft, is kept
// withdrawn and comes back when its visit is finalized here. (A dry run
// does not derive them: nothing it prints depends on it.) Importing the
// same bundles again changes nothing. It returns one summary per bundle.
// It must not run while another call uses the Store: it replaces the
// database file under it.
func (s *Store) ImportBundles(inputs []BundleInput, dryRun bool) ([]*MergeSummary, error) {
	checked := ""
	if !dryRun {
		// The import writes the database (through its copy): not a file
		// that may not be written, nor one with a damaged value, which it
		// checks for once a day as an open that writes does.
		if s.blocked != nil {
			return nil, s.blocked
		}
		if today := s.now().Format(time.DateOnly); s.meta(keyLastValueCheck) != today {
			var damaged error
			s.db.View(func(tx *bolt.Tx) error { damaged = checkValues(tx, s.path); return nil })
			if damaged != nil {
				return nil, damaged
			}
			checked = today
		}
	}
	im, err := s.newImporter(dryRun)
	if err != nil {
		return nil, checklist.Errorf(nil, textImportInto, s.path).Because(err)
	}
	defer im.discard()
	im.valuesChecked = checked
	var sums []*MergeSummary
	changed := false
	for _, in := range inputs {
		sum, err := im.merge(in.R)
		if err != nil {
			return nil, &ImportError{Name: in.Name, Err: err}
		}
		sums = append(sums, sum)
		changed = changed || sum.Changed()
	}
	if dryRun || !changed {
		return sums, nil
	}
	if err := im.deriveMarked(); err != nil {
		return nil, checklist.Errorf(nil, textImportInto, s.path).Because(err)
	}
	if err := im.finish(); err != nil {
		return nil, checklist.Errorf(nil, textImportInto, s.path).Because(err)
	}
	backup, err := s.backupNow("before-import")
	if err != nil {
		return nil, checklist.Errorf(nil, checklist.Text{ZH: "导入前无法备份（未导入任何内容）", EN: "back up before the import (nothing was imported)"}).Because(err)
	}
	if err := s.replaceWith(im); err != nil {
		return nil, err
	}
	for _, sum := range sums {
		sum.Backup = backup
	}
	return sums, nil
}

// The scratch buckets of an import, in the scratch copy only.
var (
	scratchImport      = []byte("import")
	scratchSchoolIDs   = []byte("school_ids")   // every id and alias -> the school's id
	scratchSchoolNames = []byte("school_names") // checklist.SchoolKey -> the school's id
	scratchSchoolMap   = []byte("school_map")   // a bundle's school id -> a local id
	scratchSeen        = []byte("seen")         // kind byte + id -> empty: bundle.Index
	scratchRederive    = []byte("rederive")     // school id -> empty: its rectifications to derive again
)

// Batches: a transaction of the scratch copy is committed after this many
// bytes written or records merged.
const (
	batchBytes   = 1 << 20
	batchRecords = 500
)

// importer merges bundles into a scratch copy of the database.
type importer struct {
	s       *Store
	path    string
	db      *bolt.DB
	tx      *bolt.Tx
	bytes   int
	records int
	// trail is the audit trail of the inspection whose entries are being
	// merged.
	trailID string
	trail   []checklist.Change
	sum     *MergeSummary
	// valuesChecked is the day the database's values were checked before
	// the import, to be marked in the copy ("": not checked now).
	valuesChecked string
}

// newImporter copies the database to a scratch file and opens it.
func (s *Store) newImporter(dryRun bool) (*importer, error) {
	dir, pattern := filepath.Dir(s.path), "."+filepath.Base(s.path)+".import-*.tmp"
	if dryRun {
		dir, pattern = "", "branchcheck-dry-run-*.db"
	} else {
		// Left by an import that was killed: nothing else can be using
		// them while this process holds the database.
		stale, _ := filepath.Glob(filepath.Join(dir, pattern))
		for _, p := range stale {
			os.Remove(p)
		}
	}
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return nil, err
	}
	im := &importer{s: s, path: f.Name()}
	err = s.db.View(func(tx *bolt.Tx) error {
		_, err := tx.WriteTo(f)
		return err
	})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(im.path)
		return nil, checklist.Errorf(nil, checklist.Text{ZH: "无法复制数据库", EN: "copy the database"}).Because(err)
	}
	im.db, err = bolt.Open(im.path, 0o600, &bolt.Options{Timeout: LockTimeout, NoSync: true})
	if err != nil {
		os.Remove(im.path)
		return nil, checklist.Errorf(nil, checklist.Text{ZH: "无法打开数据库的副本", EN: "open the copy"}).Because(err)
	}
	if err := im.indexSchools(); err != nil {
		im.discard()
		return nil, err
	}
	return im, nil
}

// discard closes and removes the scratch copy, unless it was put in
// place.
func (im *importer) discard() {
	if im.tx != nil {
		im.tx.Rollback()
		im.tx = nil
	}
	if im.db != nil {
		im.db.Close()
		im.db = nil
		os.Remove(im.path)
	}
}

// write returns the transaction records are merged in.
func (im *importer) write() (*bolt.Tx, error) {
	if im.tx == nil {
		tx, err := im.db.Begin(true)
		if err != nil {
			return nil, err
		}
		im.tx = tx
	}
	return im.tx, nil
}

// done counts a record merged, n bytes written, and commits the batch
// when it is full.
func (im *importer) done(n int) error {
	im.bytes += n
	im.records++
	if im.bytes < batchBytes && im.records < batchRecords {
		return nil
	}
	return im.commit()
}

func (im *importer) commit() error {
	if im.tx == nil {
		return nil
	}
	err := im.tx.Commit()
	im.tx, im.bytes, im.records = nil, 0, 0
	releaseMapped(im.path)
	return err
}

// scratch returns a bucket under import/, created if need be.
func (im *importer) scratch(name []byte) (*bolt.Bucket, error) {
	top, err := im.scratchTop()
	if err != nil {
		return nil, err
	}
	return top.CreateBucketIfNotExists(name)
}

// scratchTop returns the bucket import/, created if need be.
func (im *importer) scratchTop() (*bolt.Bucket, error) {
	tx, err := im.write()
	if err != nil {
		return nil, err
	}
	return tx.CreateBucketIfNotExists(scratchImport)
}

// indexSchools fills the scratch indexes of the schools: each id and
// alias, and each name, to the school's id.
func (im *importer) indexSchools() error {
	var schools []checklist.School
	flush := func() error {
		for i := range schools {
			if err := im.indexSchool(&schools[i]); err != nil {
				return err
			}
		}
		schools = schools[:0]
		return im.commit()
	}
	// Read in slices, so that a long list is not held at once.
	var after []byte
	for {
		err := im.db.View(func(tx *bolt.Tx) error {
			c := tx.Bucket(bucketSchools).Cursor()
			k, v := c.First()
			if after != nil {
				k, v = c.Seek(after)
				if k != nil && string(k) == string(after) {
					k, v = c.Next()
				}
			}
			for ; k != nil && len(schools) < batchRecords; k, v = c.Next() {
				var sc checklist.School
				if err := decode(v, &sc); err != nil {
					return checklist.Errorf(nil, checklist.Text{ZH: "学校 %s", EN: "school %s"}, k).Because(err)
				}
				schools = append(schools, sc)
				after = append(after[:0], k...)
			}
			return nil
		})
		if err != nil {
			return err
		}
		if len(schools) == 0 {
			return nil
		}
		if err := flush(); err != nil {
			return err
		}
	}
}

func (im *importer) indexSchool(sc *checklist.School) error {
	ids, err := im.scratch(scratchSchoolIDs)
	if err != nil {
		return err
	}
	for _, id := range sc.IDs() {
		if err := ids.Put([]byte(id), []byte(sc.ID)); err != nil {
			return err
		}
	}
	names, err := im.scratch(scratchSchoolNames)
	if err != nil {
		return err
	}
	return names.Put([]byte(sc.Key()), []byte(sc.ID))
}

// merge reads one bundle and merges it into the copy.
func (im *importer) merge(r io.Reader) (*MergeSummary, error) {
	im.sum = &MergeSummary{}
	im.trailID, im.trail = "", nil
	for _, b := range [][]byte{scratchSchoolMap, scratchSeen} {
		top, err := im.scratchTop()
		if err != nil {
			return nil, err
		}
		if top.Bucket(b) != nil {
			if err := top.DeleteBucket(b); err != nil {
				return nil, err
			}
		}
	}
	br, err := bundle.NewReaderIndex(r, (*importIndex)(im), bundle.DefaultLimits())
	if err != nil {
		return nil, err
	}
	defer br.Close()
	for {
		rec, err := br.Next()
		if err == io.EOF {
			return im.sum, im.commit()
		}
		if err != nil {
			return nil, err
		}
		if err := im.record(rec); err != nil {
			return nil, checklist.Errorf(nil, checklist.Text{ZH: "第 %d 行", EN: "line %d"}, br.Line()).Because(err)
		}
	}
}

func (im *importer) record(rec bundle.Record) error {
	tx, err := im.write()
	if err != nil {
		return err
	}
	n := 0
	switch {
	case rec.Standard != nil:
		err = im.standard(tx, rec.Standard)
	case rec.School != nil:
		n, err = im.school(tx, rec.School)
	case rec.Inspection != nil:
		n, err = im.inspection(tx, rec.Inspection)
	case rec.Audit != nil:
		err = im.audit(tx, rec.Audit)
	case rec.Rectification != nil:
		n, err = im.rectification(tx, rec.Rectification)
	case rec.SelfAssessment != nil:
		n, err = im.selfAssessment(tx, rec.SelfAssessment)
	case rec.Veto != nil:
		n, err = im.veto(tx, rec.Veto)
	case rec.YearStage != nil:
		n, err = im.yearStage(tx, rec.YearStage)
	case rec.YearAudit != nil:
		n, err = im.yearAudit(tx, rec.YearAudit)
	}
	if err != nil {
		return err
	}
	return im.done(n)
}

func (im *importer) standard(tx *bolt.Tx, std *checklist.Standard) error {
	existing := tx.Bucket(bucketStandards).Get([]byte(std.ID)) != nil
	if err := saveStandard(tx, std); err != nil {
		return checklist.Errorf(nil, checklist.Text{ZH: "标准 %s", EN: "standard %s"}, std.ID).Because(err)
	}
	if existing {
		im.sum.Standards.Unchanged++
	} else {
		im.sum.Standards.Added++
	}
	return nil
}

// school merges a bundle's school with the schools here that share an id
// or an alias with it, or else its name and township; it returns the
// bytes written.
func (im *importer) school(tx *bolt.Tx, in *checklist.School) (int, error) {
	normaliseSchool(in)
	sb := tx.Bucket(bucketSchools)
	ids, err := im.scratch(scratchSchoolIDs)
	if err != nil {
		return 0, err
	}
	names, err := im.scratch(scratchSchoolNames)
	if err != nil {
		return 0, err
	}
	var local []checklist.School
	seen := map[string]bool{}
	find := func(id []byte) error {
		if id == nil || seen[string(id)] {
			return nil
		}
		seen[string(id)] = true
		sc, err := getSchool(sb, string(id))
		if err != nil {
			return err
		}
		local = append(local, sc)
		return nil
	}
	for _, id := range in.IDs() {
		if err := find(ids.Get([]byte(id))); err != nil {
			return 0, err
		}
	}
	if len(local) == 0 {
		if err := find(names.Get([]byte(in.Key()))); err != nil {
			return 0, err
		}
	}
	if len(local) == 0 {
		n, err := im.putSchool(tx, in, nil)
		if err != nil {
			return 0, err
		}
		im.sum.Schools.Added++
		return n, im.mapSchool(in.ID, in.ID)
	}
	// Schools here that turn out to be one (a bundle knew them as one)
	// become one first; then the bundle's copy joins them.
	here := local[0]
	for _, o := range local[1:] {
		here, _ = checklist.MergeSchools(here, o)
	}
	merged, m := checklist.MergeSchools(here, *in)
	if len(local) == 1 && sameSchoolRecord(&merged, &local[0]) {
		im.sum.Schools.Unchanged++
		return 0, im.mapSchool(in.ID, merged.ID)
	}
	n, err := im.putSchool(tx, &merged, local)
	if err != nil {
		return 0, err
	}
	if m.Conflict {
		kept, lost := merged, m.Lost
		im.sum.conflict(Conflict{
			School: merged.Name, Township: merged.Township,
			KeptBundle: merged.SameFields(in) && !merged.SameFields(&here),
			KeptAt:     merged.UpdatedAt, OthersAt: []time.Time{lost.UpdatedAt}, Kept: &kept, Lost: &lost,
		})
	} else {
		im.sum.Schools.Updated++
	}
	return n, im.mapSchool(in.ID, merged.ID)
}

// sameSchoolRecord reports whether two copies of a school are the same in
// every way the database keeps.
func sameSchoolRecord(a, b *checklist.School) bool {
	return a.SameFields(b) && a.ID == b.ID && a.CreatedAt.Equal(b.CreatedAt) && a.UpdatedAt.Equal(b.UpdatedAt) &&
		checklist.CompareVersions(a.Versions, b.Versions) == checklist.Same && len(a.Versions) == len(b.Versions) &&
		fmt.Sprint(a.Aliases) == fmt.Sprint(b.Aliases)
}

// putSchool saves a school that replaces the schools was (none for a new
// one): the schools under another id are removed, their visits moved to
// it, and the scratch indexes follow. It returns the bytes written.
func (im *importer) putSchool(tx *bolt.Tx, sc *checklist.School, was []checklist.School) (int, error) {
	sb := tx.Bucket(bucketSchools)
	names, err := im.scratch(scratchSchoolNames)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, o := range was {
		if k := []byte(o.Key()); string(names.Get(k)) == o.ID {
			if err := names.Delete(k); err != nil {
				return 0, err
			}
		}
	}
	// The school first, so that the visits moved to it find it when its
	// rectifications are worked out again.
	if err := putSchool(sb, sc); err != nil {
		return 0, err
	}
	for _, o := range was {
		if o.ID == sc.ID {
			continue
		}
		moved, err := im.moveVisits(tx, o.ID, sc.ID)
		if err != nil {
			return 0, err
		}
		n += moved
		if err := moveYearEnd(tx, o.ID, sc.ID); err != nil {
			return 0, err
		}
		if err := deleteSchool(tx, o.ID); err != nil {
			return 0, err
		}
	}
	return n + len(sb.Get([]byte(sc.ID))), im.indexSchool(sc)
}

// deleteSchool removes a school that became part of another (its visits
// moved there first), with its entry in school_names and its summaries.
func deleteSchool(tx *bolt.Tx, id string) error {
	sb := tx.Bucket(bucketSchools)
	if v := sb.Get([]byte(id)); v != nil {
		var sc checklist.School
		if err := decode(v, &sc); err != nil {
			return checklist.Errorf(nil, checklist.Text{ZH: "学校 %s", EN: "school %s"}, id).Because(err)
		}
		names := tx.Bucket(bucketSchoolNames)
		if k := []byte(nameKey(sc.Name, sc.Township)); string(names.Get(k)) == id {
			if err := names.Delete(k); err != nil {
				return err
			}
		}
	}
	if err := tx.Bucket(bucketSchoolSummaries).Delete([]byte(id)); err != nil {
		return err
	}
	if err := markListed(tx, id); err != nil {
		return err
	}
	if rb := tx.Bucket(bucketRectifications); rb.Bucket([]byte(id)) != nil {
		if err := rb.DeleteBucket([]byte(id)); err != nil {
			return err
		}
	}
	years := tx.Bucket(bucketYearSummaries)
	err := years.ForEachBucket(func(y []byte) error { return years.Bucket(y).Delete([]byte(id)) })
	if err != nil {
		return err
	}
	return sb.Delete([]byte(id))
}

// moveVisits gives a school's visits (and the copies they keep) another
// school id, and moves its index and its rectifications (with the
// decisions people made about them); the school they go to is marked for
// its rectifications to be derived again. It returns the bytes written.
func (im *importer) moveVisits(tx *bolt.Tx, from, to string) (int, error) {
	if err := moveRects(tx, from, to); err != nil {
		return 0, err
	}
	if err := im.mark(to); err != nil {
		return 0, err
	}
	idx := tx.Bucket(bucketSchoolInspections)
	old := idx.Bucket([]byte(from))
	if old == nil {
		return 0, nil
	}
	var ids []string
	old.ForEach(func(k, _ []byte) error { ids = append(ids, string(k)); return nil })
	n := 0
	for _, id := range ids {
		in, err := getInspection(tx, id)
		if err != nil {
			return 0, err
		}
		in.SchoolID = to
		for i := range in.Conflicting {
			in.Conflicting[i].SchoolID = to
		}
		v, err := writeInspection(tx, in)
		if err != nil {
			return 0, err
		}
		if err := summarise(tx, in); err != nil {
			return 0, err
		}
		n += len(v)
		if err := indexPut(tx, bucketSchoolInspections, []byte(to), id); err != nil {
			return 0, err
		}
	}
	return n, idx.DeleteBucket([]byte(from))
}

// moveRects moves a school's stored rectifications to another school, so
// that what people decided about them is there when the visits that found
// them are worked out again under that school. One the other school holds
// already (decisions that came before their visit) keeps the merge of
// both copies' decisions.
func moveRects(tx *bolt.Tx, from, to string) error {
	rects, err := schoolRects(tx, from)
	if err != nil || len(rects) == 0 {
		return err
	}
	for i := range rects {
		if err := moveRect(tx, &rects[i], to); err != nil {
			return err
		}
	}
	return tx.Bucket(bucketRectifications).DeleteBucket([]byte(from))
}

// moveRect puts a rectification in the bucket of another school, merging
// its decisions with those of the one there under its id, if any.
func moveRect(tx *bolt.Tx, r *checklist.Rectification, to string) error {
	b, err := tx.Bucket(bucketRectifications).CreateBucketIfNotExists([]byte(to))
	if err != nil {
		return err
	}
	r.SchoolID = to
	if v := b.Get([]byte(r.ID)); v != nil {
		here, err := decodeRect(v, r.ID, to, false)
		if err != nil {
			return rectError(r.ID, err)
		}
		merged, _ := checklist.MergeRectDecisions(here.Decisions(), r.Decisions())
		here.SetDecisions(merged)
		r = &here
	}
	return putRect(b, r)
}

// mapSchool remembers which school here a bundle's school id is.
func (im *importer) mapSchool(bundleID, localID string) error {
	m, err := im.scratch(scratchSchoolMap)
	if err != nil {
		return err
	}
	return m.Put([]byte(bundleID), []byte(localID))
}

// localSchool is the id here of a bundle's school: the id it was mapped
// to, followed to the school it has since been merged into.
func (im *importer) localSchool(bundleID string) (string, error) {
	m, err := im.scratch(scratchSchoolMap)
	if err != nil {
		return "", err
	}
	ids, err := im.scratch(scratchSchoolIDs)
	if err != nil {
		return "", err
	}
	mapped := m.Get([]byte(bundleID))
	if mapped == nil {
		return "", checklist.Errorf(checklist.ErrNotFound, checklist.Text{ZH: "导入包中没有学校 %s", EN: "not found: school %s"}, bundleID)
	}
	if id := ids.Get(mapped); id != nil {
		return string(id), nil
	}
	return string(mapped), nil
}

// inspection merges a bundle's inspection with the one here; it returns
// the bytes written.
func (im *importer) inspection(tx *bolt.Tx, in *checklist.Inspection) (int, error) {
	school, err := im.localSchool(in.SchoolID)
	if err != nil {
		return 0, checklist.Errorf(nil, checklist.Text{ZH: "检查 %s", EN: "inspection %s"}, in.ID).Because(err)
	}
	in.SchoolID = school
	for i := range in.Conflicting {
		in.Conflicting[i].SchoolID = school
	}
	local, err := getInspection(tx, in.ID)
	if errors.Is(err, checklist.ErrNotFound) {
		im.sum.Inspections.Added++
		if err := putInspectionOnly(tx, in); err != nil {
			return 0, err
		}
		if in.Audited() {
			if err := im.mark(in.SchoolID); err != nil {
				return 0, err
			}
		}
		return len(tx.Bucket(bucketInspections).Get([]byte(in.ID))), nil
	}
	if err != nil {
		return 0, err
	}
	// A draft's date can change (RedateDraft): the copy that wins brings
	// its date, and the indexes follow. Its school and standard never do.
	if local.SchoolID != in.SchoolID || local.StandardID != in.StandardID {
		return 0, checklist.Errorf(checklist.ErrInvalid, checklist.Text{
			ZH: "检查 %s：导入包中的这次检查与本数据库中的学校或标准不同",
			EN: "inspection %s: the bundle's copy is of another school or standard than this database's"}, in.ID)
	}
	merged, m := checklist.MergeInspections(local, in)
	if !m.Changed {
		im.sum.Inspections.Unchanged++
		return 0, nil
	}
	v, err := writeInspection(tx, merged)
	if err == nil {
		err = summarise(tx, merged)
	}
	if err == nil && merged.Date != local.Date { // a re-dated draft
		err = moveDate(tx, local, merged)
	}
	if err != nil {
		return 0, err
	}
	if local.Audited() || merged.Audited() {
		if err := im.mark(merged.SchoolID); err != nil {
			return 0, err
		}
	}
	if !m.Conflict {
		im.sum.Inspections.Updated++
		return len(v), nil
	}
	c := Conflict{InspectionID: merged.ID, Date: merged.Date, KeptBundle: m.FromSecond, KeptAt: merged.UpdatedAt}
	for _, o := range merged.Conflicting {
		c.OthersAt = append(c.OthersAt, o.UpdatedAt)
	}
	if sc, err := getSchool(tx.Bucket(bucketSchools), merged.SchoolID); err == nil {
		c.School, c.Township = sc.Name, sc.Township
	}
	im.sum.conflict(c)
	return len(v), nil
}

// rectification merges a bundle's decisions about a rectification with
// those here (checklist.MergeRectDecisions), in the bucket of the school
// of the visit that found the problem (the bundle's school when that
// visit is not here), and marks the school for its rectifications to be
// derived again. Decisions about a rectification not stored here are
// kept as a withdrawn rectification until the derivation finds their
// visit. It returns the bytes written.
func (im *importer) rectification(tx *bolt.Tx, d *checklist.RectDecisions) (int, error) {
	school, err := im.localSchool(d.SchoolID)
	if err != nil {
		return 0, rectError(d.ID, err)
	}
	visitID, itemID, _ := strings.Cut(d.ID, "/")
	if school, err = visitSchool(tx, visitID, school); err != nil {
		return 0, rectError(d.ID, err)
	}
	b, err := tx.Bucket(bucketRectifications).CreateBucketIfNotExists([]byte(school))
	if err != nil {
		return 0, err
	}
	in := *d
	in.SchoolID = school
	var r checklist.Rectification
	if v := b.Get([]byte(d.ID)); v == nil {
		r = checklist.Rectification{ID: d.ID, SchoolID: school, ItemID: itemID, FoundIn: visitID, Withdrawn: true}
		r.SetDecisions(in)
		im.sum.Rectifications.Added++
	} else {
		if r, err = decodeRect(v, d.ID, school, false); err != nil {
			return 0, rectError(d.ID, err)
		}
		decidedHere := len(r.Versions) > 0
		merged, m := checklist.MergeRectDecisions(r.Decisions(), in)
		if !m.Changed {
			im.sum.Rectifications.Unchanged++
			return 0, nil
		}
		r.SetDecisions(merged)
		switch {
		case m.Conflict:
			c := Conflict{InspectionID: visitID, RectificationID: d.ID, ItemID: itemID, Date: r.FoundOn,
				KeptBundle: m.FromSecond, KeptAt: merged.UpdatedAt, OthersAt: []time.Time{m.Lost.UpdatedAt}}
			if sc, err := getSchool(tx.Bucket(bucketSchools), school); err == nil {
				c.School, c.Township = sc.Name, sc.Township
			}
			if c.Date.IsZero() { // not derived yet: its visit merged in this import
				if v, err := getInspection(tx, visitID); err == nil {
					c.Date = v.Date
				}
			}
			im.sum.conflict(c)
		case decidedHere:
			im.sum.Rectifications.Updated++
		default:
			im.sum.Rectifications.Added++
		}
	}
	if err := putRect(b, &r); err != nil {
		return 0, err
	}
	return len(b.Get([]byte(d.ID))), im.mark(school)
}

// rectError says which rectification a problem is with.
func rectError(id string, err error) error {
	return checklist.Errorf(nil, checklist.Text{ZH: "整改事项 %s", EN: "rectification %s"}, id).Because(err)
}

// visitSchool is the school a visit is of: school if its index holds the
// visit or the visit is not here, else the school the visit says.
func visitSchool(tx *bolt.Tx, visitID, school string) (string, error) {
	if idx := tx.Bucket(bucketSchoolInspections).Bucket([]byte(school)); idx != nil && idx.Get([]byte(visitID)) != nil {
		return school, nil
	}
	in, err := getInspection(tx, visitID)
	if errors.Is(err, checklist.ErrNotFound) {
		return school, nil
	}
	if err != nil {
		return "", err
	}
	return in.SchoolID, nil
}

// mark marks a school for its rectifications to be derived again when
// every bundle is merged (deriveMarked).
func (im *importer) mark(schoolID string) error {
	b, err := im.scratch(scratchRederive)
	if err != nil {
		return err
	}
	return b.Put([]byte(schoolID), []byte{})
}

// deriveBytes bounds the schools deriveMarked works out at once: their
// visits' and rectifications' stored bytes, of which the decoded values
// take some times more. A county's school (four visits) is some 15 KiB,
// so about sixteen go at once.
const deriveBytes = 256 << 10

// deriveMarked works out again the rectifications of every school marked
// by the merge, once each, a few schools at a time (deriveBytes): their
// values gathered in the transaction, then decoded and derived on every
// processor, then what changed written and committed. A school that
// became part of another is passed over (the other is marked). The
// decisions that came before their visit, under another school than the
// one the visit is of, go to that school first (rehome).
func (im *importer) deriveMarked() error {
	if err := im.rehome(); err != nil {
		return err
	}
	var stds map[string]*checklist.Standard
	for {
		tx, err := im.write()
		if err != nil {
			return err
		}
		if stds == nil {
			if stds, err = loadStandards(tx, txStandards()); err != nil {
				return err
			}
		}
		marks, err := im.scratch(scratchRederive)
		if err != nil {
			return err
		}
		var (
			works []schoolWork
			taken [][]byte
			size  int
		)
		c := marks.Cursor()
		for k, _ := c.First(); k != nil && size < deriveBytes; k, _ = c.Next() {
			taken = append(taken, bytes.Clone(k))
			sc, err := getSchool(tx.Bucket(bucketSchools), string(k))
			if errors.Is(err, checklist.ErrNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			var w schoolWork
			if err := w.gather(tx, &sc); err != nil {
				return err
			}
			for _, v := range w.visits {
				size += len(v)
			}
			for _, v := range w.rectValues {
				size += len(v)
			}
			works = append(works, w)
		}
		if len(taken) == 0 {
			return im.commit()
		}
		for _, k := range taken {
			if err := marks.Delete(k); err != nil {
				return err
			}
		}
		eachInParallel(len(works), func(i int) { works[i].work(stds) })
		for i := range works {
			w := &works[i]
			if w.damaged != nil {
				return checklist.Errorf(nil, checklist.Text{
					ZH: "学校 %s 的整改事项无法推算（数据库有损坏，branchcheck doctor 可查看何处）",
					EN: "the rectifications of school %s cannot be worked out (the database is damaged; branchcheck doctor says where)"},
					w.school.Name).Because(w.damaged)
			}
			if err := writeRects(tx, w.school.ID, w.have, w.want); err != nil {
				return err
			}
		}
		if err := im.commit(); err != nil {
			return err
		}
	}
}

// rehome moves the rectifications kept with a school their visit is not
// of to the school it is of, merging their decisions with any that school
// holds under the id, and marks both schools. Only decisions that came
// before their visit are kept so (with the school their bundle named,
// while the visit was not here): every rectification a school's visits
// derive is kept with that school, and a school's visits move with its
// rectifications. It reads every rectification's key once, and a
// visit's when the school's index does not hold it.
func (im *importer) rehome() error {
	tx, err := im.write()
	if err != nil {
		return err
	}
	top := tx.Bucket(bucketRectifications)
	index, inspections := tx.Bucket(bucketSchoolInspections), tx.Bucket(bucketInspections)
	type away struct{ school, id string }
	var found []away
	err = top.ForEachBucket(func(school []byte) error {
		visits := index.Bucket(school)
		return top.Bucket(school).ForEach(func(k, _ []byte) error {
			visit, _, _ := bytes.Cut(k, []byte("/"))
			if (visits == nil || visits.Get(visit) == nil) && inspections.Get(visit) != nil {
				found = append(found, away{string(school), string(k)})
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	for _, a := range found {
		b := top.Bucket([]byte(a.school))
		r, err := decodeRect(b.Get([]byte(a.id)), a.id, a.school, false)
		if err != nil {
			return rectError(a.id, err)
		}
		in, err := getInspection(tx, r.FoundIn)
		if err != nil {
			return err
		}
		if err := moveRect(tx, &r, in.SchoolID); err != nil {
			return err
		}
		if err := b.Delete([]byte(a.id)); err != nil {
			return err
		}
		for _, id := range []string{a.school, in.SchoolID} {
			if err := im.mark(id); err != nil {
				return err
			}
		}
	}
	return im.commit()
}

// audit adds an audit entry its inspection's trail does not have yet.
func (im *importer) audit(tx *bolt.Tx, c *checklist.Change) error {
	if c.InspectionID != im.trailID {
		trail, err := auditTrail(tx, c.InspectionID)
		if err != nil {
			return err
		}
		im.trailID, im.trail = c.InspectionID, trail
	}
	if containsChange(im.trail, *c) {
		return nil
	}
	if err := appendAudit(tx, *c); err != nil {
		return err
	}
	im.trail = append(im.trail, *c)
	im.sum.AuditAdded++
	return nil
}

// finish drops the scratch buckets, brings the school list up to date
// and writes the copy to disk.
func (im *importer) finish() error {
	tx, err := im.write()
	if err != nil {
		return err
	}
	if tx.Bucket(scratchImport) != nil {
		// bbolt reads every page of the bucket to free it (a province's
		// ids: 0.1 GiB of the file), given back as it reads them.
		stop := releasingClosely(mapsOf(im.path))
		err := tx.DeleteBucket(scratchImport)
		stop()
		if err != nil {
			return err
		}
	}
	if im.valuesChecked != "" {
		if err := tx.Bucket(bucketMeta).Put(keyLastValueCheck, []byte(im.valuesChecked)); err != nil {
			return err
		}
	}
	// The rows of the schools the import changed, made once each, a
	// batch of them to a transaction: the copy is the database only once
	// it is renamed into its place (replaceWith).
	for {
		more, err := flushSchoolListUpTo(tx, im.s.cached(), listRowsPerCommit)
		if err != nil {
			return err
		}
		if err := im.commit(); err != nil {
			return err
		}
		if !more {
			break
		}
		if tx, err = im.write(); err != nil {
			return err
		}
	}
	return im.db.Sync()
}

// listRowsPerCommit is how many rows of the school list an import makes
// in one transaction: the rows waiting to be written, and the pages read
// to make them (each school's rated visits, scored again), stay a few
// megabytes. A province's import peaked at 158–167 MiB with 5,000.
const listRowsPerCommit = 1000

// replaceWith puts the merged copy in the database's place with one
// rename, and goes on with it. Where an open file can be renamed over
// (not Windows), the rename happens while this process still holds the
// old file, and the copy is already open and held, so no other process
// can come between.
func (s *Store) replaceWith(im *importer) error {
	if st, err := os.Stat(s.path); err == nil {
		os.Chmod(im.path, st.Mode().Perm()) // keep the database's mode
	}
	im.db.NoSync = false
	if runtime.GOOS != "windows" {
		if err := os.Rename(im.path, s.path); err != nil {
			return checklist.Errorf(nil, textImportInto, s.path).Because(err)
		}
		syncDir(filepath.Dir(s.path))
		old := s.db
		s.db, im.db = &database{DB: im.db, refuse: old.refuse, standards: old.standards}, nil
		old.Close()
		return nil
	}
	// Windows renames no open file: let go of both, rename, open again.
	im.db.Close()
	im.db = nil
	s.db.Close()
	renameErr := os.Rename(im.path, s.path)
	db, err := bolt.Open(s.path, 0o600, &bolt.Options{Timeout: LockTimeout})
	if err != nil {
		return checklist.Errorf(nil, checklist.Text{ZH: "导入到 %s 后无法重新打开数据库", EN: "import into %s: the database could not be opened again"}, s.path).Because(err)
	}
	s.db = &database{DB: db, refuse: s.db.refuse, standards: s.db.standards}
	if renameErr != nil {
		os.Remove(im.path)
		return checklist.Errorf(nil, textImportInto, s.path).Because(renameErr)
	}
	return nil
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// importIndex keeps a bundle's ids for bundle.Reader in the scratch copy.
type importIndex importer

func (x *importIndex) bucket() (*bolt.Bucket, error) { return (*importer)(x).scratch(scratchSeen) }

// Add records an id; see bundle.Index.
func (x *importIndex) Add(k bundle.Kind, id string) (bool, error) {
	b, err := x.bucket()
	if err != nil {
		return false, err
	}
	key := append([]byte{byte(k)}, id...)
	if b.Get(key) != nil {
		return false, nil
	}
	x.bytes += len(key)
	return true, b.Put(key, []byte{})
}

// Has reports whether an id was recorded; see bundle.Index.
func (x *importIndex) Has(k bundle.Kind, id string) (bool, error) {
	b, err := x.bucket()
	if err != nil {
		return false, err
	}
	return b.Get(append([]byte{byte(k)}, id...)) != nil, nil
}

// containsChange reports whether a trail holds an entry.
func containsChange(trail []checklist.Change, c checklist.Change) bool {
	for _, t := range trail {
		if t.ItemID == c.ItemID && t.Field == c.Field && t.Old == c.Old && t.New == c.New &&
			t.By == c.By && t.At.Equal(c.At) && t.Reason == c.Reason && t.InspectionID == c.InspectionID {
			return true
		}
	}
	return false
}
