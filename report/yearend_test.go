package report_test

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/report"
)

// yearEndCounty is a year under the example standard (county-2027) at
// its end: four schools in two townships, bonus points, a veto situation
// recorded for one school and one disqualifying another, two
// self-assessments (one far from its inspection), the year confirmed and
// one school changed since, a quota exceeded, and last year's stars.
type yearEndCounty struct {
	std     *checklist.Standard
	yr      *checklist.YearRating
	last    *checklist.YearRating
	ye      *report.YearEnd
	schools []checklist.School
	visits  map[string]*checklist.Inspection
}

func valueAnswers(t testing.TB, std *checklist.Standard, over map[string]string) map[string]checklist.Answer {
	t.Helper()
	at := time.Date(2027, 5, 1, 10, 0, 0, 0, time.UTC)
	out := map[string]checklist.Answer{}
	for _, it := range std.ScoredItems() {
		cell := "符合"
		if it.Bonus != nil {
			cell = "0"
		}
		if c, ok := over[it.ID]; ok {
			cell = c
		}
		v, x, err := checklist.ParseEntry(it, cell)
		if err != nil {
			t.Fatal(err)
		}
		out[it.ID] = checklist.Answer{Verdict: v, Value: x, By: "何丽", At: at}
	}
	return out
}

func newYearEndCounty(t testing.TB) *yearEndCounty {
	t.Helper()
	std := countyStandard(t)
	c := &yearEndCounty{std: std, visits: map[string]*checklist.Inspection{}}
	c.schools = []checklist.School{
		{ID: "s-cg1", Name: "城关第一小学", Township: "城关镇", Kind: "小学", Secretary: "李书记"},
		{ID: "s-cg2", Name: "城关中学", Township: "城关镇", Kind: "初中", Secretary: "赵书记"},
		{ID: "s-dh1", Name: "东河小学", Township: "东河乡", Kind: "小学", Secretary: "王书记"},
		{ID: "s-dh2", Name: "东河幼儿园", Township: "东河乡", Kind: "幼儿园", Secretary: "陈书记"},
	}
	answers := map[string]map[string]string{
		"s-cg1": {"1.3": "1", "B.1": "2", "B.2": "2.5"}, // 98 + 4.5 = 102.5: bonus past 100
		"s-cg2": {"2.2": "6", "2.3": "5"},               // 89
		"s-dh1": {"1.1": "部分符合"},                        // 95
		"s-dh2": {"1.3": "不得分", "3.1": "部分符合"},          // 85
	}
	var visits []*checklist.Inspection
	for i, sc := range c.schools {
		v := &checklist.Inspection{ID: "v-2027-" + sc.ID[2:], SchoolID: sc.ID, StandardID: std.ID, Inspector: "何丽",
			Date: checklist.Date{Year: 2027, Month: 5, Day: 10 + i}, Status: checklist.Finalized,
			Answers: valueAnswers(t, std, answers[sc.ID]), FinalizedAt: time.Date(2027, 5, 10+i, 16, 0, 0, 0, time.UTC)}
		c.visits[sc.ID] = v
		visits = append(visits, v)
	}
	stds := map[string]*checklist.Standard{std.ID: std}
	yr, err := checklist.RateYear(2027, c.schools, visits, stds)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2027, 11, 1, 9, 0, 0, 0, time.UTC)
	discipline, _ := checklist.NewVetoRecord(std, "discipline", "s-cg2", 2027, "县纪委〔2027〕5号通报", "王主任", at)
	weak, _ := checklist.NewVetoRecord(std, "weak", "s-dh2", 2027, "县委组织部认定为软弱涣散", "王主任", at)
	if err := yr.ApplyVetoes([]checklist.VetoRecord{*discipline, *weak}, stds); err != nil {
		t.Fatal(err)
	}
	c.yr = yr
	// Last year: the same schools under the shipped standard.
	def := checklist.DefaultStandard()
	var lastVisits []*checklist.Inspection
	for i, sc := range c.schools[:3] {
		ans := map[string]checklist.Answer{}
		for k, it := range def.ScoredItems() {
			v := checklist.Met
			if k < i*5 {
				v = checklist.NotMet
			}
			ans[it.ID] = checklist.Answer{Verdict: v}
		}
		lastVisits = append(lastVisits, &checklist.Inspection{ID: "v-2026-" + sc.ID[2:], SchoolID: sc.ID, StandardID: def.ID,
			Date: checklist.Date{Year: 2026, Month: 6, Day: 1}, Status: checklist.Finalized, Answers: ans, Inspector: "何丽"})
	}
	if c.last, err = checklist.RateYear(2026, c.schools, lastVisits, map[string]*checklist.Standard{def.ID: def}); err != nil {
		t.Fatal(err)
	}
	// The stage: published, confirmed, then 城关第一小学's visit changed
	// (another visit became the rated one).
	st := &checklist.YearStage{Year: 2027}
	if _, err := st.Publish(checklist.Date{Year: 2027, Month: 12, Day: 1}, checklist.Date{Year: 2027, Month: 12, Day: 7}, "王主任", at); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Confirm(yr, "王主任", checklist.Date{Year: 2027, Month: 12, Day: 15}, checklist.Date{Year: 2027, Month: 12, Day: 20}, at); err != nil {
		t.Fatal(err)
	}
	for i := range st.Named {
		if st.Named[i].SchoolID == "s-cg1" {
			st.Named[i].Total, st.Named[i].Stars = 88, 4
		}
	}
	// Self-assessments: 城关中学 rated itself full marks on what it
	// lacked; 东河小学 close to its inspection.
	self := map[string]*checklist.SelfComparison{}
	for id, cells := range map[string]map[string]string{
		"s-cg2": {"2.2": "0", "2.3": "0", "1.1": "符合"},
		"s-dh1": {"1.1": "部分符合", "3.2": "部分符合"},
	} {
		sa, _ := checklist.NewSelfAssessment(id, 2027, std, at)
		full := map[string]string{}
		for k, v := range valueAnswers(t, std, cells) {
			full[k] = checklist.EntryText(v)
			if it, _, _ := std.Item(k); !it.TakesValue() {
				full[k] = string(v.Verdict)
			}
		}
		if _, err := sa.Import(std, full, checklist.SourceWorkbook, "张干事", at); err != nil {
			t.Fatal(err)
		}
		cmp, err := checklist.CompareSelf(std, sa, std, c.visits[id])
		if err != nil {
			t.Fatal(err)
		}
		self[id] = cmp
	}
	c.ye = &report.YearEnd{Stage: st, Self: self, Standards: stds}
	return c
}

