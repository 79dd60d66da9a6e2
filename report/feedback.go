package report

import (
	"cmp"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"branchcheck/checklist"
	"branchcheck/i18n"
)

// Feedback is what a feedback sheet (检查反馈单) shows: one visit of one
// school and, to say what improved or got worse, the school's previous
// finalized visit.
type Feedback struct {
	School checklist.School
	// Visit is the visit the sheet is about; a draft makes the sheet
	// provisional (暂定).
	Visit *checklist.Inspection
	// Standard is the standard Visit was made under.
	Standard *checklist.Standard
	// Previous is the school's previous finalized visit, or nil for no
	// comparison.
	Previous *checklist.Inspection
	// PreviousStandard is the standard Previous was made under. It may be
	// nil when Previous was made under Standard.
	PreviousStandard *checklist.Standard
	// Rectifications hold, by item id, the deadline (整改期限) and the
	// person responsible (责任人) of each item to fix: those of the
	// rectification that answers for it (checklist.SchoolRectifications'
	// OfVisit). Nil (a draft has none) leaves the two columns blank, to be
	// written in by hand.
	Rectifications map[string]Rectification
	// Self sets the branch's self-assessment of the visit's year beside
	// the visit (checklist.CompareSelf): 自评分, 考评分, the gap and the
	// items far apart; nil leaves it out.
	Self *checklist.SelfComparison
	// Vetoes are the school's veto records of the visit's year that
	// apply: they cap the stars shown or disqualify, and are listed with
	// their effect. VetoStandards holds the standards they name (nil:
	// Standard alone).
	Vetoes        []checklist.VetoRecord
	VetoStandards map[string]*checklist.Standard
	// Stage is where the visit's year stands, said in the title area; nil
	// says nothing.
	Stage *checklist.YearStage
	// ChangedAfterConfirm: the school's rating of the year changed after
	// the year was confirmed (确定后修改), said in the title area.
	ChangedAfterConfirm bool
}

// Rectification is what a school is given for one item to fix: by when,
// and who answers for it.
type Rectification struct {
	Deadline    checklist.Date
	Responsible string
}

// WriteFeedback writes the feedback sheet (检查反馈单) of one visit to w as
// Markdown, HTML, XLSX (one sheet) or a table for the terminal. It shows
// the school, the visit (a draft is marked 暂定, provisional), the points
// per requirement, total, stars and lagging flag, every item not met or
// partly met with the inspector's note, its deadline and the person
// responsible (fb.Rectifications; blank to fill in by hand without them)
// and, when fb.Previous is given, each item whose verdict changed since
// then (improved, worse, or only in one of the two standards) and the
// change in total points and stars; then the rules applied, the
// program's defaults for a shipped standard among them.
//
// As a paper (HTML, Markdown, XLSX) it prints on A4 portrait with page
// numbers, tables that break across pages under their repeated header,
// and at the foot the signature lines of the 检查组 and of the school's
// 党组织书记, the date and the place for the 公章, and under them the line
// the school signs to say it received the sheet (签收); no internal id or
// database path. The terminal table states the database instead.
func WriteFeedback(w io.Writer, f Format, fb Feedback, m Meta) error {
	switch f {
	case Markdown, HTML, XLSX, Table:
	default:
		return formatError(f, FeedbackFormats())
	}
	d, err := buildFeedback(fb, m, f != Table)
	if err != nil {
		return checklist.Errorf(nil, checklist.Text{ZH: "%s的检查反馈单", EN: "feedback sheet of %s"}, fb.School.Name).Because(err)
	}
	switch f {
	case Table:
		err = writeText(w, d)
	case Markdown:
		err = writeMarkdown(w, d)
	case HTML:
		err = writeHTML(w, d)
	case XLSX:
		sheet := m.Lang.Pick("检查反馈单", "Feedback")
		err = writeWorkbook(w, m.Lang, d.Title, m.GeneratedAt, []string{sheet}, func(x *excelize.File, st *styles) error {
			return writeDocSheet(x, st, sheet, d)
		})
	}
	if err != nil {
		return checklist.Errorf(nil, checklist.Text{ZH: "无法把%s的检查反馈单写成 %s", EN: "write the feedback sheet of %s as %s"}, fb.School.Name, string(f)).Because(err)
	}
	return nil
}

