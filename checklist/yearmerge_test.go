package checklist_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"branchcheck/checklist"
)

func selfCopy(verdict checklist.Verdict, at time.Time, versions map[string]uint64) checklist.SelfAssessment {
	return checklist.SelfAssessment{ID: "s1/2026", SchoolID: "s1", Year: 2026, StandardID: "std",
		Answers:   map[string]checklist.SelfAnswer{"1.1": {Verdict: verdict, Source: checklist.SourcePaper, By: "张", At: at}},
		CreatedAt: at, UpdatedAt: at, Versions: versions}
}

func TestMergeSelfAssessments(t *testing.T) {
	base := selfCopy(checklist.Met, t1, v("a", 1))
	onTop := selfCopy(checklist.NotMet, t1.Add(time.Hour), v("a", 1, "b", 1))
	onTop.CreatedAt = t1
	early := selfCopy(checklist.PartlyMet, t1.Add(time.Hour), v("a", 2))
	late := selfCopy(checklist.NotMet, t1.Add(2*time.Hour), v("a", 1, "c", 1))
	sameSecond := selfCopy(checklist.NotMet, t1.Add(time.Hour), v("a", 1, "c", 1))
	agrees := selfCopy(checklist.PartlyMet, t1.Add(time.Hour), v("c", 1))
	agrees.Answers["1.1"] = early.Answers["1.1"]
	tests := []struct {
		name                          string
		a, b                          checklist.SelfAssessment
		want                          checklist.Verdict
		at, created                   time.Time
		versions                      map[string]uint64
		changed, conflict, fromSecond bool
	}{
		{"Same", base, base, checklist.Met, t1, t1, v("a", 1), false, false, false},
		{"Newer", base, onTop, checklist.NotMet, t1.Add(time.Hour), t1, v("a", 1, "b", 1), true, false, true},
		{"Older", onTop, base, checklist.NotMet, t1.Add(time.Hour), t1, v("a", 1, "b", 1), false, false, false},
		{"ConcurrentLaterWins", early, late, checklist.NotMet, t1.Add(2 * time.Hour), t1.Add(time.Hour), v("a", 2, "c", 1), true, true, true},
		{"ConcurrentKeptHere", late, early, checklist.NotMet, t1.Add(2 * time.Hour), t1.Add(time.Hour), v("a", 2, "c", 1), true, true, false},
		// The same second: the content decides, whatever the order.
		{"SameSecond", early, sameSecond, checklist.PartlyMet, t1.Add(time.Hour), t1.Add(time.Hour), v("a", 2, "c", 1), true, true, false},
		{"SameSecondOtherWay", sameSecond, early, checklist.PartlyMet, t1.Add(time.Hour), t1.Add(time.Hour), v("a", 2, "c", 1), true, true, true},
		// Two databases that entered the same form: no conflict.
		{"ConcurrentSameContent", early, agrees, checklist.PartlyMet, t1.Add(time.Hour), t1.Add(time.Hour), v("a", 2, "c", 1), true, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, m := checklist.MergeSelfAssessments(tt.a, tt.b)
			if got.Answers["1.1"].Verdict != tt.want || !got.UpdatedAt.Equal(tt.at) || !got.CreatedAt.Equal(tt.created) || fmt.Sprint(got.Versions) != fmt.Sprint(tt.versions) {
				t.Errorf("kept %s changed at %v created %v, versions %v", got.Answers["1.1"].Verdict, got.UpdatedAt, got.CreatedAt, got.Versions)
			}
			if m.Changed != tt.changed || m.Conflict != tt.conflict || m.FromSecond != tt.fromSecond {
				t.Errorf("%+v", m)
			}
			if got.ID != tt.a.ID || got.SchoolID != tt.a.SchoolID {
				t.Errorf("id %s, school %s", got.ID, got.SchoolID)
			}
			if back, _ := checklist.MergeSelfAssessments(tt.b, tt.a); yearDigest(back) != yearDigest(got) {
				t.Errorf("merge(b, a) differs from merge(a, b)")
			}
		})
	}
}

