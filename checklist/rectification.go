package checklist

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// DefaultRectificationDays is how long a school has to rectify a problem
// when the standard does not say: 30 days from the visit that found it.
const DefaultRectificationDays = 30

// MaxRectificationDays bounds a standard's rectification period: ten
// years is already far beyond any real deadline.
const MaxRectificationDays = 3650

// RectStatus is where a rectification (整改事项) stands.
type RectStatus string

// The statuses of a rectification. Overdue (逾期) is not a status: it is
// derived from the deadline and the day it is looked at.
const (
	// RectOpen: 待整改, the school has a problem to put right.
	RectOpen RectStatus = "open"
	// RectReported: 已整改待复查, the school reported it put right; a later
	// visit checks it.
	RectReported RectStatus = "reported"
	// RectClosed: 已销号, a later finalized visit found the item 符合 or 不适用,
	// or an inspector closed it with a reason.
	RectClosed RectStatus = "closed"
	// RectWithdrawn: 已撤销, the visit that found it no longer finds it (it
	// was reopened and corrected, or is being corrected), or is not here
	// (decisions merged from a bundle before their visit). Kept while
	// someone decided something about it, so that the decisions come back
	// with the problem.
	RectWithdrawn RectStatus = "withdrawn"
)

// Active reports whether the status still asks something of the school:
// open or reported.
func (s RectStatus) Active() bool { return s == RectOpen || s == RectReported }

// Rectification is one problem a finalized visit found (an item 不符合 or
// 部分符合), followed from finding to 销号: the 整改事项 of a bureau's 整改台账.
//
// Most of it is derived from the school's finalized visits by
// DeriveRectifications and never edited: what was found, when, by which
// visit, whether a later visit found it again or closed it. What people
// decide is in Actions: a deadline or a person responsible other than the
// default, the school's report that it is done, a closure by hand. A
// rectification's id is its finding visit's id and the item's, so two
// databases that hold the same visit derive the same rectification.
type Rectification struct {
	// ID is FoundIn + "/" + ItemID.
	ID       string `json:"id"`
	SchoolID string `json:"school_id"`
	ItemID   string `json:"item_id"`
	// FoundIn is the visit that found the problem, on FoundOn, under
	// the standard StandardID (whose item ItemID is).
	FoundIn    string `json:"found_in"`
	FoundOn    Date   `json:"found_on"`
	StandardID string `json:"standard_id"`
	// Verdict and Finding are the answer and note that visit gave.
	Verdict Verdict `json:"verdict"`
	Finding string  `json:"finding,omitempty"`
	// DueBy is the default deadline: FoundOn plus the standard's period.
	DueBy Date `json:"due_by"`
	// Secretary is the school's 党组织书记 when it was derived: the person
	// responsible unless Actions names another.
	Secretary string `json:"secretary,omitempty"`
	// Rebounds counts how often this problem was closed and then found
	// again (反弹) before this finding; PreviousID is the closed
	// rectification it came back from.
	Rebounds   int    `json:"rebounds,omitempty"`
	PreviousID string `json:"previous_id,omitempty"`
	// RecheckedIn is the latest later visit that found the problem still
	// there (复查未通过), on RecheckedOn.
	RecheckedIn string `json:"rechecked_in,omitempty"`
	RecheckedOn Date   `json:"rechecked_on,omitzero"`
	// ClosedIn is the later visit that found the item 符合 or 不适用 and
	// closed it (销号), on ClosedOn.
	ClosedIn string `json:"closed_in,omitempty"`
	ClosedOn Date   `json:"closed_on,omitzero"`
	// Withdrawn: the finding visit no longer finds the problem.
	Withdrawn bool `json:"withdrawn,omitempty"`

	// Actions are what people decided about it.
	Actions RectActions `json:"actions"`

	// UpdatedAt is when people last changed Actions (zero until they do).
	UpdatedAt time.Time `json:"updated_at,omitzero"`
	// Versions counts the changes people made to Actions in each database
	// (a version vector keyed by database id), for merging.
	Versions map[string]uint64 `json:"versions,omitempty"`
}

// RectActions are the decisions people make about a rectification.
type RectActions struct {
	// Deadline, if set, replaces the default deadline.
	Deadline Date `json:"deadline,omitzero"`
	// Responsible, if set, replaces the school's secretary.
	Responsible string `json:"responsible,omitempty"`
	// The school's report that the problem is put right: who reported it,
	// on what day, and the evidence (a document, a photo's file name).
	ReportedBy string `json:"reported_by,omitempty"`
	ReportedOn Date   `json:"reported_on,omitzero"`
	Evidence   string `json:"evidence,omitempty"`
	// A closure by hand: who closed it, on what day, and why.
	ClosedBy    string `json:"closed_by,omitempty"`
	ClosedOn    Date   `json:"closed_on,omitzero"`
	CloseReason string `json:"close_reason,omitempty"`
}

