package report

import (
	"encoding/json"
	"io"

	"branchcheck/checklist"
)

// SchoolFormats lists the formats of the school list.
func SchoolFormats() []Format { return []Format{Table, CSV, Markdown, JSON} }

// WriteSchools writes the list of schools in format f, in the order
// given. The CSV has the headers `branchcheck schools import` reads back,
// the school's id among them, so a list exported, corrected in Excel and
// imported again updates the same schools.
func WriteSchools(w io.Writer, f Format, schools []checklist.School, m Meta) error {
	l := m.Lang
	t := table{Columns: []column{
		{Title: l.Pick("序号", "No."), Numeric: true},
		{Title: l.Pick("学校名称", "name")},
		{Title: l.Pick("乡镇", "township")},
		{Title: l.Pick("类型", "kind")},
		{Title: l.Pick("党组织书记", "secretary")},
		{Title: l.Pick("联系电话", "contact")},
		{Title: l.Pick("编号", "id")},
	}}
	for i, s := range schools {
		t.Rows = append(t.Rows, row{Cells: []cell{
			count(i + 1), text(s.Name), text(s.Township), text(s.Kind), text(s.Secretary), text(s.Contact), text(s.ID),
		}})
	}
	doc := document{Lang: l, Title: l.Sprintf("学校名单（%d所）", "Schools (%d)", len(schools)),
		Sections: []section{{Table: &t, Empty: l.Pick("还没有学校。", "No schools yet.")}}}
	var err error
	switch f {
	case Table:
		err = writeText(w, doc)
	case CSV:
		err = writeCSV(w, t, nil)
	case Markdown:
		err = writeMarkdown(w, doc)
	case JSON:
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if schools == nil {
			schools = []checklist.School{}
		}
		err = enc.Encode(schools)
	default:
		return formatError(f, SchoolFormats())
	}
	if err != nil {
		return checklist.Errorf(nil, checklist.Text{ZH: "无法把学校名单写成 %s", EN: "write the school list as %s"}, string(f)).Because(err)
	}
	return nil
}
