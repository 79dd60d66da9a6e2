package checklist

import (
	"cmp"
	"slices"
	"strings"
)

// The read models of rectifications (整改): a school's, and the county's
// 整改台账. Like the other read models they are plain values built from
// the stored rectifications, the schools and the standards, on a day.

// RectView is what the 整改台账 shows of the rectifications: a status
// filter. Each view's rows are counted by RectCounts.Of.
type RectView string

// The views of the 整改台账.
const (
	// ViewOpen: every rectification not yet closed (未销号): 待整改,
	// overdue or not, and 已整改待复查.
	ViewOpen RectView = "open"
	// ViewOverdue: 待整改 and past its deadline (逾期).
	ViewOverdue RectView = "overdue"
	// ViewReported: 已整改待复查, reported done by the school.
	ViewReported RectView = "reported"
	// ViewClosed: 已销号.
	ViewClosed RectView = "closed"
	// ViewAll: all of them but the withdrawn.
	ViewAll RectView = "all"
)

// RectViews lists the views in the order a help text offers them.
func RectViews() []RectView {
	return []RectView{ViewOpen, ViewOverdue, ViewReported, ViewClosed, ViewAll}
}

// ParseRectView reads a status filter: open, overdue, reported, closed or
// all, in any case; "" is open.
func ParseRectView(s string) (RectView, error) {
	v := RectView(strings.ToLower(strings.TrimSpace(s)))
	if v == "" {
		return ViewOpen, nil
	}
	if slices.Contains(RectViews(), v) {
		return v, nil
	}
	return "", Errorf(ErrInvalid, Text{
		ZH: "整改状态“%s”不对：应为 open（未销号）、overdue（逾期）、reported（已整改待复查）、closed（已销号）或 all（全部）",
		EN: "rectification status %q: expected open, overdue, reported, closed or all"}, s)
}

// Shows reports whether the view shows a rectification on a day.
func (v RectView) Shows(r *Rectification, today Date) bool {
	switch st := r.Status(); v {
	case ViewOpen:
		return st.Active()
	case ViewOverdue:
		return r.Overdue(today)
	case ViewReported:
		return st == RectReported
	case ViewClosed:
		return st == RectClosed
	case ViewAll:
		return st != RectWithdrawn
	}
	return false
}

// RectCounts counts rectifications on a day. Open counts every one not
// closed (未销号); Overdue and Reported are among them: the 待整改 past
// their deadline, and the 已整改待复查. Withdrawn ones are not counted.
type RectCounts struct {
	Open, Overdue, Reported, Closed int
}

// Add counts a rectification as it stands on a day.
func (c *RectCounts) Add(r *Rectification, today Date) {
	switch r.Status() {
	case RectOpen:
		c.Open++
		if r.Overdue(today) {
			c.Overdue++
		}
	case RectReported:
		c.Open++
		c.Reported++
	case RectClosed:
		c.Closed++
	}
}

// Of is how many rows a view shows.
func (c RectCounts) Of(v RectView) int {
	switch v {
	case ViewOpen:
		return c.Open
	case ViewOverdue:
		return c.Overdue
	case ViewReported:
		return c.Reported
	case ViewClosed:
		return c.Closed
	case ViewAll:
		return c.Open + c.Closed
	}
	return 0
}

// Total is how many rectifications are counted, open or closed.
func (c RectCounts) Total() int { return c.Open + c.Closed }

// RectEntry is a rectification with the item it is about, in the
// standard of the visit that found it (nil if that standard is unknown).
type RectEntry struct {
	Rectification
	// Item is shared with its standard, not to be modified.
	Item *Item
	// order is the item's place in its standard, for sorting.
	order int
}

// ItemText is the item's text, or its id if the item is unknown.
func (e *RectEntry) ItemText() string {
	if e.Item == nil {
		return e.ItemID
	}
	return e.Item.Text
}

// SchoolRectifications are one school's rectifications on a day: the
// open ones first, each group by deadline, then by the item's place in
// its standard. Withdrawn ones are left out.
type SchoolRectifications struct {
	School School
	Today  Date
	Rects  []RectEntry
	// Counts count the school's rectifications, whatever a view shows.
	Counts RectCounts
}

