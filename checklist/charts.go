package checklist

import "slices"

// The data the charts draw, and nothing of the drawing: block characters
// in the terminal, SVG in HTML and native charts in the workbook all draw
// these.

// StarDistribution is how a year's rated schools spread over the star
// levels, by township and in all.
type StarDistribution struct {
	// MaxStars is the top of the scales the year's ratings were made
	// under: every Counts slice has MaxStars+1 entries.
	MaxStars int `json:"max_stars"`
	// Townships in the ratings' order (pinyin), each once.
	Townships []TownshipStars `json:"townships"`
	// All is the whole year's.
	All TownshipStars `json:"all"`
}

// TownshipStars counts one township's schools by stars.
type TownshipStars struct {
	Township string `json:"township"`
	// Counts[n] is how many schools are rated n stars; Counts[0] those
	// disqualified by a veto situation.
	Counts []int `json:"counts"`
	// Rated, NotRated and Lagging count the township's schools.
	Rated    int `json:"rated"`
	NotRated int `json:"not_rated"`
	Lagging  int `json:"lagging"`
}

// StarDistribution counts the year's schools by township and stars.
func (y *YearRating) StarDistribution() StarDistribution {
	top := 0
	for _, std := range y.Standards {
		top = max(top, std.Stars.MaxStars())
	}
	d := StarDistribution{MaxStars: top, All: TownshipStars{Counts: make([]int, top+1)}}
	index := map[string]int{}
	for i := range y.Ratings {
		r := &y.Ratings[i]
		t, ok := index[r.School.Township]
		if !ok {
			t = len(d.Townships)
			index[r.School.Township] = t
			d.Townships = append(d.Townships, TownshipStars{Township: r.School.Township, Counts: make([]int, top+1)})
		}
		for _, ts := range []*TownshipStars{&d.Townships[t], &d.All} {
			if !r.Rated() {
				ts.NotRated++
				continue
			}
			ts.Rated++
			ts.Counts[min(max(r.Score.Stars, 0), top)]++
			if r.Score.Lagging {
				ts.Lagging++
			}
		}
	}
	return d
}

// ScorePoint is one visit on a school's chart of scores.
type ScorePoint struct {
	VisitID string  `json:"visit_id"`
	Date    Date    `json:"date"`
	Total   float64 `json:"total"`
	Stars   int     `json:"stars"`
	// MaxStars is the top of the visit's standard's scale.
	MaxStars int `json:"max_stars"`
	// Provisional: a draft, drawn apart if at all.
	Provisional bool `json:"provisional,omitempty"`
}

// ScoreSeries is a school's score across its visits, oldest first: its
// finalized visits, and its drafts too with drafts true (provisional).
// visits are as SchoolVisits holds them, in any order; on the same day
// the visits are ordered as the rating orders them (LaterVisit).
func ScoreSeries(visits []ScoredVisit, drafts bool) []ScorePoint {
	vs := make([]*ScoredVisit, 0, len(visits))
	for i := range visits {
		if drafts || visits[i].Visit.Status == Finalized {
			vs = append(vs, &visits[i])
		}
	}
	slices.SortStableFunc(vs, func(a, b *ScoredVisit) int {
		switch {
		case laterVisit(b.Visit, a.Visit):
			return -1
		case laterVisit(a.Visit, b.Visit):
			return 1
		}
		return 0
	})
	out := make([]ScorePoint, 0, len(vs))
	for _, v := range vs {
		out = append(out, ScorePoint{
			VisitID: v.Visit.ID, Date: v.Visit.Date, Total: v.Score.Total, Stars: v.Score.Stars,
			MaxStars: v.Standard.Stars.MaxStars(), Provisional: v.Score.Provisional || v.Visit.Status != Finalized,
		})
	}
	return out
}