// vetoStandard is a standard that lists two veto situations.
func vetoStandard() *checklist.Standard {
	std := *checklist.DefaultStandard()
	std.ID = "veto-test"
	std.VetoSituations = []checklist.VetoSituation{{ID: "discipline", Text: "违纪", CapStars: 2}, {ID: "weak", Text: "软弱涣散", Disqualify: true}}
	return &std
}

func vetoCopy(t *testing.T, reason string, at time.Time, versions map[string]uint64) checklist.VetoRecord {
	t.Helper()
	r, err := checklist.NewVetoRecord(vetoStandard(), "discipline", "s1", 2026, reason, "王主任", at)
	if err != nil {
		t.Fatal(err)
	}
	r.Versions = versions
	return *r
}

func lifted(t *testing.T, r checklist.VetoRecord, at time.Time, versions map[string]uint64) checklist.VetoRecord {
	t.Helper()
	if err := r.Lift("复核撤销", "李主任", at); err != nil {
		t.Fatal(err)
	}
	r.Versions = versions
	return r
}

func TestMergeVetoRecords(t *testing.T) {
	rec := vetoCopy(t, "通报5号", t1, v("a", 1))
	lift := lifted(t, rec, t1.Add(time.Hour), v("a", 1, "b", 1))
	// Another database recorded it too, on its own, later.
	other := vetoCopy(t, "通报6号", t1.Add(30*time.Minute), v("c", 1))
	later := vetoCopy(t, "通报7号", t1.Add(2*time.Hour), v("c", 1))
	// And recorded in the same second as the lift.
	sameSecond := vetoCopy(t, "通报8号", t1.Add(time.Hour), v("c", 1))
	tests := []struct {
		name                          string
		a, b                          checklist.VetoRecord
		active                        bool
		reason                        string
		changed, conflict, fromSecond bool
	}{
		{"Same", rec, rec, true, "通报5号", false, false, false},
		{"LiftOnTop", rec, lift, false, "通报5号", true, false, true},
		{"RecordUnderLift", lift, rec, false, "通报5号", false, false, false},
		{"ConcurrentLiftLater", lift, other, false, "通报5号", true, true, false},
		{"ConcurrentRecordLater", lift, later, true, "通报7号", true, true, true},
		// The same second: the lift wins, whatever the order.
		{"SameSecondLiftWins", sameSecond, lift, false, "通报5号", true, true, true},
		{"SameSecondLiftWinsOtherWay", lift, sameSecond, false, "通报5号", true, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, m := checklist.MergeVetoRecords(tt.a, tt.b)
			if got.Active() != tt.active || got.Reason != tt.reason {
				t.Errorf("kept %q active %v", got.Reason, got.Active())
			}
			if m.Changed != tt.changed || m.Conflict != tt.conflict || m.FromSecond != tt.fromSecond {
				t.Errorf("%+v", m)
			}
			if back, _ := checklist.MergeVetoRecords(tt.b, tt.a); yearDigest(back) != yearDigest(got) {
				t.Errorf("merge(b, a) differs from merge(a, b)")
			}
			if want := checklist.JoinVersions(tt.a.Versions, tt.b.Versions); !maps.Equal(got.Versions, want) {
				t.Errorf("versions %v, want %v", got.Versions, want)
			}
		})
	}
}

