package tui

import (
	"testing"

	"branchcheck/checklist"
	"branchcheck/i18n"
)

// TestCountsInBothLanguages: what the screens count is said in English
// with the noun singular for one (1 day, 1 star), and in Chinese, which
// has no plural, with the same numbers.
func TestCountsInBothLanguages(t *testing.T) {
	today := checklist.Date{Year: 2026, Month: 6, Day: 10}
	due := func(day int) *checklist.Rectification {
		return &checklist.Rectification{DueBy: checklist.Date{Year: 2026, Month: 6, Day: day}}
	}
	day := func(d int) checklist.Date { return checklist.Date{Year: 2026, Month: 6, Day: d} }
	zh, en := &common{lang: i18n.Chinese}, &common{lang: i18n.English}
	missingMeetings := &checklist.Item{ID: "1.3", Deduction: &checklist.DeductionRule{PerUnit: 2, Unit: "次", UnitEN: "meeting"}}
	pointsOff := &checklist.Item{ID: "2.2", Deduction: &checklist.DeductionRule{}}
	bonusPoints := &checklist.Item{ID: "6.2", Bonus: &checklist.BonusRule{Cap: 2}}
	bonusAwards := &checklist.Item{ID: "6.1", Bonus: &checklist.BonusRule{PerUnit: 1, Unit: "项", UnitEN: "award", Cap: 3}}
	for _, tt := range []struct {
		got, want string
	}{
		{en.rectDueOnly(due(9), today), "Deadline 2026-06-09, 1 day overdue"},
		{en.rectDueOnly(due(8), today), "Deadline 2026-06-08, 2 days overdue"},
		{en.rectDueOnly(due(11), today), "Deadline 2026-06-11, 1 day left"},
		{en.rectDueOnly(due(12), today), "Deadline 2026-06-12, 2 days left"},
		{zh.rectDueOnly(due(9), today), "整改期限 2026-06-09，已逾期 1 天"},
		{zh.rectDueOnly(due(11), today), "整改期限 2026-06-11，还有 1 天"},
		{en.stageLine(&checklist.YearStage{Year: 2026, Stage: checklist.StagePublicity, PublicFrom: day(10), PublicTo: day(10)}), "Public notice: 2026-06-10 to 2026-06-10 (1 day)"},
		{en.stageLine(&checklist.YearStage{Year: 2026, Stage: checklist.StagePublicity, PublicFrom: day(10), PublicTo: day(16)}), "Public notice: 2026-06-10 to 2026-06-16 (7 days)"},
		{zh.stageLine(&checklist.YearStage{Year: 2026, Stage: checklist.StagePublicity, PublicFrom: day(10), PublicTo: day(10)}), "公示中：2026-06-10 至 2026-06-10（1 天）"},
		{en.entryWords(missingMeetings, checklist.PartlyMet, 1), "1 meeting missing"},
		{en.entryWords(missingMeetings, checklist.PartlyMet, 2), "2 meetings missing"},
		{zh.entryWords(missingMeetings, checklist.PartlyMet, 1), "缺 1 次"},
		{en.entryWords(bonusAwards, checklist.Met, 1), "1 award"},
		{en.entryWords(bonusAwards, checklist.Met, 3), "3 awards"},
		{zh.entryWords(bonusAwards, checklist.Met, 3), "3 项"},
		{en.entryWords(pointsOff, checklist.PartlyMet, 1), "1 point off"},
		{en.entryWords(pointsOff, checklist.PartlyMet, 2.5), "2.5 points off"},
		{zh.entryWords(pointsOff, checklist.PartlyMet, 1), "扣 1 分"},
		{en.entryWords(bonusPoints, checklist.Met, 1), "1 point"},
		{zh.entryWords(bonusPoints, checklist.Met, 0.5), "加 0.5 分"},
		{starLevel(i18n.English.Pick, 1), "1 star"},
		{starLevel(i18n.English.Pick, 4), "4 stars"},
		{starLevel(i18n.Chinese.Pick, 1), "一星"},
	} {
		if tt.got != tt.want {
			t.Errorf("got  %q\nwant %q", tt.got, tt.want)
		}
	}
}
