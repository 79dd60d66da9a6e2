package report

import "testing"

// TestOnPaper: a text shared with the screen loses the spaces between
// Arabic numerals and Chinese, and only those.
func TestOnPaper(t *testing.T) {
	for _, tt := range []struct{ screen, paper string }{
		{"逾期 59 天", "逾期59天"},
		{"逾期  5 天", "逾期5天"},
		{"公示：2027-12-01 至 2027-12-10（10 天）", "公示：2027-12-01至2027-12-10（10天）"},
		{"公示期 10 天；公示通常为 5 至 7 天", "公示期10天；公示通常为5至7天"},
		{"5星级 2 所，占已评定 4 所的 50%，超过标准规定的 30%（最多 1 所）", "5星级2所，占已评定4所的50%，超过标准规定的30%（最多1所）"},
		{"第 1 页 共 3 页", "第1页 共3页"}, // between two Chinese words the space stays
		{"已确定：2028-01-20，王主任", "已确定：2028-01-20，王主任"},
		{"待整改", "待整改"},
		{"public notice: 2027-12-01 to 2027-12-10 (10 days)", "public notice: 2027-12-01 to 2027-12-10 (10 days)"},
		{"3.5 有发展党员工作流程图", "3.5有发展党员工作流程图"}, // why onPaper is never given an item's id and text
	} {
		if got := onPaper(tt.screen); got != tt.paper {
			t.Errorf("onPaper(%q) = %q, want %q", tt.screen, got, tt.paper)
		}
	}
}
