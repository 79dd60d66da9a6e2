package checklist

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
)

// StandardFormat is the version of the standard file format this program
// reads and writes. A file states it in its `format` field.
const StandardFormat = 1

// MaxStandardFileSize bounds what ParseStandard reads: a standard is a few
// kilobytes, and anything near this size is not one.
const MaxStandardFileSize = 1 << 20

// Bounds on the shape of a standard file, checked on its bytes before the
// YAML library builds anything from them. The library's memory grows with
// the tokens it makes (up to 1 KiB each), much faster with nesting (a 40
// KB file of 20,000 nested brackets took 662 MB) and with the keys of one
// mapping. The shipped standard is 7 levels deep and about 800 marks
// long. Within these bounds, the worst files of at most
// MaxStandardFileSize allocate at most about 20 MiB in all
// (TestParseStandardBounded).
const (
	// MaxStandardDepth is the deepest a standard file may nest its lists
	// and mappings.
	MaxStandardDepth = 32
	// MaxStandardMarks bounds the keys, values, punctuation and comments
	// of a standard file, as counted by checkShape.
	MaxStandardMarks = 20000
	// MaxStandardKeys bounds the keys of one block mapping: the YAML
	// library's memory grows with their square (4,000 keys took 72 MB).
	MaxStandardKeys = 100
)

// Defaults a standard file may leave out.
const (
	DefaultLaggingAtOrBelow = 3
	DefaultVetoCap          = 2
)

var idPattern = regexp.MustCompile(`^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$`)

// ReadStandard reads a standard file from r; name is used in errors.
func ReadStandard(name string, r io.Reader) (*Standard, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxStandardFileSize+1))
	if err != nil {
		return nil, Errorf(nil, Text{ZH: "无法读取标准文件 %s", EN: "read standard %s"}, name).Because(err)
	}
	return ParseStandard(name, data)
}

// ParseStandard parses and validates a standard file (YAML, see the
// shipped standard for the format). It is strict: an unknown field, a
// duplicate or missing id, empty text, a weight or points of 0 or less,
// star thresholds out of order or a lagging bound outside the scale are
// each refused. The error is a *PositionError that prints as
// FILE:LINE:COL: what is wrong.
//
// Before the YAML is parsed, a UTF-8 byte order mark is dropped, a file
// that is not UTF-8 is refused, and so is one nested or repeated past the
// bounds above (MaxStandardDepth, MaxStandardMarks, MaxStandardKeys) or
// using an alias; these errors are *Error values of kind ErrInvalid,
// worded in both languages, that print as FILE:LINE:COL: what is wrong
// too.
func ParseStandard(name string, data []byte) (std *Standard, err error) {
	if len(data) > MaxStandardFileSize {
		return nil, posErrorf(name, 0, 0, Text{ZH: "文件超过 %d 字节，不是检查标准", EN: "file is larger than %d bytes; not a standard"}, MaxStandardFileSize)
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	if err := checkEncoding(name, data); err != nil {
		return nil, err
	}
	if len(strings.TrimSpace(string(data))) == 0 {
		return nil, posErrorf(name, 0, 0, Text{ZH: "文件是空的，应为一个检查标准（YAML）", EN: "file is empty; expected a standard (YAML)"})
	}
	if err := checkShape(name, data); err != nil {
		return nil, err
	}
	// The YAML library is third-party code run on untrusted input: a panic
	// in it must reach the user as an error, not a stack trace.
	defer func() {
		if r := recover(); r != nil {
			std, err = nil, posErrorf(name, 0, 0, Text{ZH: "无法按 YAML 读取这个文件%.0v", EN: "cannot read the file as YAML (%v)"}, r)
		}
	}()
	file, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, yamlError(name, err)
	}
	if len(file.Docs) != 1 || file.Docs[0].Body == nil {
		return nil, posErrorf(name, 0, 0, Text{ZH: "文件里应恰好有一个 YAML 文档，写一个检查标准", EN: "expected exactly one YAML document holding a standard"})
	}
	var f fileStandard
	if err := yaml.NodeToValue(file.Docs[0].Body, &f, yaml.Strict()); err != nil {
		return nil, yamlError(name, err)
	}
	if f.Format == nil {
		return nil, positioned(name, file, "$", Errorf(ErrInvalid, Text{ZH: "缺少 format 字段（本程序读的是 format %d）", EN: "missing field format (this program reads format %d)"}, StandardFormat))
	}
	if *f.Format != StandardFormat {
		return nil, positioned(name, file, "$.format", Errorf(ErrInvalid, Text{ZH: "format %d 不是本程序能读的格式（本程序读 format %d）", EN: "format %d is not one this program reads (it reads %d)"}, *f.Format, StandardFormat))
	}
	s, shorthand := f.standard()
	verr := f.checkRules(shorthand)
	if verr == nil {
		verr = s.validate()
	}
	if verr == nil {
		verr = s.checkIDs()
	}
	if verr != nil {
		said := verr.Said
		if said == nil {
			said = Errorf(ErrInvalid, Text{ZH: "标准文件有误%.0s", EN: "%s"}, verr.Message)
		}
		if verr.First != "" {
			if first := positioned(name, file, filePath(verr.First, shorthand), nil); first.Line > 0 {
				said = Errorf(said.Kind, Text{ZH: "%s（首次出现在第 %d 行）", EN: "%s (first at line %d)"}, said, first.Line)
			}
		}
		return nil, positioned(name, file, filePath(verr.Path, shorthand), said)
	}
	return s, nil
}

