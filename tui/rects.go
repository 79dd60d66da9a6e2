package tui

import (
	"branchcheck/checklist"
	"branchcheck/termtext"
)

// Rectifications (整改) in the interface: what the store gives of them
// and how the screens say them. A school's are read with its visits (the
// school screen: schoolrects.go, and its walks: walkpast.go), the
// county's as the 整改台账 (ledger.go); one is shown in full by
// rectdetail.go. The decisions are made from the school screen.

// RectStore is the part of the Store that reads rectifications and
// records the decisions people make about them. Each decision is its own
// committed transaction and returns the rectification as saved.
type RectStore interface {
	SchoolRectifications(schoolID string) (*checklist.SchoolRectifications, error)
	RectLedger(f checklist.RectFilter) (*checklist.RectLedger, error)
	ReportRectification(id, by string, on checklist.Date, evidence string) (*checklist.Rectification, error)
	CloseRectification(id, by string, on checklist.Date, reason string) (*checklist.Rectification, error)
	SetRectificationDeadline(id string, deadline checklist.Date, by string) (*checklist.Rectification, error)
	SetRectificationResponsible(id, responsible, by string) (*checklist.Rectification, error)
}

// itemText is the text of a rectification's item in the language, or
// its id if the item is unknown.
func (c *common) itemText(e *checklist.RectEntry) string {
	if e.Item == nil {
		return e.ItemID
	}
	return c.lang.Text(e.Item)
}

// rectCounts says a count of rectifications in a line: 未销号 4 项（逾期 3
// 项，已整改待复查 1 项），已销号 6 项.
func (c *common) rectCounts(n checklist.RectCounts) string {
	l := c.lang
	s := l.Sprintf("未销号 %d 项", "open %d", n.Open)
	switch {
	case n.Overdue > 0 && n.Reported > 0:
		s += l.Sprintf("（逾期 %d 项，已整改待复查 %d 项）", " (overdue %d, reported done %d)", n.Overdue, n.Reported)
	case n.Overdue > 0:
		s += l.Sprintf("（逾期 %d 项）", " (overdue %d)", n.Overdue)
	case n.Reported > 0:
		s += l.Sprintf("（已整改待复查 %d 项）", " (reported done %d)", n.Reported)
	}
	return s + l.Sprintf("，已销号 %d 项", ", closed %d", n.Closed)
}

// rectState is where a rectification stands on a day, as a list's cell:
// 逾期 12 天 in the error style, 已整改待复查 as a warning, 已销号 dim.
func (c *common) rectState(r *checklist.Rectification, today checklist.Date) cell {
	st := c.styles
	text := c.lang.RectState(r, today)
	switch {
	case r.Overdue(today):
		return cell{text: text, paint: st.Error}
	case r.Status() == checklist.RectReported:
		return cell{text: text, paint: st.Warn}
	case r.Status() == checklist.RectClosed:
		return cell{text: text, paint: st.Dim}
	}
	return cell{text: text}
}

// rectDue says a rectification's deadline and how it stands against it
// on a day: 整改期限 2026-08-05，已逾期 12 天; 整改期限 2026-12-20，还有 21
// 天; 整改期限 2026-08-05，学校已报告整改完成，待复查.
func (c *common) rectDue(r *checklist.Rectification, today checklist.Date) string {
	return c.rectDueParts(r, today)[0] + c.rectRebound(r)
}

// rectRebound says how often a problem came back: （反弹第 1 次）, or ""
// if it never did.
func (c *common) rectRebound(r *checklist.Rectification) string {
	if r.Rebounds == 0 {
		return ""
	}
	return c.sprintf("（反弹第 %d 次）", " (rebound no. %d)", r.Rebounds)
}

// rectDueParts is rectDue in parts that read best kept whole on a line:
// the deadline and where it stands, and how often it came back.
func (c *common) rectDueParts(r *checklist.Rectification, today checklist.Date) []string {
	return []string{c.rectDueOnly(r, today), c.rectRebound(r)}
}

// rectDueOnly is rectDue without the rebounds.
func (c *common) rectDueOnly(r *checklist.Rectification, today checklist.Date) string {
	l := c.lang
	d := r.Deadline()
	var s string
	switch left := d.DaysSince(today); {
	case r.Status() == checklist.RectReported:
		s = l.Sprintf("整改期限 %s，学校已报告整改完成，待复查", "Deadline %s; reported done, to be rechecked", d)
	case r.Status() == checklist.RectClosed:
		s = l.Sprintf("整改期限 %s，已销号", "Deadline %s; closed", d)
	case left < 0:
		s = l.Sprintf("整改期限 %s，已逾期 %d 天", "Deadline %s, %s overdue", d, days(-left))
	case left == 0:
		s = l.Sprintf("整改期限 %s，今天到期", "Deadline %s, due today", d)
	default:
		s = l.Sprintf("整改期限 %s，还有 %d 天", "Deadline %s, %s left", d, days(left))
	}
	return s
}

