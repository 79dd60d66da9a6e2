package report_test

import (
	"bytes"
	"encoding/csv"
	"io"
	"strings"
	"testing"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/report"
)

// hostile is a year whose data tries formula injection in every field a
// spreadsheet shows.
func hostile(t *testing.T) *checklist.YearRating {
	t.Helper()
	std := checklist.DefaultStandard()
	schools := []checklist.School{
		{ID: "x1", Name: `=HYPERLINK("http://x","y")`, Township: "\t城关镇", Kind: "+小学", Secretary: "@SUM(A1)"},
		{ID: "x2", Name: "-减号小学", Township: "\r东河乡", Kind: "初中", Secretary: "李明"},
	}
	visits := []*checklist.Inspection{
		visit("vx1", "x1", std, "2026-10-01", checklist.Finalized, "=1+1", answers(std, checklist.Met, map[string]answer{
			"3.3": with(notMet, "+1 电教设备未到位"), "3.4": with(partly, "-缺入党誓词"), "3.5": with(notMet, "=cmd|' /C calc'!A0"),
		})),
		visit("vx2", "x2", std, "2026-10-02", checklist.Finalized, "李检查", answers(std, checklist.Met, map[string]answer{
			"5.1.1": with(notMet, "@花名册"),
		})),
	}
	yr, err := checklist.RateYear(2026, schools, visits, map[string]*checklist.Standard{std.ID: std})
	if err != nil {
		t.Fatal(err)
	}
	return yr
}

// dangerous reports whether a spreadsheet would take a cell as a formula.
func dangerous(s string) bool {
	return s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0]))
}

func TestInjectionCSV(t *testing.T) {
	yr := hostile(t)
	var b bytes.Buffer
	if err := report.WriteRatings(&b, report.CSV, yr, meta(i18n.Chinese)); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(b.String(), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	cells := map[string]bool{}
	for _, rec := range recs {
		for _, c := range rec {
			cells[c] = true
			if dangerous(c) {
				t.Errorf("cell %q is not neutralised", c)
			}
		}
	}
	// encoding/csv with UseCRLF drops a lone CR: "\r东河乡" is written
	// "'东河乡", still quoted first.
	for _, want := range []string{`'=HYPERLINK("http://x","y")`, "'@SUM(A1)", "'\t城关镇", "'东河乡", "'+小学", "'-减号小学", "'=1+1"} {
		if !cells[want] {
			t.Errorf("no cell %q", want)
		}
	}
}

func TestInjectionXLSX(t *testing.T) {
	yr := hostile(t)
	f, raw := openXLSX(t, func(w io.Writer) error { return report.WriteRatings(w, report.XLSX, yr, meta(i18n.Chinese)) })
	assertNoFormulas(t, f, raw)
	found := map[string]bool{}
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			for _, c := range r {
				found[c] = true
				if dangerous(c) {
					t.Errorf("%s: cell %q is not neutralised", sheet, c)
				}
			}
		}
	}
	for _, want := range []string{`'=HYPERLINK("http://x","y")`, "'@SUM(A1)", "'\t城关镇", "'-减号小学",
		"'+1 电教设备未到位", "'-缺入党誓词", "'=cmd|' /C calc'!A0", "'@花名册"} {
		if !found[want] {
			t.Errorf("the workbook has no cell %q", want)
		}
	}
}

// TestInjectionElsewhere: the other formats show the text as it is, but
// safely for their medium: escaped in HTML and Markdown, no control
// characters on the terminal.
func TestInjectionElsewhere(t *testing.T) {
	yr := hostile(t)
	yr.Ratings[0].School.Name = "<script>alert(1)</script>|\x1b[31m红\x1b[0m"
	out := map[report.Format]string{}
	for _, f := range []report.Format{report.Table, report.Markdown, report.HTML, report.JSON} {
		var b bytes.Buffer
		if err := report.WriteRatings(&b, f, yr, meta(i18n.Chinese)); err != nil {
			t.Fatal(err)
		}
		out[f] = b.String()
	}
	if strings.Contains(out[report.HTML], "<script") {
		t.Error("html: a school name became a script element")
	}
	if md := out[report.Markdown]; strings.Count(md, "<script") != strings.Count(md, `\<script`) || !strings.Contains(md, `\|`) {
		t.Error("markdown: raw HTML or an unescaped pipe")
	}
	if strings.ContainsAny(out[report.Table], "\x1b\r\t") {
		t.Error("table: control characters reach the terminal")
	}
	if !strings.Contains(out[report.JSON], `"name": "-减号小学"`) {
		t.Error("json: a name was changed; JSON keeps data as it is")
	}
}
