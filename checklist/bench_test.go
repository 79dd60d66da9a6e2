package checklist_test

import (
	"fmt"
	"testing"

	"branchcheck/checklist"
)

func BenchmarkScoreInspection(b *testing.B) {
	std := checklist.DefaultStandard()
	in := visit("v", "s", std, "2026-05-01", checklist.Finalized, mixedAnswers(std, 7))
	b.ReportAllocs()
	for b.Loop() {
		checklist.ScoreInspection(std, in)
	}
}

// mixedAnswers gives a varied set of verdicts, different for each seed.
func mixedAnswers(std *checklist.Standard, seed int) map[string]checklist.Answer {
	out := map[string]checklist.Answer{}
	for i, it := range std.ScoredItems() {
		out[it.ID] = checklist.Answer{Verdict: checklist.Verdicts[(i*seed+seed/3)%len(checklist.Verdicts)], Note: "记录"}
	}
	return out
}

// county builds n schools in 12 townships with four visits each: three
// finalized in the year and one draft.
func county(n int) ([]checklist.School, []*checklist.Inspection, map[string]*checklist.Standard) {
	std := checklist.DefaultStandard()
	schools := make([]checklist.School, n)
	var visits []*checklist.Inspection
	for i := range schools {
		id := fmt.Sprintf("s%05d", i)
		schools[i] = checklist.School{ID: id, Name: fmt.Sprintf("第%d小学", i), Township: fmt.Sprintf("乡镇%02d", i%12)}
		for v, date := range []string{"2026-03-01", "2026-06-01", "2026-09-01", "2026-11-01"} {
			status := checklist.Finalized
			if v == 3 {
				status = checklist.Draft
			}
			visits = append(visits, visit(fmt.Sprintf("%s-%d", id, v), id, std, date, status, mixedAnswers(std, i+v)))
		}
	}
	return schools, visits, map[string]*checklist.Standard{std.ID: std}
}

func BenchmarkRateYear(b *testing.B) {
	for _, n := range []int{500, 10000} {
		schools, visits, stds := county(n)
		b.Run(fmt.Sprintf("schools=%d/visits=%d", n, len(visits)), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := checklist.RateYear(2026, schools, visits, stds); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkParseDefaultStandard(b *testing.B) {
	data := checklist.DefaultStandardFile()
	for b.Loop() {
		if _, err := checklist.ParseStandard("d.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}
