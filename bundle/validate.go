package bundle

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"

	"branchcheck/checklist"
)

// Kind is a kind of id an Index keeps.
type Kind byte

// The kinds of id.
const (
	KindStandard Kind = iota + 1
	KindSchool
	KindInspection
	// KindAuditGroup: an inspection whose audit entries have been read.
	KindAuditGroup
	// KindRectification: a rectification whose decisions have been read.
	KindRectification
	// KindSelfAssessment, KindVeto, KindYearStage: the year-end records
	// read (version 4), by id (a year's stage by its year).
	KindSelfAssessment
	KindVeto
	KindYearStage
	// KindYearAudit: an entry of a year's audit trail, by its year and
	// the SHA-256 of its line.
	KindYearAudit
)

// Index remembers the ids a bundle's records used so far, for the checks
// that span records: no id twice, an inspection's school before it, an
// audit entry's inspection before it with its other entries. A reader of
// bundles of any size keeps it outside memory (the store keeps it in the
// scratch copy it merges into).
type Index interface {
	// Add records an id of a kind and reports whether it was new.
	Add(kind Kind, id string) (bool, error)
	// Has reports whether an id of a kind was recorded.
	Has(kind Kind, id string) (bool, error)
}

// NewMemoryIndex returns an Index kept in memory.
func NewMemoryIndex() Index { return memoryIndex{} }

type memoryIndex map[Kind]map[string]bool

func (m memoryIndex) Add(k Kind, id string) (bool, error) {
	if m[k][id] {
		return false, nil
	}
	if m[k] == nil {
		m[k] = map[string]bool{}
	}
	m[k][id] = true
	return true, nil
}

func (m memoryIndex) Has(k Kind, id string) (bool, error) { return m[k][id], nil }

// checker checks records one at a time, each on its own and against the
// ids of those before it.
type checker struct {
	idx     Index
	lim     Limits
	version int
	// scored holds, for each standard read, its scored items;
	// situations its veto situations; years its year (0: any).
	scored     map[string]map[string]bool
	situations map[string]map[string]bool
	years      map[string]int
	// The audit entries of the inspection being read.
	group     string
	groupSeen map[[32]byte]bool
}

func newChecker(idx Index, lim Limits, version int) *checker {
	return &checker{idx: idx, lim: lim, version: version, scored: map[string]map[string]bool{},
		situations: map[string]map[string]bool{}, years: map[string]int{}}
}

// The names of what a bundle holds, for the messages.
var (
	textStandard   = checklist.Text{ZH: "标准", EN: "standard"}
	textSchool     = checklist.Text{ZH: "学校", EN: "school"}
	textInspection = checklist.Text{ZH: "检查", EN: "inspection"}
	textAudit      = checklist.Text{ZH: "审计记录", EN: "audit entry"}
	textRect       = checklist.Text{ZH: "整改事项", EN: "rectification"}
	textID         = checklist.Text{ZH: "编号", EN: "id"}
	textAlias      = checklist.Text{ZH: "别名编号", EN: "alias"}
	textDatabase   = checklist.Text{ZH: "数据库编号", EN: "database id"}
	textItem       = checklist.Text{ZH: "项目编号", EN: "item id"}
	textAnswerBy   = checklist.Text{ZH: "作答人", EN: "answered by"}
	textChangedBy  = checklist.Text{ZH: "修改人", EN: "changed by"}
)

func bad(t checklist.Text, args ...any) *checklist.Error {
	return checklist.Errorf(ErrInvalidData, t, args...)
}

// decoded decodes a record's data strictly as a T (what names it in the
// error) and checks it with check.
func decoded[T any](data []byte, what checklist.Text, check func(*T) error) (*T, error) {
	v := new(T)
	if err := strictJSON(data, v); err != nil {
		return nil, bad(checklist.Text{ZH: what.ZH + "：%v", EN: what.EN + ": %v"}, err)
	}
	return v, check(v)
}

