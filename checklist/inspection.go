package checklist

import (
	"strings"
	"time"
)

// Status is where an inspection is in its life.
type Status string

// The statuses of an inspection.
const (
	// Draft: being walked; its score is provisional.
	Draft Status = "draft"
	// Finalized: complete and locked; it counts for the year's rating.
	Finalized Status = "finalized"
)

// School is one school's party branch, the unit that is inspected and
// rated.
type School struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Township  string    `json:"township,omitempty"`
	Kind      string    `json:"kind,omitempty"` // 小学, 初中, 高中, 职中, 幼儿园 …
	Secretary string    `json:"secretary,omitempty"`
	Contact   string    `json:"contact,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the school last changed (see ChangeTime).
	UpdatedAt time.Time `json:"updated_at"`
	// Versions counts the changes made to the school in each database
	// (a version vector keyed by database id); see MergeSchools.
	Versions map[string]uint64 `json:"versions,omitempty"`
	// Aliases are the other ids the school was known by in databases it
	// was merged from (a school added in two databases has two), sorted.
	Aliases []string `json:"aliases,omitempty"`
	// Archived is the day the school was archived (closed, or merged into
	// another), the zero Date while it is not. An archived school keeps
	// its visits and its ratings of the years before; it is left out of
	// the schools list and of new work (see ListedIn).
	Archived Date `json:"archived,omitzero"`
}

// Validate checks that the school can be saved.
func (s *School) Validate() error {
	if strings.TrimSpace(s.Name) == "" {
		return Errorf(ErrInvalid, Text{ZH: "学校名称不能为空", EN: "a school needs a name"})
	}
	if !s.Archived.IsZero() && !s.Archived.Valid() {
		return Errorf(ErrInvalid, Text{ZH: "学校的归档日期 %04d-%02d-%02d 不是有效的日期", EN: "the school's archive date %04d-%02d-%02d is not a date"},
			s.Archived.Year, int(s.Archived.Month), s.Archived.Day)
	}
	return nil
}

// IsArchived reports whether the school is archived.
func (s *School) IsArchived() bool { return !s.Archived.IsZero() }

// ListedIn reports whether a year's ratings list the school when it has
// no finalized visit that year: a school not archived, or archived in a
// later year. A school archived in 2027 is listed in 2026's ratings (it
// was a school all that year) but not in 2027's or after, where it would
// only ever show as 未评定. A school with a finalized visit in a year is
// listed in that year's ratings whenever it was archived: its rating is
// history.
func (s *School) ListedIn(year int) bool { return !s.IsArchived() || s.Archived.Year > year }

// Inspection is one visit to one school under one standard: the answers
// given for its items, as a draft or finalized.
type Inspection struct {
	// ID is globally unique and time-ordered (a UUIDv7), so visits from
	// several inspectors' databases merge without clashing.
	ID         string `json:"id"`
	SchoolID   string `json:"school_id"`
	StandardID string `json:"standard_id"`
	Inspector  string `json:"inspector"`
	Date       Date   `json:"date"`
	Status     Status `json:"status"`
	// Answers by item id. An item with no entry is unanswered.
	Answers map[string]Answer `json:"answers,omitempty"`
	// FinalizedAt is when the visit was last finalized; once set, every
	// later change is audited.
	FinalizedAt time.Time `json:"finalized_at,omitzero"`
	// ReopenReason is why a finalized visit was last reopened.
	ReopenReason string    `json:"reopen_reason,omitempty"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
	// Versions counts the changes made to the visit in each database
	// (a version vector keyed by database id), so a merge can tell a
	// newer copy from one changed on both sides.
	Versions map[string]uint64 `json:"versions,omitempty"`
	// Conflicting are the copies of the visit changed in other databases
	// at the same time as this one, which lost to it (see
	// MergeInspections): kept until the next change, which records them
	// in the audit trail. Each is a whole copy with its own Versions and
	// no Conflicting of its own.
	Conflicting []Inspection `json:"conflicting,omitempty"`
}

// Change is one change to an inspection, as the audit trail records it.
type Change struct {
	InspectionID string `json:"inspection_id"`
	// ItemID is the item changed, or "" for the inspection itself.
	ItemID string `json:"item_id,omitempty"`
	// Field is what changed: "verdict", "note", "status", "merge", or
	// "rectification" for a decision about the rectification of the
	// visit's item ItemID (Old and New are then its RectActions as JSON).
	Field  string    `json:"field"`
	Old    string    `json:"old"`
	New    string    `json:"new"`
	By     string    `json:"by"`
	At     time.Time `json:"at"`
	Reason string    `json:"reason,omitempty"`
}

// The fields a Change names.
const (
	FieldVerdict = "verdict"
	FieldNote    = "note"
	FieldStatus  = "status"
	FieldMerge   = "merge"
	// FieldRectification: a decision people made about a rectification
	// (a deadline, a person responsible, a report, a closure by hand),
	// recorded under the visit that found the problem.
	FieldRectification = "rectification"
)

// NewInspection starts a draft visit of a school under a standard.
func NewInspection(id, schoolID string, std *Standard, inspector string, date Date, now time.Time) (*Inspection, error) {
	in := &Inspection{
		ID: id, SchoolID: schoolID, StandardID: std.ID,
		Inspector: strings.TrimSpace(inspector), Date: date, Status: Draft,
		Answers: map[string]Answer{}, CreatedAt: now, UpdatedAt: now,
	}
	switch {
	case id == "":
		return nil, Errorf(ErrInvalid, Text{ZH: "检查缺少编号", EN: "an inspection needs an id"})
	case schoolID == "":
		return nil, Errorf(ErrInvalid, Text{ZH: "检查缺少学校", EN: "an inspection needs a school"})
	case in.Inspector == "":
		return nil, Errorf(ErrInvalid, Text{ZH: "检查缺少检查人的姓名", EN: "an inspection needs the inspector's name"})
	case date.IsZero():
		return nil, Errorf(ErrInvalid, Text{ZH: "检查缺少日期", EN: "an inspection needs a date"})
	}
	return in, nil
}

