package report_test

import (
	"bytes"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/report"
)

// screenSpacing finds a number written as the screen writes it, apart
// from the Chinese around it (逾期 59 天, （10 天）, 2027-12-01 至, 最多 1 所,
// 标准规定的 30%), which a paper never prints. An item's id before its
// text (3.5 有发展党员工作流程图) is a label, not a number in a sentence.
var screenSpacing = regexp.MustCompile(`\d (天|年度|年|所|项|分|次|条|个|份|页|星|至)|(逾期|至|的|为|期|定|多|级|共|第) \d`)

// paperText is everything a paper says, in every format: the text of
// the table, Markdown, CSV and HTML, and every cell of the workbook.
func paperText(t *testing.T, write func(report.Format, io.Writer) error) map[report.Format]string {
	t.Helper()
	out := map[report.Format]string{}
	for _, f := range []report.Format{report.Table, report.Markdown, report.CSV, report.HTML} {
		var b bytes.Buffer
		if err := write(f, &b); err != nil {
			t.Fatal(err)
		}
		out[f] = b.String()
	}
	wb, _ := openXLSX(t, func(w io.Writer) error { return write(report.XLSX, w) })
	var cells strings.Builder
	for _, sheet := range wb.GetSheetList() {
		rows, err := wb.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			cells.WriteString(strings.Join(r, "\t") + "\n")
		}
	}
	out[report.XLSX] = cells.String()
	return out
}

// TestPapersWriteNumbersAsDocumentsDo: the papers write a number with no
// space before or after the Chinese around it, as official documents do
// (the README's rule), in the texts they share with the screen too: the
// overdue days of the 整改台账 (逾期382天), the stage in the title area
// (公示：2027-12-01至2027-12-10（10天）), the note on an unusual 公示 and
// the quota warning, in every format; the screen keeps its own form.
func TestPapersWriteNumbersAsDocumentsDo(t *testing.T) {
	c := newCounty()
	ledger := c.ledger(t, checklist.RectFilter{View: checklist.ViewAll})
	rects := paperText(t, func(f report.Format, w io.Writer) error {
		return report.WriteRectifications(w, f, ledger, meta(i18n.Chinese))
	})
	ye := newYearEndCounty(t)
	st := &checklist.YearStage{Year: 2027}
	if _, err := st.Publish(checklist.Date{Year: 2027, Month: 12, Day: 1}, checklist.Date{Year: 2027, Month: 12, Day: 10}, "王主任", time.Date(2027, 11, 30, 9, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	m := ye.meta(i18n.Chinese)
	yearEnd := *m.YearEnd
	yearEnd.Stage = st
	m.YearEnd = &yearEnd
	ratings := paperText(t, func(f report.Format, w io.Writer) error { return report.WriteRatings(w, f, ye.yr, m) })
	var fb bytes.Buffer
	if err := report.WriteFeedback(&fb, report.HTML, report.Feedback{School: ye.schools[1], Visit: ye.visits["s-cg2"], Standard: ye.std, Stage: st}, meta(i18n.Chinese)); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name  string
		texts map[report.Format]string
		want  []string
	}{
		{"整改台账", rects, []string{"逾期382天", "逾期59天"}},
		{"评比汇总表", ratings, []string{"公示：2027-12-01至2027-12-10（10天）", "公示期10天；公示通常为5至7天", "5星级2所，占已评定4所的50%，超过标准规定的30%（最多1所）"}},
		{"检查反馈单", map[report.Format]string{report.HTML: fb.String()}, []string{"公示：2027-12-01至2027-12-10（10天）"}},
	} {
		for f, s := range tt.texts {
			for _, w := range tt.want {
				if !strings.Contains(s, w) {
					t.Errorf("%s (%s) does not say %q", tt.name, f, w)
				}
			}
			if m := screenSpacing.FindAllString(s, 5); m != nil {
				t.Errorf("%s (%s) writes numbers as the screen does: %q", tt.name, f, m)
			}
		}
	}
	// The screen and the messages keep a number apart.
	if s := report.StageText(i18n.Chinese, st); s != "公示：2027-12-01 至 2027-12-10（10 天）" {
		t.Errorf("the stage in a message: %q", s)
	}
	if s := report.StageText(i18n.English, st); s != "public notice: 2027-12-01 to 2027-12-10 (10 days)" {
		t.Errorf("the stage in an English message: %q", s)
	}
}
