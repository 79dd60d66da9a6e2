package report_test

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"time"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/report"
)

// firstItems is the shipped standard cut to the first n items of its
// first requirement: a standard of n scored items.
func firstItems(n int) *checklist.Standard {
	std := checklist.DefaultStandard()
	r := std.Requirements[0]
	g := r.Groups[0]
	g.Items = g.Items[:n]
	r.Groups = []checklist.Group{g}
	std.Requirements = []checklist.Requirement{r}
	std.ID = "first-" + strconv.Itoa(n)
	return std
}

// TestFeedbackCountsInBothLanguages: what a feedback sheet counts is said
// in English with the noun singular for one and plural for two, and in
// Chinese with the same numbers: the banner of a draft and of a visit
// with items unanswered, the items left out of the comparison with the
// previous visit, and the items of a self-assessment still to assess.
func TestFeedbackCountsInBothLanguages(t *testing.T) {
	school := checklist.School{ID: "s-1", Name: "城关小学", Township: "城关镇", Secretary: "李书记"}
	at := time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)
	visit := func(std *checklist.Standard, id string, status checklist.Status, met int) *checklist.Inspection {
		v := &checklist.Inspection{ID: id, SchoolID: school.ID, StandardID: std.ID, Inspector: "何丽",
			Date: checklist.Date{Year: 2026, Month: 6, Day: 1}, Status: status, Answers: map[string]checklist.Answer{}}
		for _, it := range std.ScoredItems()[:met] {
			v.Answers[it.ID] = checklist.Answer{Verdict: checklist.Met, By: "何丽", At: at}
		}
		return v
	}
	sheet := func(n int, status checklist.Status, compared, self bool) func(l i18n.Lang) string {
		return func(l i18n.Lang) string {
			std := firstItems(n)
			fb := report.Feedback{School: school, Visit: visit(std, "v-now", status, 0), Standard: std}
			if compared {
				prev := visit(std, "v-before", checklist.Finalized, n)
				prev.Date.Year = 2025
				fb.Previous = prev
			}
			if self {
				fb.Visit = visit(std, "v-now", checklist.Finalized, n)
				sa, err := checklist.NewSelfAssessment(school.ID, 2026, std, at)
				if err != nil {
					t.Fatal(err)
				}
				if fb.Self, err = checklist.CompareSelf(std, sa, std, fb.Visit); err != nil {
					t.Fatal(err)
				}
			}
			var b bytes.Buffer
			if err := report.WriteFeedback(&b, report.Markdown, fb, meta(l)); err != nil {
				t.Fatal(err)
			}
			return b.String()
		}
	}
	for _, tt := range []struct {
		name   string
		sheet  func(i18n.Lang) string
		zh, en string
	}{
		{"Draft1", sheet(1, checklist.Draft, false, false), "（已答0/1项）",
			"(0 of 1 item answered)"},
		{"Draft2", sheet(2, checklist.Draft, false, false), "（已答0/2项）",
			"(0 of 2 items answered)"},
		{"Unanswered1", sheet(1, checklist.Finalized, false, false), "暂定：本次检查尚有1项未答，以下得分和星级可能改变。",
			"Provisional: this visit has 1 item unanswered; the points and stars below may still change."},
		{"Unanswered2", sheet(2, checklist.Finalized, false, false), "暂定：本次检查尚有2项未答，以下得分和星级可能改变。",
			"Provisional: this visit has 2 items unanswered; the points and stars below may still change."},
		{"NotCompared1", sheet(1, checklist.Finalized, true, false), "本次尚有1项未答，未与上次比较。",
			"1 item is not answered yet and left out of the comparison."},
		{"NotCompared2", sheet(2, checklist.Finalized, true, false), "本次尚有2项未答，未与上次比较。",
			"2 items are not answered yet and left out of the comparison."},
		{"SelfAssessed1", sheet(1, checklist.Finalized, false, true), "（0/1项已自评）",
			"(0 of 1 item assessed)"},
		{"SelfAssessed2", sheet(2, checklist.Finalized, false, true), "（0/2项已自评）",
			"(0 of 2 items assessed)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if zh := tt.sheet(i18n.Chinese); !strings.Contains(zh, tt.zh) {
				t.Errorf("the Chinese sheet does not say %q:\n%s", tt.zh, zh)
			}
			if en := tt.sheet(i18n.English); !strings.Contains(en, tt.en) {
				t.Errorf("the English sheet does not say %q:\n%s", tt.en, en)
			}
		})
	}
}

