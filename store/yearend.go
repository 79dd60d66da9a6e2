package store

import (
	"slices"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"branchcheck/checklist"
)

// The year's records outside its visits (see the layout in buckets.go):
// its stage (初评, 公示, 确定), the branches' self-assessments (支部自评) and
// the veto situations recorded (一票否决情形). Each change is its own
// committed transaction, counted in the record's version vector, and
// written to the year's audit trail (YearAudit) with who, when and why.

// The fields of the year's audit trail besides checklist.FieldVerdict,
// FieldValue and FieldNote (a self-assessment's answers): see
// checklist.FieldStage, FieldVeto and FieldSigned, which bundles check.
const (
	FieldStage  = checklist.FieldStage
	FieldVeto   = checklist.FieldVeto
	FieldSigned = checklist.FieldSigned
)

// The year's audit trail names its records (checklist.Change's
// InspectionID) by these ids: the year ("2027") for its stage,
// checklist.SelfAssessmentID for a self-assessment, checklist.VetoRecordID
// for a veto record.

// getYearStage returns the stored stage of a year; nil if none (初评).
func getYearStage(tx *bolt.Tx, year int) (*checklist.YearStage, error) {
	b := tx.Bucket(bucketYearStages)
	if b == nil { // a database being migrated
		return nil, nil
	}
	v := b.Get(yearKey(year))
	if v == nil {
		return nil, nil
	}
	var st checklist.YearStage
	if err := decode(v, &st); err != nil {
		return nil, checklist.Errorf(nil, checklist.Text{ZH: "%d 年度的评定阶段", EN: "the stage of %d"}, year).Because(err)
	}
	return &st, nil
}

func putYearStage(tx *bolt.Tx, st *checklist.YearStage) error {
	v, err := encode(st)
	if err != nil {
		return err
	}
	return tx.Bucket(bucketYearStages).Put(yearKey(st.Year), v)
}

// appendYearAudit adds a change to the year's audit trail.
func appendYearAudit(tx *bolt.Tx, year int, c checklist.Change) error {
	b, err := tx.Bucket(bucketYearAudit).CreateBucketIfNotExists(yearKey(year))
	if err != nil {
		return err
	}
	return appendChange(b, c)
}

// YearAudit returns the year's audit trail, oldest first: every change
// of its stage, of its self-assessments and of its veto records. Each
// entry's InspectionID names the record: the year ("2027") for the stage,
// a self-assessment's id (SCHOOL/YEAR), a veto record's id
// (SCHOOL/YEAR/SITUATION). A visit's changes are in its own trail
// (AuditTrail).
func (s *Store) YearAudit(year int) ([]checklist.Change, error) {
	var out []checklist.Change
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketYearAudit).Bucket(yearKey(year))
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var c checklist.Change
			if err := decode(v, &c); err != nil {
				return checklist.Errorf(nil, checklist.Text{ZH: "审计记录 %x", EN: "audit entry %x"}, k).Because(err)
			}
			out = append(out, c)
			return nil
		})
	})
	if err != nil {
		return nil, checklist.Errorf(nil, checklist.Text{ZH: "不能读取 %d 年度的审计记录", EN: "read the %d audit trail"}, year).Because(err)
	}
	return out, nil
}

// The year's stage.

// YearStage returns where a year's rating stands: its stored stage, or
// one at 初评 (checklist.StageInitial) when the year was never published.
func (s *Store) YearStage(year int) (*checklist.YearStage, error) {
	var st *checklist.YearStage
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		st, err = getYearStage(tx, year)
		return err
	})
	if err != nil {
		return nil, err
	}
	if st == nil {
		st = &checklist.YearStage{Year: year}
	}
	return st, nil
}

// PublishYear puts a year's rating in 公示 from one day to another (both
// counted), or changes the dates of a 公示 under way; by is who does it.
// A confirmed year must first be withdrawn. It returns the stage as
// saved; a 公示 of an unusual length is saved, and PublicityNote says so.
func (s *Store) PublishYear(year int, from, to checklist.Date, by string) (*checklist.YearStage, error) {
	return s.stageChange(year, func(tx *bolt.Tx, st *checklist.YearStage, at time.Time) (checklist.StageChange, error) {
		return st.Publish(from, to, by, at)
	})
}

