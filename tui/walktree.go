package tui

import (
	"fmt"

	"branchcheck/checklist"
	"branchcheck/termtext"
)

// walkTree is the walk's left column: the 五要, each with answered/total
// and its points, the current one opened to its groups and items. It
// scrolls to keep the current item in view; the offset moves in follow,
// which the walk calls after every change, never while drawing.
type walkTree struct {
	c      *common
	offset int
}

// treeRow is one row of the tree: a 要 (group and item -1), a group's
// title (item -1) or an item (its index in the walk's items).
type treeRow struct {
	req, group, item int
}

// shape lists the rows of the tree and says which one is the current
// item's.
func (t *walkTree) shape(d *walkDoc) (rows []treeRow, cursor int) {
	l := t.c.lang
	curReq := d.reqOf[d.cur]
	i := 0
	for ri := range d.std.Requirements {
		r := &d.std.Requirements[ri]
		rows = append(rows, treeRow{ri, -1, -1})
		for gi := range r.Groups {
			g := &r.Groups[gi]
			if ri == curReq && l.GroupTitle(g) != "" {
				rows = append(rows, treeRow{ri, gi, -1})
			}
			for range g.Items {
				if ri == curReq {
					if i == d.cur {
						cursor = len(rows)
					}
					rows = append(rows, treeRow{ri, gi, i})
				}
				i++
			}
		}
	}
	return rows, cursor
}

// follow scrolls as little as keeps the current item in h rows.
func (t *walkTree) follow(d *walkDoc, h int) {
	rows, cursor := t.shape(d)
	t.offset = window(t.offset, cursor, len(rows), h)
}

// view draws the tree in lw×h cells from its offset.
func (t *walkTree) view(d *walkDoc, lw, h int) []string {
	st := t.c.styles
	l := t.c.lang
	rows, _ := t.shape(d)
	curReq := d.reqOf[d.cur]
	end := min(len(rows), t.offset+h)
	out := make([]string, 0, max(end-t.offset, 0))
	for _, row := range rows[min(t.offset, end):end] {
		r := &d.std.Requirements[row.req]
		switch {
		case row.item >= 0:
			out = append(out, t.item(d, d.items[row.item], row.item == d.cur, lw))
		case row.group >= 0:
			out = append(out, st.Dim.Render(termtext.Clip("  "+termtext.ColumnSafe(l.GroupTitle(&r.Groups[row.group])), lw)))
		default:
			rs := d.score.Requirements[row.req]
			points := checklist.FormatPointsFixed(rs.Points)
			if !rs.Applicable || rs.Answered == 0 {
				points = "-" // no points before the first answer
			}
			tail := " " + termtext.FitRight(fmt.Sprintf("%d/%d", rs.Answered, rs.Scored), 5) + " " + termtext.FitRight(points, max(5, len(checklist.FormatPointsFixed(rs.Max))))
			label := l.RequirementLabel(r) + " "
			head := label + termtext.Fit(termtext.ColumnSafe(l.RequirementTitle(r)), lw-termtext.Width(label)-termtext.Width(tail)) + tail
			if row.req == curReq {
				head = st.Bold.Render(head)
			}
			out = append(out, head)
		}
	}
	return out
}

// item is one item's row: id, answer mark, save mark, note mark and its
// text.
func (t *walkTree) item(d *walkDoc, it *checklist.Item, current bool, lw int) string {
	st := t.c.styles
	a := d.answers[it.ID]
	mark := verdictMark(a.Verdict)
	if !it.Scored {
		mark = "   "
	}
	save, savePaint := " ", Paint{}
	switch {
	case d.unsaved[it.ID]:
		save, savePaint = "!", st.Error
	case d.pending[it.ID]:
		save, savePaint = "*", st.Warn
	}
	note := "  "
	if a.Note != "" {
		note = t.c.pick("注", "nb")
	}
	// An item with an open rectification is marked 改 (a space apart
	// from 注), when the school has any.
	rect, rectW := "", 0
	if len(d.past.open) > 0 {
		rect, rectW = "   ", 3
		if d.past.hasOpen(it.ID) {
			rect = t.c.pick(" 改", " fx")
		}
	}
	text := termtext.ColumnSafe(t.c.lang.Text(it))
	if !it.Scored {
		text = t.c.pick("（不计分）", "(not scored)")
	}
	if current {
		return st.Selected.Render(termtext.Fit("> "+termtext.Fit(it.ID, 7)+mark+save+note+rect+" "+text, lw))
	}
	return termtext.Fit("  "+it.ID, 9) + st.verdict(a.Verdict).Render(mark) + savePaint.Render(save) + st.Dim.Render(note) +
		st.Warn.Render(rect) + " " + termtext.Clip(text, lw-16-rectW)
}

// verdictMark is an answer's mark in the tree: plain ASCII, so that no
// terminal draws it wider than counted.
func verdictMark(v checklist.Verdict) string {
	switch v {
	case checklist.Met:
		return "[Y]"
	case checklist.PartlyMet:
		return "[P]"
	case checklist.NotMet:
		return "[N]"
	case checklist.NotApplicable:
		return "[-]"
	}
	return "[ ]"
}