// record decodes and checks one record. skip: a version 1 bundle repeats
// an audit entry, which is read once.
func (c *checker) record(rec record, raw []byte) (Record, bool, error) {
	if rec.Type != typeAudit {
		c.group = ""
	}
	switch rec.Type {
	case typeStandard:
		s, err := decoded(rec.Data, checklist.Text{ZH: "标准", EN: "standard"}, c.standard)
		return Record{Standard: s}, false, err
	case typeSchool:
		s, err := decoded(rec.Data, checklist.Text{ZH: "学校", EN: "school"}, c.school)
		return Record{School: s}, false, err
	case typeInspection:
		in, err := decoded(rec.Data, checklist.Text{ZH: "检查", EN: "inspection"}, c.inspection)
		return Record{Inspection: in}, false, err
	case typeAudit:
		var ch checklist.Change
		if err := strictJSON(rec.Data, &ch); err != nil {
			return Record{}, false, bad(checklist.Text{ZH: "审计记录：%v", EN: "audit entry: %v"}, err)
		}
		skip, err := c.audit(&ch, raw)
		return Record{Audit: &ch}, skip, err
	case typeRect:
		if c.version < 3 {
			break // a record version 3 added: unknown before
		}
		d, err := decoded(rec.Data, checklist.Text{ZH: "整改事项", EN: "rectification"}, c.rectification)
		return Record{Rectification: d}, false, err
	case typeSelf, typeVeto, typeStage, typeYearAudit:
		if c.version < 4 {
			break // records version 4 added: unknown before
		}
		return c.yearRecord(rec, raw)
	}
	return Record{}, false, bad(checklist.Text{ZH: "未知的记录类型 %s", EN: "unknown record type %s"}, quote(rec.Type))
}

func (c *checker) standard(s *checklist.Standard) error {
	if err := checkID(textStandard, s.ID); err != nil {
		return err
	}
	if err := s.Validate(); err != nil {
		return bad(checklist.Text{ZH: "标准 %s：%v", EN: "standard %s: %v"}, quote(s.ID), err)
	}
	if err := c.add(KindStandard, textStandard, s.ID); err != nil {
		return err
	}
	if len(c.scored) >= c.lim.MaxStandards {
		return checklist.Errorf(ErrTooLarge, checklist.Text{ZH: "导入包中的标准超过 %d 套", EN: "more than %d standards"}, c.lim.MaxStandards)
	}
	items := map[string]bool{}
	for _, it := range s.ScoredItems() {
		items[it.ID] = true
	}
	c.scored[s.ID] = items
	sits := map[string]bool{}
	for _, v := range s.VetoSituations {
		sits[v.ID] = true
	}
	c.situations[s.ID], c.years[s.ID] = sits, s.Year
	return nil
}

func (c *checker) school(s *checklist.School) error {
	if err := checkID(textSchool, s.ID); err != nil {
		return err
	}
	if err := s.Validate(); err != nil {
		return bad(checklist.Text{ZH: "学校 %s：%v", EN: "school %s: %v"}, quote(s.ID), err)
	}
	if err := checkSchoolText(s); err != nil {
		return bad(checklist.Text{ZH: "学校 %s", EN: "school %s"}, quote(s.ID)).Because(err)
	}
	for _, a := range s.Aliases {
		if err := checklist.CheckLine(textAlias, a, checklist.MaxLine); err != nil || a == "" {
			return bad(checklist.Text{ZH: "学校 %s 的别名编号不正确", EN: "school %s has a bad alias"}, quote(s.ID))
		}
	}
	if err := checkVersions(s.Versions, false); err != nil {
		return bad(checklist.Text{ZH: "学校 %s", EN: "school %s"}, quote(s.ID)).Because(err)
	}
	return c.add(KindSchool, textSchool, s.ID)
}

