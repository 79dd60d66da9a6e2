package checklist

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// DefaultRequirementPoints is what a requirement (要) carries when the
// standard does not say otherwise.
const DefaultRequirementPoints = 20

// DefaultItemWeight is an item's share inside its requirement when the
// standard does not say otherwise: items share equally.
const DefaultItemWeight = 1

// Standard is one set of inspection criteria: the five requirements with
// their groups and items, and the star scale the year's rating uses.
//
// A Standard's ID is permanent: an inspection points at the standard it was
// made under, so a standard, once used, never changes under the same ID.
type Standard struct {
	// ID names the standard for good, e.g. "wuyao-default-v2".
	ID string `json:"id"`
	// Year is the year the criteria were issued for; 0 means any year that
	// has no standard of its own (the shipped default).
	Year int `json:"year"`
	// Title and TitleEN name the standard for people.
	Title   string `json:"title"`
	TitleEN string `json:"title_en,omitempty"`
	// Source says where the criteria come from.
	Source   string `json:"source,omitempty"`
	SourceEN string `json:"source_en,omitempty"`
	// SourceNote says something about the source a reader must know, such
	// as a gap in it and how the text bridges it.
	SourceNote   string `json:"source_note,omitempty"`
	SourceNoteEN string `json:"source_note_en,omitempty"`
	// Stars is the star scale, the lagging bound and the veto cap.
	Stars StarScale `json:"stars"`
	// Requirements are the 要 in display order.
	Requirements []Requirement `json:"requirements"`
	// RectificationPeriod is how many days a school has to rectify a
	// problem a visit found; 0 means DefaultRectificationDays.
	RectificationPeriod int `json:"rectification_days,omitempty"`
	// MaxTotal is the most a total can be, bonus items included; 0 means
	// DefaultMaxTotal (100). See rules.go for this and the fields below.
	MaxTotal float64 `json:"max_total,omitempty"`
	// VetoSituations are the 一票否决情形 outside the checklist: recorded per
	// school and year, each caps the stars or disqualifies the branch.
	VetoSituations []VetoSituation `json:"veto_situations,omitempty"`
	// SelfAssessment holds what the comparison of a branch's own
	// assessment with the inspection counts as a large gap.
	SelfAssessment SelfAssessmentRules `json:"self_assessment,omitzero"`
}

// Requirement is one 要 of the standard: a heading with points and groups
// of items.
type Requirement struct {
	// ID is short and stable: "1" to "5" in the shipped standard.
	ID string `json:"id"`
	// Label is how the speech counts it, e.g. "一要".
	Label   string `json:"label"`
	LabelEN string `json:"label_en,omitempty"`
	// Title and TitleEN say what the requirement asks.
	Title   string `json:"title"`
	TitleEN string `json:"title_en,omitempty"`
	// Text is the requirement's own wording before its items, if the
	// standard gives one (四要's "在学校校园或者学校行政楼创建校园党建文化…").
	Text   string `json:"text,omitempty"`
	TextEN string `json:"text_en,omitempty"`
	// Points is what the requirement carries out of the standard's total;
	// for a bonus section, the most its items can add together.
	Points float64 `json:"points"`
	// Bonus marks a section of bonus items (加分项): its points are added
	// to the total, outside the 100 the other requirements share.
	Bonus bool `json:"bonus,omitempty"`
	// Groups hold the items in display order; a group may be untitled.
	Groups []Group `json:"groups"`
}

// Group is a titled run of items inside a requirement, such as the 十有 of
// the party-member activity room or the 基础工作台账. An untitled group is
// the requirement's plain list of items.
type Group struct {
	Title   string `json:"title,omitempty"`
	TitleEN string `json:"title_en,omitempty"`
	// Note is the group's own wording of what is expected, if any.
	Note   string `json:"note,omitempty"`
	NoteEN string `json:"note_en,omitempty"`
	Items  []Item `json:"items"`
}

// Item is one thing an inspector checks and answers.
type Item struct {
	// ID is the stable key an answer points at ("3.10", "5.1.2"). It never
	// sorts as a string: display order is the standard's order.
	ID string `json:"id"`
	// Text is the criterion in Chinese, as the standard states it.
	Text string `json:"text"`
	// EN is an English gloss for readers; it is not part of the standard.
	EN string `json:"en,omitempty"`
	// Note explains something about the item itself, e.g. why it is not
	// scored.
	Note   string `json:"note,omitempty"`
	NoteEN string `json:"note_en,omitempty"`
	// Weight is the item's share inside its requirement.
	Weight float64 `json:"weight"`
	// Scored is false for an item that is shown but never answered or
	// counted, such as the 六有 ④ the speech leaves out.
	Scored bool `json:"scored"`
	// Veto marks an item whose 不符合 caps the stars at the scale's VetoCap.
	Veto bool `json:"veto,omitempty"`
	// RectificationPeriod, if more than 0, replaces the standard's period
	// for this item.
	RectificationPeriod int `json:"rectification_days,omitempty"`
	// Points (分值), if more than 0, is the item's own points: the items of
	// a requirement then carry points instead of weights, adding up to
	// the requirement's.
	Points float64 `json:"points,omitempty"`
	// Deduction makes the item a deduction item: the inspector enters what
	// is missing (a count, or points off) and the rule computes what is
	// left of Points, floored at zero.
	Deduction *DeductionRule `json:"deduct,omitempty"`
	// Bonus makes the item a bonus item (加分项) of a bonus section: the
	// inspector enters what earns it (a count, or points), capped.
	Bonus *BonusRule `json:"bonus,omitempty"`
}

