package store

import (
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"branchcheck/checklist"
)

// schema2Buckets are the top-level buckets of schema 2.
var schema2Buckets = append(slices.Clone(schema1Buckets), bucketSchoolNames, bucketSchoolSummaries, bucketYearSummaries)

// TestMigrationDerivesRectifications: a database of schema 2, built by
// hand, opens with every school's rectifications derived from its
// finalized visits, after a backup; drafts find nothing.
func TestMigrationDerivesRectifications(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	visits := []*checklist.Inspection{
		oldVisit(t, "v1", "s1", "2026-03-01", checklist.NotMet, checklist.Finalized),
		oldVisit(t, "v2", "s1", "2026-06-01", checklist.Met, checklist.Finalized),
		oldVisit(t, "v3", "s2", "2026-09-01", checklist.PartlyMet, checklist.Finalized),
		oldVisit(t, "v4", "s3", "2026-10-01", checklist.NotMet, checklist.Draft),
	}
	visits[1].Answers["3.5"] = checklist.Answer{Verdict: checklist.NotMet, Note: "流程图未上墙"}
	schools := []checklist.School{
		{ID: "s1", Name: "城关小学", Township: "城关镇", Secretary: "李书记"},
		{ID: "s2", Name: "东河小学", Township: "东河乡", Secretary: "王书记"},
		{ID: "s3", Name: "西山小学", Township: "西山镇"},
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range schema2Buckets {
			if _, err := tx.CreateBucket(b); err != nil {
				return err
			}
		}
		meta := tx.Bucket(bucketMeta)
		meta.Put(keySchemaVersion, u64(2))
		meta.Put(keyDatabaseID, []byte("old-db"))
		for _, sc := range schools {
			v, _ := encode(sc)
			tx.Bucket(bucketSchools).Put([]byte(sc.ID), v)
			tx.Bucket(bucketSchoolNames).Put([]byte(nameKey(sc.Name, sc.Township)), []byte(sc.ID))
		}
		sums := newSummaries()
		for _, in := range visits {
			v, _ := encode(in)
			tx.Bucket(bucketInspections).Put([]byte(in.ID), v)
			y, _ := tx.Bucket(bucketInspectionYears).CreateBucketIfNotExists(yearKey(in.Date.Year))
			y.Put([]byte(in.ID), nil)
			sb, _ := tx.Bucket(bucketSchoolInspections).CreateBucketIfNotExists([]byte(in.SchoolID))
			sb.Put([]byte(in.ID), nil)
			sums.add(in)
		}
		return sums.write(tx)
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	s, err := Open(path, Options{Now: func() time.Time { return time.Date(2026, 11, 29, 8, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if backups, _ := s.Backups(); len(backups) == 0 || !strings.Contains(backups[0], "before-migration") {
		t.Errorf("backups %v", backups)
	}
	l, err := s.RectLedger(checklist.RectFilter{View: checklist.ViewAll})
	if err != nil {
		t.Fatal(err)
	}
	// s1: v1 found all 42, v2 closed 41 of them and found 3.5 still
	// there; s2: v3 found all 42, due 2026-10-01; s3: a draft, nothing.
	want := map[string]checklist.RectCounts{
		"s1": {Open: 1, Overdue: 1, Closed: 41},
		"s2": {Open: 42, Overdue: 42},
	}
	if got := l.CountsBySchool(); len(got) != 2 || got["s1"] != want["s1"] || got["s2"] != want["s2"] {
		t.Errorf("counts %+v, want %+v", got, want)
	}
	sr, err := s.SchoolRectifications("s1")
	if err != nil {
		t.Fatal(err)
	}
	if open := sr.Open(); len(open) != 1 || open[0].ID != "v1/3.5" || open[0].RecheckedIn != "v2" || open[0].Responsible() != "李书记" {
		t.Errorf("s1 open %+v", open)
	}
	h, err := s.Check()
	if err != nil || len(h.Problems) != 0 || h.Schema != schemaVersion || h.Rectifications != 84 {
		t.Errorf("after migration: %+v %v", h, err)
	}
}

// TestDoctorRepairsRectifications: a rectification whose derived part was
// changed by hand, one deleted and one too many are found by Check in
// plain words; RepairSummaries works them out again and keeps what people
// decided.
func TestDoctorRepairsRectifications(t *testing.T) {
	now := time.Date(2026, 11, 29, 8, 0, 0, 0, time.UTC)
	s, err := Open(filepath.Join(t.TempDir(), "r.db"), Options{Now: func() time.Time { now = now.Add(time.Second); return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sc, err := s.AddSchool(checklist.School{Name: "城关小学", Township: "城关镇", Secretary: "李书记"})
	if err != nil {
		t.Fatal(err)
	}
	in, err := s.CreateInspection(sc.ID, "李督查", checklist.Date{Year: 2026, Month: 3, Day: 10})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range checklist.DefaultStandard().ScoredItems() {
		v := checklist.Met
		if it.ID == "3.5" || it.ID == "3.6" {
			v = checklist.NotMet
		}
		if _, err := s.SetVerdict(in.ID, it.ID, v, "李督查"); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Finalize(in.ID, "李督查"); err != nil {
		t.Fatal(err)
	}
	id5, id6 := checklist.RectificationID(in.ID, "3.5"), checklist.RectificationID(in.ID, "3.6")
	if _, err := s.SetRectificationResponsible(id5, "张校长", "王主任"); err != nil {
		t.Fatal(err)
	}
	// Damage: 3.5 says it was closed, 3.6 is gone, a stray one appears.
	err = s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketRectifications).Bucket([]byte(sc.ID))
		r, err := decodeRect(b.Get([]byte(id5)), id5, sc.ID, false)
		if err != nil {
			return err
		}
		r.ClosedIn, r.ClosedOn = "v9", checklist.Date{Year: 2026, Month: 5, Day: 1}
		if err := putRect(b, &r); err != nil {
			return err
		}
		if err := b.Delete([]byte(id6)); err != nil {
			return err
		}
		stray := r
		stray.ID, stray.ItemID, stray.ClosedIn, stray.ClosedOn = in.ID+"/1.1", "1.1", "", checklist.Date{}
		return putRect(b, &stray)
	})
	if err != nil {
		t.Fatal(err)
	}
	h, err := s.Check()
	if err != nil {
		t.Fatal(err)
	}
	joined := joinErrors(h.Summaries)
	for _, want := range []string{
		"school 城关小学 (" + sc.ID + "): the rectification " + id5 + " (item 3.5) is stored as closed, closed 2026-05-01 but its visits say open",
		"school 城关小学 (" + sc.ID + "): the rectification " + id6 + " (item 3.6, open) found by its visits is missing",
		"the rectification " + in.ID + "/1.1 (item 1.1) is stored as open but its visits say withdrawn",
	} {
		if !strings.Contains(joined, want) {
			t.Errorf("doctor does not say %q:\n%s", want, joined)
		}
	}
	if !h.Repairable() {
		t.Fatalf("not repairable: %v", h.Problems)
	}
	repaired, backup, err := s.RepairSummaries()
	if err != nil || len(repaired) != 3 || backup == "" {
		t.Fatalf("repair: %v %q %v", repaired, backup, err)
	}
	if h, _ := s.Check(); len(h.Problems) != 0 {
		t.Errorf("after the repair: %v", h.Problems)
	}
	sr, _ := s.SchoolRectifications(sc.ID)
	if len(sr.Rects) != 2 || sr.Rects[0].ID != id5 || sr.Rects[0].Responsible() != "张校长" || sr.Rects[0].Status() != checklist.RectOpen {
		t.Errorf("after the repair: %+v", sr.Rects)
	}
}

// TestStoredRectRoundTrip: every field of a rectification comes back as
// it was stored; the id and the school come from the key and the bucket.
func TestStoredRectRoundTrip(t *testing.T) {
	d := func(m, dd int) checklist.Date { return checklist.Date{Year: 2026, Month: time.Month(m), Day: dd} }
	for _, r := range []checklist.Rectification{
		{ID: "v1/3.5", SchoolID: "s1", ItemID: "3.5", FoundIn: "v1", FoundOn: d(3, 10), StandardID: "std", Verdict: checklist.NotMet, DueBy: d(4, 9)},
		{
			ID: "v3/5.1.2", SchoolID: "s1", ItemID: "5.1.2", FoundIn: "v3", FoundOn: d(3, 10), StandardID: "std",
			Verdict: checklist.PartlyMet, Finding: "分工未成文", DueBy: d(4, 9), Secretary: "李书记",
			Rebounds: 2, PreviousID: "v2/5.1.2", RecheckedIn: "v4", RecheckedOn: d(6, 1), ClosedIn: "v5", ClosedOn: d(9, 1),
			Withdrawn: true,
			Actions: checklist.RectActions{Deadline: d(5, 1), Responsible: "张校长", ReportedBy: "张校长", ReportedOn: d(4, 20),
				Evidence: "文件.pdf", ClosedBy: "王主任", ClosedOn: d(5, 2), CloseReason: "核实"},
			UpdatedAt: time.Date(2026, 5, 2, 9, 30, 0, 0, time.UTC), Versions: map[string]uint64{"db1": 3, "db2": 1},
		},
	} {
		v, err := encodeRect(&r)
		if err != nil {
			t.Fatal(err)
		}
		for _, bulk := range []bool{false, true} {
			got, err := decodeRect(v, r.ID, r.SchoolID, bulk)
			if err != nil {
				t.Fatal(err)
			}
			if !got.UpdatedAt.Equal(r.UpdatedAt) {
				t.Errorf("%s: updated %v, want %v", r.ID, got.UpdatedAt, r.UpdatedAt)
			}
			got.UpdatedAt = r.UpdatedAt
			if !reflect.DeepEqual(got, r) {
				t.Errorf("round trip\n got %+v\nwant %+v", got, r)
			}
		}
	}
}
