package store_test

import (
	"testing"
	"time"

	"branchcheck/checklist"
	"branchcheck/report"
	"branchcheck/store"
)

// writeRatingsTable writes a year's ratings as the ratings command writes
// its terminal table (and its CSV, Markdown, HTML and JSON, which read the
// same): the ratings from the summaries, the year before's, each school's
// open rectifications counted, the year end. It returns the size written.
func writeRatingsTable(tb testing.TB, s *store.Store, year int) int64 {
	yr, err := s.RateYearTable(year)
	if err != nil {
		tb.Fatal(err)
	}
	m := report.Meta{GeneratedAt: time.Now(), Database: s.Path(), Charts: true}
	if m.LastYear, err = s.RateYearBrief(year - 1); err != nil {
		tb.Fatal(err)
	}
	schools := make([]checklist.School, len(yr.Ratings))
	for i := range yr.Ratings {
		schools[i] = yr.Ratings[i].School
	}
	if m.Rectifications, err = s.RectCounts(checklist.RectFilter{View: checklist.ViewAll, Year: year}, schools); err != nil {
		tb.Fatal(err)
	}
	ye, err := s.YearEndOf(yr)
	if err != nil {
		tb.Fatal(err)
	}
	m.YearEnd = &report.YearEnd{Stage: ye.Stage, Self: ye.Self, Standards: ye.Standards}
	var w countingWriter
	if err := report.WriteRatings(&w, report.Table, yr, m); err != nil {
		tb.Fatal(err)
	}
	return int64(w)
}
