package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/report"
	"branchcheck/store"
	"branchcheck/termtext"
)

// The year end on the command line: the veto situations recorded for a
// school (vetoes), the branches' self-assessments (selfcheck: the 自评表
// written for a school, imported back, shown) and the year's stage (year:
// 初评 → 公示 → 确定, withdrawn with a reason).

// yearEndHelp are the help texts of these commands (see helpVars).
var yearEndHelp = map[string][2]string{
	"help_vetoes":           {"一票否决情形：按学校、年度记录（写明事由），撤销时说明原因（记录从不删除）", "veto situations (一票否决情形): recorded per school and year with a reason, lifted with a reason (never deleted)"},
	"help_vetoes_add":       {"记录某校某年度的一票否决情形（情形编号见 vetoes list）", "record a veto situation for a school and year (the situations' ids: vetoes list)"},
	"help_vetoes_lift":      {"撤销一条一票否决记录（误记、复核撤销），需说明原因", "lift a veto record (recorded by mistake, overturned on review), with a reason"},
	"help_vetoes_list":      {"列出年度标准规定的一票否决情形和已记录的情况", "list the situations the year's standard names and those recorded"},
	"help_veto_situation":   {"一票否决情形的编号（如 discipline）", "the veto situation's id (such as discipline)"},
	"help_veto_reason":      {"事由：发生了什么，有何文件", "the reason: what happened, and the document"},
	"help_veto_lift_reason": {"撤销的原因", "why it is lifted"},
	"help_veto_lift_what":   {"学校和情形编号（如 东河中学 discipline），或记录的编号（见 vetoes list）", "the school and the situation's id (such as 东河中学 discipline), or the record's id (as vetoes list shows it)"},
	"help_veto_all":         {"也列出已撤销的记录", "list the lifted records too"},
	"help_by":               {"经办人（默认：本机记住的检查人）", "who records it (default: the inspector remembered on this computer)"},
	"help_year_of":          {"年度（默认今年）", "the year (default: this year)"},
	"help_school_arg":       {"学校（名称或编号）", "the school (name or id)"},
	"help_lock_reason":      {"该年度已确定时，修改所需的原因（记入审计记录）", "for a confirmed year, the reason the change needs (kept in the audit trail)"},

	"help_selfcheck":          {"支部自评：生成自评表交学校填写，导入填好的自评表，查看自评", "self-assessments (支部自评): write the form for a school to fill in, import it filled, show it"},
	"help_selfcheck_template": {"生成一所学校的自评表（XLSX，只有“自评”“说明”栏和签字栏可填，其余受保护）", "write a school's self-assessment form (XLSX: only the self-assessment, remarks and signature cells can be filled, the rest is protected)"},
	"help_selfcheck_import":   {"导入填好的自评表（逐格检查，全部成功或全部不导入）", "import a filled self-assessment form (every cell checked, all or nothing)"},
	"help_selfcheck_show":     {"显示一所学校的自评，以及与考评的差距", "show a school's self-assessment, and its gap with the inspection"},
	"help_selfcheck_file":     {"填好的自评表（.xlsx；- 表示标准输入）", "the filled form (.xlsx; - for standard input)"},

	"help_year":          {"年度评定的阶段：初评 → 公示 → 确定（确定后该年度的记录锁定，修改需说明原因）", "the year's stage: preliminary → public notice → confirmed (then the year's records are locked: a change needs a reason)"},
	"help_year_publish":  {"公示本年度评定结果（起止日期，通常 5 至 7 天）", "publish the year's ratings for public notice (first and last day, usually 5 to 7 days)"},
	"help_year_confirm":  {"公示期满后确定并命名本年度星级", "confirm and name the year's stars after the public notice"},
	"help_year_withdraw": {"撤销公示或确定，回到初评，需说明原因", "withdraw the public notice or the confirmation, back to preliminary, with a reason"},
	"help_year_status":   {"显示年度评定所处阶段、历次变更、名额提醒和确定后的修改", "show the year's stage, its history, quota warnings and changes after the confirmation"},
	"help_year_from":     {"公示开始日期", "the public notice's first day"},
	"help_year_to":       {"公示结束日期", "the public notice's last day"},
	"help_year_on":       {"确定日期（默认今天）", "the day of the confirmation (default: today)"},
	"help_year_reason":   {"撤销的原因", "why it is withdrawn"},
}

