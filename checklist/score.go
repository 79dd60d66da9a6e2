package checklist

import (
	"math"
	"strconv"
)

// Score is what an inspection earns under its standard.
type Score struct {
	// Requirements are the per-要 results in the standard's order.
	Requirements []RequirementScore `json:"requirements"`
	// Total is out of 100, rounded to hundredths, after leaving out the
	// requirements with no applicable item and rescaling.
	Total float64 `json:"total"`
	// Stars on the standard's scale, after any veto cap.
	Stars int `json:"stars"`
	// Lagging: a 落后党支部, with the one-vote veto.
	Lagging bool `json:"lagging"`
	// VetoItems are the veto items not met; if any, Stars is capped.
	VetoItems []string `json:"veto_items,omitempty"`
	// Provisional: a draft, or items still unanswered.
	Provisional bool `json:"provisional"`
	// Answered and Scored count the scored items answered and in all.
	Answered int `json:"answered"`
	Scored   int `json:"scored"`
}

// RequirementScore is one 要's result.
type RequirementScore struct {
	ID string `json:"id"`
	// Points earned out of Max (the requirement's points), rounded to
	// hundredths.
	Points float64 `json:"points"`
	Max    float64 `json:"max"`
	// Applicable is false when every scored item is not applicable: the
	// requirement is then left out of the total.
	Applicable bool `json:"applicable"`
	Answered   int  `json:"answered"`
	Scored     int  `json:"scored"`
}

// Capped reports whether a veto item capped the stars.
func (s Score) Capped() bool { return len(s.VetoItems) > 0 }

// ScoreInspection scores an inspection under the standard it was made
// under. A draft's score is provisional; its unanswered items earn nothing
// yet, so the score is what the school has secured so far.
func ScoreInspection(std *Standard, in *Inspection) Score {
	s := ScoreAnswers(std, in.Answers)
	if in.Status != Finalized {
		s.Provisional = true
	}
	return s
}

// ScoreAnswers scores a set of answers by item id under a standard.
func ScoreAnswers(std *Standard, answers map[string]Answer) Score {
	return scoreBy(std, func(_ int, it *Item) Verdict { return answers[it.ID].Verdict })
}

// ScoreVerdicts scores verdicts given in the order of std.ScoredItems():
// verdicts[i] is the verdict for the i-th scored item (past the end:
// unanswered). It scores as ScoreAnswers does, without a map.
func ScoreVerdicts(std *Standard, verdicts []Verdict) Score {
	return scoreBy(std, func(i int, _ *Item) Verdict {
		if i < len(verdicts) {
			return verdicts[i]
		}
		return Unanswered
	})
}

// scoreBy scores under std the verdicts verdictOf gives for each scored
// item (i counts the scored items in display order): the one rule behind
// ScoreAnswers and ScoreVerdicts.
func scoreBy(std *Standard, verdictOf func(i int, it *Item) Verdict) Score {
	var (
		sc            = Score{Requirements: make([]RequirementScore, 0, len(std.Requirements))}
		earned, outOf float64
	)
	scored := 0
	for ri := range std.Requirements {
		r := &std.Requirements[ri]
		rs := RequirementScore{ID: r.ID, Max: r.Points}
		var got, weights float64
		for gi := range r.Groups {
			for ii := range r.Groups[gi].Items {
				it := &r.Groups[gi].Items[ii]
				if !it.Scored {
					continue
				}
				rs.Scored++
				v := verdictOf(scored, it)
				scored++
				if v != Unanswered {
					rs.Answered++
				}
				if it.Veto && v == NotMet {
					sc.VetoItems = append(sc.VetoItems, it.ID)
				}
				credit, counts := v.Credit()
				if !counts {
					continue
				}
				weights += it.Weight
				got += it.Weight * credit
			}
		}
		if weights > 0 {
			rs.Applicable = true
			rs.Points = round2(r.Points * got / weights)
			earned += rs.Points
			outOf += r.Points
		}
		sc.Answered += rs.Answered
		sc.Scored += rs.Scored
		sc.Requirements = append(sc.Requirements, rs)
	}
	if outOf > 0 {
		sc.Total = round2(earned / outOf * 100)
	}
	sc.Stars = std.Stars.StarsFor(sc.Total)
	if len(sc.VetoItems) > 0 && sc.Stars > std.Stars.VetoCap {
		sc.Stars = std.Stars.VetoCap
	}
	sc.Lagging = std.Stars.IsLagging(sc.Stars)
	sc.Provisional = sc.Answered < sc.Scored
	return sc
}

// round2 rounds to hundredths, the precision scores are shown and compared
// at, so that a total shown as 90 is 90 for the star scale too.
func round2(x float64) float64 {
	return math.Round(x*100) / 100
}

// FormatPoints writes points the way the tables show them: at most two
// decimals, no trailing zeros ("100", "87.5", "93.33").
func FormatPoints(p float64) string {
	return strconv.FormatFloat(round2(p), 'f', -1, 64)
}
