package tui

import (
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"branchcheck/checklist"
	"branchcheck/i18n"
)

// TestStandardOutline: the standard screen draws the shared outline: the
// head's rules as label：text, each 要 after a blank line with its points,
// a group with its note, an item's tags after its text (否决项 in the
// warning style), an item's note dim under its text; a search shows the
// items found and counts them.
func TestStandardOutline(t *testing.T) {
	c := &common{lang: i18n.Chinese, styles: NewStyles(false)}
	std := checklist.DefaultStandard()
	std.ID = "county-2027" // a bureau's own standard, with a veto item
	it, _, _ := std.Item("5.1.3")
	it.Veto, it.Weight = true, 2
	doc, n := standardDoc(c, std, i18n.Chinese, 80, "")
	if n != 43 {
		t.Errorf("%d items drawn, want 43", n)
	}
	plain := ansi.Strip(strings.Join(doc, "\n"))
	for _, want := range []string{
		`学校党支部建设“五要”检查清单`,
		`落后党支部：三星及以下为落后党支部`,
		`否决项：5\.1\.3；否决项不符合的，最高评为二星`,
		`\n\n一要 全面实施党建引领工程（20分）\n  1\.1     压实党建责任`,
		`\n  十有：党员活动室建设要做到“十有”\n    3\.1     有党员活动场地`,
		`\n    4\.4     （原文缺第④项）（不计分）\n            讲话原文的“六有”`,
		`\n    5\.1\.3   党员花名册（否决项）（权重 2）\n`,
	} {
		if !regexp.MustCompile(want).MatchString(plain) {
			t.Errorf("no %s in:\n%s", want, plain)
		}
	}
	if !strings.Contains(strings.Join(doc, "\n"), c.styles.Warn.Render("（否决项）")) {
		t.Error("the veto tag is not in the warning style")
	}
	for _, row := range doc {
		if strings.Contains(row, "讲话原文的“六有”") && row != c.styles.Dim.Render(ansi.Strip(row)) {
			t.Errorf("4.4's note is not dim: %q", row)
		}
	}

	found, n := standardDoc(c, std, i18n.Chinese, 80, "花名册")
	if n != 3 || found[0] != c.styles.Bold.Render("五要 规范党建台账（20分）") {
		t.Errorf("花名册 finds %d items, the first row %q", n, found[0])
	}
}
