package main

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/report"
	"branchcheck/store"
	"branchcheck/termtext"
)

// rectificationsCmd is the 整改台账 and the decisions the bureau's staff
// record about each rectification. Every rectification is named by its
// id, the finding visit's id and the item's (VISIT/ITEM), as the table,
// the CSV and the JSON give it.
type rectificationsCmd struct {
	List        rectListCmd        `cmd:"" default:"withargs" help:"help_rect_list"`
	Show        rectShowCmd        `cmd:"" help:"help_rect_show"`
	Report      rectReportCmd      `cmd:"" help:"help_rect_report"`
	Close       rectCloseCmd       `cmd:"" help:"help_rect_close"`
	Deadline    rectDeadlineCmd    `cmd:"" help:"help_rect_deadline"`
	Responsible rectResponsibleCmd `cmd:"" help:"help_rect_responsible"`
}

// The names of the fields that come in, for messages.
var (
	textRectID = checklist.Text{ZH: "整改事项编号", EN: "rectification id"}
	textBy     = checklist.Text{ZH: "经办人（--by）", EN: "--by"}
)

type rectListCmd struct {
	Status   string `placeholder:"open|overdue|reported|closed|all" help:"help_rect_status"`
	Township string `placeholder:"T" help:"help_rect_township"`
	School   string `placeholder:"NAME|ID" help:"help_rect_school"`
	Format   string `short:"f" placeholder:"FORMAT" help:"help_ratings_format"`
	Output   string `short:"o" placeholder:"FILE" help:"help_output"`
	Force    bool   `help:"help_force"`
}

// Run writes the 整改台账 as asked.
func (c *rectListCmd) Run(a *app) error {
	f, err := exportFormat(c.Format, c.Output, report.Table, report.Formats())
	if err != nil {
		return err
	}
	view, err := checklist.ParseRectView(c.Status)
	if err != nil {
		return usageError{err}
	}
	filter := checklist.RectFilter{View: view, Township: strings.TrimSpace(c.Township)}
	if err := checklist.CheckLine(checklist.TextTownship, filter.Township, checklist.MaxLine); err != nil {
		return usageError{err}
	}
	if err := checklist.CheckLine(checklist.TextSchoolName, c.School, checklist.MaxLine); err != nil {
		return usageError{err}
	}
	s, err := a.openStoreReadOnly()
	if err != nil {
		return err
	}
	defer s.Close()
	if filter.Township != "" {
		schools, err := s.Schools()
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(schools, func(sc checklist.School) bool { return sc.Township == filter.Township }) {
			return checklist.Errorf(checklist.ErrNotFound, checklist.Text{ZH: "没有乡镇为“%s”的学校", EN: "no school is in township %q"}, filter.Township)
		}
	}
	if c.School != "" {
		sc, err := findOneSchool(a, s, c.School)
		if err != nil {
			return err
		}
		filter.SchoolID = sc.ID
	}
	l, err := s.RectLedger(filter)
	if err != nil {
		return err
	}
	m := report.Meta{Lang: a.lang, GeneratedAt: a.now(), Database: s.Path(), Township: filter.Township}
	if m.Bureau, err = bureau(s); err != nil {
		return err
	}
	a.hintBureau(m.Bureau, printed(f))
	return a.writeExport(c.Output, c.Force, f, func(w io.Writer) error { return report.WriteRectifications(w, f, l, m) })
}

type rectShowCmd struct {
	ID string `arg:"" placeholder:"ID" help:"help_rect_id"`
}

