package main

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"branchcheck/checklist"
	"branchcheck/i18n"
)

// TestAppSelfForm: the app writes a school's 自评表 into the export
// folder; filled by the school (with excelize, as WPS or Excel would)
// and imported from the app, its answers are the school's
// self-assessment, entered by the inspector of the settings.
func TestAppSelfForm(t *testing.T) {
	s, jobs, dir, v := appFilesFixture(t)
	r, err := jobs.SelfForm(v.SchoolID, 2026, i18n.Chinese)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "自评表-西山镇_柳林小学-2026.xlsx"); r.Path != want {
		t.Errorf("wrote %s, want %s", r.Path, want)
	}
	if len(r.Lines) != 1 || !strings.Contains(r.Lines[0], "导入") {
		t.Errorf("lines %q", r.Lines)
	}

	f, err := excelize.OpenFile(r.Path)
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetList()[0]
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	filled := 0
	for i, row := range rows {
		cell := excelCell(i + 1)
		switch {
		case len(row) > 2 && row[2] == "1.1":
			f.SetCellValue(sheet, cell, "符合")
			filled++
		case len(row) > 2 && row[2] == "2.1":
			f.SetCellValue(sheet, cell, "部分符合")
			filled++
		case len(row) > 3 && strings.Contains(row[3], "签字"):
			f.SetCellValue(sheet, cell, "王书记")
		case len(row) > 3 && row[3] == "填报日期":
			f.SetCellValue(sheet, cell, "2026-11-18")
		}
	}
	if filled != 2 {
		t.Fatalf("found %d of the two items' rows", filled)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()

	noReason := func(int) string { return "" }
	in, err := jobs.ImportSelf(r.Path, noReason, i18n.Chinese)
	if err != nil {
		t.Fatalf("import: %s", i18n.Chinese.Error(err))
	}
	if !in.Changed || len(in.Lines) != 1 || !strings.Contains(in.Lines[0], "已导入 西山镇/柳林小学 2026 年度自评：3 处有变化；自评分 10（已自评 2/42 项）") {
		t.Errorf("import said %q", in.Lines)
	}
	sa, _, err := s.SelfAssessment(v.SchoolID, 2026)
	if err != nil || sa == nil {
		t.Fatalf("self-assessment %v, %v", sa, err)
	}
	if sa.Answers["1.1"].Verdict != checklist.Met || sa.Answers["2.1"].Verdict != checklist.PartlyMet {
		t.Errorf("answers %+v", sa.Answers)
	}

	// Not a form: said in Chinese, nothing imported.
	if _, err := jobs.ImportSelf(filepath.Join(dir, "没有.xlsx"), noReason, i18n.Chinese); err == nil || !strings.Contains(i18n.Chinese.Error(err), "不存在") {
		t.Errorf("a missing file: %v", err)
	}
}

// TestAppSelfFormConfirmedYear: in a confirmed year the app's import of a
// filled 自评表 is refused without a reason, asking for it by the form's
// year (the files screen then asks the inspector), and imported with the
// reason the session gave for that year.
func TestAppSelfFormConfirmedYear(t *testing.T) {
	s, jobs, _, v := appFilesFixture(t)
	r, err := jobs.SelfForm(v.SchoolID, 2026, i18n.Chinese)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(r.Path)
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetList()[0]
	rows, _ := f.GetRows(sheet)
	for i, row := range rows {
		switch {
		case len(row) > 2 && row[2] == "1.1":
			f.SetCellValue(sheet, excelCell(i+1), "符合")
		case len(row) > 3 && strings.Contains(row[3], "签字"):
			f.SetCellValue(sheet, excelCell(i+1), "王书记")
		case len(row) > 3 && row[3] == "填报日期":
			f.SetCellValue(sheet, excelCell(i+1), "2026-11-18")
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	day := func(s string) checklist.Date {
		d, err := checklist.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	if _, err := s.PublishYear(2026, day("2026-11-20"), day("2026-11-26"), "王主任"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ConfirmYear(2026, day("2026-11-27"), "王主任"); err != nil {
		t.Fatal(err)
	}

	var asked []int
	reasons := map[int]string{}
	reason := func(y int) string { asked = append(asked, y); return reasons[y] }
	if _, err := jobs.ImportSelf(r.Path, reason, i18n.Chinese); !errors.Is(err, checklist.ErrReasonRequired) || !slices.Equal(asked, []int{2026}) {
		t.Fatalf("without a reason: %v, asked for %v", err, asked)
	}
	if sa, _, _ := s.SelfAssessment(v.SchoolID, 2026); sa != nil {
		t.Fatalf("imported without a reason: %+v", sa.Answers)
	}
	reasons[2026] = "学校补交自评表"
	in, err := jobs.ImportSelf(r.Path, reason, i18n.Chinese)
	if err != nil {
		t.Fatalf("with a reason: %s", i18n.Chinese.Error(err))
	}
	if !in.Changed || !strings.Contains(in.Lines[0], "已导入 西山镇/柳林小学 2026 年度自评") {
		t.Errorf("import said %q", in.Lines)
	}
	if sa, _, err := s.SelfAssessment(v.SchoolID, 2026); err != nil || sa == nil || sa.Answers["1.1"].Verdict != checklist.Met {
		t.Errorf("self-assessment %v, %v", sa, err)
	}
}

// excelCell is the cell of the 自评 column (F) in row n.
func excelCell(n int) string {
	c, _ := excelize.CoordinatesToCellName(6, n)
	return c
}
