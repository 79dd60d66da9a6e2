package tui

import (
	"fmt"

	"branchcheck/checklist"
	"branchcheck/termtext"
)

// header is the visit's first line: school, date, inspector, status.
func (w *walkScreen) header(width int) string {
	st := w.c.styles
	l := w.c.lang
	h := st.Title.Render(termtext.Line(termtext.ColumnSafe(w.school.Name))) + "  " + w.saved.Date.String() + "  " +
		l.Pick("检查人 ", "Inspector ") + termtext.Line(termtext.ColumnSafe(w.saved.Inspector)) + "  "
	switch {
	case !w.c.writable():
		h += st.Dim.Render(l.Status(w.saved.Status)) + st.Warn.Render(l.Pick("  数据库只读，不能修改", "  the database is read-only"))
	case w.readOnly():
		h += st.Warn.Render(l.Status(checklist.Finalized)) + st.Dim.Render(l.Pick("  只读，按 R 重新打开", "  read-only; R reopens"))
	default:
		h += st.Dim.Render(l.Status(checklist.Draft))
	}
	return termtext.Clip(h, width)
}

// statusLine is always shown: answered/total, the (provisional) score and
// stars (none before the first answer), whether the last change is
// saved, and any message.
func (w *walkScreen) statusLine(width int) string {
	st := w.c.styles
	l := w.c.lang
	sc := w.score
	line := fmt.Sprintf("%d/%d  ", sc.Answered, sc.Scored)
	switch {
	case sc.Answered == 0:
		line = st.Bold.Render(line+l.Pick("还没有作答", "no answer yet")) + "  "
	case w.status == checklist.Finalized:
		line = st.Bold.Render(line+l.Sprintf("%s分", "%s points", checklist.FormatPoints(sc.Total))) + " " + st.Stars.Render(w.c.starText(sc.Stars, w.std.Stars.MaxStars())) + "  "
	default:
		line = st.Bold.Render(line+l.Sprintf("暂定 %s分", "provisional %s", checklist.FormatPoints(sc.Total))) + " " + st.Stars.Render(w.c.starText(sc.Stars, w.std.Stars.MaxStars())) + "  "
	}
	switch {
	case len(w.failed) > 0:
		line += st.Error.Render(l.Sprintf("未保存 %d 处", "%d not saved", len(w.failed)))
	case len(w.queue) > 0:
		line += st.Warn.Render(l.Pick("保存中", "saving"))
	case !w.lastSaved.IsZero():
		line += st.OK.Render(l.Pick("已保存 ", "saved ") + w.lastSaved.Format("15:04:05"))
	}
	switch {
	case w.hint != "":
		line += "  " + st.Warn.Render(w.hint)
	case w.saveErr != "":
		line += "  " + st.Error.Render(w.saveErr)
	}
	return w.c.clip(line, width)
}
