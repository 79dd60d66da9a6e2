package report_test

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/report"
)

// papers writes the county's papers to send upward into dir: the year's
// ratings (HTML, XLSX) and the feedback sheets (HTML, XLSX) of 城关中学,
// compared with its visit of the year before, and of 东河小学, a weak
// school with 42 items to fix whose table runs over a page. It returns
// the files by name.
func papers(t *testing.T, dir string) map[string]string {
	t.Helper()
	c := newCounty()
	m := meta(i18n.Chinese)
	m.LastYear = c.ratingLastYear(t)
	yr := c.rating(t)
	school := func(id string) checklist.School {
		for _, s := range c.schools {
			if s.ID == id {
				return s
			}
		}
		t.Fatalf("no school %s", id)
		return checklist.School{}
	}
	visit := func(id string) *checklist.Inspection {
		for _, v := range c.visits {
			if v.ID == id {
				return v
			}
		}
		t.Fatalf("no visit %s", id)
		return nil
	}
	// The weak school's sheet gives each problem its deadline and the
	// person responsible, as the command line does.
	dh1 := school("s-dh1")
	sr := checklist.NewSchoolRectifications(dh1, c.rectifications(t)[dh1.ID], map[string]*checklist.Standard{c.std.ID: c.std, c.old.ID: c.old}, today)
	given := map[string]report.Rectification{}
	for id, e := range sr.OfVisit(visit("v-2026-dh1")) {
		given[id] = report.Rectification{Deadline: e.Deadline(), Responsible: e.Responsible()}
	}
	feedback := map[string]report.Feedback{
		"feedback": {School: school("s-cgz"), Visit: visit("v-2026-cgz"), Standard: c.std, Previous: c.previous, PreviousStandard: c.old},
		"weak":     {School: dh1, Visit: visit("v-2026-dh1"), Standard: c.std, Rectifications: given},
	}
	ledger := c.ledger(t, checklist.RectFilter{View: checklist.ViewAll})
	out := map[string]string{}
	for _, f := range []report.Format{report.HTML, report.XLSX} {
		write := func(name string, w func(io.Writer) error) {
			var b bytes.Buffer
			if err := w(&b); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, name+"."+string(f))
			if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			out[name+"."+string(f)] = path
		}
		write("ratings", func(w io.Writer) error { return report.WriteRatings(w, f, yr, m) })
		write("ledger", func(w io.Writer) error { return report.WriteRectifications(w, f, ledger, m) })
		for name, fb := range feedback {
			write(name, func(w io.Writer) error { return report.WriteFeedback(w, f, fb, m) })
		}
	}
	return out
}

