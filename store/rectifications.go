package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	bolt "go.etcd.io/bbolt"

	"branchcheck/checklist"
	"branchcheck/i18n"
)

// Rectifications (整改事项) are kept per school (see the layout in
// buckets.go). Their derived part follows from the school's finalized
// visits (checklist.DeriveRectifications) and is worked out again, in
// the same transaction, by every change that can alter it: a visit
// finalized or reopened (putInspection, putInspectionValue), a school's
// secretary changed (putSchool), a rectification closed by hand; a bundle
// import works out each school it changed once, at its end (bundle.go).
// Only what changed is written. What people decide (checklist.RectActions)
// changes only through the methods below, each its own committed
// transaction, recorded in the audit trail of the visit that found the
// problem, and through a bundle import, which merges the decisions of
// several databases.

// standardSource finds standards by id inside a transaction.
type standardSource func(tx *bolt.Tx, id string) (*checklist.Standard, error)

// txStandards reads standards from the transaction, each once per call of
// the function it makes: for the paths that have no Store at hand.
func txStandards() standardSource {
	seen := map[string]*checklist.Standard{}
	return func(tx *bolt.Tx, id string) (*checklist.Standard, error) {
		if std, ok := seen[id]; ok {
			return std, nil
		}
		std, err := getStandard(tx, id)
		if err != nil {
			return nil, err
		}
		seen[id] = std
		return std, nil
	}
}

// cached reads standards through the Store's cache.
func (s *Store) cached() standardSource { return s.cachedStandard }

// rederive works out a school's rectifications again from its finalized
// visits and writes those that are new or whose derived part changed.
func rederive(tx *bolt.Tx, schoolID string, stds standardSource) error {
	school, err := getSchool(tx.Bucket(bucketSchools), schoolID)
	if err != nil {
		return err
	}
	want, have, err := derived(tx, school, stds)
	if err != nil {
		return err
	}
	return writeRects(tx, schoolID, have, want)
}

