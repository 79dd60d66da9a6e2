package checklist_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"branchcheck/checklist"
)

func TestChangeTime(t *testing.T) {
	prev := time.Date(2026, 6, 10, 8, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		prev, now time.Time
		want      time.Time
	}{
		{"First", time.Time{}, prev.Add(1500 * time.Millisecond), prev.Add(time.Second)},
		{"Later", prev, prev.Add(time.Hour), prev.Add(time.Hour)},
		{"SameSecond", prev, prev.Add(300 * time.Millisecond), prev.Add(time.Second)},
		{"ClockSetBack", prev, prev.Add(-48 * time.Hour), prev.Add(time.Second)},
		{"PrevWithFraction", prev.Add(700 * time.Millisecond), prev, prev.Add(time.Second)},
		{"NextSecond", prev, prev.Add(time.Second), prev.Add(time.Second)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := checklist.ChangeTime(tt.prev, tt.now); !got.Equal(tt.want) {
				t.Errorf("ChangeTime(%v, %v) = %v, want %v", tt.prev, tt.now, got, tt.want)
			}
		})
	}
}

func TestJoinVersions(t *testing.T) {
	a := map[string]uint64{"x": 3, "y": 1}
	b := map[string]uint64{"y": 4, "z": 2}
	got := checklist.JoinVersions(a, b)
	if want := map[string]uint64{"x": 3, "y": 4, "z": 2}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("join %v, want %v", got, want)
	}
	if a["y"] != 1 || len(a) != 2 {
		t.Errorf("the argument changed: %v", a)
	}
	if checklist.JoinVersions(nil, map[string]uint64{}) != nil {
		t.Error("the join of two empty vectors is not nil")
	}
}

func TestSchoolKey(t *testing.T) {
	tests := []struct {
		a, b [2]string // name, township
		same bool
	}{
		{[2]string{"城关小学(分校)", "城关镇"}, [2]string{"城关小学（分校）", "城关镇"}, true},
		{[2]string{"城关 小学", "城关镇"}, [2]string{"城关小学", "城关镇"}, true},
		{[2]string{"城关小学", "城关\u3000镇"}, [2]string{"城关小学", "城关镇"}, true},
		{[2]string{"ＡＢ小学", ""}, [2]string{"AB小学", ""}, true},
		{[2]string{"城关小学", "城关镇"}, [2]string{"城关小学", "东河乡"}, false},
		{[2]string{"城关小学", ""}, [2]string{"城关中学", ""}, false},
		// The separator keeps name and township apart.
		{[2]string{"乙", "甲"}, [2]string{"", "甲乙"}, false},
	}
	for _, tt := range tests {
		got := checklist.SchoolKey(tt.a[0], tt.a[1]) == checklist.SchoolKey(tt.b[0], tt.b[1])
		if got != tt.same {
			t.Errorf("%q and %q: same %v, want %v", tt.a, tt.b, got, tt.same)
		}
	}
}

var t1 = time.Date(2026, 6, 10, 8, 0, 0, 0, time.UTC)

func schoolCopy(id, secretary string, at time.Time, versions map[string]uint64) checklist.School {
	return checklist.School{ID: id, Name: "城关小学", Township: "城关镇", Secretary: secretary,
		CreatedAt: at, UpdatedAt: at, Versions: versions}
}

