package report_test

import (
	"archive/zip"
	"bytes"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/report"
)

// openXLSX writes with write and reads the workbook back.
func openXLSX(t *testing.T, write func(io.Writer) error) (*excelize.File, []byte) {
	t.Helper()
	var b bytes.Buffer
	if err := write(&b); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f, b.Bytes()
}

// assertNoFormulas fails if any cell of any sheet holds a formula, read
// both through excelize and from the raw sheet XML (an <f> element).
func assertNoFormulas(t *testing.T, f *excelize.File, raw []byte) {
	t.Helper()
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		width := 0
		for _, r := range rows {
			width = max(width, len(r))
		}
		for r := 1; r <= len(rows)+1; r++ {
			for c := 1; c <= width+1; c++ {
				ref, _ := excelize.CoordinatesToCellName(c, r)
				if fm, err := f.GetCellFormula(sheet, ref); err != nil || fm != "" {
					t.Errorf("%s!%s: formula %q (%v)", sheet, ref, fm, err)
				}
			}
		}
	}
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/") {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		xml, _ := io.ReadAll(rc)
		rc.Close()
		if bytes.Contains(xml, []byte("<f>")) || bytes.Contains(xml, []byte("<f ")) {
			t.Errorf("%s holds a formula element", zf.Name)
		}
	}
}

// fillOf is the first fill colour of a cell's style, "" for none.
func fillOf(t *testing.T, f *excelize.File, sheet, ref string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Fill.Color) == 0 {
		return ""
	}
	return strings.ToUpper(st.Fill.Color[0])
}

// findRow returns the 1-based row whose column col (0-based) is v.
func findRow(rows [][]string, col int, v string) int {
	for i, r := range rows {
		if col < len(r) && r[col] == v {
			return i + 1
		}
	}
	return 0
}

func TestRatingsXLSX(t *testing.T) {
	yr := newCounty().rating(t)
	f, raw := openXLSX(t, func(w io.Writer) error { return report.WriteRatings(w, report.XLSX, yr, meta(i18n.Chinese)) })

	const summary, issues, about = "星级评定汇总", "问题清单", "说明"
	if got := f.GetSheetList(); !slices.Equal(got, []string{summary, issues, about}) {
		t.Fatalf("sheets %q", got)
	}
	if got := f.GetActiveSheetIndex(); got != 0 {
		t.Errorf("active sheet %d, want the summary (0)", got)
	}
	assertNoFormulas(t, f, raw)

	rows, err := f.GetRows(summary)
	if err != nil {
		t.Fatal(err)
	}
	// A paper: the title, 填报单位, then the table, its header frozen.
	if rows[0][0] != "2026年度星级党支部评比汇总表" || rows[1][0] != "填报单位：示例县教育局党委" {
		t.Errorf("title rows %q %q", rows[0], rows[1])
	}
	const hdr = 3
	wantHeader := []string{"序号", "学校", "乡镇", "类型", "党组织书记", "检查日期", "检查人", "一要", "二要", "三要", "四要", "五要", "总分", "星级", "落后党支部", "否决项"}
	if !slices.Equal(rows[hdr-1], wantHeader) {
		t.Errorf("header %q", rows[hdr-1])
	}
	panes, err := f.GetPanes(summary)
	if err != nil || !panes.Freeze || panes.YSplit != hdr || panes.TopLeftCell != "A4" {
		t.Errorf("panes %+v %v: want the header row frozen", panes, err)
	}
	if w, _ := f.GetColWidth(summary, "B"); w < 14 {
		t.Errorf("school column width %v: too narrow for 城关镇实验幼儿园", w)
	}

	// Rows and values: the lagging 3-star school, the capped one, the not rated one.
	lag := findRow(rows, 1, "城关中学")
	if lag == 0 {
		t.Fatal("城关中学 not found")
	}
	r := rows[lag-1]
	if r[12] != "70.24" || r[13] != "★★★☆☆ 3" || r[14] != "是，各类综合评比一票否决" {
		t.Errorf("城关中学 row %q", r)
	}
	if ty, _ := f.GetCellType(summary, cellRef(13, lag)); ty == excelize.CellTypeInlineString || ty == excelize.CellTypeSharedString {
		t.Errorf("total stored as text (%v), want a number", ty)
	}
	for _, ref := range []string{cellRef(1, lag), cellRef(2, lag), cellRef(15, lag)} {
		if got := fillOf(t, f, summary, ref); got != "FFE5E5" {
			t.Errorf("lagging row cell %s fill %q, want light red FFE5E5", ref, got)
		}
	}
	if top := findRow(rows, 1, "城关第一小学"); fillOf(t, f, summary, cellRef(2, top)) != "" {
		t.Error("a 5-star row is filled")
	} else if rows[top-1][8] != "不适用" {
		t.Errorf("二要 all not applicable shows %q", rows[top-1][8])
	}
	if cap := rows[findRow(rows, 1, "东河中学")-1]; cap[13] != "★★☆☆☆ 2" || cap[15] != "5.1.3不符合，由五星降为二星" {
		t.Errorf("capped row %q", cap)
	}
	if nr := rows[findRow(rows, 1, "城关镇实验幼儿园")-1]; nr[13] != "未评定" {
		t.Errorf("not rated row %q", nr)
	}
	// The counts below the table: labels in a row, numbers under them.
	labels := findRow(rows, 0, "五星")
	if labels == 0 {
		t.Fatal("no counts")
	}
	for i, want := range map[string]string{"五星": "1", "一星": "1", "已评定": "5", "未评定": "1", "落后党支部": "3"} {
		col := slices.Index(rows[labels-1], i)
		if col < 0 || rows[labels][col] != want {
			t.Errorf("count %s: column %d, want %s", i, col, want)
		}
		if ty, _ := f.GetCellType(summary, cellRef(col+1, labels+1)); ty == excelize.CellTypeInlineString {
			t.Errorf("count %s stored as text", i)
		}
	}

	// 问题清单: item ids stay text ("3.10", not 3.1), notes kept.
	irows, _ := f.GetRows(issues)
	if !slices.Equal(irows[0], []string{"学校", "乡镇", "要", "编号", "内容", "结论", "备注"}) {
		t.Errorf("issues header %q", irows[0])
	}
	if p, _ := f.GetPanes(issues); !p.Freeze {
		t.Error("issues header not frozen")
	}
	var ids []string
	for _, r := range irows[1:] {
		if r[0] == "东河第二小学" {
			ids = append(ids, r[3])
		}
		if r[0] == "城关镇实验幼儿园" {
			t.Error("a school not rated has items in 问题清单")
		}
	}
	if !slices.Contains(ids, "3.10") {
		t.Errorf("东河第二小学 items %q: want 3.10 as text", ids)
	}
	if i := findRow(irows, 3, "5.1.3"); i == 0 || irows[i-1][6] != "党员花名册缺失" || irows[i-1][5] != "不符合" {
		t.Errorf("veto item row %d", i)
	}

	// 说明 states the standards, rules, time, database and township filter.
	arows, _ := f.GetRows(about)
	var all strings.Builder
	for _, r := range arows {
		all.WriteString(strings.Join(r, "|") + "\n")
	}
	for _, want := range []string{checklist.DefaultStandardID, "五星≥90分 四星≥80分 三星≥70分 二星≥60分 一星<60分",
		"三星及以下为落后党支部", "在各类综合评比中实行一票否决", "否决项（wuyao-2026-veto）|5.1.3；否决项不符合的，最高评为二星",
		"默认设置（" + checklist.DefaultStandardID + "）|星级档次、每要20分", "2026-12-20 09:30:00 +08:00", "填报单位|示例县教育局党委",
		"/home/inspector/.local/share/branchcheck/branchcheck.db", "乡镇范围|全部乡镇"} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("说明 lacks %q:\n%s", want, all.String())
		}
	}
}