func (c *checker) rectification(d *checklist.RectDecisions) error {
	if err := checkID(textRect, d.ID); err != nil {
		return err
	}
	visit, item, _ := strings.Cut(d.ID, "/")
	if visit == "" || item == "" || strings.Contains(item, "/") {
		return bad(checklist.Text{ZH: "整改事项 %s 的编号不是“检查编号/项目编号”", EN: "rectification %s: its id is not VISIT/ITEM"}, quote(d.ID))
	}
	if err := checkID(textSchool, d.SchoolID); err != nil {
		return bad(checklist.Text{ZH: "整改事项 %s", EN: "rectification %s"}, quote(d.ID)).Because(err)
	}
	ok, err := c.idx.Has(KindSchool, d.SchoolID)
	if err != nil {
		return err
	}
	if !ok {
		return bad(checklist.Text{ZH: "整改事项 %s 的学校 %s 不在导入包中（或在它之后）", EN: "rectification %s: its school %s is not in the bundle before it"}, quote(d.ID), quote(d.SchoolID))
	}
	if err := checkVersions(d.Versions, true); err != nil {
		return bad(checklist.Text{ZH: "整改事项 %s", EN: "rectification %s"}, quote(d.ID)).Because(err)
	}
	if d.UpdatedAt.IsZero() {
		return bad(checklist.Text{ZH: "整改事项 %s 没有修改时间", EN: "rectification %s has no change time"}, quote(d.ID))
	}
	if err := checkActionsText(&d.Actions); err != nil {
		return bad(checklist.Text{ZH: "整改事项 %s", EN: "rectification %s"}, quote(d.ID)).Because(err)
	}
	if err := checkActions(&d.Actions); err != nil {
		return bad(checklist.Text{ZH: "整改事项 %s", EN: "rectification %s"}, quote(d.ID)).Because(err)
	}
	return c.add(KindRectification, textRect, d.ID)
}

// checkActions refuses decisions no database makes: a report without the
// day or who reported it, a closure by hand without the day or the
// reason, or what goes with them without them.
func checkActions(a *checklist.RectActions) error {
	switch {
	case a.ReportedOn.IsZero() && (a.ReportedBy != "" || a.Evidence != ""):
		return bad(checklist.Text{ZH: "有报告人或佐证材料，却没有报告整改完成的日期", EN: "a reporter or evidence without the day it was reported done"})
	case !a.ReportedOn.IsZero() && a.ReportedBy == "":
		return bad(checklist.Text{ZH: "报告了整改完成，却没有报告人", EN: "reported done without who reported it"})
	case a.ClosedOn.IsZero() && (a.ClosedBy != "" || a.CloseReason != ""):
		return bad(checklist.Text{ZH: "有销号人或销号原因，却没有销号日期", EN: "who closed it or why without the day it was closed"})
	case !a.ClosedOn.IsZero() && a.CloseReason == "":
		return bad(checklist.Text{ZH: "手工销号却没有原因", EN: "closed by hand without a reason"})
	}
	return nil
}

// checkActionsText applies the rules for text that comes in to a
// rectification's decisions.
func checkActionsText(a *checklist.RectActions) error {
	for _, f := range []struct {
		name checklist.Text
		v    string
		note bool
	}{
		{checklist.TextResponsible, a.Responsible, false}, {checklist.TextReportedBy, a.ReportedBy, false},
		{checklist.TextEvidence, a.Evidence, true}, {checklist.TextReason, a.CloseReason, true},
		{textChangedBy, a.ClosedBy, false},
	} {
		check, limit := checklist.CheckLine, checklist.MaxLine
		if f.note {
			check, limit = checklist.CheckNote, checklist.MaxNote
		}
		if err := check(f.name, f.v, limit); err != nil {
			return err
		}
	}
	return nil
}

// checkSchoolText applies the rules for text that comes in to a school's
// fields.
func checkSchoolText(s *checklist.School) error {
	for _, f := range []struct {
		name checklist.Text
		v    string
	}{
		{checklist.TextSchoolName, s.Name}, {checklist.TextTownship, s.Township}, {checklist.TextKind, s.Kind},
		{checklist.TextSecretary, s.Secretary}, {checklist.TextContact, s.Contact},
	} {
		if err := checklist.CheckLine(f.name, f.v, checklist.MaxLine); err != nil {
			return err
		}
	}
	return nil
}

func (c *checker) inspection(in *checklist.Inspection) error {
	if err := checkID(textInspection, in.ID); err != nil {
		return err
	}
	if err := c.inspectionCopy(in, in); err != nil {
		return bad(checklist.Text{ZH: "检查 %s", EN: "inspection %s"}, quote(in.ID)).Because(err)
	}
	for i := range in.Conflicting {
		o := &in.Conflicting[i]
		if err := c.inspectionCopy(o, in); err != nil {
			return bad(checklist.Text{ZH: "检查 %s 的另一版本", EN: "inspection %s, a concurrent copy"}, quote(in.ID)).Because(err)
		}
	}
	return c.add(KindInspection, textInspection, in.ID)
}