func TestMergeYearStages(t *testing.T) {
	yr := &checklist.YearRating{Year: 2026}
	today := checklist.Date{Year: 2026, Month: 12, Day: 31}
	published := checklist.YearStage{Year: 2026}
	if _, err := published.Publish(checklist.Date{Year: 2026, Month: 12, Day: 1}, checklist.Date{Year: 2026, Month: 12, Day: 7}, "王", t1); err != nil {
		t.Fatal(err)
	}
	published.Touch("a", t1)
	confirm := func(st checklist.YearStage, at time.Time, db string) checklist.YearStage {
		st.History, st.Versions = slices.Clone(st.History), maps.Clone(st.Versions)
		if _, err := st.Confirm(yr, "王", checklist.Date{Year: 2026, Month: 12, Day: 10}, today, at); err != nil {
			t.Fatal(err)
		}
		st.Touch(db, at)
		return st
	}
	withdraw := func(st checklist.YearStage, at time.Time, db string) checklist.YearStage {
		st.History, st.Versions = slices.Clone(st.History), maps.Clone(st.Versions)
		if _, err := st.Withdraw("复核", "李", at); err != nil {
			t.Fatal(err)
		}
		st.Touch(db, at)
		return st
	}
	confirmed := confirm(published, t1.Add(time.Hour), "a")
	reopened := withdraw(confirmed, t1.Add(2*time.Hour), "b")       // on top of the confirmation
	confirmedAgain := confirm(published, t1.Add(3*time.Hour), "a")  // a later confirmation
	withdrawnEarly := withdraw(published, t1.Add(2*time.Hour), "b") // concurrent with it
	withdrawnSame := withdraw(published, t1.Add(3*time.Hour), "b")  // in the same second
	tests := []struct {
		name                          string
		a, b                          checklist.YearStage
		stage                         checklist.Stage
		history                       int
		changed, conflict, fromSecond bool
	}{
		{"Same", confirmed, confirmed, checklist.StageConfirmed, 2, false, false, false},
		{"WithdrawalOnTop", confirmed, reopened, checklist.StageInitial, 3, true, false, true},
		{"ConfirmationUnder", reopened, confirmed, checklist.StageInitial, 3, false, false, false},
		{"ConcurrentConfirmationLater", withdrawnEarly, confirmedAgain, checklist.StageConfirmed, 3, true, true, true},
		{"ConcurrentConfirmationLaterOtherWay", confirmedAgain, withdrawnEarly, checklist.StageConfirmed, 3, true, true, false},
		// The same second: the withdrawal wins, whatever the order.
		{"SameSecondWithdrawalWins", confirmedAgain, withdrawnSame, checklist.StageInitial, 3, true, true, true},
		{"SameSecondWithdrawalWinsOtherWay", withdrawnSame, confirmedAgain, checklist.StageInitial, 3, true, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, m := checklist.MergeYearStages(tt.a, tt.b)
			if got.Stage != tt.stage || len(got.History) != tt.history {
				t.Errorf("stage %q, %d changes in its history", got.Stage, len(got.History))
			}
			if m.Changed != tt.changed || m.Conflict != tt.conflict || m.FromSecond != tt.fromSecond {
				t.Errorf("%+v", m)
			}
			if back, _ := checklist.MergeYearStages(tt.b, tt.a); yearDigest(back) != yearDigest(got) {
				t.Errorf("merge(b, a) differs from merge(a, b):\n%s\n%s", yearDigest(back), yearDigest(got))
			}
		})
	}
}

// TestYearMergeProperties: random histories of each year-end record over
// four databases, made as the store makes them (each change at
// ChangeTime, clocks set back or in the same second as another's, copies
// taken from other databases along the way). Merging the copies gives
// the same record in every order, one at a time or grouped; merging a
// copy again changes nothing and lists no conflict; one round of every
// database taking every other's copy reaches it, and a second changes
// nothing.
func TestYearMergeProperties(t *testing.T) {
	std, vstd := checklist.DefaultStandard(), vetoStandard()
	seeds := uint64(100)
	if testing.Short() {
		seeds = 25
	}
	for seed := range seeds {
		rng := rand.New(rand.NewPCG(seed, 27))
		checkJoin(t, "self-assessment", seed, randomYearHistory(rng, 4, 14, selfStep(std)), checklist.MergeSelfAssessments)
		checkJoin(t, "veto record", seed, randomYearHistory(rng, 4, 14, vetoStep(vstd)), checklist.MergeVetoRecords)
		checkJoin(t, "year stage", seed, randomYearHistory(rng, 4, 14, stageStep), checklist.MergeYearStages)
	}
}

