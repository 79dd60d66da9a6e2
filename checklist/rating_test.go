package checklist_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"branchcheck/checklist"
)

func visit(id, school string, std *checklist.Standard, date string, status checklist.Status, answers map[string]checklist.Answer) *checklist.Inspection {
	d, err := checklist.ParseDate(date)
	if err != nil {
		panic(err)
	}
	in := &checklist.Inspection{ID: id, SchoolID: school, StandardID: std.ID, Inspector: "李", Date: d, Status: status, Answers: answers}
	if status == checklist.Finalized {
		in.FinalizedAt = time.Date(d.Year, d.Month, d.Day, 17, 0, 0, 0, time.UTC)
	}
	return in
}

func TestRateYear(t *testing.T) {
	std := checklist.DefaultStandard()
	stds := map[string]*checklist.Standard{std.ID: std}
	all := answersAll(std, checklist.Met)
	half := answersAll(std, checklist.PartlyMet)
	schools := []checklist.School{
		{ID: "a", Name: "城关小学", Township: "城关镇"},
		{ID: "b", Name: "东河中学", Township: "东河乡"},
		{ID: "c", Name: "城关中学", Township: "城关镇"},
		{ID: "d", Name: "西山小学", Township: "城关镇"},
	}
	visits := []*checklist.Inspection{
		// a: an earlier 5-star visit and a later 1-star one: the later counts.
		visit("a1", "a", std, "2026-03-01", checklist.Finalized, all),
		visit("a2", "a", std, "2026-10-01", checklist.Finalized, half),
		// a: a later draft and a visit in another year are ignored.
		visit("a3", "a", std, "2026-11-01", checklist.Draft, all),
		visit("a4", "a", std, "2027-01-05", checklist.Finalized, all),
		// b: one finalized visit.
		visit("b1", "b", std, "2026-05-01", checklist.Finalized, all),
		// c: only a draft: not rated.
		visit("c1", "c", std, "2026-06-01", checklist.Draft, all),
		// d: two visits on one day: the one finalized later counts.
		visit("d1", "d", std, "2026-04-01", checklist.Finalized, half),
		visit("d2", "d", std, "2026-04-01", checklist.Finalized, with(all, checklist.NotMet, "1.1")),
		// A visit of a school not in the list is ignored.
		visit("z1", "zz", std, "2026-04-01", checklist.Finalized, all),
	}
	visits[7].FinalizedAt = visits[6].FinalizedAt.Add(time.Minute)

	yr, err := checklist.RateYear(2026, schools, visits, stds)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		school, visit string
		total         float64
		stars         int
		lagging       bool
	}
	var got []row
	for _, r := range yr.Ratings {
		rw := row{school: r.School.ID}
		if r.Rated() {
			rw = row{r.School.ID, r.Visit.ID, r.Score.Total, r.Score.Stars, r.Score.Lagging}
		}
		got = append(got, rw)
	}
	// Townships by pinyin: 城关镇 (cheng) before 东河乡 (dong); inside,
	// rated by points, then the not rated.
	want := []row{
		{"d", "d2", 93.33, 5, false},
		{"a", "a2", 50, 1, true},
		{"c", "", 0, 0, false},
		{"b", "b1", 100, 5, false},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("ratings\n got %v\nwant %v", got, want)
	}
	if c := yr.StarCounts(); c[5] != 2 || c[1] != 1 || len(c) != 2 {
		t.Errorf("star counts %v", c)
	}
	if rated, unrated, lagging := yr.Counts(); rated != 3 || unrated != 1 || lagging != 1 {
		t.Errorf("counts %d %d %d", rated, unrated, lagging)
	}
	if len(yr.Standards) != 1 || yr.Standards[0] != std {
		t.Errorf("standards %v", yr.Standards)
	}
}