// renderDir is where the papers are written: $BRANCHCHECK_RENDER_DIR to
// keep them (for a look, or the README's screenshots), else a temporary
// folder.
func renderDir(t *testing.T) string {
	if d := os.Getenv("BRANCHCHECK_RENDER_DIR"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// twoDecimals matches a number as the printed tables show scores.
var twoDecimals = regexp.MustCompile(`^\d+\.\d\d$`)

// TestPapersInTheFiles checks, in the files as written, that each paper
// to send upward has its title, its 填报单位 (or 检查单位), its signature
// lines and the place for the seal, page numbers in print, and scores in
// one number format (0.00); the XLSX read back with excelize.
func TestPapersInTheFiles(t *testing.T) {
	files := papers(t, renderDir(t))
	htmlWants := map[string][]string{
		"ratings.html": {"<h1>2026年度星级党支部评比汇总表</h1>", "<b>填报单位</b>：示例县教育局党委", "size: A4 landscape",
			"填表人：", "审核人：", "负责人：", "填报日期：", "（公章）", ">上年星级</th>", ">较上年</th>"},
		"feedback.html": {"<h1>检查反馈单</h1>", "<b>检查单位</b>：示例县教育局党委", "size: A4 portrait",
			"检查组（签名）：", "学校党组织书记（签名）：", "日期：", "（公章）", ">整改期限</th>", ">责任人</th>", "签收人（签名）：", "签收日期："},
		"ledger.html": {"<h1>党支部建设检查整改台账（全部）</h1>", "<b>填报单位</b>：示例县教育局党委", "<b>截至日期</b>：2026-12-20", "size: A4 landscape",
			"填表人：", "审核人：", "负责人：", "填报日期：", "（公章）", ">反弹次数</th>", `<tr class="overdue">`, `<tr class="closed">`, `<td class="flag">逾期382天</td>`},
	}
	for name, wants := range htmlWants {
		b, err := os.ReadFile(files[name])
		if err != nil {
			t.Fatal(err)
		}
		page := string(b)
		for _, w := range append(wants, `@bottom-center { content: "第" counter(page) "页 共" counter(pages) "页"`,
			"thead { display: table-header-group }") {
			if !strings.Contains(page, w) {
				t.Errorf("%s lacks %q", name, w)
			}
		}
		if strings.Contains(page, "branchcheck.db") || strings.Contains(page, "wuyao-") || strings.Contains(page, "v-2026") {
			t.Errorf("%s prints an internal id or the database path", name)
		}
		for _, m := range regexp.MustCompile(`<td class="num">([^<]*)</td>`).FindAllStringSubmatch(page, -1) {
			if v := m[1]; v != "" && v != "不适用" && !twoDecimals.MatchString(v) && !regexp.MustCompile(`^\d+$`).MatchString(v) {
				t.Errorf("%s: a number %q not in the one format 0.00", name, v)
			}
		}
	}

	// The workbook: the title, 填报单位, the header frozen, filtered and
	// repeated, the page number in each footer, every score 0.00, dates as
	// dates, the signature lines and the seal.
	f, err := excelize.OpenFile(files["ratings.xlsx"])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const sheet = "星级评定汇总"
	rows, _ := f.GetRows(sheet)
	if rows[0][0] != "2026年度星级党支部评比汇总表" || rows[1][0] != "填报单位：示例县教育局党委" || rows[2][0] != "序号" {
		t.Errorf("the sheet starts %q / %q / %q", rows[0], rows[1], rows[2])
	}
	all := strings.Join(flatten(rows), "|")
	for _, w := range []string{"填表人：", "审核人：", "负责人：", "填报日期：", "（公章）"} {
		if !strings.Contains(all, w) {
			t.Errorf("the summary sheet lacks %q", w)
		}
	}
	if strings.Contains(all, "branchcheck.db") || strings.Contains(all, "wuyao-") {
		t.Error("the summary sheet prints an internal id or the database path")
	}
	for _, s := range f.GetSheetList() {
		hf, err := f.GetHeaderFooter(s)
		if err != nil || hf == nil || hf.OddFooter != "&C第&P页 共&N页" {
			t.Errorf("sheet %s footer %+v %v: want the page number", s, hf, err)
		}
	}
	if p, _ := f.GetPanes(sheet); !p.Freeze || p.YSplit != 3 || p.TopLeftCell != "A4" {
		t.Errorf("panes %+v: want the header row (3) frozen", p)
	}
	names := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		names[dn.Name+"@"+dn.Scope] = dn.RefersTo
	}
	if got := names["_xlnm.Print_Titles@"+sheet]; got != "'"+sheet+"'!$3:$3" {
		t.Errorf("print titles %q; defined names %v", got, names)
	}
	if got := names["_xlnm._FilterDatabase@"+sheet]; got != "'"+sheet+"'!$A$3:$R$9" {
		t.Errorf("filter %q; defined names %v", got, names)
	}
	lag := findRow(rows, 1, "城关中学")
	for col, want := range map[int]string{8: "16.67", 13: "70.24", 9: "13.33"} {
		ref := cellRef(col, lag)
		if v, _ := f.GetCellValue(sheet, ref); v != want {
			t.Errorf("%s shows %q, want %q", ref, v, want)
		}
		if fmtOf(t, f, sheet, ref) != 2 {
			t.Errorf("%s: number format %d, want 0.00 (2)", ref, fmtOf(t, f, sheet, ref))
		}
	}
	top := findRow(rows, 1, "城关第一小学")
	if v, _ := f.GetCellValue(sheet, cellRef(13, top)); v != "100.00" {
		t.Errorf("100 points show as %q, want 100.00", v)
	}
	if raw, _ := f.GetCellValue(sheet, cellRef(6, lag), excelize.Options{RawCellValue: true}); raw != "46310" {
		t.Errorf("the visit date is stored as %q, want the date serial 46310 (2026-10-15)", raw)
	}
	if v, _ := f.GetCellValue(sheet, cellRef(6, lag)); v != "2026-10-15" {
		t.Errorf("the visit date shows %q", v)
	}

	fb, err := excelize.OpenFile(files["feedback.xlsx"])
	if err != nil {
		t.Fatal(err)
	}
	defer fb.Close()
	frows, _ := fb.GetRows("检查反馈单")
	fall := strings.Join(flatten(frows), "|")
	for _, w := range []string{"检查反馈单", "检查单位：示例县教育局党委", "检查组（签名）：", "学校党组织书记（签名）：", "日期：", "（公章）", "整改期限", "责任人"} {
		if !strings.Contains(fall, w) {
			t.Errorf("the feedback sheet lacks %q", w)
		}
	}
	if lay, _ := fb.GetPageLayout("检查反馈单"); lay.Orientation == nil || *lay.Orientation != "portrait" {
		t.Errorf("feedback sheet layout %+v: want portrait", lay)
	}
}

// flatten lists every cell of some rows.
func flatten(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}

// fmtOf is a cell's number format id.
func fmtOf(t *testing.T, f *excelize.File, sheet, ref string) int {
	t.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return st.NumFmt
}

// TestPapersRendered renders the papers as they print: the HTML through
// headless Chromium to PDF, the XLSX through LibreOffice to PDF, and reads
// the PDFs' text back with pdftotext. Every page has its number, and the
// title, 填报单位 and signature lines are on the paper. It is skipped where
// the programs are missing (see RENDERING.md to install them).
func TestPapersRendered(t *testing.T) {
	if testing.Short() {
		t.Skip("renders with Chromium and LibreOffice")
	}
	chromium, soffice, pdftotext := lookPath("chromium", "chromium-browser", "google-chrome"), lookPath("soffice", "libreoffice"), lookPath("pdftotext")
	if pdftotext == "" || (chromium == "" && soffice == "") {
		t.Skip("needs pdftotext and Chromium or LibreOffice (see report/RENDERING.md)")
	}
	dir := renderDir(t)
	files := papers(t, dir)
	wants := map[string][]string{
		"ratings":  {"2026年度星级党支部评比汇总表", "填报单位", "示例县教育局党委", "填表人", "审核人", "负责人", "填报日期", "公章", "70.24", "100.00"},
		"feedback": {"检查反馈单", "检查单位", "检查组（签名）", "学校党组织书记（签名）", "公章", "16.67"},
		"weak":     {"检查反馈单", "整改期限", "责任人", "5.2.8", "公章", "2026-10-22", "签收人（签名）"},
		"ledger":   {"党支部建设检查整改台账", "填报单位", "截至日期", "逾期382天", "已整改待复查", "反弹次数", "填表人", "公章"},
	}
	for name, want := range wants {
		for _, f := range []string{"html", "xlsx"} {
			src := files[name+"."+f]
			t.Run(name+"."+f, func(t *testing.T) {
				var pdf string
				switch {
				case f == "html" && chromium != "":
					pdf = strings.TrimSuffix(src, ".html") + "-html.pdf"
					run(t, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
						"--disable-component-update", "--disable-sync", "--user-data-dir="+t.TempDir(), "--no-pdf-header-footer",
						"--print-to-pdf="+pdf, "file://"+src)
				case f == "xlsx" && soffice != "":
					out := t.TempDir()
					run(t, soffice, "-env:UserInstallation=file://"+t.TempDir(), "--headless", "--convert-to", "pdf", "--outdir", out, src)
					pdf = strings.TrimSuffix(src, ".xlsx") + "-xlsx.pdf"
					if err := os.Rename(filepath.Join(out, name+".pdf"), pdf); err != nil {
						t.Fatal(err)
					}
				default:
					t.Skip("no program to render " + f)
				}
				txt := run(t, pdftotext, "-layout", pdf, "-")
				pages := strings.Split(strings.TrimRight(txt, "\f\n"), "\f")
				for i, p := range pages {
					num := regexp.MustCompile(`第\s*` + strconv.Itoa(i+1) + `\s*页\s*共\s*` + strconv.Itoa(len(pages)) + `\s*页`)
					if !num.MatchString(p) {
						t.Errorf("page %d of %d has no page number 第%d页 共%d页", i+1, len(pages), i+1, len(pages))
					}
				}
				flat := strings.Join(strings.Fields(txt), "")
				for _, w := range want {
					if !strings.Contains(flat, strings.Join(strings.Fields(w), "")) {
						t.Errorf("the printed paper lacks %q", w)
					}
				}
				if name == "weak" && len(pages) < 2 {
					t.Errorf("the weak school's sheet is %d page(s); its 42 items should run over a page", len(pages))
				}
			})
		}
	}
}

func lookPath(names ...string) string {
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	return ""
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", filepath.Base(name), err, errb.String())
	}
	return out.String()
}
