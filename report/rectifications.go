package report

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"branchcheck/checklist"
	"branchcheck/i18n"
)

// WriteRectifications writes the 整改台账 (the county's rectification
// ledger) to w in format f: one row per rectification the ledger lists,
// by township and school, each school's open ones first and by deadline,
// with 序号, 乡镇, 学校, 问题 (the item, the verdict and the inspector's
// note), 发现日期, 整改期限, 责任人, 状态 (逾期 N 天 when overdue), 销号日期
// and 反弹次数; the counts (未销号, of which overdue and reported done;
// 已销号) and the rules (how a deadline is set, what each status means,
// what a 反弹 is).
//
// The printed formats (HTML, Markdown, the XLSX's sheet) are a paper to
// send upward: the title, the 填报单位 (m.Bureau) and the day the ledger
// stands on, page numbers, and at the foot the lines for 填表人, 审核人,
// 负责人 and 填报日期 and the place for the 公章; no internal id or
// database path. The terminal table and the CSV add each rectification's
// id (for the commands that record decisions about it) and state the
// database; the JSON is a machine form (JSONRectifications).
//
// Filtering is the ledger's (checklist.RectFilter); m.Township is not
// read: the ledger's filter says it.
func WriteRectifications(w io.Writer, f Format, l *checklist.RectLedger, m Meta) error {
	if l == nil {
		return checklist.Errorf(checklist.ErrInvalid, checklist.Text{ZH: "无法写出整改台账：没有给出台账", EN: "write the rectifications: no ledger was given"})
	}
	var err error
	switch f {
	case Table:
		err = writeText(w, buildLedger(l, m, false).document())
	case CSV:
		err = writeLedgerCSV(w, buildLedger(l, m, false))
	case XLSX:
		r := buildLedger(l, m, true)
		main, about := m.Lang.Pick("整改台账", "Rectifications"), m.Lang.Pick("说明", "About")
		err = writeWorkbook(w, m.Lang, r.title, m.GeneratedAt, []string{main, about}, func(x *excelize.File, st *styles) error {
			if err := writeDocSheet(x, st, main, r.paper()); err != nil {
				return err
			}
			return writeDocSheet(x, st, about, document{Lang: r.lang, Title: r.title, Portrait: true, Sections: []section{{Facts: r.about}}})
		})
	case Markdown:
		err = writeMarkdown(w, buildLedger(l, m, true).paper())
	case HTML:
		err = writeHTML(w, buildLedger(l, m, true).paper())
	case JSON:
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		err = enc.Encode(rectificationsJSON(l, m))
	default:
		return formatError(f, Formats())
	}
	if err != nil {
		return checklist.Errorf(nil, checklist.Text{ZH: "无法把整改台账写成 %s", EN: "write the rectifications as %s"}, string(f)).Because(err)
	}
	return nil
}

// ledger is the 整改台账 in one language, as every format but JSON shows
// it.
type ledger struct {
	lang  i18n.Lang
	title string
	// head is who sends the paper and the day it stands on.
	head []fact
	// about states everything: who, the day, the view, the township, when
	// and from which database.
	about []fact
	// rules state the rules for a printed page.
	rules  []fact
	table  table
	counts []fact
}

// document lays the ledger out for the terminal: what it states, the
// table, the counts.
func (r *ledger) document() document {
	return document{Lang: r.lang, Title: r.title, Sections: []section{
		{Facts: r.about},
		{Table: &r.table, Empty: r.empty()},
		{Heading: wordsFor(r.lang).Counts, Facts: r.counts, Inline: true},
	}}
}

