package checklist

import (
	"bytes"
	"cmp"
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"time"
)

// The merge rules of the year-end records: self-assessments, veto records
// and the years' stages. Like MergeRectDecisions they are joins
// (commutative, associative, idempotent), for the same reasons: each
// record carries a version vector and a change time stamped by
// ChangeTime, so a copy made on top of another is always later than it;
// of two copies changed independently the later change wins, then a fixed
// order of their content; the vectors are joined. What does not depend on
// which copy wins is joined on its own: the earliest creation time of a
// self-assessment, the union of a year's stage history.
//
// Why whole records, and not a self-assessment's items one by one as a
// visit's answers would be merged if they were: a self-assessment is one
// form (the 自评表), filled in by the branch and signed by its secretary,
// and its 自评分 is a figure of the whole. Items taken from two forms would
// make a form nobody filled in, under a signature that signed neither.
// The copy that loses is not lost: each answer it changed was written to
// the year's audit trail when it was entered (who, when, old and new),
// and that trail travels with the bundles and merges as a set.

// The fields of the year's audit trail besides FieldVerdict, FieldValue
// and FieldNote (a self-assessment's answers).
const (
	// FieldStage: the year's stage changed; Old and New are the stages
	// (Stage, "" for 初评), New with the 公示's dates ("publicity
	// 2028-01-05 2028-01-11"), Reason why it was withdrawn.
	FieldStage = "stage"
	// FieldVeto: a veto record was recorded (Old "", New the situation
	// id) or lifted (Old the situation id, New ""); Reason is its 事由 or
	// why it was lifted.
	FieldVeto = "veto"
	// FieldSigned: who signed a self-assessment for the branch, and on
	// what day (New "王书记 2027-11-20").
	FieldSigned = "signed"
)

// YearMerge says what a merge of two copies of a year-end record did.
type YearMerge struct {
	// Changed: the result differs from the first copy.
	Changed bool
	// Conflict: the copies were changed independently (concurrent
	// vectors) and say different things; LostAt is when the copy that
	// was not kept was changed.
	Conflict bool
	LostAt   time.Time
	// FromSecond: the content kept came from the second copy.
	FromSecond bool
}

// mergeWhole decides a merge of two whole copies with vectors av and bv:
// bWins is the fixed order's verdict on two concurrent (or same) copies,
// differ whether they say different things. It returns whether b's
// content is taken, the vector of the result and whether it is a
// conflict.
func mergeWhole(av, bv map[string]uint64, bWins, differ bool) (takeB bool, v map[string]uint64, conflict bool) {
	switch o := CompareVersions(av, bv); o {
	case Newer:
		return false, av, false
	case Older:
		return true, bv, false
	default:
		return bWins, JoinVersions(av, bv), differ && o == Concurrent
	}
}

// canonical is v as JSON: map keys sorted, the encoding of a value being
// fixed; times are to be put in UTC by the caller.
func canonical(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil { // the year-end records always encode
		return nil
	}
	return b
}

// selfContent is what a self-assessment says, for the fixed order and for
// sameness: its standard, answers (times in UTC) and signature; not its
// id or school (each database knows a school by its own id), creation
// time, change time or vector.
func selfContent(sa *SelfAssessment) []byte {
	c := SelfAssessment{StandardID: sa.StandardID, SignedBy: sa.SignedBy, SignedOn: sa.SignedOn, Year: sa.Year}
	if len(sa.Answers) > 0 {
		c.Answers = make(map[string]SelfAnswer, len(sa.Answers))
		for k, a := range sa.Answers {
			a.At = a.At.UTC()
			c.Answers[k] = a
		}
	}
	return canonical(&c)
}

