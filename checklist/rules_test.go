package checklist_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"branchcheck/checklist"
)

// example is the example standard of testdata: every scoring rule, with
// points easy to add up by hand.
//
//	一 组织建设 30: 1.1 10, 1.2 10 (veto), 1.3 10 (每少一次扣2分, at most 5)
//	二 阵地建设 30: 2.1 10 (无场所扣10分), 2.2 10 (每缺一项扣1分), 2.3 10 (扣分直接填)
//	三 工作成效 40: 3.1 w1, 3.2 w1, 3.3 w2: 10, 10, 20
//	加分 5: B.1 每次1分封顶2, B.2 直接填封顶3, B.3 每次1分封顶1
//	max_total 105; stars 90/80/70/60; veto_cap 2
func example(t testing.TB) *checklist.Standard {
	t.Helper()
	b, err := os.ReadFile("testdata/county-2027.yaml")
	if err != nil {
		t.Fatal(err)
	}
	std, err := checklist.ParseStandard("county-2027.yaml", b)
	if err != nil {
		t.Fatal(err)
	}
	return std
}

// entries reads answers as a person writes them (ParseEntry): every
// scored item full (符合, nothing missing, no bonus) unless given.
func entries(t testing.TB, std *checklist.Standard, given map[string]string) map[string]checklist.Answer {
	t.Helper()
	out := map[string]checklist.Answer{}
	for _, it := range std.ScoredItems() {
		cell, ok := given[it.ID]
		if !ok {
			cell = "符合"
			if it.TakesValue() {
				cell = "0"
			}
		}
		v, x, err := checklist.ParseEntry(it, cell)
		if err != nil {
			t.Fatalf("item %s %q: %v", it.ID, cell, err)
		}
		if v != checklist.Unanswered {
			out[it.ID] = checklist.Answer{Verdict: v, Value: x}
		}
	}
	for id := range given {
		if _, _, ok := std.Item(id); !ok {
			t.Fatalf("no item %s", id)
		}
	}
	return out
}

func TestExampleStandard(t *testing.T) {
	std := example(t)
	if std.Shipped() || !std.HasRules() || !std.TakesValues() {
		t.Errorf("shipped %v, has rules %v, takes values %v", std.Shipped(), std.HasRules(), std.TakesValues())
	}
	def := checklist.DefaultStandard()
	if def.HasRules() || def.TakesValues() || def.MaxTotalPoints() != 100 {
		t.Errorf("the shipped standard uses rules: %v %v %v", def.HasRules(), def.TakesValues(), def.MaxTotalPoints())
	}
	two, _ := std.Requirement("2")
	if two.Points != 30 {
		t.Errorf("requirement 2 without points carries %v, want the sum of its items' 30", two.Points)
	}
	if std.TotalPoints() != 100 || std.MaxTotalPoints() != 105 {
		t.Errorf("total points %v (bonus left out), max total %v", std.TotalPoints(), std.MaxTotalPoints())
	}
	kinds := map[string]checklist.ItemKind{"1.1": checklist.VerdictItem, "1.3": checklist.DeductionItem, "2.3": checklist.DeductionItem, "3.3": checklist.VerdictItem, "B.2": checklist.BonusItem}
	for id, want := range kinds {
		if it, _, _ := std.Item(id); it.Kind() != want {
			t.Errorf("item %s is a %s item, want %s", id, it.Kind(), want)
		}
	}
	rules := map[string]string{
		"1.3": "每缺一次扣2分，扣完为止（本项10分）", "2.3": "按实际扣分，扣完为止（本项10分）",
		"B.1": "每次奖1分（封顶2分）", "B.2": "按实际加分（封顶3分）", "1.1": "",
	}
	for id, want := range rules {
		if it, _, _ := std.Item(id); it.RuleText().ZH != want {
			t.Errorf("item %s rule %q, want %q", id, it.RuleText().ZH, want)
		}
	}
	if it, _, _ := std.Item("2.2"); it.Asks() != (checklist.Text{ZH: "缺了几项？", EN: "How many items are missing?"}) {
		t.Errorf("2.2 asks %+v", it.Asks())
	}
	if sit, ok := std.VetoSituation("discipline"); !ok || sit.CapStars != 2 || sit.Effect().ZH != "最高评为2星级（不得评定为3星级及以上）" {
		t.Errorf("situation discipline %+v", sit)
	}
	if sit, _ := std.VetoSituation("weak"); !sit.Disqualify || sit.Effect().ZH != "取消当年评星资格" {
		t.Errorf("situation weak %+v", sit)
	}
	if q := std.Stars.Quotas; len(q) != 2 || q[0] != (checklist.Quota{Stars: 5, AtMostPercent: 30}) || !q[1].AndAbove {
		t.Errorf("quotas %+v", q)
	}
	if std.SelfAssessment.Gap() != 8 || std.SelfAssessment.ItemShare() != 0.5 {
		t.Errorf("self-assessment thresholds %+v", std.SelfAssessment)
	}
}