// checkIDs refuses ids that would not survive as keys and cells.
func (s *Standard) checkIDs() *ValidationError {
	if !idPattern.MatchString(s.ID) {
		return invalidf("$.id", Text{ZH: "编号 %s 不合要求：只能用字母、数字和“.”“-”“_”（最多 64 个）", EN: "id %s: use letters, digits, '.', '-' or '_' (at most 64)"}, Quote(s.ID))
	}
	for ri, r := range s.Requirements {
		if !idPattern.MatchString(r.ID) {
			return invalidf(fmt.Sprintf("$.requirements[%d].id", ri), Text{ZH: "要的编号 %s 不合要求：只能用字母、数字和“.”“-”“_”", EN: "requirement id %s: use letters, digits, '.', '-' or '_'"}, Quote(r.ID))
		}
		for gi, g := range r.Groups {
			for ii, it := range g.Items {
				if !idPattern.MatchString(it.ID) {
					return invalidf(fmt.Sprintf("$.requirements[%d].groups[%d].items[%d].id", ri, gi, ii), Text{ZH: "条目编号 %s 不合要求：只能用字母、数字和“.”“-”“_”", EN: "item id %s: use letters, digits, '.', '-' or '_'"}, Quote(it.ID))
				}
			}
		}
	}
	return nil
}

// The file's shape. Pointers tell a field left out (take the default) from
// one given as zero (an error where zero is not allowed).
type fileStandard struct {
	Format       *int              `yaml:"format"`
	ID           fileID            `yaml:"id"`
	Year         int               `yaml:"year"`
	Title        string            `yaml:"title"`
	TitleEN      string            `yaml:"title_en"`
	Source       string            `yaml:"source"`
	SourceEN     string            `yaml:"source_en"`
	SourceNote   string            `yaml:"source_note"`
	SourceNoteEN string            `yaml:"source_note_en"`
	Stars        fileStars         `yaml:"stars"`
	Requirements []fileRequirement `yaml:"requirements"`
	RectDays     *int              `yaml:"rectification_days"`
	// The scoring rules beyond verdicts (see rules.go, load_rules.go).
	MaxTotal       *float64            `yaml:"max_total"`
	VetoSituations []fileVetoSituation `yaml:"veto_situations"`
	SelfAssessment *fileSelfAssessment `yaml:"self_assessment"`
}

type fileStars struct {
	Levels           []fileLevel `yaml:"levels"`
	LaggingAtOrBelow *int        `yaml:"lagging_at_or_below"`
	VetoCap          *int        `yaml:"veto_cap"`
	Note             string      `yaml:"note"`
	NoteEN           string      `yaml:"note_en"`
	Quotas           []fileQuota `yaml:"quotas"`
}

