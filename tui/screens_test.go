package tui

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/store"
)

// visitedIn counts the schools with a visit dated in the year, and names
// those without.
func visitedIn(t *testing.T, st *store.Store, year int) (visited int, unvisited []checklist.School) {
	t.Helper()
	schools, err := st.Schools()
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range schools {
		vs, err := st.SchoolInspections(sc.ID)
		if err != nil {
			t.Fatal(err)
		}
		seen := false
		for _, v := range vs {
			seen = seen || v.Date.Year == year
		}
		if seen {
			visited++
		} else {
			unvisited = append(unvisited, sc)
		}
	}
	return visited, unvisited
}

// TestUnvisited: the progress line counts the schools visited this
// year; v keeps only those not yet visited; t shows the progress by
// township and picks one.
func TestUnvisited(t *testing.T) {
	st := openDemo(t)
	visited, unvisited := visitedIn(t, st, 2025)
	if len(unvisited) == 0 || visited == 0 {
		t.Fatalf("the demo has %d visited, %d not", visited, len(unvisited))
	}
	s := run(t, newModel(st, i18n.Chinese), 80, 24)
	s.waitLine(fmt.Sprintf(`2025 年已检查 %d/12 所，未检查 %d 所`, visited, len(unvisited)))
	s.press("v")
	s.waitLine(`只看本年未检查（v 取消）`)
	scr := s.waitLine(fmt.Sprintf(`1/%d`, len(unvisited)))
	for _, sc := range unvisited {
		if !hasLine(scr, regexp.MustCompile(`^(> )?`+regexp.QuoteMeta(sc.Name)+` `)) {
			t.Errorf("%s not listed:\n%s", sc.Name, scr)
		}
	}
	s.press("v")
	s.waitLine(`\d+/12`)

	// By township: the first township's schools.
	s.press("t")
	s.waitLine(`各乡镇本年检查进度（enter 看该乡镇的学校）`)
	s.waitLine(`乡镇 +已检查 +未检查`)
	s.waitLine(`> （全部乡镇）`)
	s.press("j", "enter")
	scr = s.waitLine(`乡镇：\S+（t 更换）`)
	town := regexp.MustCompile(`(?m)^乡镇：([^（\s]+)`).FindStringSubmatch(scr)[1]
	rows := regexp.MustCompile(`(?m)^(> |  )\S+ +(\S+) +(\d{4}-\d\d-\d\d|-) `).FindAllStringSubmatch(scr, -1)
	if len(rows) == 0 {
		t.Fatalf("no rows:\n%s", scr)
	}
	for _, r := range rows {
		if r[2] != town {
			t.Errorf("a school of %s under %s:\n%s", r[2], town, scr)
		}
	}
	s.press("t", "k", "enter") // up from the township chosen: 全部乡镇
	s.waitLine(`\d+/12`)
	s.quit("q")
}