// ConfirmYear confirms and names a year's ratings on a day (确定, 命名):
// after its 公示 has ended, not after today. The ratings as they stand
// (the veto records applied) are kept in the stage's Named, and from
// then on the year is locked: a change to its records needs a reason.
func (s *Store) ConfirmYear(year int, on checklist.Date, by string) (*checklist.YearStage, error) {
	return s.stageChange(year, func(tx *bolt.Tx, st *checklist.YearStage, at time.Time) (checklist.StageChange, error) {
		yr, err := s.rateYear(tx, year)
		if err != nil {
			return checklist.StageChange{}, err
		}
		return st.Confirm(yr, by, on, checklist.DateOf(s.now()), at)
	})
}

// WithdrawYear takes a year back to 初评 from 公示 or 确定, with the
// reason; by is who does it.
func (s *Store) WithdrawYear(year int, reason, by string) (*checklist.YearStage, error) {
	return s.stageChange(year, func(_ *bolt.Tx, st *checklist.YearStage, at time.Time) (checklist.StageChange, error) {
		return st.Withdraw(reason, by, at)
	})
}

// stageChange applies one change to a year's stage in one transaction,
// counts it, saves it and writes it to the year's audit trail.
func (s *Store) stageChange(year int, apply func(*bolt.Tx, *checklist.YearStage, time.Time) (checklist.StageChange, error)) (*checklist.YearStage, error) {
	var saved *checklist.YearStage
	err := s.db.Update(func(tx *bolt.Tx) error {
		st, err := getYearStage(tx, year)
		if err != nil {
			return err
		}
		if st == nil {
			st = &checklist.YearStage{Year: year}
		}
		at := checklist.ChangeTime(st.UpdatedAt, s.now().UTC())
		c, err := apply(tx, st, at)
		if err != nil {
			return err
		}
		st.Touch(s.id, at)
		if err := putYearStage(tx, st); err != nil {
			return err
		}
		saved = st
		next := string(c.To)
		if c.To == checklist.StagePublicity {
			next += " " + c.PublicFrom.String() + " " + c.PublicTo.String()
		}
		return appendYearAudit(tx, year, checklist.Change{InspectionID: strconv.Itoa(year), Field: FieldStage,
			Old: string(c.From), New: next, By: c.By, At: c.At, Reason: c.Reason})
	})
	if err != nil {
		return nil, checklist.Errorf(nil, checklist.Text{ZH: "%d 年度评定", EN: "the %d rating"}, year).Because(err)
	}
	return saved, nil
}

// Self-assessments.

// SelfAssessment returns a school's self-assessment for a year, nil if
// it has none, and the standard it is (or would be) made under: its own,
// or the year's.
func (s *Store) SelfAssessment(schoolID string, year int) (*checklist.SelfAssessment, *checklist.Standard, error) {
	var (
		sa  *checklist.SelfAssessment
		std *checklist.Standard
	)
	err := s.db.View(func(tx *bolt.Tx) error {
		if _, err := getSchool(tx.Bucket(bucketSchools), schoolID); err != nil {
			return err
		}
		var err error
		if sa, err = getSelfAssessment(tx, schoolID, year); err != nil {
			return err
		}
		if sa != nil {
			std, err = s.cachedStandard(tx, sa.StandardID)
		} else {
			std, err = s.standardForYear(tx, year)
		}
		return err
	})
	if err != nil {
		return nil, nil, checklist.Errorf(nil, checklist.Text{ZH: "不能读取学校 %[2]s 的 %[1]d 年自评", EN: "read the %d self-assessment of school %s"}, year, schoolID).Because(err)
	}
	return sa, std, nil
}

// SelfAssessments returns the year's self-assessments by school id.
func (s *Store) SelfAssessments(year int) (map[string]*checklist.SelfAssessment, error) {
	out := map[string]*checklist.SelfAssessment{}
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		out, err = yearSelfAssessments(tx, year)
		return err
	})
	return out, err
}

