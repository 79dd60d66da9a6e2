package store_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"branchcheck/bundle"
	"branchcheck/checklist"
	"branchcheck/store"
)

// TestMergeConverges is the merge's property test on real databases:
// random edit histories over three or four databases (visits walked,
// reopened and changed, drafts started, schools added on their own under
// one name or changed, decisions about the rectifications the visits
// found: a report, a closure by hand, a deadline, a person responsible,
// some cleared again; bundles exchanged along the way, clocks that run
// ahead, fall behind or agree to the second). Then their bundles are
// imported into fresh databases in every order, one at a time and all in
// one import, and imported again: every result holds the same content,
// decoded and compared record by record, the rectifications with their
// decisions and their derived part included. And an exchange of every
// database's bundle with every other reaches that same content after one
// round; a second round changes nothing.
func TestMergeConverges(t *testing.T) {
	seeds := []struct {
		seed uint64
		dbs  int
	}{{1, 3}, {2, 3}, {3, 3}, {4, 4}}
	if testing.Short() {
		seeds = seeds[:2]
	}
	testConvergence(t, seeds, false)
}

// TestMergeConvergesWithCorrections is TestMergeConverges with the
// corrections of a mistake among the random edits: schools renamed and
// their fields edited, archived and brought back, drafts re-dated (into
// the year before too).
func TestMergeConvergesWithCorrections(t *testing.T) {
	seeds := []struct {
		seed uint64
		dbs  int
	}{{11, 3}, {12, 4}}
	if testing.Short() {
		seeds = seeds[:1]
	}
	testConvergence(t, seeds, true)
}

// TestMergeConvergesWithYearEnd is TestMergeConvergesWithCorrections with
// the year end among the random edits, under a standard that lists veto
// situations: self-assessments entered (verdicts and remarks), veto
// situations recorded and lifted, the year published, confirmed and
// withdrawn (a confirmed year locks its visits, which are then changed
// with a reason). The content compared holds the year-end records too.
func TestMergeConvergesWithYearEnd(t *testing.T) {
	seeds := []struct {
		seed uint64
		dbs  int
	}{{102, 3}, {101, 4}, {112, 3}}
	if testing.Short() {
		seeds = seeds[:1]
	}
	testConvergence(t, seeds, true, true)
}

func testConvergence(t *testing.T, seeds []struct {
	seed uint64
	dbs  int
}, corrections bool, yearEnd ...bool) {
	if n, _ := strconv.Atoi(os.Getenv("BRANCHCHECK_MERGE_SEEDS")); n > 0 { // a longer hunt
		seeds = seeds[:0]
		for i := range n {
			seeds = append(seeds, struct {
				seed uint64
				dbs  int
			}{uint64(100 + i), 3 + i%2})
		}
	}
	steps := 20
	if n, _ := strconv.Atoi(os.Getenv("BRANCHCHECK_MERGE_STEPS")); n > 0 {
		steps = n
	}
	for _, sd := range seeds {
		t.Run(fmt.Sprintf("seed%d-%ddatabases", sd.seed, sd.dbs), func(t *testing.T) {
			h := newHistory(t, sd.seed, sd.dbs, len(yearEnd) > 0 && yearEnd[0])
			h.corrections = corrections
			if h.yearEnd {
				h.run(2 * steps) // a third of them at the year end
			} else {
				h.run(steps)
			}
			bundles := make([][]byte, len(h.dbs))
			for i, s := range h.dbs {
				bundles[i] = export(t, s, bundle.Filter{})
			}
			want := ""
			check := func(what string, s *store.Store) {
				t.Helper()
				got := content(t, s)
				if want == "" {
					want = got
					return
				}
				if got != want {
					t.Fatalf("%s: the content differs:\n%s", what, lineDiff(got, want))
				}
			}
			for _, perm := range orders(len(bundles)) {
				d := h.fresh()
				for _, i := range perm {
					importBundle(t, d, bundles[i], false)
				}
				check(fmt.Sprintf("one by one, order %v", perm), d)
				all := h.fresh()
				var data [][]byte
				for _, i := range perm {
					data = append(data, bundles[i])
				}
				importAll(t, all, false, data...)
				check(fmt.Sprintf("all at once, order %v", perm), all)
				for _, sum := range importAll(t, all, false, data...) {
					if sum.Changed() {
						t.Fatalf("importing again changed something: %+v", sum)
					}
				}
			}
			// All to all.
			for round := 1; round <= 2; round++ {
				out := make([][]byte, len(h.dbs))
				for i, s := range h.dbs {
					out[i] = export(t, s, bundle.Filter{})
				}
				for i, s := range h.dbs {
					var data [][]byte
					for j := range out {
						if j != i {
							data = append(data, out[j])
						}
					}
					for _, sum := range importAll(t, s, false, data...) {
						if round == 2 && sum.Changed() {
							t.Fatalf("round 2 changed database %d: %+v", i, sum)
						}
					}
					check(fmt.Sprintf("all to all, round %d, database %d", round, i), s)
				}
			}
			for i, s := range h.dbs {
				if hl, err := s.Check(); err != nil || len(hl.Problems) > 0 {
					t.Fatalf("doctor on database %d: %v %v", i, err, hl.Problems)
				}
			}
			t.Logf("%d actions (%d decisions, %d year-end changes, the year confirmed: %v), %d conflicts met along the way (%d about decisions, %d about year-end records)",
				h.actions, h.decisions, h.yearEnds, h.confirmed, h.conflicts, h.rectConflicts, h.yearConflicts)
			if h.decisions == 0 {
				t.Error("the history made no decision")
			}
			if h.yearEnd && (h.yearEnds == 0 || !h.confirmed && os.Getenv("BRANCHCHECK_MERGE_SEEDS") == "") {
				t.Errorf("the history made %d year-end changes and confirmed the year: %v", h.yearEnds, h.confirmed)
			}
		})
	}
}

