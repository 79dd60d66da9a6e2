package checklist

import (
	"bytes"
	"cmp"
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/width"
)

// The rules by which several inspectors' databases merge. They are pure:
// the store reads the copies, calls these and writes what they return.
//
// A merge is a join: it is commutative, associative and idempotent, so any
// set of databases exchanged in any order, one at a time or all at once,
// any number of times, ends in the same content. Three things make it so:
//
//   - Every copy carries a version vector (Versions): how many changes
//     each database made to it. Vectors tell a copy made on top of another
//     (its vector is larger) from one changed concurrently (neither is).
//   - A change is stamped with ChangeTime: never before the record's
//     previous change, so a copy made on top of another is always later.
//     Which of two concurrent copies wins is decided by the copies
//     themselves: the later change, then the content, then the vector.
//     Never by when or where they meet.
//   - An inspection keeps the concurrent copies that lost beside the one
//     that won (Conflicting), so no merge ever has to decide alone what to
//     discard; the next change made on top of them (Touch) records them in
//     the audit trail, each as one entry that depends on that copy only,
//     so a copy set aside in two databases is recorded once.
//
// A school keeps the winning copy's fields, the join of the vectors, every
// id it was known by (the smallest is its id, the others Aliases) and the
// earliest creation time: each a join on its own. A rectification's
// decisions keep those of the latest change and the join of the vectors
// (MergeRectDecisions); the rest of a rectification is derived from the
// visits, which merge on their own.

// ChangeTime is the time to record for a change made at now to a record
// last changed at prev: now to the second, or one second after prev when
// the clock says otherwise (it was set back, or another laptop's clock was
// ahead). A record's change time so never goes backwards, and a copy made
// on top of another is always later than it, which Later relies on.
func ChangeTime(prev, now time.Time) time.Time {
	now = now.Truncate(time.Second)
	if prev.IsZero() {
		return now
	}
	if next := prev.Truncate(time.Second).Add(time.Second); now.Before(next) {
		return next.In(now.Location())
	}
	return now
}

// Order is how two copies of one record relate.
type Order int

// The orders of two copies.
const (
	Same       Order = iota // the same changes
	Older                   // the first is an ancestor of the second
	Newer                   // the second is an ancestor of the first
	Concurrent              // each has changes the other lacks: a conflict
)

// CompareVersions compares the version vectors of two copies of one
// record.
func CompareVersions(a, b map[string]uint64) Order {
	aAhead, bAhead := false, false
	for k, av := range a {
		if av > b[k] {
			aAhead = true
		}
	}
	for k, bv := range b {
		if bv > a[k] {
			bAhead = true
		}
	}
	switch {
	case aAhead && bAhead:
		return Concurrent
	case aAhead:
		return Newer
	case bAhead:
		return Older
	}
	return Same
}

// JoinVersions returns the join of two version vectors: for each
// database, the larger count. The arguments are not changed; the result
// is nil when both are empty.
func JoinVersions(a, b map[string]uint64) map[string]uint64 {
	if len(a) == 0 && len(b) == 0 {
		return nil
	}
	out := make(map[string]uint64, max(len(a), len(b)))
	maps.Copy(out, a)
	for k, v := range b {
		out[k] = max(out[k], v)
	}
	return out
}

// versionsKey writes a vector as sorted text: a total order on vectors
// for the last tie-break.
func versionsKey(v map[string]uint64) string {
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(v)) {
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(itoa(v[k]))
		b.WriteByte(';')
	}
	return b.String()
}

func itoa(n uint64) string {
	var buf [20]byte
	i := len(buf)
	for {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			return string(buf[i:])
		}
	}
}

// NameKey is how a school's name or township is compared when schools
// are matched: full-width forms folded to their half-width twins
// (（分校） is (分校)) and without spaces, so 城关 小学 is 城关小学. The
// roster compares names within a file the same way.
func NameKey(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return nameBlank(r) || r >= 0xFF00 && r <= 0xFFEF }) {
		return s // the usual name: nothing to fold or drop
	}
	return strings.Map(func(r rune) rune {
		if nameBlank(r) {
			return -1
		}
		return r
	}, width.Fold.String(s))
}

// nameBlank reports whether r is space or an invisible character that
// does not count in a name.
func nameBlank(r rune) bool {
	return unicode.IsSpace(r) || r == '\u3000' || r == '\ufeff' || r == '\u200b'
}

// SchoolKey is the key schools are matched by when they share no id:
// township and name, compared as NameKey does.
func SchoolKey(name, township string) string {
	return NameKey(township) + "\x00" + NameKey(name)
}

