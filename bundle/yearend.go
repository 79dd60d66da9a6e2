package bundle

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"strconv"

	"branchcheck/checklist"
)

// The year-end records (version 4): a school's self-assessment for a year,
// a veto record, a year's stage, an entry of a year's audit trail.

// YearAuditEntry is an entry of a year's audit trail (a change of its
// stage, of a self-assessment or of a veto record) with its year. Its
// InspectionID names the record as the database that made the change
// knew it: the year ("2027"), a self-assessment (SCHOOL/YEAR) or a veto
// record (SCHOOL/YEAR/SITUATION).
type YearAuditEntry struct {
	Year int `json:"year"`
	checklist.Change
}

// The names of the year-end records, for the messages.
var (
	textSelf      = checklist.Text{ZH: "自评", EN: "self-assessment"}
	textVeto      = checklist.Text{ZH: "一票否决记录", EN: "veto record"}
	textStage     = checklist.Text{ZH: "年度评定阶段", EN: "year stage"}
	textYearAudit = checklist.Text{ZH: "年度审计记录", EN: "year audit entry"}
)

func checkYear(what checklist.Text, id string, year int) error {
	if year < 1 || year > 9999 {
		return bad(checklist.Text{ZH: "%s %s 的年度 %d 不是一个年份", EN: "%s %s: %d is not a year"}, what, quote(id), year)
	}
	return nil
}

