package checklist

import (
	"time"
)

// Verdict is what an inspector found for one item.
type Verdict string

// The verdicts. Unanswered is the zero value.
const (
	Unanswered    Verdict = ""
	Met           Verdict = "met"            // 符合: full credit
	PartlyMet     Verdict = "partly_met"     // 部分符合: half credit
	NotMet        Verdict = "not_met"        // 不符合: no credit
	NotApplicable Verdict = "not_applicable" // 不适用: left out of the denominator
)

// Verdicts lists the verdicts an inspector can give, in the order they are
// offered.
var Verdicts = []Verdict{Met, PartlyMet, NotMet, NotApplicable}

// Credit is the share of an item's points the verdict earns, and whether
// the item counts at all (not applicable does not).
func (v Verdict) Credit() (credit float64, counts bool) {
	switch v {
	case Met:
		return 1, true
	case PartlyMet:
		return 0.5, true
	case NotApplicable:
		return 0, false
	default: // NotMet, Unanswered
		return 0, true
	}
}

// Valid reports whether v is one of the verdicts or Unanswered.
func (v Verdict) Valid() bool {
	switch v {
	case Unanswered, Met, PartlyMet, NotMet, NotApplicable:
		return true
	}
	return false
}

// NeedsFixing reports whether the school has something to fix for an item
// with this verdict: it was not met or only partly met.
func (v Verdict) NeedsFixing() bool {
	return v == NotMet || v == PartlyMet
}

// ParseVerdict reads a verdict from its stored name.
func ParseVerdict(s string) (Verdict, error) {
	v := Verdict(s)
	if !v.Valid() {
		return "", Errorf(ErrInvalid, Text{
			ZH: "%s 不是一种答案（应为 met、partly_met、not_met、not_applicable 或空）",
			EN: "%s is not a verdict (met, partly_met, not_met, not_applicable or empty)"}, Quote(s))
	}
	return v, nil
}

// Answer is the inspector's finding for one item: a verdict, a note of
// what was seen or is missing, and who gave it when. A deduction or bonus
// item's answer also holds the number entered (Value), and the verdict
// that number gives (Item.VerdictFor).
type Answer struct {
	Verdict Verdict `json:"verdict,omitempty"`
	// Value is the number entered for a deduction item (what is missing:
	// a count, or points off) or a bonus item (what earns it); 0 for a
	// verdict item.
	Value float64   `json:"value,omitempty"`
	Note  string    `json:"note,omitempty"`
	By    string    `json:"by,omitempty"`
	At    time.Time `json:"at"`
}

// IsZero reports whether the answer holds nothing: no verdict, no value
// and no note.
func (a Answer) IsZero() bool {
	return a.Verdict == Unanswered && a.Value == 0 && a.Note == ""
}
