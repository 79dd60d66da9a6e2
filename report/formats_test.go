package report_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"html"
	"io"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/report"
)

func TestParseFormat(t *testing.T) {
	tests := []struct {
		in   string
		want report.Format
		err  bool
	}{
		{"table", report.Table, false},
		{"csv", report.CSV, false},
		{"XLSX", report.XLSX, false},
		{" md ", report.Markdown, false},
		{"markdown", report.Markdown, false},
		{"html", report.HTML, false},
		{"htm", report.HTML, false},
		{"json", report.JSON, false},
		{"pdf", "", true},
		{"", "", true},
	}
	for _, tt := range tests {
		got, err := report.ParseFormat(tt.in)
		if got != tt.want || (err != nil) != tt.err {
			t.Errorf("ParseFormat(%q) = %q, %v", tt.in, got, err)
		}
		if tt.err && !errors.Is(err, report.ErrFormat) {
			t.Errorf("ParseFormat(%q): error %v is not ErrFormat", tt.in, err)
		}
	}
	if _, err := report.ParseFormat("pdf"); err == nil || !strings.Contains(err.Error(), "table, csv, xlsx, md, html or json") {
		t.Errorf("error %v does not list the formats", err)
	}
}

func TestRefusals(t *testing.T) {
	c := newCounty()
	yr := c.rating(t)
	cgz := c.visits[3] // 城关中学 2026
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"UnknownFormat", report.WriteRatings(io.Discard, "pdf", yr, meta(i18n.Chinese)), "unsupported export format"},
		{"NoYear", report.WriteRatings(io.Discard, report.CSV, nil, meta(i18n.Chinese)), "no year rating"},
		{"FeedbackAsCSV", report.WriteFeedback(io.Discard, report.CSV, report.Feedback{School: c.schools[1], Visit: cgz, Standard: c.std}, meta(i18n.Chinese)), "expected md, html, xlsx or table"},
		{"NoVisit", report.WriteFeedback(io.Discard, report.HTML, report.Feedback{School: c.schools[1], Standard: c.std}, meta(i18n.Chinese)), "no visit"},
		{"WrongStandard", report.WriteFeedback(io.Discard, report.HTML, report.Feedback{School: c.schools[1], Visit: cgz, Standard: c.veto}, meta(i18n.Chinese)), "made under standard " + checklist.DefaultStandardID + ", but standard wuyao-2026-veto"},
		{"WrongSchool", report.WriteFeedback(io.Discard, report.HTML, report.Feedback{School: c.schools[0], Visit: cgz, Standard: c.std}, meta(i18n.Chinese)), "is of school s-cgz"},
		{"PreviousStandardMissing", report.WriteFeedback(io.Discard, report.HTML, report.Feedback{School: c.schools[1], Visit: cgz, Standard: c.std, Previous: c.previous}, meta(i18n.Chinese)), "its standard wuyao-2025 was not given"},
		{"PreviousDraft", report.WriteFeedback(io.Discard, report.HTML, report.Feedback{School: c.schools[2], Visit: c.draft, Standard: c.std, Previous: c.draft}, meta(i18n.Chinese)), "is a draft"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.err == nil || !strings.Contains(tt.err.Error(), tt.want) {
				t.Errorf("error %v, want one saying %q", tt.err, tt.want)
			}
		})
	}
}