type fileLevel struct {
	Stars     int     `yaml:"stars"`
	MinPoints float64 `yaml:"min_points"`
}

type fileRequirement struct {
	ID      fileID      `yaml:"id"`
	Label   string      `yaml:"label"`
	LabelEN string      `yaml:"label_en"`
	Title   string      `yaml:"title"`
	TitleEN string      `yaml:"title_en"`
	Text    string      `yaml:"text"`
	TextEN  string      `yaml:"text_en"`
	Points  *float64    `yaml:"points"`
	Bonus   bool        `yaml:"bonus"`
	Items   []fileItem  `yaml:"items"`
	Groups  []fileGroup `yaml:"groups"`
}

type fileGroup struct {
	Title   string     `yaml:"title"`
	TitleEN string     `yaml:"title_en"`
	Note    string     `yaml:"note"`
	NoteEN  string     `yaml:"note_en"`
	Items   []fileItem `yaml:"items"`
}

type fileItem struct {
	ID     fileID   `yaml:"id"`
	Text   string   `yaml:"text"`
	EN     string   `yaml:"en"`
	Note   string   `yaml:"note"`
	NoteEN string   `yaml:"note_en"`
	Weight *float64 `yaml:"weight"`
	Scored *bool    `yaml:"scored"`
	Veto   bool     `yaml:"veto"`
	Days   *int     `yaml:"rectification_days"`

	// The scoring rules beyond verdicts (see rules.go, load_rules.go).
	Points *float64  `yaml:"points"`
	Deduct *fileRule `yaml:"deduct"`
	Bonus  *fileRule `yaml:"bonus"`
}

// fileID keeps an id as written: YAML would read `3.10` as the number 3.1,
// which would collide with item 3.1.
type fileID string

// UnmarshalYAML takes the scalar's text as written.
func (id *fileID) UnmarshalYAML(node ast.Node) error {
	switch n := node.(type) {
	case *ast.StringNode:
		*id = fileID(n.Value)
	case *ast.IntegerNode:
		*id = fileID(n.Token.Value)
	case *ast.FloatNode:
		*id = fileID(n.Token.Value)
	case *ast.NullNode:
		*id = ""
	default:
		return &nodeError{tok: node.GetToken(), said: Errorf(ErrInvalid, Text{ZH: "编号应为单个值，如“3.10”", EN: `an id must be a single value such as "3.10"`})}
	}
	return nil
}

type nodeError struct {
	tok  *token.Token
	said *Error
}

func (e *nodeError) Error() string { return e.said.Error() }

