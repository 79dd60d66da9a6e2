package checklist_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"branchcheck/checklist"
)

// TestScoreVerdictsScoresAsScoreAnswers: verdicts by position score as the
// same answers by id, whatever is answered.
func TestScoreVerdictsScoresAsScoreAnswers(t *testing.T) {
	std := checklist.DefaultStandard()
	veto := checklist.DefaultStandard()
	veto.ID = "veto"
	veto.Requirements[0].Groups[0].Items[0].Veto = true
	for _, st := range []*checklist.Standard{std, veto} {
		items := st.ScoredItems()
		for seed := range 40 {
			answers := map[string]checklist.Answer{}
			verdicts := make([]checklist.Verdict, len(items))
			for i, it := range items {
				if (i+seed)%6 == 5 {
					continue // unanswered
				}
				v := checklist.Verdicts[(i*seed+i)%len(checklist.Verdicts)]
				answers[it.ID] = checklist.Answer{Verdict: v}
				verdicts[i] = v
			}
			want := checklist.ScoreAnswers(st, answers)
			if got := checklist.ScoreVerdicts(st, verdicts); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s seed %d: %+v, want %+v", st.ID, seed, got, want)
			}
			// Past the end is unanswered.
			if got := checklist.ScoreVerdicts(st, verdicts[:10]); got.Answered > 10 || !got.Provisional {
				t.Errorf("short list: %+v", got)
			}
		}
	}
}

func TestSchoolVisitsToFix(t *testing.T) {
	std := checklist.DefaultStandard()
	items := std.ScoredItems()
	mk := func(id, date string, status checklist.Status, notMet ...string) checklist.ScoredVisit {
		in := &checklist.Inspection{ID: id, Status: status, Date: mustDate(date), Answers: map[string]checklist.Answer{}}
		for _, it := range items {
			in.Answers[it.ID] = checklist.Answer{Verdict: checklist.Met}
		}
		for _, id := range notMet {
			in.Answers[id] = checklist.Answer{Verdict: checklist.NotMet, Note: "缺" + id}
		}
		in.Answers["3.3"] = checklist.Answer{Verdict: checklist.PartlyMet}
		return checklist.ScoredVisit{Visit: in, Standard: std}
	}
	sv := &checklist.SchoolVisits{Visits: []checklist.ScoredVisit{
		mk("c", "2026-10-01", checklist.Draft, "1.1"),
		mk("b", "2026-05-01", checklist.Finalized, "5.3", "1.2"),
		mk("a", "2025-05-01", checklist.Finalized, "2.1"),
	}}
	if last := sv.LastFinalized(); last == nil || last.Visit.ID != "b" {
		t.Fatalf("last finalized %+v", last)
	}
	var got []string
	for _, f := range sv.ToFix() {
		got = append(got, f.Item.ID+":"+string(f.Answer.Verdict))
	}
	if want := []string{"1.2:not_met", "3.3:partly_met", "5.3:not_met"}; !slices.Equal(got, want) {
		t.Errorf("to fix %v, want %v (display order)", got, want)
	}
	none := &checklist.SchoolVisits{Visits: sv.Visits[:1]}
	if none.LastFinalized() != nil || none.ToFix() != nil {
		t.Error("a school with only a draft has something to fix")
	}
}

func TestLaterVisit(t *testing.T) {
	at := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	v := func(id, date string, fin time.Time) *checklist.Inspection {
		return &checklist.Inspection{ID: id, Date: mustDate(date), FinalizedAt: fin, Status: checklist.Finalized}
	}
	tests := []struct {
		a, b *checklist.Inspection
		want bool
	}{
		{v("a", "2026-05-02", at), v("b", "2026-05-01", at.Add(time.Hour)), true},
		{v("a", "2026-05-01", at.Add(time.Hour)), v("b", "2026-05-01", at), true},
		{v("b", "2026-05-01", at), v("a", "2026-05-01", at), true},
		{v("a", "2026-05-01", at), v("b", "2026-05-01", at), false},
		{v("a", "2026-04-01", at), nil, true},
	}
	for i, tt := range tests {
		if got := checklist.LaterVisit(tt.a, tt.b); got != tt.want {
			t.Errorf("%d: %v, want %v", i, got, tt.want)
		}
	}
}

func TestSortSchoolOverviews(t *testing.T) {
	schools := []checklist.School{
		{ID: "1", Name: "城关小学", Township: "城关镇"}, {ID: "2", Name: "东河中学", Township: "东河乡"},
		{ID: "3", Name: "安乐小学", Township: "城关镇"}, {ID: "4", Name: "北山小学"},
		{ID: "5", Name: "安乐小学", Township: "城关镇"}, {ID: "6", Name: "Zeta", Township: "东河乡"},
	}
	var list []checklist.SchoolOverview
	for i := len(schools) - 1; i >= 0; i-- {
		list = append(list, checklist.SchoolOverview{School: schools[i], DraftID: "d" + schools[i].ID})
	}
	checklist.SortSchoolOverviews(list)
	checklist.SortSchools(schools)
	for i := range schools {
		if list[i].School.ID != schools[i].ID || list[i].DraftID != "d"+schools[i].ID {
			t.Errorf("%d: %s, SortSchools has %s", i, list[i].School.ID, schools[i].ID)
		}
	}
	if schools[0].Township != "" || schools[1].Name != "安乐小学" || schools[1].ID != "3" {
		t.Errorf("order %v", schools)
	}
	o := list[0]
	if !o.HasDraft() || o.Rated() {
		t.Errorf("%+v", o)
	}
	o.Rating = &checklist.RatedVisit{Standard: checklist.DefaultStandard()}
	if !o.Rated() || o.Rating.MaxStars() != 5 {
		t.Errorf("rated %+v", o.Rating)
	}
}

func mustDate(s string) checklist.Date {
	d, err := checklist.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}
