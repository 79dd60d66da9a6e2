package report_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/report"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata from the current output")

// golden compares got with testdata/NAME.golden, or rewrites the file
// with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test ./report -update rewrites it):\n%s", path, firstDiff(string(want), string(got)))
	}
}

// firstDiff shows the first line where two texts differ.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\nwant: " + w + "\ngot:  " + g
		}
	}
	return "(same lines, different bytes)"
}

func TestRatingsGolden(t *testing.T) {
	c := newCounty()
	all := c.rating(t)
	last := c.ratingLastYear(t)
	donghe := all.InTownship("东河乡")
	// A year in which no school has a finalized visit: no standard at all.
	empty, err := checklist.RateYear(2026, c.schools[2:3], []*checklist.Inspection{c.draft}, nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		format   report.Format
		lang     i18n.Lang
		yr       *checklist.YearRating
		township string
	}{
		{"ratings_zh.table", report.Table, i18n.Chinese, all, ""},
		{"ratings_en.table", report.Table, i18n.English, all, ""},
		{"ratings_zh.md", report.Markdown, i18n.Chinese, all, ""},
		{"ratings_en.md", report.Markdown, i18n.English, all, ""},
		{"ratings_zh.csv", report.CSV, i18n.Chinese, all, ""},
		{"ratings_en.csv", report.CSV, i18n.English, all, ""},
		{"ratings_zh.html", report.HTML, i18n.Chinese, all, ""},
		{"ratings_en.html", report.HTML, i18n.English, all, ""},
		{"ratings.json", report.JSON, i18n.Chinese, all, ""},
		{"ratings_donghe_zh.md", report.Markdown, i18n.Chinese, donghe, "东河乡"},
		{"ratings_donghe.json", report.JSON, i18n.Chinese, donghe, "东河乡"},
		{"ratings_empty_zh.table", report.Table, i18n.Chinese, empty, ""},
		{"ratings_empty_en.md", report.Markdown, i18n.English, empty, ""},
		{"ratings_empty.json", report.JSON, i18n.Chinese, empty, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := meta(tt.lang)
			m.Township = tt.township
			if tt.yr == empty {
				m.Bureau = "" // not set: a line to write it in
			} else {
				m.LastYear = last
			}
			var b bytes.Buffer
			if err := report.WriteRatings(&b, tt.format, tt.yr, m); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.name, b.Bytes())
		})
	}
}

func TestFeedbackGolden(t *testing.T) {
	c := newCounty()
	byID := map[string]*checklist.Inspection{}
	for _, v := range c.visits {
		byID[v.ID] = v
	}
	school := func(id string) checklist.School {
		for _, s := range c.schools {
			if s.ID == id {
				return s
			}
		}
		t.Fatalf("no school %s", id)
		return checklist.School{}
	}
	// 东河第二小学 was visited twice this year under the same standard.
	earlier := visit("v-2026-dh2-a", "s-dh2", c.std, "2026-04-02", checklist.Finalized, "王检查", answers(c.std, checklist.Met, map[string]answer{
		"3.3": notMet, "3.9": notMet, "4.2": notMet, "5.2.1": notMet, "5.2.4": notAppl,
	}))
	tests := []struct {
		name string
		lang i18n.Lang
		fb   report.Feedback
	}{
		// Compared with last year's visit under last year's standard.
		{"feedback_prev_zh", i18n.Chinese, report.Feedback{School: school("s-cgz"), Visit: byID["v-2026-cgz"], Standard: c.std,
			Previous: c.previous, PreviousStandard: c.old}},
		{"feedback_prev_en", i18n.English, report.Feedback{School: school("s-cgz"), Visit: byID["v-2026-cgz"], Standard: c.std,
			Previous: c.previous, PreviousStandard: c.old}},
		// Compared under the same standard, PreviousStandard left nil.
		{"feedback_same_zh", i18n.Chinese, report.Feedback{School: school("s-dh2"), Visit: byID["v-2026-dh2"], Standard: c.std, Previous: earlier}},
		// No previous visit; a veto item caps the stars.
		{"feedback_veto_zh", i18n.Chinese, report.Feedback{School: school("s-dhz"), Visit: byID["v-2026-dhz"], Standard: c.veto}},
		// A draft: provisional.
		{"feedback_draft_zh", i18n.Chinese, report.Feedback{School: school("s-cgy"), Visit: c.draft, Standard: c.std}},
		{"feedback_draft_en", i18n.English, report.Feedback{School: school("s-cgy"), Visit: c.draft, Standard: c.std}},
	}
	for _, tt := range tests {
		for _, f := range []report.Format{report.Markdown, report.HTML, report.Table} {
			name := tt.name + "." + string(f)
			t.Run(name, func(t *testing.T) {
				var b bytes.Buffer
				if err := report.WriteFeedback(&b, f, tt.fb, meta(tt.lang)); err != nil {
					t.Fatal(err)
				}
				golden(t, name, b.Bytes())
			})
		}
	}
}
