package checklist

import (
	"math"
	"strconv"
)

// ScoringVersion names the scoring rules below (ScoreAnswers and the
// functions sharing scoreBy). A store that keeps scores it made keeps
// this beside them and makes them again under another. Raise it with any
// change to how a score, its stars or its parts come out:
// TestScoringVersion fails until it is raised.
const ScoringVersion = 1

// Score is what an inspection earns under its standard.
type Score struct {
	// Requirements are the per-要 results in the standard's order.
	Requirements []RequirementScore `json:"requirements"`
	// Total is out of 100, rounded to hundredths, after leaving out the
	// requirements with no applicable item and rescaling; then the bonus
	// added, capped at the standard's MaxTotalPoints.
	Total float64 `json:"total"`
	// Base is the total before the bonus: Total when the standard has no
	// bonus section.
	Base float64 `json:"base,omitempty"`
	// Bonus is what the bonus items add to Total, after their caps and the
	// standard's maximum.
	Bonus float64 `json:"bonus,omitempty"`
	// Stars on the standard's scale, after any veto cap.
	Stars int `json:"stars"`
	// Lagging: a 落后党支部, with the one-vote veto.
	Lagging bool `json:"lagging"`
	// VetoItems are the veto items not met; if any, Stars is capped.
	VetoItems []string `json:"veto_items,omitempty"`
	// Situations are the veto situations (一票否决情形) recorded for the
	// school that year and applied by ApplyVetoes: each caps Stars, or
	// disqualifies the branch.
	Situations []string `json:"veto_situations,omitempty"`
	// Disqualified: a veto situation took the branch out of the year's
	// rating (0 stars, lagging).
	Disqualified bool `json:"disqualified,omitempty"`
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
	// hundredths. For a bonus section, Points is what its items add
	// (capped at Max) and counts in the total outside the 100.
	Points float64 `json:"points"`
	Max    float64 `json:"max"`
	// Bonus: a bonus section (加分项).
	Bonus bool `json:"bonus,omitempty"`
	// Applicable is false when every scored item is not applicable: the
	// requirement is then left out of the total.
	Applicable bool `json:"applicable"`
	Answered   int  `json:"answered"`
	Scored     int  `json:"scored"`
}

