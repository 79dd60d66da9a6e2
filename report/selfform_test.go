package report_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/report"
)

// countyStandard is the example standard that uses every scoring rule.
func countyStandard(tb testing.TB) *checklist.Standard {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("..", "checklist", "testdata", "county-2027.yaml"))
	if err != nil {
		tb.Fatal(err)
	}
	std, err := checklist.ParseStandard("county-2027.yaml", data)
	if err != nil {
		tb.Fatal(err)
	}
	return std
}

var formSchool = checklist.School{ID: "school-1", Name: "城关小学", Township: "城关镇", Secretary: "王书记"}

// writeForm writes a blank 自评表 and opens it with excelize.
func writeForm(t *testing.T, std *checklist.Standard, l i18n.Lang, current *checklist.SelfAssessment) (*excelize.File, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := report.WriteSelfForm(&buf, report.SelfForm{School: formSchool, Year: 2027, Standard: std, Current: current}, meta(l)); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f, buf.Bytes()
}

// rowOf finds the row of an item in a form's sheet.
func rowOf(t *testing.T, f *excelize.File, sheet, id string) int {
	t.Helper()
	rows, _ := f.GetRows(sheet)
	for i, r := range rows {
		if len(r) > 2 && r[2] == id {
			return i + 1
		}
	}
	t.Fatalf("item %s is not in the form", id)
	return 0
}

// TestSelfFormRoundTrip: a 自评表 written for the example standard is one
// protected sheet whose entry cells alone are unlocked, with a drop-down
// of verdicts for the verdict items and a check of numbers for the
// deduction and bonus items; filled by a script, it reads back and checks
// into the entries written, remarks and signature included.
func TestSelfFormRoundTrip(t *testing.T) {
	std := countyStandard(t)
	for _, l := range []i18n.Lang{i18n.Chinese, i18n.English} {
		f, _ := writeForm(t, std, l, nil)
		sheets := f.GetSheetList()
		if len(sheets) != 1 {
			t.Fatalf("%v: sheets %v", l, sheets)
		}
		sheet := sheets[0]
		dvs, err := f.GetDataValidations(sheet)
		if err != nil {
			t.Fatal(err)
		}
		var lists, custom int
		for _, dv := range dvs {
			switch dv.Type {
			case "list":
				lists++
				if !strings.Contains(dv.Formula1, l.Verdict(checklist.PartlyMet)) {
					t.Errorf("%v: the drop-down %q", l, dv.Formula1)
				}
			case "custom":
				custom++
			}
		}
		if lists != 1 || custom != 7 { // 1.3, 2.1–2.3, B.1–B.3
			t.Errorf("%v: %d drop-down lists and %d number checks, want 1 and 7", l, lists, custom)
		}
		// Protected, the entry cells unlocked and the others locked.
		r := rowOf(t, f, sheet, "1.1")
		for col, locked := range map[string]bool{"D": true, "C": true, "F": false, "G": false} {
			st, err := f.GetCellStyle(sheet, col+itoa(r))
			if err != nil {
				t.Fatal(err)
			}
			s, err := f.GetStyle(st)
			if err != nil {
				t.Fatal(err)
			}
			isLocked := s.Protection == nil || s.Protection.Locked
			if isLocked != locked {
				t.Errorf("%v: %s%d locked %v, want %v", l, col, r, isLocked, locked)
			}
		}
		// Filled by a script.
		fill := map[string]any{"1.1": l.Verdict(checklist.Met), "1.2": l.Verdict(checklist.PartlyMet), "1.3": 2, "2.1": 0,
			"2.2": 3, "2.3": 1.5, "3.1": l.Verdict(checklist.NotApplicable), "B.1": 1, "B.2": 2.5}
		for id, v := range fill {
			if err := f.SetCellValue(sheet, "F"+itoa(rowOf(t, f, sheet, id)), v); err != nil {
				t.Fatal(err)
			}
		}
		f.SetCellValue(sheet, "G"+itoa(rowOf(t, f, sheet, "1.3")), "会议记录三本")
		rows, _ := f.GetRows(sheet)
		for i, row := range rows {
			if len(row) > 3 && strings.Contains(row[3], l.Pick("签字", "signature")) {
				f.SetCellValue(sheet, "F"+itoa(i+1), "王书记")
				f.SetCellValue(sheet, "F"+itoa(i+2), "2027-11-20")
			}
		}
		var filled bytes.Buffer
		if err := f.Write(&filled); err != nil {
			t.Fatal(err)
		}
		d, err := report.ReadSelfForm("城关小学自评表.xlsx", &filled)
		if err != nil {
			t.Fatal(err)
		}
		if d.SchoolID != formSchool.ID || d.Year != 2027 || d.StandardID != std.ID || len(d.Rows) != len(std.ScoredItems()) {
			t.Errorf("%v: read %+v", l, d)
		}
		e, err := d.Check(std, checklist.Date{Year: 2027, Month: 12, Day: 1})
		if err != nil {
			t.Fatalf("%v: %v", l, i18n.Chinese.Error(err))
		}
		if len(e.Cells) != len(fill) || e.Cells["2.3"] != "1.5" || e.Remarks["1.3"] != "会议记录三本" ||
			e.SignedBy != "王书记" || e.SignedOn.String() != "2027-11-20" {
			t.Errorf("%v: entries %+v", l, e)
		}
		sa, _ := checklist.NewSelfAssessment(formSchool.ID, 2027, std, generatedAt)
		if _, err := sa.Import(std, e.Cells, checklist.SourceWorkbook, "张干事", generatedAt); err != nil {
			t.Fatal(err)
		}
		if a := sa.Answers["1.3"]; a.Value != 2 || a.Verdict != checklist.PartlyMet {
			t.Errorf("1.3 as imported: %+v", a)
		}
		// Written again with what is recorded, the form shows it.
		again, _ := writeForm(t, std, l, sa)
		if v, _ := again.GetCellValue(again.GetSheetList()[0], "F"+itoa(rowOf(t, again, again.GetSheetList()[0], "2.3"))); v != "1.5" {
			t.Errorf("%v: 2.3 written back as %q", l, v)
		}
	}
}