func yearSelfAssessments(tx *bolt.Tx, year int) (map[string]*checklist.SelfAssessment, error) {
	out := map[string]*checklist.SelfAssessment{}
	b := tx.Bucket(bucketSelfAssessments).Bucket(yearKey(year))
	if b == nil {
		return out, nil
	}
	err := b.ForEach(func(k, v []byte) error {
		var sa checklist.SelfAssessment
		if err := decode(v, &sa); err != nil {
			return checklist.Errorf(nil, checklist.Text{ZH: "学校 %[2]s 的 %[1]d 年自评", EN: "the %d self-assessment of school %s"}, year, k).Because(err)
		}
		out[string(k)] = &sa
		return nil
	})
	return out, err
}

func getSelfAssessment(tx *bolt.Tx, schoolID string, year int) (*checklist.SelfAssessment, error) {
	b := tx.Bucket(bucketSelfAssessments).Bucket(yearKey(year))
	if b == nil {
		return nil, nil
	}
	v := b.Get([]byte(schoolID))
	if v == nil {
		return nil, nil
	}
	var sa checklist.SelfAssessment
	if err := decode(v, &sa); err != nil {
		return nil, checklist.Errorf(nil, checklist.Text{ZH: "学校 %[2]s 的 %[1]d 年自评", EN: "the %d self-assessment of school %s"}, year, schoolID).Because(err)
	}
	return &sa, nil
}

func putSelfAssessment(tx *bolt.Tx, sa *checklist.SelfAssessment) error {
	b, err := tx.Bucket(bucketSelfAssessments).CreateBucketIfNotExists(yearKey(sa.Year))
	if err != nil {
		return err
	}
	v, err := encode(sa)
	if err != nil {
		return err
	}
	return b.Put([]byte(sa.SchoolID), v)
}

// SetSelfVerdict records a branch's own verdict on an item for a year
// (Unanswered clears it), as entered from its paper form (src
// checklist.SourcePaper) or a workbook; by is who entered it. The
// school's self-assessment for the year is started under the year's
// standard if it has none. It returns the self-assessment as saved.
func (s *Store) SetSelfVerdict(schoolID string, year int, itemID string, v checklist.Verdict, src checklist.EntrySource, by string) (*checklist.SelfAssessment, error) {
	return s.Amending("").SetSelfVerdict(schoolID, year, itemID, v, src, by)
}

// SetSelfValue records the number a branch gives itself for a deduction
// or bonus item, as SetSelfVerdict records a verdict.
func (s *Store) SetSelfValue(schoolID string, year int, itemID string, value float64, src checklist.EntrySource, by string) (*checklist.SelfAssessment, error) {
	return s.Amending("").SetSelfValue(schoolID, year, itemID, value, src, by)
}

// SetSelfNote records a branch's remark on an item (its evidence).
func (s *Store) SetSelfNote(schoolID string, year int, itemID, note string, src checklist.EntrySource, by string) (*checklist.SelfAssessment, error) {
	return s.Amending("").SetSelfNote(schoolID, year, itemID, note, src, by)
}

// SignSelfAssessment records who signed the self-assessment for the
// branch (its secretary) and on what day (not after today; the zero Date
// for none); by is who entered it.
func (s *Store) SignSelfAssessment(schoolID string, year int, signedBy string, on checklist.Date, by string) (*checklist.SelfAssessment, error) {
	return s.Amending("").SignSelfAssessment(schoolID, year, signedBy, on, by)
}

// SelfEntries are what a 自评表 (or a form typed in) gives for a
// school's self-assessment: the entries by item id as the person wrote
// them (checklist.ParseEntry), the remarks by item id, and who signed it
// on what day ("" and the zero Date: not given, left as recorded).
type SelfEntries struct {
	Cells    map[string]string
	Remarks  map[string]string
	SignedBy string
	SignedOn checklist.Date
}

// ImportSelfAssessment records what a 自评表 gives, all or nothing in one
// transaction: the first entry, remark or signature that cannot be
// recorded is the error, and nothing is. An empty entry or remark leaves
// its item as it is. It returns the self-assessment as saved and how many
// answers, remarks and signatures changed.
func (s *Store) ImportSelfAssessment(schoolID string, year int, e SelfEntries, src checklist.EntrySource, by string) (*checklist.SelfAssessment, int, error) {
	return s.Amending("").ImportSelfAssessment(schoolID, year, e, src, by)
}

