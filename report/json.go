package report

import (
	"encoding/json"
	"io"
	"time"

	"branchcheck/checklist"
	"branchcheck/i18n"
)

// JSONFormatVersion is the version of the JSON form written by
// WriteRatings. It changes only when a field is renamed, removed or
// changes meaning; new fields may appear without it changing.
const JSONFormatVersion = 1

// JSONRatings is the JSON form of a year's star ratings: stable
// snake_case field names, language-neutral values (Meta.Lang does not
// change it), numbers as numbers.
type JSONRatings struct {
	Format      int       `json:"format"` // JSONFormatVersion
	Year        int       `json:"year"`
	GeneratedAt time.Time `json:"generated_at"` // RFC 3339
	Database    string    `json:"database"`
	// Bureau is the bureau that sends the table (填报单位), "" if not set.
	Bureau string `json:"bureau"`
	// LastYear is the year PreviousStars come from, 0 when the year
	// before was not compared.
	LastYear int `json:"last_year,omitempty"`
	// Township is the township filter applied, "" for all townships.
	Township  string         `json:"township"`
	Standards []JSONStandard `json:"standards"` // empty when no school is rated
	Counts    JSONCounts     `json:"counts"`
	Rows      []JSONRow      `json:"rows"`
	// Rectifications count the year's rectifications of the schools
	// listed (those found that year, and those found before and still
	// open) on RectificationsOn; absent when not counted.
	Rectifications   *JSONRectCounts `json:"rectifications,omitempty"`
	RectificationsOn string          `json:"rectifications_on,omitempty"`
	// Stage is where the year stands (Meta.YearEnd); absent when not
	// stated.
	Stage *checklist.YearStage `json:"stage,omitempty"`
	// ChangedAfterConfirm lists the schools (ids) whose rating changed
	// after the year was confirmed; absent when none.
	ChangedAfterConfirm []string `json:"changed_after_confirm,omitempty"`
	// QuotaWarnings are the standards' quotas exceeded (warned about,
	// never applied); absent when none.
	QuotaWarnings []checklist.QuotaWarning `json:"quota_warnings,omitempty"`
}

// JSONStandard is a standard the year's ratings were made under, with the
// rules it applied.
type JSONStandard struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	TitleEN string `json:"title_en,omitempty"`
	// Levels are the star levels from the highest down, each with the
	// least points it needs; below the last a branch gets MinStars.
	Levels   []checklist.StarLevel `json:"levels"`
	MinStars int                   `json:"min_stars"`
	// LaggingAtOrBelow: a branch with this many stars or fewer is a
	// 落后党支部.
	LaggingAtOrBelow int `json:"lagging_at_or_below"`
	// LaggingVeto states, in Chinese and English, the one-vote veto a
	// lagging branch carries: in the bureau's other comprehensive
	// evaluations, not a veto item of this standard.
	LaggingVeto   string `json:"lagging_veto"`
	LaggingVetoEN string `json:"lagging_veto_en"`
	// VetoCap is the most stars a branch gets with one of this standard's
	// own veto items not met; it applies only when VetoItems is not empty.
	VetoCap   int      `json:"veto_cap"`
	VetoItems []string `json:"veto_items"`
	// SoftwareDefaults is true for a standard shipped with the program:
	// its star levels, 20 points per 要, equal weights and half credit for
	// 部分符合 are the program's defaults, not the speech's or a bureau's.
	// DefaultsNote says so in Chinese and English for a reader.
	SoftwareDefaults bool   `json:"software_defaults"`
	DefaultsNote     string `json:"defaults_note,omitempty"`
	DefaultsNoteEN   string `json:"defaults_note_en,omitempty"`
}

// JSONCounts counts the year's schools.
type JSONCounts struct {
	Schools  int             `json:"schools"`
	Rated    int             `json:"rated"`
	NotRated int             `json:"not_rated"`
	Lagging  int             `json:"lagging"`
	ByStars  []JSONStarCount `json:"by_stars"` // from the most stars down
}

