package checklist

import (
	"math"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/width"
)

// FieldValue names a Change to what was entered for a deduction or bonus
// item: its number, or 不适用, 不得分 or nothing. Old and New are
// EntryText's.
const FieldValue = "value"

// SetValue records the number entered for a deduction item (what is
// missing: a count, or points off) or a bonus item (what earns it), with
// the verdict it gives (Item.VerdictFor). It returns the change made, with
// ok false if the answer was already so. A verdict item refuses a number.
func (in *Inspection) SetValue(std *Standard, itemID string, value float64, by string, at time.Time) (c Change, ok bool, err error) {
	if err := in.editable(std, itemID); err != nil {
		return Change{}, false, err
	}
	it, _, _ := std.Item(itemID)
	v, x, err := it.ValueEntry(value)
	if err != nil {
		return Change{}, false, err
	}
	return in.setEntry(it, v, x, by, at)
}

// setVerdictOnValueItem is SetVerdict for a deduction or bonus item: the
// keys that need no number (see Item.VerdictEntry).
func (in *Inspection) setVerdictOnValueItem(it *Item, v Verdict, by string, at time.Time) (Change, bool, error) {
	v, x, err := it.VerdictEntry(v)
	if err != nil {
		return Change{}, false, err
	}
	return in.setEntry(it, v, x, by, at)
}

// setEntry records a deduction or bonus item's verdict and value, with a
// FieldValue change.
func (in *Inspection) setEntry(it *Item, v Verdict, x float64, by string, at time.Time) (Change, bool, error) {
	a := in.Answers[it.ID]
	if a.Verdict == v && a.Value == x {
		return Change{}, false, nil
	}
	next := a
	next.Verdict, next.Value, next.By, next.At = v, x, by, at
	c := in.change(it.ID, FieldValue, EntryText(a), EntryText(next), by, at)
	in.putAnswer(it.ID, next)
	return c, true, nil
}

// ValueEntry is what a number entered for the item records: the verdict
// it gives and the number, checked (CheckValue).
func (it *Item) ValueEntry(value float64) (Verdict, float64, error) {
	if err := it.CheckValue(value); err != nil {
		return Unanswered, 0, err
	}
	if value == 0 {
		value = 0 // not -0
	}
	return it.VerdictFor(value), value, nil
}

// VerdictEntry is what a verdict key records for the item. A verdict item
// takes every verdict (Valid). A deduction or bonus item takes a number
// (ValueEntry), and of the keys only these: Unanswered (clears it),
// 不适用, 符合 for a deduction item (nothing missing: 0), and 不符合 for a
// deduction item (不得分: none of its points, whatever the count). 部分符合
// needs the number; a bonus item's 0 is entered as a number.
func (it *Item) VerdictEntry(v Verdict) (Verdict, float64, error) {
	if !v.Valid() {
		return Unanswered, 0, Errorf(ErrInvalid, Text{ZH: "“%s”不是一种结论", EN: "%q is not a verdict"}, string(v))
	}
	switch {
	case !it.TakesValue(), v == Unanswered, v == NotApplicable:
		return v, 0, nil
	case it.Deduction != nil && (v == Met || v == NotMet):
		return v, 0, nil
	case it.Deduction != nil:
		return Unanswered, 0, Errorf(ErrInvalid, Text{
			ZH: "项目 %s 是扣分项：请填写%s，或选不得分、不适用",
			EN: "item %s is a deduction item: enter %s, or choose no points or not applicable"}, it.ID, it.valueWords())
	}
	return Unanswered, 0, Errorf(ErrInvalid, Text{
		ZH: "项目 %s 是加分项：请填写%s（没有填 0），或选不适用",
		EN: "item %s is a bonus item: enter %s (0 for none), or choose not applicable"}, it.ID, it.valueWords())
}