// SetSelfVerdict is Store.SetSelfVerdict with the amendment's reason.
func (a Amendment) SetSelfVerdict(schoolID string, year int, itemID string, v checklist.Verdict, src checklist.EntrySource, by string) (*checklist.SelfAssessment, error) {
	sa, _, err := a.selfChange(schoolID, year, by, func(sa *checklist.SelfAssessment, std *checklist.Standard, at time.Time) (int, error) {
		ok, err := sa.SetVerdict(std, itemID, v, src, by, at)
		return b2i(ok), err
	})
	return sa, err
}

// SetSelfValue is Store.SetSelfValue with the amendment's reason.
func (a Amendment) SetSelfValue(schoolID string, year int, itemID string, value float64, src checklist.EntrySource, by string) (*checklist.SelfAssessment, error) {
	sa, _, err := a.selfChange(schoolID, year, by, func(sa *checklist.SelfAssessment, std *checklist.Standard, at time.Time) (int, error) {
		ok, err := sa.SetValue(std, itemID, value, src, by, at)
		return b2i(ok), err
	})
	return sa, err
}

// SetSelfNote is Store.SetSelfNote with the amendment's reason.
func (a Amendment) SetSelfNote(schoolID string, year int, itemID, note string, src checklist.EntrySource, by string) (*checklist.SelfAssessment, error) {
	sa, _, err := a.selfChange(schoolID, year, by, func(sa *checklist.SelfAssessment, std *checklist.Standard, at time.Time) (int, error) {
		ok, err := sa.SetNote(std, itemID, note, src, by, at)
		return b2i(ok), err
	})
	return sa, err
}

// SignSelfAssessment is Store.SignSelfAssessment with the amendment's
// reason.
func (a Amendment) SignSelfAssessment(schoolID string, year int, signedBy string, on checklist.Date, by string) (*checklist.SelfAssessment, error) {
	sa, _, err := a.selfChange(schoolID, year, by, func(sa *checklist.SelfAssessment, _ *checklist.Standard, at time.Time) (int, error) {
		was, wasOn := sa.SignedBy, sa.SignedOn
		if err := sa.Sign(signedBy, on, checklist.DateOf(a.s.now())); err != nil {
			return 0, err
		}
		if sa.SignedBy == was && sa.SignedOn == wasOn {
			return 0, nil
		}
		if at.After(sa.UpdatedAt) {
			sa.UpdatedAt = at
		}
		return 1, nil
	})
	return sa, err
}

// ImportSelfAssessment is Store.ImportSelfAssessment with the
// amendment's reason.
func (a Amendment) ImportSelfAssessment(schoolID string, year int, e SelfEntries, src checklist.EntrySource, by string) (*checklist.SelfAssessment, int, error) {
	return a.selfChange(schoolID, year, by, func(sa *checklist.SelfAssessment, std *checklist.Standard, at time.Time) (int, error) {
		n, err := sa.Import(std, e.Cells, src, by, at)
		if err != nil {
			return 0, err
		}
		for _, id := range sortedKeys(e.Remarks) {
			if e.Remarks[id] == "" {
				continue
			}
			ok, err := sa.SetNote(std, id, e.Remarks[id], src, by, at)
			if err != nil {
				return 0, err
			}
			n += b2i(ok)
		}
		if e.SignedBy != "" || !e.SignedOn.IsZero() {
			was, wasOn := sa.SignedBy, sa.SignedOn
			if err := sa.Sign(e.SignedBy, e.SignedOn, checklist.DateOf(a.s.now())); err != nil {
				return 0, err
			}
			n += b2i(sa.SignedBy != was || sa.SignedOn != wasOn)
		}
		return n, nil
	})
}

func b2i(ok bool) int {
	if ok {
		return 1
	}
	return 0
}