// Run shows one rectification in full: what was found, where it stands,
// the decisions recorded and their history.
func (c *rectShowCmd) Run(a *app) error {
	id, err := rectID(c.ID)
	if err != nil {
		return err
	}
	s, err := a.openStoreReadOnly()
	if err != nil {
		return err
	}
	defer s.Close()
	e, sc, err := s.Rectification(id)
	if err != nil {
		return err
	}
	trail, err := s.AuditTrail(e.FoundIn)
	if err != nil {
		return err
	}
	today := checklist.DateOf(a.now())
	l := a.lang
	line := func(label, value string) {
		if value != "" {
			fmt.Fprintln(a.stdout, l.Pick(label+"：", englishLabel(label)+": ")+termtext.Line(value))
		}
	}
	line("编号", e.ID)
	line("学校", sc.Name+l.Sprintf("（%s）", " (%s)", orNotSet(sc.Township, "-")))
	item := e.ItemID
	if e.Item != nil {
		item += " " + l.Text(e.Item)
	}
	line("问题", item+l.Sprintf("（%s）", " (%s)", l.Verdict(e.Verdict)))
	if e.Finding != "" {
		fmt.Fprintln(a.stdout, l.Pick("检查记录：", "finding: ")+termtext.Block(e.Finding))
	}
	line("发现日期", e.FoundOn.String())
	deadline := e.Deadline().String()
	if !e.Actions.Deadline.IsZero() {
		deadline += l.Sprintf("（另定；原为 %s）", " (set by hand; by default %s)", e.DueBy)
	}
	line("整改期限", deadline)
	line("责任人", e.Responsible())
	line("状态", l.RectState(&e.Rectification, today))
	if a := e.Actions; !a.ReportedOn.IsZero() {
		line("报告整改完成", l.Sprintf("%s %s", "%s on %s", a.ReportedBy, a.ReportedOn))
		line("佐证材料", a.Evidence)
	}
	if e.RecheckedIn != "" {
		line("复查未通过", e.RecheckedOn.String())
	}
	if d := e.ClosedDate(); !d.IsZero() {
		how := l.Pick("检查认定符合或不适用", "a visit found it met or not applicable")
		if e.ClosedIn == "" {
			how = l.Sprintf("%s 手工销号：%s", "closed by hand by %s: %s", e.Actions.ClosedBy, e.Actions.CloseReason)
		}
		line("销号", d.String()+l.Sprintf("（%s）", " (%s)", how))
	}
	if e.Rebounds > 0 {
		line("反弹", l.Sprintf("第 %d 次；上次销号的是 %s", "%s; it came back from %s", i18n.Counted(e.Rebounds, "time", "times"), e.PreviousID))
	}
	for _, ch := range trail {
		if ch.Field != checklist.FieldRectification || ch.ItemID != e.ItemID {
			continue
		}
		line("记录", l.Sprintf("%s %s：%s", "%s %s: %s", ch.At.In(a.now().Location()).Format("2006-01-02 15:04"), ch.By, decision(a, ch)))
	}
	return nil
}

// decision says in words what a decision recorded in the audit trail
// changed (its actions before and after are JSON).
func decision(a *app, ch checklist.Change) string {
	l := a.lang
	var was, now checklist.RectActions
	if json.Unmarshal([]byte(ch.Old), &was) != nil || json.Unmarshal([]byte(ch.New), &now) != nil {
		return ch.New
	}
	var parts []string
	add := func(zh, en string, args ...any) { parts = append(parts, l.Sprintf(zh, en, args...)) }
	if now.Deadline != was.Deadline {
		if now.Deadline.IsZero() {
			add("整改期限恢复默认", "deadline back to the default")
		} else {
			add("整改期限定为 %s", "deadline set to %s", now.Deadline)
		}
	}
	if now.Responsible != was.Responsible {
		if now.Responsible == "" {
			add("责任人恢复为学校党组织书记", "person responsible back to the school's secretary")
		} else {
			add("责任人定为 %s", "person responsible: %s", now.Responsible)
		}
	}
	if now.ReportedOn != was.ReportedOn || now.ReportedBy != was.ReportedBy || now.Evidence != was.Evidence {
		add("报告 %s 已整改（报告人 %s）", "reported done on %s (by %s)", now.ReportedOn, now.ReportedBy)
		if now.Evidence != "" {
			add("佐证材料：%s", "evidence: %s", now.Evidence)
		}
	}
	if now.ClosedOn != was.ClosedOn {
		add("%s 手工销号，原因：%s", "closed by hand on %s, because: %s", now.ClosedOn, now.CloseReason)
	}
	return strings.Join(parts, l.Pick("；", "; "))
}