// paper lays the ledger out as a paper to send upward.
func (r *ledger) paper() document {
	l := r.lang
	return document{
		Lang: l, Title: r.title, Head: r.head,
		Sections: []section{
			{Table: &r.table, Empty: r.empty()},
			{Heading: wordsFor(l).Counts, Facts: r.counts, Inline: true},
			{Heading: l.Pick("说明", "Notes"), Facts: r.rules, Numbered: true},
		},
		Signatures: []signature{{Label: l.Pick("填表人", "Prepared by")}, {Label: l.Pick("审核人", "Checked by")},
			{Label: l.Pick("负责人", "Approved by")}, {Label: l.Pick("填报日期", "Date"), Date: true}},
		Seal: l.Pick("（公章）", "(Official seal)"),
	}
}

func (r *ledger) empty() string {
	return r.lang.Pick("没有符合条件的整改事项。", "No rectification is listed.")
}

// buildLedger turns a ledger into the table every format renders: as a
// paper (printed: no ids) or for the terminal and the CSV (each row's id
// last).
func buildLedger(lg *checklist.RectLedger, m Meta, printed bool) *ledger {
	l := m.Lang
	title := l.Pick("党支部建设检查整改台账", "Rectification ledger of the party branch inspections")
	var scope []string
	if lg.Filter.Township != "" {
		scope = append(scope, lg.Filter.Township)
	}
	if lg.Filter.Year != 0 {
		scope = append(scope, l.Sprintf("%d年度", "%d", lg.Filter.Year))
	}
	if v := lg.Filter.View; v != checklist.ViewOpen && v != "" {
		scope = append(scope, l.RectView(v))
	}
	if len(scope) > 0 {
		title += l.Sprintf("（%s）", " (%s)", strings.Join(scope, l.Pick("，", ", ")))
	}
	asOf := fact{l.Pick("截至日期", "As of"), date(lg.Today)}
	r := &ledger{lang: l, title: title,
		head:  []fact{m.bureauFact("填报单位", "Submitted by", true), asOf},
		about: []fact{m.bureauFact("填报单位", "Submitted by", false), asOf}}
	view := fact{l.Pick("列出范围", "Listed"), text(viewScope(l, lg.Filter.View))}
	town := Meta{Lang: l, Township: lg.Filter.Township}.townshipFact()
	r.about = append(r.about, view, town)
	if lg.Filter.Year != 0 {
		r.about = append(r.about, fact{wordsFor(l).Year, text(l.Sprintf("%d年度发现的，和以前发现、至今未销号的", "found in %d, and those found before and still open", lg.Filter.Year))})
	}
	r.about = append(r.about, m.sourceFacts()...)
	r.rules = append([]fact{view, town}, rectRules(l)...)
	r.rules = append(r.rules, m.generatedFact())

	r.table = rectTable(l, lg, !printed)
	c := lg.Counts
	r.counts = []fact{
		{l.Pick("未销号", "Open"), count(c.Open)},
		{l.Pick("其中逾期", "Of them overdue"), count(c.Overdue)},
		{l.Pick("其中已整改待复查", "Of them reported done"), count(c.Reported)},
		{l.Pick("已销号", "Closed"), count(c.Closed)},
		{l.Pick("本表列出", "Listed here"), count(lg.Len())},
	}
	return r
}

// viewScope says what a view lists.
func viewScope(l i18n.Lang, v checklist.RectView) string {
	switch v {
	case checklist.ViewOverdue:
		return l.Pick("逾期（过了整改期限仍待整改）的整改事项", "rectifications past their deadline and not put right")
	case checklist.ViewReported:
		return l.Pick("学校已报告整改完成、待复查的整改事项", "rectifications the school reported done, waiting for the recheck")
	case checklist.ViewClosed:
		return l.Pick("已销号的整改事项", "closed rectifications")
	case checklist.ViewAll:
		return l.Pick("全部整改事项（未销号的和已销号的）", "every rectification, open or closed")
	}
	return l.Pick("未销号的整改事项（待整改，含逾期；已整改待复查）", "rectifications not closed (open, overdue or not; reported done)")
}