// lineDiff says which lines of two contents differ: those only in got
// (+) and those only in want (-).
func lineDiff(got, want string) string {
	count := map[string]int{}
	for _, l := range strings.Split(want, "\n") {
		count[l]++
	}
	for _, l := range strings.Split(got, "\n") {
		count[l]--
	}
	var out []string
	for l, n := range count {
		switch {
		case n < 0:
			out = append(out, "+ "+l)
		case n > 0:
			out = append(out, "- "+l)
		}
	}
	slices.Sort(out)
	return strings.Join(out, "\n")
}

// orders is every order of n bundles.
func orders(n int) [][]int {
	if n == 1 {
		return [][]int{{0}}
	}
	var out [][]int
	for _, p := range orders(n - 1) {
		for i := 0; i <= len(p); i++ {
			out = append(out, slices.Insert(slices.Clone(p), i, n-1))
		}
	}
	return out
}

// history is a set of databases being edited at random.
type history struct {
	t         *testing.T
	rng       *rand.Rand
	dbs       []*store.Store
	clocks    []*setClock
	base      time.Time
	actions   int
	decisions int
	conflicts int
	// corrections adds the corrections of mistakes to the random edits.
	corrections bool
	shared      []string // the ids of the shared list's schools
	// rectConflicts counts the conflicts about decisions.
	rectConflicts int
	// yearEnd adds the year end to the random edits; yearEnds counts
	// those made, yearConflicts the conflicts about them, confirmed
	// whether a database confirmed the year.
	yearEnd                 bool
	yearEnds, yearConflicts int
	confirmed               bool
}

var secretaries = []string{"张明", "王芳", "李强"}

func newHistory(t *testing.T, seed uint64, n int, yearEnd bool) *history {
	h := &history{t: t, rng: rand.New(rand.NewPCG(seed, 2026)), base: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), yearEnd: yearEnd}
	for range n {
		c := &setClock{t: h.base}
		h.clocks = append(h.clocks, c)
		h.dbs = append(h.dbs, h.open(c.now))
		if yearEnd {
			if err := h.dbs[len(h.dbs)-1].InstallStandard(vetoStandard(2026)); err != nil {
				t.Fatal(err)
			}
		}
	}
	// A shared list, and visits, from the first database.
	first := h.dbs[0]
	if _, err := first.ImportSchools([]checklist.School{
		{Name: "城关小学", Township: "城关镇"}, {Name: "城关中学", Township: "城关镇"}, {Name: "东河乡中心学校", Township: "东河乡"},
	}); err != nil {
		t.Fatal(err)
	}
	schools, _ := first.Schools()
	for _, sc := range schools {
		h.shared = append(h.shared, sc.ID)
	}
	walk(t, first, schools[0].ID, "李督查", "2026-03-01", every(checklist.Met))
	walk(t, first, schools[1].ID, "李督查", "2026-03-02", mixed(3))
	shared := export(t, first, bundle.Filter{})
	for i, s := range h.dbs[1:] {
		importBundle(t, s, shared, false)
		// And one school each added on its own, under one name.
		s.ImportSchools([]checklist.School{{Name: "西山小学", Township: "西山镇", Secretary: secretaries[i%3]}})
	}
	return h
}

