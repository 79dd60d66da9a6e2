package report_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/report"
)

func TestRectificationsGolden(t *testing.T) {
	c := newCounty()
	open := c.ledger(t, checklist.RectFilter{})
	tests := []struct {
		name   string
		format report.Format
		lang   i18n.Lang
		l      *checklist.RectLedger
	}{
		{"rect_zh.table", report.Table, i18n.Chinese, open},
		{"rect_en.table", report.Table, i18n.English, open},
		{"rect_zh.md", report.Markdown, i18n.Chinese, open},
		{"rect_en.md", report.Markdown, i18n.English, open},
		{"rect_zh.csv", report.CSV, i18n.Chinese, open},
		{"rect_zh.html", report.HTML, i18n.Chinese, open},
		{"rect_en.html", report.HTML, i18n.English, open},
		{"rect.json", report.JSON, i18n.Chinese, open},
		// Every status of one township: closed ones, a 反弹, the reported one.
		{"rect_donghe_all_zh.md", report.Markdown, i18n.Chinese, c.ledger(t, checklist.RectFilter{View: checklist.ViewAll, Township: "东河乡"})},
		{"rect_donghe_all.json", report.JSON, i18n.Chinese, c.ledger(t, checklist.RectFilter{View: checklist.ViewAll, Township: "东河乡"})},
		{"rect_overdue_zh.csv", report.CSV, i18n.Chinese, c.ledger(t, checklist.RectFilter{View: checklist.ViewOverdue, Township: "城关镇"})},
		{"rect_empty_zh.table", report.Table, i18n.Chinese, c.ledger(t, checklist.RectFilter{Township: "西山镇"})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := report.WriteRectifications(&b, tt.format, tt.l, meta(tt.lang)); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.name, b.Bytes())
		})
	}
}

