package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/store"
)

// fakeRatings is a store for the exporter: a bureau's name and, for any
// year, the same ratings.
type fakeRatings struct {
	yr     *checklist.YearRating
	bureau string
	asked  []int
}

func (f *fakeRatings) RateYearBrief(year int) (*checklist.YearRating, error) {
	f.asked = append(f.asked, year)
	return f.yr, nil
}

func (f *fakeRatings) Setting(key string) (string, error) {
	if key == settingBureau {
		return f.bureau, nil
	}
	return "", nil
}

func (f *fakeRatings) Path() string { return "/data/bc.db" }

func (f *fakeRatings) YearEndOf(yr *checklist.YearRating) (*store.YearEnd, error) {
	return &store.YearEnd{Stage: &checklist.YearStage{Year: yr.Year}}, nil
}

func (f *fakeRatings) RectCounts(rf checklist.RectFilter, schools []checklist.School) (*checklist.RectLedger, error) {
	return checklist.NewRectLedger(schools, nil, nil, checklist.Date{Year: 2026, Month: 12, Day: 20}, rf), nil
}

func (f *fakeRatings) RectLedgerInParts(rf checklist.RectFilter, each func(*checklist.RectLedger) error) (*checklist.RectLedger, error) {
	var schools []checklist.School
	for _, r := range f.yr.Ratings {
		schools = append(schools, r.School)
	}
	lg := checklist.NewRectLedger(schools, nil, nil, checklist.Date{Year: 2026, Month: 12, Day: 20}, rf)
	if each != nil {
		if err := each(lg); err != nil {
			return nil, err
		}
	}
	return lg, nil
}

// TestRatingsExporter: the TUI's export key writes the year's table as a
// new file named for the year, and never over an earlier one, with the
// bureau's name and the year before's stars.
func TestRatingsExporter(t *testing.T) {
	dir := t.TempDir()
	yr, err := checklist.RateYear(2026, []checklist.School{{ID: "a", Name: "城关小学", Township: "城关镇"}}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	store := &fakeRatings{yr: yr, bureau: "示例县教育局党委"}
	export := ratingsExporter(dir, store, func() time.Time { return time.Date(2026, 12, 20, 9, 0, 0, 0, time.UTC) })
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
	if v, _ := f.GetCellValue("星级评定汇总", "A2"); v != "填报单位：示例县教育局党委" {
		t.Errorf("A2 %q", v)
	}
	rows, _ := f.GetRows("星级评定汇总")
	header := slices.IndexFunc(rows, func(r []string) bool { return slices.Contains(r, "序号") })
	if header < 0 || !slices.Contains(rows[header], "上年星级") || !slices.Contains(rows[header], "整改未销号") {
		t.Errorf("no column of the year before's stars or of open rectifications in %q", rows)
	}
	if v, _ := f.GetCellValue("星级评定汇总", "A3"); v != "评定阶段：初评（尚未公示）" {
		t.Errorf("A3 %q: the year's stage", v)
	}
	if sheets := f.GetSheetList(); !slices.Contains(sheets, "整改台账") {
		t.Errorf("no sheet 整改台账 in %v", sheets)
	}
	if len(store.asked) != 1 || store.asked[0] != 2025 {
		t.Errorf("asked for the ratings of %v, want 2025", store.asked)
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