// inspectionCopy checks one copy of an inspection: the inspection itself
// (main) or a copy it keeps beside it.
func (c *checker) inspectionCopy(in, main *checklist.Inspection) error {
	std := c.scored[in.StandardID]
	switch {
	case in != main && (in.ID != main.ID || in.SchoolID != main.SchoolID || in.StandardID != main.StandardID):
		// Its date may differ: a draft's date can be corrected.
		return bad(checklist.Text{ZH: "与本检查的学校或标准不同", EN: "it is of another school or standard"})
	case in != main && len(in.Conflicting) > 0:
		return bad(checklist.Text{ZH: "另一版本中又有另一版本", EN: "a concurrent copy holds copies of its own"})
	case in.SchoolID == "":
		return bad(checklist.Text{ZH: "没有学校", EN: "no school"})
	case std == nil:
		return bad(checklist.Text{ZH: "它的标准 %s 不在导入包中（或在它之后）", EN: "its standard %s is not in the bundle before it"}, quote(in.StandardID))
	case in.Inspector == "":
		return bad(checklist.Text{ZH: "没有检查人", EN: "no inspector"})
	case in.Date.IsZero():
		return bad(checklist.Text{ZH: "没有日期", EN: "no date"})
	case in.Status != checklist.Draft && in.Status != checklist.Finalized:
		return bad(checklist.Text{ZH: "未知的状态 %s", EN: "unknown status %s"}, quote(string(in.Status)))
	case len(in.Versions) == 0:
		return bad(checklist.Text{ZH: "没有版本向量", EN: "no version vector"})
	}
	if in == main {
		ok, err := c.idx.Has(KindSchool, in.SchoolID)
		if err != nil {
			return err
		}
		if !ok {
			return bad(checklist.Text{ZH: "它的学校 %s 不在导入包中（或在它之后）", EN: "its school %s is not in the bundle before it"}, quote(in.SchoolID))
		}
	}
	if err := checkVersions(in.Versions, true); err != nil {
		return err
	}
	if err := checklist.CheckLine(checklist.TextInspector, in.Inspector, checklist.MaxLine); err != nil {
		return err
	}
	if err := checklist.CheckNote(checklist.TextReason, in.ReopenReason, checklist.MaxNote); err != nil {
		return err
	}
	for id, a := range in.Answers {
		switch {
		case !std[id]:
			return bad(checklist.Text{ZH: "项目 %s 的答案：标准 %s 中没有这个计分项目", EN: "an answer for item %s, which standard %s does not have as a scored item"}, quote(id), quote(in.StandardID))
		case !a.Verdict.Valid():
			return bad(checklist.Text{ZH: "项目 %s：未知的结论 %s", EN: "item %s: unknown verdict %s"}, quote(id), quote(string(a.Verdict)))
		}
		if err := checklist.CheckNote(checklist.TextNote, a.Note, checklist.MaxNote); err != nil {
			return err
		}
		if err := checklist.CheckLine(textAnswerBy, a.By, checklist.MaxLine); err != nil {
			return err
		}
	}
	if in.Status == checklist.Finalized {
		missing := 0
		for id := range std {
			if in.Answers[id].Verdict == checklist.Unanswered {
				missing++
			}
		}
		if missing > 0 {
			return bad(checklist.Text{ZH: "已定稿，却有 %d 个项目未作答", EN: "finalized with %v unanswered"}, checklist.Counted(missing, "item", "items"))
		}
	}
	return nil
}