// StarScale turns points into stars and says which branches are lagging.
type StarScale struct {
	// Levels are the star levels from the highest down, each with the
	// least points it needs. Below the last level a branch gets one star
	// fewer than that level.
	Levels []StarLevel `json:"levels"`
	// LaggingAtOrBelow is the star count at or below which a branch is a
	// 落后党支部 ("三星以下" includes three stars: 3).
	LaggingAtOrBelow int `json:"lagging_at_or_below"`
	// VetoCap is the most stars a branch can get with a veto item not met.
	VetoCap int `json:"veto_cap"`
	// Note says where the scale comes from.
	Note   string `json:"note,omitempty"`
	NoteEN string `json:"note_en,omitempty"`
	// Quotas bound the share of rated schools at a star level (★5 at most
	// 30%): checked and warned about, never applied (see CheckQuotas).
	Quotas []Quota `json:"quotas,omitempty"`
}

// StarLevel is one rung of a star scale.
type StarLevel struct {
	Stars     int     `json:"stars"`
	MinPoints float64 `json:"min_points"`
}

// Shipped reports whether the standard is one this program shipped (any
// version of it): its star scale, its points per 要, its equal weights and
// the half credit for 部分符合 are then the program's defaults, not a
// bureau's criteria, and what is printed from it says so. A bureau's own
// standard has an id of its own.
func (s *Standard) Shipped() bool { return slices.Contains(ShippedStandardIDs, s.ID) }

// MaxStars is the highest star level of the scale.
func (s StarScale) MaxStars() int {
	if len(s.Levels) == 0 {
		return 0
	}
	return s.Levels[0].Stars
}

// MinStars is what a branch gets below the lowest listed level.
func (s StarScale) MinStars() int {
	if len(s.Levels) == 0 {
		return 0
	}
	return s.Levels[len(s.Levels)-1].Stars - 1
}

// StarsFor returns the stars a total of points earns on the scale, before
// any veto cap.
func (s StarScale) StarsFor(points float64) int {
	for _, l := range s.Levels {
		if points >= l.MinPoints {
			return l.Stars
		}
	}
	return s.MinStars()
}

// IsLagging reports whether a branch with the given stars is a 落后党支部.
func (s StarScale) IsLagging(stars int) bool {
	return stars <= s.LaggingAtOrBelow
}

// Requirement returns the requirement with the given id.
func (s *Standard) Requirement(id string) (*Requirement, bool) {
	for i := range s.Requirements {
		if s.Requirements[i].ID == id {
			return &s.Requirements[i], true
		}
	}
	return nil, false
}

// Item returns the item with the given id and the requirement it is in.
func (s *Standard) Item(id string) (*Item, *Requirement, bool) {
	for ri := range s.Requirements {
		r := &s.Requirements[ri]
		for gi := range r.Groups {
			for ii := range r.Groups[gi].Items {
				if it := &r.Groups[gi].Items[ii]; it.ID == id {
					return it, r, true
				}
			}
		}
	}
	return nil, nil, false
}

// Items returns every item of the requirement in display order.
func (r *Requirement) Items() []*Item {
	var out []*Item
	for gi := range r.Groups {
		for ii := range r.Groups[gi].Items {
			out = append(out, &r.Groups[gi].Items[ii])
		}
	}
	return out
}

// Items returns every item of the standard in display order.
func (s *Standard) Items() []*Item {
	var out []*Item
	for ri := range s.Requirements {
		out = append(out, s.Requirements[ri].Items()...)
	}
	return out
}

// VetoItems returns the ids of the standard's veto items in display order.
func (s *Standard) VetoItems() []string {
	var ids []string
	for _, it := range s.Items() {
		if it.Veto {
			ids = append(ids, it.ID)
		}
	}
	return ids
}

// ScoredItems returns the items an inspection must answer, in display
// order.
func (s *Standard) ScoredItems() []*Item {
	var out []*Item
	for _, it := range s.Items() {
		if it.Scored {
			out = append(out, it)
		}
	}
	return out
}