// TestExampleScores scores visits under the example standard to totals
// computed by hand (each case says how).
func TestExampleScores(t *testing.T) {
	std := example(t)
	noMax := example(t)
	noMax.MaxTotal = 0
	tests := []struct {
		name        string
		std         *checklist.Standard
		given       map[string]string
		reqs        []float64 // 一, 二, 三, 加分; -1: not applicable
		base, bonus float64
		total       float64
		stars       int
		lagging     bool
		veto        []string
	}{
		{
			name: "Full", std: std,
			reqs: []float64{30, 30, 40, 0}, base: 100, total: 100, stars: 5,
		},
		{
			// 一: 10 + 5 (部分符合) + (10 - 2×2) = 21. 二: 10 + (10 - 3) +
			// (10 - 2.5) = 24.5. 三: 10 + 0 + 20/2 = 20 (3.3 half of its 20).
			// Base 65.5; B.1 once: 1. Total 66.5: two stars.
			name: "Deductions", std: std,
			given: map[string]string{"1.2": "部分符合", "1.3": "2", "2.2": "3", "2.3": "2.5", "3.2": "不符合", "3.3": "部分符合", "B.1": "1"},
			reqs:  []float64{21, 24.5, 20, 1}, base: 65.5, bonus: 1, total: 66.5, stars: 2, lagging: true,
		},
		{
			// 扣完为止: 1.3 five meetings missed (5×2 = 10 off: 0), 2.1 no
			// room (10 off: 0), 2.2 ten of ten missing (0), 2.3 fifteen
			// points off a ten-point item (0, not -5). 一 20, 二 0, 三 40.
			name: "FlooredAtZero", std: std,
			given: map[string]string{"1.3": "5", "2.1": "1", "2.2": "10", "2.3": "15"},
			reqs:  []float64{20, 0, 40, 0}, base: 60, total: 60, stars: 2, lagging: true,
		},
		{
			// 不得分: 2.2 不符合 is none of its 10 points, whatever count.
			name: "NoPoints", std: std, given: map[string]string{"2.2": "不得分"},
			reqs: []float64{30, 20, 40, 0}, base: 90, total: 90, stars: 5,
		},
		{
			// A bonus makes up lost points: base 98 (2.3 two off), bonus
			// 2 + 3 = 5, total 103 under max_total 105.
			name: "TotalAbove100WhenAllowed", std: std, given: map[string]string{"2.3": "2", "B.1": "2", "B.2": "3"},
			reqs: []float64{30, 28, 40, 5}, base: 98, bonus: 5, total: 103, stars: 5,
		},
		{
			// The same without max_total: the total stops at 100, and the
			// bonus counted is what fits, 2.
			name: "TotalCappedAt100ByDefault", std: noMax, given: map[string]string{"2.3": "2", "B.1": "2", "B.2": "3"},
			reqs: []float64{30, 28, 40, 5}, base: 98, bonus: 2, total: 100, stars: 5,
		},
		{
			// Caps: B.1 five commendations earn its cap 2, B.2 3, B.3
			// three times its cap 1: 6, and the section's cap is 5. Total
			// 105, the maximum.
			name: "BonusCaps", std: std, given: map[string]string{"B.1": "5", "B.2": "3", "B.3": "3"},
			reqs: []float64{30, 30, 40, 5}, base: 100, bonus: 5, total: 105, stars: 5,
		},
		{
			// The veto item 1.2 not met: 90 points would be five stars;
			// capped at veto_cap 2.
			name: "VetoItem", std: std, given: map[string]string{"1.2": "不符合"},
			reqs: []float64{20, 30, 40, 0}, base: 90, total: 90, stars: 2, lagging: true, veto: []string{"1.2"},
		},
		{
			// 2.1 不适用: 二's 30 points are shared by 2.2 and 2.3 (20
			// points of items): 2.2 three missing keeps 7, 2.3 10, so
			// 17/20 × 30 = 25.5.
			name: "DeductionNotApplicable", std: std, given: map[string]string{"2.1": "不适用", "2.2": "3"},
			reqs: []float64{30, 25.5, 40, 0}, base: 95.5, total: 95.5, stars: 5,
		},
		{
			// 三 all 不适用: left out, and 一 + 二 (60 points) rescaled to
			// 100: (21 + 30) / 60 × 100 = 85; bonus 3 on top: 88.
			name: "RequirementLeftOutRescales", std: std,
			given: map[string]string{"1.2": "部分符合", "1.3": "2", "3.1": "不适用", "3.2": "不适用", "3.3": "不适用", "B.2": "3"},
			reqs:  []float64{21, 30, -1, 3}, base: 85, bonus: 3, total: 88, stars: 4,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			answers := entries(t, tt.std, tt.given)
			got := checklist.ScoreAnswers(tt.std, answers)
			if got.Base != tt.base || got.Bonus != tt.bonus || got.Total != tt.total {
				t.Errorf("base %v + bonus %v = total %v, want %v + %v = %v", got.Base, got.Bonus, got.Total, tt.base, tt.bonus, tt.total)
			}
			for i, want := range tt.reqs {
				rs := got.Requirements[i]
				if want < 0 {
					if rs.Applicable {
						t.Errorf("requirement %s applicable, want left out", rs.ID)
					}
					continue
				}
				if !rs.Applicable || rs.Points != want {
					t.Errorf("requirement %s = %v (applicable %v), want %v", rs.ID, rs.Points, rs.Applicable, want)
				}
			}
			if got.Stars != tt.stars || got.Lagging != tt.lagging {
				t.Errorf("stars %d lagging %v, want %d %v", got.Stars, got.Lagging, tt.stars, tt.lagging)
			}
			if strings.Join(got.VetoItems, ",") != strings.Join(tt.veto, ",") {
				t.Errorf("veto items %v, want %v", got.VetoItems, tt.veto)
			}
			if got.Provisional || got.Answered != 12 || got.Scored != 12 {
				t.Errorf("provisional %v, %d of %d answered", got.Provisional, got.Answered, got.Scored)
			}

			// The packed form (the store's summaries) scores the same,
			// from the verdicts and values by position.
			var verdicts []checklist.Verdict
			var values []float64
			for _, it := range tt.std.ScoredItems() {
				verdicts = append(verdicts, answers[it.ID].Verdict)
				values = append(values, answers[it.ID].Value)
			}
			packed := checklist.ScoreVerdictsAndValues(tt.std, verdicts, values)
			if packed.Total != got.Total || packed.Base != got.Base || packed.Stars != got.Stars {
				t.Errorf("packed: total %v base %v stars %d; by answers %v %v %d", packed.Total, packed.Base, packed.Stars, got.Total, got.Base, got.Stars)
			}
		})
	}
}