func (c *checker) audit(ch *checklist.Change, raw []byte) (skip bool, err error) {
	if err := checkID(textInspection, ch.InspectionID); err != nil {
		return false, err
	}
	if ch.InspectionID != c.group {
		ok, err := c.idx.Has(KindInspection, ch.InspectionID)
		if err != nil {
			return false, err
		}
		if !ok {
			return false, bad(checklist.Text{ZH: "一条审计记录属于检查 %s，它不在导入包中（或在它之后）", EN: "an audit entry belongs to inspection %s, which is not in the bundle before it"}, quote(ch.InspectionID))
		}
		if first, err := c.idx.Add(KindAuditGroup, ch.InspectionID); err != nil {
			return false, err
		} else if !first {
			return false, bad(checklist.Text{ZH: "检查 %s 的审计记录没有放在一起", EN: "the audit entries of inspection %s are not together"}, quote(ch.InspectionID))
		}
		c.group, c.groupSeen = ch.InspectionID, map[[32]byte]bool{}
	}
	sum := sha256.Sum256(raw)
	if c.groupSeen[sum] { // not the line as written (see repeated), but the same entry
		if c.version == 1 {
			return true, nil // an old database could hold one entry twice
		}
		return false, bad(checklist.Text{ZH: "检查 %s 的一条审计记录出现了两次", EN: "an audit entry of inspection %s appears twice"}, quote(ch.InspectionID))
	}
	if len(c.groupSeen) >= c.lim.MaxAudit {
		return false, checklist.Errorf(ErrTooLarge, checklist.Text{ZH: "检查 %s 的审计记录超过 %d 条", EN: "more than %[2]d audit entries for inspection %[1]s"}, quote(ch.InspectionID), c.lim.MaxAudit)
	}
	c.groupSeen[sum] = true
	switch ch.Field {
	case checklist.FieldVerdict:
		for _, v := range []string{ch.Old, ch.New} {
			if !checklist.Verdict(v).Valid() {
				return false, bad(checklist.Text{ZH: "检查 %s 的一条审计记录中有未知的结论 %s", EN: "an audit entry of inspection %s holds an unknown verdict %s"}, quote(ch.InspectionID), quote(v))
			}
		}
	case checklist.FieldStatus:
		for i, v := range []string{ch.Old, ch.New} {
			if i == 0 && v == "" && ch.New == string(checklist.Draft) {
				continue // a visit started in a confirmed year, with the reason (the year lock)
			}
			if v != string(checklist.Draft) && v != string(checklist.Finalized) {
				return false, bad(checklist.Text{ZH: "检查 %s 的一条审计记录中有未知的状态 %s", EN: "an audit entry of inspection %s holds an unknown status %s"}, quote(ch.InspectionID), quote(v))
			}
		}
	case checklist.FieldNote:
		for _, v := range []string{ch.Old, ch.New} {
			if err := checklist.CheckNote(checklist.TextNote, v, checklist.MaxNote); err != nil {
				return false, err
			}
		}
	case checklist.FieldMerge:
		// Old is a whole copy of the inspection, as JSON; New says what
		// was kept (version 1).
		if !json.Valid([]byte(ch.Old)) {
			return false, bad(checklist.Text{ZH: "检查 %s 的一条合并审计记录不是 JSON", EN: "a merge audit entry of inspection %s is not JSON"}, quote(ch.InspectionID))
		}
		if err := checklist.CheckLine(textAudit, ch.New, 1000); err != nil {
			return false, err
		}
	case checklist.FieldRectification:
		// Old and New are a rectification's decisions (RectActions), as
		// JSON.
		for _, v := range []string{ch.Old, ch.New} {
			var a checklist.RectActions
			if err := json.Unmarshal([]byte(v), &a); err != nil {
				return false, bad(checklist.Text{ZH: "检查 %s 的一条整改审计记录不是整改决定", EN: "a rectification audit entry of inspection %s is not a rectification's decisions"}, quote(ch.InspectionID))
			}
			if err := checkActionsText(&a); err != nil {
				return false, err
			}
		}
	case checklist.FieldValue:
		for _, v := range []string{ch.Old, ch.New} {
			if _, err := strconv.ParseFloat(v, 64); v != "" && err != nil {
				return false, bad(checklist.Text{ZH: "检查 %s 的一条审计记录中的数值 %s 不是数", EN: "an audit entry of inspection %s holds a value %s that is not a number"}, quote(ch.InspectionID), quote(v))
			}
		}
	default:
		return false, bad(checklist.Text{ZH: "检查 %s 的一条审计记录修改了未知的字段 %s", EN: "an audit entry of inspection %s changes an unknown field %s"}, quote(ch.InspectionID), quote(ch.Field))
	}
	for _, f := range []struct {
		name checklist.Text
		v    string
		note bool
	}{{textItem, ch.ItemID, false}, {textChangedBy, ch.By, false}, {checklist.TextReason, ch.Reason, true}} {
		check := checklist.CheckLine
		if f.note {
			check = checklist.CheckNote
		}
		if err := check(f.name, f.v, checklist.MaxNote); err != nil {
			return false, err
		}
	}
	return false, nil
}

var auditPrefix = []byte(`{"type":"audit",`)