// Key is the school's SchoolKey.
func (s *School) Key() string { return SchoolKey(s.Name, s.Township) }

// IDs returns every id the school is known by: its own and its aliases.
func (s *School) IDs() []string { return append([]string{s.ID}, s.Aliases...) }

// Touch counts a change made to the school in the database named origin
// at the time at (see ChangeTime).
func (s *School) Touch(origin string, at time.Time) {
	s.Versions = JoinVersions(s.Versions, map[string]uint64{origin: 0})
	s.Versions[origin]++
	if at.After(s.UpdatedAt) {
		s.UpdatedAt = at
	}
}

// SameFields reports whether two copies of a school say the same: name,
// township, kind, secretary, contact and the day it was archived.
func (s *School) SameFields(o *School) bool {
	return compareSchoolFields(s, o) == 0
}

func compareSchoolFields(a, b *School) int {
	return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.Township, b.Township),
		strings.Compare(a.Kind, b.Kind), strings.Compare(a.Secretary, b.Secretary),
		strings.Compare(a.Contact, b.Contact), a.Archived.Compare(b.Archived))
}

// compareSchools orders two copies of a school by which wins a conflict:
// the later change, then the fields, then the vector. +1: a wins.
func compareSchools(a, b *School) int {
	return cmp.Or(a.UpdatedAt.Compare(b.UpdatedAt), compareSchoolFields(a, b),
		strings.Compare(versionsKey(a.Versions), versionsKey(b.Versions)))
}

// SchoolMerge says what MergeSchools found.
type SchoolMerge struct {
	// Conflict: the two copies say different things and neither was
	// made on top of the other: Lost is the copy whose fields were not
	// kept.
	Conflict bool
	Lost     School
}

// MergeSchools merges two copies of one school: the fields and change time
// of the copy that wins (the later change, then a fixed order of the
// fields), the join of the version vectors, every id either was known by
// (the smallest is the id, the rest are Aliases, sorted) and the earlier
// creation time. Neither argument is changed.
func MergeSchools(a, b School) (School, SchoolMerge) {
	win, lose := a, b
	if compareSchools(&b, &a) > 0 {
		win, lose = b, a
	}
	out := win
	out.Versions = JoinVersions(a.Versions, b.Versions)
	ids := slices.Concat(a.IDs(), b.IDs())
	slices.Sort(ids)
	ids = slices.Compact(ids)
	if len(ids) > 1 && ids[0] == "" {
		ids = ids[1:]
	}
	out.ID, out.Aliases = ids[0], nil
	if len(ids) > 1 {
		out.Aliases = ids[1:]
	}
	out.CreatedAt = earliest(a.CreatedAt, b.CreatedAt)
	var m SchoolMerge
	if !win.SameFields(&lose) && CompareVersions(win.Versions, lose.Versions) != Newer {
		m = SchoolMerge{Conflict: true, Lost: lose}
	}
	return out, m
}

func earliest(a, b time.Time) time.Time {
	switch {
	case a.IsZero():
		return b
	case b.IsZero() || a.Before(b):
		return a
	}
	return b
}

// Version returns the inspection's own copy, without the copies kept
// beside it.
func (in *Inspection) Version() *Inspection {
	c := *in
	c.Conflicting = nil
	return &c
}

// Touch counts a change made to the inspection in the database named
// origin at the time at (see ChangeTime): the version vector becomes the
// join of the kept copy's and those of the copies kept beside it, plus one
// for origin, since the change was made with all of them in view. The
// copies that were kept beside it are returned, to be recorded in the
// audit trail (SetAside), and cleared.
func (in *Inspection) Touch(origin string, at time.Time) []Inspection {
	set := in.Conflicting
	in.Conflicting = nil
	v := JoinVersions(in.Versions, map[string]uint64{origin: 0})
	for i := range set {
		v = JoinVersions(v, set[i].Versions)
	}
	v[origin]++
	in.Versions = v
	if at.After(in.UpdatedAt) {
		in.UpdatedAt = at
	}
	return set
}

// Who records a merge in the audit trail.
const MergedBy = "branchcheck merge"

// SetAside is the audit entry that records a copy of an inspection that
// lost a conflict and was then changed over: the copy whole, as JSON, at
// its own change time. It depends on the copy alone, so databases that set
// the same copy aside record the same entry, and a merge keeps it once.
func SetAside(v *Inspection) Change {
	return Change{
		InspectionID: v.ID, Field: FieldMerge, Old: string(v.content(true)),
		By: MergedBy, At: v.UpdatedAt.UTC(),
		Reason: "changed in two databases at once; the copy changed later was kept and this one set aside",
	}
}

