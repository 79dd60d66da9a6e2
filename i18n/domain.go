package i18n

import (
	"fmt"
	"math"
	"strings"

	"branchcheck/checklist"
)

// Verdict names a verdict: 符合, 部分符合, 不符合, 不适用, 未答.
func (l Lang) Verdict(v checklist.Verdict) string {
	switch v {
	case checklist.Met:
		return l.Pick("符合", "met")
	case checklist.PartlyMet:
		return l.Pick("部分符合", "partly met")
	case checklist.NotMet:
		return l.Pick("不符合", "not met")
	case checklist.NotApplicable:
		return l.Pick("不适用", "not applicable")
	}
	return l.Pick("未答", "unanswered")
}

// Status names an inspection's status: 草稿 or 已定稿.
func (l Lang) Status(s checklist.Status) string {
	if s == checklist.Finalized {
		return l.Pick("已定稿", "finalized")
	}
	return l.Pick("草稿", "draft")
}

// Stars draws n of max stars as ★★★☆☆.
func Stars(n, max int) string {
	if n < 0 {
		n = 0
	}
	if n > max {
		n = max
	}
	return strings.Repeat("★", n) + strings.Repeat("☆", max-n)
}

// StarCount says a star count in words: 三星, or "3 stars".
func (l Lang) StarCount(n int) string {
	if l == English {
		if n == 1 {
			return "1 star"
		}
		return fmt.Sprintf("%d stars", n)
	}
	return Numeral(n) + "星"
}

// Numeral writes 0 to 99 in Chinese numerals (一, 十, 十二, 二十三).
func Numeral(n int) string {
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n < 0 || n > 99:
		return fmt.Sprint(n)
	case n < 10:
		return digits[n]
	case n < 20:
		if n == 10 {
			return "十"
		}
		return "十" + digits[n%10]
	case n%10 == 0:
		return digits[n/10] + "十"
	}
	return digits[n/10] + "十" + digits[n%10]
}

// LaggingRule states the rule a scale applies in the terminal's short
// form, e.g. "三星及以下为落后党支部,实行一票否决". What is printed states
// the bound (LaggingBound) and the veto's scope (LaggingVeto) instead.
func (l Lang) LaggingRule(s checklist.StarScale) string {
	return l.Sprintf("%s及以下为落后党支部，实行一票否决", "%s or fewer: lagging branch (落后党支部), one-vote veto",
		l.StarCount(s.LaggingAtOrBelow))
}

// Scale states a star scale's levels, e.g.
// "五星≥90分 四星≥80分 三星≥70分 二星≥60分 一星<60分".
func (l Lang) Scale(s checklist.StarScale) string {
	var parts []string
	for _, lv := range s.Levels {
		parts = append(parts, l.Sprintf("%s≥%s分", "%s ≥%s", l.StarCount(lv.Stars), checklist.FormatPoints(lv.MinPoints)))
	}
	if len(s.Levels) > 0 {
		low := s.Levels[len(s.Levels)-1].MinPoints
		parts = append(parts, l.Sprintf("%s<%s分", "%s <%s", l.StarCount(s.MinStars()), checklist.FormatPoints(low)))
	}
	return strings.Join(parts, l.Pick(" ", ", "))
}

// LaggingBound states which branches a scale makes lagging, e.g.
// "三星及以下为落后党支部".
func (l Lang) LaggingBound(s checklist.StarScale) string {
	return l.Sprintf("%s及以下为落后党支部", "%s or fewer: a lagging branch (落后党支部)", l.StarCount(s.LaggingAtOrBelow))
}

// LaggingVeto states the one-vote veto a lagging branch carries with its
// real scope: the speech's "在各类综合评比中实行一票否决" is a consequence in
// the bureau's other evaluations, not a veto item of the checklist, and
// changes no points or stars.
func (l Lang) LaggingVeto() string {
	return l.Pick("按讲话要求，落后党支部在各类综合评比中实行一票否决。这是局里其他综合评比对落后党支部的处理，不是检查条目中的否决项，不改变得分和星级。",
		"As the speech requires, a lagging branch carries a one-vote veto in all comprehensive evaluations: a consequence in the bureau's other evaluations of the school, not a veto item of the checklist; it changes no points or stars.")
}

// LaggingMark is what a lagging branch's row says in a printed table,
// with the veto's scope; "" if the branch is not lagging.
func (l Lang) LaggingMark(sc checklist.Score) string {
	if !sc.Lagging {
		return ""
	}
	return l.Pick("是，各类综合评比一票否决", "yes (one-vote veto in other evaluations)")
}

// VetoRule states the veto cap of a standard's own veto items, e.g.
// "否决项不符合的，最高评为二星".
func (l Lang) VetoRule(s checklist.StarScale) string {
	return l.Sprintf("否决项不符合的，最高评为%s", "a veto item not met caps the rating at %s", l.StarCount(s.VetoCap))
}

// DefaultsNote says, in words for a bureau, which rules of a standard
// shipped with the program are the program's defaults and not the
// speech's: the star levels, 20 points per 要, equal weights inside a 要,
// half credit for 部分符合. It is "" for a bureau's own standard, whose
// rules are the bureau's.
func (l Lang) DefaultsNote(std *checklist.Standard) string {
	if std == nil || !std.Shipped() {
		return ""
	}
	return l.Pick("星级档次、每要20分、同一要内各条目分值相同、部分符合计一半分，都是本软件的默认设置（参照已公开的星级党支部评比办法的通行做法），讲话没有规定；局党委年初下发的评比标准应作为本局标准安装，安装后以本局标准为准。",
		"The star levels, 20 points for each requirement, equal shares for the items of a requirement and half credit for partly met are this program's defaults (the common practice of published star-rating schemes); the speech sets none of them. The criteria the bureau issues at the start of the year should be installed as its own standard, which then replaces them.")
}

