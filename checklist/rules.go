package checklist

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// The scoring rules beyond verdicts that a bureau's own standard may use
// (the shipped standard uses none of them, so its scores never change):
//
//   - per-item points (分值): the items of a requirement carry their own
//     points, adding up to the requirement's, instead of sharing it by
//     weight;
//   - deduction items: the inspector enters what is missing, as a count
//     ("每缺一项扣1分") or as points off, and the item keeps what is left of
//     its points, floored at zero ("扣完为止"); 不符合 on a deduction item
//     is 不得分, none of its points whatever the count;
//   - bonus items (加分项), in a bonus section: the inspector enters what
//     earns them, a count ("奖1分(封顶1分)") or points, capped; the bonus
//     is added to the total outside the 100 the other requirements share,
//     and the total is capped at MaxTotal (100 unless the standard says
//     more);
//   - veto situations (一票否决情形) outside the checklist, recorded per
//     school and year (VetoRecord), each capping the stars or
//     disqualifying the branch for the year;
//   - quotas on the star levels (★5 at most 30% of the rated schools),
//     checked and warned about, never applied (CheckQuotas);
//   - what counts as a large gap between a branch's self-assessment and
//     the inspection (SelfAssessmentRules).

// Defaults and bounds of the scoring rules.
const (
	// DefaultMaxTotal is the most a total can be when the standard does
	// not say: bonus items cannot take a school past 100.
	DefaultMaxTotal = 100
	// MaxMaxTotal bounds a standard's max_total.
	MaxMaxTotal = 1000
	// MaxUnits bounds a count entered for an item: no real list has a
	// thousand entries.
	MaxUnits = 1000
	// MaxUnitLength bounds the name of a unit (项, 本, 次, "commendation"),
	// in characters.
	MaxUnitLength = 20
	// DefaultLargeGap is the gap between a branch's self-assessed total
	// and its inspection's at or above which the gap is large: 10 points.
	DefaultLargeGap = 10
	// DefaultLargeItemShare is the share of an item's points at or above
	// which the gap on that item is large: the whole item (the branch
	// gave itself all of it, the inspectors none, or the other way round).
	DefaultLargeItemShare = 1
)

// pointsEpsilon is how far apart two sums of points may be and still be
// the same (points are given to hundredths).
const pointsEpsilon = 1e-6

// ItemKind is how an item is answered and scored.
type ItemKind string

// The kinds of item.
const (
	// VerdictItem: one key per item, 符合 / 部分符合 / 不符合 / 不适用.
	VerdictItem ItemKind = "verdict"
	// DeductionItem: a number, what is missing; the item keeps what is
	// left of its points.
	DeductionItem ItemKind = "deduction"
	// BonusItem: a number, what earns the bonus; capped.
	BonusItem ItemKind = "bonus"
)

// DeductionRule is how a deduction item turns what is missing into
// points off: PerUnit points for each unit missing ("每缺一项扣1分"), or,
// with PerUnit 0, the points off as the inspector enters them.
type DeductionRule struct {
	// PerUnit is what one unit missing takes off; 0: the inspector enters
	// the points off directly.
	PerUnit float64 `json:"per_unit,omitempty"`
	// Unit names what is counted (项, 本, 处); 项 when not given.
	Unit   string `json:"unit,omitempty"`
	UnitEN string `json:"unit_en,omitempty"`
	// MaxUnits, if more than 0, is the most that can be missing (the
	// list's length: 12 for a ledger of twelve books).
	MaxUnits int `json:"max_units,omitempty"`
}

// BonusRule is how a bonus item turns what earns it into points: PerUnit
// points for each unit ("奖1分"), or, with PerUnit 0, the points as the
// inspector enters them; at most Cap ("封顶1分").
type BonusRule struct {
	// PerUnit is what one unit earns; 0: the inspector enters the points.
	PerUnit float64 `json:"per_unit,omitempty"`
	// Unit names what is counted (次, 项); 项 when not given.
	Unit   string `json:"unit,omitempty"`
	UnitEN string `json:"unit_en,omitempty"`
	// Cap is the most the item can add.
	Cap float64 `json:"cap"`
}