// The fields that come in, for messages.
var (
	textSituation = checklist.Text{ZH: "一票否决情形编号", EN: "veto situation id"}
	textVetoID    = checklist.Text{ZH: "一票否决记录编号", EN: "veto record id"}
	textSchool    = checklist.Text{ZH: "学校", EN: "school"}
)

// yearOf is the year a command works on: --year, else this year.
func (a *app) yearOf(y int) (int, error) {
	if y == 0 {
		return a.now().Year(), nil
	}
	if y < 1 || y > 9999 {
		return 0, usageError{checklist.Errorf(checklist.ErrInvalid, checklist.Text{ZH: "--year %d 不是一个年份", EN: "--year %d is not a year"}, y)}
	}
	return y, nil
}

// schoolArg finds the school an argument names, checked as text that
// comes in.
func (a *app) schoolArg(s schoolFinder, arg string) (checklist.School, error) {
	arg = strings.TrimSpace(arg)
	if err := checklist.CheckLine(textSchool, arg, checklist.MaxLine); err != nil {
		return checklist.School{}, usageError{err}
	}
	return findOneSchool(a, s, arg)
}

// say prints a line of stored text to standard output, safe for the
// terminal.
func (a *app) say(zh, en string, args ...any) {
	fmt.Fprintln(a.stdout, termtext.Line(a.lang.Sprintf(zh, en, args...)))
}

type vetoesCmd struct {
	List vetoListCmd `cmd:"" default:"withargs" help:"help_vetoes_list"`
	Add  vetoAddCmd  `cmd:"" help:"help_vetoes_add"`
	Lift vetoLiftCmd `cmd:"" help:"help_vetoes_lift"`
}

type vetoAddCmd struct {
	School    string `arg:"" placeholder:"SCHOOL" help:"help_school_arg"`
	Situation string `arg:"" placeholder:"SITUATION" help:"help_veto_situation"`
	Reason    string `required:"" placeholder:"TEXT" help:"help_veto_reason"`
	Year      int    `placeholder:"YEAR" help:"help_year_of"`
	By        string `placeholder:"NAME" help:"help_by"`
}

// Run records a veto situation for a school and year.
func (c *vetoAddCmd) Run(a *app) error {
	year, err := a.yearOf(c.Year)
	if err != nil {
		return err
	}
	sit := strings.TrimSpace(c.Situation)
	if err := checklist.CheckLine(textSituation, sit, checklist.MaxLine); err != nil {
		return usageError{err}
	}
	s, err := a.openStore()
	if err != nil {
		return err
	}
	defer s.Close()
	sc, err := a.schoolArg(s, c.School)
	if err != nil {
		return err
	}
	by, err := recorder(s, c.By)
	if err != nil {
		return err
	}
	r, err := s.RecordVeto(sc.ID, year, sit, c.Reason, by)
	if err != nil {
		return err
	}
	stds, err := s.Standards()
	if err != nil {
		return err
	}
	a.say("已记录：%s %d 年度 %s", "recorded: %s, %d: %s", sc.Name, year, vetoLine(a.lang, r, stds))
	a.say("编号：%s", "id: %s", r.ID)
	return nil
}

// vetoLine says a veto record: the situation, its effect, the reason.
func vetoLine(l i18n.Lang, r *checklist.VetoRecord, stds map[string]*checklist.Standard) string {
	name, effect := r.SituationID, ""
	if sit, err := r.Situation(stds); err == nil {
		name = sit.Text
		if l == i18n.English && sit.TextEN != "" {
			name = sit.TextEN
		}
		effect = sit.Effect().Pick(l != i18n.English)
	}
	return l.Sprintf("%s：%s；事由：%s", "%s: %s; reason: %s", name, effect, r.Reason)
}

type vetoLiftCmd struct {
	What   []string `arg:"" placeholder:"SCHOOL SITUATION|ID" help:"help_veto_lift_what"`
	Year   int      `placeholder:"YEAR" help:"help_year_of"`
	Reason string   `required:"" placeholder:"TEXT" help:"help_veto_lift_reason"`
	By     string   `placeholder:"NAME" help:"help_by"`
}

