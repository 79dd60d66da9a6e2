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

// wantIDs are the 43 item ids of STANDARD.md, in its order.
var wantIDs = strings.Fields(`
1.1 1.2 1.3
2.1 2.2 2.3
3.1 3.2 3.3 3.4 3.5 3.6 3.7 3.8 3.9 3.10
4.1 4.2 4.3 4.4 4.5 4.6
5.1.1 5.1.2 5.1.3 5.1.4 5.1.5 5.1.6 5.1.7 5.1.8 5.1.9 5.1.10 5.1.11 5.1.12
5.2.1 5.2.2 5.2.3 5.2.4 5.2.5 5.2.6 5.2.7 5.2.8
5.3`)

func TestDefaultStandard(t *testing.T) {
	std := checklist.DefaultStandard()
	if std.ID != checklist.DefaultStandardID {
		t.Errorf("id %q, want %q", std.ID, checklist.DefaultStandardID)
	}
	var got []string
	for _, it := range std.Items() {
		got = append(got, it.ID)
		if strings.Contains(it.Text, "_") || strings.Contains(it.EN, "___") {
			t.Errorf("item %s keeps a blank from the web page: %q", it.ID, it.Text)
		}
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
	for _, want := range []string{"通行做法", "并非讲话原文", "三星及以下为落后党支部"} {
		if !strings.Contains(sc.Note, want) {
			t.Errorf("the scale's note does not say %q", want)
		}
	}
	gap, _, _ := std.Item("4.4")
	if !strings.Contains(gap.Text, "原文缺第④项") {
		t.Errorf("4.4 text %q does not say it is missing from the source", gap.Text)
	}
}

// TestDefaultStandardMatchesStandardMD checks the shipped text against the
// table of ../shared/STANDARD.md, where that file is present (it is the
// source of truth; a clean clone of the project may not have it beside).
func TestDefaultStandardMatchesStandardMD(t *testing.T) {
	md, err := os.ReadFile(filepath.Join("..", "..", "shared", "STANDARD.md"))
	if err != nil {
		t.Skip("STANDARD.md not beside the project:", err)
	}
	row := regexp.MustCompile(`(?m)^\| (\d[\d.]*) \| (.+?) \| (.+?) \|$`)
	std := checklist.DefaultStandard()
	n := 0
	for _, m := range row.FindAllStringSubmatch(string(md), -1) {
		id, text := m[1], m[2]
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