func TestMergeSchools(t *testing.T) {
	tests := []struct {
		name         string
		a, b         checklist.School
		wantID       string
		wantAliases  []string
		wantSecret   string
		wantConflict bool
	}{
		{"AddedInTwoDatabases", schoolCopy("s2", "张", t1, v("li", 1)), schoolCopy("s1", "张", t1.Add(time.Hour), v("wang", 1)),
			"s1", []string{"s2"}, "张", false},
		{"ChangedOnTopOfTheOther", schoolCopy("s1", "张", t1, v("li", 1)), schoolCopy("s1", "王", t1.Add(time.Hour), v("li", 1, "wang", 1)),
			"s1", nil, "王", false},
		{"ChangedInBoth", schoolCopy("s1", "张", t1.Add(2*time.Hour), v("li", 2)), schoolCopy("s1", "王", t1.Add(time.Hour), v("li", 1, "wang", 1)),
			"s1", nil, "张", true},
		{"ChangedInBothSameSecond", schoolCopy("s1", "张", t1, v("li", 2)), schoolCopy("s1", "王", t1, v("li", 1, "wang", 1)),
			"s1", nil, "王", true}, // the same second: the fields decide, whatever the order
		{"OldBundlesWithoutVersions", schoolCopy("s1", "张", t1, nil), schoolCopy("s1", "王", t1.Add(time.Second), nil),
			"s1", nil, "王", true},
		{"Same", schoolCopy("s1", "张", t1, v("li", 1)), schoolCopy("s1", "张", t1, v("li", 1)),
			"s1", nil, "张", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, order := range [][2]checklist.School{{tt.a, tt.b}, {tt.b, tt.a}} {
				got, m := checklist.MergeSchools(order[0], order[1])
				if got.ID != tt.wantID || !slices.Equal(got.Aliases, tt.wantAliases) || got.Secretary != tt.wantSecret || m.Conflict != tt.wantConflict {
					t.Errorf("merge(%s, %s) = id %s aliases %v secretary %s conflict %v", order[0].Secretary, order[1].Secretary,
						got.ID, got.Aliases, got.Secretary, m.Conflict)
				}
				if m.Conflict && m.Lost.Secretary == got.Secretary {
					t.Errorf("the lost copy is the kept one")
				}
				if want := min(tt.a.CreatedAt.Unix(), tt.b.CreatedAt.Unix()); got.CreatedAt.Unix() != want {
					t.Errorf("created %v, want the earlier", got.CreatedAt)
				}
				if want := checklist.JoinVersions(tt.a.Versions, tt.b.Versions); fmt.Sprint(got.Versions) != fmt.Sprint(want) {
					t.Errorf("versions %v, want %v", got.Versions, want)
				}
			}
		})
	}
}

func v(kv ...any) map[string]uint64 {
	out := map[string]uint64{}
	for i := 0; i < len(kv); i += 2 {
		out[kv[i].(string)] = uint64(kv[i+1].(int))
	}
	return out
}

// copyOf is a copy of inspection v1: item 1.1 answered as verdict, last
// changed at at, with the given vector.
func copyOf(verdict checklist.Verdict, at time.Time, versions map[string]uint64) *checklist.Inspection {
	return &checklist.Inspection{
		ID: "v1", SchoolID: "s1", StandardID: "std", Inspector: "李", Date: checklist.DateOf(t1),
		Status: checklist.Draft, CreatedAt: t1, UpdatedAt: at, Versions: versions,
		Answers: map[string]checklist.Answer{"1.1": {Verdict: verdict, At: at}},
	}
}

func TestMergeInspections(t *testing.T) {
	base := copyOf(checklist.Met, t1, v("a", 1))
	onTop := copyOf(checklist.NotMet, t1.Add(time.Hour), v("a", 1, "b", 1))
	early := copyOf(checklist.PartlyMet, t1.Add(time.Hour), v("a", 2))
	late := copyOf(checklist.NotApplicable, t1.Add(2*time.Hour), v("a", 1, "c", 1))
	sameSecond := copyOf(checklist.NotMet, t1.Add(time.Hour), v("a", 1, "c", 1))
	tests := []struct {
		name        string
		a, b        *checklist.Inspection
		want        checklist.Verdict
		beside      int
		changed     bool
		conflict    bool
		fromSecond  bool
		symmetrical bool // merge(b, a) keeps the same copy
	}{
		{"Same", base, base, checklist.Met, 0, false, false, false, true},
		{"Newer", base, onTop, checklist.NotMet, 0, true, false, true, true},
		{"Older", onTop, base, checklist.NotMet, 0, false, false, false, true},
		{"Concurrent", early, late, checklist.NotApplicable, 1, true, true, true, true},
		{"ConcurrentKeptHere", late, early, checklist.NotApplicable, 1, true, true, false, true},
		// The same second: the content decides, whatever the order.
		{"ConcurrentSameSecond", early, sameSecond, checklist.PartlyMet, 1, true, true, false, true},
		{"ConcurrentSameSecondOtherWay", sameSecond, early, checklist.PartlyMet, 1, true, true, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, m := checklist.MergeInspections(tt.a, tt.b)
			if got.Answers["1.1"].Verdict != tt.want || len(got.Conflicting) != tt.beside ||
				m.Changed != tt.changed || m.Conflict != tt.conflict || m.FromSecond != tt.fromSecond {
				t.Errorf("kept %s with %d beside, %+v", got.Answers["1.1"].Verdict, len(got.Conflicting), m)
			}
			back, _ := checklist.MergeInspections(tt.b, tt.a)
			if digest(back) != digest(got) {
				t.Errorf("merge(b, a) differs from merge(a, b):\n%s\n%s", digest(back), digest(got))
			}
			again, m2 := checklist.MergeInspections(got, tt.b)
			if m2.Changed || digest(again) != digest(got) {
				t.Errorf("merging b again changed the result: %+v", m2)
			}
		})
	}
}