// VetoSituation is one 一票否决情形 a standard lists: a situation outside
// the checklist (a disciplinary case, 软弱涣散 status) that, recorded for a
// school and year, caps its stars or disqualifies it for the year.
type VetoSituation struct {
	// ID is short and stable: a record points at it.
	ID string `json:"id"`
	// Text says the situation as the standard states it.
	Text   string `json:"text"`
	TextEN string `json:"text_en,omitempty"`
	// CapStars, if more than 0, is the most stars the branch can get
	// ("不得评定为三星级及以上": 2).
	CapStars int `json:"cap_stars,omitempty"`
	// Disqualify: the branch is not rated that year (取消当年评星资格): 0
	// stars, and lagging.
	Disqualify bool `json:"disqualify,omitempty"`
}

// Quota bounds the share of a year's rated schools at a star level: "★5
// at most 30%". It is checked and warned about, never applied.
type Quota struct {
	// Stars is the level; with AndAbove, the level and every one above.
	Stars    int  `json:"stars"`
	AndAbove bool `json:"and_above,omitempty"`
	// AtMostPercent is the most the level may hold, in percent of the
	// rated schools.
	AtMostPercent float64 `json:"at_most_percent"`
}

// SelfAssessmentRules say what the comparison of a branch's
// self-assessment with the inspection counts as a large gap. Zero fields
// take the defaults.
type SelfAssessmentRules struct {
	// LargeGap is the gap in total points at or above which it is large;
	// 0 means DefaultLargeGap.
	LargeGap float64 `json:"large_gap,omitempty"`
	// LargeItemShare is the share of an item's points at or above which
	// the gap on the item is large; 0 means DefaultLargeItemShare.
	LargeItemShare float64 `json:"large_item_share,omitempty"`
}

// Gap is the large-gap threshold for totals.
func (r SelfAssessmentRules) Gap() float64 {
	if r.LargeGap > 0 {
		return r.LargeGap
	}
	return DefaultLargeGap
}

// ItemShare is the large-gap threshold for an item, as a share of its
// points.
func (r SelfAssessmentRules) ItemShare() float64 {
	if r.LargeItemShare > 0 {
		return r.LargeItemShare
	}
	return DefaultLargeItemShare
}

// MaxTotalPoints is the most a total can be: the standard's MaxTotal, or
// DefaultMaxTotal.
func (s *Standard) MaxTotalPoints() float64 {
	if s.MaxTotal > 0 {
		return s.MaxTotal
	}
	return DefaultMaxTotal
}

// TakesValues reports whether some scored item of the standard is
// answered with a number (a deduction or bonus item): scoring its visits
// then needs the values as well as the verdicts (ScoreVerdictsAndValues).
func (s *Standard) TakesValues() bool {
	for _, it := range s.ScoredItems() {
		if it.TakesValue() {
			return true
		}
	}
	return false
}

// HasRules reports whether the standard uses any scoring rule beyond
// equal-weight verdicts: per-item points, deduction or bonus items, a
// max_total, veto situations, quotas or self-assessment thresholds.
func (s *Standard) HasRules() bool {
	if s.MaxTotal > 0 || len(s.VetoSituations) > 0 || len(s.Stars.Quotas) > 0 || s.SelfAssessment != (SelfAssessmentRules{}) {
		return true
	}
	for _, it := range s.Items() {
		if it.Points > 0 || it.TakesValue() {
			return true
		}
	}
	return false
}

// VetoSituation returns the veto situation with the given id.
func (s *Standard) VetoSituation(id string) (*VetoSituation, bool) {
	for i := range s.VetoSituations {
		if s.VetoSituations[i].ID == id {
			return &s.VetoSituations[i], true
		}
	}
	return nil, false
}

