package i18n_test

import (
	"strings"
	"testing"

	"branchcheck/checklist"
	"branchcheck/i18n"
)

func TestFromEnv(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want i18n.Lang
	}{
		{"Nothing", nil, i18n.Chinese},
		{"EnglishLang", map[string]string{"LANG": "en_US.UTF-8"}, i18n.English},
		{"ChineseLang", map[string]string{"LANG": "zh_CN.UTF-8"}, i18n.Chinese},
		{"CLocale", map[string]string{"LANG": "C.UTF-8"}, i18n.Chinese},
		{"LCAllWins", map[string]string{"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, i18n.Chinese},
		{"LCAllEnglish", map[string]string{"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, i18n.English},
		{"BareEn", map[string]string{"LANG": "en"}, i18n.English},
		{"NotEnglishJustE", map[string]string{"LANG": "es_ES.UTF-8"}, i18n.Chinese},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := i18n.FromEnv(func(k string) string { return tt.env[k] }); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestParse(t *testing.T) {
	for in, want := range map[string]i18n.Lang{"zh": i18n.Chinese, "EN": i18n.English, "en": i18n.English} {
		if got, err := i18n.Parse(in); err != nil || got != want {
			t.Errorf("Parse(%q) = %v %v", in, got, err)
		}
	}
	_, err := i18n.Parse("fr")
	if err == nil {
		t.Fatal("Parse(fr) accepted")
	}
	// The value quoted full-width in Chinese, in ASCII quotes in English.
	if zh, en := i18n.Chinese.Error(err), i18n.English.Error(err); zh != "没有这种语言：“fr”；应为 zh（中文）或 en（英文）" || en != `language "fr": expected zh or en` {
		t.Errorf("Parse(fr): %s / %s", zh, en)
	}
}

func TestLabels(t *testing.T) {
	scale := checklist.DefaultStandard().Stars
	tests := []struct{ got, want string }{
		{i18n.Stars(4, 5), "★★★★☆"},
		{i18n.Stars(0, 5), "☆☆☆☆☆"},
		{i18n.Stars(7, 5), "★★★★★"},
		{i18n.Numeral(3), "三"},
		{i18n.Numeral(10), "十"},
		{i18n.Numeral(12), "十二"},
		{i18n.Numeral(40), "四十"},
		{i18n.Numeral(42), "四十二"},
		{i18n.Chinese.LaggingRule(scale), "三星及以下为落后党支部，实行一票否决"},
		{i18n.English.LaggingRule(scale), "3 stars or fewer: lagging branch (落后党支部), one-vote veto"},
		{i18n.Chinese.Scale(scale), "五星≥90分 四星≥80分 三星≥70分 二星≥60分 一星<60分"},
		{i18n.English.Scale(scale), "5 stars ≥90, 4 stars ≥80, 3 stars ≥70, 2 stars ≥60, 1 star <60"},
		{i18n.Chinese.Verdict(checklist.PartlyMet), "部分符合"},
		{i18n.English.Verdict(checklist.Unanswered), "unanswered"},
		{i18n.Chinese.Status(checklist.Finalized), "已定稿"},
		{i18n.Chinese.LaggingBound(scale), "三星及以下为落后党支部"},
		{i18n.Chinese.VetoRule(scale), "否决项不符合的，最高评为二星"},
		{i18n.Chinese.LaggingMark(checklist.Score{Lagging: true}), "是，各类综合评比一票否决"},
		{i18n.Chinese.LaggingMark(checklist.Score{}), ""},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

// TestVetoScope: the lagging branch's veto is stated with the speech's
// scope (in the bureau's comprehensive evaluations), and as no veto item
// of the checklist.
func TestVetoScope(t *testing.T) {
	for l, wants := range map[i18n.Lang][]string{
		i18n.Chinese: {"在各类综合评比中实行一票否决", "不是检查条目中的否决项", "不改变得分和星级"},
		i18n.English: {"in all comprehensive evaluations", "not a veto item of the checklist", "changes no points or stars"},
	} {
		for _, w := range wants {
			if !strings.Contains(l.LaggingVeto(), w) {
				t.Errorf("%s: %q does not say %q", l, l.LaggingVeto(), w)
			}
		}
	}
}

// TestDefaultsNote: a shipped standard's defaults are labelled, in words
// for a bureau, naming each default; a bureau's own standard gets no such
// caveat.
func TestDefaultsNote(t *testing.T) {
	std := checklist.DefaultStandard()
	for _, w := range []string{"星级档次", "每要20分", "分值相同", "部分符合计一半分", "本软件的默认设置", "讲话没有规定"} {
		if !strings.Contains(i18n.Chinese.DefaultsNote(std), w) {
			t.Errorf("the defaults note does not say %q", w)
		}
	}
	if n := i18n.English.DefaultsNote(std); !strings.Contains(n, "this program's defaults") {
		t.Errorf("English defaults note %q", n)
	}
	std.ID = "county-2027"
	if n := i18n.Chinese.DefaultsNote(std); n != "" {
		t.Errorf("a bureau's standard gets the caveat %q", n)
	}
	if n := i18n.Chinese.DefaultsNote(nil); n != "" {
		t.Errorf("no standard: %q", n)
	}
}

func TestRectificationWords(t *testing.T) {
	d := func(s string) checklist.Date {
		v, err := checklist.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	open := checklist.Rectification{FoundOn: d("2026-03-10"), DueBy: d("2026-04-09")}
	reported := open
	reported.Actions.ReportedOn = d("2026-04-20")
	closed := open
	closed.ClosedIn, closed.ClosedOn = "v2", d("2026-05-01")
	withdrawn := open
	withdrawn.Withdrawn = true
	today := d("2026-04-21")
	for _, tt := range []struct{ got, want string }{
		{i18n.Chinese.RectState(&open, today), "逾期 12 天"},
		{i18n.English.RectState(&open, today), "12 days overdue"},
		{i18n.English.RectState(&open, d("2026-04-10")), "1 day overdue"},
		{i18n.Chinese.RectState(&open, d("2026-04-09")), "待整改"},
		{i18n.Chinese.RectState(&reported, today), "已整改待复查"},
		{i18n.Chinese.RectState(&closed, today), "已销号"},
		{i18n.English.RectState(&withdrawn, today), "withdrawn"},
		{i18n.Chinese.RectView(checklist.ViewOpen), "未销号"},
		{i18n.English.RectView(checklist.ViewAll), "all"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

// TestCount: a count says its number alone for the Chinese (%d) and its
// English noun, singular for one, for the English (%s), from the same
// arguments.
func TestCount(t *testing.T) {
	text := checklist.Text{ZH: "学校 %d 所，审计记录 %d 条；逾期 %3d 天", EN: "%s, %s; %v overdue"}
	for _, tt := range []struct {
		n      int
		zh, en string
	}{
		{0, "学校 0 所，审计记录 0 条；逾期   0 天", "0 schools, 0 audit entries; 0 days overdue"},
		{1, "学校 1 所，审计记录 1 条；逾期   1 天", "1 school, 1 audit entry; 1 day overdue"},
		{2, "学校 2 所，审计记录 2 条；逾期   2 天", "2 schools, 2 audit entries; 2 days overdue"},
		{21, "学校 21 所，审计记录 21 条；逾期  21 天", "21 schools, 21 audit entries; 21 days overdue"},
	} {
		args := []any{i18n.Counted(tt.n, "school", "schools"), i18n.Counted(tt.n, "audit entry", "audit entries"), i18n.Counted(tt.n, "day", "days")}
		if got := i18n.Chinese.Sprintf(text.ZH, text.EN, args...); got != tt.zh {
			t.Errorf("%d in Chinese: %q, want %q", tt.n, got, tt.zh)
		}
		if got := i18n.English.Sprintf(text.ZH, text.EN, args...); got != tt.en {
			t.Errorf("%d in English: %q, want %q", tt.n, got, tt.en)
		}
		if got := checklist.Errorf(nil, text, args...).Say(false, i18n.English.Error); got != tt.en {
			t.Errorf("%d in an English message: %q, want %q", tt.n, got, tt.en)
		}
	}
}