// TestMergeInspectionsDropsWhatIsMadeOver: a copy kept beside the winner
// goes once a copy made on top of it arrives, in whichever order.
func TestMergeInspectionsDropsWhatIsMadeOver(t *testing.T) {
	a := copyOf(checklist.Met, t1.Add(2*time.Hour), v("a", 2))
	b := copyOf(checklist.NotMet, t1.Add(time.Hour), v("a", 1, "b", 1))
	b2 := copyOf(checklist.PartlyMet, t1.Add(3*time.Hour), v("a", 1, "b", 2))
	ab, _ := checklist.MergeInspections(a, b)
	if len(ab.Conflicting) != 1 {
		t.Fatalf("a and b: %d beside", len(ab.Conflicting))
	}
	x, _ := checklist.MergeInspections(ab, b2)
	y, _ := checklist.MergeInspections(b2, ab)
	b2a, _ := checklist.MergeInspections(b2, a)
	z, _ := checklist.MergeInspections(b2a, b)
	for _, got := range []*checklist.Inspection{x, y, z} {
		if got.Answers["1.1"].Verdict != checklist.PartlyMet || len(got.Conflicting) != 1 || got.Conflicting[0].Answers["1.1"].Verdict != checklist.Met {
			t.Errorf("kept %s beside %d", got.Answers["1.1"].Verdict, len(got.Conflicting))
		}
	}
}

func TestTouchSetsAside(t *testing.T) {
	a := copyOf(checklist.Met, t1.Add(2*time.Hour), v("a", 2))
	b := copyOf(checklist.NotMet, t1.Add(time.Hour), v("a", 1, "b", 1))
	m, _ := checklist.MergeInspections(a, b)
	at := checklist.ChangeTime(m.UpdatedAt, t1) // the clock is behind
	set := m.Touch("b", at)
	if len(set) != 1 || set[0].Answers["1.1"].Verdict != checklist.NotMet || len(m.Conflicting) != 0 {
		t.Fatalf("set aside %d, %d left beside", len(set), len(m.Conflicting))
	}
	if want := v("a", 2, "b", 2); fmt.Sprint(m.Versions) != fmt.Sprint(want) {
		t.Errorf("versions %v, want %v", m.Versions, want)
	}
	if !m.UpdatedAt.Equal(t1.Add(2*time.Hour + time.Second)) {
		t.Errorf("changed at %v: before the last change", m.UpdatedAt)
	}
	// Made on top of both: it replaces them wherever it goes.
	got, mm := checklist.MergeInspections(b, m)
	if !mm.Changed || mm.Conflict || len(got.Conflicting) != 0 {
		t.Errorf("merge with the change made on top: %+v, %d beside", mm, len(got.Conflicting))
	}
}

// TestSetAside: the entry depends on the copy alone, not on the school id
// the database knows it by nor on the time zone it was read in.
func TestSetAside(t *testing.T) {
	a := copyOf(checklist.NotMet, t1, v("a", 1, "b", 1))
	b := copyOf(checklist.NotMet, t1.In(time.FixedZone("CST", 8*3600)), v("a", 1, "b", 1))
	b.SchoolID = "another-id"
	b.Answers["1.1"] = checklist.Answer{Verdict: checklist.NotMet, At: t1.Local()}
	ca, cb := checklist.SetAside(a), checklist.SetAside(b)
	if ca != cb {
		t.Errorf("two entries for one copy:\n%+v\n%+v", ca, cb)
	}
	var back checklist.Inspection
	if err := json.Unmarshal([]byte(ca.Old), &back); err != nil || back.Answers["1.1"].Verdict != checklist.NotMet || back.Versions["b"] != 1 {
		t.Errorf("the entry does not hold the copy: %v %+v", err, back)
	}
	if ca.Field != checklist.FieldMerge || !ca.At.Equal(t1) {
		t.Errorf("entry %+v", ca)
	}
}