// Run lifts a veto record.
func (c *vetoLiftCmd) Run(a *app) error {
	if len(c.What) < 1 || len(c.What) > 2 {
		return usageError{checklist.Errorf(checklist.ErrInvalid, checklist.Text{
			ZH: "请写明学校和情形编号（如 东河中学 discipline），或记录的编号", EN: "give the school and the situation's id (such as 东河中学 discipline), or the record's id"})}
	}
	for _, w := range c.What {
		if err := checklist.CheckLine(textVetoID, w, checklist.MaxLine); err != nil {
			return usageError{err}
		}
	}
	s, err := a.openStore()
	if err != nil {
		return err
	}
	defer s.Close()
	id := strings.TrimSpace(c.What[0])
	if len(c.What) == 2 {
		year, err := a.yearOf(c.Year)
		if err != nil {
			return err
		}
		sc, err := a.schoolArg(s, c.What[0])
		if err != nil {
			return err
		}
		id = checklist.VetoRecordID(sc.ID, year, strings.TrimSpace(c.What[1]))
	}
	by, err := recorder(s, c.By)
	if err != nil {
		return err
	}
	r, err := s.LiftVeto(id, c.Reason, by)
	if err != nil {
		return err
	}
	sc, err := s.School(r.SchoolID)
	if err != nil {
		return err
	}
	a.say("已撤销：%s %d 年度一票否决情形 %s，原因：%s", "lifted: %s, %d, veto situation %s, because: %s", sc.Name, r.Year, r.SituationID, r.LiftReason)
	return nil
}

type vetoListCmd struct {
	Year int  `placeholder:"YEAR" help:"help_year_of"`
	All  bool `help:"help_veto_all"`
}

// Run lists the year's veto situations and records.
func (c *vetoListCmd) Run(a *app) error {
	year, err := a.yearOf(c.Year)
	if err != nil {
		return err
	}
	s, err := a.openStoreReadOnly()
	if err != nil {
		return err
	}
	defer s.Close()
	std, err := s.StandardForYear(year)
	if err != nil {
		return err
	}
	l := a.lang
	if len(std.VetoSituations) == 0 {
		a.say("%d 年度的标准（%s）没有规定一票否决情形。", "The %d standard (%s) names no veto situation.", year, std.ID)
	} else {
		a.say("%d 年度标准规定的一票否决情形：", "Veto situations of the %d standard:", year)
		for _, sit := range std.VetoSituations {
			text := sit.Text
			if l == i18n.English && sit.TextEN != "" {
				text = sit.TextEN
			}
			a.say("  %s  %s：%s", "  %s  %s: %s", sit.ID, text, sit.Effect().Pick(l != i18n.English))
		}
	}
	records, err := s.Vetoes(year)
	if err != nil {
		return err
	}
	stds, err := s.Standards()
	if err != nil {
		return err
	}
	shown := 0
	for i := range records {
		r := &records[i]
		if !r.Active() && !c.All {
			continue
		}
		if shown == 0 {
			a.say("已记录：", "Recorded:")
		}
		shown++
		sc, err := s.School(r.SchoolID)
		if err != nil {
			return err
		}
		state := l.Sprintf("%s 于 %s 记录", "recorded by %s on %s", r.RecordedBy, checklist.DateOf(r.RecordedAt.In(a.now().Location())))
		if !r.Active() {
			state += l.Sprintf("；已由 %s 于 %s 撤销：%s", "; lifted by %s on %s: %s", r.LiftedBy, checklist.DateOf(r.LiftedAt.In(a.now().Location())), r.LiftReason)
		}
		a.say("  %s  %s（%s）", "  %s  %s (%s)", sc.Name, vetoLine(l, r, stds), state)
		a.say("    编号：%s", "    id: %s", r.ID)
	}
	if shown == 0 {
		a.say("本年度没有记录一票否决情形。", "No veto situation is recorded this year.")
	}
	return nil
}

type selfcheckCmd struct {
	Template selfTemplateCmd `cmd:"" help:"help_selfcheck_template"`
	Import   selfImportCmd   `cmd:"" help:"help_selfcheck_import"`
	Show     selfShowCmd     `cmd:"" help:"help_selfcheck_show"`
}

type selfTemplateCmd struct {
	School string `arg:"" placeholder:"SCHOOL" help:"help_school_arg"`
	Year   int    `placeholder:"YEAR" help:"help_year_of"`
	Output string `short:"o" required:"" placeholder:"FILE.xlsx" help:"help_output"`
	Force  bool   `help:"help_force"`
}

