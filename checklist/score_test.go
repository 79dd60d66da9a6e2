package checklist_test

import (
	"testing"
	"time"

	"branchcheck/checklist"
)

// answersAll gives every scored item of std the same verdict.
func answersAll(std *checklist.Standard, v checklist.Verdict) map[string]checklist.Answer {
	out := map[string]checklist.Answer{}
	for _, it := range std.ScoredItems() {
		out[it.ID] = checklist.Answer{Verdict: v}
	}
	return out
}

// with returns a copy of answers with the given items set to v.
func with(answers map[string]checklist.Answer, v checklist.Verdict, ids ...string) map[string]checklist.Answer {
	out := make(map[string]checklist.Answer, len(answers))
	for k, a := range answers {
		out[k] = a
	}
	for _, id := range ids {
		if v == checklist.Unanswered {
			delete(out, id)
			continue
		}
		out[id] = checklist.Answer{Verdict: v}
	}
	return out
}

// small is a hand-built standard whose scores are easy to compute by hand:
// two requirements of 50 points, items of different weights, one unscored
// item and one veto item.
func small() *checklist.Standard {
	return &checklist.Standard{
		ID: "small", Title: "small",
		Stars: checklist.StarScale{
			Levels: []checklist.StarLevel{
				{Stars: 5, MinPoints: 90}, {Stars: 4, MinPoints: 80},
				{Stars: 3, MinPoints: 70}, {Stars: 2, MinPoints: 60},
			},
			LaggingAtOrBelow: 3, VetoCap: 2,
		},
		Requirements: []checklist.Requirement{
			{ID: "A", Title: "A", Points: 50, Groups: []checklist.Group{{Items: []checklist.Item{
				{ID: "a1", Text: "a1", Weight: 1, Scored: true},
				{ID: "a2", Text: "a2", Weight: 3, Scored: true},
				{ID: "a3", Text: "a3 (not given)", Weight: 1, Scored: false},
			}}}},
			{ID: "B", Title: "B", Points: 50, Groups: []checklist.Group{{Items: []checklist.Item{
				{ID: "b1", Text: "b1", Weight: 1, Scored: true},
				{ID: "b2", Text: "b2", Weight: 1, Scored: true, Veto: true},
			}}}},
		},
	}
}

