package report

import (
	"testing"

	"branchcheck/checklist"
	"branchcheck/i18n"
)

// TestValueWordsCounted: a count entered for a deduction or bonus item
// says its unit in English singular for one and plural otherwise; the
// Chinese says the number beside its unit, as before.
func TestValueWordsCounted(t *testing.T) {
	missing := &checklist.Item{ID: "1.3", Points: 10, Deduction: &checklist.DeductionRule{PerUnit: 2, Unit: "次", UnitEN: "meeting", MaxUnits: 5}}
	earned := &checklist.Item{ID: "B.1", Bonus: &checklist.BonusRule{PerUnit: 1, Unit: "次", UnitEN: "commendation", Cap: 2}}
	byDefault := &checklist.Item{ID: "2.2", Points: 10, Deduction: &checklist.DeductionRule{PerUnit: 1}}
	points := &checklist.Item{ID: "2.3", Points: 10, Deduction: &checklist.DeductionRule{}}
	for _, tt := range []struct {
		it     *checklist.Item
		x      float64
		zh, en string
	}{
		{missing, 1, "缺1次", "1 meeting missing"},
		{missing, 2, "缺2次", "2 meetings missing"},
		{earned, 1, "1次", "1 commendation"},
		{earned, 2, "2次", "2 commendations"},
		{byDefault, 1, "缺1项", "1 item missing"},
		{byDefault, 6, "缺6项", "6 items missing"},
		{points, 2.5, "扣2.5分", "2.5 points off"},
	} {
		if got := valueWords(i18n.Chinese, tt.it, tt.x); got != tt.zh {
			t.Errorf("%s %g in Chinese: %q, want %q", tt.it.ID, tt.x, got, tt.zh)
		}
		if got := valueWords(i18n.English, tt.it, tt.x); got != tt.en {
			t.Errorf("%s %g in English: %q, want %q", tt.it.ID, tt.x, got, tt.en)
		}
	}
}
