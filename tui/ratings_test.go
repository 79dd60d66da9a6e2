package tui

import (
	"regexp"
	"strings"
	"testing"

	"branchcheck/checklist"
	"branchcheck/i18n"
)

// TestRatingsOnDemo: the year's table on the demo data: per-要 points,
// total, the lagging flag, stars last, and 未评定 rows; sorting, filtering
// and changing the year.
func TestRatingsOnDemo(t *testing.T) {
	st := openDemo(t)
	yr, err := st.RateYear(2025)
	if err != nil {
		t.Fatal(err)
	}
	s := run(t, newModel(st, i18n.Chinese), 80, 24)
	s.waitLine(`学校列表  共 12 所  星级为 2025 年度评定`)
	s.press("r")
	s.waitLine(`2025 年度星级评定  按乡镇排列`)
	s.waitLine(`已评定 10 所  未评定 2 所  落后党支部 4 所`)
	s.waitLine(`三星及以下为落后党支部。按讲话要求，落后党支部在各类综合评比中实行一票否决。这是`)
	s.waitLine(`学校 +乡镇 +一要 +二要 +三要 +四要 +五要 +总分 +落后 +星级`)

	for _, r := range yr.Ratings {
		name := regexp.QuoteMeta(r.School.Name) + ` +` + regexp.QuoteMeta(r.School.Township)
		if !r.Rated() {
			s.waitLine(`(> )?` + name + ` +- +未评定`)
			continue
		}
		row := `(> )?` + name
		for _, rs := range r.Score.Requirements {
			row += ` +` + regexp.QuoteMeta(checklist.FormatPointsFixed(rs.Points))
		}
		row += ` +` + regexp.QuoteMeta(checklist.FormatPointsFixed(r.Score.Total))
		if r.Score.Lagging {
			row += ` +是` // the short mark at 80 columns
		}
		row += ` +` + i18n.Stars(r.Score.Stars, 5)
		s.waitLine(row)
	}

	// Sort by the total, high to low: the column is the last one.
	for range sortRequirement + 5 {
		s.press("l")
	}
	s.waitLine(`学校 +乡镇 +一要 +二要 +三要 +四要 +五要 +总分v +落后 +星级`)
	s.waitLine(`2025 年度星级评定  按总分降序`)
	s.press("s")
	s.waitLine(`学校 +乡镇 +一要 +二要 +三要 +四要 +五要 +总分\^ +落后 +星级`)
	s.press("s")
	s.waitLine(`学校 +乡镇 +一要 +二要 +三要 +四要 +五要 +总分v +落后 +星级`)
	m := s.quitLater()
	r := m.top().(*ratingsScreen)
	last := 101.0
	for i, ri := range r.shown {
		rt := r.rows[ri]
		if !rt.Rated() {
			if i < 10 {
				t.Errorf("not rated %s sorted among the rated", rt.School.Name)
			}
			continue
		}
		if rt.Rating.Score.Total > last {
			t.Errorf("%s (%v) after one with %v", rt.School.Name, rt.Rating.Score.Total, last)
		}
		last = rt.Rating.Score.Total
	}

	// The filter finds the lagging branches.
	s.press("/")
	s.typeText("落后")
	s.press("enter")
	s.waitLine(`筛选：落后（按 / 修改）`)
	laggingRow := regexp.MustCompile(`(?m) 是 +[★☆]+$`)
	scr := s.waitScreen("four lagging rows", func(scr string) bool {
		return len(laggingRow.FindAllString(scr, -1)) == 4
	})
	rows := regexp.MustCompile(`(?m)[★☆]$`).FindAllString(scr, -1)
	if len(rows) != 4 || hasLine(scr, regexp.MustCompile(`未评定$`)) {
		t.Errorf("the filter shows more than the lagging rows:\n%s", scr)
	}

	// [ goes to last year.
	last2024, err := st.RateYear(2024)
	if err != nil {
		t.Fatal(err)
	}
	rated, unrated, lagging := last2024.Counts()
	s.press("/", "esc") // clears the filter
	s.press("[")
	s.waitLine(`2024 年度星级评定  按总分降序`)
	s.waitLine(i18n.Chinese.Sprintf("已评定 %d 所  未评定 %d 所  落后党支部 %d 所", "", rated, unrated, lagging))
	s.quit("ctrl+c")
}

// TestExportHook: the export key is offered only when an exporter is
// wired in, and then runs it for the year shown.
func TestExportHook(t *testing.T) {
	st := openStore(t)
	addSchool(t, st, "城关镇第一小学", "城关镇")

	d := drive(t, newModel(st, i18n.Chinese), 80, 24)
	d.press("r", "?")
	if strings.Contains(d.screen(), "导出") {
		t.Errorf("export offered with no exporter:\n%s", d.screen())
	}

	var got int
	var format string
	m := New(Options{Store: st, Lang: i18n.Chinese, Now: clock, NoColor: true,
		ExportRatings: func(yr *checklist.YearRating, l i18n.Lang, f string) (string, error) {
			got, format = yr.Year, f
			return "/tmp/2024年度星级评定." + f, nil
		}})
	d = drive(t, m, 80, 24)
	d.press("r", "[", "x")
	if got != 0 || !hasLine(d.screen(), regexp.MustCompile(`^导出下表的 1 所（按乡镇排列），选择格式：$`)) {
		t.Fatalf("the export key did not ask for a format:\n%s", d.screen())
	}
	d.press("?") // the help shows the format keys, not the table's
	if !hasLine(d.screen(), regexp.MustCompile(`^h +网页（可打印）`)) {
		t.Errorf("the help lacks the format keys:\n%s", d.screen())
	}
	d.press("esc", "q") // q is no format: still choosing
	if got != 0 {
		t.Fatal("exported on a key that is no format")
	}
	d.press("esc") // cancel
	d.press("x", "h")
	if got != 2024 || format != "html" {
		t.Errorf("exported year %d as %q, want 2024 as html", got, format)
	}
	if !hasLine(d.screen(), regexp.MustCompile(`^已导出 1 所（按乡镇排列）：/tmp/2024年度星级评定\.html$`)) {
		t.Errorf("no word of the export:\n%s", d.screen())
	}
	d.press("?")
	if !hasLine(d.screen(), regexp.MustCompile(`^x +导出`)) {
		t.Errorf("the help lacks the export key:\n%s", d.screen())
	}
}