// Run writes a school's 自评表.
func (c *selfTemplateCmd) Run(a *app) error {
	year, err := a.yearOf(c.Year)
	if err != nil {
		return err
	}
	if _, err := exportFormat("", c.Output, report.XLSX, []report.Format{report.XLSX}); err != nil && c.Output != "-" {
		return err
	}
	s, err := a.openStoreReadOnly()
	if err != nil {
		return err
	}
	defer s.Close()
	sc, err := a.schoolArg(s, c.School)
	if err != nil {
		return err
	}
	form, err := selfFormOf(s, sc, year)
	if err != nil {
		return err
	}
	m := report.Meta{Lang: a.lang, GeneratedAt: a.now()}
	return a.writeExport(c.Output, c.Force, report.XLSX, func(w io.Writer) error { return report.WriteSelfForm(w, form, m) })
}

// selfFormOf is a school's 自评表 for a year: the items of the year's
// standard (or of the standard its self-assessment is under) and what
// the school entered already.
func selfFormOf(s *store.Store, sc checklist.School, year int) (report.SelfForm, error) {
	sa, std, err := s.SelfAssessment(sc.ID, year)
	if err != nil {
		return report.SelfForm{}, err
	}
	return report.SelfForm{School: sc, Year: year, Standard: std, Current: sa}, nil
}

type selfImportCmd struct {
	File   string `arg:"" placeholder:"FILE.xlsx" help:"help_selfcheck_file"`
	By     string `placeholder:"NAME" help:"help_by"`
	Reason string `placeholder:"TEXT" help:"help_lock_reason"`
}

// Run imports a filled 自评表.
func (c *selfImportCmd) Run(a *app) error {
	name, r, closeIt, err := a.openInput(c.File)
	if err != nil {
		return err
	}
	d, err := report.ReadSelfForm(name, r)
	closeIt()
	if err != nil {
		return err
	}
	return a.recording(c.By, func(s *store.Store, by string) error {
		said, err := importSelfForm(s, a.lang, a.now(), name, d, by, c.Reason)
		if err != nil {
			return err
		}
		fmt.Fprintln(a.stdout, said)
		return nil
	})
}

// importSelfForm imports a filled 自评表 read from the file name (d) into
// the self-assessment of its school and year, entered by by (with reason
// in a confirmed year), and says what it did in l.
func importSelfForm(s *store.Store, l i18n.Lang, now time.Time, name string, d *report.SelfFormData, by, reason string) (string, error) {
	sc, err := s.School(d.SchoolID)
	if err != nil {
		return "", checklist.Errorf(checklist.ErrNotFound, checklist.Text{ZH: "自评表 %s 所属的学校（%s）不在本数据库的学校名单中", EN: "the school of the form %s (%s) is not in this database's list"}, name, d.SchoolID)
	}
	sa, selfStd, err := s.SelfAssessment(sc.ID, d.Year)
	if err != nil {
		return "", err
	}
	if sa != nil && sa.StandardID != d.StandardID {
		return "", checklist.Errorf(checklist.ErrInvalid, checklist.Text{
			ZH: "自评表 %s 按标准 %s 生成，而 %s %d 年度的自评按标准 %s 填写；请重新生成自评表",
			EN: "the form %s is under standard %s, but %s's %d self-assessment is under %s: write the form again"}, name, d.StandardID, sc.Name, d.Year, sa.StandardID)
	}
	std := selfStd
	if std.ID != d.StandardID {
		if std, err = s.Standard(d.StandardID); err != nil {
			return "", err
		}
	}
	e, err := d.Check(std, checklist.DateOf(now))
	if err != nil {
		return "", err
	}
	saved, n, err := s.Amending(reason).ImportSelfAssessment(sc.ID, d.Year, store.SelfEntries{
		Cells: e.Cells, Remarks: e.Remarks, SignedBy: e.SignedBy, SignedOn: e.SignedOn}, checklist.SourceWorkbook, by)
	if err != nil {
		return "", err
	}
	score := saved.Score(std)
	return termtext.Line(l.Sprintf("已导入 %s %d 年度自评：%d 处有变化；自评分 %s（已自评 %d/%d 项）", "imported %s's %d self-assessment: %s; self-assessed %s (%d of %s)",
		sc.Name, d.Year, i18n.Counted(n, "change", "changes"), checklist.FormatPoints(score.Total), score.Answered, i18n.Counted(score.Scored, "item", "items"))), nil
}

type selfShowCmd struct {
	School string `arg:"" placeholder:"SCHOOL" help:"help_school_arg"`
	Year   int    `placeholder:"YEAR" help:"help_year_of"`
}