// selfChange applies one change to a school's self-assessment for a year
// in one transaction: the year's lock asked, the self-assessment read
// (or started under the year's standard, which is kept in the database
// with it), the change applied, counted, saved and each answer changed
// written to the year's audit trail. A change that changes nothing
// writes nothing. It returns the self-assessment as saved and how many
// changes apply made.
func (a Amendment) selfChange(schoolID string, year int, by string, apply func(*checklist.SelfAssessment, *checklist.Standard, time.Time) (int, error)) (*checklist.SelfAssessment, int, error) {
	s := a.s
	var (
		saved *checklist.SelfAssessment
		n     int
	)
	err := s.db.Update(func(tx *bolt.Tx) error {
		if _, err := getSchool(tx.Bucket(bucketSchools), schoolID); err != nil {
			return err
		}
		locked, err := checkYearLock(tx, year, a.reason)
		if err != nil {
			return err
		}
		sa, err := getSelfAssessment(tx, schoolID, year)
		if err != nil {
			return err
		}
		now := s.now().UTC()
		var std *checklist.Standard
		if sa == nil {
			if std, err = s.standardForYear(tx, year); err != nil {
				return err
			}
			if err := saveStandard(tx, std); err != nil {
				return err
			}
			if sa, err = checklist.NewSelfAssessment(schoolID, year, std, now); err != nil {
				return err
			}
		} else if std, err = s.cachedStandard(tx, sa.StandardID); err != nil {
			return err
		}
		before := cloneSelf(sa)
		at := checklist.ChangeTime(sa.UpdatedAt, now)
		if n, err = apply(sa, std, at); err != nil || n == 0 {
			saved = before
			return err
		}
		sa.Touch(s.id, at)
		if err := putSelfAssessment(tx, sa); err != nil {
			return err
		}
		reason := ""
		if locked {
			reason = a.reason
		}
		for _, c := range selfChanges(std, before, sa, strings.TrimSpace(by), at, reason) {
			if err := appendYearAudit(tx, year, c); err != nil {
				return err
			}
		}
		saved = sa
		return nil
	})
	if err != nil {
		return nil, 0, checklist.Errorf(nil, checklist.Text{ZH: "%d 年度自评", EN: "the %d self-assessment"}, year).Because(err)
	}
	return saved, n, nil
}

func cloneSelf(sa *checklist.SelfAssessment) *checklist.SelfAssessment {
	c := *sa
	c.Answers = make(map[string]checklist.SelfAnswer, len(sa.Answers))
	for k, v := range sa.Answers {
		c.Answers[k] = v
	}
	return &c
}

// selfChanges are the audit entries of a change to a self-assessment:
// one per answer changed (its verdict, or a deduction or bonus item's
// entry, and its note), in the standard's order, and its signature.
func selfChanges(std *checklist.Standard, before, after *checklist.SelfAssessment, by string, at time.Time, reason string) []checklist.Change {
	var out []checklist.Change
	add := func(item, field, old, new string) {
		out = append(out, checklist.Change{InspectionID: after.ID, ItemID: item, Field: field, Old: old, New: new, By: by, At: at, Reason: reason})
	}
	for _, it := range std.ScoredItems() {
		b, a := before.Answers[it.ID], after.Answers[it.ID]
		switch {
		case it.TakesValue():
			ob := checklist.EntryText(checklist.Answer{Verdict: b.Verdict, Value: b.Value})
			oa := checklist.EntryText(checklist.Answer{Verdict: a.Verdict, Value: a.Value})
			if ob != oa {
				add(it.ID, checklist.FieldValue, ob, oa)
			}
		case b.Verdict != a.Verdict:
			add(it.ID, checklist.FieldVerdict, string(b.Verdict), string(a.Verdict))
		}
		if b.Note != a.Note {
			add(it.ID, checklist.FieldNote, b.Note, a.Note)
		}
	}
	sign := func(sa *checklist.SelfAssessment) string {
		if sa.SignedOn.IsZero() {
			return sa.SignedBy
		}
		return strings.TrimSpace(sa.SignedBy + " " + sa.SignedOn.String())
	}
	if sb, sa := sign(before), sign(after); sb != sa {
		add("", FieldSigned, sb, sa)
	}
	return out
}

// Veto records.

// vetoKey is a veto record's key in its year's bucket.
func vetoKey(schoolID, situationID string) []byte { return []byte(schoolID + "/" + situationID) }