// englishLabel is the English of show's labels.
func englishLabel(zh string) string {
	return map[string]string{
		"编号": "id", "学校": "school", "问题": "problem", "发现日期": "found", "整改期限": "deadline", "责任人": "responsible",
		"状态": "status", "报告整改完成": "reported done", "佐证材料": "evidence", "复查未通过": "found still there",
		"销号": "closed", "反弹": "rebound", "记录": "recorded",
	}[zh]
}

// rectID checks a rectification id as it comes in.
func rectID(s string) (string, error) {
	s = strings.TrimSpace(s)
	if err := checklist.CheckLine(textRectID, s, checklist.MaxLine); err != nil {
		return "", usageError{err}
	}
	return s, nil
}

// recorder is who records a decision: --by, else the inspector's name
// remembered on this computer.
func recorder(s *store.Store, by string) (string, error) {
	by = strings.TrimSpace(by)
	if by == "" {
		v, err := s.Setting(store.SettingInspector)
		if err != nil {
			return "", err
		}
		by = v
	}
	if by == "" {
		return "", usageError{checklist.Errorf(checklist.ErrInvalid, checklist.Text{
			ZH: "请用 --by 写明经办人（本机还没有记住检查人的姓名）",
			EN: "say who records it with --by (no inspector's name is remembered on this computer)"})}
	}
	return by, checklist.CheckLine(textBy, by, checklist.MaxLine)
}

// readDay reads a date given on the command line; "" is today.
func readDay(a *app, s string) (checklist.Date, error) {
	if strings.TrimSpace(s) == "" {
		return checklist.DateOf(a.now()), nil
	}
	d, err := checklist.ReadDate(s)
	if err != nil {
		return checklist.Date{}, usageError{err}
	}
	return d, nil
}

// decided says what a decision left a rectification as.
func (a *app) decided(s *store.Store, r *checklist.Rectification) error {
	e, sc, err := s.Rectification(r.ID)
	if err != nil {
		return err
	}
	l := a.lang
	item := e.ItemID
	if e.Item != nil {
		item += " " + l.Text(e.Item)
	}
	fmt.Fprintln(a.stdout, termtext.Line(l.Sprintf("已记录：%s %s：%s，整改期限 %s，责任人 %s",
		"recorded: %s %s: %s, deadline %s, responsible %s",
		sc.Name, item, l.RectState(&e.Rectification, checklist.DateOf(a.now())), e.Deadline(), e.Responsible())))
	return nil
}

type rectReportCmd struct {
	ID       string `arg:"" placeholder:"ID" help:"help_rect_id"`
	By       string `placeholder:"NAME" help:"help_rect_report_by"`
	On       string `placeholder:"DATE" help:"help_rect_on"`
	Evidence string `placeholder:"TEXT" help:"help_rect_evidence"`
}

// Run records the school's report that the problem is put right.
func (c *rectReportCmd) Run(a *app) error {
	id, err := rectID(c.ID)
	if err != nil {
		return err
	}
	on, err := readDay(a, c.On)
	if err != nil {
		return err
	}
	if strings.TrimSpace(c.By) == "" {
		return usageError{checklist.Errorf(checklist.ErrInvalid, checklist.Text{
			ZH: "请用 --by 写明报告人：学校方面报告整改完成的人", EN: "say with --by who reported it done: the school's person"})}
	}
	s, err := a.openStore()
	if err != nil {
		return err
	}
	defer s.Close()
	r, err := s.ReportRectification(id, c.By, on, c.Evidence)
	if err != nil {
		return err
	}
	return a.decided(s, r)
}