func TestRateYearNoVisits(t *testing.T) {
	yr, err := checklist.RateYear(2026, []checklist.School{{ID: "a", Name: "甲"}}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(yr.Ratings) != 1 || yr.Ratings[0].Rated() {
		t.Errorf("ratings %+v", yr.Ratings)
	}
}

func TestRateYearUnknownStandard(t *testing.T) {
	std := checklist.DefaultStandard()
	_, err := checklist.RateYear(2026, []checklist.School{{ID: "a", Name: "甲"}},
		[]*checklist.Inspection{visit("a1", "a", std, "2026-01-01", checklist.Finalized, nil)}, map[string]*checklist.Standard{})
	if !errors.Is(err, checklist.ErrNotFound) {
		t.Errorf("err = %v", err)
	}
}

// TestRateYearEachUnderItsStandard: a visit keeps the standard it was made
// under; a stricter standard for the year changes nothing for it.
func TestRateYearEachUnderItsStandard(t *testing.T) {
	old := checklist.DefaultStandard()
	strict := checklist.DefaultStandard()
	strict.ID = "strict-2026"
	strict.Stars.Levels[0].MinPoints = 99
	stds := map[string]*checklist.Standard{old.ID: old, strict.ID: strict}
	answers := with(answersAll(old, checklist.Met), checklist.NotMet, "1.1") // 93.33
	yr, err := checklist.RateYear(2026, []checklist.School{{ID: "a", Name: "甲"}, {ID: "b", Name: "乙"}}, []*checklist.Inspection{
		visit("a1", "a", old, "2026-01-01", checklist.Finalized, answers),
		visit("b1", "b", strict, "2026-01-01", checklist.Finalized, answers),
	}, stds)
	if err != nil {
		t.Fatal(err)
	}
	stars := map[string]int{}
	for _, r := range yr.Ratings {
		stars[r.School.ID] = r.Score.Stars
	}
	if stars["a"] != 5 || stars["b"] != 4 || len(yr.Standards) != 2 {
		t.Errorf("stars %v, standards %d", stars, len(yr.Standards))
	}
}

// TestRateYearOrdersByStarsFirst: a veto-capped school with more points
// sits below a school with more stars.
func TestRateYearOrdersByStarsFirst(t *testing.T) {
	std := checklist.DefaultStandard()
	std.ID = "veto"
	veto, _, _ := std.Item("5.1.3")
	veto.Veto = true
	stds := map[string]*checklist.Standard{std.ID: std}
	all := answersAll(std, checklist.Met)
	yr, err := checklist.RateYear(2026, []checklist.School{{ID: "capped", Name: "甲"}, {ID: "four", Name: "乙"}}, []*checklist.Inspection{
		visit("c", "capped", std, "2026-05-01", checklist.Finalized, with(all, checklist.NotMet, "5.1.3")),    // 99.05 points, capped at 2 stars
		visit("f", "four", std, "2026-05-01", checklist.Finalized, with(all, checklist.NotMet, "1.1", "1.2")), // 86.67 points, 4 stars
	}, stds)
	if err != nil {
		t.Fatal(err)
	}
	if got := yr.Ratings[0].School.ID + "," + yr.Ratings[1].School.ID; got != "four,capped" {
		t.Errorf("order %s, want four,capped (stars before points)", got)
	}
	if yr.Ratings[1].Score.Stars != 2 || yr.Ratings[1].Score.Total <= yr.Ratings[0].Score.Total {
		t.Errorf("scores %+v / %+v", yr.Ratings[0].Score, yr.Ratings[1].Score)
	}
}

func TestInTownshipAndPrevious(t *testing.T) {
	std := checklist.DefaultStandard()
	all := answersAll(std, checklist.Met)
	visits := []*checklist.Inspection{
		visit("a1", "a", std, "2025-05-01", checklist.Finalized, all),
		visit("a2", "a", std, "2026-03-01", checklist.Finalized, all),
		visit("a3", "a", std, "2026-06-01", checklist.Draft, all),
		visit("a4", "a", std, "2026-09-01", checklist.Finalized, all),
		visit("b1", "b", std, "2026-08-01", checklist.Finalized, all),
	}
	yr, _ := checklist.RateYear(2026, []checklist.School{{ID: "a", Name: "甲", Township: "东"}, {ID: "b", Name: "乙", Township: "西"}},
		visits, map[string]*checklist.Standard{std.ID: std})
	east := yr.InTownship("东")
	if len(east.Ratings) != 1 || east.Ratings[0].School.ID != "a" || len(east.Standards) != 1 {
		t.Errorf("InTownship: %+v", east)
	}
	if len(yr.InTownship("北").Ratings) != 0 {
		t.Error("an unknown township has ratings")
	}
	for _, tt := range []struct{ of, want string }{{"a4", "a2"}, {"a2", "a1"}, {"a1", ""}, {"a3", "a2"}, {"b1", ""}} {
		var of *checklist.Inspection
		for _, v := range visits {
			if v.ID == tt.of {
				of = v
			}
		}
		got := ""
		if p := checklist.PreviousFinalized(of, visits); p != nil {
			got = p.ID
		}
		if got != tt.want {
			t.Errorf("PreviousFinalized(%s) = %q, want %q", tt.of, got, tt.want)
		}
	}
}

func TestSortSchools(t *testing.T) {
	s := []checklist.School{
		{ID: "1", Name: "西山小学", Township: "西山镇"},
		{ID: "2", Name: "城关中学", Township: "城关镇"},
		{ID: "3", Name: "安乐小学", Township: "城关镇"},
		{ID: "4", Name: "东河中学", Township: "东河乡"},
	}
	checklist.SortSchools(s)
	var got []string
	for _, sc := range s {
		got = append(got, sc.Name)
	}
	// cheng < dong < xi; inside 城关镇, an < cheng.
	if want := "安乐小学 城关中学 东河中学 西山小学"; strings.Join(got, " ") != want {
		t.Errorf("order %v, want %s", got, want)
	}
}