// TotalPoints is the sum of the requirements' points (100 in the shipped
// standard), bonus sections left out. Scores are always reported out of
// 100 whatever this is.
func (s *Standard) TotalPoints() float64 {
	var t float64
	for _, r := range s.Requirements {
		if !r.Bonus {
			t += r.Points
		}
	}
	return t
}

// Validate checks the standard's own consistency: ids present and unique,
// text present, weights and points positive, a scale whose thresholds go
// down with the stars, and a lagging bound and veto cap inside the scale.
// It returns the first problem found as a *ValidationError whose Path says
// where it is.
func (s *Standard) Validate() error {
	if err := s.validate(); err != nil {
		return err
	}
	return nil
}

func (s *Standard) validate() *ValidationError {
	if s.ID == "" {
		return invalidf("$.id", Text{ZH: "标准缺少编号（id）", EN: "the standard needs an id"})
	}
	if s.Year < 0 || s.Year > 9999 {
		return invalidf("$.year", Text{ZH: "年度 %d 不是一个年份（适用于任何年度请写 0）", EN: "year %d is not a year (use 0 for any year)"}, s.Year)
	}
	if s.Title == "" {
		return invalidf("$.title", Text{ZH: "标准缺少标题（title）", EN: "the standard needs a title"})
	}
	if s.RectificationPeriod < 0 || s.RectificationPeriod > MaxRectificationDays {
		return invalidf("$.rectification_days", Text{ZH: "rectification_days（整改天数）应为 1 到 %d 之间的天数", EN: "rectification_days must be a number of days from 1 to %d"}, MaxRectificationDays)
	}
	if err := checkProse("$.source_note", Text{ZH: "来源说明", EN: "the source note"}, s.SourceNote, s.SourceNoteEN); err != nil {
		return err
	}
	if err := s.validateMaxTotal(); err != nil {
		return err
	}
	if err := s.Stars.validate(s.MaxTotalPoints()); err != nil {
		return err
	}
	if len(s.Requirements) == 0 {
		return invalidf("$.requirements", Text{ZH: "标准里没有任何要（requirements）", EN: "the standard has no requirements"})
	}
	seen := map[string]string{}
	scored := 0
	for ri, r := range s.Requirements {
		rp := fmt.Sprintf("$.requirements[%d]", ri)
		switch {
		case r.ID == "":
			return invalidf(rp, Text{ZH: "要缺少编号（id）", EN: "requirement needs an id"})
		case r.Title == "":
			return invalidf(rp+".title", Text{ZH: "要 %s 缺少标题（title）", EN: "requirement %s needs a title"}, r.ID)
		case !(r.Points > 0) || math.IsInf(r.Points, 0):
			return invalidf(rp+".points", Text{ZH: "要 %s 的分值（points）应大于 0，不是 %g", EN: "requirement %s: points must be more than 0, not %g"}, r.ID, r.Points)
		case len(r.Groups) == 0:
			return invalidf(rp, Text{ZH: "要 %s 下面没有条目", EN: "requirement %s has no items"}, r.ID)
		}
		if err := checkProse(rp+".text", Text{ZH: "要 " + r.ID + " 的说明文字", EN: "requirement " + r.ID + "'s text"}, r.Text, r.TextEN); err != nil {
			return err
		}
		if where, dup := seen["req:"+r.ID]; dup {
			return duplicatef(rp+".id", where, Text{ZH: "要的编号 %s 用了两次", EN: "requirement id %s is used twice"}, Quote(r.ID))
		}
		seen["req:"+r.ID] = rp + ".id"
		for gi, g := range r.Groups {
			gp := fmt.Sprintf("%s.groups[%d]", rp, gi)
			if len(g.Items) == 0 {
				return invalidf(gp, Text{ZH: "要 %s 中有一组没有条目", EN: "requirement %s: a group has no items"}, r.ID)
			}
			for ii, it := range g.Items {
				ip := fmt.Sprintf("%s.items[%d]", gp, ii)
				switch {
				case it.ID == "":
					return invalidf(ip, Text{ZH: "条目缺少编号（id）", EN: "item needs an id"})
				case it.Text == "":
					return invalidf(ip+".text", Text{ZH: "条目 %s 没有内容（text）", EN: "item %s has no text"}, it.ID)
				case !(it.Weight > 0) || math.IsInf(it.Weight, 0):
					return invalidf(ip+".weight", Text{ZH: "条目 %s 的权重（weight）应大于 0，不是 %g", EN: "item %s: weight must be more than 0, not %g"}, it.ID, it.Weight)
				case it.Veto && !it.Scored:
					return invalidf(ip+".veto", Text{ZH: "条目 %s 是否决项，必须计分", EN: "item %s: a veto item must be scored"}, it.ID)
				case it.RectificationPeriod < 0 || it.RectificationPeriod > MaxRectificationDays:
					return invalidf(ip+".rectification_days", Text{ZH: "条目 %s 的 rectification_days（整改天数）应为 1 到 %d 之间的天数", EN: "item %s: rectification_days must be a number of days from 1 to %d"}, it.ID, MaxRectificationDays)
				}
				if where, dup := seen["item:"+it.ID]; dup {
					return duplicatef(ip+".id", where, Text{ZH: "条目编号 %s 用了两次", EN: "item id %s is used twice"}, Quote(it.ID))
				}
				seen["item:"+it.ID] = ip + ".id"
				if it.Scored {
					scored++
				}
			}
		}
	}
	if scored == 0 {
		return invalidf("$.requirements", Text{ZH: "标准里没有一个计分的条目", EN: "the standard has no scored item"})
	}
	return s.validateRules()
}