// rectRules state how the ledger's figures come about.
func rectRules(l i18n.Lang) []fact {
	return []fact{
		{l.Pick("整改事项", "Rectification"), text(l.Pick(
			"每次定稿的检查中评为不符合或部分符合的条目，即为一项整改事项；上次的问题尚未销号时，再次检查仍未整改的，记为复查未通过，不另立一项。",
			"every item a finalized visit found not met or partly met; a problem found again while still open is a failed recheck, not a new rectification."))},
		{wordsFor(l).Deadline, text(l.Pick(
			"检查日期加检查标准规定的整改天数（标准未规定的为30天），可逐项另定。",
			"the visit's date plus the days the standard allows (30 when it says nothing); it may be set item by item."))},
		{wordsFor(l).Responsible, text(l.Pick("默认为学校党组织书记，可另行指定。", "the school's branch secretary unless someone else is named."))},
		{wordsFor(l).Status, text(l.Pick(
			"待整改；逾期 N 天（过了整改期限仍待整改）；已整改待复查（学校已报告整改完成，待下次检查复查，不计逾期）；已销号（后来的检查认定符合或不适用，或核实后手工销号）。",
			"open; N days overdue (past the deadline and not put right); reported done (the school reported it put right, waiting for the next visit's recheck, not counted overdue); closed (a later visit found it met or not applicable, or it was closed by hand after a check)."))},
		{l.Pick("反弹次数", "Rebounds"), text(l.Pick("同一条目销号后又被检查发现不符合或部分符合的次数。", "how often the same item was found again after it was closed."))},
	}
}

// rectTable is the ledger's table; withIDs adds each rectification's id
// as the last column.
func rectTable(l i18n.Lang, lg *checklist.RectLedger, withIDs bool) table {
	t := table{Columns: rectColumns(l, withIDs)}
	n := 0
	lg.Each(func(s *checklist.SchoolRectifications, e *checklist.RectEntry) bool {
		n++
		t.Rows = append(t.Rows, rectRow(l, lg.Today, n, s, e, withIDs))
		return true
	})
	return t
}

// rectColumns are the columns of the ledger's table.
func rectColumns(l i18n.Lang, withIDs bool) []column {
	wd := wordsFor(l)
	cols := []column{
		{Title: wd.No, Numeric: true}, {Title: wd.Township}, {Title: wd.School},
		{Title: l.Pick("问题", "Problem"), Long: true},
		{Title: l.Pick("发现日期", "Found"), Date: true}, {Title: wd.Deadline, Date: true}, {Title: wd.Responsible},
		{Title: wd.Status, Flag: true}, {Title: l.Pick("销号日期", "Closed"), Date: true},
		{Title: l.Pick("反弹次数", "Rebounds"), Numeric: true},
	}
	if withIDs {
		cols = append(cols, column{Title: l.Pick("编号", "ID")})
	}
	return cols
}

// rectRow is the n-th row of the ledger's table: rectification e of
// school s on today.
func rectRow(l i18n.Lang, today checklist.Date, n int, s *checklist.SchoolRectifications, e *checklist.RectEntry, withIDs bool) row {
	cells := []cell{
		count(n), text(s.School.Township), text(s.School.Name), text(problemText(l, e)),
		date(e.FoundOn), date(e.Deadline()), text(e.Responsible()), text(rectState(l, &e.Rectification, today)),
		date(e.ClosedDate()), count(e.Rebounds),
	}
	if withIDs {
		cells = append(cells, text(e.ID))
	}
	mk := markNone
	switch {
	case e.Overdue(today):
		mk = markOverdue
	case e.Status() == checklist.RectClosed:
		mk = markClosed
	}
	return row{Cells: cells, Mark: mk}
}

