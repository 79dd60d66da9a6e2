package roster

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"branchcheck/checklist"
)

// table turns the rows of a file, header first, into schools, checking
// each row as it comes. Both formats feed it.
type table struct {
	at         place
	headerLine int
	// col is each field's column, -1 if the file has none; head is the
	// header of that column as the file writes it.
	col  [numFields]int
	head [numFields]string
	rows []Row
	// columns and ignored are the header's columns read and not
	// recognised (List.Columns, List.Ignored).
	columns []Column
	ignored []string
	// byName and byID say where each school was first seen.
	byName map[string]int
	byID   map[string]int
}

// newTable reads the header row, found on line n.
func newTable(at place, n int, cells []string) (*table, error) {
	t := &table{
		at:         at,
		headerLine: n,
		byName:     map[string]int{},
		byID:       map[string]int{},
	}
	for f := range t.col {
		t.col[f] = -1
	}
	var found []string
	for i, c := range cells {
		c = trim(c)
		if c == "" {
			continue
		}
		found = append(found, show(c))
		f, ok := fieldOf(c)
		if !ok {
			t.ignored = append(t.ignored, show(c))
			continue
		}
		if t.col[f] >= 0 {
			return nil, at.errorf(n, checklist.Text{ZH: "%s 和 %s 都是%s列；请只留一个", EN: "both %s and %s are the %s column; keep one"}, t.head[f], show(c), fieldLabel[f])
		}
		t.col[f], t.head[f] = i, show(c)
		t.columns = append(t.columns, Column{Header: show(c), Field: fieldText[f]})
	}
	if t.col[fieldName] < 0 {
		return nil, at.errorf(n, checklist.Text{
			ZH: "没有学校名称列：表头是 %s；学校名称列的表头应为 %s%s",
			EN: "no school name column; the header has %s; the name column must be headed %s%s"},
			list(found, textAnd), listZH(headers[fieldName], textOr), titleHint(at, n, found))
	}
	return t, nil
}

// fieldLabel names each field in messages.
var fieldLabel = [numFields]checklist.Text{
	fieldName:      {ZH: "学校名称", EN: "school name"},
	fieldTownship:  {ZH: "乡镇", EN: "township"},
	fieldKind:      {ZH: "学校类型", EN: "school type"},
	fieldSecretary: {ZH: "党组织书记", EN: "secretary"},
	fieldContact:   {ZH: "联系电话", EN: "contact"},
	fieldID:        {ZH: "编号", EN: "id"},
}

// fieldText names each field for the caller, in both languages.
var fieldText = [numFields]checklist.Text{
	fieldName:      checklist.TextSchoolName,
	fieldTownship:  checklist.TextTownship,
	fieldKind:      checklist.TextKind,
	fieldSecretary: checklist.TextSecretary,
	fieldContact:   checklist.TextContact,
	fieldID:        {ZH: "编号", EN: "id"},
}

// list fills l with the schools read and the columns they were read
// from, refusing a file with no school.
func (t *table) list(l *List) (*List, error) {
	rows, err := t.done()
	if err != nil {
		return nil, err
	}
	l.Rows, l.Columns, l.Ignored = rows, t.columns, t.ignored
	return l, nil
}

// titleHint explains a header row of one cell: most likely a title above
// the real header.
func titleHint(at place, n int, found []string) checklist.Text {
	if len(found) != 1 {
		return checklist.Text{}
	}
	return checklist.Text{
		ZH: fmt.Sprintf("（如果第 %d 行是标题，请删掉它：表头必须是第一行）", n),
		EN: fmt.Sprintf(" (if %s %d is a title, delete it: the header must be the first row)", at.unit().EN, n)}
}

// The words list joins the last two values with.
var (
	textAnd = checklist.Text{ZH: "和", EN: "and"}
	textOr  = checklist.Text{ZH: "或", EN: "or"}
)

// listZH is list, but the Chinese lists only the values in Chinese: the
// headers a field is known by, which a Chinese reader writes in Chinese.
func listZH(vals []string, and checklist.Text) checklist.Text {
	var zh []string
	for _, v := range vals {
		if strings.IndexFunc(v, func(r rune) bool { return r > unicode.MaxLatin1 }) >= 0 {
			zh = append(zh, v)
		}
	}
	return checklist.Text{ZH: list(zh, and).ZH, EN: list(vals, and).EN}
}

// list writes values for a message: "a, b and c" ("a、b 和 c"), at most a
// dozen of them.
func list(vals []string, and checklist.Text) checklist.Text {
	const most = 12
	switch {
	case len(vals) == 0:
		return checklist.Text{ZH: "空的", EN: "nothing"}
	case len(vals) == 1:
		return checklist.Text{ZH: vals[0], EN: vals[0]}
	case len(vals) > most:
		return checklist.Text{
			ZH: fmt.Sprintf("%s 等 %d 个", strings.Join(vals[:most], "、"), len(vals)),
			EN: fmt.Sprintf("%s and %d more", strings.Join(vals[:most], ", "), len(vals)-most)}
	}
	last := vals[len(vals)-1]
	return checklist.Text{
		ZH: strings.Join(vals[:len(vals)-1], "、") + " " + and.ZH + " " + last,
		EN: strings.Join(vals[:len(vals)-1], ", ") + " " + and.EN + " " + last}
}