// check refuses a Feedback whose parts do not belong together.
func (fb *Feedback) check() error {
	v, std := fb.Visit, fb.Standard
	switch {
	case v == nil:
		return checklist.Errorf(checklist.ErrInvalid, checklist.Text{ZH: "没有给出检查", EN: "no visit was given"})
	case std == nil:
		return checklist.Errorf(checklist.ErrInvalid, checklist.Text{ZH: "检查 %s：没有给出它所用的标准 %s", EN: "visit %s: its standard %s was not given"}, v.ID, v.StandardID)
	case std.ID != v.StandardID:
		return checklist.Errorf(checklist.ErrInvalid, checklist.Text{ZH: "检查 %s 按标准 %s 进行，给出的却是标准 %s", EN: "visit %s was made under standard %s, but standard %s was given"}, v.ID, v.StandardID, std.ID)
	case fb.School.ID != v.SchoolID:
		return checklist.Errorf(checklist.ErrInvalid, checklist.Text{ZH: "检查 %s 属于学校 %s，不属于 %s", EN: "visit %s is of school %s, not of %s"}, v.ID, v.SchoolID, fb.School.ID)
	}
	p := fb.Previous
	if p == nil {
		return nil
	}
	pstd := fb.previousStandard()
	switch {
	case p.SchoolID != v.SchoolID:
		return checklist.Errorf(checklist.ErrInvalid, checklist.Text{ZH: "上一次检查 %s 属于学校 %s，不属于 %s", EN: "previous visit %s is of school %s, not of %s"}, p.ID, p.SchoolID, v.SchoolID)
	case p.Status != checklist.Finalized:
		return checklist.Errorf(checklist.ErrInvalid, checklist.Text{ZH: "上一次检查 %s 是草稿：只能与定稿的检查比较", EN: "previous visit %s is a draft: compare with a finalized visit"}, p.ID)
	case pstd == nil:
		return checklist.Errorf(checklist.ErrInvalid, checklist.Text{ZH: "上一次检查 %s：没有给出它所用的标准 %s", EN: "previous visit %s: its standard %s was not given"}, p.ID, p.StandardID)
	case pstd.ID != p.StandardID:
		return checklist.Errorf(checklist.ErrInvalid, checklist.Text{ZH: "上一次检查 %s 按标准 %s 进行，给出的却是标准 %s", EN: "previous visit %s was made under standard %s, but standard %s was given"}, p.ID, p.StandardID, pstd.ID)
	}
	return nil
}

func (fb *Feedback) previousStandard() *checklist.Standard {
	if fb.PreviousStandard == nil && fb.Previous != nil && fb.Standard != nil && fb.Previous.StandardID == fb.Standard.ID {
		return fb.Standard
	}
	return fb.PreviousStandard
}