// Kind is how the item is answered and scored.
func (it *Item) Kind() ItemKind {
	switch {
	case it.Deduction != nil:
		return DeductionItem
	case it.Bonus != nil:
		return BonusItem
	}
	return VerdictItem
}

// TakesValue reports whether the item is answered with a number: a
// deduction or bonus item. The walk asks for the number (see
// CountsUnits, Unit, MaxValue); it still takes 不适用, 不得分 (a deduction
// item's 不符合) and clearing as keys.
func (it *Item) TakesValue() bool { return it.Deduction != nil || it.Bonus != nil }

// CountsUnits reports whether the number the item takes is a count of
// units (what is missing, what earns a bonus) rather than points.
func (it *Item) CountsUnits() bool {
	switch {
	case it.Deduction != nil:
		return it.Deduction.PerUnit > 0
	case it.Bonus != nil:
		return it.Bonus.PerUnit > 0
	}
	return false
}

// Unit names what the item counts, in Chinese and English (项, "item" by
// default); empty for an item that counts nothing.
func (it *Item) Unit() Text {
	var zh, en string
	switch {
	case it.Deduction != nil && it.Deduction.PerUnit > 0:
		zh, en = it.Deduction.Unit, it.Deduction.UnitEN
	case it.Bonus != nil && it.Bonus.PerUnit > 0:
		zh, en = it.Bonus.Unit, it.Bonus.UnitEN
	default:
		return Text{}
	}
	if zh == "" {
		zh = "项"
	}
	if en == "" {
		en = "item"
	}
	return Text{ZH: zh, EN: en}
}

// Units is n of what the item counts, for a message in both languages:
// the number alone for %d (beside the Chinese unit: 缺2次), "1 meeting",
// "3 meetings" for %s (the English plural is the unit with an s, as the
// walk asks "how many meetings").
func (it *Item) Units(n int) Count {
	u := it.Unit().EN
	return Counted(n, u, u+"s")
}

// MaxPoints is the most the item can earn: its points, or a bonus item's
// cap; 0 for a verdict item without points of its own (its share depends
// on the other items of its requirement).
func (it *Item) MaxPoints() float64 {
	if it.Bonus != nil {
		return it.Bonus.Cap
	}
	return it.Points
}

// MaxValue is the most the item takes as its number: a count's bound
// (MaxUnits), or a bonus's cap when points are entered; MaxUnits for
// points off a deduction item (anything past its points leaves 0).
func (it *Item) MaxValue() float64 {
	switch {
	case it.Deduction != nil && it.Deduction.PerUnit > 0 && it.Deduction.MaxUnits > 0:
		return float64(it.Deduction.MaxUnits)
	case it.Bonus != nil && it.Bonus.PerUnit == 0:
		return it.Bonus.Cap
	}
	return MaxUnits
}

// ValuePoints is what the item earns for the number entered: for a
// deduction item, what is left of its points, floored at zero (扣完为止);
// for a bonus item, what it adds, capped (封顶); 0 for a verdict item.
func (it *Item) ValuePoints(value float64) float64 {
	if !(value > 0) || math.IsInf(value, 0) {
		value = 0
	}
	switch {
	case it.Deduction != nil:
		off := value
		if it.Deduction.PerUnit > 0 {
			off = value * it.Deduction.PerUnit
		}
		return max(it.Points-off, 0)
	case it.Bonus != nil:
		got := value
		if it.Bonus.PerUnit > 0 {
			got = value * it.Bonus.PerUnit
		}
		return min(got, it.Bonus.Cap)
	}
	return 0
}