// TestSelfFormRefusesBadCells: every bad cell of a filled form is named
// by its row, in both languages, and nothing is returned to record.
func TestSelfFormRefusesBadCells(t *testing.T) {
	std := countyStandard(t)
	f, _ := writeForm(t, std, i18n.Chinese, nil)
	sheet := f.GetSheetList()[0]
	bad := map[string]any{"1.1": "还行", "1.3": 2.5, "2.2": 11, "B.2": 9}
	for id, v := range bad {
		f.SetCellValue(sheet, "F"+itoa(rowOf(t, f, sheet, id)), v)
	}
	f.SetCellValue(sheet, "C"+itoa(rowOf(t, f, sheet, "3.1")), "9.9")
	var buf bytes.Buffer
	f.Write(&buf)
	d, err := report.ReadSelfForm("表.xlsx", &buf)
	if err != nil {
		t.Fatal(err)
	}
	e, err := d.Check(std, checklist.Date{Year: 2027, Month: 12, Day: 1})
	if err == nil || len(e.Cells) != 0 {
		t.Fatalf("bad cells checked: %+v", e)
	}
	if !errors.Is(err, checklist.ErrInvalid) {
		t.Errorf("kind: %v", err)
	}
	zh, en := i18n.Chinese.Error(err), i18n.English.Error(err)
	for _, id := range []string{"1.1", "1.3", "2.2", "B.2"} {
		row := "第 " + itoa(rowOf(t, f, sheet, id)) + " 行"
		if !strings.Contains(zh, row) {
			t.Errorf("the Chinese error names no %s (item %s): %s", row, id, zh)
		}
	}
	if !strings.Contains(zh, "5 处问题") || !strings.Contains(zh, "9.9") || !strings.Contains(en, "row ") || strings.Contains(en, "第") {
		t.Errorf("zh %s\nen %s", zh, en)
	}
	// Not a form at all.
	if _, err := report.ReadSelfForm("x.xlsx", strings.NewReader("PK not a zip")); err == nil {
		t.Error("a broken file was read")
	}
	plain := excelize.NewFile()
	var pb bytes.Buffer
	plain.Write(&pb)
	if _, err := report.ReadSelfForm("plain.xlsx", &pb); err == nil || !strings.Contains(i18n.Chinese.Error(err), "不是 branchcheck 生成的自评表") {
		t.Errorf("another workbook: %v", err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
