// Package scaledata fills an empty database with a county's or a
// province's years of visits, quickly and through the store's exported
// API only, for benchmarks and end-to-end tests that need the size of a
// real database: the terminal interface's benchmarks and the tmux test
// that launches the program on ten years of a county. The program itself
// never imports it.
//
// Every visit is what a real walk leaves: all 42 scored items answered,
// each with a note, mostly met, then finalized. In the last year about
// one school in twenty has its latest visit still a draft (half answered)
// and one in thirty has no visit at all. The data depends only on the
// Scale, but for the ids.
//
// The visits are written as one bundle merged into the database
// (store.MergeBundle): the store's indexes and summaries are kept as an
// import keeps them, in one transaction. Ten years of a county (20,000
// visits, 140 MiB) take a few seconds.
package scaledata

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/google/uuid"

	"branchcheck/bundle"
	"branchcheck/checklist"
	"branchcheck/store"
)

// Scale says what to generate: Schools in Townships, each visited
// VisitsPerYear times a year over Years years, the last of which ends on
// Until (no visit is dated later).
type Scale struct {
	Schools, Townships   int
	Years, VisitsPerYear int
	Until                checklist.Date
}

// County is a county's year: 500 schools in 12 townships, four visits
// each, the year ending on until.
func County(until checklist.Date) Scale {
	return Scale{Schools: 500, Townships: 12, Years: 1, VisitsPerYear: 4, Until: until}
}

// CountyTenYears is ten years of a county: 500 schools, four visits a
// year each, 20,000 visits.
func CountyTenYears(until checklist.Date) Scale {
	return Scale{Schools: 500, Townships: 12, Years: 10, VisitsPerYear: 4, Until: until}
}

// Province is a province's year: 50,000 schools in 1,200 townships.
func Province(until checklist.Date) Scale {
	return Scale{Schools: 50000, Townships: 1200, Years: 1, VisitsPerYear: 4, Until: until}
}

// Visits is how many visits the scale makes, drafts included.
func (sc Scale) Visits() int {
	n := 0
	for i := range sc.Schools {
		if i%30 != 29 {
			n += sc.VisitsPerYear
		}
	}
	return n + (sc.Years-1)*sc.VisitsPerYear*sc.Schools
}

// notes are what inspectors write, long and short.
var notes = []string{
	"书记按时参加县局组织的专题培训，学习笔记完整",
	"党员活动室门牌已更换，入党誓词上墙",
	"缺少第二季度组织生活会记录，已当场指出",
	"台账齐全但未按月装订，要求月底前整理",
	"宣传栏内容未及时更新，最近一期为三个月前",
	"已落实",
	"发展党员工作流程图未张贴，现场整改",
	"电教设备可以正常使用，远程教育收看记录齐全",
	"校园党建文化长廊建成，内容贴近学校实际",
	"三会一课记录不全，缺少党小组会记录两次",
	"党费收缴台账清楚，按月公示",
	"与上次检查相比有明显改进",
}

// Fill fills s, which must hold no school yet, to the scale.
func Fill(s *store.Store, sc Scale) error {
	if sc.Schools <= 0 || sc.Townships <= 0 || sc.Years <= 0 || sc.VisitsPerYear <= 0 || sc.Until.Year == 0 {
		// saycheck:internal: benchmarks and tests only; the program never imports it.
		return fmt.Errorf("scaledata: an empty scale %+v", sc)
	}
	std := checklist.DefaultStandard()
	items := std.ScoredItems()
	rng := rand.New(rand.NewPCG(uint64(sc.Schools), uint64(sc.Years)))
	first := sc.Until.Year - sc.Years + 1
	created := time.Date(first-1, 12, 1, 9, 0, 0, 0, time.UTC)
	b := &bundle.Bundle{
		Header:    bundle.Header{Format: bundle.Format, Version: bundle.Version, CreatedAt: created, DatabaseID: s.ID()},
		Standards: []*checklist.Standard{std},
		Schools:   make([]checklist.School, sc.Schools),
	}
	for i := range b.Schools {
		town := fmt.Sprintf("第%d乡镇", i%sc.Townships)
		b.Schools[i] = checklist.School{
			ID: newID(), Name: fmt.Sprintf("%s第%d中心小学", town, i), Township: town, Kind: "小学",
			Secretary: fmt.Sprintf("张%d", i), Contact: fmt.Sprintf("138%08d", i), CreatedAt: created, UpdatedAt: created,
		}
	}
	b.Inspections = make([]*checklist.Inspection, 0, sc.Visits())
	for y := first; y <= sc.Until.Year; y++ {
		last := y == sc.Until.Year
		// The year's days a visit can fall on, shared out among the
		// visits in order.
		days := 365
		if last {
			days = time.Date(y, sc.Until.Month, sc.Until.Day, 0, 0, 0, 0, time.UTC).YearDay()
		}
		for nth := range sc.VisitsPerYear {
			lo, hi := nth*days/sc.VisitsPerYear, (nth+1)*days/sc.VisitsPerYear
			for i := range b.Schools {
				if last && i%30 == 29 {
					continue // not visited this year
				}
				draft := last && nth == sc.VisitsPerYear-1 && i%20 == 7
				day := lo + rng.IntN(max(hi-lo, 1))
				at := time.Date(y, 1, 1+day, 9+rng.IntN(8), rng.IntN(60), 0, 0, time.UTC)
				in, err := visit(s, std, items, rng, b.Schools[i].ID, at, draft)
				if err != nil {
					return err
				}
				b.Inspections = append(b.Inspections, in)
			}
		}
	}
	if err := merge(s, b); err != nil {
		// saycheck:internal: benchmarks and tests only.
		return fmt.Errorf("scaledata: %w", err)
	}
	return nil
}

// merge merges a bundle into the database as an import does: the only
// call of the store's bundle API here.
func merge(s *store.Store, b *bundle.Bundle) error {
	var buf bytes.Buffer
	if err := bundle.Write(&buf, b); err != nil {
		return err
	}
	_, err := s.ImportBundles([]store.BundleInput{{Name: "scaledata", R: &buf}}, false)
	return err
}

// visit is one visit to a school at a time: every scored item answered
// with a note and the visit finalized, or the first half answered of a
// draft.
func visit(s *store.Store, std *checklist.Standard, items []*checklist.Item, rng *rand.Rand, school string, at time.Time, draft bool) (*checklist.Inspection, error) {
	in, err := checklist.NewInspection(newID(), school, std, fmt.Sprintf("督查员%d", rng.IntN(6)), checklist.DateOf(at), at)
	if err != nil {
		return nil, err
	}
	for k, it := range items {
		if draft && k > 20 {
			break
		}
		v := checklist.Met
		switch r := rng.IntN(100); {
		case r < 12:
			v = checklist.PartlyMet
		case r < 20:
			v = checklist.NotMet
		case r < 24:
			v = checklist.NotApplicable
		}
		in.Answers[it.ID] = checklist.Answer{Verdict: v, Note: notes[rng.IntN(len(notes))], By: in.Inspector, At: at.Add(time.Duration(k) * time.Minute)}
	}
	if !draft {
		in.Status, in.FinalizedAt = checklist.Finalized, at.Add(2*time.Hour)
	}
	in.Touch(s.ID(), at.Add(2*time.Hour))
	return in, nil
}

// newID is a time-ordered id, as the store makes them.
func newID() string { return uuid.Must(uuid.NewV7()).String() }