// standard converts the file into a Standard, applying the defaults. It
// also returns the requirements written with the `items` shorthand (no
// groups), so that paths can be mapped back to the file.
func (f *fileStandard) standard() (*Standard, map[int]bool) {
	s := &Standard{
		ID: string(f.ID), Year: f.Year, Title: f.Title, TitleEN: f.TitleEN,
		Source: f.Source, SourceEN: f.SourceEN, SourceNote: f.SourceNote, SourceNoteEN: f.SourceNoteEN,
		RectificationPeriod: zeroMeansInvalid(f.RectDays),
		MaxTotal:            deref(f.MaxTotal, 0),
		VetoSituations:      f.vetoSituations(),
		SelfAssessment:      f.SelfAssessment.rules(),
		Stars: StarScale{
			LaggingAtOrBelow: deref(f.Stars.LaggingAtOrBelow, DefaultLaggingAtOrBelow),
			VetoCap:          deref(f.Stars.VetoCap, DefaultVetoCap),
			Note:             f.Stars.Note, NoteEN: f.Stars.NoteEN,
			Quotas: f.Stars.quotas(),
		},
	}
	for _, l := range f.Stars.Levels {
		s.Stars.Levels = append(s.Stars.Levels, StarLevel(l))
	}
	shorthand := map[int]bool{}
	for ri, fr := range f.Requirements {
		r := Requirement{
			ID: string(fr.ID), Label: fr.Label, LabelEN: fr.LabelEN,
			Title: fr.Title, TitleEN: fr.TitleEN, Text: fr.Text, TextEN: fr.TextEN,
			Points: deref(fr.Points, DefaultRequirementPoints),
			Bonus:  fr.Bonus,
		}
		groups := fr.Groups
		if len(fr.Items) > 0 {
			// Items straight under a requirement are one untitled group,
			// ahead of any titled ones.
			shorthand[ri] = true
			groups = append([]fileGroup{{Items: fr.Items}}, groups...)
		}
		for _, fg := range groups {
			g := Group{Title: fg.Title, TitleEN: fg.TitleEN, Note: fg.Note, NoteEN: fg.NoteEN}
			for _, fi := range fg.Items {
				g.Items = append(g.Items, Item{
					ID: string(fi.ID), Text: fi.Text, EN: fi.EN, Note: fi.Note, NoteEN: fi.NoteEN,
					Weight:              deref(fi.Weight, DefaultItemWeight),
					Scored:              deref(fi.Scored, true),
					Veto:                fi.Veto,
					RectificationPeriod: zeroMeansInvalid(fi.Days),
					Points:              deref(fi.Points, 0),
					Deduction:           fi.Deduct.deduction(),
					Bonus:               fi.Bonus.bonus(),
				})
			}
			r.Groups = append(r.Groups, g)
		}
		if fr.Points == nil {
			r.Points = r.defaultPoints()
		}
		s.Requirements = append(s.Requirements, r)
	}
	return s, shorthand
}

// zeroMeansInvalid reads a count of days that may be left out (0: the
// default) but not given as 0, which then reads as -1 for the validation
// to refuse.
func zeroMeansInvalid(p *int) int {
	switch {
	case p == nil:
		return 0
	case *p == 0:
		return -1
	}
	return *p
}

func deref[T any](p *T, def T) T {
	if p == nil {
		return def
	}
	return *p
}

var groupPath = regexp.MustCompile(`^\$\.requirements\[(\d+)\]\.groups\[(\d+)\]`)

// filePath maps a path into the Standard back to the file it came from,
// where a requirement may list its items without groups.
func filePath(p string, shorthand map[int]bool) string {
	m := groupPath.FindStringSubmatchIndex(p)
	if m == nil {
		return p
	}
	var ri, gi int
	fmt.Sscan(p[m[2]:m[3]], &ri)
	fmt.Sscan(p[m[4]:m[5]], &gi)
	if !shorthand[ri] {
		return p
	}
	if gi == 0 {
		return fmt.Sprintf("$.requirements[%d]", ri) + p[m[1]:]
	}
	return fmt.Sprintf("$.requirements[%d].groups[%d]", ri, gi-1) + p[m[1]:]
}

// positioned finds where path is in the file and makes a PositionError
// there, saying what is wrong (nil: the position only). A path that is not
// in the file (a field left out) is reported at the nearest enclosing node
// that is.
func positioned(name string, file *ast.File, path string, said *Error) *PositionError {
	pe := position(name, file, path)
	if said != nil {
		pe.Message, pe.Said = said.Error(), said
	}
	return pe
}

// position is where path is in the file, as positioned finds it.
func position(name string, file *ast.File, path string) *PositionError {
	for p := path; p != ""; p = parentPath(p) {
		yp, err := yaml.PathString(p)
		if err != nil {
			continue
		}
		n, err := yp.FilterFile(file)
		if err != nil || n == nil || n.GetToken() == nil {
			continue
		}
		pos := nodeStart(n).Position
		return &PositionError{File: name, Line: pos.Line, Column: pos.Column}
	}
	return &PositionError{File: name, Line: 1, Column: 1}
}

// posErrorf is a problem at a line and column of a file (0: none),
// worded in both languages.
func posErrorf(name string, line, col int, t Text, args ...any) *PositionError {
	said := Errorf(ErrInvalid, t, args...)
	return &PositionError{File: name, Line: line, Column: col, Message: said.Error(), Said: said}
}