// TestMergeProperties: random histories over four databases. Merging any
// set of their copies gives the same result in every order, one at a time
// or after merging some together first (commutative and associative);
// merging a copy again changes nothing (idempotent); and after one round
// of every database taking every other's copy, all hold the same, and a
// second round changes nothing.
func TestMergeProperties(t *testing.T) {
	for seed := range uint64(150) {
		rng := rand.New(rand.NewPCG(seed, 7))
		dbs := randomHistory(rng, 4, 12)
		want := ""
		for _, perm := range permutations(len(dbs)) {
			acc := dbs[perm[0]]
			for _, i := range perm[1:] {
				acc, _ = checklist.MergeInspections(acc, dbs[i])
			}
			if want == "" {
				want = digest(acc)
			} else if got := digest(acc); got != want {
				t.Fatalf("seed %d: order %v gives\n%s\nwant\n%s", seed, perm, got, want)
			}
			// Idempotent.
			for _, d := range dbs {
				if again, m := checklist.MergeInspections(acc, d); m.Changed || digest(again) != want {
					t.Fatalf("seed %d: merging a copy again changed the result", seed)
				}
			}
		}
		// Associative: (0 1) (2 3) = ((0 1) 2) 3.
		l, _ := checklist.MergeInspections(dbs[0], dbs[1])
		r, _ := checklist.MergeInspections(dbs[2], dbs[3])
		if lr, _ := checklist.MergeInspections(l, r); digest(lr) != want {
			t.Fatalf("seed %d: grouped merge differs", seed)
		}
		// One round of all to all.
		round := make([]*checklist.Inspection, len(dbs))
		for i := range dbs {
			round[i] = dbs[i]
			for j := range dbs {
				if i != j {
					round[i], _ = checklist.MergeInspections(round[i], dbs[j])
				}
			}
			if digest(round[i]) != want {
				t.Fatalf("seed %d: database %d after one round differs", seed, i)
			}
		}
		for i := range round {
			for j := range round {
				if _, m := checklist.MergeInspections(round[i], round[j]); m.Changed {
					t.Fatalf("seed %d: a second round changed database %d", seed, i)
				}
			}
		}
	}
}

// randomHistory makes the copies of one visit n databases end with: each
// starts from a common copy; then, steps times, a database changes its
// copy (its clock sometimes behind, sometimes in the same second as
// another's) or takes another database's copy.
func randomHistory(rng *rand.Rand, n, steps int) []*checklist.Inspection {
	first := copyOf(checklist.Met, t1, v("db0", 1))
	dbs := make([]*checklist.Inspection, n)
	for i := range dbs {
		dbs[i] = first
	}
	clock := t1
	for range steps {
		i := rng.IntN(n)
		if rng.IntN(3) == 0 {
			dbs[i], _ = checklist.MergeInspections(dbs[i], dbs[rng.IntN(n)])
			continue
		}
		switch rng.IntN(4) {
		case 0: // the same second as the last change anywhere
		case 1:
			clock = clock.Add(-time.Duration(rng.IntN(3)) * time.Hour) // set back
		default:
			clock = clock.Add(time.Duration(rng.IntN(90)) * time.Minute)
		}
		dbs[i] = edit(dbs[i], fmt.Sprintf("db%d", i), clock, checklist.Verdicts[rng.IntN(4)], rng.IntN(3))
	}
	return dbs
}

// edit changes a copy as the store does: at ChangeTime, then Touch.
func edit(in *checklist.Inspection, db string, now time.Time, verdict checklist.Verdict, item int) *checklist.Inspection {
	c := *in
	c.Answers = map[string]checklist.Answer{}
	for k, a := range in.Answers {
		c.Answers[k] = a
	}
	at := checklist.ChangeTime(c.UpdatedAt, now)
	c.Answers[fmt.Sprintf("1.%d", item+1)] = checklist.Answer{Verdict: verdict, At: at}
	c.UpdatedAt = at
	c.Touch(db, at)
	return &c
}

