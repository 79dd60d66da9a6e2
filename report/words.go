package report

import "branchcheck/i18n"

// words are the labels the exports need that the i18n package does not
// hold: column titles, headings and the like, in one language.
type words struct {
	No, School, Township, Kind, Secretary, VisitDate, Inspector      string
	Total, Stars, Flag, Requirement, ItemID, ItemText, Verdict, Note string
	Max, Status, Standard, Year                                      string
	Schools, Rated, Lagging, Counts                                  string
	NotApplicable, LastStars, Change, Veto                           string
	Deadline, Responsible, OpenRects                                 string
}

func wordsFor(l i18n.Lang) words {
	if l == i18n.English {
		return words{
			No: "No.", School: "School", Township: "Township", Kind: "Type", Secretary: "Secretary",
			VisitDate: "Visit date", Inspector: "Inspector",
			Total: "Total", Stars: "Stars", Flag: "Lagging", Requirement: "Must",
			ItemID: "Item", ItemText: "Text", Verdict: "Answer", Note: "Note",
			Max: "Out of", Status: "Status", Standard: "Standard", Year: "Year",
			Schools: "Schools", Rated: "Rated", Lagging: "Lagging branches", Counts: "Counts",
			NotApplicable: "n/a", LastStars: "Last year", Change: "Change", Veto: "Veto items",
			Deadline: "Deadline", Responsible: "Responsible", OpenRects: "Open fixes",
		}
	}
	return words{
		No: "序号", School: "学校", Township: "乡镇", Kind: "类型", Secretary: "党组织书记",
		VisitDate: "检查日期", Inspector: "检查人",
		Total: "总分", Stars: "星级", Flag: "落后党支部", Requirement: "要",
		ItemID: "编号", ItemText: "内容", Verdict: "结论", Note: "备注",
		Max: "满分", Status: "状态", Standard: "检查依据", Year: "年度",
		Schools: "学校数", Rated: "已评定", Lagging: "落后党支部", Counts: "统计",
		NotApplicable: "不适用", LastStars: "上年星级", Change: "较上年", Veto: "否决项",
		Deadline: "整改期限", Responsible: "责任人", OpenRects: "整改未销号",
	}
}