// checkLines applies the rules for text that comes in to one-line fields
// (note false) and notes.
func checkLines(fields ...field) error {
	for _, f := range fields {
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

// field is a text field of a record, for checkLines.
type field struct {
	name checklist.Text
	v    string
	note bool
}

// schoolBefore refuses a record whose school did not come before it.
func (c *checker) schoolBefore(what checklist.Text, id, school string) error {
	if err := checkID(textSchool, school); err != nil {
		return bad(checklist.Text{ZH: "%s %s", EN: "%s %s"}, what, quote(id)).Because(err)
	}
	ok, err := c.idx.Has(KindSchool, school)
	if err != nil {
		return err
	}
	if !ok {
		return bad(checklist.Text{ZH: "%s %s 的学校 %s 不在导入包中（或在它之后）", EN: "%s %s: its school %s is not in the bundle before it"}, what, quote(id), quote(school))
	}
	return nil
}

func (c *checker) selfAssessment(sa *checklist.SelfAssessment) error {
	if err := checkID(textSelf, sa.ID); err != nil {
		return err
	}
	if err := checkYear(textSelf, sa.ID, sa.Year); err != nil {
		return err
	}
	if err := c.schoolBefore(textSelf, sa.ID, sa.SchoolID); err != nil {
		return err
	}
	if sa.ID != checklist.SelfAssessmentID(sa.SchoolID, sa.Year) {
		return bad(checklist.Text{ZH: "自评 %s 的编号不是“学校编号/年度”", EN: "self-assessment %s: its id is not SCHOOL/YEAR"}, quote(sa.ID))
	}
	wrap := func(err error) error {
		return bad(checklist.Text{ZH: "自评 %s", EN: "self-assessment %s"}, quote(sa.ID)).Because(err)
	}
	std := c.scored[sa.StandardID]
	switch {
	case std == nil:
		return wrap(bad(checklist.Text{ZH: "它的标准 %s 不在导入包中（或在它之后）", EN: "its standard %s is not in the bundle before it"}, quote(sa.StandardID)))
	case c.years[sa.StandardID] != 0 && c.years[sa.StandardID] != sa.Year:
		return wrap(bad(checklist.Text{ZH: "它的标准 %s 是 %d 年度的", EN: "its standard %s is for %d"}, quote(sa.StandardID), c.years[sa.StandardID]))
	case sa.CreatedAt.IsZero() || sa.UpdatedAt.IsZero():
		return wrap(bad(checklist.Text{ZH: "没有建立或修改时间", EN: "no creation or change time"}))
	}
	if err := checkVersions(sa.Versions, true); err != nil {
		return wrap(err)
	}
	if err := checkLines(field{checklist.TextSecretary, sa.SignedBy, false}); err != nil {
		return wrap(err)
	}
	if !sa.SignedOn.IsZero() && sa.SignedBy == "" {
		return wrap(bad(checklist.Text{ZH: "有签字日期，却没有签字人", EN: "a signature's day without who signed"}))
	}
	for id, a := range sa.Answers {
		switch {
		case !std[id]:
			return wrap(bad(checklist.Text{ZH: "项目 %s 的自评：标准 %s 中没有这个计分项目", EN: "an answer for item %s, which standard %s does not have as a scored item"}, quote(id), quote(sa.StandardID)))
		case !a.Verdict.Valid():
			return wrap(bad(checklist.Text{ZH: "项目 %s：未知的结论 %s", EN: "item %s: unknown verdict %s"}, quote(id), quote(string(a.Verdict))))
		case !a.Source.Valid():
			return wrap(bad(checklist.Text{ZH: "项目 %s：未知的录入方式 %s", EN: "item %s: unknown source %s"}, quote(id), quote(string(a.Source))))
		case math.IsNaN(a.Value) || math.IsInf(a.Value, 0) || math.Abs(a.Value) > 1e6:
			return wrap(bad(checklist.Text{ZH: "项目 %s：数值不合理", EN: "item %s: an unreasonable value"}, quote(id)))
		case a.At.IsZero():
			return wrap(bad(checklist.Text{ZH: "项目 %s：没有录入时间", EN: "item %s: no time entered"}, quote(id)))
		}
		if err := checkLines(field{checklist.TextNote, a.Note, true}, field{textAnswerBy, a.By, false}); err != nil {
			return wrap(err)
		}
	}
	return c.add(KindSelfAssessment, textSelf, sa.ID)
}

func (c *checker) veto(r *checklist.VetoRecord) error {
	if err := checkID(textVeto, r.ID); err != nil {
		return err
	}
	if err := checkYear(textVeto, r.ID, r.Year); err != nil {
		return err
	}
	if err := c.schoolBefore(textVeto, r.ID, r.SchoolID); err != nil {
		return err
	}
	if err := checkID(textVeto, r.SituationID); err != nil || r.ID != checklist.VetoRecordID(r.SchoolID, r.Year, r.SituationID) {
		return bad(checklist.Text{ZH: "一票否决记录 %s 的编号不是“学校编号/年度/情形”", EN: "veto record %s: its id is not SCHOOL/YEAR/SITUATION"}, quote(r.ID))
	}
	wrap := func(err error) error {
		return bad(checklist.Text{ZH: "一票否决记录 %s", EN: "veto record %s"}, quote(r.ID)).Because(err)
	}
	sits, ok := c.situations[r.StandardID]
	switch {
	case !ok:
		return wrap(bad(checklist.Text{ZH: "它的标准 %s 不在导入包中（或在它之后）", EN: "its standard %s is not in the bundle before it"}, quote(r.StandardID)))
	case !sits[r.SituationID]:
		return wrap(bad(checklist.Text{ZH: "标准 %s 没有一票否决情形 %s", EN: "standard %s lists no veto situation %s"}, quote(r.StandardID), quote(r.SituationID)))
	case c.years[r.StandardID] != 0 && c.years[r.StandardID] != r.Year:
		return wrap(bad(checklist.Text{ZH: "它的标准 %s 是 %d 年度的", EN: "its standard %s is for %d"}, quote(r.StandardID), c.years[r.StandardID]))
	case r.Reason == "" || r.RecordedBy == "" || r.RecordedAt.IsZero():
		return wrap(bad(checklist.Text{ZH: "没有事由、记录人或记录时间", EN: "no reason, recorder or time recorded"}))
	case r.LiftedAt.IsZero() != (r.LiftedBy == "") || r.LiftedAt.IsZero() != (r.LiftReason == ""):
		return wrap(bad(checklist.Text{ZH: "撤销的时间、撤销人和原因要一并写明", EN: "a lift needs its time, who lifted it and why, together"}))
	case !r.LiftedAt.IsZero() && r.LiftedAt.Before(r.RecordedAt):
		return wrap(bad(checklist.Text{ZH: "撤销时间早于记录时间", EN: "lifted before it was recorded"}))
	case r.UpdatedAt.Before(r.RecordedAt) || r.UpdatedAt.Before(r.LiftedAt):
		return wrap(bad(checklist.Text{ZH: "修改时间早于记录或撤销时间", EN: "its change time is before it was recorded or lifted"}))
	}
	if err := checkVersions(r.Versions, true); err != nil {
		return wrap(err)
	}
	if err := checkLines(field{checklist.TextVetoReason, r.Reason, true}, field{textChangedBy, r.RecordedBy, false},
		field{textChangedBy, r.LiftedBy, false}, field{checklist.TextReason, r.LiftReason, true}); err != nil {
		return wrap(err)
	}
	return c.add(KindVeto, textVeto, r.ID)
}

func validStage(s checklist.Stage) bool {
	return s == checklist.StageInitial || s == checklist.StagePublicity || s == checklist.StageConfirmed
}

func (c *checker) yearStage(st *checklist.YearStage) error {
	id := strconv.Itoa(st.Year)
	if err := checkYear(textStage, id, st.Year); err != nil {
		return err
	}
	wrap := func(err error) error {
		return bad(checklist.Text{ZH: "%d 年度的评定阶段", EN: "the stage of %d"}, st.Year).Because(err)
	}
	if !validStage(st.Stage) {
		return wrap(bad(checklist.Text{ZH: "未知的阶段 %s", EN: "unknown stage %s"}, quote(string(st.Stage))))
	}
	if st.Stage == checklist.StageInitial {
		if !st.PublicFrom.IsZero() || !st.PublicTo.IsZero() || st.ConfirmedBy != "" || !st.ConfirmedOn.IsZero() || len(st.Named) > 0 {
			return wrap(bad(checklist.Text{ZH: "初评阶段却有公示或确定的内容", EN: "preliminary, yet with a public notice or a confirmation"}))
		}
	} else if err := checklist.CheckPublicity(st.Year, st.PublicFrom, st.PublicTo); err != nil {
		return wrap(err)
	}
	switch {
	case st.Stage == checklist.StageConfirmed && (st.ConfirmedBy == "" || st.ConfirmedOn.IsZero() || st.ConfirmedOn.Compare(st.PublicTo) <= 0):
		return wrap(bad(checklist.Text{ZH: "已确定，却没有确定人，或确定日期不在公示期满之后", EN: "confirmed without who confirmed it, or on a day not after the public notice"}))
	case st.Stage != checklist.StageConfirmed && (st.ConfirmedBy != "" || !st.ConfirmedOn.IsZero() || len(st.Named) > 0):
		return wrap(bad(checklist.Text{ZH: "没有确定，却有确定的内容", EN: "not confirmed, yet with a confirmation"}))
	case st.UpdatedAt.IsZero():
		return wrap(bad(checklist.Text{ZH: "没有修改时间", EN: "no change time"}))
	}
	if err := checkVersions(st.Versions, true); err != nil {
		return wrap(err)
	}
	if err := checkLines(field{checklist.TextInspector, st.ConfirmedBy, false}); err != nil {
		return wrap(err)
	}
	seen := map[string]bool{}
	for _, n := range st.Named {
		if err := c.schoolBefore(textStage, id, n.SchoolID); err != nil {
			return err
		}
		if err := checkID(textInspection, n.VisitID); err != nil {
			return wrap(err)
		}
		if seen[n.SchoolID] || n.Stars < 0 || n.Stars > 10 || math.IsNaN(n.Total) || n.Total < 0 || n.Total > 1000 {
			return wrap(bad(checklist.Text{ZH: "确定的评定结果不正确（学校 %s）", EN: "a bad named rating (school %s)"}, quote(n.SchoolID)))
		}
		seen[n.SchoolID] = true
	}
	for _, h := range st.History {
		if h.Year != st.Year || !validStage(h.From) || !validStage(h.To) || h.By == "" || h.At.IsZero() {
			return wrap(bad(checklist.Text{ZH: "阶段变更记录不正确", EN: "a bad change in its history"}))
		}
		if err := checkLines(field{textChangedBy, h.By, false}, field{checklist.TextReason, h.Reason, true}); err != nil {
			return wrap(err)
		}
	}
	return c.add(KindYearStage, textStage, id)
}

// yearFields are the fields a year's audit entry may change.
var yearFields = map[string]bool{
	checklist.FieldVerdict: true, checklist.FieldValue: true, checklist.FieldNote: true,
	checklist.FieldStage: true, checklist.FieldVeto: true, checklist.FieldSigned: true,
}

func (c *checker) yearAudit(e *YearAuditEntry, raw []byte) error {
	if err := checkYear(textYearAudit, e.InspectionID, e.Year); err != nil {
		return err
	}
	if err := checkID(textYearAudit, e.InspectionID); err != nil {
		return err
	}
	wrap := func(err error) error {
		return bad(checklist.Text{ZH: "%d 年度的一条审计记录（%s）", EN: "an audit entry of %d (%s)"}, e.Year, quote(e.InspectionID)).Because(err)
	}
	switch {
	case !yearFields[e.Field]:
		return wrap(bad(checklist.Text{ZH: "修改了未知的字段 %s", EN: "it changes an unknown field %s"}, quote(e.Field)))
	case e.At.IsZero():
		return wrap(bad(checklist.Text{ZH: "没有修改时间", EN: "no change time"}))
	case e.Field == checklist.FieldVerdict && (!checklist.Verdict(e.Old).Valid() || !checklist.Verdict(e.New).Valid()):
		return wrap(bad(checklist.Text{ZH: "有未知的结论", EN: "an unknown verdict"}))
	case e.Field == checklist.FieldStage && !validStage(checklist.Stage(e.Old)):
		return wrap(bad(checklist.Text{ZH: "有未知的阶段", EN: "an unknown stage"}))
	}
	if err := checkLines(field{textItem, e.ItemID, false}, field{textChangedBy, e.By, false},
		field{checklist.TextReason, e.Reason, true}, field{textYearAudit, e.Old, true}, field{textYearAudit, e.New, true}); err != nil {
		return wrap(err)
	}
	sum := sha256.Sum256(raw)
	return c.add(KindYearAudit, textYearAudit, strconv.Itoa(e.Year)+"/"+hex.EncodeToString(sum[:]))
}

// yearRecord decodes and checks a year-end record.
func (c *checker) yearRecord(rec record, raw []byte) (Record, bool, error) {
	switch rec.Type {
	case typeSelf:
		sa, err := decoded(rec.Data, checklist.Text{ZH: "自评", EN: "self-assessment"}, c.selfAssessment)
		return Record{SelfAssessment: sa}, false, err
	case typeVeto:
		r, err := decoded(rec.Data, checklist.Text{ZH: "一票否决记录", EN: "veto record"}, c.veto)
		return Record{Veto: r}, false, err
	case typeStage:
		st, err := decoded(rec.Data, checklist.Text{ZH: "年度评定阶段", EN: "year stage"}, c.yearStage)
		return Record{YearStage: st}, false, err
	default:
		var e YearAuditEntry
		if err := strictJSON(rec.Data, &e); err != nil {
			return Record{}, false, bad(checklist.Text{ZH: "年度审计记录：%v", EN: "year audit entry: %v"}, err)
		}
		return Record{YearAudit: &e}, false, c.yearAudit(&e, raw)
	}
}

// writeYearEnd writes the bundle's year-end records, in the order a
// reader takes them.
func (b *Bundle) writeYearEnd(bw *Writer) error {
	for i := range b.SelfAssessments {
		if err := bw.SelfAssessment(&b.SelfAssessments[i]); err != nil {
			return err
		}
	}
	for i := range b.Vetoes {
		if err := bw.Veto(&b.Vetoes[i]); err != nil {
			return err
		}
	}
	for i := range b.YearStages {
		if err := bw.YearStage(&b.YearStages[i]); err != nil {
			return err
		}
	}
	for i := range b.YearAudit {
		if err := bw.YearAudit(&b.YearAudit[i]); err != nil {
			return err
		}
	}
	return nil
}