// randomYearHistory runs steps random steps over n databases, each holding
// one copy of a record (nil: none yet): a database changes its copy
// (step, with its clock) or takes another's.
func randomYearHistory[T any](rng *rand.Rand, n, steps int, step func(rng *rand.Rand, cur *T, db string, clock time.Time) *T) []*T {
	dbs := make([]*T, n)
	clock := t1
	for range steps {
		i := rng.IntN(n)
		if rng.IntN(3) == 0 {
			dbs[i] = mergeOpt(dbs[i], dbs[rng.IntN(n)], anyMerge[T]())
			continue
		}
		switch rng.IntN(4) {
		case 0: // the same second as the last change anywhere
		case 1:
			clock = clock.Add(-time.Duration(rng.IntN(3)) * time.Hour)
		default:
			clock = clock.Add(time.Duration(rng.IntN(90)) * time.Minute)
		}
		if next := step(rng, dbs[i], fmt.Sprintf("db%d", i), clock); next != nil {
			dbs[i] = next
		}
	}
	return slices.DeleteFunc(dbs, func(x *T) bool { return x == nil })
}

func anyMerge[T any]() func(a, b T) (T, checklist.YearMerge) {
	var f any
	switch any(new(T)).(type) {
	case *checklist.SelfAssessment:
		f = checklist.MergeSelfAssessments
	case *checklist.VetoRecord:
		f = checklist.MergeVetoRecords
	case *checklist.YearStage:
		f = checklist.MergeYearStages
	}
	return f.(func(a, b T) (T, checklist.YearMerge))
}

// mergeOpt merges b into a as an import does: a copy where there was none
// is taken as it comes.
func mergeOpt[T any](a, b *T, merge func(a, b T) (T, checklist.YearMerge)) *T {
	switch {
	case b == nil:
		return a
	case a == nil:
		c := *b
		return &c
	}
	out, _ := merge(*a, *b)
	return &out
}

func selfStep(std *checklist.Standard) func(*rand.Rand, *checklist.SelfAssessment, string, time.Time) *checklist.SelfAssessment {
	return func(rng *rand.Rand, cur *checklist.SelfAssessment, db string, clock time.Time) *checklist.SelfAssessment {
		var sa checklist.SelfAssessment
		if cur == nil {
			n, _ := checklist.NewSelfAssessment("s1", 2026, std, clock)
			sa = *n
		} else {
			sa = *cur
			sa.Answers, sa.Versions = maps.Clone(cur.Answers), maps.Clone(cur.Versions)
		}
		at := checklist.ChangeTime(sa.UpdatedAt, clock)
		item := std.ScoredItems()[rng.IntN(3)].ID
		if rng.IntN(4) == 0 {
			sa.SetNote(std, item, fmt.Sprintf("佐证%d", rng.IntN(3)), checklist.SourcePaper, "张", at)
		} else if ok, _ := sa.SetVerdict(std, item, checklist.Verdicts[rng.IntN(4)], checklist.SourceWorkbook, "李", at); !ok {
			return nil
		}
		sa.Touch(db, at)
		return &sa
	}
}

func vetoStep(std *checklist.Standard) func(*rand.Rand, *checklist.VetoRecord, string, time.Time) *checklist.VetoRecord {
	return func(rng *rand.Rand, cur *checklist.VetoRecord, db string, clock time.Time) *checklist.VetoRecord {
		if cur != nil && cur.Active() {
			r := *cur
			r.Versions = maps.Clone(cur.Versions)
			at := checklist.ChangeTime(r.UpdatedAt, clock)
			if r.Lift([]string{"误录", "复核撤销"}[rng.IntN(2)], "李主任", at) != nil {
				return nil
			}
			r.Touch(db, at)
			return &r
		}
		at := clock
		var versions map[string]uint64
		if cur != nil { // recorded again after a lift, as the store does
			at, versions = checklist.ChangeTime(cur.UpdatedAt, clock), maps.Clone(cur.Versions)
		}
		r, err := checklist.NewVetoRecord(std, "discipline", "s1", 2026, fmt.Sprintf("通报%d号", rng.IntN(3)), "王主任", at)
		if err != nil {
			panic(err)
		}
		r.Versions = versions
		r.Touch(db, at)
		return r
	}
}