// content is the inspection's copy as canonical JSON: sorted keys, times
// in UTC, without the school's id (each database knows a school by its own
// id) and without the copies kept beside it; with the version vector only
// if asked.
func (in *Inspection) content(withVersions bool) []byte {
	c := *in
	c.SchoolID, c.Conflicting = "", nil
	if !withVersions {
		c.Versions = nil
	}
	c.CreatedAt, c.UpdatedAt = c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	if !c.FinalizedAt.IsZero() {
		c.FinalizedAt = c.FinalizedAt.UTC()
	}
	if len(c.Answers) > 0 {
		c.Answers = make(map[string]Answer, len(in.Answers))
		for k, a := range in.Answers {
			a.At = a.At.UTC()
			c.Answers[k] = a
		}
	}
	b, err := json.Marshal(&c)
	if err != nil { // an Inspection always encodes
		return nil
	}
	return b
}

// compareCopies orders two copies of an inspection by which wins a
// conflict: the later change, then the content, then the vector. +1: a
// wins. Copies with the same vector and change time are taken to be the
// same copy without reading their content: a database never makes two
// different changes under one vector.
func compareCopies(a, b *Inspection) int {
	if c := a.UpdatedAt.Compare(b.UpdatedAt); c != 0 {
		return c
	}
	if CompareVersions(a.Versions, b.Versions) == Same {
		return 0
	}
	return cmp.Or(bytes.Compare(a.content(false), b.content(false)),
		strings.Compare(versionsKey(a.Versions), versionsKey(b.Versions)))
}

// InspectionMerge says what MergeInspections did.
type InspectionMerge struct {
	// Changed: the result differs from the first copy.
	Changed bool
	// Conflict: the result keeps concurrent copies (it is changed, and
	// has copies beside the kept one).
	Conflict bool
	// FromSecond: the kept copy came from the second argument.
	FromSecond bool
}

// MergeInspections merges two copies of one inspection, each with the
// concurrent copies it keeps beside it. Of all these copies, those another
// was made on top of are dropped (their changes are in it); of those left,
// which are concurrent with each other, the one that wins (the later
// change, then the content, then the vector) is kept and the others are
// kept beside it in Conflicting, in the same order. Neither argument is
// changed; the result shares their maps.
func MergeInspections(a, b *Inspection) (*Inspection, InspectionMerge) {
	na := 1 + len(a.Conflicting)
	all := make([]*Inspection, 0, na+1+len(b.Conflicting))
	all = append(all, a.Version())
	for i := range a.Conflicting {
		all = append(all, &a.Conflicting[i])
	}
	all = append(all, b.Version())
	for i := range b.Conflicting {
		all = append(all, &b.Conflicting[i])
	}
	type head struct {
		v    *Inspection
		from int // index in all
	}
	var heads []head
	for i, v := range all {
		keep := true
		for j, w := range all {
			if i == j {
				continue
			}
			switch CompareVersions(v.Versions, w.Versions) {
			case Older:
				keep = false
			case Same:
				// One copy under two names: keep the one that wins, or
				// the first.
				if c := compareCopies(v, w); c < 0 || c == 0 && j < i {
					keep = false
				}
			}
			if !keep {
				break
			}
		}
		if keep {
			heads = append(heads, head{v, i})
		}
	}
	slices.SortStableFunc(heads, func(x, y head) int { return compareCopies(y.v, x.v) })
	out := *heads[0].v
	out.Conflicting = nil
	for _, h := range heads[1:] {
		out.Conflicting = append(out.Conflicting, *h.v.Version())
	}
	m := InspectionMerge{FromSecond: heads[0].from >= na}
	for _, h := range heads {
		if h.from >= na {
			m.Changed = true
		}
	}
	if len(heads) != na {
		m.Changed = true // a copy of a's was dropped
	}
	m.Conflict = m.Changed && len(heads) > 1
	return &out, m
}

// RectDecisions is what people decided about one rectification, apart
// from everything derived from the visits: its id (VISIT/ITEM) and
// school, the decisions (Actions), when they last changed (UpdatedAt,
// see ChangeTime) and the version vector of those changes. It is what a
// bundle carries of a rectification, and what merges join; the rest is
// derived again by DeriveRectifications wherever the visits are.
type RectDecisions struct {
	ID        string            `json:"id"`
	SchoolID  string            `json:"school_id"`
	Actions   RectActions       `json:"actions"`
	UpdatedAt time.Time         `json:"updated_at"`
	Versions  map[string]uint64 `json:"versions"`
}