// nodeStart is the token where a node begins as a reader sees it: a
// mapping begins at its first key, not at its first colon.
func nodeStart(n ast.Node) *token.Token {
	switch m := n.(type) {
	case *ast.MappingNode:
		if len(m.Values) > 0 && m.Values[0].Key != nil {
			return m.Values[0].Key.GetToken()
		}
	case *ast.MappingValueNode:
		if m.Key != nil {
			return m.Key.GetToken()
		}
	}
	return n.GetToken()
}

func parentPath(p string) string {
	if p == "$" {
		return ""
	}
	if strings.HasSuffix(p, "]") {
		if i := strings.LastIndex(p, "["); i > 0 {
			return p[:i]
		}
	}
	if i := strings.LastIndex(p, "."); i > 0 {
		return p[:i]
	}
	return "$"
}

// yamlError turns the YAML library's error into one line at its position,
// worded in both languages (yamlSaid).
func yamlError(name string, err error) error {
	var ne *nodeError
	if errors.As(err, &ne) && ne.tok != nil {
		return &PositionError{File: name, Line: ne.tok.Position.Line, Column: ne.tok.Position.Column, Message: ne.said.Error(), Said: ne.said}
	}
	pe := &PositionError{File: name}
	var msg string
	// (err.Error() of the library's own errors prints the source around
	// the position: only its message is taken.)
	if ye := yaml.Error(nil); errors.As(err, &ye) {
		msg = ye.GetMessage()
		if tok := ye.GetToken(); tok != nil && tok.Position != nil {
			pe.Line, pe.Column = tok.Position.Line, tok.Position.Column
		}
	} else {
		msg = err.Error()
	}
	pe.Said = yamlSaid(cleanYAMLMessage(msg))
	pe.Message = pe.Said.Error()
	return pe
}

var (
	goFieldMessage = regexp.MustCompile(`^cannot unmarshal (.+) into Go struct field \w+\.(\w+) of type (\S+)$`)
	upperRun       = regexp.MustCompile(`[A-Z]+[a-z0-9]*`)
	goTypeWords    = map[string]string{
		"string": "text", "int": "a whole number", "float64": "a number", "bool": "true or false",
		"[]interface {}": "a list", "map[string]interface {}": "a mapping", "uint64": "a whole number",
	}
)

// yamlMessages are the YAML library's messages a standard file can meet
// (as cleanYAMLMessage leaves them), matched on their English, and the
// Chinese for them; the pattern's groups are the Chinese's arguments
// %[2]s, %[3]s… (%[1]s is the message, which the English says as it is).
var yamlMessages = []struct {
	re *regexp.Regexp
	zh string
}{
	{regexp.MustCompile(`^unknown field "(.*)"$`), "没有“%[2]s”这个字段"},
	{regexp.MustCompile(`^(\w+): expected (.+), not (.+)$`), "%[2]s 应为%[3]s，不是%[4]s"},
	{regexp.MustCompile(`^(\w+) was used where (\w+) is expected$`), "这里应为%[3]s，不是%[2]s"},
	{regexp.MustCompile(`^sequence end token '\]' not found$`), "列表缺少结尾的“]”"},
	{regexp.MustCompile(`^could not find flow mapping end token '\}'$`), "映射缺少结尾的“}”"},
	{regexp.MustCompile(`^could not find '(.)' character corresponding to '(.)'$`), "多了一个“%[3]s”，前面没有对应的“%[2]s”"},
	{regexp.MustCompile(`^found character '\t' that cannot start any token$`), "这里有一个制表符：YAML 的缩进只能用空格，不能用“Tab”键"},
	{regexp.MustCompile(`^found character '(.+)' that cannot start any token$`), "字符“%[2]s”不能出现在这里"},
	{regexp.MustCompile(`^mapping value is not allowed in this context$`), "这里不能有“键: 值”：可能是缩进不对，或者值里有冒号（请给值加上引号）"},
	{regexp.MustCompile(`^(?:could not find value for mapping key|could not find map value)$`), "键后面缺少值"},
	{regexp.MustCompile(`^expected map key-value delimiter ':'$`), "键后面缺少冒号“:”"},
	{regexp.MustCompile(`^(?:value|block sequence entries) (?:is|are) not allowed in this context`), "这里不能有值：可能是缩进不对"},
	{regexp.MustCompile(`^could not find end character of (?:double|single)-quoted text$`), "引号没有配对：缺少结尾的引号"},
	{regexp.MustCompile(`^unexpected key name$|^found an invalid key for this map$|^unexpected map key$`), "键的写法不对"},
}