// TestRatingsFollowScreen: the counts and the export follow the filter
// and the sort on screen; the year stops at the current one.
func TestRatingsFollowScreen(t *testing.T) {
	st := openDemo(t)
	var got *checklist.YearRating
	m := New(Options{Store: st, Lang: i18n.Chinese, Now: clock, NoColor: true, Ambiguous: AmbiguousNarrow,
		ExportRatings: func(yr *checklist.YearRating, l i18n.Lang, f string) (string, error) {
			got = yr
			return "/tmp/x." + f, nil
		}})
	d := drive(t, m, 80, 24)
	d.press("r", "]") // 2025 is this year: ] does nothing
	want := func(pattern string) {
		t.Helper()
		if !hasLine(d.screen(), regexp.MustCompile("^"+pattern+"$")) {
			t.Errorf("no line %s:\n%s", pattern, d.screen())
		}
	}
	want(`2025 年度星级评定  按乡镇排列`)
	d.press("?")
	if strings.Contains(d.screen(), "下一年") {
		t.Errorf("] offered in the current year:\n%s", d.screen())
	}
	d.press("?", "[")
	want(`2024 年度星级评定  按乡镇排列`)
	d.press("]")
	want(`2025 年度星级评定  按乡镇排列`)

	// Sort by the total, high to low, and keep the lagging.
	for range sortRequirement + 5 {
		d.press("l")
	}
	d.press("/", "落", "后", "enter")
	want(`筛选出 4 所：已评定 4 所  未评定 0 所  落后党支部 4 所`)
	d.press("x")
	want(`导出下表的 4 所（筛选“落后”，按总分降序），选择格式：`)
	d.press("x")
	want(`已导出 4 所（筛选“落后”，按总分降序）：/tmp/x\.xlsx`)
	if got == nil || len(got.Ratings) != 4 || got.Year != 2025 {
		t.Fatalf("exported %+v", got)
	}
	for i, rt := range got.Ratings {
		if !rt.Score.Lagging {
			t.Errorf("exported %s, not lagging", rt.School.Name)
		}
		if i > 0 && rt.Score.Total > got.Ratings[i-1].Score.Total {
			t.Errorf("exported out of the order shown: %v after %v", rt.Score.Total, got.Ratings[i-1].Score.Total)
		}
	}
}

// TestWalkWidens: the tree's items show more of their text in a wider
// window, and an item with a note is marked 注.
func TestWalkWidens(t *testing.T) {
	st := openStore(t)
	addSchool(t, st, "城关镇第一小学", "城关镇")
	d := drive(t, newModel(st, i18n.Chinese), 80, 24)
	d.press("enter", "n", "张", "enter", "enter", "e", "缺", "esc")
	item := regexp.MustCompile(`(?m)^> 1\.1 +\[ \] 注 (\S+)`)
	short := item.FindStringSubmatch(d.screen())
	if short == nil {
		t.Fatalf("no mark of the note on 1.1:\n%s", d.screen())
	}
	d.send(sizeMsg(160, 40))
	long := item.FindStringSubmatch(d.screen())
	if long == nil || len([]rune(long[1])) < 20 || len([]rune(long[1])) <= len([]rune(short[1])) {
		t.Errorf("at 160 columns the item reads %q, at 80 %q", long, short[1])
	}
}

// TestFold: search takes case, full-width forms and 台帐/台账 as one.
func TestFold(t *testing.T) {
	for _, tt := range []struct{ text, query string }{
		{"党员活动管理台帐", "台账"},
		{"党员活动管理台账", "台帐"},
		{"城关小学（分校）", "(分校)"},
		{"城关小学(分校)", "（分校）"},
		{"ＡＢＣ小学", "abc"},
		{"Abc 小学", "ＡＢＣ"},
		{"东　河", "东 河"},
	} {
		if !contains(tt.text, tt.query) {
			t.Errorf("%q does not find %q", tt.text, tt.query)
		}
	}
	if contains("党员花名册", "台账") {
		t.Error("台账 found in 党员花名册")
	}
}

// TestStandardSearchVariants: searching the standard for 台帐 finds the
// items spelled 台账 too, and the other way round.
func TestStandardSearchVariants(t *testing.T) {
	st := openStore(t)
	count := func(q string) int {
		d := drive(t, newModel(st, i18n.Chinese), 80, 24)
		d.press("s", "/")
		for _, r := range q {
			d.press(string(r))
		}
		d.press("enter")
		return d.m.top().(*standardScreen).matches
	}
	a, b := count("台账"), count("台帐")
	std := checklist.DefaultStandard()
	either := 0
	for _, it := range std.Items() {
		if strings.Contains(it.Text, "台账") || strings.Contains(it.Text, "台帐") || strings.Contains(it.Note, "台账") || strings.Contains(it.Note, "台帐") {
			either++
		}
	}
	if a != b || a != either || a == 0 {
		t.Errorf("台账 finds %d, 台帐 %d; %d items have either", a, b, either)
	}
}