// checkProse checks an optional text of a standard and its English twin
// (the field at path and at path+"_en"): no English without the Chinese,
// no text of only spaces, and nothing a terminal or a spreadsheet could be
// made to misread (control characters other than line breaks and tabs,
// direction overrides; see CheckNote), at most MaxNote characters.
func checkProse(path string, what Text, zh, en string) *ValidationError {
	for _, f := range []struct{ path, text string }{{path, zh}, {path + "_en", en}} {
		if f.text != "" && strings.TrimSpace(f.text) == "" {
			return invalidf(f.path, Text{ZH: "%s只有空格", EN: "%s is only spaces"}, what)
		}
		if err := CheckNote(what, f.text, MaxNote); err != nil {
			return invalidErr(f.path, err)
		}
	}
	if en != "" && zh == "" {
		return invalidf(path+"_en", Text{ZH: "%s只有英文，没有中文", EN: "%s has an English text but no Chinese one"}, what)
	}
	return nil
}

func (s StarScale) validate(maxTotal float64) *ValidationError {
	const p = "$.stars"
	if len(s.Levels) == 0 {
		return invalidf(p+".levels", Text{ZH: "星级档次（levels）一档也没有", EN: "the star scale lists no levels"})
	}
	for i, l := range s.Levels {
		lp := fmt.Sprintf("%s.levels[%d]", p, i)
		if i == 0 && (l.Stars < 2 || l.Stars > 10) {
			return invalidf(lp+".stars", Text{ZH: "最高一档应为 2 到 10 星，不是 %d 星", EN: "the top level must be 2 to 10 stars, not %d"}, l.Stars)
		}
		if i > 0 && l.Stars != s.Levels[i-1].Stars-1 {
			return invalidf(lp+".stars", Text{ZH: "各档应逐档少一星：%[2]d 星之后是 %[1]d 星", EN: "levels must go down one star at a time: %s follows %d"}, Counted(l.Stars, "star", "stars"), s.Levels[i-1].Stars)
		}
		if l.Stars < 2 {
			return invalidf(lp+".stars", Text{ZH: "列出的最低一档至少是 2 星（低于它的党支部再少一星）", EN: "the lowest listed level must be at least 2 stars (below it a branch gets one star less)"})
		}
		if !(l.MinPoints > 0 && l.MinPoints <= maxTotal) {
			return invalidf(lp+".min_points", Text{ZH: "%d 星：min_points（最低分）应大于 0、不超过 %g，不是 %g", EN: "%v: min_points must be above 0 and at most %g, not %g"}, Counted(l.Stars, "star", "stars"), maxTotal, l.MinPoints)
		}
		if i > 0 && l.MinPoints >= s.Levels[i-1].MinPoints {
			return invalidf(lp+".min_points", Text{ZH: "分数线顺序不对：%d 星要 %g 分，不低于 %d 星（%g 分）", EN: "thresholds out of order: %v needs %v, not less than %v (%g)"}, Counted(l.Stars, "star", "stars"), Points(l.MinPoints), Counted(s.Levels[i-1].Stars, "star", "stars"), Points(s.Levels[i-1].MinPoints))
		}
	}
	if s.LaggingAtOrBelow < s.MinStars() || s.LaggingAtOrBelow >= s.MaxStars() {
		return invalidf(p+".lagging_at_or_below", Text{ZH: "lagging_at_or_below（落后党支部的星级线）应在 %d 到 %d 星之间，不是 %d", EN: "lagging_at_or_below must be between %d and %d stars, not %d"}, s.MinStars(), s.MaxStars()-1, s.LaggingAtOrBelow)
	}
	if s.VetoCap < s.MinStars() || s.VetoCap >= s.MaxStars() {
		return invalidf(p+".veto_cap", Text{ZH: "veto_cap（否决项封顶星级）应在 %d 到 %d 星之间，不是 %d", EN: "veto_cap must be between %d and %d stars, not %d"}, s.MinStars(), s.MaxStars()-1, s.VetoCap)
	}
	return nil
}