// MergeSelfAssessments merges two copies of a school's self-assessment
// for a year, as whole records: a copy made on top of the other replaces
// it; of two changed independently, the later change wins, then the
// greater content (its canonical JSON); the vectors are joined and the
// earlier creation time kept. The result keeps a's id and school. Neither
// argument is changed; the result may share their maps.
func MergeSelfAssessments(a, b SelfAssessment) (SelfAssessment, YearMerge) {
	ca, cb := selfContent(&a), selfContent(&b)
	order := cmp.Or(b.UpdatedAt.Compare(a.UpdatedAt), bytes.Compare(cb, ca))
	takeB, v, conflict := mergeWhole(a.Versions, b.Versions, order > 0, !bytes.Equal(ca, cb))
	out := a
	if takeB {
		out = b
		out.ID, out.SchoolID = a.ID, a.SchoolID
	}
	out.Versions = v
	out.CreatedAt = earliest(a.CreatedAt, b.CreatedAt)
	m := YearMerge{FromSecond: takeB, Conflict: conflict}
	if conflict {
		m.LostAt = b.UpdatedAt
		if takeB {
			m.LostAt = a.UpdatedAt
		}
	}
	m.Changed = !bytes.Equal(selfContent(&out), ca) || !out.UpdatedAt.Equal(a.UpdatedAt) ||
		!out.CreatedAt.Equal(a.CreatedAt) || !maps.Equal(out.Versions, a.Versions)
	return out, m
}

// vetoContent is what a veto record says: its situation, the recording
// and the lift (times in UTC); not its id or school, change time or
// vector.
func vetoContent(r *VetoRecord) []byte {
	c := VetoRecord{Year: r.Year, StandardID: r.StandardID, SituationID: r.SituationID,
		Reason: r.Reason, RecordedBy: r.RecordedBy, RecordedAt: r.RecordedAt.UTC(),
		LiftedBy: r.LiftedBy, LiftReason: r.LiftReason}
	if !r.LiftedAt.IsZero() {
		c.LiftedAt = r.LiftedAt.UTC()
	}
	return canonical(&c)
}

// compareVetoes orders two copies of a veto record by which wins a
// conflict: the later change; then, in the same second, a lift over a
// record that applies; then the content. +1: a wins. A lift is always
// later than the record it lifts (ChangeTime, and a bundle's lift that
// is not is refused), so a lift wins over the record it lifts whatever
// the vectors say.
func compareVetoes(a, b *VetoRecord) int {
	lifted := func(r *VetoRecord) int {
		if r.Active() {
			return 0
		}
		return 1
	}
	return cmp.Or(a.UpdatedAt.Compare(b.UpdatedAt), cmp.Compare(lifted(a), lifted(b)),
		bytes.Compare(vetoContent(a), vetoContent(b)))
}

// MergeVetoRecords merges two copies of one veto record (one school, year
// and situation): a copy made on top of the other replaces it; of two
// changed independently, the later change wins (a lift, always later
// than the recording it lifts, wins over it; in the same second a lift
// wins over a record that applies), then the greater content; the
// vectors are joined. The result keeps a's id and school. Neither
// argument is changed; the result may share their maps.
func MergeVetoRecords(a, b VetoRecord) (VetoRecord, YearMerge) {
	ca, cb := vetoContent(&a), vetoContent(&b)
	takeB, v, conflict := mergeWhole(a.Versions, b.Versions, compareVetoes(&b, &a) > 0, !bytes.Equal(ca, cb))
	out := a
	if takeB {
		out = b
		out.ID, out.SchoolID = a.ID, a.SchoolID
	}
	out.Versions = v
	m := YearMerge{FromSecond: takeB, Conflict: conflict}
	if conflict {
		m.LostAt = b.UpdatedAt
		if takeB {
			m.LostAt = a.UpdatedAt
		}
	}
	m.Changed = !bytes.Equal(vetoContent(&out), ca) || !out.UpdatedAt.Equal(a.UpdatedAt) || !maps.Equal(out.Versions, a.Versions)
	return out, m
}

