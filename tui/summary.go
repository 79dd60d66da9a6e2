package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"branchcheck/checklist"
	"branchcheck/termtext"
)

// finalizeSummary is the walk's right column after F: points per 要,
// total, stars, whether the branch is lagging (with the scope of its
// one-vote veto) and anything unanswered, and y to finalize when nothing
// is.
type finalizeSummary struct{ c *common }

// summaryChoice is what a key did on the summary.
type summaryChoice int

const (
	// summaryOpen: the summary stays.
	summaryOpen summaryChoice = iota
	// summaryFinalize: y, finalize the visit.
	summaryFinalize
	// summaryFirstMissing: enter, go to the first unanswered item.
	summaryFirstMissing
	// summaryCancel: esc, back to the walk.
	summaryCancel
)

// keys are the summary's keys: y only when the visit can be finalized
// (nothing unanswered, nothing unsaved), enter only when something is
// unanswered.
func (s finalizeSummary) keys(d *walkDoc, unsaved int) ConfirmKeys {
	k := s.c.keys.Confirm
	k.Confirm.SetEnabled(len(d.missing) == 0 && unsaved == 0)
	k.FirstMissing.SetEnabled(len(d.missing) > 0)
	return k
}

// choose says what a key does.
func (s finalizeSummary) choose(k tea.KeyPressMsg, d *walkDoc, unsaved int) summaryChoice {
	ck := s.keys(d, unsaved)
	switch {
	case key.Matches(k, ck.Confirm):
		return summaryFinalize
	case key.Matches(k, ck.FirstMissing):
		return summaryFirstMissing
	case key.Matches(k, ck.Cancel):
		return summaryCancel
	}
	return summaryOpen
}

// view draws the summary in rw cells.
func (s finalizeSummary) view(d *walkDoc, unsaved int, rw int) []string {
	st := s.c.styles
	l := s.c.lang
	sc := d.score
	var out lines
	out.add(st.Title.Render(termtext.Clip(l.Pick("定稿前核对", "Before finalizing"), rw)), "")
	for ri := range d.std.Requirements {
		r := &d.std.Requirements[ri]
		rs := sc.Requirements[ri]
		pts := termtext.FitRight(checklist.FormatPointsFixed(rs.Points), 6) + " / " + checklist.FormatPointsFixed(rs.Max)
		if !rs.Applicable {
			pts = termtext.FitRight("-", 6) + l.Pick("  不适用", "  n/a")
		}
		label := l.RequirementLabel(r) + " "
		out.add(label + termtext.Fit(termtext.ColumnSafe(l.RequirementTitle(r)), rw-termtext.Width(label)-termtext.Width(pts)-1) + " " + pts)
	}
	out.add("")
	switch {
	case sc.Answered == 0:
		out.add(st.Bold.Render(l.Pick("合计：还没有作答", "Total: no answer yet")))
	default:
		total := st.Bold.Render(l.Sprintf("合计 %s 分  %s", "Total %s  %s", checklist.FormatPoints(sc.Total), l.StarCount(sc.Stars)))
		if s.c.stars != StarsText {
			total += "  " + st.Stars.Render(s.c.starText(sc.Stars, d.std.Stars.MaxStars()))
		}
		out.add(total)
		if m := l.LaggingMark(sc); m != "" {
			for _, row := range termtext.Wrap(l.Pick("落后党支部：", "Lagging branch: ")+m, rw) {
				out.add(st.Warn.Render(row))
			}
		}
	}
	out.add("")
	switch {
	case len(d.missing) > 0:
		for _, row := range termtext.Wrap(l.Sprintf("还有 %d 项未答：%s", "%d unanswered: %s", len(d.missing), strings.Join(d.missing, " ")), rw) {
			out.add(st.Error.Render(row))
		}
		out.add(termtext.Wrap(l.Pick("答完才能定稿。按 enter 去第一个未答项。", "Answer them before finalizing. enter goes to the first."), rw)...)
	case unsaved > 0:
		out.add(termtext.Wrap(unsavedWarning(s.c), rw)...)
	default:
		out.add(termtext.Wrap(l.Pick("按 y 确认定稿。定稿后只读，改动需重新打开并说明原因。", "Press y to finalize. It is then read-only; changes need a reason."), rw)...)
	}
	return out
}

// unsavedWarning says that esc again leaves without the changes that
// failed to save.
func unsavedWarning(c *common) string {
	return c.pick("再按 esc 放弃未保存的改动（标 !）并返回", "esc again drops the unsaved changes (marked !)")
}