// VerdictFor is the verdict a number entered for the item gives, so that
// everything that reads verdicts (the completion gate, the findings, the
// rectifications, the packed summaries) reads a deduction or bonus item
// too: a deduction item that keeps all its points is 符合, one left with
// none 不符合, one in between 部分符合; a bonus item is 符合 (answered),
// whatever it earns. A verdict item gives Unanswered.
func (it *Item) VerdictFor(value float64) Verdict {
	switch {
	case it.Deduction != nil:
		switch left := it.ValuePoints(value); {
		case left >= it.Points-pointsEpsilon:
			return Met
		case left <= pointsEpsilon:
			return NotMet
		}
		return PartlyMet
	case it.Bonus != nil:
		return Met
	}
	return Unanswered
}

// CheckValue checks a number entered for the item: the item takes one, it
// is 0 or more, a count is a whole number up to its bound, points have at
// most two decimals, a bonus entered as points is within its cap.
func (it *Item) CheckValue(value float64) error {
	if !it.TakesValue() {
		return Errorf(ErrInvalid, Text{ZH: "项目 %s 按符合、部分符合、不符合、不适用作答，不填数字", EN: "item %s takes a verdict, not a number"}, it.ID)
	}
	shown := strconv.FormatFloat(value, 'f', -1, 64)
	if math.IsNaN(value) || math.IsInf(value, 0) || value < 0 {
		return Errorf(ErrInvalid, Text{ZH: "项目 %s 应填 0 或正数，不是 %s", EN: "item %s takes 0 or a positive number, not %s"}, it.ID, shown)
	}
	if it.CountsUnits() {
		if value != math.Trunc(value) {
			return Errorf(ErrInvalid, Text{ZH: "项目 %s 填的是个数（%s），应为整数，不是 %s", EN: "item %s takes a count (%s): a whole number, not %s"}, it.ID, it.Unit(), shown)
		}
		if limit := it.MaxValue(); value > limit {
			return Errorf(ErrInvalid, Text{ZH: "项目 %s 最多 %s %s，不是 %s", EN: "item %s: at most %s (%s), not %s"}, it.ID, FormatPoints(limit), it.Unit(), shown)
		}
		return nil
	}
	if math.Abs(value*100-math.Round(value*100)) > 1e-6 {
		return Errorf(ErrInvalid, Text{ZH: "项目 %s 的分数最多两位小数，不是 %s", EN: "item %s: points have at most two decimals, not %s"}, it.ID, shown)
	}
	if limit := it.MaxValue(); value > limit {
		if it.Bonus != nil {
			return Errorf(ErrInvalid, Text{ZH: "项目 %s 最多加 %d 分（封顶），不是 %s", EN: "item %s adds at most %v (its cap), not %s"}, it.ID, Points(limit), shown)
		}
		return Errorf(ErrInvalid, Text{ZH: "项目 %s 最多扣 %d 分，不是 %s", EN: "item %s: at most %v off, not %s"}, it.ID, Points(limit), shown)
	}
	return nil
}

// RuleText states the item's scoring rule in both languages, e.g.
// "每缺一本扣1分，扣完为止（本项10分）" or "每次奖1分（封顶1分）"; empty for a
// verdict item. The texts are finished sentences, not formats: show them
// with Pick, or pass them as an argument.
func (it *Item) RuleText() Text {
	u := it.Unit()
	switch {
	case it.Deduction != nil && it.Deduction.PerUnit > 0:
		return Text{
			ZH: fmt.Sprintf("每缺一%s扣%s分，扣完为止（本项%s分）", u.ZH, FormatPoints(it.Deduction.PerUnit), FormatPoints(it.Points)),
			EN: fmt.Sprintf("%s off for each %s missing, down to 0 (of %s)", pointsWord(it.Deduction.PerUnit), u.EN, FormatPoints(it.Points)),
		}
	case it.Deduction != nil:
		return Text{
			ZH: fmt.Sprintf("按实际扣分，扣完为止（本项%s分）", FormatPoints(it.Points)),
			EN: fmt.Sprintf("points off as found, down to 0 (of %s)", FormatPoints(it.Points)),
		}
	case it.Bonus != nil && it.Bonus.PerUnit > 0:
		return Text{
			ZH: fmt.Sprintf("每%s奖%s分（封顶%s分）", u.ZH, FormatPoints(it.Bonus.PerUnit), FormatPoints(it.Bonus.Cap)),
			EN: fmt.Sprintf("%s for each %s (at most %s)", pointsWord(it.Bonus.PerUnit), u.EN, FormatPoints(it.Bonus.Cap)),
		}
	case it.Bonus != nil:
		return Text{
			ZH: fmt.Sprintf("按实际加分（封顶%s分）", FormatPoints(it.Bonus.Cap)),
			EN: fmt.Sprintf("points as earned (at most %s)", FormatPoints(it.Bonus.Cap)),
		}
	}
	return Text{}
}