// digest writes a copy and the copies beside it, in order, for comparing.
func digest(in *checklist.Inspection) string {
	var b strings.Builder
	for _, c := range append([]checklist.Inspection{*in.Version()}, in.Conflicting...) {
		j, _ := json.Marshal(c.Version())
		b.Write(j)
		b.WriteByte('\n')
	}
	return b.String()
}

func permutations(n int) [][]int {
	if n == 1 {
		return [][]int{{0}}
	}
	var out [][]int
	for _, p := range permutations(n - 1) {
		for i := 0; i <= len(p); i++ {
			q := slices.Insert(slices.Clone(p), i, n-1)
			out = append(out, q)
		}
	}
	return out
}

// TestMergeSchoolsProperties: the same properties for schools, whose
// copies come from databases that added the school on their own or
// changed it.
func TestMergeSchoolsProperties(t *testing.T) {
	secretaries := []string{"张", "王", "李"}
	for seed := range uint64(300) {
		rng := rand.New(rand.NewPCG(seed, 11))
		dbs := make([]checklist.School, 4)
		clock := t1
		for i := range dbs {
			dbs[i] = schoolCopy(fmt.Sprintf("id%d", rng.IntN(3)), secretaries[rng.IntN(3)], clock, v(fmt.Sprintf("db%d", i), 1))
		}
		for range 10 {
			i := rng.IntN(len(dbs))
			if rng.IntN(3) == 0 {
				dbs[i], _ = checklist.MergeSchools(dbs[i], dbs[rng.IntN(len(dbs))])
				continue
			}
			if rng.IntN(2) == 0 {
				clock = clock.Add(time.Duration(rng.IntN(60)) * time.Minute)
			}
			at := checklist.ChangeTime(dbs[i].UpdatedAt, clock)
			dbs[i].Secretary = secretaries[rng.IntN(3)]
			dbs[i].Touch(fmt.Sprintf("db%d", i), at)
		}
		want := ""
		for _, perm := range permutations(len(dbs)) {
			acc := dbs[perm[0]]
			for _, i := range perm[1:] {
				acc, _ = checklist.MergeSchools(acc, dbs[i])
			}
			j, _ := json.Marshal(acc)
			if want == "" {
				want = string(j)
			} else if string(j) != want {
				t.Fatalf("seed %d: order %v gives %s, want %s", seed, perm, j, want)
			}
			again, _ := checklist.MergeSchools(acc, dbs[perm[0]])
			if j2, _ := json.Marshal(again); string(j2) != want {
				t.Fatalf("seed %d: merging again changed the result", seed)
			}
		}
	}
}

// decided is a copy of rectification v1/3.5's decisions: the person
// responsible named, changed at at, with the given vector.
func decided(responsible string, at time.Time, versions map[string]uint64) checklist.RectDecisions {
	return checklist.RectDecisions{ID: "v1/3.5", SchoolID: "s1", UpdatedAt: at, Versions: versions,
		Actions: checklist.RectActions{Responsible: responsible}}
}