// TestRectificationsSay checks what the ledger states beyond the golden
// files' bytes: the overdue days, the 反弹, the reported and closed ones,
// the counts; no id or path on a paper.
func TestRectificationsSay(t *testing.T) {
	c := newCounty()
	write := func(f report.Format, l *checklist.RectLedger, lang i18n.Lang) string {
		var b bytes.Buffer
		if err := report.WriteRectifications(&b, f, l, meta(lang)); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	all := c.ledger(t, checklist.RectFilter{View: checklist.ViewAll})
	if all.Counts != (checklist.RectCounts{Open: 69, Overdue: 67, Reported: 1, Closed: 8}) {
		t.Fatalf("the fixture's counts changed: %+v", all.Counts)
	}
	md := write(report.Markdown, all, i18n.Chinese)
	for _, want := range []string{
		"# 党支部建设检查整改台账（全部）",
		"**填报单位**：示例县教育局党委",
		"**截至日期**：2026-12-20",
		"| 序号 | 乡镇 | 学校 | 问题 | 发现日期 | 整改期限 | 责任人 | 状态 | 销号日期 | 反弹次数 |",
		// Overdue, with its days; the 反弹 counted; the reported one.
		"| 6 | 城关镇 | 城关中学 | 3.5 有发展党员工作流程图（不符合） | 2025-11-03 | 2025-12-03 | 李明 | 逾期382天 |  | 0 |",
		"（不符合）：书记不清楚“第一责任人”职责 | 2026-09-22 | 2026-10-22 | 王芳 | 逾期59天 |  | 1 |",
		"| 3.9 有党建工作制度（不符合） | 2026-10-15 | 2026-11-14 | 李明 | 已整改待复查 |  | 0 |",
		// A deadline and a person set by hand: not overdue.
		"（不符合）：电教设备未配齐 | 2026-09-23 | 2027-01-15 | 陈副校长 | 待整改 |  | 0 |",
		// Closed by a later visit, and by hand.
		"| 2025-10-10 | 2025-11-09 | 张红 | 已销号 | 2026-10-09 | 0 |",
		"| 5.1.10 党组织会议记录簿（不符合） | 2026-09-22 | 2026-10-22 | 王芳 | 已销号 | 2026-12-01 | 0 |",
		"- **未销号**：69", "- **其中逾期**：67", "- **其中已整改待复查**：1", "- **已销号**：8", "- **本表列出**：77",
		"填表人：", "（公章）", "4. **整改期限**：检查日期加检查标准规定的整改天数（标准未规定的为30天），可逐项另定。",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the ledger lacks %q", want)
		}
	}
	for _, f := range []report.Format{report.Markdown, report.HTML} {
		page := write(f, all, i18n.Chinese)
		if strings.Contains(page, "v-2026") || strings.Contains(page, "branchcheck.db") || strings.Contains(page, "wuyao") {
			t.Errorf("the %s paper prints an internal id or the database path", f)
		}
	}
	// The terminal and the CSV give the ids, for the commands.
	if tbl := write(report.Table, all, i18n.Chinese); !strings.Contains(tbl, "v-2026-dh2/3.3") || !strings.Contains(tbl, "数据来源：") {
		t.Error("the terminal table lacks the ids or the database")
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(write(report.CSV, all, i18n.Chinese), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if h := recs[0]; len(h) != 11 || h[10] != "编号" || recs[1][10] != "v-2025-cg1/3.3" {
		t.Errorf("CSV header %q, first row %q", h, recs[1])
	}
	// JSON: the decisions and the derived facts.
	var j report.JSONRectifications
	if err := json.Unmarshal([]byte(write(report.JSON, all, i18n.English)), &j); err != nil {
		t.Fatal(err)
	}
	byID := map[string]report.JSONRectification{}
	for _, r := range j.Rows {
		byID[r.ID] = r
	}
	if r := byID["v-2026-dh1/1.1"]; r.Rebounds != 1 || r.PreviousID != "v-2025-dh1/1.1" || r.DaysOverdue != 59 || r.Status != "open" {
		t.Errorf("the 反弹: %+v", r)
	}
	if r := byID["v-2025-dh1/1.1"]; r.ClosedBy != "王检查" || r.ClosedOn != "2025-12-15" || r.CloseReason == "" || r.Status != "closed" {
		t.Errorf("closed by hand: %+v", r)
	}
	if r := byID["v-2026-cgz/3.9"]; r.ReportedBy != "李明" || r.Evidence != "制度汇编.pdf、上墙照片3张" || r.Status != "reported" || r.DaysOverdue != 0 {
		t.Errorf("reported: %+v", r)
	}
	if j.View != "all" || j.Today != "2026-12-20" || j.Counts.Open != 69 || len(j.Rows) != 77 {
		t.Errorf("JSON head %+v %d rows", j.Counts, len(j.Rows))
	}

	if err := report.WriteRectifications(io.Discard, "pdf", all, meta(i18n.Chinese)); !errors.Is(err, report.ErrFormat) {
		t.Errorf("pdf: %v", err)
	}
	if err := report.WriteRectifications(io.Discard, report.CSV, nil, meta(i18n.Chinese)); err == nil {
		t.Error("no ledger: no error")
	}
}

// TestRectificationsXLSX: the ledger's workbook, a paper; and the ratings
// workbook's sheet 整改台账, opened back with excelize.
func TestRectificationsXLSX(t *testing.T) {
	c := newCounty()
	all := c.ledger(t, checklist.RectFilter{View: checklist.ViewAll})
	f, raw := openXLSX(t, func(w io.Writer) error { return report.WriteRectifications(w, report.XLSX, all, meta(i18n.Chinese)) })
	assertNoFormulas(t, f, raw)
	if got := f.GetSheetList(); !slices.Equal(got, []string{"整改台账", "说明"}) {
		t.Errorf("sheets %q", got)
	}
	rows, _ := f.GetRows("整改台账")
	if rows[0][0] != "党支部建设检查整改台账（全部）" || rows[1][0] != "填报单位：示例县教育局党委" || rows[2][0] != "截至日期：2026-12-20" {
		t.Errorf("the paper starts %q / %q / %q", rows[0], rows[1], rows[2])
	}
	hdr := findRow(rows, 0, "序号")
	if hdr == 0 || !slices.Equal(rows[hdr-1][:10], []string{"序号", "乡镇", "学校", "问题", "发现日期", "整改期限", "责任人", "状态", "销号日期", "反弹次数"}) {
		t.Errorf("header row %d: %q", hdr, rows[max(hdr-1, 0)])
	}
	overdue := 0
	for i, r := range rows {
		if len(r) > 3 && r[2] == "城关中学" && r[3] == "3.5 有发展党员工作流程图（不符合）" {
			overdue = i + 1
			break
		}
	}
	if v, _ := f.GetCellValue("整改台账", cellRef(8, overdue)); v != "逾期382天" {
		t.Errorf("row %d status %q", overdue, v)
	}
	if fill := fillOf(t, f, "整改台账", cellRef(8, overdue)); fill == "" {
		t.Error("an overdue row is not filled")
	}
	if p, _ := f.GetPanes("整改台账"); !p.Freeze || p.YSplit != hdr {
		t.Errorf("panes %+v, want the header (row %d) frozen", p, hdr)
	}

	// The ratings workbook with the year's ledger: its own sheet, and a
	// column of open rectifications on the summary.
	m := meta(i18n.Chinese)
	m.Rectifications = c.ledger(t, checklist.RectFilter{View: checklist.ViewAll, Year: 2026})
	rf, rraw := openXLSX(t, func(w io.Writer) error { return report.WriteRatings(w, report.XLSX, c.rating(t), m) })
	assertNoFormulas(t, rf, rraw)
	if got := rf.GetSheetList(); !slices.Equal(got, []string{"星级评定汇总", "问题清单", "整改台账", "说明"}) {
		t.Errorf("ratings sheets %q", got)
	}
	rrows, _ := rf.GetRows("整改台账")
	if len(rrows) < 2 || rrows[0][0] != "序号" || len(rrows)-1 != m.Rectifications.Len() {
		t.Errorf("the 整改台账 sheet: %d rows, ledger %d", len(rrows)-1, m.Rectifications.Len())
	}
	if p, _ := rf.GetPanes("整改台账"); !p.Freeze || p.YSplit != 1 {
		t.Errorf("整改台账 panes %+v", p)
	}
	srows, _ := rf.GetRows("星级评定汇总")
	h := findRow(srows, 0, "序号")
	col := slices.Index(srows[h-1], "整改未销号")
	cgz := findRow(srows, 1, "城关中学")
	if col < 0 || srows[cgz-1][col] != "18" {
		t.Errorf("整改未销号 column %d: 城关中学 has %q", col, srows[cgz-1][max(col, 0)])
	}
}

// TestRatingsWithRectifications: the ratings table's column of open
// rectifications, its note and its count, in every format.
func TestRatingsWithRectifications(t *testing.T) {
	c := newCounty()
	m := meta(i18n.Chinese)
	m.LastYear = c.ratingLastYear(t)
	m.Rectifications = c.ledger(t, checklist.RectFilter{View: checklist.ViewAll, Year: 2026})
	yr := c.rating(t)
	for _, f := range []report.Format{report.Table, report.Markdown, report.CSV, report.HTML, report.JSON} {
		t.Run(string(f), func(t *testing.T) {
			var b bytes.Buffer
			if err := report.WriteRatings(&b, f, yr, m); err != nil {
				t.Fatal(err)
			}
			golden(t, "ratings_rect_zh."+string(f), b.Bytes())
		})
	}
	var b bytes.Buffer
	if err := report.WriteRatings(&b, report.JSON, yr, m); err != nil {
		t.Fatal(err)
	}
	var j report.JSONRatings
	if err := json.Unmarshal(b.Bytes(), &j); err != nil {
		t.Fatal(err)
	}
	open := map[string]int{}
	for _, r := range j.Rows {
		if r.OpenRectifications == nil {
			t.Fatalf("%s: no open_rectifications", r.School.Name)
		}
		open[r.School.Name] = *r.OpenRectifications
	}
	// 城关中学: 8 found in 2025 and not closed since, 10 new in 2026 (3.9
	// reported done among them); 东河小学: 7 found in 2025 and again in
	// 2026, 35 new in 2026 (1.1 a 反弹 among them) less 5.1.10 closed by
	// hand; 东河中学: 1.
	want := map[string]int{"城关第一小学": 0, "城关中学": 18, "城关镇实验幼儿园": 0, "东河小学": 41, "东河第二小学": 9, "东河中学": 1}
	for k, v := range want {
		if open[k] != v {
			t.Errorf("%s: %d open, want %d", k, open[k], v)
		}
	}
	// The year's: those found in 2025 and closed (8 but 5.1.10's) are not
	// the year's.
	if j.Rectifications == nil || *j.Rectifications != (report.JSONRectCounts{Open: 69, Overdue: 67, Reported: 1, Closed: 1}) || j.RectificationsOn != "2026-12-20" {
		t.Errorf("rectifications %+v on %q", j.Rectifications, j.RectificationsOn)
	}
}

// TestFeedbackWithRectifications: the 检查反馈单 of a finalized visit gives
// each problem its deadline and person responsible, those of the
// rectification that answers for it; every printed sheet has the line
// the school signs to say it received it.
func TestFeedbackWithRectifications(t *testing.T) {
	c := newCounty()
	var cgz *checklist.Inspection
	for _, v := range c.visits {
		if v.ID == "v-2026-cgz" {
			cgz = v
		}
	}
	school := c.schools[1]
	sr := checklist.NewSchoolRectifications(school, c.rectifications(t)[school.ID],
		map[string]*checklist.Standard{c.std.ID: c.std, c.old.ID: c.old}, today)
	fb := report.Feedback{School: school, Visit: cgz, Standard: c.std, Previous: c.previous, PreviousStandard: c.old,
		Rectifications: map[string]report.Rectification{}}
	for id, e := range sr.OfVisit(cgz) {
		fb.Rectifications[id] = report.Rectification{Deadline: e.Deadline(), Responsible: e.Responsible()}
	}
	for _, f := range []report.Format{report.Markdown, report.HTML, report.Table} {
		t.Run(string(f), func(t *testing.T) {
			var b bytes.Buffer
			if err := report.WriteFeedback(&b, f, fb, meta(i18n.Chinese)); err != nil {
				t.Fatal(err)
			}
			golden(t, "feedback_rect_zh."+string(f), b.Bytes())
			out := b.String()
			// 3.5 was found in 2025 and again now: its deadline is 2025's.
			for _, want := range []string{"2025-12-03", "2026-11-14", "李明"} {
				if !strings.Contains(out, want) {
					t.Errorf("the sheet lacks %q", want)
				}
			}
			if signs := strings.Contains(out, "签收人（签名）"); signs != (f != report.Table) {
				t.Errorf("签收 line on the %s sheet: %v", f, signs)
			}
		})
	}
}