// Run shows a school's self-assessment and its gap with the inspection.
func (c *selfShowCmd) Run(a *app) error {
	year, err := a.yearOf(c.Year)
	if err != nil {
		return err
	}
	s, err := a.openStoreReadOnly()
	if err != nil {
		return err
	}
	defer s.Close()
	sc, err := a.schoolArg(s, c.School)
	if err != nil {
		return err
	}
	sa, std, err := s.SelfAssessment(sc.ID, year)
	if err != nil {
		return err
	}
	l := a.lang
	if sa == nil {
		a.say("%s %d 年度还没有自评。用 branchcheck selfcheck template 生成自评表交学校填写。", "%s has no self-assessment for %d yet. Write the form with branchcheck selfcheck template.", sc.Name, year)
		return nil
	}
	score := sa.Score(std)
	a.say("%s %d 年度支部自评（标准：%s）", "%s: self-assessment %d (standard: %s)", sc.Name, year, l.StandardTitle(std))
	if sa.SignedBy != "" {
		a.say("签字：%s %s", "signed: %s %s", sa.SignedBy, sa.SignedOn)
	}
	a.say("自评分：%s（已自评 %d/%d 项）", "self-assessed: %s (%d of %s)", checklist.FormatPoints(score.Total), score.Answered, i18n.Counted(score.Scored, "item", "items"))
	sv, err := s.SchoolVisits(sc.ID)
	if err != nil {
		return err
	}
	var cmp *checklist.SelfComparison
	for i := range sv.Visits { // latest first
		if v := sv.Visits[i]; v.Visit.Status == checklist.Finalized && v.Visit.Date.Year == year {
			if cmp, err = checklist.CompareSelf(std, sa, v.Standard, v.Visit); err != nil {
				return err
			}
			a.say("考评分：%s（%s 检查）；差距 %s", "inspection: %s (visit of %s); gap %s", checklist.FormatPoints(cmp.Inspection.Total), v.Visit.Date, gapWords(l, cmp))
			break
		}
	}
	large := map[string]bool{}
	if cmp != nil {
		for _, id := range cmp.LargeItems() {
			large[id] = true
		}
	}
	for _, it := range std.ScoredItems() {
		ans := sa.Answers[it.ID]
		entry := l.Verdict(ans.Verdict)
		if it.TakesValue() && ans.Verdict != checklist.Unanswered && ans.Verdict != checklist.NotApplicable {
			entry = checklist.EntryText(checklist.Answer{Verdict: ans.Verdict, Value: ans.Value})
			if entry == string(checklist.NotMet) {
				entry = l.Pick("不得分", "no points")
			}
		}
		mark := ""
		if large[it.ID] {
			mark = l.Pick("  差距大", "  large gap")
		}
		a.say("  %-6s %s%s", "  %-6s %s%s", it.ID, entry, mark)
		if ans.Note != "" {
			fmt.Fprintln(a.stdout, "         "+termtext.Line(ans.Note))
		}
	}
	return nil
}

// gapWords says a comparison's gap: "+11（差距大）".
func gapWords(l i18n.Lang, c *checklist.SelfComparison) string {
	s := checklist.FormatPoints(c.Gap)
	if c.Gap > 0 {
		s = "+" + s
	}
	if c.Large {
		s += l.Pick("（差距大）", " (large)")
	}
	return s
}

type yearCmd struct {
	Status   yearStatusCmd   `cmd:"" default:"withargs" help:"help_year_status"`
	Publish  yearPublishCmd  `cmd:"" help:"help_year_publish"`
	Confirm  yearConfirmCmd  `cmd:"" help:"help_year_confirm"`
	Withdraw yearWithdrawCmd `cmd:"" help:"help_year_withdraw"`
}

type yearPublishCmd struct {
	Year int    `placeholder:"YEAR" help:"help_year_of"`
	From string `required:"" placeholder:"DATE" help:"help_year_from"`
	To   string `required:"" placeholder:"DATE" help:"help_year_to"`
	By   string `placeholder:"NAME" help:"help_by"`
}

// Run puts the year's ratings in 公示.
func (c *yearPublishCmd) Run(a *app) error {
	year, err := a.yearOf(c.Year)
	if err != nil {
		return err
	}
	from, err := readDay(a, c.From)
	if err != nil {
		return err
	}
	to, err := readDay(a, c.To)
	if err != nil {
		return err
	}
	return a.recording(c.By, func(s *store.Store, by string) error {
		st, err := s.PublishYear(year, from, to, by)
		if err != nil {
			return err
		}
		a.say("%d 年度星级评定%s", "the %d rating: %s", year, report.StageText(a.lang, st))
		if n := st.PublicityNote(); n != nil {
			fmt.Fprintln(a.stderr, a.lang.Pick("注意：", "note: ")+a.lang.Error(n))
		}
		return nil
	})
}