// write writes the county's ratings in a format and language.
func write(t *testing.T, f report.Format, l i18n.Lang, yr *checklist.YearRating) string {
	t.Helper()
	var b bytes.Buffer
	if err := report.WriteRatings(&b, f, yr, meta(l)); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestEveryFormat: in every format the school without a finalized visit is
// there as 未评定, the capped school shows its capped stars and the veto
// item in a column of its own, and the rules are stated: the lagging bound,
// the lagging branch's veto with its scope, the standard's own veto rule,
// the program's defaults. Only what is not printed names the database.
func TestEveryFormat(t *testing.T) {
	yr := newCounty().rating(t)
	std := checklist.DefaultStandard()
	for _, f := range []report.Format{report.Table, report.CSV, report.Markdown, report.HTML} {
		for _, l := range []i18n.Lang{i18n.Chinese, i18n.English} {
			t.Run(string(f)+"/"+string(l), func(t *testing.T) {
				out := write(t, f, l, yr)
				wants := []string{"城关镇实验幼儿园", l.NotRated(), "★★☆☆☆ 2", l.Pick("5.1.3不符合，由五星降为二星", "5.1.3 not met: 5 stars capped to 2"),
					l.LaggingBound(std.Stars), l.LaggingVeto(), l.DefaultsNote(std), l.VetoRule(std.Stars), l.LaggingMark(checklist.Score{Lagging: true}),
					"2026", "70.24", "100.00"}
				printed := f == report.HTML || f == report.Markdown
				if !printed {
					wants = append(wants, "/home/inspector/.local/share/branchcheck/branchcheck.db", "wuyao-2026-veto")
				}
				for _, w := range wants {
					switch f {
					case report.HTML:
						w = html.EscapeString(w)
					case report.Markdown:
						w = strings.ReplaceAll(w, "<", `\<`)
					}
					if !strings.Contains(out, w) {
						t.Errorf("no %q", w)
					}
				}
				if printed && (strings.Contains(out, "branchcheck.db") || strings.Contains(out, "wuyao-")) {
					t.Error("a printed page names the database or a standard's id")
				}
			})
		}
	}
	t.Run("xlsx", func(t *testing.T) {
		f, _ := openXLSX(t, func(w io.Writer) error { return report.WriteRatings(w, report.XLSX, yr, meta(i18n.Chinese)) })
		rows, _ := f.GetRows("星级评定汇总")
		if findRow(rows, 13, "未评定") == 0 || findRow(rows, 13, "★★☆☆☆ 2") == 0 || findRow(rows, 15, "5.1.3不符合，由五星降为二星") == 0 {
			t.Error("no 未评定 or capped row")
		}
	})
	t.Run("json", func(t *testing.T) {
		var got report.JSONRatings
		if err := json.Unmarshal([]byte(write(t, report.JSON, i18n.Chinese, yr)), &got); err != nil {
			t.Fatal(err)
		}
		var seen int
		for _, r := range got.Rows {
			switch r.School.Name {
			case "城关镇实验幼儿园":
				seen++
				if r.Rated || r.Total != nil || r.Stars != nil || r.Visit != nil {
					t.Errorf("not rated row %+v", r)
				}
			case "东河中学":
				seen++
				if *r.Stars != 2 || !r.Lagging || len(r.VetoItems) != 1 || r.VetoItems[0] != "5.1.3" {
					t.Errorf("capped row %+v", r)
				}
			case "城关第一小学":
				seen++
				if r.Requirements[1].Points != nil || *r.Requirements[0].Points != 20 {
					t.Errorf("二要 all not applicable: %+v", r.Requirements)
				}
			}
		}
		if seen != 3 || got.Counts.NotRated != 1 || got.Counts.Lagging != 3 || len(got.Standards) != 2 {
			t.Errorf("rows seen %d, counts %+v, %d standards", seen, got.Counts, len(got.Standards))
		}
		// The program's defaults are labelled for the shipped standard
		// only; the lagging veto is stated with its scope for each.
		shipped, own := got.Standards[0], got.Standards[1]
		if !shipped.SoftwareDefaults || !strings.Contains(shipped.DefaultsNote, "本软件的默认设置") || shipped.DefaultsNoteEN == "" {
			t.Errorf("shipped standard %+v: the defaults are not labelled", shipped)
		}
		if own.SoftwareDefaults || own.DefaultsNote != "" || len(own.VetoItems) != 1 {
			t.Errorf("the veto standard %+v is labelled as the program's defaults", own)
		}
		if !strings.Contains(own.LaggingVeto, "在各类综合评比中实行一票否决") || !strings.Contains(own.LaggingVeto, "不是检查条目中的否决项") {
			t.Errorf("lagging veto %q", own.LaggingVeto)
		}
		if got.Bureau != "示例县教育局党委" || got.LastYear != 0 || got.Rows[0].PreviousStars != nil {
			t.Errorf("bureau %q, last year %d, previous stars %v", got.Bureau, got.LastYear, got.Rows[0].PreviousStars)
		}
	})
}

func TestCSV(t *testing.T) {
	yr := newCounty().rating(t)
	out := write(t, report.CSV, i18n.Chinese, yr)
	if !strings.HasPrefix(out, "\uFEFF") {
		t.Error("no UTF-8 byte order mark")
	}
	if strings.Count(out, "\n") != strings.Count(out, "\r\n") || !strings.HasSuffix(out, "\r\n") {
		t.Error("a line does not end in CRLF")
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatalf("encoding/csv cannot read it back: %v", err)
	}
	if recs[0][0] != "序号" || recs[0][13] != "星级" || recs[0][14] != "落后党支部" || recs[0][15] != "否决项" || len(recs[0]) != 16 {
		t.Errorf("header %q", recs[0])
	}
	if recs[2][1] != "城关中学" || recs[2][12] != "70.24" || recs[2][14] != "是，各类综合评比一票否决" || recs[2][15] != "" {
		t.Errorf("row 2 %q", recs[2])
	}
	if recs[1][12] != "100.00" || recs[5][15] != "5.1.3不符合，由五星降为二星" {
		t.Errorf("scores or the veto column: %q %q", recs[1], recs[5])
	}
	if recs[7][0] != "" || recs[8][0] != "填报单位" || recs[9][0] != "年度" || recs[9][1] != "2026" {
		t.Errorf("the statements do not follow the table after a blank row: %q %q %q", recs[7], recs[8], recs[9])
	}
}

func TestHTML(t *testing.T) {
	c := newCounty()
	yr := c.rating(t)
	var fb bytes.Buffer
	if err := report.WriteFeedback(&fb, report.HTML, report.Feedback{School: c.schools[1], Visit: c.visits[3], Standard: c.std,
		Previous: c.previous, PreviousStandard: c.old}, meta(i18n.Chinese)); err != nil {
		t.Fatal(err)
	}
	external := regexp.MustCompile(`(?i)(src|href)\s*=|url\(|@import|https?://`)
	for name, page := range map[string]string{"ratings": write(t, report.HTML, i18n.Chinese, yr), "feedback": fb.String()} {
		t.Run(name, func(t *testing.T) {
			if m := external.FindString(page); m != "" {
				t.Errorf("refers to something outside the page: %q", m)
			}
			if strings.Contains(strings.ToLower(page), "<script") {
				t.Error("has a script")
			}
			for _, want := range []string{"@page { size: A4 ", "thead { display: table-header-group }",
				"break-inside: avoid", `<meta charset="utf-8">`, `"Noto Sans CJK SC"`} {
				if !strings.Contains(page, want) {
					t.Errorf("lacks %q", want)
				}
			}
		})
	}
	// A lagging row is marked by a class and by its text.
	lagging := regexp.MustCompile(`<tr class="lagging">.*城关中学.*<td class="long flag">是，各类综合评比一票否决</td>`)
	if !lagging.MatchString(write(t, report.HTML, i18n.Chinese, yr)) {
		t.Error("the lagging row is not marked by class and text")
	}
	if !strings.Contains(fb.String(), `<tr class="worse"><td>五要</td><td>5.2.2</td>`) || !strings.Contains(fb.String(), `<tr class="improved"><td>三要</td><td>3.3</td>`) {
		t.Error("feedback: changed items not marked")
	}
}

// TestTableAlignment: every line of the terminal table starts its stars
// column at the same display column, Chinese text counted two cells wide.
func TestTableAlignment(t *testing.T) {
	yr := newCounty().rating(t)
	for _, l := range []i18n.Lang{i18n.Chinese, i18n.English} {
		out := write(t, report.Table, l, yr)
		lines := strings.Split(out, "\n")
		rule := regexp.MustCompile(`^-+(  -+)+$`)
		start := -1
		for i, ln := range lines {
			if rule.MatchString(ln) {
				start = i - 1
				break
			}
		}
		if start < 0 {
			t.Fatalf("%s: no table rule in\n%s", l, out)
		}
		col := -1
		for _, ln := range lines[start : start+2+len(yr.Ratings)] {
			i := strings.LastIndex(ln, "  ") + 2
			if strings.ContainsAny(ln, "★☆") {
				i = strings.IndexAny(ln, "★☆")
			}
			at := cells(ln[:i])
			if col < 0 {
				col = at
			} else if at != col {
				t.Errorf("%s: stars column at %d, not %d:\n%s", l, at, col, ln)
			}
		}
	}
}

// cells counts terminal cells independently of the package: a Han
// character or a fullwidth form takes two, anything else one.
func cells(s string) int {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) || (r >= 0xFF00 && r <= 0xFFEF) {
			n += 2
		} else {
			n++
		}
	}
	return n
}

func TestDisplayWidth(t *testing.T) {
	for s, want := range map[string]int{"abc": 3, "党员活动室": 10, "★★★☆☆": 5, "，（": 4, "e\u0301": 1, "": 0, "不适用 n/a": 10} {
		if got := report.DisplayWidth(s); got != want {
			t.Errorf("DisplayWidth(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestPure: report writes to an io.Writer; it imports no storage or
// terminal library and does not open files itself.
func TestPure(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "branchcheck/report").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, f := range []string{"go.etcd.io/bbolt", "charm.land/", "github.com/charmbracelet/", "branchcheck/store", "branchcheck/tui", "branchcheck/outfile"} {
			if strings.HasPrefix(dep, f) {
				t.Errorf("report depends on %s", dep)
			}
		}
	}
	out, err = exec.Command("go", "list", "-f", `{{join .Imports " "}}`, "branchcheck/report").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, imp := range strings.Fields(string(out)) {
		if imp == "os" || imp == "path/filepath" {
			t.Errorf("report imports %s", imp)
		}
	}
}
