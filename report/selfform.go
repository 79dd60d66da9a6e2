package report

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"branchcheck/checklist"
	"branchcheck/i18n"
)

// The 自评表: the workbook branchcheck writes for a school to fill in its
// self-assessment (支部自评) for a year, and reads back. One sheet: the
// items of the year's standard, a column 自评 to fill (a verdict from a
// drop-down list, or for a deduction or bonus item a number, checked by
// the sheet as it is typed), a column for the branch's remarks (its
// evidence), and the secretary's signature and date; everything else is
// protected. The workbook names its school, year and standard in its
// custom document properties, so that it comes back to the right school.

// SelfFormVersion is the 自评表's format, in its document properties.
const SelfFormVersion = "branchcheck-selfcheck/1"

// The custom document properties of a 自评表.
const (
	propForm     = "branchcheck-form"
	propSchool   = "branchcheck-school"
	propYear     = "branchcheck-year"
	propStandard = "branchcheck-standard"
)

// SelfForm is what a 自评表 is written from: the school, the year, the
// standard its items come from and, to print what is already recorded,
// the school's self-assessment (nil: a blank form).
type SelfForm struct {
	School   checklist.School
	Year     int
	Standard *checklist.Standard
	Current  *checklist.SelfAssessment
}

// selfFormHeader is the 自评表's table header; the columns are fixed, in
// this order, in both languages.
func selfFormHeader(l i18n.Lang) []string {
	return []string{
		l.Pick("序号", "No."), l.Pick("要", "Part"), l.Pick("编号", "Item"), l.Pick("检查内容", "Item text"),
		l.Pick("分值与评分规则", "Points and rule"), l.Pick("自评", "Self-assessment"), l.Pick("说明（佐证材料）", "Remarks (evidence)"),
	}
}

// The 自评表's fixed places.
const (
	selfHeaderRow = 5
	colItem       = 3 // C: the item's id
	colEntry      = 6 // F: what the branch fills in
	colRemark     = 7 // G: its remarks
)

// WriteSelfForm writes a school's 自评表 for a year to w: an XLSX
// workbook of one protected sheet whose only cells to fill are the 自评
// and 说明 columns and the secretary's signature and date.
func WriteSelfForm(w io.Writer, form SelfForm, m Meta) error {
	if form.Standard == nil {
		return checklist.Errorf(checklist.ErrInvalid, checklist.Text{ZH: "写自评表：没有给出检查标准", EN: "write a self-assessment form: no standard was given"})
	}
	if form.Current != nil && form.Current.StandardID != form.Standard.ID {
		return checklist.Errorf(checklist.ErrInvalid, checklist.Text{ZH: "写自评表：已有的自评是按标准 %s 填写的，不是 %s", EN: "write a self-assessment form: the self-assessment is under standard %s, not %s"}, form.Current.StandardID, form.Standard.ID)
	}
	l := m.Lang
	sheet := l.Pick("支部自评表", "Self-assessment")
	title := l.Sprintf("%s %d年度党支部自评表", "%s: party branch self-assessment, %d", form.School.Name, form.Year)
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	if err := writeSelfSheet(f, sheet, form, l, title); err != nil {
		return checklist.Errorf(nil, checklist.Text{ZH: "不能写 %s 的自评表", EN: "write the self-assessment form of %s"}, form.School.Name).Because(err)
	}
	for _, p := range []excelize.CustomProperty{
		{Name: propForm, Value: SelfFormVersion}, {Name: propSchool, Value: form.School.ID},
		{Name: propYear, Value: strconv.Itoa(form.Year)}, {Name: propStandard, Value: form.Standard.ID},
	} {
		if err := f.SetCustomProps(p); err != nil {
			return checklist.Errorf(nil, checklist.Text{ZH: "不能写自评表", EN: "write the self-assessment form"}).Because(err)
		}
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: title, Creator: "branchcheck", Language: l.Pick("zh-CN", "en"),
		Created: docTime(m.GeneratedAt), Modified: docTime(m.GeneratedAt)}); err != nil {
		return err
	}
	return f.Write(w)
}