// TestItemScores: the points of each item, the raw figures of the
// self-assessment comparison.
func TestItemScores(t *testing.T) {
	std := example(t)
	items := checklist.ItemScores(std, entries(t, std, map[string]string{
		"1.3": "2", "2.1": "不适用", "2.2": "3", "3.3": "部分符合", "B.1": "5",
	}))
	want := map[string][2]float64{ // points, max
		"1.1": {10, 10}, "1.3": {6, 10},
		"2.1": {0, 0},                      // not applicable
		"2.2": {10.5, 15}, "2.3": {15, 15}, // 二's 30 over the 20 points applicable
		"3.1": {10, 10}, "3.3": {10, 20},
		"B.1": {2, 2}, "B.2": {0, 3},
	}
	if len(items) != 12 {
		t.Fatalf("%d items, want 12", len(items))
	}
	for _, is := range items {
		w, ok := want[is.ID]
		if !ok {
			continue
		}
		if is.Points != w[0] || is.Max != w[1] {
			t.Errorf("item %s: %v of %v, want %v of %v", is.ID, is.Points, is.Max, w[0], w[1])
		}
		if is.Bonus != strings.HasPrefix(is.ID, "B") || is.Applicable == (is.ID == "2.1") {
			t.Errorf("item %s: bonus %v applicable %v", is.ID, is.Bonus, is.Applicable)
		}
	}
}

