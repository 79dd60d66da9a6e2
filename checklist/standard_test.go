package checklist_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"branchcheck/checklist"
)

// wantIDs are the 43 item ids of STANDARD.md in display order: 5.3, the
// one item straight under 五要, comes before ① and ②.
var wantIDs = strings.Fields(`
1.1 1.2 1.3
2.1 2.2 2.3
3.1 3.2 3.3 3.4 3.5 3.6 3.7 3.8 3.9 3.10
4.1 4.2 4.3 4.4 4.5 4.6
5.3
5.1.1 5.1.2 5.1.3 5.1.4 5.1.5 5.1.6 5.1.7 5.1.8 5.1.9 5.1.10 5.1.11 5.1.12
5.2.1 5.2.2 5.2.3 5.2.4 5.2.5 5.2.6 5.2.7 5.2.8`)

func TestDefaultStandard(t *testing.T) {
	std := checklist.DefaultStandard()
	if std.ID != checklist.DefaultStandardID || !std.Shipped() {
		t.Errorf("id %q (shipped %v), want %q", std.ID, std.Shipped(), checklist.DefaultStandardID)
	}
	var got []string
	for _, it := range std.Items() {
		got = append(got, it.ID)
		if it.EN == "" {
			t.Errorf("item %s has no English gloss", it.ID)
		}
		if it.Scored != (it.ID != "4.4") {
			t.Errorf("item %s scored = %v", it.ID, it.Scored)
		}
		if it.Veto {
			t.Errorf("item %s is a veto item; the speech names none", it.ID)
		}
	}
	for _, s := range shippedTexts(std) {
		if strings.Contains(s, "_") {
			t.Errorf("keeps a blank from the web page: %q", s)
		}
	}
	for _, s := range chineseTexts(std) {
		if strings.ContainsAny(s, `,:;()"`) {
			t.Errorf("half-width punctuation or a straight quote in Chinese text: %q", s)
		}
	}
	if strings.Join(got, " ") != strings.Join(wantIDs, " ") {
		t.Errorf("item ids in order:\n got %v\nwant %v", got, wantIDs)
	}
	if n := len(std.ScoredItems()); n != 42 {
		t.Errorf("%d scored items, want 42", n)
	}
	if std.TotalPoints() != 100 || len(std.Requirements) != 5 {
		t.Errorf("%d requirements, %v points; want 5 and 100", len(std.Requirements), std.TotalPoints())
	}
	sc := std.Stars
	if sc.MaxStars() != 5 || sc.MinStars() != 1 || sc.LaggingAtOrBelow != 3 || sc.VetoCap != 2 {
		t.Errorf("scale %+v", sc)
	}
	// The levels note quotes the speech as it is, "年初以下发", and never
	// puts the program's words in quotation marks as if they were the
	// speech's ("年初下发").
	for _, want := range []string{"讲话原文是“年底，局党委将进行星级党支部评比，评比标准年初以下发到各校", "三星及以下为落后党支部"} {
		if !strings.Contains(sc.Note, want) {
			t.Errorf("the scale's note does not say %q", want)
		}
	}
	if strings.Contains(sc.Note+std.Title, "“年初下发”") || strings.Contains(std.Title, "标准化建设检查标准") {
		t.Errorf("the title or the scale's note presents the program's words as the speech's: %q / %q", std.Title, sc.Note)
	}
	for _, want := range []string{"空白", "习近平总书记", "4.5"} {
		if !strings.Contains(std.SourceNote, want) {
			t.Errorf("the source note does not say %q: %q", want, std.SourceNote)
		}
	}
	gap, _, _ := std.Item("4.4")
	if !strings.Contains(gap.Text, "原文缺第④项") {
		t.Errorf("4.4 text %q does not say it is missing from the source", gap.Text)
	}
	// 5.3 stands straight under 五要, first, in a group with no title.
	five, _ := std.Requirement("5")
	if g := five.Groups[0]; g.Title != "" || g.TitleEN != "" || len(g.Items) != 1 || g.Items[0].ID != "5.3" {
		t.Errorf("五要's first group %+v: want 5.3 alone, untitled", g)
	}
	for _, g := range five.Groups {
		if g.Title == "规范装档" || g.TitleEN == "Filing" {
			t.Errorf("五要 has an invented heading %q", g.Title)
		}
	}
	// The glosses the issue corrected.
	for id, want := range map[string]string{
		"1.1": "party building", "1.2": "must", "2.1": "keep the mission firmly in mind", "3.10": "thematic video",
		"4.3": "disclosure", "4.5": "General Secretary Xi Jinping", "5.1.11": "Party-building study materials and books of every kind",
		"5.2.7": "and the like",
	} {
		if it, _, _ := std.Item(id); !strings.Contains(it.EN, want) {
			t.Errorf("item %s gloss %q does not say %q", id, it.EN, want)
		}
	}
	if it, _, _ := std.Item("3.4"); strings.Contains(it.EN, "display") || strings.Contains(it.EN, "film") {
		t.Errorf("3.4 gloss adds to the text: %q", it.EN)
	}
	if it, _, _ := std.Item("3.10"); strings.Contains(it.EN, "film") {
		t.Errorf("3.10 gloss %q", it.EN)
	}
	one, _ := std.Requirement("1")
	four, _ := std.Requirement("4")
	if !strings.Contains(one.TitleEN, "party building leading the work") || !strings.Contains(four.TextEN, "party-building culture corridor") {
		t.Errorf("glosses: 一要 %q, 四要 %q", one.TitleEN, four.TextEN)
	}
}