// TestYearEndCountsInBothLanguages: the year-end notes count the schools
// with a large gap and the schools changed since the confirmation, in
// English singular for one and plural for two.
func TestYearEndCountsInBothLanguages(t *testing.T) {
	one := newYearEndCounty(t) // one large gap (城关中学), one change (城关第一小学)
	two := newYearEndCounty(t)
	wide := *two.ye.Self["s-dh1"]
	wide.Large = true
	two.ye.Self["s-dh1"] = &wide
	for i := range two.ye.Stage.Named {
		if two.ye.Stage.Named[i].SchoolID == "s-dh1" {
			two.ye.Stage.Named[i].Total, two.ye.Stage.Named[i].Stars = 70, 3
		}
	}
	ratings := func(c *yearEndCounty, l i18n.Lang) string {
		var b bytes.Buffer
		if err := report.WriteRatings(&b, report.Markdown, c.yr, c.meta(l)); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	for _, tt := range []struct {
		name   string
		c      *yearEndCounty
		zh, en []string
	}{
		{"One", one, []string{"为差距大（1所）。", "1所学校的评定结果在确定后有修改"},
			[]string{"is a large gap (1 school).", "1 school's rating changed after the confirmation; the audit trail says why."}},
		{"Two", two, []string{"为差距大（2所）。", "2所学校的评定结果在确定后有修改"},
			[]string{"is a large gap (2 schools).", "2 schools' ratings changed after the confirmation; the audit trail says why."}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			zh, en := ratings(tt.c, i18n.Chinese), ratings(tt.c, i18n.English)
			for _, want := range tt.zh {
				if !strings.Contains(zh, want) {
					t.Errorf("the Chinese ratings do not say %q", want)
				}
			}
			for _, want := range tt.en {
				if !strings.Contains(en, want) {
					t.Errorf("the English ratings do not say %q", want)
				}
			}
		})
	}
}

// TestSelfFormProblemsCounted: a 自评表 refused says how many problems it
// has, in English singular for one.
func TestSelfFormProblemsCounted(t *testing.T) {
	std := countyStandard(t)
	for _, tt := range []struct {
		bad    []string
		zh, en string
	}{
		{[]string{"1.1"}, "自评表 表.xlsx 有 1 处问题，没有导入任何内容：", "the form 表.xlsx has 1 problem, nothing was imported: "},
		{[]string{"1.1", "1.2"}, "自评表 表.xlsx 有 2 处问题，没有导入任何内容：", "the form 表.xlsx has 2 problems, nothing was imported: "},
	} {
		f, _ := writeForm(t, std, i18n.Chinese, nil)
		sheet := f.GetSheetList()[0]
		for _, id := range tt.bad {
			f.SetCellValue(sheet, "F"+itoa(rowOf(t, f, sheet, id)), "还行")
		}
		var buf bytes.Buffer
		f.Write(&buf)
		d, err := report.ReadSelfForm("表.xlsx", &buf)
		if err != nil {
			t.Fatal(err)
		}
		_, err = d.Check(std, checklist.Date{Year: 2027, Month: 12, Day: 1})
		if zh := i18n.Chinese.Error(err); !strings.HasPrefix(zh, tt.zh) {
			t.Errorf("Chinese: %s\nwant it to begin %s", zh, tt.zh)
		}
		if en := i18n.English.Error(err); !strings.HasPrefix(en, tt.en) {
			t.Errorf("English: %s\nwant it to begin %s", en, tt.en)
		}
	}
}