// TestShippedScoresUnchanged: the shipped standards score every verdict
// as before: the figures of TestScoreAnswers, and the packed form with or
// without values.
func TestShippedScoresUnchanged(t *testing.T) {
	def := checklist.DefaultStandard()
	answers := with(with(answersAll(def, checklist.Met), checklist.PartlyMet, "1.1"), checklist.NotApplicable, "2.1")
	got := checklist.ScoreAnswers(def, answers)
	// 一 loses half of one of three: 16.67; 二 two of three apply: 20.
	if got.Total != 96.67 || got.Base != 96.67 || got.Bonus != 0 || got.Stars != 5 {
		t.Errorf("total %v base %v bonus %v stars %d", got.Total, got.Base, got.Bonus, got.Stars)
	}
	var verdicts []checklist.Verdict
	for _, it := range def.ScoredItems() {
		verdicts = append(verdicts, answers[it.ID].Verdict)
	}
	a, b := checklist.ScoreVerdicts(def, verdicts), checklist.ScoreVerdictsAndValues(def, verdicts, make([]float64, len(verdicts)))
	if a.Total != got.Total || b.Total != got.Total || a.Stars != b.Stars {
		t.Errorf("packed %v / %v, by answers %v", a.Total, b.Total, got.Total)
	}
}

func TestRulesNotAllowedOnUnscoredOrMixed(t *testing.T) {
	// Hand-built standards: Validate checks the rules as the loader does.
	sm := small()
	sm.Requirements[0].Groups[0].Items[0].Points = 10
	if err := sm.Validate(); err == nil || !strings.Contains(err.Error(), "every scored item of it needs points") {
		t.Errorf("points on one item of two: %v", err)
	}
	sm = small()
	sm.Requirements[0].Groups[0].Items[2].Deduction = &checklist.DeductionRule{PerUnit: 1}
	if err := sm.Validate(); err == nil || !strings.Contains(err.Error(), "is not scored") {
		t.Errorf("a rule on an unscored item: %v", err)
	}
	var verr *checklist.ValidationError
	if err := sm.Validate(); !errors.As(err, &verr) || verr.Said == nil || !strings.Contains(verr.Said.Say(true, nil), "不计分") {
		t.Errorf("the error is not worded in Chinese: %#v", err)
	}
}

// withRules is a valid standard file using the rules; the cases below
// break it one way each.
const withRules = `format: 1
id: rules-2027
year: 2027
title: 规则
max_total: 105
stars:
  levels:
    - {stars: 5, min_points: 90}
    - {stars: 4, min_points: 80}
    - {stars: 3, min_points: 70}
    - {stars: 2, min_points: 60}
  quotas:
    - {stars: 5, at_most_percent: 30}
veto_situations:
  - id: weak
    text: 软弱涣散
    disqualify: true
self_assessment:
  large_gap: 8
requirements:
  - id: "1"
    title: 一
    points: 20
    items:
      - id: "1.1"
        text: 甲
        points: 10
      - id: "1.2"
        text: 乙
        points: 10
        deduct: {per_unit: 1, max_units: 5}
  - id: "B"
    title: 加分
    bonus: true
    items:
      - id: "B.1"
        text: 丙
        bonus: {per_unit: 1, cap: 2}
`

// chinese words an error in Chinese as i18n does: the outermost
// *checklist.Error of the chain, its causes too.
func chinese(err error) string {
	var e *checklist.Error
	if errors.As(err, &e) {
		return e.Say(true, chinese)
	}
	return err.Error()
}