// RectificationID is the id of the rectification a visit's answer to an
// item gives rise to.
func RectificationID(visitID, itemID string) string { return visitID + "/" + itemID }

// Status is where the rectification stands: withdrawn, closed (by a
// visit or by hand), reported (and no visit since found it still there),
// or open.
func (r *Rectification) Status() RectStatus {
	switch {
	case r.Withdrawn:
		return RectWithdrawn
	case r.ClosedIn != "" || !r.Actions.ClosedOn.IsZero():
		return RectClosed
	case !r.Actions.ReportedOn.IsZero() && !(r.RecheckedIn != "" && r.RecheckedOn.Compare(r.Actions.ReportedOn) >= 0):
		return RectReported
	}
	return RectOpen
}

// Deadline is the day by which the school must have put it right: the
// one set by hand, else the default.
func (r *Rectification) Deadline() Date {
	if !r.Actions.Deadline.IsZero() {
		return r.Actions.Deadline
	}
	return r.DueBy
}

// Responsible is the person responsible: the one named by hand, else the
// school's secretary.
func (r *Rectification) Responsible() string {
	if r.Actions.Responsible != "" {
		return r.Actions.Responsible
	}
	return r.Secretary
}

// ClosedDate is the day it was closed (销号日期), by a visit or by hand;
// the zero Date if it is not closed.
func (r *Rectification) ClosedDate() Date {
	if r.ClosedIn != "" {
		return r.ClosedOn
	}
	return r.Actions.ClosedOn
}

// DaysOverdue is how many days past its deadline an open rectification
// (待整改) is on today (逾期 N 天); 0 if it is not overdue or not open. A
// rectification the school reported done (已整改待复查) is not overdue:
// the school has done its part and waits for the recheck; if a later
// visit finds the problem still there, it is open, and overdue, again.
func (r *Rectification) DaysOverdue(today Date) int {
	if r.Status() != RectOpen {
		return 0
	}
	return max(today.DaysSince(r.Deadline()), 0)
}

// Overdue reports whether the rectification is open (待整改) and past its
// deadline on today.
func (r *Rectification) Overdue(today Date) bool { return r.DaysOverdue(today) > 0 }

// DaysSince is the number of days from o to d (negative if d is before o).
func (d Date) DaysSince(o Date) int {
	return int(d.midnight().Sub(o.midnight()).Hours()) / 24
}

// AddDays is the date n days after d.
func (d Date) AddDays(n int) Date {
	return DateOf(d.midnight().AddDate(0, 0, n))
}

// midnight is the date at midnight UTC.
func (d Date) midnight() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// RectificationDays is how long a school has to rectify a problem with
// an item: the item's own period, else the standard's, else
// DefaultRectificationDays.
func (s *Standard) RectificationDays(itemID string) int {
	it, _, _ := s.Item(itemID)
	return s.rectificationDays(it)
}

// rectificationDays is RectificationDays of one of the standard's items
// (nil: none).
func (s *Standard) rectificationDays(it *Item) int {
	if it != nil && it.RectificationPeriod > 0 {
		return it.RectificationPeriod
	}
	if s.RectificationPeriod > 0 {
		return s.RectificationPeriod
	}
	return DefaultRectificationDays
}

// Report records the school's report that the problem is put right: who
// reported it, on what day, and the evidence. Only an active
// rectification can be reported; the report may not be dated after today
// or before the finding.
func (r *Rectification) Report(by string, on Date, evidence string, today Date) error {
	if !r.Status().Active() {
		return Errorf(ErrInvalid, Text{ZH: "这项整改已%s，不能再报告整改完成", EN: "the rectification is %s and cannot be reported done"}, r.Status().words())
	}
	if err := checkActionDate(on, r.FoundOn, today); err != nil {
		return err
	}
	by, evidence = strings.TrimSpace(by), strings.TrimSpace(evidence)
	if by == "" {
		return Errorf(ErrInvalid, Text{ZH: "请写明是谁报告的整改完成", EN: "say who reported it done"})
	}
	if err := CheckLine(TextReportedBy, by, MaxLine); err != nil {
		return err
	}
	if err := CheckNote(TextEvidence, evidence, MaxNote); err != nil {
		return err
	}
	r.Actions.ReportedBy, r.Actions.ReportedOn, r.Actions.Evidence = by, on, evidence
	return nil
}