func TestMergeRectDecisions(t *testing.T) {
	base := decided("张", t1, v("a", 1))
	onTop := decided("王", t1.Add(time.Hour), v("a", 1, "b", 1))
	early := decided("李", t1.Add(time.Hour), v("a", 2))
	late := decided("赵", t1.Add(2*time.Hour), v("a", 1, "c", 1))
	sameSecond := decided("钱", t1.Add(time.Hour), v("a", 1, "c", 1))
	agrees := decided("李", t1.Add(3*time.Hour), v("a", 1, "c", 1)) // early's decision, made elsewhere later
	derivedOnly := checklist.RectDecisions{ID: "v1/3.5", SchoolID: "s1"}
	tests := []struct {
		name       string
		a, b       checklist.RectDecisions
		want       string // the person responsible kept
		at         time.Time
		versions   map[string]uint64
		changed    bool
		conflict   bool
		fromSecond bool
		lost       string
	}{
		{"Same", base, base, "张", t1, v("a", 1), false, false, false, ""},
		{"Newer", base, onTop, "王", t1.Add(time.Hour), v("a", 1, "b", 1), true, false, true, ""},
		{"Older", onTop, base, "王", t1.Add(time.Hour), v("a", 1, "b", 1), false, false, false, ""},
		{"Concurrent", early, late, "赵", t1.Add(2 * time.Hour), v("a", 2, "c", 1), true, true, true, "李"},
		// Kept here, but the vector grows: the result is changed.
		{"ConcurrentKeptHere", late, early, "赵", t1.Add(2 * time.Hour), v("a", 2, "c", 1), true, true, false, "李"},
		// The same second: the decisions decide, whatever the order
		// (李 < 钱 as strings).
		{"ConcurrentSameSecond", early, sameSecond, "钱", t1.Add(time.Hour), v("a", 2, "c", 1), true, true, true, "李"},
		{"ConcurrentSameSecondOtherWay", sameSecond, early, "钱", t1.Add(time.Hour), v("a", 2, "c", 1), true, true, false, "李"},
		// Two databases that decided the same: no conflict, the later
		// change time.
		{"ConcurrentSameDecision", early, agrees, "李", t1.Add(3 * time.Hour), v("a", 2, "c", 1), true, false, true, ""},
		{"FirstDecisions", derivedOnly, base, "张", t1, v("a", 1), true, false, true, ""},
		{"NoDecisionsComing", base, derivedOnly, "张", t1, v("a", 1), false, false, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, m := checklist.MergeRectDecisions(tt.a, tt.b)
			if got.Actions.Responsible != tt.want || !got.UpdatedAt.Equal(tt.at) || fmt.Sprint(got.Versions) != fmt.Sprint(tt.versions) {
				t.Errorf("kept %s changed at %v, versions %v", got.Actions.Responsible, got.UpdatedAt, got.Versions)
			}
			if m.Changed != tt.changed || m.Conflict != tt.conflict || m.FromSecond != tt.fromSecond || m.Lost.Actions.Responsible != tt.lost {
				t.Errorf("%+v", m)
			}
			if got.ID != tt.a.ID || got.SchoolID != tt.a.SchoolID {
				t.Errorf("id %s, school %s", got.ID, got.SchoolID)
			}
			back, _ := checklist.MergeRectDecisions(tt.b, tt.a)
			if decisionsDigest(back) != decisionsDigest(got) {
				t.Errorf("merge(b, a) differs from merge(a, b):\n%s\n%s", decisionsDigest(back), decisionsDigest(got))
			}
			for _, c := range []checklist.RectDecisions{tt.a, tt.b, got} {
				if again, m2 := checklist.MergeRectDecisions(got, c); m2.Changed || m2.Conflict || decisionsDigest(again) != decisionsDigest(got) {
					t.Errorf("merging a copy again changed the result: %+v", m2)
				}
			}
		})
	}
}