// JSONStarCount is how many rated schools have a number of stars.
type JSONStarCount struct {
	Stars int `json:"stars"`
	Count int `json:"count"`
}

// JSONRow is one school's rating. For a school not rated (未评定) Visit,
// Total and Stars are null and Requirements is empty.
type JSONRow struct {
	No     int        `json:"no"` // 1-based position in the table
	School JSONSchool `json:"school"`
	Rated  bool       `json:"rated"`
	Visit  *JSONVisit `json:"visit"`
	// Requirements are the per-要 points in the standard's order.
	Requirements []JSONPoints `json:"requirements"`
	Total        *float64     `json:"total"` // out of 100
	Stars        *int         `json:"stars"` // after any veto cap
	MaxStars     *int         `json:"max_stars"`
	// PreviousStars are the school's stars in LastYear, null if it was
	// not rated then (or the year before was not compared); StarsChange
	// is Stars minus PreviousStars, null unless both are known.
	PreviousStars *int `json:"previous_stars"`
	StarsChange   *int `json:"stars_change"`
	// Lagging: a 落后党支部, which carries the one-vote veto in the
	// bureau's other evaluations (see JSONStandard.LaggingVeto).
	Lagging bool `json:"lagging"`
	// VetoItems are the veto items not met; if any, Stars is capped.
	VetoItems []string `json:"veto_items"`
	// OpenRectifications counts the school's rectifications not closed
	// (see JSONRatings.Rectifications); absent when not counted.
	OpenRectifications *int `json:"open_rectifications,omitempty"`
	// Base and Bonus split Total when the standard has bonus items: the
	// points out of 100, and what the bonus adds; absent otherwise.
	Base  *float64 `json:"base,omitempty"`
	Bonus *float64 `json:"bonus,omitempty"`
	// Vetoes are the veto situations recorded for the school that year
	// and applying; Disqualified, one took it out of the year's rating.
	Vetoes       []checklist.VetoRecord `json:"vetoes,omitempty"`
	Disqualified bool                   `json:"disqualified,omitempty"`
	// Self compares the school's self-assessment with the rated visit
	// (自评分, 考评分, the gap); absent without one.
	Self *checklist.SelfComparison `json:"self,omitempty"`
}

// JSONSchool is a school as the ratings name it.
type JSONSchool struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Township  string `json:"township"`
	Kind      string `json:"kind"`
	Secretary string `json:"secretary"`
}

// JSONVisit is the finalized visit a rating comes from.
type JSONVisit struct {
	ID         string `json:"id"`
	Date       string `json:"date"` // 2006-01-02
	Inspector  string `json:"inspector"`
	StandardID string `json:"standard_id"`
}

// JSONPoints is one requirement's points. Points is null when the
// requirement had no applicable item and was left out of the total.
type JSONPoints struct {
	Requirement string   `json:"requirement"` // the requirement's id
	Points      *float64 `json:"points"`
	Max         float64  `json:"max"`
}