// add reads the row on line n. A row with nothing in the columns read
// (blank, or only a 序号 of a pre-numbered template) is skipped.
func (t *table) add(n int, cells []string) error {
	if blankRow(cells) {
		return nil
	}
	var vals [numFields]string
	for f, i := range t.col {
		if i < 0 || i >= len(cells) {
			continue
		}
		v := unneutralise(trim(cells[i]))
		if err := t.checkCell(n, field(f), v); err != nil {
			return err
		}
		vals[f] = v
	}
	if vals == ([numFields]string{}) {
		return nil
	}
	if len(t.rows) == maxSchools {
		return t.at.errorf(n, checklist.Text{
			ZH: "学校超过 %d 所；一个县的名单远没有这么长，是这个文件吗？",
			EN: "more than %d schools; a county's list is far shorter, is it the right file?"}, maxSchools)
	}
	if vals[fieldName] == "" {
		return t.at.errorf(n, checklist.Text{ZH: "%s为空", EN: "%s is empty"}, t.head[fieldName])
	}
	sc := checklist.School{
		ID:        vals[fieldID],
		Name:      vals[fieldName],
		Township:  vals[fieldTownship],
		Kind:      vals[fieldKind],
		Secretary: vals[fieldSecretary],
		Contact:   vals[fieldContact],
	}
	if err := sc.Validate(); err != nil {
		return t.at.errorf(n, checklist.Text{ZH: "%v", EN: "%v"}, err).Wrapping(err)
	}
	if err := t.checkTwice(n, sc); err != nil {
		return err
	}
	t.rows = append(t.rows, Row{Line: n, School: sc})
	return nil
}

// checkCell refuses a cell that cannot be a name, a township or a phone
// number: too long, or with a line break or a character that is not text.
func (t *table) checkCell(n int, f field, v string) error {
	if l := utf8.RuneCountInString(v); l > maxCellLength {
		return t.at.errorf(n, checklist.Text{ZH: "%s有 %d 个字，最多 %d 个", EN: "%s is %d characters long; at most %d are allowed"}, t.head[f], l, maxCellLength)
	}
	for _, r := range v {
		switch {
		case r == '\n' || r == '\r':
			return t.at.errorf(n, checklist.Text{ZH: "%s的单元格里有换行；请写在一行里", EN: "%s has a line break in its cell; put it on one line"}, t.head[f])
		case r == utf8.RuneError:
			return t.at.errorf(n, checklist.Text{
				ZH: "%s里有无法识别的字符（U+FFFD）；文件是不是用别的编码保存的？",
				EN: "%s has an unreadable character (U+FFFD); was the file saved in another encoding?"}, t.head[f])
		case unicode.IsControl(r):
			return t.at.errorf(n, checklist.Text{ZH: "%s里有控制字符（%U），只能是文字", EN: "%s has a control character (%U); only text is allowed"}, t.head[f], r)
		}
	}
	return nil
}

// checkTwice refuses a school, or an id, that is already in the file.
// Names are compared as a person reads them: 城关 小学 is 城关小学, and
// 城关小学(分校) is 城关小学（分校）.
func (t *table) checkTwice(n int, sc checklist.School) error {
	key := checklist.SchoolKey(sc.Name, sc.Township)
	if first, ok := t.byName[key]; ok {
		what := checklist.Text{ZH: show(sc.Name), EN: show(sc.Name)}
		if sc.Township != "" {
			what.ZH += "（" + show(sc.Township) + "）"
			what.EN += " (" + show(sc.Township) + ")"
		}
		return t.at.errorf(n, checklist.Text{ZH: "%[1]s 在第 %[3]d 行已经有了", EN: "%[1]s is already on %[2]s %[3]d"}, what, t.at.unit(), first)
	}
	if sc.ID != "" {
		if first, ok := t.byID[sc.ID]; ok {
			return t.at.errorf(n, checklist.Text{ZH: "%[1]s %[2]s 在第 %[4]d 行已经有了", EN: "%[1]s %[2]s is already on %[3]s %[4]d"}, t.head[fieldID], show(sc.ID), t.at.unit(), first)
		}
		t.byID[sc.ID] = n
	}
	t.byName[key] = n
	return nil
}

// done returns the schools read, refusing a file with none.
func (t *table) done() ([]Row, error) {
	if len(t.rows) == 0 {
		return nil, t.at.errorf(t.headerLine, checklist.Text{ZH: "只有表头，下面没有学校", EN: "only a header, no schools below it"})
	}
	return t.rows, nil
}

// unneutralise takes off the ' that our exports put before a text cell
// beginning with = + - @, a tab or a carriage return against formula
// injection (report's neutralise, the OWASP rule), so that a list
// exported and imported again keeps its values: '+86 138 0000 0000 is
// +86 138 0000 0000 again. Any other ' is kept.
func unneutralise(s string) string {
	if len(s) >= 2 && s[0] == '\'' && strings.IndexByte("=+-@\t\r", s[1]) >= 0 {
		return trim(s[1:])
	}
	return s
}

// blankRow reports whether a row has nothing in any cell.
func blankRow(cells []string) bool {
	for _, c := range cells {
		if trim(c) != "" {
			return false
		}
	}
	return true
}