// Close closes an active rectification by hand (销号) with a reason.
func (r *Rectification) Close(by string, on Date, reason string, today Date) error {
	if !r.Status().Active() {
		return Errorf(ErrInvalid, Text{ZH: "这项整改已%s，不能再销号", EN: "the rectification is %s and cannot be closed"}, r.Status().words())
	}
	if err := checkActionDate(on, r.FoundOn, today); err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return Errorf(ErrReasonRequired, Text{ZH: "手工销号需要说明原因", EN: "closing by hand needs a reason"})
	}
	if err := CheckNote(TextReason, reason, MaxNote); err != nil {
		return err
	}
	r.Actions.ClosedBy, r.Actions.ClosedOn, r.Actions.CloseReason = by, on, reason
	return nil
}

// SetDeadline sets the deadline by hand; the zero Date goes back to the
// default. A deadline before the finding is refused.
func (r *Rectification) SetDeadline(d Date) error {
	if !d.IsZero() && d.Compare(r.FoundOn) < 0 {
		return Errorf(ErrInvalid, Text{ZH: "整改期限 %s 早于发现问题的日期 %s", EN: "the deadline %s is before the problem was found, %s"}, d, r.FoundOn)
	}
	r.Actions.Deadline = d
	return nil
}

// SetResponsible names the person responsible by hand; "" goes back to
// the school's secretary.
func (r *Rectification) SetResponsible(name string) error {
	name = strings.TrimSpace(name)
	if err := CheckLine(TextResponsible, name, MaxLine); err != nil {
		return err
	}
	r.Actions.Responsible = name
	return nil
}

// Touch counts a change people made in the database named origin.
func (r *Rectification) Touch(origin string, at time.Time) {
	if r.Versions == nil {
		r.Versions = map[string]uint64{}
	}
	r.Versions[origin]++
	if at.After(r.UpdatedAt) {
		r.UpdatedAt = at
	}
}

func checkActionDate(on, found, today Date) error {
	switch {
	case on.IsZero():
		return Errorf(ErrInvalid, Text{ZH: "请写明日期", EN: "a date is needed"})
	case on.Compare(today) > 0:
		return Errorf(ErrInvalid, Text{ZH: "日期 %s 不能晚于今天", EN: "the date %s is after today"}, on)
	case on.Compare(found) < 0:
		return Errorf(ErrInvalid, Text{ZH: "日期 %s 早于发现问题的日期 %s", EN: "the date %s is before the problem was found, %s"}, on, found)
	}
	return nil
}

// words names a status in both languages, for messages.
func (s RectStatus) words() Text {
	switch s {
	case RectReported:
		return Text{ZH: "报告整改完成", EN: "reported done"}
	case RectClosed:
		return Text{ZH: "销号", EN: "closed"}
	case RectWithdrawn:
		return Text{ZH: "撤销", EN: "withdrawn"}
	}
	return Text{ZH: "待整改", EN: "open"}
}

// The names of a rectification's fields, for messages.
var (
	TextReportedBy  = Text{ZH: "报告人", EN: "reported by"}
	TextEvidence    = Text{ZH: "佐证材料", EN: "evidence"}
	TextResponsible = Text{ZH: "责任人", EN: "person responsible"}
)