// Decisions returns the rectification's decisions.
func (r *Rectification) Decisions() RectDecisions {
	return RectDecisions{ID: r.ID, SchoolID: r.SchoolID, Actions: r.Actions, UpdatedAt: r.UpdatedAt, Versions: r.Versions}
}

// SetDecisions gives the rectification the decisions of d: its Actions,
// UpdatedAt and Versions (not its id or school).
func (r *Rectification) SetDecisions(d RectDecisions) {
	r.Actions, r.UpdatedAt, r.Versions = d.Actions, d.UpdatedAt, d.Versions
}

// compareActions is a fixed total order on decisions, field by field: the
// tie-break of two concurrent changes made in the same second.
func compareActions(a, b *RectActions) int {
	return cmp.Or(a.Deadline.Compare(b.Deadline), strings.Compare(a.Responsible, b.Responsible),
		a.ReportedOn.Compare(b.ReportedOn), strings.Compare(a.ReportedBy, b.ReportedBy), strings.Compare(a.Evidence, b.Evidence),
		a.ClosedOn.Compare(b.ClosedOn), strings.Compare(a.ClosedBy, b.ClosedBy), strings.Compare(a.CloseReason, b.CloseReason))
}

// compareDecisions orders two copies of a rectification's decisions by
// which wins a conflict: the later change, then the decisions themselves.
// +1: a wins. Two copies equal in both give the same merge, whichever is
// taken.
func compareDecisions(a, b *RectDecisions) int {
	return cmp.Or(a.UpdatedAt.Compare(b.UpdatedAt), compareActions(&a.Actions, &b.Actions))
}

// sameDecisions reports whether two copies hold the same decisions, change
// time and vector.
func sameDecisions(a, b *RectDecisions) bool {
	return a.Actions == b.Actions && a.UpdatedAt.Equal(b.UpdatedAt) && maps.Equal(a.Versions, b.Versions)
}

// RectMerge says what MergeRectDecisions did.
type RectMerge struct {
	// Changed: the result differs from the first copy.
	Changed bool
	// Conflict: the copies were changed independently and decide
	// differently; Lost is the copy whose decisions were not kept.
	Conflict bool
	Lost     RectDecisions
	// FromSecond: the decisions kept came from the second copy.
	FromSecond bool
}

// MergeRectDecisions merges two copies of one rectification's decisions:
// a copy made on top of the other (its vector is larger) replaces it; of
// two copies changed independently (concurrent vectors) the later change
// wins, then a fixed order of the decisions (compareActions); the vectors
// are joined. The result keeps a's id and school. Neither argument is
// changed; the result may share their maps.
//
// The merge is a join, so any set of copies merged in any order, any
// number of times, gives the same decisions: each decision is stamped with
// ChangeTime, so one made on top of others is later than all of them, and
// a copy's decisions are those of the latest change, in the order
// compareDecisions gives, among all the changes its vector covers. The
// merge of two copies takes the greater of their latest changes (the one
// made on top, or the later, then the greater decisions) with the join of
// their vectors: a maximum in a fixed total order and a join, each
// commutative, associative and idempotent. Two copies that tie in that
// order hold the same decisions and change time, so which is taken does
// not matter.
//
// Unlike a visit (MergeInspections), a rectification keeps no copy beside
// the winner: a decision replaces the whole of the one before, and the
// losing copy is already recorded where it was made. Every decision
// writes an audit entry (FieldRectification, the decisions before and
// after, who and when) to the trail of the visit that found the problem;
// the entry depends on that decision alone, and trails merge as sets, so
// every database that exchanges bundles ends with each decision, kept or
// lost, recorded once.
func MergeRectDecisions(a, b RectDecisions) (RectDecisions, RectMerge) {
	out := a
	var m RectMerge
	switch CompareVersions(a.Versions, b.Versions) {
	case Newer:
		return a, m
	case Older:
		out.Actions, out.UpdatedAt, out.Versions = b.Actions, b.UpdatedAt, b.Versions
		m.FromSecond = true
	default: // Same (one copy, or one read back another way) or Concurrent
		if compareDecisions(&b, &a) > 0 {
			out.Actions, out.UpdatedAt = b.Actions, b.UpdatedAt
			m.FromSecond = true
		}
		out.Versions = JoinVersions(a.Versions, b.Versions)
		if a.Actions != b.Actions && CompareVersions(a.Versions, b.Versions) == Concurrent {
			m.Conflict, m.Lost = true, b
			if m.FromSecond {
				m.Lost = a
			}
		}
	}
	m.Changed = !sameDecisions(&a, &out)
	return out, m
}
