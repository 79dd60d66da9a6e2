package checklist

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// VetoRecord records that one of a standard's veto situations (一票否决情形)
// applies to a school in a year: once per school, year and situation, with
// the reason (what happened, the document) and who recorded it when. It
// caps the school's stars for the year, or disqualifies it, as the
// situation says (ApplyVetoes). A record is never deleted: lifting it
// (recorded by mistake, overturned on review) keeps who lifted it and
// why, so that every database agrees it is gone.
type VetoRecord struct {
	// ID is VetoRecordID(SchoolID, Year, SituationID): two databases that
	// record the same situation for the same school and year record the
	// same thing.
	ID       string `json:"id"`
	SchoolID string `json:"school_id"`
	Year     int    `json:"year"`
	// StandardID and SituationID name the situation: the standard that
	// lists it (the year's), and its id there.
	StandardID  string `json:"standard_id"`
	SituationID string `json:"situation_id"`
	// Reason is what happened (事由), with any document's number.
	Reason     string    `json:"reason"`
	RecordedBy string    `json:"recorded_by"`
	RecordedAt time.Time `json:"recorded_at"`
	// Lifted: who lifted it, when and why; zero while it applies.
	LiftedBy   string    `json:"lifted_by,omitempty"`
	LiftedAt   time.Time `json:"lifted_at,omitzero"`
	LiftReason string    `json:"lift_reason,omitempty"`
	// UpdatedAt is when it last changed; Versions counts its changes in
	// each database (a version vector keyed by database id), for merging.
	UpdatedAt time.Time         `json:"updated_at"`
	Versions  map[string]uint64 `json:"versions,omitempty"`
}

// VetoRecordID is the id of the record of a situation for a school and
// year.
func VetoRecordID(schoolID string, year int, situationID string) string {
	return fmt.Sprintf("%s/%d/%s", schoolID, year, situationID)
}

// TextVetoReason names a veto record's reason, for messages.
var TextVetoReason = Text{ZH: "一票否决事由", EN: "reason for the veto"}

// NewVetoRecord records that situation situationID of std applies to a
// school in a year, for a reason, by a person. The situation must be one
// std lists; the reason and the name are required and checked as text
// that comes in.
func NewVetoRecord(std *Standard, situationID, schoolID string, year int, reason, by string, at time.Time) (*VetoRecord, error) {
	sit, ok := std.VetoSituation(situationID)
	if !ok {
		return nil, Errorf(ErrNotFound, Text{ZH: "标准 %s 没有一票否决情形 %s", EN: "standard %s lists no veto situation %s"}, std.ID, situationID)
	}
	reason, by = strings.TrimSpace(reason), strings.TrimSpace(by)
	switch {
	case schoolID == "":
		return nil, Errorf(ErrInvalid, Text{ZH: "一票否决情形要记在一所学校名下", EN: "a veto situation is recorded for a school"})
	case year < 1 || year > 9999:
		return nil, Errorf(ErrInvalid, Text{ZH: "年度 %d 不是一个年份", EN: "%d is not a year"}, year)
	case std.Year != 0 && std.Year != year:
		return nil, Errorf(ErrInvalid, Text{ZH: "标准 %s 是 %d 年度的，不能用来记录 %d 年度的一票否决情形", EN: "standard %s is for %d, not %d"}, std.ID, std.Year, year)
	case reason == "":
		return nil, Errorf(ErrReasonRequired, Text{ZH: "记录一票否决情形“%s”需要写明事由", EN: "recording the veto situation %q needs a reason"}, sit.Text)
	case by == "":
		return nil, Errorf(ErrInvalid, Text{ZH: "请写明记录人", EN: "say who records it"})
	}
	if err := CheckNote(TextVetoReason, reason, MaxNote); err != nil {
		return nil, err
	}
	if err := CheckLine(TextInspector, by, MaxLine); err != nil {
		return nil, err
	}
	return &VetoRecord{
		ID: VetoRecordID(schoolID, year, situationID), SchoolID: schoolID, Year: year,
		StandardID: std.ID, SituationID: situationID,
		Reason: reason, RecordedBy: by, RecordedAt: at, UpdatedAt: at,
	}, nil
}

// Active reports whether the record applies: it has not been lifted.
func (r *VetoRecord) Active() bool { return r.LiftedAt.IsZero() }