func writeSelfSheet(f *excelize.File, sheet string, form SelfForm, l i18n.Lang, title string) error {
	std := form.Standard
	border := []excelize.Border{
		{Type: "left", Color: "A0A0A0", Style: 1}, {Type: "right", Color: "A0A0A0", Style: 1},
		{Type: "top", Color: "A0A0A0", Style: 1}, {Type: "bottom", Color: "A0A0A0", Style: 1},
	}
	var serr error
	style := func(s *excelize.Style) int {
		id, err := f.NewStyle(s)
		if serr == nil {
			serr = err
		}
		return id
	}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	stTitle := style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 16}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	stNote := style(&excelize.Style{Alignment: top})
	stHeader := style(&excelize.Style{Border: border, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{fillHeader}},
		Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	stCell := style(&excelize.Style{Border: border, Alignment: top})
	stFill := style(&excelize.Style{Border: border, Alignment: top, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF8DC"}},
		Protection: &excelize.Protection{Locked: false}})
	date := dateFormat
	stFillDate := style(&excelize.Style{Border: border, Alignment: top, CustomNumFmt: &date,
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF8DC"}}, Protection: &excelize.Protection{Locked: false}})
	if serr != nil {
		return serr
	}
	set := func(col, row int, v any, st int) error {
		ref := cellName(col, row)
		if s, ok := v.(string); ok {
			v = neutralise(s)
		}
		if err := f.SetCellValue(sheet, ref, v); err != nil {
			return err
		}
		return f.SetCellStyle(sheet, ref, ref, st)
	}
	line := func(row int, s string, st int, height float64) error {
		if err := set(1, row, s, st); err != nil {
			return err
		}
		if err := f.MergeCell(sheet, cellName(1, row), cellName(7, row)); err != nil {
			return err
		}
		return f.SetRowHeight(sheet, row, height)
	}
	widths := []float64{6, 8, 7, 46, 30, 14, 30}
	for i, wd := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, wd); err != nil {
			return err
		}
	}
	sc := form.School
	if err := line(1, title, stTitle, 28); err != nil {
		return err
	}
	head := l.Sprintf("学校：%s　乡镇：%s　年度：%d　标准：%s", "School: %s   Township: %s   Year: %d   Standard: %s",
		sc.Name, orDashText(sc.Township), form.Year, l.StandardTitle(std))
	if err := line(2, head, stNote, 20); err != nil {
		return err
	}
	how := l.Pick(
		"填写说明：请在“自评”列逐项填写（黄色单元格）。一般条目从下拉列表选择符合、部分符合、不符合或不适用；扣分项填缺少的个数或扣分数（没有缺少填 0），也可填“不得分”“不适用”；加分项填获得的个数或分数（没有填 0）。“说明”列可写佐证材料。其余单元格已保护，请勿改动；填好后交回局党委办公室导入。",
		"How to fill in: in the Self-assessment column (yellow), choose met, partly met, not met or not applicable for each item; for a deduction item enter how many are missing or the points off (0 for none), or not met / not applicable; for a bonus item enter how many, or the points (0 for none). Remarks may name the evidence. The other cells are protected; return the filled workbook to be imported.")
	if err := line(3, how, stNote, 62); err != nil {
		return err
	}
	for i, h := range selfFormHeader(l) {
		if err := set(i+1, selfHeaderRow, h, stHeader); err != nil {
			return err
		}
	}
	verdicts := []string{l.Verdict(checklist.Met), l.Verdict(checklist.PartlyMet), l.Verdict(checklist.NotMet), l.Verdict(checklist.NotApplicable)}
	row := selfHeaderRow
	var verdictCells []string
	for i, p := range scoredItems(std) {
		row++
		it := p.item
		rule := l.Pick("按符合、部分符合、不符合、不适用填写", "met, partly met, not met or not applicable")
		if it.Points > 0 {
			rule = l.Sprintf("%d分；", "%v; ", checklist.Points(it.Points)) + rule
		}
		if it.TakesValue() {
			rule = pickText(l, it.RuleText()) + l.Pick("。填写：", ". Enter: ") + pickText(l, it.Asks())
		}
		vals := []any{i + 1, l.RequirementLabel(p.req), it.ID, l.Text(it), rule}
		for c, v := range vals {
			if err := set(c+1, row, v, stCell); err != nil {
				return err
			}
		}
		entry, note := "", ""
		if form.Current != nil {
			a := form.Current.Answers[it.ID]
			note = a.Note
			switch {
			case a.Verdict == checklist.Unanswered:
			case it.TakesValue() && (a.Verdict == checklist.NotApplicable || a.Verdict == checklist.NotMet && a.Value == 0 && it.Deduction != nil):
				entry = l.Verdict(a.Verdict)
				if a.Verdict == checklist.NotMet {
					entry = l.Pick("不得分", "not met")
				}
			case it.TakesValue():
				entry = checklist.FormatPoints(a.Value)
			default:
				entry = l.Verdict(a.Verdict)
			}
		}
		var ev any = entry
		if x, err := strconv.ParseFloat(entry, 64); err == nil {
			ev = x
		}
		if err := set(colEntry, row, ev, stFill); err != nil {
			return err
		}
		if err := set(colRemark, row, note, stFill); err != nil {
			return err
		}
		ref := cellName(colEntry, row)
		if !it.TakesValue() {
			verdictCells = append(verdictCells, ref)
			continue
		}
		if err := addValueValidation(f, sheet, ref, it, l); err != nil {
			return err
		}
		_ = f.SetRowHeight(sheet, row, float64(2*lineHeight))
	}
	if len(verdictCells) > 0 {
		dv := excelize.NewDataValidation(true)
		dv.Sqref = strings.Join(verdictCells, " ")
		if err := dv.SetDropList(verdicts); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, l.Pick("请从列表中选择", "Choose from the list"),
			l.Pick("请选择符合、部分符合、不符合或不适用。", "Choose met, partly met, not met or not applicable."))
		if err := f.AddDataValidation(sheet, dv); err != nil {
			return err
		}
	}
	row += 2
	sign := form.Current
	signedBy, signedOn := "", any("")
	if sign != nil {
		signedBy = sign.SignedBy
		if !sign.SignedOn.IsZero() {
			signedOn = sign.SignedOn.String()
		}
	}
	for _, s := range []struct {
		label string
		value any
		style int
	}{
		{l.Pick("党组织书记（签字）", "Secretary (signature)"), signedBy, stFill},
		{l.Pick("填报日期", "Date"), signedOn, stFillDate},
	} {
		if err := set(4, row, s.label, stHeader); err != nil {
			return err
		}
		if err := set(colEntry, row, s.value, s.style); err != nil {
			return err
		}
		if err := f.MergeCell(sheet, cellName(colEntry, row), cellName(colRemark, row)); err != nil {
			return err
		}
		row++
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: selfHeaderRow, TopLeftCell: cellName(1, selfHeaderRow+1), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	size, orient, wide, tall, fit := 9, "portrait", 1, 0, true
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: l.Pick("&C第&P页 共&N页", "&CPage &P of &N")}); err != nil {
		return err
	}
	return f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true})
}