// yamlSaid words a message of the YAML library in both languages: its
// English as it is, its Chinese from yamlMessages, or, for a message not
// there, a Chinese sentence that says what to look at.
func yamlSaid(msg string) *Error {
	for _, m := range yamlMessages {
		if g := m.re.FindStringSubmatch(msg); g != nil {
			args := []any{msg}
			for _, s := range g[1:] {
				args = append(args, yamlWordsZH(s))
			}
			zh := m.zh
			if strings.Contains(zh, "%") {
				zh = fmt.Sprintf(zh, args...)
			}
			return Errorf(ErrInvalid, Text{ZH: "%[2]s", EN: "%[1]s"}, msg, zh)
		}
	}
	return Errorf(ErrInvalid, Text{ZH: "YAML 的写法有误：请看这一行的缩进、冒号、引号和括号%.0s", EN: "%s"}, msg)
}

// yamlWordsZH says in Chinese the words of the library's messages and of
// cleanYAMLMessage that name kinds of values; anything else as it is.
func yamlWordsZH(s string) string {
	if zh, ok := map[string]string{
		"text": "文字", "a whole number": "整数", "a number": "数", "true or false": "true 或 false",
		"a list": "列表", "a mapping": "映射（键: 值）", "sequence": "列表", "mapping": "映射（键: 值）",
		"string": "文字", "scalar": "单个值",
	}[s]; ok {
		return zh
	}
	return s
}

// cleanYAMLMessage keeps the first line and words Go's type names for a
// reader who writes YAML, not Go.
func cleanYAMLMessage(msg string) string {
	msg, _, _ = strings.Cut(msg, "\n")
	m := goFieldMessage.FindStringSubmatch(msg)
	if m == nil {
		return msg
	}
	field := strings.ToLower(strings.Join(upperRun.FindAllString(m[2], -1), "_"))
	return fmt.Sprintf("%s: expected %s, not %s", field, typeWords(m[3]), typeWords(m[1]))
}

func typeWords(goType string) string {
	if w, ok := goTypeWords[goType]; ok {
		return w
	}
	if strings.HasPrefix(goType, "[]") {
		return "a list"
	}
	if strings.HasPrefix(goType, "checklist.") {
		return "a mapping"
	}
	return goType
}

// utf8BOM is the byte order mark Notepad writes at the start of a file
// saved as UTF-8. YAML allows it; it is dropped before parsing.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// positionErrorf is a problem at a line and column of a file, worded in
// both languages and printed as FILE:LINE:COL: what is wrong.
func positionErrorf(name string, line, col int, t Text, args ...any) *Error {
	return Errorf(ErrInvalid, Text{ZH: "%s:%d:%d：" + t.ZH, EN: "%s:%d:%d: " + t.EN},
		append([]any{name, line, col}, args...)...)
}