// stageRank orders the stages for the last tie-break of two copies of a
// year's stage changed in the same second: the stage less far along wins
// (a withdrawal over a confirmation). A confirmation that loses stays in
// the stage's history and in the year's audit trail, and confirming
// again is one command; a confirmation that stood by a tie-break would
// lock a year someone reopened for a reason.
func stageRank(s Stage) int {
	switch s {
	case StageConfirmed:
		return 0
	case StagePublicity:
		return 1
	}
	return 2
}

// stageContent is what a year's stage says, apart from its history: the
// stage, its dates, who confirmed it and what was named (without the
// schools' ids, which each database knows by its own: the visits name
// them). Not its change time or vector.
func stageContent(y *YearStage) []byte {
	c := YearStage{Year: y.Year, Stage: y.Stage, PublicFrom: y.PublicFrom, PublicTo: y.PublicTo,
		ConfirmedBy: y.ConfirmedBy, ConfirmedOn: y.ConfirmedOn}
	for _, n := range y.Named {
		n.SchoolID = ""
		c.Named = append(c.Named, n)
	}
	return canonical(&c)
}

// compareStages orders two copies of a year's stage by which wins a
// conflict: the later change, then the stage less far along (stageRank),
// then the content. +1: a wins.
func compareStages(a, b *YearStage) int {
	return cmp.Or(a.UpdatedAt.Compare(b.UpdatedAt), cmp.Compare(stageRank(a.Stage), stageRank(b.Stage)),
		bytes.Compare(stageContent(a), stageContent(b)))
}

// compareStageChanges orders a stage's history: by time, then the
// change's other fields.
func compareStageChanges(a, b StageChange) int {
	return cmp.Or(a.At.Compare(b.At), cmp.Compare(a.Year, b.Year), strings.Compare(string(a.From), string(b.From)),
		strings.Compare(string(a.To), string(b.To)), a.PublicFrom.Compare(b.PublicFrom), a.PublicTo.Compare(b.PublicTo),
		strings.Compare(a.By, b.By), strings.Compare(a.Reason, b.Reason))
}

// UnionHistory is the union of two histories of a year's stage, oldest
// first (by time, then content), each change once.
func UnionHistory(a, b []StageChange) []StageChange {
	out := slices.Concat(a, b)
	slices.SortFunc(out, compareStageChanges)
	return slices.CompactFunc(out, func(x, y StageChange) bool { return compareStageChanges(x, y) == 0 })
}

// MergeYearStages merges two copies of a year's stage: a copy made on top
// of the other replaces it (a confirmation made after seeing a
// withdrawal, or the other way round); of two changed independently, the
// later change wins, then the stage less far along, then the greater
// content; the vectors are joined, and the histories united, so every
// change of stage made anywhere is in it once, whichever copy wins.
// Neither argument is changed.
func MergeYearStages(a, b YearStage) (YearStage, YearMerge) {
	ca, cb := stageContent(&a), stageContent(&b)
	takeB, v, conflict := mergeWhole(a.Versions, b.Versions, compareStages(&b, &a) > 0, !bytes.Equal(ca, cb))
	out := a
	if takeB {
		out = b
	}
	out.Versions = v
	out.History = UnionHistory(a.History, b.History)
	m := YearMerge{FromSecond: takeB, Conflict: conflict}
	if conflict {
		m.LostAt = b.UpdatedAt
		if takeB {
			m.LostAt = a.UpdatedAt
		}
	}
	m.Changed = !bytes.Equal(stageContent(&out), ca) || !out.UpdatedAt.Equal(a.UpdatedAt) ||
		!maps.Equal(out.Versions, a.Versions) || !sameHistory(out.History, a.History) ||
		namedIDs(&out) != namedIDs(&a)
	return out, m
}

func sameHistory(a, b []StageChange) bool {
	return slices.EqualFunc(a, b, func(x, y StageChange) bool { return compareStageChanges(x, y) == 0 })
}

func namedIDs(y *YearStage) string {
	var b strings.Builder
	for _, n := range y.Named {
		b.WriteString(n.SchoolID)
		b.WriteByte(0)
	}
	return b.String()
}
