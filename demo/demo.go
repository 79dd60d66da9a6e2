// Package demo fills a database with a county's worth of made-up but
// realistic data to look around in: twelve schools in three townships,
// finalized visits over this year and last year that cover every star
// level and several lagging branches, a school not yet rated this year
// and a visit still in draft.
//
// Everything goes through the store's public API (CreateInspection,
// SetVerdict, SetNote, Finalize), so the data is exactly what real walks
// would have produced. The data depends only on the date it is made for.
package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"branchcheck/checklist"
	"branchcheck/store"
)

// Summary says what Fill wrote.
type Summary struct {
	Schools   int
	Townships int
	// Finalized and Drafts count the visits.
	Finalized int
	Drafts    int
	// Year is this year; Rated, NotRated and Lagging describe its ratings.
	Year     int
	Rated    int
	NotRated int
	Lagging  int
}

// plan is one school of the demo and what its visits earn.
type plan struct {
	name, township, kind, secretary string
	// last and this are the stars of the finalized visits of last year
	// and this year, in date order; none means no visit.
	last, this []int
	// draft: a visit of this year is still in draft.
	draft bool
	// notApplicable lists items the school's visits mark 不适用.
	notApplicable []string
}

// plans are the demo's schools. This year's stars cover 1 to 5, three
// branches are lagging (三星及以下), 西山镇初级中学 has no visit this
// year (未评定) and 东河乡中心幼儿园 has only a draft.
var plans = []plan{
	{name: "城关镇第一小学", township: "城关镇", kind: "小学", secretary: "王芳", last: []int{4}, this: []int{5}},
	{name: "城关镇第二小学", township: "城关镇", kind: "小学", secretary: "李建国", last: []int{3}, this: []int{2, 4}},
	{name: "城关镇初级中学", township: "城关镇", kind: "初中", secretary: "张伟", last: []int{5}, this: []int{5}},
	{name: "县第一高级中学", township: "城关镇", kind: "高中", secretary: "刘洋", last: []int{4}, this: []int{3}},
	{name: "东河乡中心学校", township: "东河乡", kind: "九年一贯制", secretary: "陈静", last: []int{2}, this: []int{4}},
	{name: "东河乡初级中学", township: "东河乡", kind: "初中", secretary: "杨明", last: []int{1}, this: []int{2}},
	{name: "东河乡红星小学", township: "东河乡", kind: "小学", secretary: "赵丽华", last: []int{3}, this: []int{1}},
	{name: "东河乡中心幼儿园", township: "东河乡", kind: "幼儿园", secretary: "黄志强", draft: true},
	{name: "西山镇中心小学", township: "西山镇", kind: "小学", secretary: "周敏", last: []int{5}, this: []int{4}},
	{name: "西山镇初级中学", township: "西山镇", kind: "初中", secretary: "吴刚", last: []int{4}},
	{name: "西山镇柳林小学", township: "西山镇", kind: "小学", secretary: "徐磊", last: []int{2}, this: []int{3}},
	{name: "西山镇职业中学", township: "西山镇", kind: "职中", secretary: "孙燕", last: []int{3}, this: []int{5},
		notApplicable: []string{"4.5"}},
}

// inspectors take turns.
var inspectors = []string{"马卫东", "何丽"}

// Notes on the items a school has to fix, by the kind of item: a thing
// the activity room or the corridor has (有…), a ledger to show, or a
// practice. %s is what the item asks for.
var notes = map[itemKind]map[checklist.Verdict][]string{
	thing: {
		checklist.NotMet:    {"现场未见%s。", "%s尚未设置,已当场指出。"},
		checklist.PartlyMet: {"%s有但不完整,需补充。", "%s内容陈旧,未及时更新。"},
	},
	ledger: {
		checklist.NotMet:    {"未能提供%s,要求一个月内补齐。", "%s缺失,已当场指出。"},
		checklist.PartlyMet: {"%s记录不连续,需补齐近半年的材料。", "%s有但不规范,未按要求分类装档。"},
	},
	practice: {
		checklist.NotMet:    {"%s:未见落实,缺少会议记录和活动材料。", "%s:无相关材料佐证。"},
		checklist.PartlyMet: {"%s:有安排,但材料不全,需加强。", "%s:落实不够经常,记录偏少。"},
	},
}