func (h *history) fresh() *store.Store { return h.open(time.Now) }

// open opens a new database. The test makes hundreds, and every commit
// waits for the disk: on a memory file system (Linux's /dev/shm), where
// waiting for the disk costs nothing, the test takes a fraction of the
// time, and what it tests is the same.
func (h *history) open(now func() time.Time) *store.Store {
	dir, err := os.MkdirTemp("/dev/shm", "branchcheck-test-*")
	if err != nil {
		dir = h.t.TempDir()
	} else {
		h.t.Cleanup(func() { os.RemoveAll(dir) })
	}
	s, err := store.Open(filepath.Join(dir, "b.db"), store.Options{Now: now, NoDailyBackup: true})
	if err != nil {
		h.t.Fatal(err)
	}
	h.t.Cleanup(func() { s.Close() })
	return s
}

// tick moves database i's clock: on with the others, to the same second
// as the last change anywhere, or back.
func (h *history) tick(i int) {
	switch h.rng.IntN(5) {
	case 0: // the same second
		h.clocks[i].t = h.base
	case 1: // set back
		h.clocks[i].t = h.base.Add(-time.Duration(1+h.rng.IntN(48)) * time.Hour)
	default:
		h.base = h.base.Add(time.Duration(1+h.rng.IntN(3*24*60)) * time.Minute)
		h.clocks[i].t = h.base
	}
}

