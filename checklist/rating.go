package checklist

import (
	"bytes"
	"slices"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Rating is one school's standing for a year.
type Rating struct {
	School School `json:"school"`
	// Visit is the school's latest finalized inspection of the year, the
	// one the rating comes from; nil means 未评定 (not rated).
	Visit *Inspection `json:"visit,omitempty"`
	// Standard is the standard the visit was made under.
	Standard *Standard `json:"-"`
	// Score is the visit's score; zero when not rated.
	Score Score `json:"score"`
	// Vetoes are the school's veto records of the year that apply, once
	// YearRating.ApplyVetoes has applied them.
	Vetoes []VetoRecord `json:"vetoes,omitempty"`
}

// Rated reports whether the school has a finalized visit that year.
func (r *Rating) Rated() bool { return r.Visit != nil }

// YearRating is the year's star rating of every school.
type YearRating struct {
	Year int `json:"year"`
	// Ratings: one per school, ordered by township, then rated before not
	// rated, then stars and total points from high to low, then name.
	Ratings []Rating `json:"ratings"`
	// Standards are the standards the ratings were made under, in order of
	// first use; exports state their scales and lagging rules.
	Standards []*Standard `json:"-"`
}

// StarCounts counts the rated schools at each star level.
func (y *YearRating) StarCounts() map[int]int {
	out := map[int]int{}
	for i := range y.Ratings {
		if r := &y.Ratings[i]; r.Rated() {
			out[r.Score.Stars]++
		}
	}
	return out
}

// Counts returns how many schools are rated, not rated and lagging.
func (y *YearRating) Counts() (rated, unrated, lagging int) {
	for i := range y.Ratings {
		r := &y.Ratings[i]
		switch {
		case !r.Rated():
			unrated++
		case r.Score.Lagging:
			rated++
			lagging++
		default:
			rated++
		}
	}
	return rated, unrated, lagging
}

// laterVisit reports whether v is later than than (nil is earliest):
// later date wins; on the same day the later finalized one, then the
// greater id (ids are time-ordered).
func laterVisit(v, than *Inspection) bool {
	if than == nil {
		return true
	}
	if c := v.Date.Compare(than.Date); c != 0 {
		return c > 0
	}
	if !v.FinalizedAt.Equal(than.FinalizedAt) {
		return v.FinalizedAt.After(than.FinalizedAt)
	}
	return v.ID > than.ID
}

// RateYear rates every school for a year from its latest finalized visit
// of that year, each scored under the standard it was made under. A
// school with no such visit is listed as not rated, never dropped, unless
// it was archived that year or before (School.ListedIn). Visits
// of schools not in the list are ignored; a visit whose standard is not
// in standards is an error.
func RateYear(year int, schools []School, visits []*Inspection, standards map[string]*Standard) (*YearRating, error) {
	latest := make(map[string]*Inspection, len(schools))
	for _, v := range visits {
		if v.Status != Finalized || v.Date.Year != year {
			continue
		}
		if laterVisit(v, latest[v.SchoolID]) {
			latest[v.SchoolID] = v
		}
	}
	yr := &YearRating{Year: year, Ratings: make([]Rating, 0, len(schools))}
	used := map[string]bool{}
	for _, s := range schools {
		r := Rating{School: s}
		if latest[s.ID] == nil && !s.ListedIn(year) {
			continue
		}
		if v := latest[s.ID]; v != nil {
			std := standards[v.StandardID]
			if std == nil {
				return nil, Errorf(ErrNotFound, Text{
					ZH: "不能评定 %d 年：%[3]s 的检查 %[2]s 所用的标准 %[4]s 不在数据库中",
					EN: "rate %d: visit %s of %s was made under standard %s, which is not found"}, year, v.ID, s.Name, v.StandardID)
			}
			r.Visit, r.Standard = v, std
			r.Score = ScoreInspection(std, v)
			if !used[std.ID] {
				used[std.ID] = true
				yr.Standards = append(yr.Standards, std)
			}
		}
		yr.Ratings = append(yr.Ratings, r)
	}
	sortRatings(yr.Ratings)
	return yr, nil
}

// Sort orders the ratings as RateYear orders them: for ratings whose
// scores were set after RateYear (a store that scores each visit where it
// decodes it).
func (y *YearRating) Sort() { sortRatings(y.Ratings) }

// sortRatings orders ratings by township, then rated first, then stars
// and total points from high to low (a veto-capped school sits with its
// stars, not its points), then name.
func sortRatings(rs []Rating) {
	sortKeyed(rs, func(r *Rating) *School { return &r.School }, func(a, b *Rating) int {
		if a.Rated() != b.Rated() {
			if a.Rated() {
				return -1
			}
			return 1
		}
		if a.Score.Stars != b.Score.Stars {
			return b.Score.Stars - a.Score.Stars
		}
		if a.Score.Total != b.Score.Total {
			if a.Score.Total > b.Score.Total {
				return -1
			}
			return 1
		}
		return 0
	})
}

// SortSchools orders schools by township, then name, by pinyin.
func SortSchools(schools []School) {
	sortKeyed(schools, func(s *School) *School { return s }, nil)
}

// SortSchoolOverviews orders a schools list as SortSchools orders its
// schools.
func SortSchoolOverviews(list []SchoolOverview) {
	sortKeyed(list, func(o *SchoolOverview) *School { return &o.School }, nil)
}

// sortKeyed orders xs by their school's township (pinyin), then by within
// (nil: no further rule), then by the school's name (pinyin), then id. The
// townships are ranked once and each name's pinyin key computed once, so a
// comparison is mostly integers, not collation.
func sortKeyed[T any](xs []T, school func(*T) *School, within func(a, b *T) int) {
	keys := newPinyinKeys(len(xs))
	towns := map[string]int{}
	for i := range xs {
		towns[school(&xs[i]).Township] = 0
	}
	names := make([]string, 0, len(towns))
	for t := range towns {
		names = append(names, t)
	}
	slices.SortFunc(names, func(a, b string) int { return comparePinyin(keys.key(a), keys.key(b), a, b) })
	for rank, t := range names {
		towns[t] = rank
	}
	type keyed struct {
		town int
		name []byte
		x    *T
	}
	ks := make([]keyed, len(xs))
	for i := range xs {
		sc := school(&xs[i])
		ks[i] = keyed{towns[sc.Township], keys.key(sc.Name), &xs[i]}
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		if a.town != b.town {
			return a.town - b.town
		}
		if within != nil {
			if c := within(a.x, b.x); c != 0 {
				return c
			}
		}
		sa, sb := school(a.x), school(b.x)
		if c := comparePinyin(a.name, b.name, sa.Name, sb.Name); c != 0 {
			return c
		}
		return strings.Compare(sa.ID, sb.ID)
	})
	sorted := make([]T, len(xs))
	for i, k := range ks {
		sorted[i] = *k.x
	}
	copy(xs, sorted)
}