// RecordVeto records that veto situation situationID of the year's
// standard applies to a school in a year (一票否决情形), with the reason
// (事由: what happened, the document) and who records it. A situation
// already recorded and not lifted is refused; one lifted is recorded
// again. In a confirmed year the reason serves as the lock's. It returns
// the record as saved.
func (s *Store) RecordVeto(schoolID string, year int, situationID, reason, by string) (*checklist.VetoRecord, error) {
	var saved *checklist.VetoRecord
	err := s.db.Update(func(tx *bolt.Tx) error {
		if _, err := getSchool(tx.Bucket(bucketSchools), schoolID); err != nil {
			return err
		}
		std, err := s.standardForYear(tx, year)
		if err != nil {
			return err
		}
		now := s.now().UTC()
		r, err := checklist.NewVetoRecord(std, situationID, schoolID, year, reason, by, now)
		if err != nil {
			return err
		}
		if _, err := checkYearLock(tx, year, r.Reason); err != nil {
			return err
		}
		if err := saveStandard(tx, std); err != nil {
			return err
		}
		old, err := getVeto(tx, year, schoolID, situationID)
		if err != nil {
			return err
		}
		if old != nil {
			if old.Active() {
				return checklist.Errorf(checklist.ErrInvalid, checklist.Text{
					ZH: "这所学校 %d 年度的一票否决情形“%s”已于 %s 由%s记录",
					EN: "the veto situation %s is already recorded for the school in %d, on %s by %s"},
					year, situationID, checklist.DateOf(old.RecordedAt), old.RecordedBy)
			}
			r.Versions = old.Versions
			r.RecordedAt = checklist.ChangeTime(old.UpdatedAt, now)
			r.UpdatedAt = r.RecordedAt
		}
		r.Touch(s.id, r.RecordedAt)
		if err := putVeto(tx, r); err != nil {
			return err
		}
		saved = r
		return appendYearAudit(tx, year, checklist.Change{InspectionID: r.ID, Field: FieldVeto, New: situationID,
			By: r.RecordedBy, At: r.RecordedAt, Reason: r.Reason})
	})
	if err != nil {
		return nil, checklist.Errorf(nil, checklist.Text{ZH: "记录一票否决情形", EN: "record a veto situation"}).Because(err)
	}
	return saved, nil
}

// LiftVeto lifts a veto record (recorded by mistake, overturned on
// review) with the reason, by a person: it then no longer applies, and
// is kept. id is the record's (checklist.VetoRecordID). In a confirmed
// year the reason serves as the lock's. It returns the record as saved.
func (s *Store) LiftVeto(id, reason, by string) (*checklist.VetoRecord, error) {
	var saved *checklist.VetoRecord
	err := s.db.Update(func(tx *bolt.Tx) error {
		schoolID, year, situationID, ok := parseVetoID(id)
		if !ok {
			return errNoVeto(id)
		}
		r, err := getVeto(tx, year, schoolID, situationID)
		if err != nil {
			return err
		}
		if r == nil {
			return errNoVeto(id)
		}
		if _, err := checkYearLock(tx, year, reason); err != nil {
			return err
		}
		at := checklist.ChangeTime(r.UpdatedAt, s.now().UTC())
		if err := r.Lift(reason, by, at); err != nil {
			return err
		}
		r.Touch(s.id, at)
		if err := putVeto(tx, r); err != nil {
			return err
		}
		saved = r
		return appendYearAudit(tx, year, checklist.Change{InspectionID: r.ID, Field: FieldVeto, Old: situationID,
			By: r.LiftedBy, At: at, Reason: r.LiftReason})
	})
	if err != nil {
		return nil, checklist.Errorf(nil, checklist.Text{ZH: "撤销一票否决记录", EN: "lift a veto record"}).Because(err)
	}
	return saved, nil
}

func errNoVeto(id string) error {
	return checklist.Errorf(checklist.ErrNotFound, checklist.Text{
		ZH: "没有编号为“%s”的一票否决记录（编号形如“学校编号/年度/情形”，可从 branchcheck vetoes list 查到）",
		EN: "no veto record %q (its id is SCHOOL/YEAR/SITUATION, as branchcheck vetoes list shows it)"}, id)
}