// notApplicableNote explains an item marked 不适用.
const notApplicableNote = "该校未开展此项评比,经督查组认定不适用。"

// itemKind is what sort of thing an item asks for, for wording notes.
type itemKind int

const (
	practice itemKind = iota
	thing
	ledger
)

// Fill writes the demo into s, dated for the year of now: last year's
// visits between March and December, this year's between 1 January and
// today. The same now gives the same data. A database that already has a
// school of the demo's (same name and township) is refused before
// anything is written.
func Fill(s *store.Store, now time.Time) (Summary, error) {
	existing, err := s.Schools()
	if err != nil {
		return Summary{}, err
	}
	for _, sc := range existing {
		for _, p := range plans {
			if sc.Name == p.name && sc.Township == p.township {
				return Summary{}, fmt.Errorf("the database already has the demo's school %s (%s): the demo was not written", p.name, p.township)
			}
		}
	}
	rng := rand.New(rand.NewPCG(2025, 5))
	today := checklist.DateOf(now)
	year := today.Year
	sum := Summary{Schools: len(plans), Year: year}
	townships := map[string]bool{}
	n := 0 // visits made, for taking turns and spreading dates
	for _, p := range plans {
		townships[p.township] = true
		sc, err := s.AddSchool(checklist.School{Name: p.name, Township: p.township, Kind: p.kind, Secretary: p.secretary})
		if err != nil {
			return sum, fmt.Errorf("demo school %s: %w", p.name, err)
		}
		for i, stars := range p.last {
			date := spread(checklist.Date{Year: year - 1, Month: time.March, Day: 1}, checklist.Date{Year: year - 1, Month: time.December, Day: 20}, n, i)
			if err := visit(s, rng, sc.ID, inspectors[n%2], date, stars, p.notApplicable, true); err != nil {
				return sum, fmt.Errorf("demo visit of %s: %w", p.name, err)
			}
			sum.Finalized++
			n++
		}
		for i, stars := range p.this {
			date := spread(checklist.Date{Year: year, Month: time.January, Day: 1}, today, n, i)
			if err := visit(s, rng, sc.ID, inspectors[n%2], date, stars, p.notApplicable, true); err != nil {
				return sum, fmt.Errorf("demo visit of %s: %w", p.name, err)
			}
			sum.Finalized++
			n++
		}
		if p.draft {
			if err := visit(s, rng, sc.ID, inspectors[n%2], today, 4, p.notApplicable, false); err != nil {
				return sum, fmt.Errorf("demo draft of %s: %w", p.name, err)
			}
			sum.Drafts++
			n++
		}
	}
	sum.Townships = len(townships)
	yr, err := s.RateYear(year)
	if err != nil {
		return sum, err
	}
	sum.Rated, sum.NotRated, sum.Lagging = yr.Counts()
	return sum, nil
}

// spread picks the date of the n-th visit between from and to (a later
// visit of the same school, i > 0, comes after its first).
func spread(from, to checklist.Date, n, i int) checklist.Date {
	a := time.Date(from.Year, from.Month, from.Day, 12, 0, 0, 0, time.UTC)
	b := time.Date(to.Year, to.Month, to.Day, 12, 0, 0, 0, time.UTC)
	days := int(b.Sub(a).Hours() / 24)
	if days <= 0 {
		return from
	}
	d := (n*37 + i*days/2) % (days + 1)
	if i > 0 {
		d = days/2 + (n*11)%(days-days/2+1)
	}
	return checklist.DateOf(a.AddDate(0, 0, d))
}

