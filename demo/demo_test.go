package demo_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"branchcheck/checklist"
	"branchcheck/demo"
	"branchcheck/store"
)

var now = time.Date(2025, 6, 30, 10, 0, 0, 0, time.Local)

func fill(t *testing.T, at time.Time) (*store.Store, demo.Summary) {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "demo.db"), store.Options{NoDailyBackup: true, Now: func() time.Time { return at }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	sum, err := demo.Fill(s, at)
	if err != nil {
		t.Fatal(err)
	}
	return s, sum
}

func TestFill(t *testing.T) {
	s, sum := fill(t, now)
	want := demo.Summary{Schools: 12, Townships: 3, Finalized: 22, Drafts: 1, Year: 2025, Rated: 10, NotRated: 2, Lagging: 4,
		Rectifications: checklist.RectCounts{Open: 124, Overdue: 103, Reported: 2, Closed: 118}, Rebounds: 3}
	if sum != want {
		t.Errorf("summary %+v, want %+v", sum, want)
	}
	for _, year := range []int{2024, 2025} {
		yr, err := s.RateYear(year)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[int]bool{}
		lagging := 0
		for _, r := range yr.Ratings {
			if !r.Rated() {
				continue
			}
			seen[r.Score.Stars] = true
			if r.Score.Lagging {
				lagging++
			}
			if r.Visit.Date.Compare(checklist.DateOf(now)) > 0 {
				t.Errorf("%s: visit dated %s, after today", r.School.Name, r.Visit.Date)
			}
			if r.Visit.Date.Year != year {
				t.Errorf("%s: %d visit dated %s", r.School.Name, year, r.Visit.Date)
			}
		}
		for stars := 1; stars <= 5; stars++ {
			if !seen[stars] {
				t.Errorf("%d: no school with %d stars", year, stars)
			}
		}
		if lagging < 2 {
			t.Errorf("%d: %d lagging, want at least 2", year, lagging)
		}
	}

	// Every item to fix has a note; the draft is a third answered.
	all, err := s.Inspections()
	if err != nil {
		t.Fatal(err)
	}
	drafts := 0
	for _, in := range all {
		for id, a := range in.Answers {
			if a.Verdict.NeedsFixing() && a.Note == "" {
				t.Errorf("visit %s item %s: %s with no note", in.ID, id, a.Verdict)
			}
		}
		if in.Status == checklist.Draft {
			drafts++
			if n := len(in.Answers); n == 0 || n >= 42 {
				t.Errorf("draft has %d answers", n)
			}
		}
	}
	if drafts != 1 {
		t.Errorf("%d drafts, want 1", drafts)
	}
}

// TestFillDeterministic: the same day gives the same data.
func TestFillDeterministic(t *testing.T) {
	a, _ := fill(t, now)
	b, _ := fill(t, now)
	if da, db := dump(t, a), dump(t, b); da != db {
		t.Errorf("two fills differ:\n%s\n---\n%s", da, db)
	}
}

// TestFillNewYear: on 1 January this year's visits are all dated today.
func TestFillNewYear(t *testing.T) {
	s, sum := fill(t, time.Date(2026, 1, 1, 9, 0, 0, 0, time.Local))
	if sum.Year != 2026 || sum.Rated != 10 {
		t.Errorf("summary %+v", sum)
	}
	all, _ := s.Inspections()
	for _, in := range all {
		if in.Date.Year == 2026 && in.Date != (checklist.Date{Year: 2026, Month: 1, Day: 1}) {
			t.Errorf("visit dated %s", in.Date)
		}
	}
}