func TestParseStandardRuleErrors(t *testing.T) {
	if std, err := checklist.ParseStandard("ok.yaml", []byte(withRules)); err != nil {
		t.Fatal(err)
	} else if b, _ := std.Requirement("B"); b.Points != 2 {
		t.Errorf("the bonus section without points carries %v, want its items' caps, 2", b.Points)
	}
	tests := []struct {
		name, old, new string
		want           string // the whole error in English, FILE:LINE:COL: message
		zh             string // the same in Chinese, as i18n says it
	}{
		{"PointsDoNotAddUp", "    points: 20\n", "    points: 25\n",
			`bad.yaml:23:13: requirement 1 carries 25 points, but its items' points add up to 20`,
			`bad.yaml:23:13：要 1 是 25 分，但各条目的分值合计 20 分`},
		{"PointsOnSomeItems", "text: 甲\n        points: 10\n", "text: 甲\n",
			`bad.yaml:25:9: requirement 1: item 1.2 has points, so every scored item of it needs points (or none, to share by weight)`,
			`bad.yaml:25:9：要 1 的条目 1.2 写了分值（points），其余计分条目也都要写分值（或都不写，按 weight 分配）`},
		{"PointsAndWeight", "text: 甲\n", "text: 甲\n        weight: 2\n",
			`bad.yaml:27:17: item 1.1 has points: give points or a weight, not both`, "条目 1.1 写了分值（points），就不再写 weight"},
		{"ZeroItemPoints", "text: 甲\n        points: 10\n", "text: 甲\n        points: 0\n",
			`bad.yaml:27:17: item 1.1: points must be more than 0, not 0`, "条目 1.1 的分值应大于 0，不是 0"},
		{"DeductionWithoutPoints", "    points: 20\n    items:\n      - id: \"1.1\"\n        text: 甲\n        points: 10\n      - id: \"1.2\"\n        text: 乙\n        points: 10\n",
			"    items:\n      - id: \"1.2\"\n        text: 乙\n",
			`bad.yaml:24:9: deduction item 1.2 needs its points, which the deductions come off`, "扣分条目 1.2 要写分值（points）"},
		{"PerUnitAndDirect", "{per_unit: 1, max_units: 5}", "{per_unit: 1, direct: true}",
			`bad.yaml:31:39: item 1.2: per_unit (a count) or direct (points), not both`, "per_unit（按个数计）和 direct（直接填分）只能二选一"},
		{"NeitherPerUnitNorDirect", "{per_unit: 1, max_units: 5}", "{max_units: 5}",
			`bad.yaml:31:18: item 1.2 needs per_unit (points for each unit counted) or direct: true (points entered)`, "要写 per_unit"},
		{"ZeroPerUnit", "{per_unit: 1, max_units: 5}", "{per_unit: 0}",
			`bad.yaml:31:28: item 1.2: per_unit must be more than 0, not 0`, "per_unit 应大于 0"},
		{"DeductionCap", "{per_unit: 1, max_units: 5}", "{per_unit: 1, cap: 3}",
			`bad.yaml:31:36: deduction item 1.2 stops at 0 by itself: cap is for bonus items`, "扣完为止，不用 cap"},
		{"TooManyUnits", "max_units: 5}", "max_units: 2000}",
			`bad.yaml:31:42: item 1.2: max_units must be from 1 to 1000, not 2000`, "max_units 应在 1 到 1000 之间"},
		{"DirectWithMaxUnits", "{per_unit: 1, max_units: 5}", "{direct: true, max_units: 5}",
			`bad.yaml:31:43: item 1.2 takes points off, not a count: max_units does not apply`, "按实际扣分，不计个数"},
		{"UnitTooLong", "{per_unit: 1, max_units: 5}", "{per_unit: 1, unit: 一二三四五六七八九十一二三四五六七八九十一}",
			`bad.yaml:31:37: item 1.2's unit is too long: 21 characters, at most 20`, "条目 1.2 的单位太长"},
		{"BonusOutsideSection", "text: 甲\n", "text: 甲\n        bonus: {per_unit: 1, cap: 1}\n",
			`bad.yaml:27:17: bonus item 1.1 belongs in a bonus section (a requirement with bonus: true)`, "加分条目 1.1 要放在加分项"},
		{"BonusWithoutCap", "{per_unit: 1, cap: 2}", "{per_unit: 1}",
			`bad.yaml:38:17: bonus item B.1 needs its cap: more than 0 and at most 105, not 0`, "加分条目 B.1 要写封顶分 cap"},
		{"BonusMaxUnits", "{per_unit: 1, cap: 2}", "{per_unit: 1, cap: 2, max_units: 3}",
			`bad.yaml:38:49: bonus item B.1 is bounded by its cap, not max_units`, "用封顶分 cap 限定"},
		{"BonusPoints", "        text: 丙\n", "        text: 丙\n        points: 2\n",
			`bad.yaml:38:17: bonus item B.1 takes its cap (bonus.cap), not points`, "不写分值"},
		{"VerdictItemInBonusSection", "        bonus: {per_unit: 1, cap: 2}\n", "",
			`bad.yaml:36:9: requirement B is a bonus section: its item B.1 needs a bonus rule`, "要 B 是加分项"},
		{"BonusVeto", "        text: 丙\n", "        text: 丙\n        veto: true\n",
			`bad.yaml:38:15: bonus item B.1 cannot be a veto item`, "不能是否决项"},
		{"MaxTotalBelow100", "max_total: 105", "max_total: 90",
			`bad.yaml:5:12: max_total must be from 100 to 1000 points (100 when left out), not 90`, "总分上限 max_total 应在 100 到 1000 分之间"},
		{"MaxTotalZero", "max_total: 105", "max_total: 0",
			`bad.yaml:5:12: max_total must be from 100 to 1000 points (100 when left out), not 0`, "不是 0"},
		{"MinPointsAboveMaxTotal", "{stars: 5, min_points: 90}", "{stars: 5, min_points: 110}",
			`bad.yaml:8:30: 5 stars: min_points must be above 0 and at most 105, not 110`, ""},
		{"SituationWithoutEffect", "    disqualify: true\n", "",
			`bad.yaml:15:5: veto situation weak needs its effect: cap_stars, or disqualify: true`, "一票否决情形 weak 要写明后果"},
		{"SituationBothEffects", "    disqualify: true\n", "    disqualify: true\n    cap_stars: 2\n",
			`bad.yaml:18:16: veto situation weak either caps the stars (cap_stars) or disqualifies (disqualify), not both`, "只能二选一"},
		{"SituationCapOutOfScale", "    disqualify: true\n", "    cap_stars: 5\n",
			`bad.yaml:17:16: veto situation weak: cap_stars must be between 1 and 4 stars, not 5`, "cap_stars 应在 1 到 4 星之间"},
		{"SituationTwice", "    disqualify: true\n", "    disqualify: true\n  - id: weak\n    text: 又一次\n    cap_stars: 2\n",
			`bad.yaml:18:9: veto situation id "weak" is used twice (first at line 15)`, "一票否决情形 id “weak” 用了两次（首次出现在第 15 行）"},
		{"SituationBadID", "id: weak", `id: "weak one"`,
			`bad.yaml:15:9: veto situation id "weak one": use letters, digits, '.', '-' or '_' (at most 64)`, "只能用字母、数字"},
		{"SituationNoText", "    text: 软弱涣散\n", "",
			`bad.yaml:15:5: veto situation weak has no text`, "没有文字"},
		{"QuotaOfAll", "at_most_percent: 30", "at_most_percent: 100",
			`bad.yaml:13:35: 5 stars: at_most_percent must be more than 0 and less than 100, not 100`, "5星级的名额比例"},
		{"QuotaOffTheScale", "{stars: 5, at_most_percent: 30}", "{stars: 6, at_most_percent: 30}",
			`bad.yaml:13:15: a quota's stars must be between 1 and 5, not 6`, "名额限制的星级应在 1 到 5 星之间"},
		{"QuotaTwice", "    - {stars: 5, at_most_percent: 30}\n", "    - {stars: 5, at_most_percent: 30}\n    - {stars: 5, at_most_percent: 20}\n",
			`bad.yaml:14:8: the quota of 5 stars is given twice`, "5星级的名额限制写了两次"},
		{"LargeGapZero", "large_gap: 8", "large_gap: 0",
			`bad.yaml:19:14: large_gap must be more than 0, not 0`, "自评差距阈值 large_gap 应大于 0"},
		{"LargeItemShareAboveOne", "large_gap: 8", "large_gap: 8\n  large_item_share: 1.5",
			`bad.yaml:20:21: large_item_share is a share of an item's points: more than 0 and at most 1, not 1.5`, "应大于 0、不超过 1"},
		{"UnknownRuleField", "{per_unit: 1, max_units: 5}", "{per_unit: 1, max_unit: 5}",
			`bad.yaml:31:31: unknown field "max_unit"`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(withRules, tt.old, tt.new, 1)
			if src == withRules {
				t.Fatalf("the case does not change the file: %q not found", tt.old)
			}
			_, err := checklist.ParseStandard("bad.yaml", []byte(src))
			if err == nil {
				t.Fatal("accepted")
			}
			var pe *checklist.PositionError
			if !errors.As(err, &pe) {
				t.Fatalf("error %T %v is not a PositionError", err, err)
			}
			if err.Error() != tt.want {
				t.Errorf("error\n got %s\nwant %s", err, tt.want)
			}
			if tt.zh == "" {
				return
			}
			if !errors.Is(err, checklist.ErrInvalid) {
				t.Errorf("a rule's error is not ErrInvalid: %v", err)
			}
			zh := chinese(err)
			if !strings.HasPrefix(zh, "bad.yaml:") || !strings.Contains(zh, tt.zh) {
				t.Errorf("in Chinese\n got %s\nwant it to hold %s", zh, tt.zh)
			}
			if strings.ContainsAny(strings.TrimPrefix(zh, zh[:strings.Index(zh, "：")]), "(),;") {
				t.Errorf("half-width punctuation in Chinese: %s", zh)
			}
		})
	}
}