func (h *history) run(steps int) {
	t := h.t
	for range steps {
		i := h.rng.IntN(len(h.dbs))
		s := h.dbs[i]
		h.tick(i)
		h.actions++
		who := fmt.Sprintf("督查%d", i)
		// A visit of a confirmed year is changed with a reason; in any
		// other year the reason is not recorded and the change is the
		// same as the Store's own.
		a := s.Amending("复核更正")
		if h.yearEnd && h.rng.IntN(3) == 0 {
			h.yearEndAction(i, who)
			continue
		}
		kinds := 8 // 0–3 edits, 4–5 decisions about rectifications, 6–7 bundles
		if h.corrections {
			kinds = 11
		}
		switch h.rng.IntN(kinds) {
		case 0, 1: // change a visit
			visits, _ := s.Inspections()
			v := visits[h.rng.IntN(len(visits))]
			if v.Status == checklist.Finalized {
				if _, err := s.Reopen(v.ID, "复核", who); err != nil {
					t.Fatal(err)
				}
			}
			item := checklist.DefaultStandard().ScoredItems()[h.rng.IntN(6)]
			if _, err := a.SetVerdict(v.ID, item.ID, checklist.Verdicts[h.rng.IntN(4)], who); err != nil {
				t.Fatal(err)
			}
			if h.rng.IntN(2) == 0 {
				if _, err := a.SetNote(v.ID, item.ID, fmt.Sprintf("第%d次复核", h.actions), who); err != nil {
					t.Fatal(err)
				}
			}
			if len(v.Missing(checklist.DefaultStandard())) == 0 && h.rng.IntN(3) > 0 {
				if _, err := a.Finalize(v.ID, who); err != nil {
					t.Fatal(err)
				}
			}
		case 2: // a new draft
			schools, _ := s.Schools()
			schools = slices.DeleteFunc(schools, func(sc checklist.School) bool { return sc.IsArchived() })
			if len(schools) == 0 {
				continue
			}
			sc := schools[h.rng.IntN(len(schools))]
			in, err := a.CreateInspection(sc.ID, who, checklist.DateOf(h.clocks[i].t))
			if err != nil {
				t.Fatal(err)
			}
			a.SetVerdict(in.ID, "1.1", checklist.PartlyMet, who)
		case 3: // a school changed
			schools, _ := s.Schools()
			sc := schools[h.rng.IntN(len(schools))]
			sc.Secretary = secretaries[h.rng.IntN(3)]
			sc.Contact = fmt.Sprintf("1380000%04d", h.rng.IntN(3))
			if _, err := s.ImportSchools([]checklist.School{sc}); err != nil {
				t.Fatal(err)
			}
		case 4, 5: // a decision about a rectification
			h.decide(i, who)
		case 8: // a draft re-dated, into the year before too
			visits, _ := s.Inspections()
			visits = slices.DeleteFunc(visits, func(v *checklist.Inspection) bool { return v.Audited() || v.Status != checklist.Draft })
			if len(visits) == 0 {
				continue
			}
			v := visits[h.rng.IntN(len(visits))]
			date := checklist.DateOf(h.clocks[i].t.AddDate(0, 0, -h.rng.IntN(400)))
			_, err := s.RedateDraft(v.ID, date)
			switch {
			case err == nil:
			case errors.Is(err, checklist.ErrReasonRequired): // into or out of a confirmed year
			case h.yearEnd && errors.Is(err, checklist.ErrInvalid): // into a year of another standard
			default:
				t.Fatal(err)
			}
		case 9: // a school edited: its contact put right, or renamed
			schools, _ := s.Schools()
			sc := schools[h.rng.IntN(len(schools))]
			sc.Contact = fmt.Sprintf("0371-%04d", h.rng.IntN(3))
			if h.rng.IntN(2) == 0 {
				// A school of the shared list (one id everywhere), to a
				// name no other school has: schools with different ids
				// renamed to one name would meet by name, which is the
				// README's limit, not what this checks.
				if sc, _ = s.School(h.shared[h.rng.IntN(len(h.shared))]); sc.ID == "" {
					continue
				}
				sc.Name = fmt.Sprintf("城关学校（更名%d）", h.actions)
			}
			if _, err := s.EditSchool(sc); err != nil {
				t.Fatal(err)
			}
		case 10: // a school archived, or brought back
			schools, _ := s.Schools()
			sc := schools[h.rng.IntN(len(schools))]
			var err error
			if sc.IsArchived() {
				_, err = s.UnarchiveSchool(sc.ID)
			} else {
				_, err = s.ArchiveSchool(sc.ID)
			}
			if err != nil && !errors.Is(err, checklist.ErrInvalid) {
				t.Fatal(err) // a school with a draft is not archived
			}
		default: // a bundle from another database
			j := h.rng.IntN(len(h.dbs))
			sum := importBundle(t, s, export(t, h.dbs[j], bundle.Filter{}), false)
			h.conflicts += sum.ConflictCount
			for _, c := range sum.Conflicts {
				if c.RectificationID != "" {
					h.rectConflicts++
				}
				if c.YearEnd != "" {
					h.yearConflicts++
				}
			}
		}
	}
}