// Flag is the lagging mark of a rating in the terminal's short form:
// 落后党支部/一票否决, or "" if not lagging.
func (l Lang) Flag(sc checklist.Score) string {
	if !sc.Lagging {
		return ""
	}
	return l.Pick("落后党支部/一票否决", "lagging / one-vote veto")
}

// NotRated is what a school without a finalized visit shows: 未评定.
func (l Lang) NotRated() string { return l.Pick("未评定", "not rated") }

// Text is an item's text in the language: the standard's Chinese, or its
// English gloss (falling back to the Chinese when there is none).
func (l Lang) Text(it *checklist.Item) string {
	if l == English && it.EN != "" {
		return it.EN
	}
	return it.Text
}

// Note is an item's note in the language.
func (l Lang) Note(it *checklist.Item) string {
	if l == English && it.NoteEN != "" {
		return it.NoteEN
	}
	return it.Note
}

// Requirement names a requirement with its label: "三要 打造标准党员活动室".
func (l Lang) Requirement(r *checklist.Requirement) string {
	return strings.TrimSpace(l.RequirementLabel(r) + " " + pick(l, r.Title, r.TitleEN))
}

// RequirementLabel is a requirement's short label: 三要, or "Must 3".
func (l Lang) RequirementLabel(r *checklist.Requirement) string {
	if lb := pick(l, r.Label, r.LabelEN); lb != "" {
		return lb
	}
	return r.ID
}

// RequirementTitle is a requirement's title in the language.
func (l Lang) RequirementTitle(r *checklist.Requirement) string { return pick(l, r.Title, r.TitleEN) }

// RequirementText is a requirement's own wording before its items, in
// the language ("" when the standard gives none).
func (l Lang) RequirementText(r *checklist.Requirement) string { return pick(l, r.Text, r.TextEN) }

// GroupTitle is a group's title in the language ("" for an untitled one).
func (l Lang) GroupTitle(g *checklist.Group) string { return pick(l, g.Title, g.TitleEN) }

// GroupNote is a group's note in the language.
func (l Lang) GroupNote(g *checklist.Group) string { return pick(l, g.Note, g.NoteEN) }

// StandardTitle is a standard's title in the language.
func (l Lang) StandardTitle(s *checklist.Standard) string { return pick(l, s.Title, s.TitleEN) }

// StandardSource is a standard's source in the language.
func (l Lang) StandardSource(s *checklist.Standard) string { return pick(l, s.Source, s.SourceEN) }

// SourceNote is a standard's note on its source, in the language.
func (l Lang) SourceNote(s *checklist.Standard) string { return pick(l, s.SourceNote, s.SourceNoteEN) }

// ScaleNote is where a standard's star scale comes from, in the language.
func (l Lang) ScaleNote(s *checklist.Standard) string { return pick(l, s.Stars.Note, s.Stars.NoteEN) }

// Year says which year a standard is for; 0 is any year.
func (l Lang) Year(y int) string {
	if y == 0 {
		return l.Pick("通用", "any year")
	}
	return l.Sprintf("%d 年度", "%d", y)
}

func pick(l Lang, zh, en string) string {
	if l == English && en != "" {
		return en
	}
	return zh
}

// RectStatus names where a rectification stands: 待整改, 已整改待复查,
// 已销号 or 已撤销.
func (l Lang) RectStatus(s checklist.RectStatus) string {
	switch s {
	case checklist.RectReported:
		return l.Pick("已整改待复查", "reported done")
	case checklist.RectClosed:
		return l.Pick("已销号", "closed")
	case checklist.RectWithdrawn:
		return l.Pick("已撤销", "withdrawn")
	}
	return l.Pick("待整改", "open")
}

// ValueWords says a number entered for a deduction or bonus item, as the
// screen writes it: 缺 2 次, 扣 3 分, 2 次, 加 1.5 分; "2 meetings missing",
// "3 points off", "1 meeting", "1.5 points" (a count, a whole number,
// with its unit singular for one; an amount of points the same). The
// papers write it without the spaces (report).
func (l Lang) ValueWords(it *checklist.Item, x float64) string {
	units := it.Units(int(math.Round(x)))
	switch {
	case it.Deduction != nil && it.CountsUnits():
		return l.Sprintf("缺 %d %s", "%[1]v missing", units, it.Unit().ZH)
	case it.Deduction != nil:
		return l.Sprintf("扣 %d 分", "%v off", checklist.Points(x))
	case it.CountsUnits():
		return l.Sprintf("%d %s", "%[1]v", units, it.Unit().ZH)
	}
	return l.Sprintf("加 %d 分", "%v", checklist.Points(x))
}

// RectState says where a rectification stands on a day, overdue ones
// with their days: 逾期 12 天, 待整改, 已整改待复查, 已销号.
func (l Lang) RectState(r *checklist.Rectification, today checklist.Date) string {
	if n := r.DaysOverdue(today); n > 0 {
		if l == English {
			if n == 1 {
				return "1 day overdue"
			}
			return fmt.Sprintf("%d days overdue", n)
		}
		return fmt.Sprintf("逾期 %d 天", n)
	}
	return l.RectStatus(r.Status())
}

// RectView names a view of the 整改台账: 未销号, 逾期, 已整改待复查, 已销号,
// 全部.
func (l Lang) RectView(v checklist.RectView) string {
	switch v {
	case checklist.ViewOverdue:
		return l.Pick("逾期", "overdue")
	case checklist.ViewReported:
		return l.Pick("已整改待复查", "reported done")
	case checklist.ViewClosed:
		return l.Pick("已销号", "closed")
	case checklist.ViewAll:
		return l.Pick("全部", "all")
	}
	return l.Pick("未销号", "open")
}