// DeriveRectifications works out a school's rectifications from its
// finalized visits, oldest first, under the standards they were made
// under (by id). existing are the school's rectifications as stored: their
// Actions, versions and change times are kept; a rectification no
// visit derives any more comes back withdrawn, with its decisions and no
// derived part, if someone decided something about it (Actions or
// Versions), and is left out if not: it would come back as it was. The result depends on the visits and the decisions
// alone, so every database holding the same visits and decisions derives
// the same rectifications, whatever it derived before.
//
// For each scored item, going through the visits in order (by date, then
// id):
//   - 不符合 or 部分符合 with no active rectification for the item: a new
//     one, found by this visit, due by the visit's date plus the standard's
//     period; if the item's last rectification was closed, this one is a
//     反弹 and counts one more rebound than it.
//   - 不符合 or 部分符合 with one active: it is rechecked (复查未通过); a
//     report of the school's that came before this visit no longer holds.
//   - 符合 or 不适用 with one active: this visit closes it (销号).
//
// A rectification closed by hand on a day is closed from that day on: a
// visit after it that finds the problem again opens a new one (反弹).
// Drafts are not visits here: a reopened visit's findings are withdrawn
// until it is finalized again.
func DeriveRectifications(school School, visits []*Inspection, standards map[string]*Standard, existing []Rectification) []Rectification {
	stored := make(map[string]*Rectification, len(existing))
	for i := range existing {
		stored[existing[i].ID] = &existing[i]
	}
	finalized := make([]*Inspection, 0, len(visits))
	for _, v := range visits {
		if v.Status == Finalized && v.SchoolID == school.ID && standards[v.StandardID] != nil {
			finalized = append(finalized, v)
		}
	}
	slices.SortFunc(finalized, func(a, b *Inspection) int {
		return cmp.Or(a.Date.Compare(b.Date), strings.Compare(a.ID, b.ID))
	})

	// At most one rectification per problem found, and those stored:
	// room for them all at once (a Rectification is large to copy).
	most := len(existing)
	for _, v := range finalized {
		for _, a := range v.Answers {
			if a.Verdict.NeedsFixing() {
				most++
			}
		}
	}
	var (
		out        = make([]Rectification, 0, most)
		index      = map[string]int{} // id -> position in out
		active     = map[string]int{} // item -> position in out of its active one
		lastClosed = map[string]int{} // item -> position in out of its last closed one
		scored     = map[*Standard][]*Item{}
	)
	for _, v := range finalized {
		std := standards[v.StandardID]
		items, ok := scored[std]
		if !ok {
			items = std.ScoredItems()
			scored[std] = items
		}
		for _, it := range items {
			// A closure by hand before this visit takes effect first.
			if i, ok := active[it.ID]; ok && closedByHandBefore(&out[i], v.Date) {
				delete(active, it.ID)
				lastClosed[it.ID] = i
			}
			a := v.Answers[it.ID]
			i, isActive := active[it.ID]
			switch {
			case a.Verdict.NeedsFixing() && isActive:
				out[i].RecheckedIn, out[i].RecheckedOn = v.ID, v.Date
			case a.Verdict.NeedsFixing():
				r := Rectification{
					ID: RectificationID(v.ID, it.ID), SchoolID: school.ID, ItemID: it.ID,
					FoundIn: v.ID, FoundOn: v.Date, StandardID: v.StandardID, Verdict: a.Verdict, Finding: a.Note,
					DueBy: v.Date.AddDays(std.rectificationDays(it)), Secretary: school.Secretary,
				}
				if p, ok := lastClosed[it.ID]; ok {
					r.Rebounds, r.PreviousID = out[p].Rebounds+1, out[p].ID
				}
				if s, ok := stored[r.ID]; ok {
					r.Actions, r.Versions, r.UpdatedAt = s.Actions, s.Versions, s.UpdatedAt
				}
				out = append(out, r)
				index[r.ID] = len(out) - 1
				active[it.ID] = len(out) - 1
			case isActive && (a.Verdict == Met || a.Verdict == NotApplicable):
				out[i].ClosedIn, out[i].ClosedOn = v.ID, v.Date
				delete(active, it.ID)
				lastClosed[it.ID] = i
			}
		}
	}
	// What was stored and is no longer derived is withdrawn, with the
	// decisions about it and nothing derived (what was derived before
	// depends on what a database saw before); without decisions, it is
	// left out.
	for i := range existing {
		e := &existing[i]
		if _, ok := index[e.ID]; ok || !e.Decided() {
			continue
		}
		w := Rectification{ID: e.ID, SchoolID: school.ID, ItemID: e.ItemID, FoundIn: e.FoundIn, Withdrawn: true}
		w.SetDecisions(e.Decisions())
		out = append(out, w)
	}
	slices.SortFunc(out, func(a, b Rectification) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// Decided reports whether someone decided something about the
// rectification: it has decisions, or a version vector that counts them.
func (r *Rectification) Decided() bool {
	return len(r.Versions) > 0 || r.Actions != (RectActions{})
}

// closedByHandBefore reports whether a rectification was closed by hand
// on or before a day.
func closedByHandBefore(r *Rectification, day Date) bool {
	return !r.Actions.ClosedOn.IsZero() && r.Actions.ClosedOn.Compare(day) <= 0
}

// SameDerived reports whether two rectifications agree on everything
// derived from the visits (not on Actions, versions or times): a stored
// one whose derived part is the same need not be written again.
func SameDerived(a, b *Rectification) bool {
	return a.ID == b.ID && a.SchoolID == b.SchoolID && a.ItemID == b.ItemID &&
		a.FoundIn == b.FoundIn && a.FoundOn == b.FoundOn && a.StandardID == b.StandardID && a.Verdict == b.Verdict &&
		a.Finding == b.Finding && a.DueBy == b.DueBy && a.Secretary == b.Secretary &&
		a.Rebounds == b.Rebounds && a.PreviousID == b.PreviousID &&
		a.RecheckedIn == b.RecheckedIn && a.RecheckedOn == b.RecheckedOn &&
		a.ClosedIn == b.ClosedIn && a.ClosedOn == b.ClosedOn && a.Withdrawn == b.Withdrawn
}