// Effect states what a veto situation does, in both languages:
// "不得评定为二星级以上" (capped at 2 stars, i.e. not 3 and above) or
// "取消当年评星资格". A finished sentence, not a format.
func (v *VetoSituation) Effect() Text {
	if v.Disqualify {
		return Text{ZH: "取消当年评星资格", EN: "not rated that year"}
	}
	return Text{
		ZH: fmt.Sprintf("最高评为%d星级（不得评定为%d星级及以上）", v.CapStars, v.CapStars+1),
		EN: "at most " + Counted(v.CapStars, "star", "stars").String(),
	}
}

func pointsWord(p float64) string {
	if p == 1 {
		return "1 point"
	}
	return FormatPoints(p) + " points"
}

// defaultPoints is what a requirement carries when the file does not say:
// the sum of its items' points when they carry points (a bonus section:
// the sum of its items' caps), else DefaultRequirementPoints.
func (r *Requirement) defaultPoints() float64 {
	var sum float64
	given := false
	for _, it := range r.Items() {
		if !it.Scored {
			continue
		}
		if p := it.MaxPoints(); p > 0 {
			sum += p
			given = true
		}
	}
	if given {
		return sum
	}
	return DefaultRequirementPoints
}

// validateMaxTotal checks the standard's max_total.
func (s *Standard) validateMaxTotal() *ValidationError {
	if s.MaxTotal != 0 && !(s.MaxTotal >= DefaultMaxTotal && s.MaxTotal <= MaxMaxTotal) {
		return invalidf("$.max_total", Text{
			ZH: "总分上限 max_total 应在 %d 到 %d 分之间（不写为 100），不是 %g",
			EN: "max_total must be from %d to %d points (100 when left out), not %g"}, DefaultMaxTotal, MaxMaxTotal, s.MaxTotal)
	}
	return nil
}