func TestScoreAnswers(t *testing.T) {
	def := checklist.DefaultStandard()
	allMet := answersAll(def, checklist.Met)
	sm := small()
	smMet := answersAll(sm, checklist.Met)

	tests := []struct {
		name        string
		std         *checklist.Standard
		answers     map[string]checklist.Answer
		total       float64
		reqs        []float64 // points per requirement; -1 = not applicable
		stars       int
		lagging     bool
		provisional bool
		veto        []string
	}{
		{name: "AllMet", std: def, answers: allMet, total: 100, reqs: []float64{20, 20, 20, 20, 20}, stars: 5},
		{name: "AllPartlyMetIsHalf", std: def, answers: answersAll(def, checklist.PartlyMet), total: 50, reqs: []float64{10, 10, 10, 10, 10}, stars: 1, lagging: true},
		{name: "AllNotMet", std: def, answers: answersAll(def, checklist.NotMet), total: 0, reqs: []float64{0, 0, 0, 0, 0}, stars: 1, lagging: true},
		{
			// 一要 has three items: one partly met costs 20/3/2 = 3.33.
			name: "OnePartlyMet", std: def, answers: with(allMet, checklist.PartlyMet, "1.1"),
			total: 96.67, reqs: []float64{16.67, 20, 20, 20, 20}, stars: 5,
		},
		{
			// 十有: 10 items, 2 not met = 16 of 20.
			name: "TwoOfTenNotMet", std: def, answers: with(allMet, checklist.NotMet, "3.1", "3.10"),
			total: 96, reqs: []float64{20, 20, 16, 20, 20}, stars: 5,
		},
		{
			// Not applicable leaves the denominator: 2 of 3 items apply,
			// one met, one not = 10 of 20.
			name: "NotApplicableLeavesDenominator", std: def,
			answers: with(with(allMet, checklist.NotApplicable, "1.1"), checklist.NotMet, "1.2"),
			total:   90, reqs: []float64{10, 20, 20, 20, 20}, stars: 5,
		},
		{
			// 二要 all not applicable: left out; the other four carry 100.
			// 一要 loses one of three (13.33): (13.33+20+20+20)/80*100 = 91.66.
			name: "RequirementAllNotApplicableRescales", std: def,
			answers: with(with(allMet, checklist.NotApplicable, "2.1", "2.2", "2.3"), checklist.NotMet, "1.1"),
			total:   91.66, reqs: []float64{13.33, -1, 20, 20, 20}, stars: 5,
		},
		{
			// Unanswered items in a draft earn nothing yet and keep the
			// score provisional.
			name: "UnansweredInDraft", std: def, answers: with(allMet, checklist.Unanswered, "5.1.1", "5.1.2", "5.2.1", "5.3"),
			// 五要 has 12+8+1 = 21 items: 17/21*20 = 16.19.
			total: 96.19, reqs: []float64{20, 20, 20, 20, 16.19}, stars: 5, provisional: true,
		},
		{name: "NothingAnswered", std: def, answers: nil, total: 0, reqs: []float64{0, 0, 0, 0, 0}, stars: 1, lagging: true, provisional: true},
		{
			// 4.4 is not scored: an answer for it (which the domain refuses
			// anyway) cannot change the 六有's five items.
			name: "GapItemNeverCounts", std: def, answers: with(with(allMet, checklist.NotMet, "4.4"), checklist.NotMet, "4.1"),
			total: 96, reqs: []float64{20, 20, 20, 16, 20}, stars: 5,
		},
		{
			// Weights: a1 (1) met, a2 (3) not met = 50*1/4 = 12.5.
			name: "Weights", std: sm, answers: with(smMet, checklist.NotMet, "a2"),
			total: 62.5, reqs: []float64{12.5, 50}, stars: 2, lagging: true,
		},
		{
			// The veto item not met: 75 points would be 3 stars; capped at 2.
			name: "VetoCapsStars", std: sm, answers: with(smMet, checklist.NotMet, "b2"),
			total: 75, reqs: []float64{50, 25}, stars: 2, lagging: true, veto: []string{"b2"},
		},
		{
			// Partly met is not "not met": no cap.
			name: "VetoPartlyMetDoesNotCap", std: sm, answers: with(smMet, checklist.PartlyMet, "b2"),
			total: 87.5, reqs: []float64{50, 37.5}, stars: 4,
		},
		{
			// Requirement A all not applicable: B alone is rescaled to 100.
			name: "RescaleSmall", std: sm, answers: with(with(smMet, checklist.NotApplicable, "a1", "a2"), checklist.PartlyMet, "b1"),
			total: 75, reqs: []float64{-1, 37.5}, stars: 3, lagging: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := checklist.ScoreAnswers(tt.std, tt.answers)
			if got.Total != tt.total {
				t.Errorf("total = %v, want %v", got.Total, tt.total)
			}
			if len(got.Requirements) != len(tt.reqs) {
				t.Fatalf("%d requirement scores, want %d", len(got.Requirements), len(tt.reqs))
			}
			for i, want := range tt.reqs {
				rs := got.Requirements[i]
				if want < 0 {
					if rs.Applicable {
						t.Errorf("requirement %s applicable, want left out", rs.ID)
					}
					continue
				}
				if !rs.Applicable || rs.Points != want {
					t.Errorf("requirement %s = %v (applicable %v), want %v", rs.ID, rs.Points, rs.Applicable, want)
				}
			}
			if got.Stars != tt.stars {
				t.Errorf("stars = %d, want %d", got.Stars, tt.stars)
			}
			if got.Lagging != tt.lagging {
				t.Errorf("lagging = %v, want %v", got.Lagging, tt.lagging)
			}
			if got.Provisional != tt.provisional {
				t.Errorf("provisional = %v, want %v", got.Provisional, tt.provisional)
			}
			if len(got.VetoItems) != len(tt.veto) || (len(tt.veto) > 0 && got.VetoItems[0] != tt.veto[0]) {
				t.Errorf("veto items = %v, want %v", got.VetoItems, tt.veto)
			}
		})
	}
}