// valueWords says what number the item asks for: 缺几项 / 扣几分 / 几次 / 加几分.
func (it *Item) valueWords() Text {
	u := it.Unit()
	switch {
	case it.Deduction != nil && it.CountsUnits():
		return Text{ZH: "缺了几" + u.ZH, EN: "how many " + u.EN + "s are missing"}
	case it.Deduction != nil:
		return Text{ZH: "扣几分", EN: "the points off"}
	case it.CountsUnits():
		return Text{ZH: "有几" + u.ZH, EN: "how many " + u.EN + "s"}
	}
	return Text{ZH: "加几分", EN: "the points earned"}
}

// Asks says what the walk asks for the item's number, in both languages:
// "缺了几本？", "扣几分？", "有几次？", "加几分？"; empty for a verdict item.
// A finished sentence, not a format.
func (it *Item) Asks() Text {
	if !it.TakesValue() {
		return Text{}
	}
	w := it.valueWords()
	return Text{ZH: w.ZH + "？", EN: strings.ToUpper(w.EN[:1]) + w.EN[1:] + "?"}
}

// EntryText writes what was entered for a deduction or bonus item as the
// audit trail records it: "" for nothing, the verdict's name for 不适用
// and for 不得分 given as such (not_applicable, not_met), else the number
// ("3", "1.5"). ParseEntry reads it back (to undo a change, or to show
// an audit entry).
func EntryText(a Answer) string {
	switch {
	case a.Verdict == Unanswered:
		return ""
	case a.Verdict == NotApplicable, a.Verdict == NotMet && a.Value == 0:
		return string(a.Verdict)
	}
	return FormatPoints(a.Value)
}

// ParseEntry reads what a person wrote for an item, in a form or in a
// workbook's cell (a 自评表): for a verdict item a verdict in words or as
// a mark (符合 是 √ y met; 部分符合 基本符合 p; 不符合 否 × n; 不适用 x n/a);
// for a deduction or bonus item a number (full-width digits too), or
// 不适用, or for a deduction item 不得分 or 符合 (nothing missing). An empty
// cell is Unanswered. The error says what the item takes.
func ParseEntry(it *Item, s string) (Verdict, float64, error) {
	s = strings.TrimSpace(width.Narrow.String(s))
	if s == "" {
		return Unanswered, 0, nil
	}
	if it.TakesValue() {
		if x, err := strconv.ParseFloat(s, 64); err == nil && !math.IsNaN(x) && !math.IsInf(x, 0) {
			return it.ValueEntry(x)
		}
	}
	v, ok := verdictWords[strings.ToLower(s)]
	if !ok {
		if it.TakesValue() {
			return Unanswered, 0, Errorf(ErrInvalid, Text{ZH: "项目 %s 应填%s（数字），或“不适用”，不是“%s”", EN: "item %s takes %s (a number), or not applicable, not %q"}, it.ID, it.valueWords(), s)
		}
		return Unanswered, 0, Errorf(ErrInvalid, Text{ZH: "项目 %s 应填符合、部分符合、不符合或不适用，不是“%s”", EN: "item %s takes met, partly met, not met or not applicable, not %q"}, it.ID, s)
	}
	return it.VerdictEntry(v)
}

// verdictWords are the ways a verdict is written in a form or a cell.
var verdictWords = map[string]Verdict{
	"符合": Met, "是": Met, "√": Met, "✓": Met, "✔": Met, "y": Met, "met": Met, "yes": Met,
	"部分符合": PartlyMet, "基本符合": PartlyMet, "p": PartlyMet, "partly met": PartlyMet, "partly_met": PartlyMet,
	"不符合": NotMet, "否": NotMet, "×": NotMet, "✗": NotMet, "✘": NotMet, "n": NotMet, "not met": NotMet, "not_met": NotMet, "no": NotMet,
	"不得分": NotMet,
	"不适用": NotApplicable, "x": NotApplicable, "n/a": NotApplicable, "na": NotApplicable, "not applicable": NotApplicable, "not_applicable": NotApplicable,
	"无此项": NotApplicable,
}