// TestMergeRectDecisionsProperties: random histories of decisions about
// one rectification over four databases (each decision at ChangeTime, as
// the store makes it). Merging their copies gives the same decisions in
// every order, one at a time or after merging some together first;
// merging a copy again changes nothing; after one round of every database
// taking every other's copy, all hold the same, and a second round
// changes nothing. And the result is the decisions of the latest change
// any database made.
func TestMergeRectDecisionsProperties(t *testing.T) {
	for seed := range uint64(300) {
		rng := rand.New(rand.NewPCG(seed, 13))
		dbs, latest, tied := randomDecisions(rng, 4, 12)
		want := ""
		for _, perm := range permutations(len(dbs)) {
			acc := dbs[perm[0]]
			for _, i := range perm[1:] {
				acc, _ = checklist.MergeRectDecisions(acc, dbs[i])
			}
			if want == "" {
				want = decisionsDigest(acc)
				if latest != nil && !tied && (acc.Actions != latest.Actions || !acc.UpdatedAt.Equal(latest.UpdatedAt)) {
					t.Fatalf("seed %d: kept %+v at %v, the latest change is %+v at %v", seed, acc.Actions, acc.UpdatedAt, latest.Actions, latest.UpdatedAt)
				}
			} else if got := decisionsDigest(acc); got != want {
				t.Fatalf("seed %d: order %v gives\n%s\nwant\n%s", seed, perm, got, want)
			}
			for _, d := range dbs {
				if again, m := checklist.MergeRectDecisions(acc, d); m.Changed || decisionsDigest(again) != want {
					t.Fatalf("seed %d: merging a copy again changed the result", seed)
				}
			}
		}
		l, _ := checklist.MergeRectDecisions(dbs[0], dbs[1])
		r, _ := checklist.MergeRectDecisions(dbs[2], dbs[3])
		if lr, _ := checklist.MergeRectDecisions(l, r); decisionsDigest(lr) != want {
			t.Fatalf("seed %d: grouped merge differs", seed)
		}
		round := make([]checklist.RectDecisions, len(dbs))
		for i := range dbs {
			round[i] = dbs[i]
			for j := range dbs {
				if i != j {
					round[i], _ = checklist.MergeRectDecisions(round[i], dbs[j])
				}
			}
			if decisionsDigest(round[i]) != want {
				t.Fatalf("seed %d: database %d after one round differs", seed, i)
			}
		}
		for i := range round {
			for j := range round {
				if _, m := checklist.MergeRectDecisions(round[i], round[j]); m.Changed || m.Conflict {
					t.Fatalf("seed %d: a second round changed database %d", seed, i)
				}
			}
		}
	}
}

// randomDecisions makes the copies of one rectification's decisions n
// databases end with: none has decided anything at first; then, steps
// times, a database decides (a deadline, a person responsible, a report,
// a closure; its clock sometimes behind, sometimes in the same second as
// another's) or takes another database's copy. latest is the change with
// the greatest change time (nil: none was made); tied: another change
// with other decisions was made in the same second.
func randomDecisions(rng *rand.Rand, n, steps int) (dbs []checklist.RectDecisions, latest *checklist.RectDecisions, tied bool) {
	dbs = make([]checklist.RectDecisions, n)
	for i := range dbs {
		dbs[i] = checklist.RectDecisions{ID: "v1/3.5", SchoolID: fmt.Sprintf("s%d", i)}
	}
	clock := t1
	day := checklist.DateOf(t1)
	for range steps {
		i := rng.IntN(n)
		if rng.IntN(3) == 0 {
			dbs[i], _ = checklist.MergeRectDecisions(dbs[i], dbs[rng.IntN(n)])
			continue
		}
		switch rng.IntN(4) {
		case 0: // the same second as the last change anywhere
		case 1:
			clock = clock.Add(-time.Duration(rng.IntN(3)) * time.Hour) // set back
		default:
			clock = clock.Add(time.Duration(rng.IntN(90)) * time.Minute)
		}
		r := checklist.Rectification{ID: dbs[i].ID, SchoolID: dbs[i].SchoolID, FoundOn: day, DueBy: day.AddDays(30)}
		r.SetDecisions(dbs[i])
		r.Versions = maps.Clone(r.Versions)
		today := day.AddDays(60)
		switch on := day.AddDays(rng.IntN(3)); rng.IntN(4) {
		case 0:
			r.SetDeadline(on.AddDays(30))
		case 1:
			r.SetResponsible([]string{"张", "王", "李"}[rng.IntN(3)])
		case 2:
			r.Report("张校长", on, []string{"", "记录.pdf"}[rng.IntN(2)], today)
		default:
			r.Close("何丽", on, "回访核实", today)
		}
		r.Touch(fmt.Sprintf("db%d", i), checklist.ChangeTime(r.UpdatedAt, clock))
		dbs[i] = r.Decisions()
		switch d := dbs[i]; {
		case latest == nil || d.UpdatedAt.After(latest.UpdatedAt):
			latest, tied = &d, false
		case d.UpdatedAt.Equal(latest.UpdatedAt) && d.Actions != latest.Actions:
			tied = true
		}
	}
	return dbs, latest, tied
}

// decisionsDigest writes a copy of decisions for comparing (not its id or
// school, which each database may know otherwise).
func decisionsDigest(d checklist.RectDecisions) string {
	d.ID, d.SchoolID = "", ""
	d.UpdatedAt = d.UpdatedAt.UTC()
	j, _ := json.Marshal(d)
	return string(j)
}
