package checklist_test

import (
	"fmt"
	"strings"
	"testing"

	"branchcheck/checklist"
)

func TestMovements(t *testing.T) {
	std := example(t)
	// This year: s0 5★, s1 4★, s2 3★, s3 not rated, s4 2★, s5 4★.
	this := yearOf(t, std, 2027, 5, 4, 3, 0, 2, 4)
	// Last year: s0 4★, s1 4★, s2 5★, s3 5★, s4 not listed (a new
	// school), s5 listed but not rated.
	last := yearOf(t, std, 2026, 4, 4, 5, 5, 0, 0)
	last.Ratings = last.Ratings[:4]
	last.Ratings = append(last.Ratings, checklist.Rating{School: checklist.School{ID: "s5", Name: "第5小学", Township: "城关镇"}})

	ms := this.Movements(last)
	if len(ms) != len(this.Ratings) {
		t.Fatalf("%d movements for %d ratings", len(ms), len(this.Ratings))
	}
	var got []string
	for i, m := range ms {
		if m.SchoolID != this.Ratings[i].School.ID {
			t.Errorf("movement %d is of %s, rating of %s", i, m.SchoolID, this.Ratings[i].School.ID)
		}
		got = append(got, fmt.Sprintf("%s:%s:%+d:%v", m.SchoolID, m.Move, m.Change, m.PreviouslyRated()))
	}
	// In the ratings' order: stars high to low, then not rated.
	want := "s0:up:+1:true s1:same:+0:true s5:new:+0:false s2:down:-2:true s4:new:+0:false s3::+0:true"
	if strings.Join(got, " ") != want {
		t.Errorf("movements\n got %s\nwant %s", strings.Join(got, " "), want)
	}
	if c := checklist.CountMoves(ms); c != (checklist.MoveCounts{Up: 1, Down: 1, Same: 1, New: 2, NotRated: 1}) {
		t.Errorf("counts %+v", c)
	}
	for m, zh := range map[checklist.Move]string{checklist.MoveUp: "升星", checklist.MoveDown: "降星", checklist.MoveSame: "持平", checklist.MoveNew: "新评定", checklist.MoveNone: ""} {
		if m.Words().ZH != zh {
			t.Errorf("%q says %q, want %q", m, m.Words().ZH, zh)
		}
	}
	// No last year given: every rated school is new.
	for _, m := range this.Movements(nil) {
		if m.Previous != nil || (m.Move != checklist.MoveNew && m.Move != checklist.MoveNone) {
			t.Errorf("without last year: %+v", m)
		}
	}
}

func TestStarDistribution(t *testing.T) {
	std := example(t)
	yr := yearOf(t, std, 2027, 5, 4, 4, 2, 0)
	yr.Ratings[3].School.Township = "东河乡" // the 2★ school
	yr.Ratings[4].School.Township = "东河乡" // the one not rated
	weak := record(t, std, "weak", yr.Ratings[1].School.ID, 2027)
	if err := yr.ApplyVetoes([]checklist.VetoRecord{weak}, map[string]*checklist.Standard{std.ID: std}); err != nil {
		t.Fatal(err)
	}
	d := yr.StarDistribution()
	if d.MaxStars != 5 || len(d.All.Counts) != 6 {
		t.Fatalf("max stars %d, counts %v", d.MaxStars, d.All.Counts)
	}
	var got []string
	for _, ts := range append(d.Townships, d.All) {
		got = append(got, fmt.Sprintf("%s%v r%d n%d l%d", ts.Township, ts.Counts, ts.Rated, ts.NotRated, ts.Lagging))
	}
	// 城关镇: 5★, 4★, and one disqualified (0★, lagging); 东河乡: 2★
	// (lagging) and one not rated. Townships in the ratings' order.
	want := "城关镇[1 0 0 0 1 1] r3 n0 l1 | 东河乡[0 0 1 0 0 0] r1 n1 l1 | [1 0 1 0 1 1] r4 n1 l2"
	if s := strings.Join(got, " | "); s != want {
		t.Errorf("distribution\n got %s\nwant %s", s, want)
	}
}

func TestScoreSeries(t *testing.T) {
	std := example(t)
	mk := func(id, date string, status checklist.Status, given map[string]string) checklist.ScoredVisit {
		v := visit(id, "s1", std, date, status, entries(t, std, given))
		return checklist.ScoredVisit{Visit: v, Standard: std, Score: checklist.ScoreInspection(std, v)}
	}
	visits := []checklist.ScoredVisit{ // latest first, as SchoolVisits holds them
		mk("d", "2027-11-01", checklist.Draft, nil),
		mk("c", "2027-06-01", checklist.Finalized, starsGiven[4]),
		mk("b", "2026-11-01", checklist.Finalized, starsGiven[2]),
		mk("a", "2026-03-01", checklist.Finalized, map[string]string{"B.2": "3", "2.3": "1"}),
	}
	var got []string
	for _, p := range checklist.ScoreSeries(visits, false) {
		got = append(got, fmt.Sprintf("%s %s %v %d/%d %v", p.VisitID, p.Date, p.Total, p.Stars, p.MaxStars, p.Provisional))
	}
	want := "a 2026-03-01 102 5/5 false, b 2026-11-01 60 2/5 false, c 2027-06-01 80 4/5 false"
	if s := strings.Join(got, ", "); s != want {
		t.Errorf("series\n got %s\nwant %s", s, want)
	}
	all := checklist.ScoreSeries(visits, true)
	if len(all) != 4 || all[3].VisitID != "d" || !all[3].Provisional {
		t.Errorf("with drafts: %+v", all)
	}
}
