package tui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/store"
)

// yearEndCounty is a county under the example standard: five schools in
// three townships, rated in 2026 (the shipped standard) and in 2027 (the
// county's, with deduction and bonus items), one with a veto situation
// recorded and one with a self-assessment, one not rated.
func yearEndCounty(t testing.TB) *store.Store {
	t.Helper()
	s, std := countyStore(t)
	std26, err := s.StandardForYear(2026)
	if err != nil {
		t.Fatal(err)
	}
	schools := []struct {
		name, town string
		miss26     int // items of 2026 not met
		missing27  map[string]float64
	}{
		{"东河乡中心学校", "东河乡", 0, nil},
		{"东河乡红星小学（含附属幼儿园教学点）", "东河乡", 12, map[string]float64{"1.3": 3, "2.2": 4}},
		{"城关镇第一小学", "城关镇", 4, map[string]float64{"2.3": 12}},
		{"西山镇职业中学", "西山镇", 20, map[string]float64{"B.1": 2}},
		{"西山镇初级中学", "西山镇", -1, nil},
	}
	for i, sc := range schools {
		school := addSchool(t, s, sc.name, sc.town)
		if sc.miss26 < 0 {
			continue
		}
		in, err := s.CreateInspection(school.ID, "何丽", checklist.Date{Year: 2026, Month: 10, Day: 10 + i})
		if err != nil {
			t.Fatal(err)
		}
		for j, it := range std26.ScoredItems() {
			v := checklist.Met
			if j < sc.miss26 {
				v = checklist.NotMet
			}
			if _, err := s.SetVerdict(in.ID, it.ID, v, "何丽"); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.Finalize(in.ID, "何丽"); err != nil {
			t.Fatal(err)
		}
		finalizeCounty(t, s, std, countyVisitOn(t, s, school.ID, 10+i).ID, sc.missing27)
		if i == 1 {
			if _, err := s.RecordVeto(school.ID, 2027, "weak", "县委组织部〔2027〕3号：确定为软弱涣散基层党组织", "王主任"); err != nil {
				t.Fatal(err)
			}
			if _, err := s.SetSelfVerdict(school.ID, 2027, "1.1", checklist.Met, checklist.SourcePaper, "何丽"); err != nil {
				t.Fatal(err)
			}
		}
	}
	return s
}

// yearEndSteps are the year end's screens, by the keys that reach them
// from the schools list of yearEndCounty.
var yearEndSteps = []struct {
	name string
	keys []string
}{
	{"ratings", []string{"r", "["}},
	{"ratings charts", []string{"r", "[", "g"}},
	{"ratings charts scrolled", []string{"r", "[", "g", "j", "j", "j"}},
	{"publish", []string{"r", "[", "P"}},
	{"school", []string{"j", "enter"}},
	{"self-assessment", []string{"j", "enter", "s"}},
	{"self-assessment number", []string{"j", "enter", "s", "j", "j", "2"}},
	{"vetoes", []string{"j", "enter", "v"}},
	{"veto record", []string{"j", "enter", "v", "j", "j"}},
	{"veto form", []string{"j", "enter", "v", "enter"}},
	{"walk deduction", []string{"j", "enter", "enter", "j", "j"}},
}

// TestLayoutYearEnd draws the year end's screens at 80x24 and at the
// minimum size, in both languages, on a terminal that draws ambiguous
// glyphs (★, the charts' blocks) one cell wide and on one that draws them
// two: each fills the window exactly, measured as that terminal draws.
func TestLayoutYearEnd(t *testing.T) {
	st := yearEndCounty(t)
	for _, amb := range []Ambiguity{AmbiguousNarrow, AmbiguousWide} {
		for _, lang := range []i18n.Lang{i18n.Chinese, i18n.English} {
			for _, size := range [][2]int{{80, 24}, {MinWidth, MinHeight}} {
				for _, step := range yearEndSteps {
					name := fmt.Sprintf("%d/%s/%dx%d/%s", amb, lang, size[0], size[1], step.name)
					t.Run(name, func(t *testing.T) {
						m := countyModel(st, lang)
						m.c.setLook(StarsAuto, amb)
						d := drive(t, m, size[0], size[1])
						d.press(step.keys...)
						out := d.m.render()
						if amb == AmbiguousWide {
							checkFitsAs(t, out, size[0], size[1], wideMeasure.String)
						} else {
							checkFits(t, out, size[0], size[1])
						}
						checkWholeStars(t, out)
					})
				}
			}
		}
	}
}

// TestChartsSay: the charts count the county as it is: the township
// rows, the disqualified school under 否, and the moves since 2026.
func TestChartsSay(t *testing.T) {
	st := yearEndCounty(t)
	d := drive(t, countyModel(st, i18n.Chinese), 80, 24)
	d.press("r", "[", "g")
	scr := ansi.Strip(d.m.render())
	for _, want := range []string{"星级分布（已评定 4 所，未评定 1 所）", "与 2026 年度相比", "升星", "降星", "东河乡", "合计"} {
		if !strings.Contains(scr, want) {
			t.Errorf("the charts do not say %q:\n%s", want, scr)
		}
	}
	d = drive(t, countyModel(st, i18n.Chinese), 120, 30)
	d.press("r", "[")
	scr = ansi.Strip(d.m.render())
	for _, want := range []string{"上年", "升降"} {
		if !strings.Contains(scr, want) {
			t.Errorf("at 120 columns the table has no %q column:\n%s", want, scr)
		}
	}
}