func TestRatingsXLSXEmptyAndEnglish(t *testing.T) {
	yr := newCounty().rating(t)
	f, raw := openXLSX(t, func(w io.Writer) error { return report.WriteRatings(w, report.XLSX, yr, meta(i18n.English)) })
	if got := f.GetSheetList(); !slices.Equal(got, []string{"Star ratings", "Items to fix", "About"}) {
		t.Errorf("sheets %q", got)
	}
	assertNoFormulas(t, f, raw)

	c := newCounty()
	empty, err := checklist.RateYear(2026, c.schools[2:3], []*checklist.Inspection{c.draft}, nil)
	if err != nil {
		t.Fatal(err)
	}
	f, raw = openXLSX(t, func(w io.Writer) error { return report.WriteRatings(w, report.XLSX, empty, meta(i18n.Chinese)) })
	assertNoFormulas(t, f, raw)
	rows, _ := f.GetRows("星级评定汇总")
	if len(rows) < 4 || rows[2][0] != "序号" || !slices.Contains(rows[3], "未评定") {
		t.Errorf("a year with no rated school: rows %q", rows)
	}
}

func TestFeedbackXLSX(t *testing.T) {
	c := newCounty()
	fb := report.Feedback{School: c.schools[2], Visit: c.draft, Standard: c.std}
	f, raw := openXLSX(t, func(w io.Writer) error { return report.WriteFeedback(w, report.XLSX, fb, meta(i18n.Chinese)) })
	if got := f.GetSheetList(); !slices.Equal(got, []string{"检查反馈单"}) {
		t.Errorf("sheets %q", got)
	}
	assertNoFormulas(t, f, raw)
	rows, _ := f.GetRows("检查反馈单")
	if rows[0][0] != "检查反馈单（暂定）" || rows[1][0] != "检查单位：示例县教育局党委" || !strings.HasPrefix(rows[2][0], "暂定：本次检查是草稿") {
		t.Errorf("a draft's sheet does not say provisional: %q %q %q", rows[0], rows[1], rows[2])
	}
	if i := findRow(rows, 1, "1.3"); i == 0 || rows[i-1][4] != "书记兼任园长，党建时间不足" {
		t.Errorf("item 1.3 and its note: row %d", i)
	}
}

func cellRef(col, row int) string {
	ref, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		panic(err)
	}
	return ref
}

// TestSheetNames: a table goes on to more sheets only past a sheet's
// rows, each named after the first.
func TestSheetNames(t *testing.T) {
	for _, c := range []struct {
		lang i18n.Lang
		n    int
		want []string
	}{
		{i18n.Chinese, 0, []string{"整改台账"}},
		{i18n.Chinese, report.SheetRowsMax, []string{"整改台账"}},
		{i18n.Chinese, report.SheetRowsMax + 1, []string{"整改台账", "整改台账（2）"}},
		{i18n.English, 2*report.SheetRowsMax + 5, []string{"整改台账", "整改台账 (2)", "整改台账 (3)"}},
	} {
		if got := report.SheetNames(c.lang, "整改台账", c.n); !slices.Equal(got, c.want) {
			t.Errorf("%d rows: %q, want %q", c.n, got, c.want)
		}
	}
	if report.SheetRowsMax+1 != 1<<20 {
		t.Errorf("a sheet holds %d rows below its header, want %d", report.SheetRowsMax, 1<<20-1)
	}
}