func TestScoreCounts(t *testing.T) {
	def := checklist.DefaultStandard()
	got := checklist.ScoreAnswers(def, with(answersAll(def, checklist.Met), checklist.Unanswered, "3.3"))
	if got.Scored != 42 || got.Answered != 41 {
		t.Errorf("answered/scored = %d/%d, want 41/42", got.Answered, got.Scored)
	}
	if got.Requirements[2].Answered != 9 || got.Requirements[2].Scored != 10 {
		t.Errorf("三要 answered/scored = %d/%d, want 9/10", got.Requirements[2].Answered, got.Requirements[2].Scored)
	}
	if got.Requirements[3].Scored != 5 {
		t.Errorf("六有 scores %d items, want 5 (④ is missing from the source)", got.Requirements[3].Scored)
	}
}

func TestStarsAtBounds(t *testing.T) {
	scale := checklist.DefaultStandard().Stars
	tests := []struct {
		points float64
		stars  int
	}{
		{100, 5}, {90, 5}, {89.99, 4}, {80, 4}, {79.99, 3}, {70, 3}, {69.99, 2},
		{60, 2}, {59.99, 1}, {0, 1},
	}
	for _, tt := range tests {
		if got := scale.StarsFor(tt.points); got != tt.stars {
			t.Errorf("StarsFor(%v) = %d, want %d", tt.points, got, tt.stars)
		}
	}
}

func TestLaggingBound(t *testing.T) {
	tests := []struct {
		name  string
		bound int
		stars int
		want  bool
	}{
		{"ThreeStarsIsLaggingByDefault", 3, 3, true},
		{"FourStarsIsNot", 3, 4, false},
		{"OneStarIs", 3, 1, true},
		{"BoundTwoLetsThreeStarsPass", 2, 3, false},
		{"BoundTwoCatchesTwo", 2, 2, true},
		{"BoundFourCatchesFour", 4, 4, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			scale := checklist.DefaultStandard().Stars
			scale.LaggingAtOrBelow = tt.bound
			if got := scale.IsLagging(tt.stars); got != tt.want {
				t.Errorf("IsLagging(%d) with bound %d = %v, want %v", tt.stars, tt.bound, got, tt.want)
			}
		})
	}
}

// TestScoreAtExactBound: 5 requirements, a total of exactly 90 must give 5
// stars even though it is summed from fractions.
func TestScoreAtExactBound(t *testing.T) {
	def := checklist.DefaultStandard()
	// 十有 half not met: 10 of 20, total 90.
	answers := with(answersAll(def, checklist.Met), checklist.NotMet, "3.1", "3.2", "3.3", "3.4", "3.5")
	got := checklist.ScoreAnswers(def, answers)
	if got.Total != 90 || got.Stars != 5 {
		t.Errorf("total %v stars %d, want 90 and 5", got.Total, got.Stars)
	}
	// One more partly met in 十有: 9 of 20, total 89: 4 stars.
	got = checklist.ScoreAnswers(def, with(answers, checklist.PartlyMet, "3.6"))
	if got.Total != 89 || got.Stars != 4 {
		t.Errorf("total %v stars %d, want 89 and 4", got.Total, got.Stars)
	}
}

func TestScoreInspectionProvisional(t *testing.T) {
	def := checklist.DefaultStandard()
	in := &checklist.Inspection{ID: "v", StandardID: def.ID, Status: checklist.Draft, Answers: answersAll(def, checklist.Met)}
	if s := checklist.ScoreInspection(def, in); !s.Provisional || s.Total != 100 {
		t.Errorf("complete draft: provisional %v total %v, want provisional 100", s.Provisional, s.Total)
	}
	in.Status = checklist.Finalized
	in.FinalizedAt = time.Now()
	if s := checklist.ScoreInspection(def, in); s.Provisional {
		t.Error("finalized complete visit is provisional")
	}
}

func TestFormatPoints(t *testing.T) {
	for in, want := range map[float64]string{100: "100", 87.5: "87.5", 93.333333: "93.33", 0: "0", 16.666: "16.67"} {
		if got := checklist.FormatPoints(in); got != want {
			t.Errorf("FormatPoints(%v) = %q, want %q", in, got, want)
		}
	}
}

func TestFormatPointsFixed(t *testing.T) {
	for in, want := range map[float64]string{100: "100.00", 87.5: "87.50", 93.333333: "93.33", 0: "0.00", 16.666: "16.67", 47: "47.00", -0.001: "0.00", -1.5: "-1.50"} {
		if got := checklist.FormatPointsFixed(in); got != want {
			t.Errorf("FormatPointsFixed(%v) = %q, want %q", in, got, want)
		}
	}
}