// rectRows are the rows of the workbook's sheet 整改台账, made as they
// are written: from parts (Meta.RectParts) when given, else from the
// ledger.
func rectRows(l i18n.Lang, lg *checklist.RectLedger, parts func(func(*checklist.RectLedger) error) error) tableRows {
	return tableRows{columns: rectColumns(l, false), each: func(yield func(row) bool) error {
		n := 0
		add := func(part *checklist.RectLedger) bool {
			more := true
			part.Each(func(s *checklist.SchoolRectifications, e *checklist.RectEntry) bool {
				n++
				more = yield(rectRow(l, lg.Today, n, s, e, false))
				return more
			})
			return more
		}
		if parts == nil {
			add(lg)
			return nil
		}
		err := parts(func(part *checklist.RectLedger) error {
			if !add(part) {
				return errEnough
			}
			return nil
		})
		if errors.Is(err, errEnough) {
			return nil
		}
		return err
	}}
}

// errEnough stops a table's rows early: the rows wanted were written.
var errEnough = errors.New("enough rows") // saycheck:internal: never leaves the table it stops

// problemText says what was found: the item and its text, the verdict,
// and the inspector's note: "3.5 有发展党员工作流程图（不符合）：流程图未上墙".
func problemText(l i18n.Lang, e *checklist.RectEntry) string {
	item := e.ItemID
	if e.Item != nil {
		item += " " + l.Text(e.Item)
	}
	s := item + l.Sprintf("（%s）", " (%s)", l.Verdict(e.Verdict))
	if e.Finding != "" {
		s += sep(l) + e.Finding
	}
	return s
}

// writeLedgerCSV writes the ledger as CSV, as writeRatingsCSV writes the
// ratings: the table, then what it states and the counts.
func writeLedgerCSV(w io.Writer, r *ledger) error {
	return writeCSV(w, r.table, func(record func(...cell) []string, cw *csv.Writer) {
		cw.Write(record())
		for _, f := range r.about {
			cw.Write(record(text(f.Label), f.Value))
		}
		cw.Write(record())
		cw.Write(record(text(wordsFor(r.lang).Counts)))
		for _, f := range r.counts {
			cw.Write(record(text(f.Label), f.Value))
		}
	})
}

// JSONRectifications is the JSON form of the 整改台账: stable snake_case
// field names, language-neutral values. Its Format is JSONFormatVersion.
type JSONRectifications struct {
	Format      int       `json:"format"`
	GeneratedAt time.Time `json:"generated_at"`
	Database    string    `json:"database"`
	Bureau      string    `json:"bureau"`
	// Today is the day the ledger stands on: what is overdue is so then.
	Today string `json:"today"`
	// View is the status filter: open, overdue, reported, closed or all.
	View     string `json:"view"`
	Township string `json:"township"`
	// Year, if not 0: the rectifications found that year, and those found
	// before and still open.
	Year   int                 `json:"year,omitempty"`
	Counts JSONRectCounts      `json:"counts"`
	Rows   []JSONRectification `json:"rows"`
}

// JSONRectCounts count the rectifications the filter's township, school
// and year let through, whatever the view: open (not closed), of which
// overdue and reported done; closed.
type JSONRectCounts struct {
	Open     int `json:"open"`
	Overdue  int `json:"overdue"`
	Reported int `json:"reported"`
	Closed   int `json:"closed"`
}