// buildFeedback lays out a feedback sheet as a document: as a paper to
// sign, or (not printed) for the terminal, with the database named.
func buildFeedback(fb Feedback, m Meta, printed bool) (document, error) {
	if err := fb.check(); err != nil {
		return document{}, err
	}
	l := m.Lang
	wd := wordsFor(l)
	v, std, s := fb.Visit, fb.Standard, fb.School
	sc := checklist.ScoreInspection(std, v)
	vetoStds := fb.VetoStandards
	if vetoStds == nil {
		vetoStds = map[string]*checklist.Standard{std.ID: std}
	}
	if len(fb.Vetoes) > 0 {
		var err error
		if sc, err = checklist.ApplyVetoes(sc, std.Stars, fb.Vetoes, vetoStds); err != nil {
			return document{}, err
		}
	}
	provisional := v.Status != checklist.Finalized || sc.Provisional
	tentative := func(label string) string {
		if provisional {
			return label + l.Pick("（暂定）", " (provisional)")
		}
		return label
	}

	d := document{Lang: l, Title: tentative(l.Pick("检查反馈单", "Inspection feedback sheet")), Portrait: true,
		Head: []fact{m.bureauFact("检查单位", "Inspected by", printed)}}
	if fb.Stage != nil {
		d.Head = append(d.Head, stageFact(l, fb.Stage))
	}
	if fb.ChangedAfterConfirm {
		d.Head = append(d.Head, fact{l.Pick("确定后修改", "Changed after confirmation"), text(l.Pick("是，原因见审计记录", "yes, the reasons are in the audit trail"))})
	}
	switch {
	case v.Status != checklist.Finalized:
		d.Banner = l.Sprintf("暂定：本次检查是草稿，尚未定稿，以下得分和星级可能改变（已答%d/%d项）。",
			"Provisional: this visit is a draft, not finalized; the points and stars below may still change (%d of %s answered).",
			sc.Answered, checklist.Counted(sc.Scored, "item", "items"))
	case sc.Provisional:
		d.Banner = l.Sprintf("暂定：本次检查尚有%d项未答，以下得分和星级可能改变。",
			"Provisional: this visit has %s unanswered; the points and stars below may still change.",
			checklist.Counted(sc.Scored-sc.Answered, "item", "items"))
	}

	name := l.StandardTitle(std)
	if !printed {
		name = std.ID + " " + name
	}
	d.Sections = append(d.Sections, section{Facts: []fact{
		{wd.School, text(s.Name)}, {wd.Township, text(s.Township)}, {wd.Kind, text(s.Kind)},
		{wd.Secretary, text(s.Secretary)}, {wd.VisitDate, date(v.Date)},
		{wd.Inspector, text(v.Inspector)}, {wd.Status, text(tentative(l.Status(v.Status)))},
		{wd.Standard, text(name)},
	}})

	// Points: one column per 要, then the total; a row of points earned
	// and a row of the most each could earn.
	pts := table{Columns: []column{{Title: l.Pick("项目", "")}}}
	earned := row{Cells: []cell{text(l.Pick("得分", "Points"))}}
	most := row{Cells: []cell{text(wd.Max)}}
	var reqs []reqColumn
	maxOf := map[string]float64{baseColumn: 100}
	for i := range std.Requirements {
		rq := &std.Requirements[i]
		reqs = append(reqs, reqColumn{rq.ID, l.RequirementLabel(rq)})
		maxOf[rq.ID] = rq.Points
	}
	for _, rc := range orderReqColumns(l, []*checklist.Standard{std}, reqs) {
		pts.Columns = append(pts.Columns, column{Title: rc.label, Numeric: true, Points: true})
		earned.Cells = append(earned.Cells, requirementCell(wd, sc, rc.id))
		most.Cells = append(most.Cells, points(maxOf[rc.id]))
	}
	pts.Columns = append(pts.Columns, column{Title: tentative(wd.Total), Numeric: true, Points: true})
	earned.Cells = append(earned.Cells, points(sc.Total))
	most.Cells = append(most.Cells, points(std.MaxTotalPoints()))
	pts.Rows = []row{earned, most}
	standing := []fact{
		{tentative(wd.Stars), text(starText(sc.Stars, std.Stars.MaxStars()))},
		{wd.Flag, text(cmp.Or(l.LaggingMark(sc), l.Pick("否", "no")))},
	}
	if len(std.VetoItems()) > 0 {
		standing = append(standing, fact{wd.Veto, text(orNone(l, vetoText(l, sc, std.Stars)))})
	}
	d.Sections = append(d.Sections,
		section{Heading: l.Pick("得分", "Points"), Table: &pts},
		section{Facts: standing})
	if len(fb.Vetoes) > 0 {
		d.Sections = append(d.Sections, vetoSection(l, fb.Vetoes, vetoStds, sc))
	}
	if fb.Self != nil {
		d.Sections = append(d.Sections, selfSection(l, std, fb.Self))
	}

	// Items to fix, each with its deadline and the person responsible.
	byHand := fb.Rectifications == nil
	fix := table{Columns: []column{{Title: wd.Requirement}, {Title: wd.ItemID}, {Title: wd.ItemText, Long: true},
		{Title: wd.Verdict}, {Title: wd.Note, Long: true}, {Title: wd.Deadline, Date: true, Handwritten: byHand}, {Title: wd.Responsible, Handwritten: byHand}}}
	for _, is := range visitIssues(l, std, v) {
		rc := fb.Rectifications[is.id]
		fix.Rows = append(fix.Rows, row{Cells: []cell{text(is.requirement), text(is.id), text(is.text), text(is.verdict), text(is.note),
			date(rc.Deadline), text(rc.Responsible)}})
	}
	fixes := section{
		Heading: l.Pick("需整改事项（不符合、部分符合）", "Items to fix (not met, partly met)"), Table: &fix,
		Empty: l.Pick("本次检查没有不符合或部分符合的条目。", "No item of this visit is not met or partly met."),
	}
	if missing := v.Missing(std); len(missing) > 0 {
		fixes.Text = []string{l.Sprintf("尚未检查（未答）的条目：%s", "Not checked yet (unanswered): %s",
			strings.Join(missing, l.Pick("、", ", ")))}
	}
	d.Sections = append(d.Sections, fixes)

	if fb.Previous != nil {
		d.Sections = append(d.Sections, comparison(l, std, v, sc, fb.previousStandard(), fb.Previous, printed))
	}
	// The rules, without the standard's name: the facts above give it.
	notes := append(ruleFacts(l, []*checklist.Standard{std}, !printed)[1:], m.generatedFact())
	if !printed {
		notes = append(notes, m.databaseFact())
	}
	d.Sections = append(d.Sections, section{Heading: l.Pick("说明", "Notes"), Facts: notes, Numbered: true})
	if printed {
		d.Signatures = []signature{{Label: l.Pick("检查组（签名）", "Inspectors (signature)")},
			{Label: l.Pick("学校党组织书记（签名）", "School branch secretary (signature)")}, {Label: l.Pick("日期", "Date"), Date: true}}
		d.Seal = l.Pick("（公章）", "(Official seal)")
		d.Receipt = &receipt{
			Text:       l.Pick("学校签收：本反馈单及所列整改事项已收到，将按整改期限整改。", "Received by the school: this sheet and its items to fix, to be put right by their deadlines."),
			Signatures: []signature{{Label: l.Pick("签收人（签名）", "Received by (signature)")}, {Label: l.Pick("签收日期", "Date received"), Date: true}},
		}
	}
	return d, nil
}