// parseVetoID reads a veto record's id: SCHOOL/YEAR/SITUATION.
func parseVetoID(id string) (schoolID string, year int, situationID string, ok bool) {
	parts := strings.Split(id, "/")
	if len(parts) != 3 || parts[0] == "" || parts[2] == "" {
		return "", 0, "", false
	}
	y, err := strconv.Atoi(parts[1])
	if err != nil || y < 1 || y > 9999 {
		return "", 0, "", false
	}
	return parts[0], y, parts[2], checklist.VetoRecordID(parts[0], y, parts[2]) == id
}

func getVeto(tx *bolt.Tx, year int, schoolID, situationID string) (*checklist.VetoRecord, error) {
	b := tx.Bucket(bucketVetoes).Bucket(yearKey(year))
	if b == nil {
		return nil, nil
	}
	v := b.Get(vetoKey(schoolID, situationID))
	if v == nil {
		return nil, nil
	}
	var r checklist.VetoRecord
	if err := decode(v, &r); err != nil {
		return nil, checklist.Errorf(nil, checklist.Text{ZH: "一票否决记录 %s", EN: "veto record %s"}, checklist.VetoRecordID(schoolID, year, situationID)).Because(err)
	}
	return &r, nil
}

func putVeto(tx *bolt.Tx, r *checklist.VetoRecord) error {
	b, err := tx.Bucket(bucketVetoes).CreateBucketIfNotExists(yearKey(r.Year))
	if err != nil {
		return err
	}
	v, err := encode(r)
	if err != nil {
		return err
	}
	return b.Put(vetoKey(r.SchoolID, r.SituationID), v)
}

// yearVetoes reads a year's veto records, lifted ones included, by
// school and situation id.
func yearVetoes(tx *bolt.Tx, year int) ([]checklist.VetoRecord, error) {
	b := tx.Bucket(bucketVetoes).Bucket(yearKey(year))
	if b == nil {
		return nil, nil
	}
	var out []checklist.VetoRecord
	err := b.ForEach(func(k, v []byte) error {
		var r checklist.VetoRecord
		if err := decode(v, &r); err != nil {
			return checklist.Errorf(nil, checklist.Text{ZH: "一票否决记录 %s", EN: "veto record %s"}, k).Because(err)
		}
		out = append(out, r)
		return nil
	})
	return out, err
}

// Vetoes returns a year's veto records, lifted ones included, by school
// id and situation id.
func (s *Store) Vetoes(year int) ([]checklist.VetoRecord, error) {
	var out []checklist.VetoRecord
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		out, err = yearVetoes(tx, year)
		return err
	})
	if err != nil {
		return nil, checklist.Errorf(nil, checklist.Text{ZH: "不能读取 %d 年的一票否决记录", EN: "read the %d veto records"}, year).Because(err)
	}
	return out, nil
}

// SchoolVetoes returns a school's veto records of a year, lifted ones
// included.
func (s *Store) SchoolVetoes(schoolID string, year int) ([]checklist.VetoRecord, error) {
	all, err := s.Vetoes(year)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(all, func(r checklist.VetoRecord) bool { return r.SchoolID != schoolID }), nil
}

// activeVetoes groups a year's veto records that apply by school id.
func activeVetoes(tx *bolt.Tx, year int) (map[string][]checklist.VetoRecord, error) {
	all, err := yearVetoes(tx, year)
	if err != nil {
		return nil, err
	}
	out := map[string][]checklist.VetoRecord{}
	for _, r := range all {
		if r.Active() {
			out[r.SchoolID] = append(out[r.SchoolID], r)
		}
	}
	return out, nil
}

// addYearEnd (schema 3 to 4) adds the year-end buckets (self-assessments,
// veto records, the years' stages and their audit trail) and packs the
// numbers entered for deduction and bonus items into the years'
// summaries, which are built again from the visits.
func addYearEnd(tx *bolt.Tx) error {
	for _, b := range [][]byte{bucketSelfAssessments, bucketVetoes, bucketYearStages, bucketYearAudit} {
		if _, err := tx.CreateBucketIfNotExists(b); err != nil {
			return checklist.Errorf(nil, checklist.Text{ZH: "不能在数据库中建立 %s", EN: "create bucket %s"}, b).Because(err)
		}
	}
	names, _, sums, err := expectedSummaries(tx)
	if err != nil {
		return err
	}
	return writeSummaries(tx, names, sums, txStandards())
}