// chineseTexts are all the Chinese texts of a standard.
func chineseTexts(std *checklist.Standard) []string {
	out := []string{std.Title, std.Source, std.SourceNote, std.Stars.Note}
	for _, r := range std.Requirements {
		out = append(out, r.Label, r.Title, r.Text)
		for _, g := range r.Groups {
			out = append(out, g.Title, g.Note)
			for _, it := range g.Items {
				out = append(out, it.Text, it.Note)
			}
		}
	}
	return out
}

// shippedTexts are all the Chinese and English texts of a standard.
func shippedTexts(std *checklist.Standard) []string {
	out := append(chineseTexts(std), std.TitleEN, std.SourceEN, std.SourceNoteEN, std.Stars.NoteEN)
	for _, r := range std.Requirements {
		out = append(out, r.LabelEN, r.TitleEN, r.TextEN)
		for _, g := range r.Groups {
			out = append(out, g.TitleEN, g.NoteEN)
			for _, it := range g.Items {
				out = append(out, it.EN, it.NoteEN)
			}
		}
	}
	return out
}

// fullWidth turns the half-width punctuation of the web copy (and of
// STANDARD.md, which copies it) into the full-width forms Chinese text is
// printed with. The words are compared as they are.
var fullWidth = strings.NewReplacer(",", "，", ":", "：", ";", "；", "(", "（", ")", "）")