// repeated reports whether a raw line is an audit entry of the inspection
// whose entries are being read, given before: the same line, byte for
// byte.
func (c *checker) repeated(raw []byte) bool {
	return c.group != "" && bytes.HasPrefix(raw, auditPrefix) && c.groupSeen[sha256.Sum256(raw)]
}

// add records an id, refusing one seen before.
func (c *checker) add(k Kind, what checklist.Text, id string) error {
	first, err := c.idx.Add(k, id)
	if err != nil {
		return err
	}
	if !first {
		return bad(checklist.Text{ZH: "%s %s 出现了两次", EN: "%s %s appears twice"}, what, quote(id))
	}
	return nil
}

// checkID refuses an empty id or one that is not a short line of text.
func checkID(what checklist.Text, id string) error {
	if id == "" {
		return bad(checklist.Text{ZH: "%s没有编号", EN: "a %s without an id"}, what)
	}
	if err := checklist.CheckLine(textID, id, checklist.MaxLine); err != nil {
		return bad(checklist.Text{ZH: "%s的编号不正确", EN: "a %s with a bad id"}, what).Because(err)
	}
	return nil
}

// checkVersions checks a version vector's database ids; need: it must not
// be empty.
func checkVersions(v map[string]uint64, need bool) error {
	if need && len(v) == 0 {
		return bad(checklist.Text{ZH: "没有版本向量", EN: "no version vector"})
	}
	for k := range v {
		if k == "" || checklist.CheckLine(textDatabase, k, checklist.MaxLine) != nil {
			return bad(checklist.Text{ZH: "版本向量中的数据库编号不正确", EN: "a bad database id in the version vector"})
		}
	}
	return nil
}

// quote writes a value from a bundle for a message: quoted, with every
// control or invisible character escaped, and cut short if long, so no
// text in a bundle reaches a terminal as it is. Chinese quotes it in
// full-width “”, English in ASCII quotes (as %q does).
func quote(s string) checklist.Text {
	const most = 40
	cut := ""
	if utf8.RuneCountInString(s) > most {
		s, cut = string([]rune(s)[:most]), "…"
	}
	q := checklist.Quote(s)
	return checklist.Text{ZH: q.ZH + cut, EN: q.EN + cut}
}

// Validate checks the records of an in-memory bundle as a Reader does,
// in the order Write writes them. The first problem is returned, wrapping
// ErrInvalidData.
func (b *Bundle) Validate() error {
	c := newChecker(NewMemoryIndex(), DefaultLimits(), Version)
	check := func(typ string, v any) error {
		data, err := json.Marshal(v)
		if err != nil {
			return err
		}
		_, _, err = c.record(record{Type: typ, Data: data}, append([]byte(typ), data...))
		return err
	}
	for _, s := range b.Standards {
		if err := check(typeStandard, s); err != nil {
			return err
		}
	}
	for i := range b.Schools {
		if err := check(typeSchool, &b.Schools[i]); err != nil {
			return err
		}
	}
	trails := map[string][]*checklist.Change{}
	var order []string
	for i := range b.Audit {
		id := b.Audit[i].InspectionID
		if trails[id] == nil {
			order = append(order, id)
		}
		trails[id] = append(trails[id], &b.Audit[i])
	}
	for _, in := range b.Inspections {
		if err := check(typeInspection, in); err != nil {
			return err
		}
		for _, ch := range trails[in.ID] {
			if err := check(typeAudit, ch); err != nil {
				return err
			}
		}
		delete(trails, in.ID)
	}
	for i := range b.Rectifications {
		if err := check(typeRect, &b.Rectifications[i]); err != nil {
			return err
		}
	}
	for i := range b.SelfAssessments {
		if err := check(typeSelf, &b.SelfAssessments[i]); err != nil {
			return err
		}
	}
	for i := range b.Vetoes {
		if err := check(typeVeto, &b.Vetoes[i]); err != nil {
			return err
		}
	}
	for i := range b.YearStages {
		if err := check(typeStage, &b.YearStages[i]); err != nil {
			return err
		}
	}
	for i := range b.YearAudit {
		if err := check(typeYearAudit, &b.YearAudit[i]); err != nil {
			return err
		}
	}
	for _, id := range order {
		for _, ch := range trails[id] {
			if err := check(typeAudit, ch); err != nil {
				return err
			}
		}
	}
	return nil
}