// comparison says what changed since the previous finalized visit: the
// total points, the stars, the lagging flag, and every item whose verdict
// changed, item by item by id.
func comparison(l i18n.Lang, std *checklist.Standard, v *checklist.Inspection, sc checklist.Score,
	pstd *checklist.Standard, prev *checklist.Inspection, printed bool) section {
	wd := wordsFor(l)
	psc := checklist.ScoreInspection(pstd, prev)
	facts := []fact{{l.Pick("上次检查", "Previous visit"), text(prev.Date.String() + " " + prev.Inspector)}}
	if pstd.ID != std.ID {
		name := l.StandardTitle(pstd)
		if !printed || name == l.StandardTitle(std) {
			name = pstd.ID + " " + name
		}
		facts = append(facts, fact{l.Pick("上次检查依据", "Previous standard"), text(name)})
	}
	paren := func(s string) string { return l.Sprintf("（%s）", " (%s)", s) }
	facts = append(facts,
		fact{wd.Total, text(formatPoints(psc.Total) + " → " + formatPoints(sc.Total) + paren(delta(l, sc.Total-psc.Total, true)))},
		fact{wd.Stars, text(starText(psc.Stars, pstd.Stars.MaxStars()) + " → " + starText(sc.Stars, std.Stars.MaxStars()) +
			paren(delta(l, float64(sc.Stars-psc.Stars), false)))})
	switch {
	case psc.Lagging && !sc.Lagging:
		facts = append(facts, fact{wd.Lagging, text(l.Pick("不再是落后党支部", "no longer a lagging branch"))})
	case !psc.Lagging && sc.Lagging:
		facts = append(facts, fact{wd.Lagging, text(l.Pick("本次成为落后党支部", "now a lagging branch"))})
	}

	t := table{Columns: []column{{Title: wd.Requirement}, {Title: wd.ItemID}, {Title: wd.ItemText, Long: true},
		{Title: l.Pick("上次", "Before")}, {Title: l.Pick("本次", "Now")}, {Title: l.Pick("变化", "Change")}}}
	noItem := l.Pick("（无此项）", "(no such item)")
	add := func(p placedItem, before, now, what string, mk mark) {
		t.Rows = append(t.Rows, row{Cells: []cell{text(l.RequirementLabel(p.req)), text(p.item.ID), text(l.Text(p.item)),
			text(before), text(now), text(what)}, Mark: mk})
	}
	inPrev, inNow := map[string]bool{}, map[string]bool{}
	for _, p := range scoredItems(pstd) {
		inPrev[p.item.ID] = true
	}
	unanswered := 0
	for _, p := range scoredItems(std) {
		id := p.item.ID
		inNow[id] = true
		now := v.Answer(id).Verdict
		before := prev.Answer(id).Verdict
		switch {
		case !inPrev[id]:
			add(p, noItem, l.Verdict(now), l.Pick("仅本次标准有此项", "only in this visit's standard"), markNone)
		case now == checklist.Unanswered:
			unanswered++
		case before != now:
			mk, what := direction(l, before, now)
			add(p, l.Verdict(before), l.Verdict(now), what, mk)
		}
	}
	for _, p := range scoredItems(pstd) {
		if !inNow[p.item.ID] {
			add(p, l.Verdict(prev.Answer(p.item.ID).Verdict), noItem, l.Pick("仅上次标准有此项", "only in the previous standard"), markNone)
		}
	}
	sec := section{
		Heading: l.Pick("与上次检查比较", "Since the previous visit"), Facts: facts, Table: &t,
		Empty: l.Pick("各条目结论与上次相同。", "Every item has the same answer as at the previous visit."),
	}
	if unanswered > 0 {
		sec.Text = []string{l.Sprintf("本次尚有%d项未答，未与上次比较。", "%s not answered yet and left out of the comparison.", checklist.Counted(unanswered, "item is", "items are"))}
	}
	return sec
}