func stageStep(rng *rand.Rand, cur *checklist.YearStage, db string, clock time.Time) *checklist.YearStage {
	st := checklist.YearStage{Year: 2026}
	if cur != nil {
		st = *cur
		st.History, st.Versions, st.Named = slices.Clone(cur.History), maps.Clone(cur.Versions), slices.Clone(cur.Named)
	}
	at := checklist.ChangeTime(st.UpdatedAt, clock)
	var err error
	switch {
	case st.Stage == checklist.StagePublicity && rng.IntN(2) == 0:
		yr := &checklist.YearRating{Year: 2026}
		_, err = st.Confirm(yr, []string{"王", "赵"}[rng.IntN(2)], checklist.Date{Year: 2026, Month: 12, Day: 20}, checklist.Date{Year: 2026, Month: 12, Day: 31}, at)
	case st.Stage != checklist.StageInitial && rng.IntN(2) == 0:
		_, err = st.Withdraw([]string{"复核", "重新评定"}[rng.IntN(2)], "李", at)
	case st.Stage != checklist.StageConfirmed:
		from := checklist.Date{Year: 2026, Month: 12, Day: 1 + rng.IntN(3)}
		_, err = st.Publish(from, from.AddDays(6), "王", at)
	default:
		return nil
	}
	if err != nil {
		panic(err)
	}
	st.Touch(db, at)
	return &st
}

// checkJoin checks that merge is a join on the copies dbs.
func checkJoin[T any](t *testing.T, what string, seed uint64, dbs []*T, merge func(a, b T) (T, checklist.YearMerge)) {
	t.Helper()
	if len(dbs) == 0 {
		return
	}
	want := ""
	for _, perm := range permutations(len(dbs)) {
		acc := *dbs[perm[0]]
		for _, i := range perm[1:] {
			acc, _ = merge(acc, *dbs[i])
		}
		if want == "" {
			want = yearDigest(acc)
		} else if got := yearDigest(acc); got != want {
			t.Fatalf("%s, seed %d: order %v gives\n%s\nwant\n%s", what, seed, perm, got, want)
		}
		for _, d := range dbs {
			if again, m := merge(acc, *d); m.Changed || m.Conflict || yearDigest(again) != want {
				t.Fatalf("%s, seed %d: merging a copy again changed the result: %+v", what, seed, m)
			}
		}
	}
	if len(dbs) == 4 {
		l, _ := merge(*dbs[0], *dbs[1])
		r, _ := merge(*dbs[2], *dbs[3])
		if lr, _ := merge(l, r); yearDigest(lr) != want {
			t.Fatalf("%s, seed %d: grouped merge differs", what, seed)
		}
	}
	round := make([]T, len(dbs))
	for i := range dbs {
		round[i] = *dbs[i]
		for j := range dbs {
			if i != j {
				round[i], _ = merge(round[i], *dbs[j])
			}
		}
		if yearDigest(round[i]) != want {
			t.Fatalf("%s, seed %d: database %d after one round differs", what, seed, i)
		}
	}
	for i := range round {
		for j := range round {
			if _, m := merge(round[i], round[j]); m.Changed || m.Conflict {
				t.Fatalf("%s, seed %d: a second round changed database %d", what, seed, i)
			}
		}
	}
}

// yearDigest writes a record for comparing, its times in UTC (JSON writes a
// time with its zone).
func yearDigest(v any) string {
	j, _ := json.Marshal(v)
	var x any
	json.Unmarshal(j, &x)
	utcTimes(x)
	out, _ := json.Marshal(x)
	return string(out)
}

func utcTimes(x any) {
	switch x := x.(type) {
	case map[string]any:
		for k, v := range x {
			if s, ok := v.(string); ok {
				if tm, err := time.Parse(time.RFC3339Nano, s); err == nil {
					x[k] = tm.UTC().Format(time.RFC3339Nano)
				}
				continue
			}
			utcTimes(v)
		}
	case []any:
		for _, v := range x {
			utcTimes(v)
		}
	}
}