// Audited reports whether changes to the inspection go to the audit trail:
// it has been finalized at least once.
func (in *Inspection) Audited() bool { return !in.FinalizedAt.IsZero() }

// Answer returns the answer for an item; the zero Answer if none.
func (in *Inspection) Answer(itemID string) Answer { return in.Answers[itemID] }

// Missing lists the scored items of std the inspection has not answered,
// in display order.
func (in *Inspection) Missing(std *Standard) []string {
	var out []string
	for _, it := range std.ScoredItems() {
		if in.Answers[it.ID].Verdict == Unanswered {
			out = append(out, it.ID)
		}
	}
	return out
}

// SetVerdict records a verdict (Unanswered clears it) for an item. It
// returns the change made, with ok false if the verdict was already so.
//
// A deduction or bonus item takes only the verdicts Item.VerdictEntry
// allows, recorded as a FieldValue change (see SetValue).
func (in *Inspection) SetVerdict(std *Standard, itemID string, v Verdict, by string, at time.Time) (c Change, ok bool, err error) {
	if err := in.editable(std, itemID); err != nil {
		return Change{}, false, err
	}
	if it, _, _ := std.Item(itemID); it.TakesValue() {
		return in.setVerdictOnValueItem(it, v, by, at)
	}
	if !v.Valid() {
		return Change{}, false, Errorf(ErrInvalid, Text{ZH: "%s 不是一种答案", EN: "%s is not a verdict"}, Quote(string(v)))
	}
	a := in.Answers[itemID]
	if a.Verdict == v {
		return Change{}, false, nil
	}
	c = in.change(itemID, FieldVerdict, string(a.Verdict), string(v), by, at)
	a.Verdict, a.By, a.At = v, by, at
	in.putAnswer(itemID, a)
	return c, true, nil
}

// SetNote records the inspector's note for an item; surrounding space is
// trimmed. It returns the change made, with ok false if the note was
// already so.
func (in *Inspection) SetNote(std *Standard, itemID, note, by string, at time.Time) (c Change, ok bool, err error) {
	if err := in.editable(std, itemID); err != nil {
		return Change{}, false, err
	}
	note = strings.TrimSpace(note)
	a := in.Answers[itemID]
	if a.Note == note {
		return Change{}, false, nil
	}
	c = in.change(itemID, FieldNote, a.Note, note, by, at)
	a.Note, a.By, a.At = note, by, at
	in.putAnswer(itemID, a)
	return c, true, nil
}

func (in *Inspection) putAnswer(itemID string, a Answer) {
	if a.IsZero() {
		delete(in.Answers, itemID)
		return
	}
	if in.Answers == nil {
		in.Answers = map[string]Answer{}
	}
	in.Answers[itemID] = a
}

// Finalize locks a complete inspection. It refuses with *IncompleteError
// while a scored item is unanswered.
func (in *Inspection) Finalize(std *Standard, by string, at time.Time) (Change, error) {
	if in.Status == Finalized {
		return Change{}, ErrFinalized
	}
	if err := in.checkStandard(std); err != nil {
		return Change{}, err
	}
	if missing := in.Missing(std); len(missing) > 0 {
		return Change{}, &IncompleteError{Missing: missing}
	}
	c := in.change("", FieldStatus, string(Draft), string(Finalized), by, at)
	in.Status, in.FinalizedAt, in.UpdatedAt = Finalized, at, at
	return c, nil
}

// Reopen unlocks a finalized inspection for a correction. The reason is
// required; it goes to the audit trail with every change until the visit
// is finalized again.
func (in *Inspection) Reopen(reason, by string, at time.Time) (Change, error) {
	if in.Status != Finalized {
		return Change{}, ErrNotFinalized
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return Change{}, ErrReasonRequired
	}
	in.ReopenReason = reason
	c := in.change("", FieldStatus, string(Finalized), string(Draft), by, at)
	in.Status, in.UpdatedAt = Draft, at
	return c, nil
}

func (in *Inspection) editable(std *Standard, itemID string) error {
	if in.Status == Finalized {
		return ErrFinalized
	}
	if err := in.checkStandard(std); err != nil {
		return err
	}
	it, _, ok := std.Item(itemID)
	if !ok {
		return Errorf(ErrNotFound, Text{ZH: "标准 %[2]s 里没有条目 %[1]s", EN: "item %s: not found in standard %s"}, itemID, std.ID)
	}
	if !it.Scored {
		return Errorf(ErrNotScored, Text{ZH: "条目 %s：此项不计分，不能作答", EN: "item %s: the item is not scored and cannot be answered"}, itemID)
	}
	return nil
}

func (in *Inspection) checkStandard(std *Standard) error {
	if std == nil || std.ID != in.StandardID {
		got := Text{ZH: "没有标准", EN: "none"}
		if std != nil {
			got = Text{ZH: std.ID, EN: std.ID}
		}
		return Errorf(ErrInvalid, Text{ZH: "检查 %s 是按标准 %s 进行的，不是 %s", EN: "inspection %s was made under standard %s, not %s"}, in.ID, in.StandardID, got)
	}
	return nil
}

func (in *Inspection) change(itemID, field, old, new, by string, at time.Time) Change {
	in.UpdatedAt = at
	c := Change{InspectionID: in.ID, ItemID: itemID, Field: field, Old: old, New: new, By: by, At: at}
	if in.Audited() {
		c.Reason = in.ReopenReason
	}
	return c
}