// Lift lifts the record, with a reason (recorded by mistake, overturned
// on review); it then no longer applies.
func (r *VetoRecord) Lift(reason, by string, at time.Time) error {
	if !r.Active() {
		return Errorf(ErrInvalid, Text{ZH: "这条一票否决记录已于 %s 撤销", EN: "the veto record was lifted on %s"}, DateOf(r.LiftedAt))
	}
	reason, by = strings.TrimSpace(reason), strings.TrimSpace(by)
	if reason == "" {
		return Errorf(ErrReasonRequired, Text{ZH: "撤销一票否决记录需要说明原因", EN: "lifting a veto record needs a reason"})
	}
	if err := CheckNote(TextReason, reason, MaxNote); err != nil {
		return err
	}
	if err := CheckLine(TextInspector, by, MaxLine); err != nil {
		return err
	}
	r.LiftedBy, r.LiftedAt, r.LiftReason, r.UpdatedAt = by, at, reason, at
	return nil
}

// Touch counts a change made in the database named origin.
func (r *VetoRecord) Touch(origin string, at time.Time) {
	if r.Versions == nil {
		r.Versions = map[string]uint64{}
	}
	r.Versions[origin]++
	if at.After(r.UpdatedAt) {
		r.UpdatedAt = at
	}
}

// Situation returns the situation the record names, from standards by id.
func (r *VetoRecord) Situation(standards map[string]*Standard) (*VetoSituation, error) {
	std := standards[r.StandardID]
	if std == nil {
		return nil, Errorf(ErrNotFound, Text{ZH: "一票否决记录 %s 依据的标准 %s 没有找到", EN: "veto record %s: its standard %s is not found"}, r.ID, r.StandardID)
	}
	sit, ok := std.VetoSituation(r.SituationID)
	if !ok {
		return nil, Errorf(ErrNotFound, Text{ZH: "标准 %s 没有一票否决情形 %s", EN: "standard %s lists no veto situation %s"}, std.ID, r.SituationID)
	}
	return sit, nil
}

// ApplyVetoes returns a school's score for a year with its active veto
// records of that year applied, on scale (the scale of the standard the
// score was made under): each caps the stars at its situation's
// CapStars, or disqualifies the branch (0 stars). The situations applied
// are listed in Situations, and Lagging follows the stars (a
// disqualified branch is lagging). Points are not changed. Lifted records
// are left out; a record whose situation is not found in standards is an
// error.
func ApplyVetoes(sc Score, scale StarScale, records []VetoRecord, standards map[string]*Standard) (Score, error) {
	var applied []string
	for i := range records {
		r := &records[i]
		if !r.Active() {
			continue
		}
		sit, err := r.Situation(standards)
		if err != nil {
			return sc, err
		}
		applied = append(applied, r.SituationID)
		switch {
		case sit.Disqualify:
			sc.Disqualified = true
		case sc.Stars > sit.CapStars:
			sc.Stars = sit.CapStars
		}
	}
	if len(applied) == 0 {
		return sc, nil
	}
	slices.Sort(applied)
	sc.Situations = slices.Compact(append(append([]string(nil), sc.Situations...), applied...))
	if sc.Disqualified {
		sc.Stars = 0
	}
	sc.Lagging = scale.IsLagging(sc.Stars)
	return sc, nil
}

// ApplyVetoes applies the year's veto records to the ratings (records of
// other years are ignored): each rated school's score as ApplyVetoes
// does, and every school's active records of the year kept in its
// Vetoes (a school not rated keeps its records too, and stays not rated).
// The ratings are sorted again, since stars may have changed.
func (y *YearRating) ApplyVetoes(records []VetoRecord, standards map[string]*Standard) error {
	bySchool := map[string][]VetoRecord{}
	for _, r := range records {
		if r.Year == y.Year && r.Active() {
			bySchool[r.SchoolID] = append(bySchool[r.SchoolID], r)
		}
	}
	if len(bySchool) == 0 {
		return nil
	}
	for i := range y.Ratings {
		rt := &y.Ratings[i]
		rs := bySchool[rt.School.ID]
		if len(rs) == 0 {
			continue
		}
		rt.Vetoes = rs
		if !rt.Rated() {
			continue
		}
		sc, err := ApplyVetoes(rt.Score, rt.Standard.Stars, rs, standards)
		if err != nil {
			return err
		}
		rt.Score = sc
	}
	sortRatings(y.Ratings)
	return nil
}
