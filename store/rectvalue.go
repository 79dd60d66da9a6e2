package store

import (
	"time"

	"branchcheck/checklist"
)

// storedRect is a rectification as the store keeps it: a CBOR map with
// small integer keys, dates as day numbers (see day), times as seconds
// since the epoch, and without its id and school, which its key and its
// bucket say. The 整改台账 decodes every rectification of the county (some
// fourteen thousand for 500 schools × 4 visits); keyed by integers a
// value decodes about twice as fast as under the domain type's field
// names, and stays a map, so that a later schema can add keys.
type storedRect struct {
	ItemID      string            `cbor:"1,keyasint"`
	FoundIn     string            `cbor:"2,keyasint"`
	FoundOn     day               `cbor:"3,keyasint"`
	StandardID  string            `cbor:"4,keyasint"`
	Verdict     checklist.Verdict `cbor:"5,keyasint"`
	Finding     string            `cbor:"6,keyasint,omitempty"`
	DueBy       day               `cbor:"7,keyasint"`
	Secretary   string            `cbor:"8,keyasint,omitempty"`
	Rebounds    int               `cbor:"9,keyasint,omitempty"`
	PreviousID  string            `cbor:"10,keyasint,omitempty"`
	RecheckedIn string            `cbor:"11,keyasint,omitempty"`
	RecheckedOn day               `cbor:"12,keyasint,omitempty"`
	ClosedIn    string            `cbor:"13,keyasint,omitempty"`
	ClosedOn    day               `cbor:"14,keyasint,omitempty"`
	Withdrawn   bool              `cbor:"15,keyasint,omitempty"`

	// Actions (checklist.RectActions).
	Deadline     day    `cbor:"20,keyasint,omitempty"`
	Responsible  string `cbor:"21,keyasint,omitempty"`
	ReportedBy   string `cbor:"22,keyasint,omitempty"`
	ReportedOn   day    `cbor:"23,keyasint,omitempty"`
	Evidence     string `cbor:"24,keyasint,omitempty"`
	ClosedBy     string `cbor:"25,keyasint,omitempty"`
	HandClosedOn day    `cbor:"26,keyasint,omitempty"`
	CloseReason  string `cbor:"27,keyasint,omitempty"`

	// UpdatedAt is in seconds since the epoch, 0 for none.
	UpdatedAt int64             `cbor:"30,keyasint,omitempty"`
	Versions  map[string]uint64 `cbor:"31,keyasint,omitempty"`
}

func toStoredRect(r *checklist.Rectification) storedRect {
	a := &r.Actions
	s := storedRect{
		ItemID: r.ItemID, FoundIn: r.FoundIn, FoundOn: dayOf(r.FoundOn), StandardID: r.StandardID,
		Verdict: r.Verdict, Finding: r.Finding, DueBy: dayOf(r.DueBy), Secretary: r.Secretary,
		Rebounds: r.Rebounds, PreviousID: r.PreviousID,
		RecheckedIn: r.RecheckedIn, RecheckedOn: dayOf(r.RecheckedOn),
		ClosedIn: r.ClosedIn, ClosedOn: dayOf(r.ClosedOn), Withdrawn: r.Withdrawn,
		Deadline: dayOf(a.Deadline), Responsible: a.Responsible,
		ReportedBy: a.ReportedBy, ReportedOn: dayOf(a.ReportedOn), Evidence: a.Evidence,
		ClosedBy: a.ClosedBy, HandClosedOn: dayOf(a.ClosedOn), CloseReason: a.CloseReason,
		Versions: r.Versions,
	}
	if !r.UpdatedAt.IsZero() {
		s.UpdatedAt = r.UpdatedAt.Unix()
	}
	return s
}

// rectification is the stored rectification with its id and school.
func (s *storedRect) rectification(id, schoolID string) checklist.Rectification {
	r := checklist.Rectification{
		ID: id, SchoolID: schoolID, ItemID: s.ItemID, FoundIn: s.FoundIn, FoundOn: s.FoundOn.date(),
		StandardID: s.StandardID, Verdict: s.Verdict, Finding: s.Finding, DueBy: s.DueBy.date(),
		Secretary: s.Secretary, Rebounds: s.Rebounds, PreviousID: s.PreviousID,
		RecheckedIn: s.RecheckedIn, RecheckedOn: s.RecheckedOn.date(),
		ClosedIn: s.ClosedIn, ClosedOn: s.ClosedOn.date(), Withdrawn: s.Withdrawn,
		Actions: checklist.RectActions{
			Deadline: s.Deadline.date(), Responsible: s.Responsible,
			ReportedBy: s.ReportedBy, ReportedOn: s.ReportedOn.date(), Evidence: s.Evidence,
			ClosedBy: s.ClosedBy, ClosedOn: s.HandClosedOn.date(), CloseReason: s.CloseReason,
		},
		Versions: s.Versions,
	}
	if s.UpdatedAt != 0 {
		r.UpdatedAt = time.Unix(s.UpdatedAt, 0)
	}
	return r
}

// encodeRect writes a rectification's stored value.
func encodeRect(r *checklist.Rectification) ([]byte, error) {
	s := toStoredRect(r)
	return encode(&s)
}

// decodeRect reads a rectification stored under id in the bucket of a
// school; bulk uses the bulk decoder (see codec).
func decodeRect(v []byte, id, schoolID string, bulk bool) (checklist.Rectification, error) {
	var s storedRect
	read := decode
	if bulk {
		read = decodeBulk
	}
	if err := read(v, &s); err != nil {
		return checklist.Rectification{}, err
	}
	return s.rectification(id, schoolID), nil
}

// rectState is the part of a stored rectification that says where it
// stands (checklist.Rectification's Status, Deadline, and the year it was
// found in): the ledger decodes it from every rectification, to count
// them, and decodes in full only those it lists. It holds no text, so it
// decodes without allocating.
type rectState struct {
	FoundOn      day  `cbor:"3,keyasint"`
	DueBy        day  `cbor:"7,keyasint"`
	RecheckedOn  day  `cbor:"12,keyasint,omitempty"`
	ClosedOn     day  `cbor:"14,keyasint,omitempty"`
	Withdrawn    bool `cbor:"15,keyasint,omitempty"`
	Deadline     day  `cbor:"20,keyasint,omitempty"`
	ReportedOn   day  `cbor:"23,keyasint,omitempty"`
	HandClosedOn day  `cbor:"26,keyasint,omitempty"`
}

// stateOnly stands in for the visit ids a rectification in brief does not
// read: a rectification is rechecked (closed) by a visit exactly when it
// has the day of that visit.
const stateOnly = "(not read)"

// rectification is the rectification in brief: its id, school and where
// it stands, nothing else.
func (s *rectState) rectification(id, schoolID string) checklist.Rectification {
	r := checklist.Rectification{
		ID: id, SchoolID: schoolID, FoundOn: s.FoundOn.date(), DueBy: s.DueBy.date(),
		RecheckedOn: s.RecheckedOn.date(), ClosedOn: s.ClosedOn.date(), Withdrawn: s.Withdrawn,
		Actions: checklist.RectActions{Deadline: s.Deadline.date(), ReportedOn: s.ReportedOn.date(), ClosedOn: s.HandClosedOn.date()},
	}
	if s.RecheckedOn != 0 {
		r.RecheckedIn = stateOnly
	}
	if s.ClosedOn != 0 {
		r.ClosedIn = stateOnly
	}
	return r
}