type yearConfirmCmd struct {
	Year int    `placeholder:"YEAR" help:"help_year_of"`
	On   string `placeholder:"DATE" help:"help_year_on"`
	By   string `placeholder:"NAME" help:"help_by"`
}

// Run confirms the year's ratings.
func (c *yearConfirmCmd) Run(a *app) error {
	year, err := a.yearOf(c.Year)
	if err != nil {
		return err
	}
	on, err := readDay(a, c.On)
	if err != nil {
		return err
	}
	return a.recording(c.By, func(s *store.Store, by string) error {
		st, err := s.ConfirmYear(year, on, by)
		if err != nil {
			return err
		}
		a.say("%d 年度星级评定%s，共命名 %d 所；此后修改这一年的记录需说明原因。", "the %d rating: %s, %s named; from now on a change to that year's records needs a reason.",
			year, report.StageText(a.lang, st), i18n.Counted(len(st.Named), "school", "schools"))
		return nil
	})
}

type yearWithdrawCmd struct {
	Year   int    `placeholder:"YEAR" help:"help_year_of"`
	Reason string `required:"" placeholder:"TEXT" help:"help_year_reason"`
	By     string `placeholder:"NAME" help:"help_by"`
}

// Run takes the year back to 初评.
func (c *yearWithdrawCmd) Run(a *app) error {
	year, err := a.yearOf(c.Year)
	if err != nil {
		return err
	}
	return a.recording(c.By, func(s *store.Store, by string) error {
		st, err := s.WithdrawYear(year, c.Reason, by)
		if err != nil {
			return err
		}
		a.say("%d 年度星级评定已撤回：%s", "the %d rating is withdrawn: %s", year, report.StageText(a.lang, st))
		return nil
	})
}

type yearStatusCmd struct {
	Year int `placeholder:"YEAR" help:"help_year_of"`
}

// Run says where the year stands.
func (c *yearStatusCmd) Run(a *app) error {
	year, err := a.yearOf(c.Year)
	if err != nil {
		return err
	}
	s, err := a.openStoreReadOnly()
	if err != nil {
		return err
	}
	defer s.Close()
	st, err := s.YearStage(year)
	if err != nil {
		return err
	}
	l := a.lang
	a.say("%d 年度星级评定：%s", "the %d rating: %s", year, report.StageText(l, st))
	if n := st.PublicityNote(); n != nil {
		a.say("注意：%s", "note: %s", l.Error(n))
	}
	if st.PublicityOver(checklist.DateOf(a.now())) {
		a.say("公示期已满，可以确定：branchcheck year confirm --year %d", "the public notice is over: confirm with branchcheck year confirm --year %d", year)
	}
	brief, err := s.RateYearBrief(year)
	if err != nil {
		return err
	}
	rated, unrated, lagging := brief.Counts()
	a.say("已评定 %d 所，未评定 %d 所，落后党支部 %d 所", "%d rated, %d not rated, %d lagging", rated, unrated, lagging)
	for _, w := range brief.CheckQuotas() {
		a.say("名额提醒：%s", "quota warning: %s", l.Error(w.Message()))
	}
	if changed := st.ChangedSinceNamed(brief); len(changed) > 0 {
		var names []string
		for _, id := range changed {
			if sc, err := s.School(id); err == nil {
				names = append(names, sc.Name)
			}
		}
		a.say("确定后修改：%s", "changed after the confirmation: %s", strings.Join(names, l.Pick("、", ", ")))
	}
	for _, h := range st.History {
		what := h.To.Words().Pick(l != i18n.English)
		if h.To == checklist.StagePublicity {
			what += l.Sprintf("（%s 至 %s）", " (%s to %s)", h.PublicFrom, h.PublicTo)
		}
		line := l.Sprintf("  %s %s：%s", "  %s %s: %s", h.At.In(a.now().Location()).Format("2006-01-02 15:04"), h.By, what)
		if h.Reason != "" {
			line += l.Sprintf("，原因：%s", ", because: %s", h.Reason)
		}
		fmt.Fprintln(a.stdout, termtext.Line(line))
	}
	return nil
}
