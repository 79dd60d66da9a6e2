package checklist

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

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
		return nil, fmt.Errorf("read standard %s: %w", name, err)
	}
	return ParseStandard(name, data)
}

// ParseStandard parses and validates a standard file (YAML, see the
// shipped standard for the format). It is strict: an unknown field, a
// duplicate or missing id, empty text, a weight or points of 0 or less,
// star thresholds out of order or a lagging bound outside the scale are
// each refused. The error is a *PositionError that prints as
// FILE:LINE:COL: what is wrong.
func ParseStandard(name string, data []byte) (std *Standard, err error) {
	if len(data) > MaxStandardFileSize {
		return nil, &PositionError{File: name, Message: fmt.Sprintf("file is larger than %d bytes; not a standard", MaxStandardFileSize)}
	}
	if len(strings.TrimSpace(string(data))) == 0 {
		return nil, &PositionError{File: name, Message: "file is empty; expected a standard (YAML)"}
	}
	// The YAML library is third-party code run on untrusted input: a panic
	// in it must reach the user as an error, not a stack trace.
	defer func() {
		if r := recover(); r != nil {
			std, err = nil, &PositionError{File: name, Message: fmt.Sprintf("cannot read the file as YAML (%v)", r)}
		}
	}()
	file, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, yamlError(name, err)
	}
	if len(file.Docs) != 1 || file.Docs[0].Body == nil {
		return nil, &PositionError{File: name, Message: "expected exactly one YAML document holding a standard"}
	}
	var f fileStandard
	if err := yaml.NodeToValue(file.Docs[0].Body, &f, yaml.Strict()); err != nil {
		return nil, yamlError(name, err)
	}
	if f.Format == nil {
		return nil, positioned(name, file, "$", fmt.Sprintf("missing field format (this program reads format %d)", StandardFormat))
	}
	if *f.Format != StandardFormat {
		return nil, positioned(name, file, "$.format", fmt.Sprintf("format %d is not one this program reads (it reads %d)", *f.Format, StandardFormat))
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
		msg, said := verr.Message, verr.Said
		if verr.First != "" {
			if first := positioned(name, file, filePath(verr.First, shorthand), ""); first.Line > 0 {
				msg = fmt.Sprintf("%s (first at line %d)", msg, first.Line)
				if said != nil {
					said = Errorf(said.Kind, Text{ZH: "%s（首次出现在第 %d 行）", EN: "%s (first at line %d)"}, said, first.Line)
				}
			}
		}
		pe := positioned(name, file, filePath(verr.Path, shorthand), msg)
		pe.Said = said
		return nil, pe
	}
	return s, nil
}

// checkIDs refuses ids that would not survive as keys and cells.
func (s *Standard) checkIDs() *ValidationError {
	if !idPattern.MatchString(s.ID) {
		return invalid("$.id", fmt.Sprintf("id %q: use letters, digits, '.', '-' or '_' (at most 64)", s.ID))
	}
	for ri, r := range s.Requirements {
		if !idPattern.MatchString(r.ID) {
			return invalid(fmt.Sprintf("$.requirements[%d].id", ri), fmt.Sprintf("requirement id %q: use letters, digits, '.', '-' or '_'", r.ID))
		}
		for gi, g := range r.Groups {
			for ii, it := range g.Items {
				if !idPattern.MatchString(it.ID) {
					return invalid(fmt.Sprintf("$.requirements[%d].groups[%d].items[%d].id", ri, gi, ii), fmt.Sprintf("item id %q: use letters, digits, '.', '-' or '_'", it.ID))
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
		return &nodeError{tok: node.GetToken(), msg: `an id must be a single value such as "3.10"`}
	}
	return nil
}

type nodeError struct {
	tok *token.Token
	msg string
}

func (e *nodeError) Error() string { return e.msg }

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
// there. A path that is not in the file (a field left out) is reported at
// the nearest enclosing node that is.
func positioned(name string, file *ast.File, path, msg string) *PositionError {
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
		return &PositionError{File: name, Line: pos.Line, Column: pos.Column, Message: msg}
	}
	return &PositionError{File: name, Line: 1, Column: 1, Message: msg}
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

// yamlError turns the YAML library's error into one line at its position.
func yamlError(name string, err error) error {
	var ne *nodeError
	if errors.As(err, &ne) && ne.tok != nil {
		return &PositionError{File: name, Line: ne.tok.Position.Line, Column: ne.tok.Position.Column, Message: ne.msg}
	}
	var ye yaml.Error
	if errors.As(err, &ye) {
		msg := ye.GetMessage()
		if tok := ye.GetToken(); tok != nil && tok.Position != nil {
			return &PositionError{File: name, Line: tok.Position.Line, Column: tok.Position.Column, Message: cleanYAMLMessage(msg)}
		}
		return &PositionError{File: name, Message: cleanYAMLMessage(msg)}
	}
	return &PositionError{File: name, Message: cleanYAMLMessage(err.Error())}
}

var (
	goFieldMessage = regexp.MustCompile(`^cannot unmarshal (.+) into Go struct field \w+\.(\w+) of type (\S+)$`)
	upperRun       = regexp.MustCompile(`[A-Z]+[a-z0-9]*`)
	goTypeWords    = map[string]string{
		"string": "text", "int": "a whole number", "float64": "a number", "bool": "true or false",
		"[]interface {}": "a list", "map[string]interface {}": "a mapping", "uint64": "a whole number",
	}
)

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