// addValueValidation makes a deduction or bonus item's cell take a number
// within its bounds (a whole one for a count), or the words that need no
// number (不适用, and 不得分 for a deduction item).
func addValueValidation(f *excelize.File, sheet, ref string, it *checklist.Item, l i18n.Lang) error {
	num := fmt.Sprintf("AND(ISNUMBER(%[1]s),%[1]s>=0,%[1]s<=%[2]s)", ref, checklist.FormatPoints(it.MaxValue()))
	if it.CountsUnits() {
		num = fmt.Sprintf("AND(ISNUMBER(%[1]s),%[1]s>=0,%[1]s<=%[2]s,%[1]s=INT(%[1]s))", ref, checklist.FormatPoints(it.MaxValue()))
	}
	words := []string{l.Verdict(checklist.NotApplicable)}
	if it.Deduction != nil {
		words = append(words, l.Pick("不得分", "not met"))
	}
	parts := []string{num}
	for _, w := range words {
		parts = append(parts, fmt.Sprintf(`%s="%s"`, ref, w))
	}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = ref
	dv.Type = "custom"
	dv.Formula1 = xmlFormula("OR(" + strings.Join(parts, ",") + ")")
	msg := pickText(l, it.RuleText())
	dv.SetError(excelize.DataValidationErrorStyleStop, pickText(l, it.Asks()), msg)
	dv.SetInput(pickText(l, it.Asks()), msg)
	return f.AddDataValidation(sheet, dv)
}