// validateRules checks the scoring rules beyond verdicts: items' points
// and rules, bonus sections, veto situations, quotas and the
// self-assessment thresholds.
func (s *Standard) validateRules() *ValidationError {
	base := 0
	for ri := range s.Requirements {
		r := &s.Requirements[ri]
		rp := fmt.Sprintf("$.requirements[%d]", ri)
		var (
			sum              float64
			withPoints       int
			without, withOne string
		)
		for gi := range r.Groups {
			for ii := range r.Groups[gi].Items {
				it := &r.Groups[gi].Items[ii]
				ip := fmt.Sprintf("%s.groups[%d].items[%d]", rp, gi, ii)
				if err := it.validateRule(r, ip, s.MaxTotalPoints()); err != nil {
					return err
				}
				if !it.Scored || r.Bonus {
					continue
				}
				base++
				if it.Points > 0 {
					withPoints++
					sum += it.Points
					if withOne == "" {
						withOne = it.ID
					}
				} else if without == "" {
					without = ip
				}
			}
		}
		if r.Bonus {
			if r.Points > s.MaxTotalPoints() {
				return invalidf(rp+".points", Text{
					ZH: "加分项 %s 最多加 %g 分，超过了总分上限 %g 分",
					EN: "bonus section %s adds at most %v, more than the total's maximum of %v"}, r.ID, Points(r.Points), Points(s.MaxTotalPoints()))
			}
			continue
		}
		if withPoints > 0 && without != "" {
			return invalidf(without, Text{
				ZH: "要 %s 的条目 %s 写了分值（points），其余计分条目也都要写分值（或都不写，按 weight 分配）",
				EN: "requirement %s: item %s has points, so every scored item of it needs points (or none, to share by weight)"}, r.ID, withOne)
		}
		if withPoints > 0 && math.Abs(sum-r.Points) > pointsEpsilon {
			return invalidf(rp+".points", Text{
				ZH: "要 %s 是 %g 分，但各条目的分值合计 %g 分",
				EN: "requirement %s carries %v, but its items' points add up to %g"}, r.ID, Points(r.Points), Points(round2(sum)))
		}
	}
	if base == 0 {
		return invalidf("$.requirements", Text{ZH: "标准除加分项外没有计分条目", EN: "the standard has no scored item outside its bonus sections"})
	}
	if err := s.validateSituations(); err != nil {
		return err
	}
	if err := s.Stars.validateQuotas(); err != nil {
		return err
	}
	sa := s.SelfAssessment
	if !(sa.LargeGap >= 0 && sa.LargeGap <= s.MaxTotalPoints()) {
		return invalidf("$.self_assessment.large_gap", Text{
			ZH: "自评差距阈值 large_gap 应大于 0、不超过 %g 分，不是 %g",
			EN: "large_gap must be more than 0 and at most %v, not %g"}, Points(s.MaxTotalPoints()), sa.LargeGap)
	}
	if !(sa.LargeItemShare >= 0 && sa.LargeItemShare <= 1) {
		return invalidf("$.self_assessment.large_item_share", Text{
			ZH: "条目差距阈值 large_item_share 是条目分值的比例，应大于 0、不超过 1，不是 %g",
			EN: "large_item_share is a share of an item's points: more than 0 and at most 1, not %g"}, sa.LargeItemShare)
	}
	return nil
}