// checkEncoding refuses a file that is not UTF-8 text: one saved as GBK
// (the "ANSI" of a Chinese Windows) or as UTF-16 (Notepad's "Unicode")
// would otherwise be read with a replacement character for every Chinese
// one, and installed so.
func checkEncoding(name string, data []byte) error {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return positionErrorf(name, 1, 1, Text{
			ZH: "文件是 UTF-16（“Unicode”）编码，不是 UTF-8；请用记事本打开，“另存为”时编码选 UTF-8，再试一次",
			EN: "the file is UTF-16 (\"Unicode\"), not UTF-8; open it in Notepad and save it again with the encoding UTF-8"})
	}
	bad := -1
	if i := bytes.IndexByte(data, 0); i >= 0 {
		bad = i
	}
	if !utf8.Valid(data) {
		for i := 0; i < len(data) && (bad < 0 || i < bad); {
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				bad = i
				break
			}
			i += size
		}
	}
	if bad < 0 {
		return nil
	}
	line, col := lineCol(data, bad)
	return positionErrorf(name, line, col, Text{
		ZH: "文件不是 UTF-8 编码（可能存成了 GBK 或“ANSI”）；请用记事本或 WPS 打开，“另存为”时编码选 UTF-8，再试一次",
		EN: "the file is not UTF-8 text (saved as GBK or \"ANSI\"?); open it in Notepad or WPS and save it again with the encoding UTF-8"})
}

// lineCol is the line and column, counted from 1 in characters, of byte
// i of data.
func lineCol(data []byte, i int) (line, col int) {
	i = min(max(i, 0), len(data))
	start := bytes.LastIndexByte(data[:i], '\n') + 1
	return bytes.Count(data[:i], []byte("\n")) + 1, utf8.RuneCount(data[start:i]) + 1
}

// checkShape measures a standard file's nesting and its marks (keys,
// values, punctuation, comments) on the bytes, with a scanner that follows
// YAML's structure closely enough to bound it, and refuses a file past
// MaxStandardDepth, MaxStandardMarks or MaxStandardKeys, or one with an alias (*name, which
// can repeat a part of the file without end), before the YAML library
// builds anything. It allocates almost nothing whatever the file.
//
// It is not a YAML parser: it over-counts rather than under-counts, and a
// file it lets through may still be refused by the parser.
func checkShape(name string, data []byte) error {
	return checkShapeBounds(name, data, MaxStandardDepth, MaxStandardMarks, MaxStandardKeys)
}

// level is a block level open at a point of a file: its column, and the
// keys of its mapping so far.
type level struct{ col, keys int }

