package report_test

import (
	"fmt"
	"io"
	"math/rand/v2"
	"testing"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/report"
)

// bigYear is n rated schools in 12 townships, each with a finalized visit
// of realistic mixed answers (mostly met, some partly met, not met or not
// applicable) and a note on most of the items to fix.
func bigYear(b *testing.B, n int) *checklist.YearRating {
	b.Helper()
	std := checklist.DefaultStandard()
	rng := rand.New(rand.NewPCG(1, 2))
	notes := []string{"台账不完整，缺少第三季度记录", "未上墙", "资料陈旧，需更新", "只有电子版，无纸质档案", "负责人不清楚要求", ""}
	schools := make([]checklist.School, n)
	visits := make([]*checklist.Inspection, 0, n)
	for i := range schools {
		id := fmt.Sprintf("s%04d", i)
		schools[i] = checklist.School{ID: id, Name: fmt.Sprintf("第%d中心小学", i+1), Township: fmt.Sprintf("第%02d乡镇", i%12),
			Kind: "小学", Secretary: fmt.Sprintf("书记%d", i)}
		over := map[string]answer{}
		for _, it := range std.ScoredItems() {
			switch p := rng.IntN(100); {
			case p < 10:
				over[it.ID] = with(notMet, notes[rng.IntN(len(notes))])
			case p < 25:
				over[it.ID] = with(partly, notes[rng.IntN(len(notes))])
			case p < 28:
				over[it.ID] = notAppl
			}
		}
		visits = append(visits, visit("v"+id, id, std, "2026-10-01", checklist.Finalized, "李检查", answers(std, checklist.Met, over)))
	}
	yr, err := checklist.RateYear(2026, schools, visits, map[string]*checklist.Standard{std.ID: std})
	if err != nil {
		b.Fatal(err)
	}
	return yr
}

func benchmarkRatings(b *testing.B, f report.Format) {
	yr := bigYear(b, 500)
	m := meta(i18n.Chinese)
	m.LastYear = yr // the year before's stars and the change, as the command line gives them
	b.ReportAllocs()
	for b.Loop() {
		if err := report.WriteRatings(io.Discard, f, yr, m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRatingsXLSX: 500 rated schools, three sheets. Target: under
// 500 ms.
func BenchmarkRatingsXLSX(b *testing.B)  { benchmarkRatings(b, report.XLSX) }
func BenchmarkRatingsCSV(b *testing.B)   { benchmarkRatings(b, report.CSV) }
func BenchmarkRatingsHTML(b *testing.B)  { benchmarkRatings(b, report.HTML) }
func BenchmarkRatingsTable(b *testing.B) { benchmarkRatings(b, report.Table) }
func BenchmarkRatingsJSON(b *testing.B)  { benchmarkRatings(b, report.JSON) }

// bigLedger is the 整改台账 of bigYear's schools: every problem of their
// visits, on a day two months after.
func bigLedger(b *testing.B, n int) *checklist.RectLedger {
	b.Helper()
	yr := bigYear(b, n)
	std := checklist.DefaultStandard()
	stds := map[string]*checklist.Standard{std.ID: std}
	var schools []checklist.School
	rects := map[string][]checklist.Rectification{}
	for i := range yr.Ratings {
		r := &yr.Ratings[i]
		schools = append(schools, r.School)
		rects[r.School.ID] = checklist.DeriveRectifications(r.School, []*checklist.Inspection{r.Visit}, stds, nil)
	}
	return checklist.NewRectLedger(schools, rects, stds, checklist.Date{Year: 2026, Month: 12, Day: 1}, checklist.RectFilter{View: checklist.ViewAll})
}

func benchmarkRectifications(b *testing.B, f report.Format) {
	l := bigLedger(b, 500)
	m := meta(i18n.Chinese)
	b.ReportAllocs()
	for b.Loop() {
		if err := report.WriteRectifications(io.Discard, f, l, m); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(l.Len()), "rows")
}

// BenchmarkRectifications*: the 整改台账 of 500 schools, every problem of
// one visit each (about 4,800 rows).
func BenchmarkRectificationsXLSX(b *testing.B)  { benchmarkRectifications(b, report.XLSX) }
func BenchmarkRectificationsHTML(b *testing.B)  { benchmarkRectifications(b, report.HTML) }
func BenchmarkRectificationsTable(b *testing.B) { benchmarkRectifications(b, report.Table) }

// BenchmarkRatingsTableProvince: the terminal table of a province's year,
// 50,000 rated schools with the year before's stars and the open
// rectifications of each, as the ratings command prints it. Target: well
// under the command's 2 s.
func BenchmarkRatingsTableProvince(b *testing.B) {
	yr := bigYear(b, 50_000)
	m := meta(i18n.Chinese)
	m.LastYear = yr
	var schools []checklist.School
	for i := range yr.Ratings {
		schools = append(schools, yr.Ratings[i].School)
	}
	m.Rectifications = checklist.NewRectLedger(schools, nil, nil, checklist.Date{Year: 2026, Month: 12, Day: 1}, checklist.RectFilter{View: checklist.ViewAll})
	b.ReportAllocs()
	for b.Loop() {
		if err := report.WriteRatings(io.Discard, report.Table, yr, m); err != nil {
			b.Fatal(err)
		}
	}
}
