package checklist

import "fmt"

// The parts of the standard file that state scoring rules beyond
// verdicts (see rules.go): what an item's `points`, `deduct` and `bonus`,
// a requirement's `bonus`, and the standard's `max_total`,
// `veto_situations`, `stars.quotas` and `self_assessment` look like in
// the file, and the checks only the file can make (a field given as 0,
// two fields that exclude each other).

// fileRule is an item's `deduct` or `bonus` mapping: either per_unit
// (the inspector enters a count) or direct: true (the inspector enters
// points).
type fileRule struct {
	PerUnit  *float64 `yaml:"per_unit"`
	Direct   bool     `yaml:"direct"`
	Unit     string   `yaml:"unit"`
	UnitEN   string   `yaml:"unit_en"`
	MaxUnits *int     `yaml:"max_units"`
	Cap      *float64 `yaml:"cap"`
}

type fileVetoSituation struct {
	ID         fileID `yaml:"id"`
	Text       string `yaml:"text"`
	TextEN     string `yaml:"text_en"`
	CapStars   int    `yaml:"cap_stars"`
	Disqualify bool   `yaml:"disqualify"`
}

type fileQuota struct {
	Stars         int     `yaml:"stars"`
	AndAbove      bool    `yaml:"and_above"`
	AtMostPercent float64 `yaml:"at_most_percent"`
}

type fileSelfAssessment struct {
	LargeGap       *float64 `yaml:"large_gap"`
	LargeItemShare *float64 `yaml:"large_item_share"`
}

func (r *fileRule) deduction() *DeductionRule {
	if r == nil {
		return nil
	}
	return &DeductionRule{PerUnit: deref(r.PerUnit, 0), Unit: r.Unit, UnitEN: r.UnitEN, MaxUnits: deref(r.MaxUnits, 0)}
}

func (r *fileRule) bonus() *BonusRule {
	if r == nil {
		return nil
	}
	return &BonusRule{PerUnit: deref(r.PerUnit, 0), Unit: r.Unit, UnitEN: r.UnitEN, Cap: deref(r.Cap, 0)}
}

func (f *fileStandard) vetoSituations() []VetoSituation {
	var out []VetoSituation
	for _, v := range f.VetoSituations {
		out = append(out, VetoSituation{ID: string(v.ID), Text: v.Text, TextEN: v.TextEN, CapStars: v.CapStars, Disqualify: v.Disqualify})
	}
	return out
}

func (s *fileStars) quotas() []Quota {
	var out []Quota
	for _, q := range s.Quotas {
		out = append(out, Quota(q))
	}
	return out
}

func (s *fileSelfAssessment) rules() SelfAssessmentRules {
	if s == nil {
		return SelfAssessmentRules{}
	}
	return SelfAssessmentRules{LargeGap: deref(s.LargeGap, 0), LargeItemShare: deref(s.LargeItemShare, 0)}
}

// checkRules makes the checks of the scoring rules that only the file
// can make: a number given as 0 where leaving it out takes the default, an
// item given both points and a weight, a rule both per_unit and direct (or
// neither), a deduction's cap or a bonus's max_units. Paths are into the
// Standard (groups counted as standard() counts them).
func (f *fileStandard) checkRules(shorthand map[int]bool) *ValidationError {
	if f.MaxTotal != nil && !(*f.MaxTotal > 0) {
		return invalidf("$.max_total", Text{ZH: "总分上限 max_total 应在 %d 到 %d 分之间（不写为 100），不是 %g", EN: "max_total must be from %d to %d points (100 when left out), not %g"}, DefaultMaxTotal, MaxMaxTotal, *f.MaxTotal)
	}
	if sa := f.SelfAssessment; sa != nil {
		if sa.LargeGap != nil && !(*sa.LargeGap > 0) {
			return invalidf("$.self_assessment.large_gap", Text{ZH: "自评差距阈值 large_gap 应大于 0，不是 %g", EN: "large_gap must be more than 0, not %g"}, *sa.LargeGap)
		}
		if sa.LargeItemShare != nil && !(*sa.LargeItemShare > 0) {
			return invalidf("$.self_assessment.large_item_share", Text{ZH: "条目差距阈值 large_item_share 应大于 0、不超过 1，不是 %g", EN: "large_item_share must be more than 0 and at most 1, not %g"}, *sa.LargeItemShare)
		}
	}
	for ri, fr := range f.Requirements {
		groups := fr.Groups
		if shorthand[ri] {
			groups = append([]fileGroup{{Items: fr.Items}}, groups...)
		}
		for gi, fg := range groups {
			for ii, fi := range fg.Items {
				ip := fmt.Sprintf("$.requirements[%d].groups[%d].items[%d]", ri, gi, ii)
				if err := fi.checkRules(ip); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func (fi *fileItem) checkRules(ip string) *ValidationError {
	id := string(fi.ID)
	switch {
	case fi.Points != nil && !(*fi.Points > 0):
		return invalidf(ip+".points", Text{ZH: "条目 %s 的分值应大于 0，不是 %g", EN: "item %s: points must be more than 0, not %g"}, id, *fi.Points)
	case fi.Points != nil && fi.Weight != nil:
		return invalidf(ip+".weight", Text{ZH: "条目 %s 写了分值（points），就不再写 weight", EN: "item %s has points: give points or a weight, not both"}, id)
	}
	for _, r := range []struct {
		rule  *fileRule
		key   string
		bonus bool
	}{{fi.Deduct, "deduct", false}, {fi.Bonus, "bonus", true}} {
		if r.rule == nil {
			continue
		}
		rp := ip + "." + r.key
		switch {
		case r.rule.PerUnit != nil && r.rule.Direct:
			return invalidf(rp+".direct", Text{ZH: "条目 %s：per_unit（按个数计）和 direct（直接填分）只能二选一", EN: "item %s: per_unit (a count) or direct (points), not both"}, id)
		case r.rule.PerUnit == nil && !r.rule.Direct:
			return invalidf(rp, Text{ZH: "条目 %s 要写 per_unit（每个扣或加几分，按个数计）或 direct: true（直接填分）", EN: "item %s needs per_unit (points for each unit counted) or direct: true (points entered)"}, id)
		case r.rule.PerUnit != nil && !(*r.rule.PerUnit > 0):
			return invalidf(rp+".per_unit", Text{ZH: "条目 %s 的 per_unit 应大于 0，不是 %g", EN: "item %s: per_unit must be more than 0, not %g"}, id, *r.rule.PerUnit)
		case r.rule.MaxUnits != nil && (r.bonus || *r.rule.MaxUnits <= 0):
			if r.bonus {
				return invalidf(rp+".max_units", Text{ZH: "加分条目 %s 用封顶分 cap 限定，不用 max_units", EN: "bonus item %s is bounded by its cap, not max_units"}, id)
			}
			return invalidf(rp+".max_units", Text{ZH: "条目 %s 的 max_units 应在 1 到 %d 之间，不是 %d", EN: "item %s: max_units must be from 1 to %d, not %d"}, id, MaxUnits, *r.rule.MaxUnits)
		case r.rule.Cap != nil && !r.bonus:
			return invalidf(rp+".cap", Text{ZH: "扣分条目 %s 扣完为止，不用 cap（cap 是加分项的封顶分）", EN: "deduction item %s stops at 0 by itself: cap is for bonus items"}, id)
		}
	}
	return nil
}