// ratingsJSON builds the JSON form of a year's ratings.
func ratingsJSON(yr *checklist.YearRating, m Meta) JSONRatings {
	out := JSONRatings{
		Format: JSONFormatVersion, Year: yr.Year, GeneratedAt: m.GeneratedAt,
		Database: m.Database, Bureau: m.Bureau, Township: m.Township,
		Standards: make([]JSONStandard, 0, len(yr.Standards)),
		Rows:      make([]JSONRow, 0, len(yr.Ratings)),
	}
	for _, std := range yr.Standards {
		out.Standards = append(out.Standards, JSONStandard{
			ID: std.ID, Title: std.Title, TitleEN: std.TitleEN,
			Levels: append([]checklist.StarLevel{}, std.Stars.Levels...), MinStars: std.Stars.MinStars(),
			LaggingAtOrBelow: std.Stars.LaggingAtOrBelow,
			LaggingVeto:      i18n.Chinese.LaggingVeto(), LaggingVetoEN: i18n.English.LaggingVeto(),
			VetoCap: std.Stars.VetoCap, VetoItems: nonNil(std.VetoItems()),
			SoftwareDefaults: std.Shipped(),
			DefaultsNote:     i18n.Chinese.DefaultsNote(std), DefaultsNoteEN: i18n.English.DefaultsNote(std),
		})
	}
	var moves []checklist.Movement
	if m.LastYear != nil {
		out.LastYear = m.LastYear.Year
		moves = yr.Movements(m.LastYear)
	}
	rated, unrated, lagging := yr.Counts()
	out.Counts = JSONCounts{Schools: len(yr.Ratings), Rated: rated, NotRated: unrated, Lagging: lagging, ByStars: []JSONStarCount{}}
	if hi, lo, ok := starRange(yr.Standards); ok {
		by := yr.StarCounts()
		for s := hi; s >= lo; s-- {
			out.Counts.ByStars = append(out.Counts.ByStars, JSONStarCount{s, by[s]})
		}
	}
	var open map[string]checklist.RectCounts
	if lg := m.Rectifications; lg != nil {
		open = lg.CountsBySchool()
		var c checklist.RectCounts
		for i := range yr.Ratings {
			sc := open[yr.Ratings[i].School.ID]
			c.Open, c.Overdue, c.Reported, c.Closed = c.Open+sc.Open, c.Overdue+sc.Overdue, c.Reported+sc.Reported, c.Closed+sc.Closed
		}
		out.Rectifications = &JSONRectCounts{Open: c.Open, Overdue: c.Overdue, Reported: c.Reported, Closed: c.Closed}
		out.RectificationsOn = lg.Today.String()
	}
	for i := range yr.Ratings {
		r := &yr.Ratings[i]
		s := r.School
		jr := JSONRow{
			No:           i + 1,
			School:       JSONSchool{s.ID, s.Name, s.Township, s.Kind, s.Secretary},
			Rated:        r.Rated(),
			Requirements: []JSONPoints{},
			VetoItems:    nonNil(append([]string(nil), r.Score.VetoItems...)),
		}
		if r.Rated() {
			v := r.Visit
			jr.Visit = &JSONVisit{v.ID, v.Date.String(), v.Inspector, v.StandardID}
			for _, rs := range r.Score.Requirements {
				p := JSONPoints{Requirement: rs.ID, Max: rs.Max}
				if rs.Applicable {
					p.Points = ptr(rs.Points)
				}
				jr.Requirements = append(jr.Requirements, p)
			}
			jr.Total = ptr(r.Score.Total)
			jr.Stars = ptr(r.Score.Stars)
			jr.MaxStars = ptr(r.Standard.Stars.MaxStars())
			jr.Lagging = r.Score.Lagging
		}
		if open != nil {
			jr.OpenRectifications = ptr(open[s.ID].Open)
		}
		if r.Rated() && hasBonus(r.Standard) {
			jr.Base, jr.Bonus = ptr(r.Score.Base), ptr(r.Score.Bonus)
		}
		jr.Vetoes, jr.Disqualified = r.Vetoes, r.Score.Disqualified
		if ye := m.YearEnd; ye != nil {
			jr.Self = ye.Self[s.ID]
		}
		if moves != nil && moves[i].PreviouslyRated() {
			jr.PreviousStars = ptr(moves[i].Previous.Score.Stars)
			if r.Rated() {
				jr.StarsChange = ptr(moves[i].Change)
			}
		}
		out.Rows = append(out.Rows, jr)
	}
	if ye := m.YearEnd; ye != nil && ye.Stage != nil {
		out.Stage = ye.Stage
		out.ChangedAfterConfirm = ye.Stage.ChangedSinceNamed(yr)
	}
	out.QuotaWarnings = yr.CheckQuotas()
	return out
}

// writeRatingsJSON writes the JSON form, indented, ending in a newline.
func writeRatingsJSON(w io.Writer, yr *checklist.YearRating, m Meta) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(ratingsJSON(yr, m))
}

// hasBonus reports whether a standard has a bonus section.
func hasBonus(std *checklist.Standard) bool {
	for i := range std.Requirements {
		if std.Requirements[i].Bonus {
			return true
		}
	}
	return false
}

func ptr[T any](v T) *T { return &v }

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