// NewSchoolRectifications makes a school's read model from its stored
// rectifications and the standards they were found under (by id).
func NewSchoolRectifications(school School, rects []Rectification, stds map[string]*Standard, today Date) SchoolRectifications {
	sr := SchoolRectifications{School: school, Today: today, Rects: make([]RectEntry, 0, len(rects))}
	var items itemPlaces
	for i := range rects {
		r := &rects[i]
		if r.Status() == RectWithdrawn {
			continue
		}
		sr.Counts.Add(r, today)
		e := RectEntry{Rectification: *r}
		e.Item, e.order = items.of(stds[r.StandardID], r.ItemID)
		sr.Rects = append(sr.Rects, e)
	}
	SortRectEntries(sr.Rects)
	return sr
}

// Open returns the school's rectifications not yet closed, in order.
func (s *SchoolRectifications) Open() []RectEntry {
	n := 0
	for n < len(s.Rects) && s.Rects[n].Status().Active() {
		n++
	}
	return s.Rects[:n]
}

// OfVisit returns, by item id, the rectification that answers for each
// problem a finalized visit found: the one it opened, or, for a problem
// it found again while an earlier one was still open (复查未通过), that
// earlier one. A draft's findings have none.
func (s *SchoolRectifications) OfVisit(v *Inspection) map[string]*RectEntry {
	out := map[string]*RectEntry{}
	if v.Status != Finalized {
		return out
	}
	for i := range s.Rects {
		e := &s.Rects[i]
		if !v.Answer(e.ItemID).Verdict.NeedsFixing() {
			continue
		}
		if e.FoundIn == v.ID {
			out[e.ItemID] = e
			continue
		}
		// Found before the visit and not closed before it: the visit
		// found it still there.
		if e.FoundOn.Compare(v.Date) > 0 {
			continue
		}
		if c := e.ClosedDate(); !c.IsZero() && c.Compare(v.Date) <= 0 {
			continue
		}
		if cur, ok := out[e.ItemID]; ok && (cur.FoundIn == v.ID || cur.FoundOn.Compare(e.FoundOn) >= 0) {
			continue
		}
		out[e.ItemID] = e
	}
	return out
}

// SortRectEntries orders rectifications as a school's list and the
// ledger show them: the open ones (待整改, 已整改待复查) first, each group
// by deadline, then by the item's place in its standard, then by id.
func SortRectEntries(es []RectEntry) {
	slices.SortFunc(es, func(a, b RectEntry) int {
		aa, ba := a.Status().Active(), b.Status().Active()
		if aa != ba {
			if aa {
				return -1
			}
			return 1
		}
		return cmp.Or(a.Deadline().Compare(b.Deadline()), cmp.Compare(a.order, b.order), strings.Compare(a.ID, b.ID))
	})
}

// itemPlaces finds items in their standards with their display places,
// each standard indexed once.
type itemPlaces map[*Standard]map[string]placed

type placed struct {
	item  *Item
	order int
}

func (ip *itemPlaces) of(std *Standard, id string) (*Item, int) {
	if std == nil {
		return nil, 1 << 30
	}
	if *ip == nil {
		*ip = itemPlaces{}
	}
	m, ok := (*ip)[std]
	if !ok {
		items := std.Items()
		m = make(map[string]placed, len(items))
		for i, it := range items {
			m[it.ID] = placed{it, i}
		}
		(*ip)[std] = m
	}
	p, ok := m[id]
	if !ok {
		return nil, 1 << 30
	}
	return p.item, p.order
}

// RectFilter says which rectifications the 整改台账 lists.
type RectFilter struct {
	// View is the status filter; "" is ViewOpen.
	View RectView
	// Township, if set, keeps that township's schools only.
	Township string
	// SchoolID, if set, keeps that school only.
	SchoolID string
	// Year, if set, keeps the rectifications found in that year and
	// those found before it that are still open: the year's 台账, with
	// what it carried over.
	Year int
}

// Keeps reports whether the filter keeps a rectification of a school,
// whatever its status (the view is not asked: see Lists).
func (f RectFilter) Keeps(s *School, r *Rectification) bool {
	switch {
	case f.Township != "" && s.Township != f.Township:
		return false
	case f.SchoolID != "" && s.ID != f.SchoolID:
		return false
	case f.Year != 0 && r.FoundOn.Year != f.Year && !(r.FoundOn.Year < f.Year && r.Status().Active()):
		return false
	}
	return true
}

// view is the filter's view, ViewOpen if none.
func (f RectFilter) view() RectView { return cmp.Or(f.View, ViewOpen) }

// Lists reports whether the ledger lists a rectification of a school on
// a day: the filter keeps it and its view shows it. Of the others the
// ledger reads only what Status, Deadline and Keeps read: where it
// stands, to count it.
func (f RectFilter) Lists(s *School, r *Rectification, today Date) bool {
	return r.Status() != RectWithdrawn && f.Keeps(s, r) && f.view().Shows(r, today)
}