// pinyinKeys sorts Chinese text by pinyin, as people in the bureau expect,
// with the text's own order breaking ties. It computes one collation key
// per distinct string.
type pinyinKeys struct {
	col  *collate.Collator
	buf  collate.Buffer
	keys map[string][]byte
}

func newPinyinKeys(n int) *pinyinKeys {
	return &pinyinKeys{col: collate.New(language.Chinese), keys: make(map[string][]byte, n+8)}
}

// key returns the collation key of s.
func (p *pinyinKeys) key(s string) []byte {
	k, ok := p.keys[s]
	if !ok {
		k = append([]byte(nil), p.col.KeyFromString(&p.buf, s)...)
		p.buf.Reset()
		p.keys[s] = k
	}
	return k
}

// comparePinyin compares two strings by their collation keys, then as
// text.
func comparePinyin(ka, kb []byte, a, b string) int {
	if c := bytes.Compare(ka, kb); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

// InTownship returns the ratings of one township's schools, in the same
// order, with the standards they use.
func (y *YearRating) InTownship(township string) *YearRating {
	out := &YearRating{Year: y.Year}
	used := map[string]bool{}
	for _, r := range y.Ratings {
		if r.School.Township != township {
			continue
		}
		out.Ratings = append(out.Ratings, r)
		if r.Standard != nil && !used[r.Standard.ID] {
			used[r.Standard.ID] = true
			out.Standards = append(out.Standards, r.Standard)
		}
	}
	return out
}

// PreviousFinalized returns the school's finalized visit before v: the
// latest one dated before it, or on the same day finalized before it; nil
// if there is none. visits are the school's visits in any order.
func PreviousFinalized(v *Inspection, visits []*Inspection) *Inspection {
	var best *Inspection
	for _, o := range visits {
		if o.ID == v.ID || o.SchoolID != v.SchoolID || o.Status != Finalized || !laterVisit(v, o) {
			continue
		}
		if laterVisit(o, best) {
			best = o
		}
	}
	return best
}