// JSONRectification is one rectification (整改事项). Dates are 2006-01-02,
// "" when there is none.
type JSONRectification struct {
	No int `json:"no"` // 1-based position in the ledger
	// ID is the finding visit's id and the item's: what the commands that
	// record decisions take.
	ID         string     `json:"id"`
	School     JSONSchool `json:"school"`
	ItemID     string     `json:"item_id"`
	ItemText   string     `json:"item_text"`
	StandardID string     `json:"standard_id"`
	// Verdict is not_met or partly_met; Finding is the inspector's note.
	Verdict string `json:"verdict"`
	Finding string `json:"finding"`
	FoundIn string `json:"found_in"` // the visit's id
	FoundOn string `json:"found_on"`
	// DueBy is the default deadline; Deadline the one that holds (set by
	// hand, else DueBy).
	DueBy       string `json:"due_by"`
	Deadline    string `json:"deadline"`
	Responsible string `json:"responsible"`
	// Status is open, reported or closed; DaysOverdue is how many days an
	// open one is past its deadline on Today (0 if not overdue).
	Status      string `json:"status"`
	DaysOverdue int    `json:"days_overdue"`
	// The school's report that it is put right.
	ReportedBy string `json:"reported_by"`
	ReportedOn string `json:"reported_on"`
	Evidence   string `json:"evidence"`
	// RecheckedIn is the latest later visit that found it still there.
	RecheckedIn string `json:"rechecked_in"`
	RecheckedOn string `json:"rechecked_on"`
	// ClosedOn is the day it was closed (销号), by the visit ClosedIn or
	// by hand (ClosedBy, CloseReason).
	ClosedOn    string `json:"closed_on"`
	ClosedIn    string `json:"closed_in"`
	ClosedBy    string `json:"closed_by"`
	CloseReason string `json:"close_reason"`
	// Rebounds counts how often the problem came back after it was closed
	// (反弹); PreviousID is the closed rectification it came back from.
	Rebounds   int    `json:"rebounds"`
	PreviousID string `json:"previous_id"`
}

func rectificationsJSON(lg *checklist.RectLedger, m Meta) JSONRectifications {
	c := lg.Counts
	out := JSONRectifications{
		Format: JSONFormatVersion, GeneratedAt: m.GeneratedAt, Database: m.Database, Bureau: m.Bureau,
		Today: lg.Today.String(), View: string(lg.Filter.View), Township: lg.Filter.Township, Year: lg.Filter.Year,
		Counts: JSONRectCounts{Open: c.Open, Overdue: c.Overdue, Reported: c.Reported, Closed: c.Closed},
		Rows:   []JSONRectification{},
	}
	if out.View == "" {
		out.View = string(checklist.ViewOpen)
	}
	lg.Each(func(s *checklist.SchoolRectifications, e *checklist.RectEntry) bool {
		sc := s.School
		a := e.Actions
		out.Rows = append(out.Rows, JSONRectification{
			No: len(out.Rows) + 1, ID: e.ID, School: JSONSchool{sc.ID, sc.Name, sc.Township, sc.Kind, sc.Secretary},
			ItemID: e.ItemID, ItemText: e.ItemText(), StandardID: e.StandardID,
			Verdict: string(e.Verdict), Finding: e.Finding, FoundIn: e.FoundIn, FoundOn: e.FoundOn.String(),
			DueBy: e.DueBy.String(), Deadline: e.Deadline().String(), Responsible: e.Responsible(),
			Status: string(e.Status()), DaysOverdue: e.DaysOverdue(lg.Today),
			ReportedBy: a.ReportedBy, ReportedOn: a.ReportedOn.String(), Evidence: a.Evidence,
			RecheckedIn: e.RecheckedIn, RecheckedOn: e.RecheckedOn.String(),
			ClosedOn: e.ClosedDate().String(), ClosedIn: e.ClosedIn, ClosedBy: a.ClosedBy, CloseReason: a.CloseReason,
			Rebounds: e.Rebounds, PreviousID: e.PreviousID,
		})
		return true
	})
	return out
}

// openCount is a school's count of rectifications not closed, for the
// ratings table.
func openCount(counts map[string]checklist.RectCounts, schoolID string) cell {
	return count(counts[schoolID].Open)
}

// rectNote states the ratings table's column of open rectifications.
func rectNote(l i18n.Lang, lg *checklist.RectLedger) fact {
	return fact{l.Pick("整改未销号", "Open rectifications"), text(l.Sprintf(
		"截至 %s 仍未销号的整改事项数（含已整改待复查、逾期的），本年度发现的和以前发现至今未销号的都计入。",
		"rectifications not closed on %s (reported done and overdue ones included), found this year or before.",
		lg.Today.String()))}
}