// flow lays parts of a text out in lines of at most w cells, keeping
// each part whole on a line where it fits on one: it goes after the
// previous part if the line has the room, else on a line of its own;
// a part longer than a line is wrapped.
func flow(parts []string, w int) []string {
	var out []string
	for _, p := range parts {
		if p == "" {
			continue
		}
		n := len(out)
		switch {
		case n > 0 && termtext.Width(out[n-1])+termtext.Width(p) <= w:
			out[n-1] += p
		case termtext.Width(p) <= w:
			out = append(out, p)
		case n > 0:
			rest := termtext.Wrap(out[n-1]+p, w)
			out = append(out[:n-1], rest...)
		default:
			out = termtext.Wrap(p, w)
		}
	}
	return out
}

// rectDetail is a rectification in full, in lines of at most w cells:
// the item, what was found and when, a failed recheck, the deadline,
// where it stands, the person responsible, the school's report and the
// closure. Stored text is made safe (termtext.Block, termtext.Line) and
// wrapped whole, never cut.
func (c *common) rectDetail(e *checklist.RectEntry, today checklist.Date, w int) []string {
	st := c.styles
	l := c.lang
	r := &e.Rectification
	var out lines
	item := e.ItemID
	if e.Item != nil {
		item += " " + l.Text(e.Item)
	}
	for _, row := range termtext.Wrap(c.show(item), w) {
		out.add(st.Bold.Render(row))
	}
	add := func(label, text string) { out.add(termtext.IndentWrap(label, c.show(text), w)...) }
	found := l.Sprintf("%s 的检查，%s", "the visit of %s: %s", r.FoundOn, l.Verdict(r.Verdict))
	if r.Finding != "" {
		found += l.Pick("：", ": ") + termtext.Block(r.Finding)
	} else {
		found += l.Pick("（没有备注）", " (no note)")
	}
	add(l.Pick("发现：", "Found: "), found)
	if r.Rebounds > 0 {
		add(l.Pick("反弹：", "Rebound: "), l.Sprintf("销号后又发现，第 %d 次", "found again after it was closed (no. %d)", r.Rebounds))
	}
	if r.RecheckedIn != "" {
		add(l.Pick("复查：", "Rechecked: "), l.Sprintf("%s 的检查仍未整改到位", "the visit of %s found it still there", r.RecheckedOn))
	}
	due := r.Deadline().String()
	if !r.Actions.Deadline.IsZero() {
		due += l.Sprintf("（另行设定，原定 %s）", " (set by hand; was %s)", r.DueBy)
	}
	add(l.Pick("整改期限：", "Deadline: "), due)
	state := l.RectState(r, today)
	if left := r.Deadline().DaysSince(today); r.Status() == checklist.RectOpen && left >= 0 {
		state += l.Sprintf("，还有 %d 天到期", ", due in %s", days(left))
	}
	add(l.Pick("状态：", "Status: "), state)
	who := termtext.Line(r.Responsible())
	switch {
	case who == "":
		who = l.Pick("未填（学校没有登记党组织书记；按 p 指定）", "none (the school has no secretary on record; p names one)")
	case r.Actions.Responsible != "" && r.Secretary != "":
		who += l.Sprintf("（另行指定；党组织书记 %s）", " (named by hand; the secretary is %s)", termtext.Line(r.Secretary))
	}
	add(l.Pick("责任人：", "Responsible: "), who)
	if a := r.Actions; !a.ReportedOn.IsZero() {
		rep := l.Sprintf("%s 于 %s 报告整改完成", "%s reported it done on %s", termtext.Line(a.ReportedBy), a.ReportedOn)
		if a.Evidence != "" {
			rep += l.Pick("；佐证：", "; evidence: ") + termtext.Block(a.Evidence)
		}
		add(l.Pick("学校报告：", "Report: "), rep)
	}
	switch a := r.Actions; {
	case r.ClosedIn != "":
		add(l.Pick("销号：", "Closed: "), l.Sprintf("%s 的检查复查通过", "the visit of %s found it put right", r.ClosedOn))
	case !a.ClosedOn.IsZero():
		add(l.Pick("销号：", "Closed: "), l.Sprintf("%s 于 %s 手工销号；原因：%s", "closed by hand by %s on %s; why: %s",
			termtext.Line(a.ClosedBy), a.ClosedOn, termtext.Block(a.CloseReason)))
	}
	return out
}