// visit walks one visit: answers chosen to earn the given stars, a note
// on every item to fix, then finalize (or leave a third of it answered,
// as a draft).
func visit(s *store.Store, rng *rand.Rand, schoolID, inspector string, date checklist.Date, stars int, na []string, finalize bool) error {
	in, err := s.CreateInspection(schoolID, inspector, date)
	if err != nil {
		return err
	}
	std, err := s.Standard(in.StandardID)
	if err != nil {
		return err
	}
	answers := answersFor(rng, std, stars, na)
	items := std.ScoredItems()
	if !finalize {
		items = items[:len(items)/3]
	}
	for _, it := range items {
		v := answers[it.ID]
		if _, err := s.SetVerdict(in.ID, it.ID, v, inspector); err != nil {
			return err
		}
		if note := noteFor(rng, it, v); note != "" {
			if _, err := s.SetNote(in.ID, it.ID, note, inspector); err != nil {
				return err
			}
		}
	}
	if !finalize {
		return nil
	}
	_, err = s.Finalize(in.ID, inspector)
	return err
}

// answersFor picks verdicts that earn the given stars under std: all met,
// then items taken in a random order marked not met or partly met until
// the score falls to a target inside the star level's band.
func answersFor(rng *rand.Rand, std *checklist.Standard, stars int, na []string) map[string]checklist.Verdict {
	lo, hi := band(std.Stars, stars)
	items := std.ScoredItems()
	for {
		target := lo + rng.Float64()*(hi-lo)
		answers := make(map[string]checklist.Answer, len(items))
		for _, it := range items {
			answers[it.ID] = checklist.Answer{Verdict: checklist.Met}
		}
		for _, id := range na {
			answers[id] = checklist.Answer{Verdict: checklist.NotApplicable}
		}
		sc := checklist.ScoreAnswers(std, answers)
		for _, i := range rng.Perm(len(items)) {
			if sc.Total <= target {
				break
			}
			id := items[i].ID
			if answers[id].Verdict != checklist.Met {
				continue
			}
			v := checklist.NotMet
			if rng.IntN(2) == 0 {
				v = checklist.PartlyMet
			}
			answers[id] = checklist.Answer{Verdict: v}
			sc = checklist.ScoreAnswers(std, answers)
		}
		if sc.Stars == stars {
			out := make(map[string]checklist.Verdict, len(answers))
			for id, a := range answers {
				out[id] = a.Verdict
			}
			return out
		}
	}
}

// band is the range of points a star level is given for: from its
// threshold to the next level's (100 at the top, 40 at the bottom, so that
// a one-star school still scores something).
func band(scale checklist.StarScale, stars int) (lo, hi float64) {
	lo, hi = 40, 100
	for i, lv := range scale.Levels {
		if lv.Stars == stars {
			lo = lv.MinPoints
			if i > 0 {
				hi = scale.Levels[i-1].MinPoints - 0.5
			}
			return lo, hi
		}
	}
	if len(scale.Levels) > 0 {
		hi = scale.Levels[len(scale.Levels)-1].MinPoints - 0.5
	}
	return lo, hi
}

// noteFor writes the inspector's note for an item that was not fully
// met, saying what was missing.
func noteFor(rng *rand.Rand, it *checklist.Item, v checklist.Verdict) string {
	if v == checklist.NotApplicable {
		return notApplicableNote
	}
	kind, what := practice, it.Text
	switch {
	case strings.HasPrefix(it.ID, "5."):
		kind = ledger
	case strings.HasPrefix(what, "有"):
		kind, what = thing, strings.TrimPrefix(what, "有")
	}
	// Keep what comes before a comma or a parenthesis, unless that would
	// cut a quotation in two.
	if i := strings.IndexAny(what, "，,（("); i > 0 && strings.Count(what[:i], "“") == strings.Count(what[:i], "”") {
		what = what[:i]
	}
	choices := notes[kind][v]
	if len(choices) == 0 {
		return ""
	}
	return fmt.Sprintf(choices[rng.IntN(len(choices))], what)
}