// xmlFormula escapes a data validation's formula as excelize writes it
// (as it is, into the sheet's XML).
func xmlFormula(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

func pickText(l i18n.Lang, t checklist.Text) string { return t.Pick(l != i18n.English) }

func orDashText(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// SelfFormData is what a filled 自评表 holds, as the school wrote it: the
// school, year and standard it names, and row by row each item's entry
// and remark, the secretary's name and the date, not yet checked against
// the standard (SelfFormData.Check).
type SelfFormData struct {
	Name       string // the file's name, for messages
	SchoolID   string
	Year       int
	StandardID string
	Rows       []SelfFormRow
	// SignedBy and SignedOn are the signature's cells as written, with
	// their rows (0: not found).
	SignedBy, SignedOn       string
	SignedByRow, SignedOnRow int
}

// SelfFormRow is one item's row of a filled 自评表.
type SelfFormRow struct {
	Row    int // 1-based, as the spreadsheet numbers it
	ItemID string
	Entry  string
	Remark string
}

// MaxSelfFormSize bounds the size of a 自评表 read back: a filled form of
// a standard of a hundred items is about 15 KB.
const MaxSelfFormSize = 8 << 20

// ReadSelfForm reads a filled 自评表 back: the school, year and standard
// it was written for, and each item's row as written. It refuses a file
// that is not a 自评表 written by branchcheck, or one too large or
// damaged; the rows are checked by Check.
func ReadSelfForm(name string, r io.Reader) (*SelfFormData, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSelfFormSize+1))
	if err != nil {
		return nil, checklist.Errorf(nil, checklist.Text{ZH: "读取自评表 %s", EN: "read the form %s"}, name).Because(err)
	}
	if len(data) > MaxSelfFormSize {
		return nil, checklist.Errorf(checklist.ErrInvalid, checklist.Text{ZH: "%s 超过 %d MB，不是 branchcheck 生成的自评表", EN: "%s is over %d MB: not a form branchcheck wrote"}, name, MaxSelfFormSize>>20)
	}
	notForm := checklist.Errorf(checklist.ErrInvalid, checklist.Text{
		ZH: "%s 不是 branchcheck 生成的自评表（请用 branchcheck selfcheck template 生成，填好后原样交回）",
		EN: "%s is not a self-assessment form written by branchcheck (make one with branchcheck selfcheck template and return it filled)"}, name)
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: 64 << 20, UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		return nil, notForm.Wrapping(err)
	}
	defer f.Close()
	props, err := f.GetCustomProps()
	if err != nil {
		return nil, notForm.Wrapping(err)
	}
	d := &SelfFormData{Name: name}
	var form string
	for _, p := range props {
		v := fmt.Sprint(p.Value)
		switch p.Name {
		case propForm:
			form = v
		case propSchool:
			d.SchoolID = v
		case propYear:
			d.Year, _ = strconv.Atoi(v)
		case propStandard:
			d.StandardID = v
		}
	}
	switch {
	case form == "":
		return nil, notForm
	case form != SelfFormVersion:
		return nil, checklist.Errorf(checklist.ErrInvalid, checklist.Text{ZH: "%s 是另一版本的自评表（%s），本程序读取 %s", EN: "%s is a form of another version (%s); this program reads %s"}, name, form, SelfFormVersion)
	case d.SchoolID == "" || d.StandardID == "" || d.Year < 1:
		return nil, notForm
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, notForm
	}
	rows, err := f.GetRows(sheets[0])
	if err != nil {
		return nil, notForm.Wrapping(err)
	}
	if len(rows) < selfHeaderRow {
		return nil, notForm
	}
	cell := func(r []string, c int) string {
		if c-1 < len(r) {
			return strings.TrimSpace(r[c-1])
		}
		return ""
	}
	for i := selfHeaderRow; i < len(rows); i++ { // rows[i] is row i+1
		r := rows[i]
		id := cell(r, colItem)
		label := cell(r, 4)
		switch {
		case id != "":
			d.Rows = append(d.Rows, SelfFormRow{Row: i + 1, ItemID: id, Entry: cell(r, colEntry), Remark: cell(r, colRemark)})
		case label == "党组织书记（签字）" || label == "Secretary (signature)":
			d.SignedBy, d.SignedByRow = cell(r, colEntry), i+1
		case label == "填报日期" || label == "Date":
			d.SignedOn, d.SignedOnRow = cell(r, colEntry), i+1
		}
	}
	if len(d.Rows) == 0 {
		return nil, notForm
	}
	return d, nil
}

