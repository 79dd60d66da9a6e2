package roster

import (
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// field is a column Read knows.
type field int

// The fields, in the order errors list them.
const (
	fieldName field = iota
	fieldTownship
	fieldKind
	fieldSecretary
	fieldContact
	fieldID
	numFields
)

// headers are the headers each field is known by, as people write them.
// They are compared after headerKey, so case, spaces, full-width forms and
// a surrounding * or : do not matter. Read-only.
var headers = [numFields][]string{
	fieldName:      {"学校名称", "学校", "校名", "单位名称", "name", "school", "school name"},
	fieldTownship:  {"乡镇", "乡镇(街道)", "所属乡镇", "镇街", "township"},
	fieldKind:      {"类型", "学校类型", "学段", "办学类型", "kind", "type"},
	fieldSecretary: {"党组织书记", "书记", "支部书记", "secretary"},
	fieldContact:   {"联系电话", "电话", "联系方式", "contact", "phone"},
	fieldID:        {"编号", "id"},
}

// headerKey is how a header is compared: full-width forms folded to their
// ASCII twins (（）＊：), lower case, without spaces or invisible characters
// (a header may be split over two lines in its cell), and without a
// surrounding required-field star, colon or similar mark.
func headerKey(h string) string {
	h = strings.ToLower(width.Fold.String(h))
	h = strings.Map(func(r rune) rune {
		if isBlank(r) || unicode.IsControl(r) {
			return -1
		}
		return r
	}, h)
	return strings.Trim(h, "*:#.、")
}

// fieldOf returns the field a header names, trying it as written and then
// without a trailing remark in parentheses ("学校名称(全称)", "电话(手机)").
func fieldOf(h string) (field, bool) {
	key := headerKey(h)
	for {
		for f, names := range headers {
			for _, n := range names {
				if key == headerKey(n) {
					return field(f), true
				}
			}
		}
		open := strings.LastIndexAny(key, "([")
		if open <= 0 || !strings.HasSuffix(key, ")") && !strings.HasSuffix(key, "]") {
			return 0, false
		}
		key = strings.Trim(key[:open], "*:#.、")
	}
}

// hasNameColumn reports whether a header row has a school name column:
// whether it is the header of a school list.
func hasNameColumn(cells []string) bool {
	for _, c := range cells {
		if f, ok := fieldOf(c); ok && f == fieldName {
			return true
		}
	}
	return false
}

// isBlank reports whether r is space, including the full-width space
// U+3000, or an invisible character that Excel or an editor leaves around
// text (a byte order mark, a zero-width space).
func isBlank(r rune) bool {
	return unicode.IsSpace(r) || r == '\u3000' || r == '\ufeff' || r == '\u200b'
}

// trim removes the space and invisible characters around a cell.
func trim(s string) string { return strings.TrimFunc(s, isBlank) }

// show writes a value from the file for a message: on one line, with runs
// of space and control characters as one space, and cut short if long.
func show(s string) string {
	const most = 40
	var b strings.Builder
	n, space := 0, false
	for _, r := range trim(s) {
		if isBlank(r) || unicode.IsControl(r) {
			space = true
			continue
		}
		if n == most {
			b.WriteString("…")
			break
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}