// validateRule checks one item's points and rule, in requirement r.
func (it *Item) validateRule(r *Requirement, ip string, maxTotal float64) *ValidationError {
	switch {
	case it.Points < 0 || math.IsNaN(it.Points) || math.IsInf(it.Points, 0) || it.Points > maxTotal:
		return invalidf(ip+".points", Text{ZH: "条目 %s 的分值应大于 0、不超过 %g，不是 %g", EN: "item %s: points must be more than 0 and at most %g, not %g"}, it.ID, maxTotal, it.Points)
	case it.Deduction != nil && it.Bonus != nil:
		return invalidf(ip+".bonus", Text{ZH: "条目 %s 不能既是扣分项又是加分项", EN: "item %s cannot be both a deduction item and a bonus item"}, it.ID)
	case !it.Scored && (it.Points > 0 || it.TakesValue()):
		return invalidf(ip+".scored", Text{ZH: "条目 %s 不计分，不能有分值、扣分或加分规则", EN: "item %s is not scored: it takes no points, deduction or bonus"}, it.ID)
	case r.Bonus && it.Scored && it.Bonus == nil:
		return invalidf(ip, Text{ZH: "要 %s 是加分项（bonus: true），其中的条目 %s 也要写加分规则（bonus）", EN: "requirement %s is a bonus section: its item %s needs a bonus rule"}, r.ID, it.ID)
	case !r.Bonus && it.Bonus != nil:
		return invalidf(ip+".bonus", Text{ZH: "加分条目 %s 要放在加分项（bonus: true 的要）里", EN: "bonus item %s belongs in a bonus section (a requirement with bonus: true)"}, it.ID)
	case it.Bonus != nil && it.Points > 0:
		return invalidf(ip+".points", Text{ZH: "加分条目 %s 用封顶分（bonus.cap），不写分值", EN: "bonus item %s takes its cap (bonus.cap), not points"}, it.ID)
	case it.Deduction != nil && it.Points == 0:
		return invalidf(ip, Text{ZH: "扣分条目 %s 要写分值（points），扣分从中扣除", EN: "deduction item %s needs its points, which the deductions come off"}, it.ID)
	case it.Veto && it.Bonus != nil:
		return invalidf(ip+".veto", Text{ZH: "加分条目 %s 不能是否决项", EN: "bonus item %s cannot be a veto item"}, it.ID)
	}
	if d := it.Deduction; d != nil {
		dp := ip + ".deduct"
		switch {
		case d.PerUnit < 0 || math.IsNaN(d.PerUnit) || math.IsInf(d.PerUnit, 0) || d.PerUnit > maxTotal:
			return invalidf(dp+".per_unit", Text{ZH: "条目 %s 每缺一项扣的分 per_unit 应大于 0、不超过 %g，不是 %g", EN: "item %s: per_unit must be more than 0 and at most %g, not %g"}, it.ID, maxTotal, d.PerUnit)
		case d.MaxUnits < 0 || d.MaxUnits > MaxUnits:
			return invalidf(dp+".max_units", Text{ZH: "条目 %s 的 max_units 应在 1 到 %d 之间，不是 %d", EN: "item %s: max_units must be from 1 to %d, not %d"}, it.ID, MaxUnits, d.MaxUnits)
		case d.MaxUnits > 0 && d.PerUnit == 0:
			return invalidf(dp+".max_units", Text{ZH: "条目 %s 按实际扣分，不计个数，不用 max_units", EN: "item %s takes points off, not a count: max_units does not apply"}, it.ID)
		}
		if err := checkUnit(dp, it.ID, d.Unit, d.UnitEN); err != nil {
			return err
		}
	}
	if b := it.Bonus; b != nil {
		bp := ip + ".bonus"
		switch {
		case !(b.Cap > 0) || math.IsInf(b.Cap, 0) || b.Cap > maxTotal:
			return invalidf(bp+".cap", Text{ZH: "加分条目 %s 要写封顶分 cap，大于 0、不超过 %g，不是 %g", EN: "bonus item %s needs its cap: more than 0 and at most %g, not %g"}, it.ID, maxTotal, b.Cap)
		case b.PerUnit < 0 || math.IsNaN(b.PerUnit) || math.IsInf(b.PerUnit, 0) || b.PerUnit > maxTotal:
			return invalidf(bp+".per_unit", Text{ZH: "加分条目 %s 的 per_unit 应大于 0、不超过 %g，不是 %g", EN: "bonus item %s: per_unit must be more than 0 and at most %g, not %g"}, it.ID, maxTotal, b.PerUnit)
		}
		if err := checkUnit(bp, it.ID, b.Unit, b.UnitEN); err != nil {
			return err
		}
	}
	return nil
}

// checkUnit checks the name of a rule's unit and its English twin.
func checkUnit(path, itemID, zh, en string) *ValidationError {
	for _, f := range []struct{ path, text string }{{path + ".unit", zh}, {path + ".unit_en", en}} {
		if err := CheckLine(Text{ZH: "条目 " + itemID + " 的单位", EN: "item " + itemID + "'s unit"}, f.text, MaxUnitLength); err != nil {
			return invalidErr(f.path, err)
		}
		if f.text != "" && strings.TrimSpace(f.text) == "" {
			return invalidf(f.path, Text{ZH: "条目 %s 的单位只有空格", EN: "item %s's unit is only spaces"}, itemID)
		}
	}
	if en != "" && zh == "" {
		return invalidf(path+".unit_en", Text{ZH: "条目 %s 的单位有英文，没有中文", EN: "item %s's unit has an English text but no Chinese one"}, itemID)
	}
	return nil
}