// SelfEntries are a 自评表's contents checked against its standard, ready
// to record: the entries and remarks by item id as written, and the
// signature.
type SelfEntries struct {
	Cells    map[string]string
	Remarks  map[string]string
	SignedBy string
	SignedOn checklist.Date
}

// maxListed bounds how many problems one error lists.
const maxListed = 20

// Check checks every row of a filled 自评表 against std (the standard it
// names) on today: each item known and scored and once only, each entry
// what its item takes (checklist.ParseEntry), each remark and the
// secretary's name text that may come in, the date a date not after
// today. It returns the entries, or one error listing every problem by
// its row (the first maxListed), in both languages: nothing is to be
// recorded then.
func (d *SelfFormData) Check(std *checklist.Standard, today checklist.Date) (SelfEntries, error) {
	e := SelfEntries{Cells: map[string]string{}, Remarks: map[string]string{}}
	if std == nil || std.ID != d.StandardID {
		return e, checklist.Errorf(checklist.ErrInvalid, checklist.Text{ZH: "自评表 %s 按标准 %s 生成，给出的标准不是它", EN: "the form %s is under standard %s, which was not given"}, d.Name, d.StandardID)
	}
	var problems []error
	at := func(row int, err error) {
		problems = append(problems, checklist.Errorf(nil, checklist.Text{ZH: "第 %d 行：%s", EN: "row %d: %s"}, row, err))
	}
	seen := map[string]int{}
	for _, r := range d.Rows {
		it, _, ok := std.Item(r.ItemID)
		switch {
		case !ok || !it.Scored:
			at(r.Row, checklist.Errorf(checklist.ErrNotFound, checklist.Text{ZH: "标准 %s 没有计分条目“%s”", EN: "standard %s has no scored item %q"}, std.ID, r.ItemID))
			continue
		case seen[r.ItemID] > 0:
			at(r.Row, checklist.Errorf(checklist.ErrInvalid, checklist.Text{ZH: "条目 %s 在第 %d 行已经出现过", EN: "item %s is already on row %d"}, r.ItemID, seen[r.ItemID]))
			continue
		}
		seen[r.ItemID] = r.Row
		if _, _, err := checklist.ParseEntry(it, r.Entry); err != nil {
			at(r.Row, err)
		} else if r.Entry != "" {
			e.Cells[r.ItemID] = r.Entry
		}
		if err := checklist.CheckNote(checklist.Text{ZH: "说明", EN: "remarks"}, r.Remark, checklist.MaxNote); err != nil {
			at(r.Row, err)
		} else if r.Remark != "" {
			e.Remarks[r.ItemID] = r.Remark
		}
	}
	if err := checklist.CheckLine(checklist.TextSecretary, d.SignedBy, checklist.MaxLine); err != nil {
		at(d.SignedByRow, err)
	}
	e.SignedBy = d.SignedBy
	if d.SignedOn != "" {
		on, err := checklist.ReadDate(d.SignedOn)
		if err == nil {
			err = on.CheckNotAfter(today)
		}
		if err != nil {
			at(d.SignedOnRow, err)
		}
		e.SignedOn = on
	}
	if len(problems) == 0 {
		return e, nil
	}
	listed := problems[:min(len(problems), maxListed)]
	zh, en := strings.Repeat("%s；", len(listed)), strings.Repeat("%s; ", len(listed))
	args := []any{d.Name, checklist.Counted(len(problems), "problem", "problems")}
	for _, p := range listed {
		args = append(args, p)
	}
	more := ""
	if len(problems) > len(listed) {
		more = "…"
	}
	return SelfEntries{}, checklist.Errorf(checklist.ErrInvalid, checklist.Text{
		ZH: "自评表 %s 有 %d 处问题，没有导入任何内容：" + strings.TrimSuffix(zh, "；") + more,
		EN: "the form %s has %s, nothing was imported: " + strings.TrimSuffix(en, "; ") + more}, args...)
}
