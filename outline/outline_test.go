package outline_test

import (
	"slices"
	"strings"
	"testing"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/outline"
)

// kinds lists the kinds of the lines in order, collapsing runs.
func kinds(lines []outline.Line) []outline.Kind {
	var out []outline.Kind
	for _, ln := range lines {
		if len(out) == 0 || out[len(out)-1] != ln.Kind {
			out = append(out, ln.Kind)
		}
	}
	return out
}

func TestShippedHead(t *testing.T) {
	for _, l := range []i18n.Lang{i18n.Chinese, i18n.English} {
		t.Run(string(l), func(t *testing.T) {
			lines := outline.Of(checklist.DefaultStandard(), l)
			var head []outline.Kind
			for _, ln := range lines {
				if !ln.Kind.IsHead() {
					break
				}
				head = append(head, ln.Kind)
				if ln.Text == "" || ln.Depth != 0 {
					t.Errorf("head line %+v", ln)
				}
			}
			// The defaults come before the levels they speak of; the
			// shipped standard has no veto items, so no veto rule.
			want := []outline.Kind{outline.Title, outline.About, outline.Source, outline.SourceNote, outline.ScaleNote,
				outline.Defaults, outline.Scale, outline.Lagging, outline.LaggingVeto}
			if !slices.Equal(head, want) {
				t.Errorf("head %v, want %v", head, want)
			}
			if lines[0].Text != l.StandardTitle(checklist.DefaultStandard()) {
				t.Errorf("title %q", lines[0].Text)
			}
		})
	}
}

func TestShippedBody(t *testing.T) {
	lines := outline.Of(checklist.DefaultStandard(), i18n.Chinese)
	var five []outline.Line
	items := 0
	for i, ln := range lines {
		if ln.Kind == outline.Requirement && ln.ID == "5" {
			five = lines[i:]
		}
		if ln.Kind == outline.Item {
			items++
		}
		if ln.Kind == outline.Requirement && (len(ln.Tags) != 1 || ln.Tags[0] != "20分") {
			t.Errorf("要 %s tags %q", ln.ID, ln.Tags)
		}
	}
	if items != 43 {
		t.Errorf("%d items, want 43", items)
	}
	// 五要: its own text, then 5.3 straight under it, then ① and ②.
	if len(five) < 4 {
		t.Fatal("no 五要")
	}
	if five[1].Kind != outline.RequirementText || !strings.HasPrefix(five[1].Text, "各校要切实做好党建工作基础资料") || five[1].Depth != 1 {
		t.Errorf("五要's text line %+v", five[1])
	}
	if five[2].Kind != outline.Item || five[2].ID != "5.3" || five[2].Depth != 1 {
		t.Errorf("after 五要's text %+v, want 5.3 at depth 1", five[2])
	}
	if five[3].Kind != outline.Group || five[3].Text != "基础工作台帐" || five[4].Kind != outline.GroupNote {
		t.Errorf("then %+v %+v, want the basic ledger and its note", five[3], five[4])
	}
	// 四要's text; 4.4 not scored, with its note.
	for i, ln := range lines {
		switch {
		case ln.Kind == outline.Requirement && ln.ID == "4":
			if lines[i+1].Kind != outline.RequirementText || !strings.Contains(lines[i+1].Text, "至少做到“六有”") {
				t.Errorf("四要's text line %+v", lines[i+1])
			}
		case ln.Kind == outline.Item && ln.ID == "4.4":
			if !slices.Equal(ln.Tags, []string{"不计分"}) || ln.Depth != 2 || lines[i+1].Kind != outline.ItemNote {
				t.Errorf("4.4 %+v then %+v", ln, lines[i+1])
			}
		case ln.Kind == outline.Requirement && ln.ID != "4" && ln.ID != "5":
			if lines[i+1].Kind == outline.RequirementText {
				t.Errorf("要 %s has a text line", ln.ID)
			}
		}
	}
}

func TestEnglishKeepsTheOriginal(t *testing.T) {
	lines := outline.Of(checklist.DefaultStandard(), i18n.English)
	for i, ln := range lines {
		if ln.Kind == outline.Item && ln.ID == "1.2" {
			if !strings.Contains(ln.Text, "must always be upheld") || lines[i+1].Kind != outline.ItemOriginal || lines[i+1].Text != "必须始终坚持“党要管党、从严治党”的方针" {
				t.Errorf("1.2 %+v then %+v", ln, lines[i+1])
			}
			return
		}
	}
	t.Error("no item 1.2")
}

// A bureau's own standard: no defaults line; a veto item gets the veto
// rule line and its tag.
func TestBureauStandard(t *testing.T) {
	std := checklist.DefaultStandard()
	std.ID = "county-2027"
	it, _, _ := std.Item("5.1.3")
	it.Veto = true
	it.Weight = 2
	lines := outline.Of(std, i18n.Chinese)
	ks := kinds(lines)
	if slices.Contains(ks, outline.Defaults) {
		t.Error("a bureau's standard is said to use the program's defaults")
	}
	if !slices.Contains(ks, outline.VetoRule) {
		t.Error("no veto rule line for a standard with a veto item")
	}
	for _, ln := range lines {
		if ln.Kind == outline.VetoRule && ln.Text != "5.1.3；否决项不符合的，最高评为二星" {
			t.Errorf("veto rule %q", ln.Text)
		}
		if ln.Kind == outline.Item && ln.ID == "5.1.3" && !slices.Equal(ln.Tags, []string{"否决项", "权重 2"}) {
			t.Errorf("5.1.3 tags %q", ln.Tags)
		}
	}
}

func TestMatching(t *testing.T) {
	std := checklist.DefaultStandard()
	tests := []struct {
		query string
		l     i18n.Lang
		ids   []string
	}{
		{"花名册", i18n.Chinese, []string{"5.1.1", "5.1.3", "5.1.4"}},
		{"ROSTER", i18n.Chinese, []string{"5.1.1", "5.1.3", "5.1.4"}}, // the gloss is searched too
		{"3.10", i18n.English, []string{"3.10"}},
		{"档案盒", i18n.Chinese, []string{"5.3"}},
		{"会议记录簿", i18n.Chinese, []string{"5.1.10"}},
		{"三会一课”台账", i18n.Chinese, []string{"5.2.2"}},                  // written 台帐 in the standard
		{"ＲＯＳＴＥＲ", i18n.Chinese, []string{"5.1.1", "5.1.3", "5.1.4"}}, // full-width letters
		{"nothing like this", i18n.Chinese, nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			lines, n := outline.Matching(std, tt.l, tt.query)
			var ids []string
			for _, ln := range lines {
				if ln.Kind.IsHead() {
					t.Errorf("a search shows the head: %+v", ln)
				}
				if ln.Kind == outline.Item {
					ids = append(ids, ln.ID)
				}
			}
			if !slices.Equal(ids, tt.ids) || n != len(tt.ids) {
				t.Errorf("found %v (%d), want %v", ids, n, tt.ids)
			}
			if len(ids) > 0 && lines[0].Kind != outline.Requirement {
				t.Errorf("the first line %+v is not the 要", lines[0])
			}
		})
	}
	all, n := outline.Matching(std, i18n.Chinese, "  ")
	if n != 43 || !slices.Equal(kinds(all), kinds(outline.Of(std, i18n.Chinese))) {
		t.Errorf("a blank query: %d items", n)
	}
}
