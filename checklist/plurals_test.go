package checklist_test

import (
	"testing"

	"branchcheck/checklist"
)

// TestCountsInBothLanguages: every count the domain says in English says
// its noun singular for one and plural for two; the Chinese, which has no
// plural, says the same numbers as before.
func TestCountsInBothLanguages(t *testing.T) {
	levels := func(stars ...int) error {
		std := checklist.DefaultStandard()
		std.Stars.Levels = nil
		for i, n := range stars {
			std.Stars.Levels = append(std.Stars.Levels, checklist.StarLevel{Stars: n, MinPoints: float64(90 - 10*i)})
		}
		std.Stars.LaggingAtOrBelow, std.Stars.VetoCap = stars[len(stars)-1], stars[len(stars)-1]
		return std.Validate()
	}
	quotas := func(q ...checklist.Quota) error {
		std := checklist.DefaultStandard()
		std.Stars.Quotas = q
		return std.Validate()
	}
	quota := func(stars, count, rated int) error {
		return checklist.QuotaWarning{Quota: checklist.Quota{Stars: stars, AtMostPercent: 30}, Count: count, Rated: rated, Allowed: rated * 3 / 10}.Message()
	}
	notice := func(days int) error {
		y := &checklist.YearStage{Year: 2026, Stage: checklist.StagePublicity,
			PublicFrom: checklist.Date{Year: 2026, Month: 12, Day: 1}, PublicTo: checklist.Date{Year: 2026, Month: 12, Day: days}}
		return y.PublicityNote()
	}
	effect := func(stars int) error {
		e := (&checklist.VetoSituation{CapStars: stars}).Effect()
		return checklist.Errorf(nil, checklist.Text{ZH: "%s", EN: "%s"}, e)
	}
	units := func(n int) error {
		it := &checklist.Item{Points: 10, Deduction: &checklist.DeductionRule{PerUnit: 2, Unit: "次", UnitEN: "meeting"}}
		return checklist.Errorf(nil, checklist.Text{ZH: "缺%d次", EN: "%s missing"}, it.Units(n))
	}
	capped := func(cap, value float64) error {
		return (&checklist.Item{ID: "6.2", Bonus: &checklist.BonusRule{Cap: cap}}).CheckValue(value)
	}
	for _, tt := range []struct {
		name   string
		err    error
		zh, en string
	}{
		{"Incomplete1", &checklist.IncompleteError{Missing: []string{"3.1"}},
			"不能定稿：还有 1 项计分条目未作答：3.1", "cannot finalize: 1 scored item unanswered: 3.1"},
		{"Incomplete2", &checklist.IncompleteError{Missing: []string{"3.1", "3.2"}},
			"不能定稿：还有 2 项计分条目未作答：3.1、3.2", "cannot finalize: 2 scored items unanswered: 3.1, 3.2"},
		{"Quota1", quota(1, 1, 1),
			"1星级 1 所，占已评定 1 所的 100%，超过标准规定的 30%（最多 0 所）", "1 star: 1 of 1 rated school (100%), more than the standard's 30% (at most 0)"},
		{"Quota2", quota(2, 2, 2),
			"2星级 2 所，占已评定 2 所的 100%，超过标准规定的 30%（最多 0 所）", "2 stars: 2 of 2 rated schools (100%), more than the standard's 30% (at most 0)"},
		{"Effect1", effect(1), "最高评为1星级（不得评定为2星级及以上）", "at most 1 star"},
		{"Effect2", effect(2), "最高评为2星级（不得评定为3星级及以上）", "at most 2 stars"},
		{"QuotaShare1", quotas(checklist.Quota{Stars: 1, AtMostPercent: 100}),
			"1星级的名额比例 at_most_percent 应大于 0、小于 100，不是 100", "1 star: at_most_percent must be more than 0 and less than 100, not 100"},
		{"QuotaShare2", quotas(checklist.Quota{Stars: 2, AtMostPercent: 100}),
			"2星级的名额比例 at_most_percent 应大于 0、小于 100，不是 100", "2 stars: at_most_percent must be more than 0 and less than 100, not 100"},
		{"QuotaTwice1", quotas(checklist.Quota{Stars: 1, AtMostPercent: 10}, checklist.Quota{Stars: 1, AtMostPercent: 20}),
			"1星级的名额限制写了两次", "the quota of 1 star is given twice"},
		{"QuotaTwice2", quotas(checklist.Quota{Stars: 2, AtMostPercent: 10}, checklist.Quota{Stars: 2, AtMostPercent: 20}),
			"2星级的名额限制写了两次", "the quota of 2 stars is given twice"},
		{"LevelSkipped1", levels(3, 1), "各档应逐档少一星：3 星之后是 1 星", "levels must go down one star at a time: 1 star follows 3"},
		{"LevelSkipped2", levels(4, 2), "各档应逐档少一星：4 星之后是 2 星", "levels must go down one star at a time: 2 stars follows 4"},
		{"Notice1", notice(1), "公示期 1 天；公示通常为 5 至 7 天", "the public notice is 1 day; it is usually 5 to 7"},
		{"Notice2", notice(2), "公示期 2 天；公示通常为 5 至 7 天", "the public notice is 2 days; it is usually 5 to 7"},
		{"Cap1", capped(1, 2), "项目 6.2 最多加 1 分（封顶），不是 2", "item 6.2 adds at most 1 point (its cap), not 2"},
		{"Cap2", capped(2, 3), "项目 6.2 最多加 2 分（封顶），不是 3", "item 6.2 adds at most 2 points (its cap), not 3"},
		{"Units1", units(1), "缺1次", "1 meeting missing"},
		{"Units2", units(2), "缺2次", "2 meetings missing"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.err == nil {
				t.Fatal("no message")
			}
			if got := chinese(tt.err); got != tt.zh {
				t.Errorf("Chinese:\ngot  %s\nwant %s", got, tt.zh)
			}
			if got := tt.err.Error(); got != tt.en {
				t.Errorf("English:\ngot  %s\nwant %s", got, tt.en)
			}
		})
	}
}