// sharedPath finds a file of the project's shared folder (STANDARD.md, the
// speech), which sits beside the checkout (../shared) or beside the folder
// of worktrees (../../shared); "" if there is none.
func sharedPath(name string) string {
	for _, up := range []string{"..", "../..", "../../.."} {
		p := filepath.Join(up, "shared", name)
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

// TestDefaultStandardMatchesStandardMD checks the shipped text against
// the shared STANDARD.md, where that file is present (it is the source of
// truth; a clean clone of the project may not have it beside): every
// item's text against the 原文 column, and the own requirements of 四要 and
// 五要. STANDARD.md keeps the web copy's half-width commas and brackets;
// the shipped standard prints them full-width, so punctuation width is
// the one difference allowed.
func TestDefaultStandardMatchesStandardMD(t *testing.T) {
	path := sharedPath("STANDARD.md")
	if path == "" {
		t.Skip("STANDARD.md is not beside the project")
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	md := string(raw)
	row := regexp.MustCompile(`(?m)^\| (\d[\d.]*) \| (.+?) \| (.+?) \|$`)
	std := checklist.DefaultStandard()
	n := 0
	for _, m := range row.FindAllStringSubmatch(md, -1) {
		id, text := m[1], fullWidth.Replace(m[2])
		it, _, ok := std.Item(id)
		if !ok {
			t.Errorf("item %s of STANDARD.md is not in the shipped standard", id)
			continue
		}
		n++
		if id == "4.4" {
			continue // STANDARD.md has "—"; the shipped text says it is missing
		}
		if it.Text != text {
			t.Errorf("item %s:\n got %q\nwant %q", id, it.Text, text)
		}
	}
	if n != 43 {
		t.Errorf("matched %d rows of STANDARD.md, want 43", n)
	}

	// The 要's own requirements: 四要's ("shown as the 要's text"), then
	// 五要's ("before ① and ②"), each quoted in STANDARD.md.
	own := regexp.MustCompile(`(?s)own requirement[^"]*"([^"]+)"`).FindAllStringSubmatch(md, -1)
	if len(own) != 2 {
		t.Fatalf("found %d own requirements in STANDARD.md, want 2 (四要, 五要)", len(own))
	}
	for i, id := range []string{"4", "5"} {
		want := strings.TrimSuffix(fullWidth.Replace(strings.Join(strings.Fields(own[i][1]), "")), "。")
		r, _ := std.Requirement(id)
		if r.Text != want {
			t.Errorf("requirement %s's text:\n got %q\nwant %q", id, r.Text, want)
		}
	}
	for _, id := range []string{"1", "2", "3"} {
		if r, _ := std.Requirement(id); r.Text != "" {
			t.Errorf("requirement %s has a text of its own (%q): the speech gives it none before its items", id, r.Text)
		}
	}
}

// TestDefaultStandardQuotesTheSpeech reads the speech itself (article 2 of
// the shared seed/, where present): every Chinese text of the shipped
// standard that is the speech's (要 titles and texts, group notes, scored
// items) is in the speech word for word, and every passage the standard's
// notes put in quotation marks “…” is too, so that nothing the program
// says is presented as the speech's. The web copy's blank before
// 总书记提出的 stands for 习近平 (see the source note).
func TestDefaultStandardQuotesTheSpeech(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(sharedPath("seed"), "*.txt"))
	if len(files) == 0 {
		t.Skip("the speech (../shared/seed) is not beside the project")
	}
	var all strings.Builder
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(b)
	}
	speech := fullWidth.Replace(strings.ReplaceAll(all.String(), "___", "习近平"))
	std := checklist.DefaultStandard()
	said := []string{}
	for _, r := range std.Requirements {
		said = append(said, r.Label+r.Title, r.Text)
		for _, g := range r.Groups {
			said = append(said, g.Note)
			for _, it := range g.Items {
				if it.Scored {
					said = append(said, it.Text)
				}
			}
		}
	}
	for _, s := range said {
		if s != "" && !strings.Contains(speech, s) {
			t.Errorf("not in the speech: %q", s)
		}
	}
	quote := regexp.MustCompile(`“([^“”]+)”`)
	for _, s := range chineseTexts(std) {
		for _, m := range quote.FindAllStringSubmatch(s, -1) {
			if !strings.Contains(speech, m[1]) {
				t.Errorf("quoted as if the speech's, but not in it: “%s” (in %q)", m[1], s)
			}
		}
	}
}

func TestDefaultStandardFileRoundTrip(t *testing.T) {
	b := checklist.DefaultStandardFile()
	std, err := checklist.ParseStandard("copy.yaml", b)
	if err != nil {
		t.Fatal(err)
	}
	if len(std.Items()) != 43 {
		t.Errorf("%d items", len(std.Items()))
	}
	b[0] = 'X' // a copy: the embedded file is untouched
	if bytes.Equal(b, checklist.DefaultStandardFile()) {
		t.Error("DefaultStandardFile returns the embedded slice itself")
	}
}

// minimal is a valid standard file; the cases below break it one way each.
const minimal = `format: 1
id: test-2026
year: 2026
title: 测试标准
stars:
  levels:
    - {stars: 5, min_points: 90}
    - {stars: 4, min_points: 80}
    - {stars: 3, min_points: 70}
    - {stars: 2, min_points: 60}
  lagging_at_or_below: 3
requirements:
  - id: "1"
    title: 一
    items:
      - id: 1.1
        text: 甲
      - id: 1.2
        text: 乙
        weight: 2
  - id: "2"
    title: 二
    groups:
      - title: 组
        items:
          - id: 2.1
            text: 丙
          - id: 2.10
            text: 丁
`

func TestParseStandard(t *testing.T) {
	std, err := checklist.ParseStandard("ok.yaml", []byte(minimal))
	if err != nil {
		t.Fatal(err)
	}
	// Unquoted 2.10 stays "2.10", not the number 2.1.
	var ids []string
	for _, it := range std.Items() {
		ids = append(ids, it.ID)
	}
	if got := strings.Join(ids, " "); got != "1.1 1.2 2.1 2.10" {
		t.Errorf("ids %q", got)
	}
	if std.Requirements[0].Points != 20 || std.Stars.VetoCap != 2 {
		t.Errorf("defaults not applied: points %v veto cap %d", std.Requirements[0].Points, std.Stars.VetoCap)
	}
	if it, _, _ := std.Item("1.2"); it.Weight != 2 || !it.Scored {
		t.Errorf("item 1.2 = %+v", it)
	}
	if n := std.RectificationDays("1.2"); n != checklist.DefaultRectificationDays {
		t.Errorf("rectification period %d, want the default", n)
	}
	src := strings.Replace(strings.Replace(minimal, "year: 2026\n", "year: 2026\nrectification_days: 15\n", 1), "weight: 2\n", "weight: 2\n        rectification_days: 7\n", 1)
	if std, err = checklist.ParseStandard("ok.yaml", []byte(src)); err != nil {
		t.Fatal(err)
	}
	if a, b := std.RectificationDays("1.1"), std.RectificationDays("1.2"); a != 15 || b != 7 {
		t.Errorf("rectification periods %d and %d, want 15 and 7", a, b)
	}
}

func TestParseStandardErrors(t *testing.T) {
	tests := []struct {
		name, old, new string
		want           string // the whole error, FILE:LINE:COL: message
	}{
		{"UnknownField", "title: 测试标准\n", "title: 测试标准\ncolour: red\n", `bad.yaml:5:1: unknown field "colour"`},
		{"UnknownItemField", "        text: 甲\n", "        text: 甲\n        txt: x\n", `bad.yaml:18:9: unknown field "txt"`},
		{"DuplicateItemID", "id: 2.10\n", "id: 1.2\n", `bad.yaml:28:17: item id "1.2" is used twice (first at line 18)`},
		{"MissingItemID", "      - id: 1.1\n        text: 甲\n", "      - text: 甲\n", `bad.yaml:16:9: item needs an id`},
		{"EmptyText", "text: 丙\n", "text: \"\"\n", `bad.yaml:27:19: item 2.1 has no text`},
		{"ZeroWeight", "weight: 2\n", "weight: 0\n", `bad.yaml:20:17: item 1.2: weight must be more than 0, not 0`},
		{"NegativeWeight", "weight: 2\n", "weight: -1\n", `bad.yaml:20:17: item 1.2: weight must be more than 0, not -1`},
		{"ZeroPoints", "    title: 一\n", "    title: 一\n    points: 0\n", `bad.yaml:15:13: requirement 1: points must be more than 0, not 0`},
		{"ThresholdsOutOfOrder", "{stars: 4, min_points: 80}", "{stars: 4, min_points: 95}", `bad.yaml:8:30: thresholds out of order: 4 stars needs 95 points, not less than 5 stars (90)`},
		{"LevelsSkipAStar", "{stars: 4, min_points: 80}", "{stars: 3, min_points: 80}", `bad.yaml:8:15: levels must go down one star at a time: 3 stars follows 5`},
		{"LaggingAboveScale", "lagging_at_or_below: 3", "lagging_at_or_below: 5", `bad.yaml:11:24: lagging_at_or_below must be between 1 and 4 stars, not 5`},
		{"LaggingBelowScale", "lagging_at_or_below: 3", "lagging_at_or_below: 0", `bad.yaml:11:24: lagging_at_or_below must be between 1 and 4 stars, not 0`},
		{"WrongType", "year: 2026", "year: next", `bad.yaml:3:7: year: expected a whole number, not text`},
		{"UnknownFormat", "format: 1", "format: 2", `bad.yaml:1:9: format 2 is not one this program reads (it reads 1)`},
		{"MissingFormat", "format: 1\n", "", `bad.yaml:1:1: missing field format (this program reads format 1)`},
		{"NoRequirements", "requirements:", "requirementz:", `bad.yaml:12:1: unknown field "requirementz"`},
		{"SyntaxError", "title: 测试标准\n", "title: [测试标准\n", "bad.yaml:5:1:"},
		{"IDNotAScalar", "id: 2.1\n", "id: [2, 1]\n", `bad.yaml:26:17: an id must be a single value such as "3.10"`},
		{"BadIDCharacters", "id: test-2026", "id: \"test 2026\"", `bad.yaml:2:5: id "test 2026": use letters, digits, '.', '-' or '_' (at most 64)`},
		{"DuplicateKey", "year: 2026\n", "year: 2026\nyear: 2027\n", `bad.yaml:4:1: mapping key "year" already defined at [3:1]`},
		{"ZeroRectificationDays", "year: 2026\n", "year: 2026\nrectification_days: 0\n", `bad.yaml:4:21: rectification_days must be a number of days from 1 to 3650`},
		{"ItemRectificationDaysTooLong", "weight: 2\n", "weight: 2\n        rectification_days: 4000\n", `bad.yaml:21:29: item 1.2: rectification_days must be a number of days from 1 to 3650`},
		{"RequirementTextENOnly", "    title: 一\n", "    title: 一\n    text_en: the requirement\n", `bad.yaml:15:14: requirement 1's text has an English text but no Chinese one`},
		{"RequirementTextSpaces", "    title: 一\n", "    title: 一\n    text: \"  \"\n", `bad.yaml:15:11: requirement 1's text is only spaces`},
		{"RequirementTextControl", "    title: 一\n", "    title: 一\n    text: \"甲\\a乙\"\n", `bad.yaml:15:11: requirement 1's text holds the control character U+0007`},
		{"SourceNoteBidi", "title: 测试标准\n", "title: 测试标准\nsource_note: \"甲\\u202e乙\"\n", `bad.yaml:5:14: the source note holds the direction control U+202E`},
		{"UnknownRequirementField", "    title: 一\n", "    title: 一\n    texts: 甲\n", `bad.yaml:15:5: unknown field "texts"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(minimal, tt.old, tt.new, 1)
			if src == minimal {
				t.Fatalf("the case does not change the file: %q not found", tt.old)
			}
			_, err := checklist.ParseStandard("bad.yaml", []byte(src))
			if err == nil {
				t.Fatal("accepted")
			}
			var pe *checklist.PositionError
			if !errors.As(err, &pe) {
				t.Fatalf("error %T %v is not a PositionError", err, err)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error\n got %s\nwant %s", err, tt.want)
			}
		})
	}
}

func TestParseStandardNotAStandard(t *testing.T) {
	for name, src := range map[string]string{
		"empty":    "",
		"scalar":   "hello",
		"list":     "- a\n- b\n",
		"two docs": minimal + "---\n" + minimal,
		"binary":   "\x00\x01\x02\xff",
		"huge":     strings.Repeat("#", checklist.MaxStandardFileSize+1),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := checklist.ParseStandard("x.yaml", []byte(src))
			if err == nil {
				t.Fatal("accepted")
			}
			if !strings.HasPrefix(err.Error(), "x.yaml:") || strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q: want one line starting with the file name", err)
			}
		})
	}
}