// direction says whether a verdict got better or worse (符合 > 部分符合 >
// 不符合); a change to or from 不适用 is only a change.
func direction(l i18n.Lang, before, now checklist.Verdict) (mark, string) {
	b, n := rank(before), rank(now)
	switch {
	case b == 0 || n == 0:
		return markNone, l.Pick("变化", "changed")
	case n > b:
		return markImproved, l.Pick("改进", "improved")
	}
	return markWorse, l.Pick("退步", "worse")
}

// rank orders the verdicts that earn credit; 0 for the others.
func rank(v checklist.Verdict) int {
	switch v {
	case checklist.Met:
		return 3
	case checklist.PartlyMet:
		return 2
	case checklist.NotMet:
		return 1
	}
	return 0
}

// delta writes a change with its sign: points as "+12.50" or "-1.00"
// (asPoints), stars as "+1" or "-2"; no change is 不变.
func delta(l i18n.Lang, d float64, asPoints bool) string {
	d = math.Round(d*100) / 100
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', 0, 64) }
	if asPoints {
		f = formatPoints
	}
	switch {
	case d > 0:
		return "+" + f(d)
	case d < 0:
		return "-" + f(-d)
	}
	return l.Pick("不变", "no change")
}

// orNone is s, or 无 when s is empty.
func orNone(l i18n.Lang, s string) string {
	if s == "" {
		return l.Pick("无", "none")
	}
	return s
}