// checkShapeBounds is checkShape with the bounds given.
func checkShapeBounds(name string, data []byte, maxDepth, maxMarks, maxKeys int) error {
	var (
		flow    int     // depth of the flow collections ([ {) open here
		levels  []level // the block levels open here
		marks   int
		skipped = -1 // while >= 0, lines indented more than this are a block scalar's text
	)
	fail := func(i int, t Text, args ...any) error {
		line, col := lineCol(data, i)
		return positionErrorf(name, line, col, t, args...)
	}
	mark := func(i int) error {
		if marks++; marks > maxMarks {
			return fail(i, Text{
				ZH: "文件的内容项（键、值、标点和注释）超过 %d 个，不像一个检查标准（随程序提供的标准约 800 个）",
				EN: "the file has more than %d keys, values, punctuation marks and comments; a standard has about 800"},
				maxMarks)
		}
		return nil
	}
	deeper := func(i int) error {
		if len(levels)+flow > maxDepth {
			return fail(i, Text{
				ZH: "列表和映射嵌套超过 %d 层，不像一个检查标准（随程序提供的标准有 7 层）",
				EN: "lists and mappings nested more than %d deep; a standard is about 7 deep"},
				maxDepth)
		}
		return nil
	}
	// block is at a node starting at column col of a block level: it
	// closes the levels right of it and opens a new one unless the node
	// continues the level at col.
	block := func(i, col int) error {
		for len(levels) > 0 && levels[len(levels)-1].col > col {
			levels = levels[:len(levels)-1]
		}
		if len(levels) > 0 && levels[len(levels)-1].col == col {
			return nil
		}
		levels = append(levels, level{col: col})
		return deeper(i)
	}
	i := 0
	for i < len(data) {
		// The start of a line: its indentation.
		lineStart := i
		for i < len(data) && (data[i] == ' ' || data[i] == '\t') {
			i++
		}
		indent := i - lineStart
		if i == len(data) || data[i] == '\n' || data[i] == '\r' {
			i = nextLine(data, i)
			continue
		}
		if skipped >= 0 && indent > skipped {
			i = nextLine(data, i)
			continue
		}
		skipped = -1
		if flow == 0 && data[i] != '#' {
			if err := block(i, indent); err != nil {
				return err
			}
		}
		// The rest of the line. start: the next character begins a node.
		start := true
		for i < len(data) && data[i] != '\n' {
			c := data[i]
			next := byte(' ')
			if i+1 < len(data) {
				next = data[i+1]
			}
			spaceNext := next == ' ' || next == '\t' || next == '\n' || next == '\r'
			switch {
			case c == ' ' || c == '\t' || c == '\r':
				i++
				if i < len(data) && data[i] == '#' {
					i = lineEnd(data, i)
					if err := mark(i); err != nil {
						return err
					}
				}
				continue
			case c == '#' && start:
				if err := mark(i); err != nil {
					return err
				}
				i = lineEnd(data, i)
				continue
			case (c == '"' || c == '\'') && start:
				if err := mark(i); err != nil {
					return err
				}
				i = quotedEnd(data, i)
				start = false
				continue
			case (c == '[' || c == '{') && (start || flow > 0):
				flow++
				if err := mark(i); err != nil {
					return err
				}
				if err := deeper(i); err != nil {
					return err
				}
				start = true
			case (c == ']' || c == '}') && flow > 0:
				flow--
				start = false
				if err := mark(i); err != nil {
					return err
				}
			case c == ',' && flow > 0:
				start = true
				if err := mark(i); err != nil {
					return err
				}
			case (c == '-' || c == '?') && start && spaceNext:
				if err := mark(i); err != nil {
					return err
				}
				if flow == 0 {
					// What follows on the line is a level deeper.
					j := i + 1
					for j < len(data) && (data[j] == ' ' || data[j] == '\t') {
						j++
					}
					if j < len(data) && data[j] != '\n' && data[j] != '\r' && data[j] != '#' {
						if err := block(j, j-lineStart); err != nil {
							return err
						}
					}
				}
				start = true
			case c == ':' && (spaceNext || flow > 0 && strings.IndexByte(",[]{}", next) >= 0):
				if err := mark(i); err != nil {
					return err
				}
				if flow == 0 && len(levels) > 0 {
					l := &levels[len(levels)-1]
					if l.keys++; l.keys > maxKeys {
						return fail(i, Text{
							ZH: "一个映射的键超过 %d 个，不像一个检查标准（随程序提供的标准最多 10 个）",
							EN: "a mapping has more than %d keys; a standard has at most about 10"},
							maxKeys)
					}
				}
				start = true
			case c == '*' && start:
				return fail(i, Text{
					ZH: "标准文件里不能用别名（*名称）；请把要重复的内容直接写出来",
					EN: "a standard file may not use aliases (*name); write the repeated part out"})
			case (c == '|' || c == '>') && start && flow == 0:
				if err := mark(i); err != nil {
					return err
				}
				skipped = indent
				i = lineEnd(data, i)
				continue
			default:
				if start {
					if err := mark(i); err != nil {
						return err
					}
				}
				start = false
			}
			i++
		}
		i = nextLine(data, i)
	}
	return nil
}

// lineEnd is the index of the line break ending the line of byte i, or
// the end of data.
func lineEnd(data []byte, i int) int {
	if j := bytes.IndexByte(data[i:], '\n'); j >= 0 {
		return i + j
	}
	return len(data)
}

// nextLine is the index of the first byte of the line after the one of
// byte i.
func nextLine(data []byte, i int) int {
	if e := lineEnd(data, i); e < len(data) {
		return e + 1
	}
	return len(data)
}

// quotedEnd is the index just after the quoted scalar starting at byte i
// (a ' or a "), which may span lines, or the end of data if it is not
// closed.
func quotedEnd(data []byte, i int) int {
	q := data[i]
	for j := i + 1; j < len(data); j++ {
		switch {
		case q == '"' && data[j] == '\\':
			j++
		case data[j] == q && q == '\'' && j+1 < len(data) && data[j+1] == '\'':
			j++
		case data[j] == q:
			return j + 1
		}
	}
	return len(data)
}