// RectLedger is the county's 整改台账 on a day: the rectifications the
// filter lets through, grouped by township and school (townships and
// schools in the schools list's order: pinyin), each school's in
// SortRectEntries' order.
type RectLedger struct {
	Today  Date
	Filter RectFilter
	// Counts count the rectifications the filter's township, school and
	// year let through, whatever their status: the figures to show above
	// the list, whichever view it shows.
	Counts    RectCounts
	Townships []RectTownship
}

// RectTownship is one township of the ledger.
type RectTownship struct {
	Township string
	// Schools are the township's schools with at least one rectification
	// in the view; each one's Rects are those of the view, its Counts
	// those of every status.
	Schools []SchoolRectifications
}

// NewRectLedger builds the 整改台账 from the schools, their stored
// rectifications by school id, and the standards by id.
func NewRectLedger(schools []School, rects map[string][]Rectification, stds map[string]*Standard, today Date, f RectFilter) *RectLedger {
	f.View = f.view()
	listed := map[string][]Rectification{}
	counts := map[string]RectCounts{}
	for i := range schools {
		s := &schools[i]
		for j := range rects[s.ID] {
			r := &rects[s.ID][j]
			if r.Status() == RectWithdrawn || !f.Keeps(s, r) {
				continue
			}
			c := counts[s.ID]
			c.Add(r, today)
			counts[s.ID] = c
			if f.View.Shows(r, today) {
				listed[s.ID] = append(listed[s.ID], *r)
			}
		}
	}
	return NewRectLedgerOf(schools, listed, counts, stds, today, f)
}

// NewRectLedgerOf builds the 整改台账 from what a store worked out of the
// rectifications on the day: by school id, those the filter lists
// (RectFilter.Lists) and the counts of every one it keeps (RectCounts.Add
// of each rectification, withdrawn ones left out, that RectFilter.Keeps).
// A store counts the others from where they stand alone, without reading
// them whole; NewRectLedger works both out from every rectification.
func NewRectLedgerOf(schools []School, listed map[string][]Rectification, counts map[string]RectCounts, stds map[string]*Standard, today Date, f RectFilter) *RectLedger {
	f.View = f.view()
	l := &RectLedger{Today: today, Filter: f}
	var (
		items itemPlaces
		list  []SchoolRectifications
	)
	for i := range schools {
		s := &schools[i]
		c, rs := counts[s.ID], listed[s.ID]
		l.Counts.Open += c.Open
		l.Counts.Overdue += c.Overdue
		l.Counts.Reported += c.Reported
		l.Counts.Closed += c.Closed
		if len(rs) == 0 {
			continue
		}
		sr := SchoolRectifications{School: *s, Today: today, Counts: c, Rects: make([]RectEntry, len(rs))}
		for k := range rs {
			e := &sr.Rects[k]
			e.Rectification = rs[k]
			e.Item, e.order = items.of(stds[rs[k].StandardID], rs[k].ItemID)
		}
		SortRectEntries(sr.Rects)
		list = append(list, sr)
	}
	sortKeyed(list, func(s *SchoolRectifications) *School { return &s.School }, nil)
	for _, sr := range list {
		if n := len(l.Townships); n == 0 || l.Townships[n-1].Township != sr.School.Township {
			l.Townships = append(l.Townships, RectTownship{Township: sr.School.Township})
		}
		t := &l.Townships[len(l.Townships)-1]
		t.Schools = append(t.Schools, sr)
	}
	return l
}

// Len is the number of rectifications the ledger lists.
func (l *RectLedger) Len() int {
	n := 0
	for _, t := range l.Townships {
		for _, s := range t.Schools {
			n += len(s.Rects)
		}
	}
	return n
}

// Each calls f with every rectification the ledger lists, in order, with
// its school; it stops when f returns false.
func (l *RectLedger) Each(f func(s *SchoolRectifications, e *RectEntry) bool) {
	for ti := range l.Townships {
		t := &l.Townships[ti]
		for si := range t.Schools {
			s := &t.Schools[si]
			for ei := range s.Rects {
				if !f(s, &s.Rects[ei]) {
					return
				}
			}
		}
	}
}

// CountsBySchool are the counts of each school the ledger lists, by
// school id; a school it does not list has none in its view.
func (l *RectLedger) CountsBySchool() map[string]RectCounts {
	out := map[string]RectCounts{}
	for _, t := range l.Townships {
		for _, s := range t.Schools {
			out[s.School.ID] = s.Counts
		}
	}
	return out
}