func (c *yearEndCounty) meta(l i18n.Lang) report.Meta {
	m := meta(l)
	m.LastYear, m.YearEnd, m.Charts = c.last, c.ye, true
	return m
}

// TestYearEndGolden: the ratings of a year at its end, in every format a
// paper comes in, and two feedback sheets: 自评分, 考评分 and the gap with
// large gaps marked, base and bonus points, the veto situations recorded
// with their effect, the quota warned about, the stage in the title area,
// 确定后修改, and the charts in the HTML page.
func TestYearEndGolden(t *testing.T) {
	c := newYearEndCounty(t)
	for _, tt := range []struct {
		name string
		f    report.Format
		l    i18n.Lang
	}{
		{"yearend_zh.md", report.Markdown, i18n.Chinese},
		{"yearend_en.md", report.Markdown, i18n.English},
		{"yearend_zh.html", report.HTML, i18n.Chinese},
		{"yearend_en.table", report.Table, i18n.English},
		{"yearend_zh.csv", report.CSV, i18n.Chinese},
		{"yearend.json", report.JSON, i18n.Chinese},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := report.WriteRatings(&b, tt.f, c.yr, c.meta(tt.l)); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.name, b.Bytes())
		})
	}
	school := func(id string) checklist.School {
		for _, s := range c.schools {
			if s.ID == id {
				return s
			}
		}
		return checklist.School{}
	}
	for _, tt := range []struct {
		name string
		id   string
		l    i18n.Lang
	}{
		{"feedback_yearend_zh", "s-cg2", i18n.Chinese},
		{"feedback_yearend_en", "s-cg2", i18n.English},
		{"feedback_disqualified_zh", "s-dh2", i18n.Chinese},
	} {
		var vetoes []checklist.VetoRecord
		for _, r := range c.yr.Ratings {
			if r.School.ID == tt.id {
				vetoes = r.Vetoes
			}
		}
		fb := report.Feedback{School: school(tt.id), Visit: c.visits[tt.id], Standard: c.std, Self: c.ye.Self[tt.id],
			Vetoes: vetoes, Stage: c.ye.Stage}
		for _, f := range []report.Format{report.Markdown, report.HTML} {
			name := tt.name + "." + string(f)
			t.Run(name, func(t *testing.T) {
				var b bytes.Buffer
				if err := report.WriteFeedback(&b, f, fb, meta(tt.l)); err != nil {
					t.Fatal(err)
				}
				golden(t, name, b.Bytes())
			})
		}
	}
}

