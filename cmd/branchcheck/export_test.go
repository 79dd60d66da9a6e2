package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"branchcheck/checklist"
	"branchcheck/i18n"
)

// TestRatingsExporter: the TUI's export key writes the year's table as a
// new file named for the year, and never over an earlier one.
func TestRatingsExporter(t *testing.T) {
	dir := t.TempDir()
	yr, err := checklist.RateYear(2026, []checklist.School{{ID: "a", Name: "城关小学", Township: "城关镇"}}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	export := ratingsExporter(dir, "/data/bc.db", func() time.Time { return time.Date(2026, 12, 20, 9, 0, 0, 0, time.UTC) })
	first, err := export(yr, i18n.Chinese, "xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "2026年度星级党支部评比.xlsx"); first != want {
		t.Errorf("wrote %s, want %s", first, want)
	}
	f, err := excelize.OpenFile(first)
	if err != nil {
		t.Fatalf("the export does not open as a workbook: %v", err)
	}
	if sheets := f.GetSheetList(); len(sheets) == 0 || sheets[0] != "星级评定汇总" {
		t.Errorf("sheets %v", sheets)
	}
	f.Close()
	second, err := export(yr, i18n.Chinese, "xlsx")
	if err != nil || second != filepath.Join(dir, "2026年度星级党支部评比-2.xlsx") {
		t.Errorf("second export: %s, %v", second, err)
	}
	en, err := export(yr, i18n.English, "csv")
	if err != nil || filepath.Base(en) != "star-ratings-2026.csv" {
		t.Errorf("English export: %s, %v", en, err)
	}
	if _, err := export(yr, i18n.Chinese, "pdf"); err == nil {
		t.Error("an unknown format was accepted")
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 3 {
		t.Errorf("%d files in the folder, want 3 (no temporary files left)", len(ents))
	}
}