// dump writes a store's visits as text, by school name and date.
func dump(t *testing.T, s *store.Store) string {
	t.Helper()
	schools, err := s.Schools()
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	for _, sc := range schools {
		visits, err := s.SchoolInspections(sc.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range visits {
			ids := make([]string, 0, len(v.Answers))
			for id := range v.Answers {
				ids = append(ids, id)
			}
			slices.Sort(ids)
			row := fmt.Sprintf("%s %s %s %s %s", sc.Name, sc.Secretary, v.Date, v.Inspector, v.Status)
			for _, id := range ids {
				row += fmt.Sprintf(" %s=%s:%s", id, v.Answers[id].Verdict, v.Answers[id].Note)
			}
			rows = append(rows, row)
		}
	}
	slices.Sort(rows)
	return strings.Join(rows, "\n")
}

// TestFillBesideOtherData: the demo goes in beside other schools, but not
// over its own: a second fill is refused and writes nothing.
func TestFillBesideOtherData(t *testing.T) {
	s, err := store.Open(filepath.Join(t.TempDir(), "demo.db"), store.Options{NoDailyBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.AddSchool(checklist.School{Name: "南岭乡中心小学", Township: "南岭乡"}); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Fill(s, now); err != nil {
		t.Fatal(err)
	}
	before := dump(t, s)
	_, err = demo.Fill(s, now)
	if err == nil || !strings.Contains(err.Error(), "already has the demo's school 城关镇第一小学 (城关镇)") {
		t.Errorf("second fill: %v", err)
	}
	if after := dump(t, s); after != before {
		t.Error("the refused fill wrote something")
	}
	schools, _ := s.Schools()
	if len(schools) != 13 {
		t.Errorf("%d schools, want 13", len(schools))
	}
}

// TestNotesReadAsAnInspectorWrites: every scored item of the shipped
// standard has its own note for 不符合 and for 部分符合, a sentence in
// Chinese with full-width punctuation, not the item's text pasted into a
// template ("记录真实缺失，已当场指出。").
func TestNotesReadAsAnInspectorWrites(t *testing.T) {
	for _, it := range checklist.DefaultStandard().ScoredItems() {
		n, ok := demo.Notes()[it.ID]
		if !ok {
			t.Errorf("item %s has no notes", it.ID)
			continue
		}
		for _, s := range n {
			if !strings.HasSuffix(s, "。") || strings.ContainsAny(s, `,:;()"`) {
				t.Errorf("item %s: note %q is not a sentence in full-width punctuation", it.ID, s)
			}
			if strings.Contains(s, "缺失，已当场指出") || strings.Contains(s, "未能提供内容齐全") {
				t.Errorf("item %s: note %q reads as a template", it.ID, s)
			}
		}
		if n[0] == n[1] {
			t.Errorf("item %s: the same note for not met and partly met", it.ID)
		}
	}
}

// TestFillRectifications: the demo's 整改台账 has rectifications in every
// state, made through the store's decisions.
func TestFillRectifications(t *testing.T) {
	for _, at := range []time.Time{now, time.Date(2026, 11, 29, 10, 0, 0, 0, time.Local)} {
		// The store's clock is the demo's: the ledger is looked at on the
		// day the demo is made for.
		s, err := store.Open(filepath.Join(t.TempDir(), "demo.db"), store.Options{NoDailyBackup: true, Now: func() time.Time { return at }})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		sum, err := demo.Fill(s, at)
		if err != nil {
			t.Fatal(err)
		}
		c := sum.Rectifications
		if c.Open-c.Overdue-c.Reported < 1 || c.Overdue < 1 || c.Reported != 2 || c.Closed < 2 || sum.Rebounds < 1 {
			t.Errorf("%s: counts %+v, %d rebounds: want open, overdue, reported, closed and 反弹 ones", at.Format(time.DateOnly), c, sum.Rebounds)
		}
		l, err := s.RectLedger(checklist.RectFilter{View: checklist.ViewAll})
		if err != nil {
			t.Fatal(err)
		}
		byHand, extended := 0, 0
		l.Each(func(_ *checklist.SchoolRectifications, e *checklist.RectEntry) bool {
			if e.Status() == checklist.RectClosed && e.ClosedIn == "" {
				byHand++
			}
			if !e.Actions.Deadline.IsZero() && e.Responsible() == "分管副校长" && !e.Overdue(l.Today) {
				extended++
			}
			return true
		})
		if byHand != 2 || extended != 1 {
			t.Errorf("%s: %d closed by hand, %d given a later deadline", at.Format(time.DateOnly), byHand, extended)
		}
		if h, err := s.Check(); err != nil || len(h.Problems) > 0 {
			t.Errorf("doctor: %v %v", h.Problems, err)
		}
	}
}

// TestFillYearEnd: the demo's last year is published and confirmed
// (locked), and two branches assessed themselves this year, one close to
// its inspection and one far above it.
func TestFillYearEnd(t *testing.T) {
	s, _ := fill(t, now)
	st, err := s.YearStage(2024)
	if err != nil || !st.Locked() || st.PublicFrom.String() != "2024-12-22" || st.ConfirmedOn.String() != "2024-12-31" || len(st.Named) == 0 {
		t.Fatalf("last year: %+v %v", st, err)
	}
	if st, _ := s.YearStage(2025); st.Stage != checklist.StageInitial {
		t.Errorf("this year: %+v", st)
	}
	ye, err := s.YearEnd(2025)
	if err != nil {
		t.Fatal(err)
	}
	if len(ye.SelfAssessments) != 2 || len(ye.Self) != 2 {
		t.Fatalf("%d self-assessments, %d compared", len(ye.SelfAssessments), len(ye.Self))
	}
	large := 0
	for _, c := range ye.Self {
		if c.Self.Provisional {
			t.Errorf("a demo self-assessment is incomplete: %+v", c.Self)
		}
		if c.Large {
			large++
		}
	}
	if large != 1 {
		t.Errorf("%d large gaps, want 1", large)
	}
	// The lock holds: last year's records change only with a reason.
	schools, _ := s.Schools()
	if _, err := s.SetSelfVerdict(schools[0].ID, 2024, "1.1", checklist.Met, checklist.SourcePaper, "何丽"); !errors.Is(err, checklist.ErrReasonRequired) {
		t.Errorf("a change to the confirmed year: %v", err)
	}
}