// TestYearEndContent: what the year-end papers must say, whatever the
// layout: checked in the Markdown.
func TestYearEndContent(t *testing.T) {
	c := newYearEndCounty(t)
	var b bytes.Buffer
	if err := report.WriteRatings(&b, report.Markdown, c.yr, c.meta(i18n.Chinese)); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	for _, want := range []string{
		"已确定：2027-12-15，王主任",
		"| 自评分 | 考评分 | 自评差距 | 星级 |", "+11.00（差距大）", // 城关中学 rated itself 100, inspected 89
		"| 基础分 |", "102.50",
		"党组织班子成员当年受到党纪处分或政务处分的：最高评为2星级（不得评定为3星级及以上）；事由：县纪委〔2027〕5号通报",
		"取消当年评星资格",
		"是（确定时 四星，88.00分）", "升4星",
		"名额提醒", "超过标准规定的30%",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the ratings do not say %q", want)
		}
	}
	if strings.Contains(md, "<svg") {
		t.Error("Markdown holds an SVG")
	}
	b.Reset()
	if err := report.WriteRatings(&b, report.HTML, c.yr, c.meta(i18n.Chinese)); err != nil {
		t.Fatal(err)
	}
	html := b.String()
	if strings.Count(html, "<svg") != 2 || strings.Contains(html, "<script") || !strings.Contains(html, "星级分布") || !strings.Contains(html, "较2026年度星级变化") {
		t.Errorf("the HTML page's charts: %d svg", strings.Count(html, "<svg"))
	}
}

// TestYearEndWorkbookCharts: the ratings workbook opened back holds its
// charts as native chart parts (xl/charts/chart*.xml), drawn from the
// counts on a sheet of their own, not as pictures.
func TestYearEndWorkbookCharts(t *testing.T) {
	c := newYearEndCounty(t)
	var b bytes.Buffer
	if err := report.WriteRatings(&b, report.XLSX, c.yr, c.meta(i18n.Chinese)); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("BRANCHCHECK_RENDER_DIR"); dir != "" {
		os.WriteFile(filepath.Join(dir, "yearend.xlsx"), b.Bytes(), 0o644)
	}
	zr, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var charts, media int
	for _, f := range zr.File {
		switch {
		case strings.HasPrefix(f.Name, "xl/charts/chart") && strings.HasSuffix(f.Name, ".xml"):
			charts++
		case strings.HasPrefix(f.Name, "xl/media/"):
			media++
		}
	}
	if charts != 2 || media != 0 {
		t.Errorf("%d chart parts, %d pictures; want 2 charts and no picture", charts, media)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) < 2 || sheets[1] != "统计图" {
		t.Fatalf("sheets %v", sheets)
	}
	rows, _ := f.GetRows("统计图")
	if len(rows) < 4 || rows[2][0] != "城关镇" {
		t.Errorf("the chart sheet's table: %v", rows)
	}
	// Without Charts the workbook has none, as before.
	b.Reset()
	m := c.meta(i18n.Chinese)
	m.Charts = false
	if err := report.WriteRatings(&b, report.XLSX, c.yr, m); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b.Bytes(), []byte("xl/charts/chart1.xml")) {
		t.Error("charts without Charts")
	}
}