// ItemScore is one scored item's result, for the gaps between a
// self-assessment and an inspection and for the sheets that show points
// per item.
type ItemScore struct {
	ID          string `json:"id"`
	Requirement string `json:"requirement"`
	// Verdict and Value are what was entered.
	Verdict Verdict `json:"verdict,omitempty"`
	Value   float64 `json:"value,omitempty"`
	// Points earned out of Max, rounded to hundredths: the item's share of
	// its requirement's points (before any rescaling of the total); a
	// bonus item's bonus out of its cap.
	Points float64 `json:"points"`
	Max    float64 `json:"max"`
	// Applicable is false for an item answered 不适用.
	Applicable bool `json:"applicable"`
	// Bonus: a bonus item, counted outside the 100.
	Bonus bool `json:"bonus,omitempty"`
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

// ScoreAnswers scores a set of answers by item id under a standard: their
// verdicts, and the values entered for deduction and bonus items.
func ScoreAnswers(std *Standard, answers map[string]Answer) Score {
	return scoreBy(std, answersEntry(answers), nil)
}

// ItemScores scores a set of answers as ScoreAnswers does and gives each
// scored item's result, in display order.
func ItemScores(std *Standard, answers map[string]Answer) []ItemScore {
	items := make([]ItemScore, 0, len(std.ScoredItems()))
	scoreBy(std, answersEntry(answers), &items)
	return items
}

func answersEntry(answers map[string]Answer) entryFunc {
	return func(_ int, it *Item) (Verdict, float64) {
		a := answers[it.ID]
		return a.Verdict, a.Value
	}
}

// ScoreVerdicts scores verdicts given in the order of std.ScoredItems():
// verdicts[i] is the verdict for the i-th scored item (past the end:
// unanswered). It scores as ScoreAnswers does, without a map, for a
// standard whose items take no values (std.TakesValues() false); for one
// whose items do, use ScoreVerdictsAndValues.
func ScoreVerdicts(std *Standard, verdicts []Verdict) Score {
	return ScoreVerdictsAndValues(std, verdicts, nil)
}

// ScoreVerdictsAndValues scores verdicts and values given in the order of
// std.ScoredItems(): verdicts[i] is the verdict for the i-th scored item,
// values[i] the number entered for it if it is a deduction or bonus item
// (past the end of either: unanswered, 0). It scores as ScoreAnswers
// does, without a map: the one rule behind both.
func ScoreVerdictsAndValues(std *Standard, verdicts []Verdict, values []float64) Score {
	return scoreBy(std, func(i int, _ *Item) (Verdict, float64) {
		v, x := Unanswered, 0.0
		if i < len(verdicts) {
			v = verdicts[i]
		}
		if i < len(values) {
			x = values[i]
		}
		return v, x
	}, nil)
}

// entryFunc gives the verdict and value entered for a scored item (i
// counts the scored items in display order).
type entryFunc func(i int, it *Item) (Verdict, float64)

// scoreBy scores under std what entryOf gives for each scored item: the
// one rule behind ScoreAnswers, ScoreVerdictsAndValues and the
// self-assessment's score. With items, it also appends each scored item's
// result there.
func scoreBy(std *Standard, entryOf entryFunc, items *[]ItemScore) Score {
	var (
		sc                   = Score{Requirements: make([]RequirementScore, 0, len(std.Requirements))}
		earned, outOf, bonus float64
	)
	scored := 0
	for ri := range std.Requirements {
		r := &std.Requirements[ri]
		rs := RequirementScore{ID: r.ID, Max: r.Points, Bonus: r.Bonus}
		var got, weights float64
		first := 0
		if items != nil {
			first = len(*items)
		}
		for gi := range r.Groups {
			for ii := range r.Groups[gi].Items {
				it := &r.Groups[gi].Items[ii]
				if !it.Scored {
					continue
				}
				rs.Scored++
				v, value := entryOf(scored, it)
				scored++
				if v != Unanswered {
					rs.Answered++
				}
				if it.Veto && v == NotMet {
					sc.VetoItems = append(sc.VetoItems, it.ID)
				}
				share, earns, counts := it.earns(v, value)
				if items != nil {
					// Points and Max hold the raw figures until the
					// requirement's shares are known, below.
					*items = append(*items, ItemScore{ID: it.ID, Requirement: r.ID, Verdict: v, Value: value,
						Points: earns, Max: share, Applicable: counts, Bonus: r.Bonus})
				}
				if !counts {
					continue
				}
				weights += share
				got += earns
			}
		}
		switch {
		case r.Bonus:
			rs.Applicable = weights > 0
			rs.Points = round2(min(got, r.Points))
			bonus += rs.Points
		case weights > 0:
			rs.Applicable = true
			rs.Points = round2(r.Points * got / weights)
			earned += rs.Points
			outOf += r.Points
		}
		if items != nil {
			for j := first; j < len(*items); j++ {
				is := &(*items)[j]
				switch {
				case r.Bonus:
					is.Points, is.Max = round2(is.Points), round2(is.Max)
				case weights > 0:
					is.Points, is.Max = round2(r.Points*is.Points/weights), round2(r.Points*is.Max/weights)
				default:
					is.Points, is.Max = 0, 0
				}
				if !is.Applicable {
					is.Points, is.Max = 0, 0
				}
			}
		}
		sc.Answered += rs.Answered
		sc.Scored += rs.Scored
		sc.Requirements = append(sc.Requirements, rs)
	}
	if outOf > 0 {
		sc.Total = round2(earned / outOf * 100)
	}
	sc.Base = sc.Total
	if bonus > 0 {
		sc.Total = min(round2(sc.Base+bonus), std.MaxTotalPoints())
		sc.Bonus = round2(sc.Total - sc.Base)
	}
	sc.Stars = std.Stars.StarsFor(sc.Total)
	if len(sc.VetoItems) > 0 && sc.Stars > std.Stars.VetoCap {
		sc.Stars = std.Stars.VetoCap
	}
	sc.Lagging = std.Stars.IsLagging(sc.Stars)
	sc.Provisional = sc.Answered < sc.Scored
	return sc
}

// earns is what the item counts for in its requirement with the verdict
// and value entered: its share (weight, or points, or a bonus item's
// cap), what it earns of it, and whether it counts at all (不适用 does
// not). A deduction item keeps what is left of its points (不符合: 不得分,
// none); a bonus item earns its bonus.
func (it *Item) earns(v Verdict, value float64) (share, earned float64, counts bool) {
	if it.TakesValue() {
		share = it.MaxPoints()
		switch v {
		case NotApplicable:
			return share, 0, false
		case Unanswered, NotMet:
			return share, 0, true
		}
		return share, it.ValuePoints(value), true
	}
	w := it.Weight
	if it.Points > 0 {
		w = it.Points
	}
	credit, counts := v.Credit()
	return w, w * credit, counts
}

// round2 rounds to hundredths, the precision scores are shown and compared
// at, so that a total shown as 90 is 90 for the star scale too.
func round2(x float64) float64 {
	return math.Round(x*100) / 100
}

// FormatPoints writes points the way a sentence says them: at most two
// decimals, no trailing zeros ("100", "87.5", "93.33"). A column of
// points uses FormatPointsFixed.
func FormatPoints(p float64) string {
	return strconv.FormatFloat(round2(p)+0, 'f', -1, 64)
}

// FormatPointsFixed writes points the way a column of them shows them,
// on screen and on paper: always two decimals, so that the decimal
// points line up ("100.00", "87.50", "93.33", "0.00", never "-0.00").
func FormatPointsFixed(p float64) string {
	return strconv.FormatFloat(round2(p)+0, 'f', 2, 64)
}