// validateSituations checks the standard's veto situations.
func (s *Standard) validateSituations() *ValidationError {
	seen := map[string]string{}
	for i := range s.VetoSituations {
		v := &s.VetoSituations[i]
		vp := fmt.Sprintf("$.veto_situations[%d]", i)
		switch {
		case v.ID == "":
			return invalidf(vp, Text{ZH: "一票否决情形需要 id", EN: "a veto situation needs an id"})
		case !idPattern.MatchString(v.ID):
			return invalidf(vp+".id", Text{ZH: "一票否决情形的 id “%s” 只能用字母、数字、“.”、“-”、“_”（最多 64 个）", EN: "veto situation id %q: use letters, digits, '.', '-' or '_' (at most 64)"}, v.ID)
		case v.Text == "":
			return invalidf(vp+".text", Text{ZH: "一票否决情形 %s 没有文字", EN: "veto situation %s has no text"}, v.ID)
		case v.Disqualify && v.CapStars != 0:
			return invalidf(vp+".cap_stars", Text{ZH: "一票否决情形 %s 只能二选一：限定星级（cap_stars）或取消评星资格（disqualify）", EN: "veto situation %s either caps the stars (cap_stars) or disqualifies (disqualify), not both"}, v.ID)
		case !v.Disqualify && v.CapStars == 0:
			return invalidf(vp, Text{ZH: "一票否决情形 %s 要写明后果：限定星级（cap_stars）或取消评星资格（disqualify: true）", EN: "veto situation %s needs its effect: cap_stars, or disqualify: true"}, v.ID)
		case !v.Disqualify && (v.CapStars < s.Stars.MinStars() || v.CapStars >= s.Stars.MaxStars()):
			return invalidf(vp+".cap_stars", Text{ZH: "一票否决情形 %s 的 cap_stars 应在 %d 到 %d 星之间，不是 %d", EN: "veto situation %s: cap_stars must be between %d and %d stars, not %d"}, v.ID, s.Stars.MinStars(), s.Stars.MaxStars()-1, v.CapStars)
		}
		if err := checkProse(vp+".text", Text{ZH: "一票否决情形 " + v.ID + " 的说明文字", EN: "veto situation " + v.ID + "'s text"}, v.Text, v.TextEN); err != nil {
			return err
		}
		if first, dup := seen[v.ID]; dup {
			verr := invalidf(vp+".id", Text{ZH: "一票否决情形 id “%s” 用了两次", EN: "veto situation id %q is used twice"}, v.ID)
			verr.First = first
			return verr
		}
		seen[v.ID] = vp + ".id"
	}
	return nil
}

// validateQuotas checks the scale's quotas.
func (s StarScale) validateQuotas() *ValidationError {
	seen := map[Quota]bool{}
	for i, q := range s.Quotas {
		qp := fmt.Sprintf("$.stars.quotas[%d]", i)
		switch {
		case q.Stars < s.MinStars() || q.Stars > s.MaxStars():
			return invalidf(qp+".stars", Text{ZH: "名额限制的星级应在 %d 到 %d 星之间，不是 %d", EN: "a quota's stars must be between %d and %d, not %d"}, s.MinStars(), s.MaxStars(), q.Stars)
		case !(q.AtMostPercent > 0 && q.AtMostPercent < 100):
			return invalidf(qp+".at_most_percent", Text{ZH: "%d星级的名额比例 at_most_percent 应大于 0、小于 100，不是 %g", EN: "%s: at_most_percent must be more than 0 and less than 100, not %g"}, Counted(q.Stars, "star", "stars"), q.AtMostPercent)
		}
		key := Quota{Stars: q.Stars, AndAbove: q.AndAbove}
		if seen[key] {
			return invalidf(qp, Text{ZH: "%d星级的名额限制写了两次", EN: "the quota of %s is given twice"}, Counted(q.Stars, "star", "stars"))
		}
		seen[key] = true
	}
	return nil
}