// decide makes a decision about one of database i's rectifications (two
// times in three one decided about before, here or elsewhere), at random: the
// school's report, a closure by hand (those two only while it
// is open, and dated between the finding and today), a deadline or a
// person responsible, set or cleared.
func (h *history) decide(i int, who string) {
	t, s := h.t, h.dbs[i]
	rects, err := store.StoredRectifications(s)
	if err != nil {
		t.Fatal(err)
	}
	rects = slices.DeleteFunc(rects, func(r checklist.Rectification) bool { return r.FoundOn.IsZero() })
	if h.rng.IntN(3) > 0 { // decide again about what was decided, here or elsewhere: conflicts
		elsewhere := map[string]bool{}
		for _, o := range h.dbs {
			all, err := store.StoredRectifications(o)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range all {
				elsewhere[r.ID] = elsewhere[r.ID] || r.Decided()
			}
		}
		if decided := slices.DeleteFunc(slices.Clone(rects), func(r checklist.Rectification) bool { return !elsewhere[r.ID] }); len(decided) > 0 {
			rects = decided
		}
	}
	if len(rects) == 0 {
		return
	}
	r := rects[h.rng.IntN(len(rects))]
	today := checklist.DateOf(h.clocks[i].t)
	on := r.FoundOn
	if n := today.DaysSince(on); n > 0 {
		on = on.AddDays(h.rng.IntN(n + 1))
	}
	open := r.Status().Active() && today.Compare(r.FoundOn) >= 0
	switch k := h.rng.IntN(6); {
	case k == 0 && open:
		_, err = s.ReportRectification(r.ID, []string{"张校长", "李副校长"}[h.rng.IntN(2)], on, []string{"", "制度汇编.pdf"}[h.rng.IntN(2)])
	case k == 1 && open:
		_, err = s.CloseRectification(r.ID, who, on, "回访核实，已整改到位")
	case k <= 2:
		d := r.FoundOn.AddDays(10 * h.rng.IntN(4)) // 0: back to the default
		if d == r.FoundOn {
			d = checklist.Date{}
		}
		_, err = s.SetRectificationDeadline(r.ID, d, who)
	default:
		_, err = s.SetRectificationResponsible(r.ID, []string{"", "王副校长", "赵主任"}[h.rng.IntN(3)], who)
	}
	if err != nil {
		t.Fatalf("a decision about %s: %v", r.ID, err)
	}
	h.decisions++
}

// yearEndAction makes a year-end change in database i, at random: a
// branch's self-assessed verdict or remark entered, a veto situation
// recorded or lifted, the year published, confirmed or withdrawn. A
// change the year's stage does not allow now (a confirmation within the
// 公示, after the clock was set back) is not made.
func (h *history) yearEndAction(i int, who string) {
	t, s := h.t, h.dbs[i]
	const year = 2026
	a := s.Amending("学校更正")
	schools, _ := s.Schools()
	sc := schools[h.rng.IntN(len(schools))]
	today := checklist.DateOf(h.clocks[i].t)
	var err error
	switch h.rng.IntN(3) {
	case 0: // a self-assessment
		item := checklist.DefaultStandard().ScoredItems()[h.rng.IntN(6)].ID
		if h.rng.IntN(3) == 0 {
			_, err = a.SetSelfNote(sc.ID, year, item, fmt.Sprintf("佐证%d", h.rng.IntN(3)), checklist.SourcePaper, who)
		} else {
			_, err = a.SetSelfVerdict(sc.ID, year, item, checklist.Verdicts[h.rng.IntN(4)], checklist.SourceWorkbook, who)
		}
	case 1: // a veto situation
		vetoes, verr := s.Vetoes(year)
		if verr != nil {
			t.Fatal(verr)
		}
		vetoes = slices.DeleteFunc(vetoes, func(r checklist.VetoRecord) bool { return !r.Active() })
		if len(vetoes) > 0 && h.rng.IntN(2) == 0 {
			_, err = s.LiftVeto(vetoes[h.rng.IntN(len(vetoes))].ID, []string{"误录", "复核撤销"}[h.rng.IntN(2)], who)
		} else {
			_, err = s.RecordVeto(sc.ID, year, []string{"discipline", "weak"}[h.rng.IntN(2)], fmt.Sprintf("通报%d号", h.rng.IntN(3)), who)
		}
	default: // the year's stage
		st, serr := s.YearStage(year)
		if serr != nil {
			t.Fatal(serr)
		}
		switch {
		case st.Stage == checklist.StagePublicity && h.rng.IntN(3) > 0:
			_, err = s.ConfirmYear(year, today, who)
			h.confirmed = h.confirmed || err == nil
		case st.Stage != checklist.StageInitial && h.rng.IntN(2) == 0:
			_, err = s.WithdrawYear(year, []string{"复核", "重新评定"}[h.rng.IntN(2)], who)
		case st.Stage != checklist.StageConfirmed:
			_, err = s.PublishYear(year, today.AddDays(-9-h.rng.IntN(2)), today.AddDays(-3), who)
		}
	}
	if errors.Is(err, checklist.ErrInvalid) {
		return // not allowed now: recorded already, within the 公示
	}
	if err != nil {
		t.Fatalf("a year-end change: %v", err)
	}
	h.yearEnds++
}