type rectCloseCmd struct {
	ID     string `arg:"" placeholder:"ID" help:"help_rect_id"`
	Reason string `placeholder:"TEXT" help:"help_rect_reason"`
	By     string `placeholder:"NAME" help:"help_rect_by"`
	On     string `placeholder:"DATE" help:"help_rect_on"`
}

// Run closes a rectification by hand (销号) with a reason.
func (c *rectCloseCmd) Run(a *app) error {
	id, err := rectID(c.ID)
	if err != nil {
		return err
	}
	on, err := readDay(a, c.On)
	if err != nil {
		return err
	}
	return a.recording(c.By, func(s *store.Store, by string) error {
		r, err := s.CloseRectification(id, by, on, c.Reason)
		if err != nil {
			return err
		}
		return a.decided(s, r)
	})
}

type rectDeadlineCmd struct {
	ID    string `arg:"" placeholder:"ID" help:"help_rect_id"`
	Date  string `arg:"" optional:"" placeholder:"DATE" help:"help_rect_deadline_date"`
	Clear bool   `help:"help_rect_deadline_clear"`
	By    string `placeholder:"NAME" help:"help_rect_by"`
}

// Run sets a rectification's deadline by hand, or goes back to the
// default.
func (c *rectDeadlineCmd) Run(a *app) error {
	id, err := rectID(c.ID)
	if err != nil {
		return err
	}
	var d checklist.Date
	switch {
	case c.Clear && c.Date != "":
		return usageError{checklist.Errorf(checklist.ErrInvalid, checklist.Text{ZH: "请给出日期或 --clear，不要同时给", EN: "give a date or --clear, not both"})}
	case !c.Clear && strings.TrimSpace(c.Date) == "":
		return usageError{checklist.Errorf(checklist.ErrInvalid, checklist.Text{ZH: "请给出整改期限（如 2026-12-31），或用 --clear 恢复默认期限", EN: "give the deadline (e.g. 2026-12-31), or --clear for the default"})}
	case !c.Clear:
		if d, err = checklist.ReadDate(c.Date); err != nil {
			return usageError{err}
		}
	}
	return a.recording(c.By, func(s *store.Store, by string) error {
		r, err := s.SetRectificationDeadline(id, d, by)
		if err != nil {
			return err
		}
		return a.decided(s, r)
	})
}

type rectResponsibleCmd struct {
	ID    string `arg:"" placeholder:"ID" help:"help_rect_id"`
	Name  string `arg:"" optional:"" placeholder:"NAME" help:"help_rect_responsible_name"`
	Clear bool   `help:"help_rect_responsible_clear"`
	By    string `placeholder:"NAME" help:"help_rect_by"`
}

// Run names the person responsible by hand, or goes back to the school's
// secretary.
func (c *rectResponsibleCmd) Run(a *app) error {
	id, err := rectID(c.ID)
	if err != nil {
		return err
	}
	name := strings.TrimSpace(c.Name)
	switch {
	case c.Clear && name != "":
		return usageError{checklist.Errorf(checklist.ErrInvalid, checklist.Text{ZH: "请给出责任人或 --clear，不要同时给", EN: "give a name or --clear, not both"})}
	case !c.Clear && name == "":
		return usageError{checklist.Errorf(checklist.ErrInvalid, checklist.Text{ZH: "请给出责任人姓名，或用 --clear 恢复为学校党组织书记", EN: "give the name, or --clear for the school's secretary"})}
	}
	return a.recording(c.By, func(s *store.Store, by string) error {
		r, err := s.SetRectificationResponsible(id, name, by)
		if err != nil {
			return err
		}
		return a.decided(s, r)
	})
}

// recording opens the database to write, names who records the change
// (byFlag, else the inspector this computer remembers) and makes it.
func (a *app) recording(byFlag string, change func(s *store.Store, by string) error) error {
	s, err := a.openStore()
	if err != nil {
		return err
	}
	defer s.Close()
	by, err := recorder(s, byFlag)
	if err != nil {
		return err
	}
	return change(s, by)
}