// derived returns what a school's finalized visits derive (want) and the
// school's rectifications as stored (have).
func derived(tx *bolt.Tx, school checklist.School, stds standardSource) (want, have []checklist.Rectification, err error) {
	var visits []*checklist.Inspection
	byID := map[string]*checklist.Standard{}
	if idx := tx.Bucket(bucketSchoolInspections).Bucket([]byte(school.ID)); idx != nil {
		inspections := tx.Bucket(bucketInspections)
		err = idx.ForEach(func(k, _ []byte) error {
			raw := inspections.Get(k)
			if raw == nil {
				return checklist.Errorf(checklist.ErrNotFound, checklist.Text{ZH: "没有编号为 %s 的检查", EN: "inspection %s: not found"}, k)
			}
			var v checklist.Inspection
			if err := decodeBulk(raw, &v); err != nil {
				return checklist.Errorf(nil, checklist.Text{ZH: "检查 %s", EN: "inspection %s"}, k).Because(err)
			}
			if v.Status == checklist.Finalized {
				visits = append(visits, &v)
			}
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	for _, v := range visits {
		if _, ok := byID[v.StandardID]; !ok {
			std, err := stds(tx, v.StandardID)
			if err != nil {
				return nil, nil, checklist.Errorf(nil, checklist.Text{ZH: "检查 %s", EN: "visit %s"}, v.ID).Because(err)
			}
			byID[v.StandardID] = std
		}
	}
	if have, err = schoolRects(tx, school.ID); err != nil {
		return nil, nil, err
	}
	return checklist.DeriveRectifications(school, visits, byID, have), have, nil
}

// schoolRects reads a school's stored rectifications, by id.
func schoolRects(tx *bolt.Tx, schoolID string) ([]checklist.Rectification, error) {
	b := tx.Bucket(bucketRectifications).Bucket([]byte(schoolID))
	if b == nil {
		return nil, nil
	}
	var out []checklist.Rectification
	err := b.ForEach(func(k, v []byte) error {
		r, err := decodeRect(v, string(k), schoolID, false)
		if err != nil {
			return checklist.Errorf(nil, checklist.Text{ZH: "整改事项 %s", EN: "rectification %s"}, k).Because(err)
		}
		out = append(out, r)
		return nil
	})
	return out, err
}

// writeRects writes, of a school's rectifications as derived (want), those
// that are not stored as they are (have), and deletes those stored that
// are derived no more (withdrawn ones nobody decided anything about).
func writeRects(tx *bolt.Tx, schoolID string, have, want []checklist.Rectification) error {
	stored := make(map[string]*checklist.Rectification, len(have))
	for i := range have {
		stored[have[i].ID] = &have[i]
	}
	var b *bolt.Bucket
	kept := 0 // of have, those still derived
	for i := range want {
		r := &want[i]
		old, ok := stored[r.ID]
		if ok {
			kept++
		}
		if ok && checklist.SameDerived(old, r) && old.Actions == r.Actions {
			continue
		}
		if b == nil {
			var err error
			if b, err = tx.Bucket(bucketRectifications).CreateBucketIfNotExists([]byte(schoolID)); err != nil {
				return err
			}
		}
		if err := putRect(b, r); err != nil {
			return err
		}
	}
	if kept == len(have) {
		return nil
	}
	derived := make(map[string]bool, len(want))
	for i := range want {
		derived[want[i].ID] = true
	}
	b = tx.Bucket(bucketRectifications).Bucket([]byte(schoolID))
	for i := range have {
		if !derived[have[i].ID] {
			if err := b.Delete([]byte(have[i].ID)); err != nil {
				return err
			}
		}
	}
	return nil
}

func putRect(b *bolt.Bucket, r *checklist.Rectification) error {
	v, err := encodeRect(r)
	if err != nil {
		return err
	}
	return b.Put([]byte(r.ID), v)
}

// rederiveAll works out every school's rectifications again and says, in
// plain words, where the stored ones disagree with the visits (repairable:
// they are rewritten when write is set) and which cannot be worked out
// (damaged: a value that cannot be read, a standard that is missing;
// nothing is written for that school). The schools are taken a few
// hundred at a time: their values gathered in the transaction, then
// decoded, derived and compared on every processor.
func rederiveAll(tx *bolt.Tx, src standardSource, write bool) (repairable, damaged []error, err error) {
	stds, err := loadStandards(tx, src)
	if err != nil {
		return nil, nil, err
	}
	var schools []checklist.School
	known := map[string]bool{}
	err = tx.Bucket(bucketSchools).ForEach(func(k, v []byte) error {
		var sc checklist.School
		if err := decode(v, &sc); err != nil {
			return checklist.Errorf(nil, checklist.Text{ZH: "学校 %s", EN: "school %s"}, k).Because(err)
		}
		known[sc.ID] = true
		schools = append(schools, sc)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	const chunk = 256
	for lo := 0; lo < len(schools); lo += chunk {
		part := schools[lo:min(lo+chunk, len(schools))]
		works := make([]schoolWork, len(part))
		for i := range part {
			if err := works[i].gather(tx, &part[i]); err != nil {
				return nil, nil, err
			}
		}
		eachInParallel(len(works), func(i int) { works[i].derive(stds) })
		for i := range works {
			w := &works[i]
			if w.damaged != nil {
				damaged = append(damaged, w.damaged)
				continue
			}
			repairable = append(repairable, w.problems...)
			if write && len(w.problems) > 0 {
				if err := writeRects(tx, w.school.ID, w.have, w.want); err != nil {
					return nil, nil, err
				}
			}
		}
	}
	err = tx.Bucket(bucketRectifications).ForEach(func(k, _ []byte) error {
		if !known[string(k)] {
			damaged = append(damaged, checklist.Errorf(nil, checklist.Text{ZH: "学校 %s 不在学校名单中，却留有它的整改事项", EN: "rectifications are kept for school %s, which is not in the list"}, k))
		}
		return nil
	})
	return repairable, damaged, err
}

// loadStandards reads every standard the database holds, and the shipped
// one.
func loadStandards(tx *bolt.Tx, src standardSource) (map[string]*checklist.Standard, error) {
	out := map[string]*checklist.Standard{}
	ids := []string{checklist.DefaultStandardID}
	tx.Bucket(bucketStandards).ForEach(func(k, _ []byte) error {
		ids = append(ids, string(k))
		return nil
	})
	for _, id := range ids {
		std, err := src(tx, id)
		if err != nil {
			return nil, err
		}
		out[id] = std
	}
	return out, nil
}

// schoolWork is one school's rectifications to check: its visits' and
// rectifications' values as bbolt holds them, then what they derive and
// where the stored ones disagree.
type schoolWork struct {
	school     *checklist.School
	visits     [][]byte
	rectKeys   [][]byte
	rectValues [][]byte

	have, want []checklist.Rectification
	problems   []error
	damaged    error
}

// gather reads the school's values in the transaction; they stay valid
// while it is open.
func (w *schoolWork) gather(tx *bolt.Tx, sc *checklist.School) error {
	w.school = sc
	if idx := tx.Bucket(bucketSchoolInspections).Bucket([]byte(sc.ID)); idx != nil {
		inspections := tx.Bucket(bucketInspections)
		err := idx.ForEach(func(k, _ []byte) error {
			if v := inspections.Get(k); v != nil {
				w.visits = append(w.visits, v)
			} else {
				w.damaged = checklist.Errorf(nil, checklist.Text{
					ZH: "学校 %s（%s）的整改事项无法推算：它的检查 %s 不见了",
					EN: "the rectifications of school %s (%s) cannot be worked out: its visit %s is missing"}, sc.Name, sc.ID, k)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	if b := tx.Bucket(bucketRectifications).Bucket([]byte(sc.ID)); b != nil {
		return b.ForEach(func(k, v []byte) error {
			w.rectKeys, w.rectValues = append(w.rectKeys, k), append(w.rectValues, v)
			return nil
		})
	}
	return nil
}

// derive decodes the school's values, derives its rectifications and
// compares; it touches no transaction.
func (w *schoolWork) derive(stds map[string]*checklist.Standard) {
	if w.work(stds) {
		w.problems = compareRects(*w.school, w.have, w.want)
	}
}

// work decodes the school's values and derives its rectifications
// (have: as stored, want: as derived); false if they are damaged. It
// touches no transaction.
func (w *schoolWork) work(stds map[string]*checklist.Standard) bool {
	if w.damaged != nil {
		return false
	}
	sc := w.school
	fail := func(err error) {
		w.damaged = checklist.Errorf(nil, checklist.Text{
			ZH: "学校 %s（%s）的整改事项无法推算：%v", EN: "the rectifications of school %s (%s) cannot be worked out: %v"}, sc.Name, sc.ID, err)
	}
	var visits []*checklist.Inspection
	for _, v := range w.visits {
		var in checklist.Inspection
		if err := decodeBulk(v, &in); err != nil {
			fail(err)
			return false
		}
		if in.Status != checklist.Finalized {
			continue
		}
		if stds[in.StandardID] == nil {
			fail(checklist.Errorf(checklist.ErrNotFound, checklist.Text{ZH: "检查 %s 所用的标准 %s 不在数据库中", EN: "visit %s: standard %s: not found"}, in.ID, in.StandardID))
			return false
		}
		visits = append(visits, &in)
	}
	for i, v := range w.rectValues {
		r, err := decodeRect(v, string(w.rectKeys[i]), sc.ID, false)
		if err != nil {
			fail(checklist.Errorf(nil, checklist.Text{ZH: "整改事项 %s", EN: "rectification %s"}, w.rectKeys[i]).Because(err))
			return false
		}
		w.have = append(w.have, r)
	}
	w.want = checklist.DeriveRectifications(*sc, visits, stds, w.have)
	return true
}

// compareRects lists where a school's stored rectifications disagree with
// what its visits derive.
func compareRects(sc checklist.School, have, want []checklist.Rectification) []error {
	stored := make(map[string]*checklist.Rectification, len(have))
	for i := range have {
		stored[have[i].ID] = &have[i]
	}
	var out []error
	for i := range want {
		w := &want[i]
		h, ok := stored[w.ID]
		switch {
		case !ok:
			out = append(out, checklist.Errorf(nil, checklist.Text{
				ZH: "学校 %s（%s）：检查发现的整改事项 %s（条目 %s，%s）不见了",
				EN: "school %s (%s): the rectification %s (item %s, %s) found by its visits is missing"},
				sc.Name, sc.ID, w.ID, w.ItemID, checklist.Text{ZH: i18n.Chinese.RectStatus(w.Status()), EN: string(w.Status())}))
		case !checklist.SameDerived(h, w):
			out = append(out, checklist.Errorf(nil, checklist.Text{
				ZH: "学校 %s（%s）：整改事项 %s（条目 %s）存的是 %s，检查记录却是 %s",
				EN: "school %s (%s): the rectification %s (item %s) is stored as %s but its visits say %s"},
				sc.Name, sc.ID, w.ID, w.ItemID, rectBrief(h), rectBrief(w)))
		}
	}
	return out
}

// rectBrief says where a rectification stands, for doctor.
func rectBrief(r *checklist.Rectification) checklist.Text {
	t := checklist.Text{ZH: i18n.Chinese.RectStatus(r.Status()), EN: string(r.Status())}
	if r.RecheckedIn != "" {
		t.ZH += "，" + r.RecheckedOn.String() + " 复查"
		t.EN += ", rechecked " + r.RecheckedOn.String()
	}
	if r.ClosedIn != "" {
		t.ZH += "，" + r.ClosedOn.String() + " 销号"
		t.EN += ", closed " + r.ClosedOn.String()
	}
	if r.Rebounds > 0 {
		t.ZH += fmt.Sprintf("，反弹 %d 次", r.Rebounds)
		t.EN += ", found again " + checklist.Counted(r.Rebounds, "time", "times").String()
	}
	return t
}

// addRectifications (schema 2 to 3) adds the rectifications bucket and
// derives every school's rectifications from its finalized visits.
func addRectifications(tx *bolt.Tx) error {
	if _, err := tx.CreateBucketIfNotExists(bucketRectifications); err != nil {
		return checklist.Errorf(nil, checklist.Text{ZH: "不能建立 %s", EN: "create bucket %s"}, bucketRectifications).Because(err)
	}
	_, damaged, err := rederiveAll(tx, txStandards(), true)
	if err == nil && len(damaged) > 0 {
		err = damaged[0]
	}
	return err
}

// The actions: what people decide about a rectification.

// textRecordedBy names who records a decision, in messages.
var textRecordedBy = checklist.Text{ZH: "经办人", EN: "recorded by"}

// ReportRectification records the school's report that a problem is put
// right (已整改待复查): who reported it, on what day (not after today, not
// before the finding) and the evidence (a document, a photo's file name).
// It returns the rectification as saved, once committed.
func (s *Store) ReportRectification(id, by string, on checklist.Date, evidence string) (*checklist.Rectification, error) {
	return s.rectChange(id, by, func(r *checklist.Rectification, today checklist.Date) (string, error) {
		return "", r.Report(by, on, evidence, today)
	})
}

// CloseRectification closes a rectification by hand (销号) on a day, with
// the reason; by is who closes it. A later visit that finds the problem
// again opens a new one, a 反弹.
func (s *Store) CloseRectification(id, by string, on checklist.Date, reason string) (*checklist.Rectification, error) {
	return s.rectChange(id, by, func(r *checklist.Rectification, today checklist.Date) (string, error) {
		return strings.TrimSpace(reason), r.Close(strings.TrimSpace(by), on, reason, today)
	})
}

// SetRectificationDeadline sets a rectification's deadline (整改期限) by
// hand; the zero Date goes back to the default (the finding's date plus
// the standard's period). by is who set it.
func (s *Store) SetRectificationDeadline(id string, deadline checklist.Date, by string) (*checklist.Rectification, error) {
	return s.rectChange(id, by, func(r *checklist.Rectification, _ checklist.Date) (string, error) {
		return "", r.SetDeadline(deadline)
	})
}

// SetRectificationResponsible names the person responsible (责任人) by
// hand; "" goes back to the school's 党组织书记. by is who set it.
func (s *Store) SetRectificationResponsible(id, responsible, by string) (*checklist.Rectification, error) {
	return s.rectChange(id, by, func(r *checklist.Rectification, _ checklist.Date) (string, error) {
		return "", r.SetResponsible(responsible)
	})
}

// rectChange applies one decision to a rectification in one transaction:
// load, apply the domain rule on today's date, count the change in the
// version vector, save, record it in the audit trail of the visit that
// found the problem (its actions before and after, as JSON), and work out
// the school's rectifications again (a closure by hand changes what later
// visits mean). A decision that changes nothing writes nothing. It
// returns once the transaction is committed.
func (s *Store) rectChange(id, by string, apply func(r *checklist.Rectification, today checklist.Date) (reason string, err error)) (*checklist.Rectification, error) {
	by = strings.TrimSpace(by)
	if by == "" {
		return nil, checklist.Errorf(checklist.ErrInvalid, checklist.Text{ZH: "请写明经办人：是谁做出或记录的这项决定", EN: "say who made or records the decision"})
	}
	if err := checklist.CheckLine(textRecordedBy, by, checklist.MaxLine); err != nil {
		return nil, err
	}
	var saved checklist.Rectification
	err := s.db.Update(func(tx *bolt.Tx) error {
		b, r, err := findRect(tx, id)
		if err != nil {
			return err
		}
		// Never before the last decision (checklist.ChangeTime), so that a
		// decision made on top of others wins every merge with them.
		now := checklist.ChangeTime(r.UpdatedAt, s.now().UTC())
		before := r.Actions
		reason, err := apply(r, checklist.DateOf(s.now()))
		if err != nil {
			return err
		}
		if r.Actions == before {
			saved = *r
			return nil
		}
		r.Touch(s.id, now)
		if err := putRect(b, r); err != nil {
			return err
		}
		old, err := json.Marshal(before)
		if err != nil {
			return err
		}
		next, err := json.Marshal(r.Actions)
		if err != nil {
			return err
		}
		c := checklist.Change{InspectionID: r.FoundIn, ItemID: r.ItemID, Field: checklist.FieldRectification,
			Old: string(old), New: string(next), By: by, At: now, Reason: reason}
		if err := appendAudit(tx, c); err != nil {
			return err
		}
		if err := rederive(tx, r.SchoolID, s.cached()); err != nil {
			return err
		}
		_, again, err := findRect(tx, id)
		if err != nil {
			return err
		}
		saved = *again
		return nil
	})
	if err != nil {
		return nil, checklist.Errorf(nil, checklist.Text{ZH: "整改事项 %s", EN: "rectification %s"}, id).Because(err)
	}
	return &saved, nil
}

// findRect finds a stored rectification by id (visit id / item id) in
// the bucket of its school.
func findRect(tx *bolt.Tx, id string) (*bolt.Bucket, *checklist.Rectification, error) {
	notFound := checklist.Errorf(checklist.ErrNotFound, checklist.Text{
		ZH: "没有这项整改：编号应为“检查编号/条目编号”，可从 branchcheck rectifications -f json 或 -f csv 查到",
		EN: "no such rectification: its id is VISIT/ITEM, as branchcheck rectifications -f json or -f csv lists it"})
	visitID, _, ok := strings.Cut(id, "/")
	if !ok || visitID == "" {
		return nil, nil, notFound
	}
	in, err := getInspection(tx, visitID)
	if errors.Is(err, checklist.ErrNotFound) {
		return nil, nil, notFound
	}
	if err != nil {
		return nil, nil, err
	}
	b := tx.Bucket(bucketRectifications).Bucket([]byte(in.SchoolID))
	if b == nil {
		return nil, nil, notFound
	}
	v := b.Get([]byte(id))
	if v == nil {
		return nil, nil, notFound
	}
	r, err := decodeRect(v, id, in.SchoolID, false)
	if err != nil {
		return nil, nil, checklist.Errorf(nil, checklist.Text{ZH: "整改事项 %s", EN: "rectification %s"}, id).Because(err)
	}
	return b, &r, nil
}

// Rectification returns one rectification with its item and school.
func (s *Store) Rectification(id string) (*checklist.RectEntry, checklist.School, error) {
	var (
		e  checklist.RectEntry
		sc checklist.School
	)
	err := s.db.View(func(tx *bolt.Tx) error {
		_, r, err := findRect(tx, id)
		if err != nil {
			return err
		}
		if sc, err = getSchool(tx.Bucket(bucketSchools), r.SchoolID); err != nil {
			return err
		}
		if r.Withdrawn && r.StandardID == "" { // nothing derived: say what its visit says
			in, err := getInspection(tx, r.FoundIn)
			if err != nil {
				return err
			}
			r.StandardID, r.FoundOn, r.Secretary = in.StandardID, in.Date, sc.Secretary
		}
		std, err := s.cachedStandard(tx, r.StandardID)
		if err != nil {
			return err
		}
		if r.DueBy.IsZero() {
			r.DueBy = r.FoundOn.AddDays(std.RectificationDays(r.ItemID))
		}
		list := checklist.NewSchoolRectifications(sc, []checklist.Rectification{*r}, map[string]*checklist.Standard{std.ID: std}, checklist.DateOf(s.now()))
		if len(list.Rects) == 0 { // withdrawn
			e = checklist.RectEntry{Rectification: *r}
			e.Item, _, _ = std.Item(r.ItemID)
			return nil
		}
		e = list.Rects[0]
		return nil
	})
	if err != nil {
		return nil, checklist.School{}, err
	}
	return &e, sc, nil
}

// The read models.

// SchoolRectifications returns a school's rectifications on today, in one
// read transaction: the open ones first, each group by deadline.
func (s *Store) SchoolRectifications(schoolID string) (*checklist.SchoolRectifications, error) {
	var sr checklist.SchoolRectifications
	err := s.db.View(func(tx *bolt.Tx) error {
		sc, err := getSchool(tx.Bucket(bucketSchools), schoolID)
		if err != nil {
			return err
		}
		stds, err := s.allStandards(tx)
		if err != nil {
			return err
		}
		rects, err := schoolRects(tx, schoolID)
		if err != nil {
			return err
		}
		sr = checklist.NewSchoolRectifications(sc, rects, stds, checklist.DateOf(s.now()))
		return nil
	})
	if err != nil {
		return nil, checklist.Errorf(nil, checklist.Text{ZH: "不能读取学校 %s 的整改事项", EN: "read the rectifications of school %s"}, schoolID).Because(err)
	}
	return &sr, nil
}

// RectLedger returns the county's 整改台账 on today, as the filter asks, in
// one read transaction: every school, and the rectifications of those the
// filter keeps, decoded on every processor: of each, where it stands (to
// count it, without reading it whole), and in full those the ledger
// lists.
func (s *Store) RectLedger(f checklist.RectFilter) (*checklist.RectLedger, error) {
	var (
		schools []checklist.School
		rects   = map[string][]checklist.Rectification{} // those listed
		counts  = map[string]checklist.RectCounts{}      // of every one kept
		stds    map[string]*checklist.Standard
		today   checklist.Date
	)
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		if stds, err = s.allStandards(tx); err != nil {
			return err
		}
		top := tx.Bucket(bucketRectifications)
		type raw struct {
			school int
			k, v   []byte
		}
		var (
			schoolVals [][]byte
			vals       []raw
		)
		err = tx.Bucket(bucketSchools).ForEach(func(k, v []byte) error {
			schoolVals = append(schoolVals, v)
			if f.SchoolID != "" && string(k) != f.SchoolID {
				return nil
			}
			if b := top.Bucket(k); b != nil {
				i := len(schoolVals) - 1
				return b.ForEach(func(k, v []byte) error {
					vals = append(vals, raw{i, k, v})
					return nil
				})
			}
			return nil
		})
		if err != nil {
			return err
		}
		schools = make([]checklist.School, len(schoolVals))
		if err := inParallel(len(schoolVals), func(lo, hi int) error {
			for i := lo; i < hi; i++ {
				if err := decode(schoolVals[i], &schools[i]); err != nil {
					return checklist.Errorf(nil, checklist.Text{ZH: "名单中第 %d 所学校", EN: "school %d of the list"}, i+1).Because(err)
				}
			}
			return nil
		}); err != nil {
			return err
		}
		// Where each stands, to count it: a count each, and whether the
		// ledger lists it.
		today = checklist.DateOf(s.now())
		type standing struct {
			counts checklist.RectCounts
			listed bool
		}
		stand := make([]standing, len(vals))
		if err := inParallel(len(vals), func(lo, hi int) error {
			var st rectState
			for i := lo; i < hi; i++ {
				sc := &schools[vals[i].school]
				st = rectState{}
				if err := decodeBulk(vals[i].v, &st); err != nil {
					return checklist.Errorf(nil, checklist.Text{ZH: "整改事项 %s", EN: "rectification %s"}, vals[i].k).Because(err)
				}
				r := st.rectification("", sc.ID)
				if r.Status() == checklist.RectWithdrawn || !f.Keeps(sc, &r) {
					continue
				}
				stand[i].counts.Add(&r, today)
				stand[i].listed = f.Lists(sc, &r, today)
			}
			return nil
		}); err != nil {
			return err
		}
		var listed []int
		for i := range stand {
			c := counts[schools[vals[i].school].ID]
			c.Open, c.Overdue = c.Open+stand[i].counts.Open, c.Overdue+stand[i].counts.Overdue
			c.Reported, c.Closed = c.Reported+stand[i].counts.Reported, c.Closed+stand[i].counts.Closed
			counts[schools[vals[i].school].ID] = c
			if stand[i].listed {
				listed = append(listed, i)
			}
		}
		// In full, those the ledger lists: each school's side by side, one
		// slice each, nothing copied.
		decoded := make([]checklist.Rectification, len(listed))
		if err := inParallel(len(listed), func(lo, hi int) error {
			for j := lo; j < hi; j++ {
				v := vals[listed[j]]
				var err error
				if decoded[j], err = decodeRect(v.v, string(v.k), schools[v.school].ID, true); err != nil {
					return checklist.Errorf(nil, checklist.Text{ZH: "整改事项 %s", EN: "rectification %s"}, v.k).Because(err)
				}
			}
			return nil
		}); err != nil {
			return err
		}
		for lo := 0; lo < len(listed); {
			hi := lo + 1
			for hi < len(listed) && vals[listed[hi]].school == vals[listed[lo]].school {
				hi++
			}
			rects[schools[vals[listed[lo]].school].ID] = decoded[lo:hi:hi]
			lo = hi
		}
		return nil
	})
	if err != nil {
		return nil, checklist.Errorf(nil, checklist.Text{ZH: "不能读取整改事项", EN: "read the rectifications"}).Because(err)
	}
	return checklist.NewRectLedgerOf(schools, rects, counts, stds, today, f), nil
}
