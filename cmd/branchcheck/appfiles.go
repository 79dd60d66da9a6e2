package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"branchcheck/bundle"
	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/outfile"
	"branchcheck/report"
	"branchcheck/roster"
	"branchcheck/store"
	"branchcheck/termtext"
	"branchcheck/tui"
)

// The app's jobs on files (tui.FileJobs): what the commands schools
// import, report, rectifications, bundle export and import and backup
// do, for the inspector who never opens a command prompt. Every file is
// written to the export folder of the settings (tui.ExportFolder: the
// user's documents folder until one is chosen), as a new file named for
// what it holds and the day, never over an existing one (a second one
// gets -2, -3, …), mode 0600; the app says its full path.

// appFiles are the jobs on files of the app on the store s; docs is the
// export folder while the settings name none.
func (a *app) appFiles(s *store.Store, docs string) tui.FileJobs {
	j := &fileJobs{a: a, s: s, docs: docs}
	return tui.FileJobs{
		ImportSchools: j.importSchools,
		Feedback:      j.feedback,
		ExportLedger:  j.exportLedger,
		ExportBundle:  j.exportBundle,
		ImportBundles: j.importBundle,
		Backup:        j.backup,
		SelfForm:      j.selfForm,
		ImportSelf:    j.importSelf,
	}
}

type fileJobs struct {
	a    *app
	s    *store.Store
	docs string
}

// create makes a new file in the export folder, named base.ext (base-2.ext
// if that one exists, and so on).
func (j *fileJobs) create(base, ext string) (*outfile.File, string, error) {
	dir, err := tui.ExportFolder(j.s, j.docs)
	if err != nil {
		return nil, "", err
	}
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	base = fileNamePart(base)
	path := filepath.Join(dir, base+"."+ext)
	for n := 2; fileExists(path); n++ {
		path = filepath.Join(dir, fmt.Sprintf("%s-%d.%s", base, n, ext))
	}
	f, err := outfile.Create(path, false, 0o600)
	return f, path, err
}

// write writes a new file in the export folder with write, and returns
// its path.
func (j *fileJobs) write(base, ext string, write func(io.Writer) error) (string, error) {
	f, path, err := j.create(base, ext)
	if err != nil {
		return "", err
	}
	defer f.Abort()
	if err := write(f); err != nil {
		return "", err
	}
	return path, f.Commit()
}

// fileNamePart makes a text fit to be part of a file's name on every
// system: no path separator, none of Windows' reserved characters, no
// control character.
func fileNamePart(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || strings.ContainsRune(`\/:*?"<>|`, r) {
			return '_'
		}
		return r
	}, termtext.OneLine(s))
}

// today is today's date for a file's name.
func (j *fileJobs) today() string { return checklist.DateOf(j.a.now()).String() }

// importSchools reads a school list and merges it, as schools import
// does, and says what it read: the encoding, the columns recognised and
// those not, and what changed.
func (j *fileJobs) importSchools(path string, l i18n.Lang) (*tui.FileReport, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	list, err := roster.ReadList(path, f, roster.Options{})
	if err != nil {
		return nil, nothingImported(err)
	}
	schools := make([]checklist.School, len(list.Rows))
	for i, r := range list.Rows {
		schools[i] = r.School
	}
	sum, err := j.s.ImportSchools(schools)
	if err != nil {
		return nil, err
	}
	r := &tui.FileReport{Changed: sum.Added+sum.Updated > 0}
	read := l.Sprintf("读入 %s：%d 所学校", "Read %s: %s", termtext.Line(path), i18n.Counted(len(list.Rows), "school", "schools"))
	switch {
	case list.Encoding == "":
		read += l.Pick("（Excel 工作簿）", " (Excel workbook)")
	case list.Guessed:
		read += l.Sprintf("（文件没有注明编码，按 %s 读取）", " (the file does not say its encoding: read as %s)", list.Encoding)
	default:
		read += l.Sprintf("（%s 编码）", " (%s)", list.Encoding)
	}
	r.Lines = append(r.Lines, read)
	var cols []string
	for _, c := range list.Columns {
		cols = append(cols, l.Sprintf("%s → %s", "%s → %s", termtext.Line(c.Header), c.Field.Pick(l == i18n.Chinese)))
	}
	r.Lines = append(r.Lines, l.Sprintf("识别的列：%s", "Columns read: %s", strings.Join(cols, l.Pick("，", ", "))))
	if len(list.Ignored) > 0 {
		var ign []string
		for _, h := range list.Ignored {
			ign = append(ign, termtext.Line(h))
		}
		r.Lines = append(r.Lines, l.Sprintf("未识别的列（没有导入）：%s。能识别的表头有：学校名称（校名）、乡镇（所属乡镇、镇街）、类型（学校类型）、党组织书记（书记）、联系电话（电话）、编号",
			"Columns not recognised (not imported): %s. The headers read are: name (school), township, kind (type), secretary, contact (phone), id",
			strings.Join(ign, l.Pick("、", ", "))))
	}
	r.Lines = append(r.Lines, l.Sprintf("新增 %d 所，更新 %d 所，不变 %d 所", "%d added, %d updated, %d unchanged", sum.Added, sum.Updated, sum.Unchanged))
	return r, nil
}

// feedback writes the 检查反馈单 of a visit, as report does.
func (j *fileJobs) feedback(visitID, format string, l i18n.Lang) (*tui.FileReport, error) {
	f, err := report.ParseFormat(format)
	if err != nil {
		return nil, err
	}
	v, err := j.s.Inspection(visitID)
	if err != nil {
		return nil, err
	}
	school, err := j.s.School(v.SchoolID)
	if err != nil {
		return nil, err
	}
	visits, err := j.s.SchoolInspections(school.ID)
	if err != nil {
		return nil, err
	}
	fb, err := feedbackSheet(j.s, school, v, visits)
	if err != nil {
		return nil, err
	}
	m, err := j.meta(l)
	if err != nil {
		return nil, err
	}
	base := l.Sprintf("检查反馈单-%s-%s", "feedback-%s-%s", school.Name, v.Date)
	path, err := j.write(base, string(f), func(w io.Writer) error { return report.WriteFeedback(w, f, fb, m) })
	if err != nil {
		return nil, err
	}
	return &tui.FileReport{Path: path, Lines: j.bureauHint(m, l)}, nil
}

// selfForm writes a school's 自评表 for a year to the export folder, for
// the school to fill in (with what it entered already).
func (j *fileJobs) selfForm(schoolID string, year int, l i18n.Lang) (*tui.FileReport, error) {
	sc, err := j.s.School(schoolID)
	if err != nil {
		return nil, err
	}
	form, err := selfFormOf(j.s, sc, year)
	if err != nil {
		return nil, err
	}
	m, err := j.meta(l)
	if err != nil {
		return nil, err
	}
	base := l.Sprintf("自评表-%s-%d", "self-assessment-%s-%d", sc.Name, year)
	path, err := j.write(base, "xlsx", func(w io.Writer) error { return report.WriteSelfForm(w, form, m) })
	if err != nil {
		return nil, err
	}
	return &tui.FileReport{Path: path, Lines: []string{l.Pick("发给学校填写，填好后原样交回，在“导入导出”中导入。",
		"Send it to the school to fill in; import the filled form under Files.")}}, nil
}

// importSelf imports a 自评表 the school filled in, entered by the
// inspector of the settings. In a confirmed year it takes the reason the
// session gave for the form's year; without one the store refuses it
// (checklist.ErrReasonRequired) and the files screen asks for it.
func (j *fileJobs) importSelf(path string, reason func(year int) string, l i18n.Lang) (*tui.FileReport, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	d, err := report.ReadSelfForm(path, f)
	f.Close()
	if err != nil {
		return nil, err
	}
	by, err := j.s.Setting(store.SettingInspector)
	if err != nil {
		return nil, err
	}
	if by == "" {
		return nil, checklist.Errorf(checklist.ErrInvalid, checklist.Text{
			ZH: "请先在设置中填写检查人（esc 返回后按 o），再导入自评表",
			EN: "set the inspector first (esc, then o), then import the form"})
	}
	said, err := importSelfForm(j.s, l, j.a.now(), path, d, by, reason(d.Year))
	if err != nil {
		return nil, err
	}
	return &tui.FileReport{Lines: []string{said}, Changed: true}, nil
}

// meta is what a printed paper says of itself.
func (j *fileJobs) meta(l i18n.Lang) (report.Meta, error) {
	m := report.Meta{Lang: l, GeneratedAt: j.a.now(), Database: j.s.Path()}
	var err error
	m.Bureau, err = bureau(j.s)
	return m, err
}

// bureauHint says, on a paper printed without 填报单位, where to set it.
func (j *fileJobs) bureauHint(m report.Meta, l i18n.Lang) []string {
	if m.Bureau != "" {
		return nil
	}
	return []string{l.Pick("提示：尚未设置填报单位，表上此处留空待手写；可在设置（学校列表按 o）中填写。",
		"Note: the reporting unit is not set, so the paper leaves a line for it; set it in the settings (o on the schools list).")}
}

// exportLedger writes the 整改台账 of every open rectification, as
// rectifications does.
func (j *fileJobs) exportLedger(format string, l i18n.Lang) (*tui.FileReport, error) {
	f, err := report.ParseFormat(format)
	if err != nil {
		return nil, err
	}
	ledger, err := j.s.RectLedger(checklist.RectFilter{View: checklist.ViewOpen})
	if err != nil {
		return nil, err
	}
	m, err := j.meta(l)
	if err != nil {
		return nil, err
	}
	base := l.Sprintf("整改台账-%s", "rectifications-%s", j.today())
	path, err := j.write(base, string(f), func(w io.Writer) error { return report.WriteRectifications(w, f, ledger, m) })
	if err != nil {
		return nil, err
	}
	c := ledger.Counts
	lines := []string{l.Sprintf("列出未销号的整改事项 %d 项（其中逾期 %d 项，已整改待复查 %d 项）；已销号 %d 项未列出",
		"%s listed (%d overdue, %d reported done); %d closed not listed", i18n.Counted(ledger.Len(), "open rectification", "open rectifications"), c.Overdue, c.Reported, c.Closed)}
	if printed(f) {
		lines = append(lines, j.bureauHint(m, l)...)
	}
	return &tui.FileReport{Path: path, Lines: lines}, nil
}

// exportBundle writes the database's bundle, as bundle export does.
func (j *fileJobs) exportBundle(l i18n.Lang) (*tui.FileReport, error) {
	var sum store.ExportSummary
	who, _ := j.s.Setting(store.SettingInspector)
	base := l.Sprintf("数据包-%s-%s", "bundle-%s-%s", who, j.today())
	if who == "" {
		base = l.Sprintf("数据包-%s", "bundle-%s", j.today())
	}
	path, err := j.write(base, "bundle", func(w io.Writer) error {
		var err error
		sum, err = j.s.ExportBundle(w, bundle.Filter{})
		return err
	})
	if err != nil {
		return nil, err
	}
	return &tui.FileReport{Path: path, Lines: []string{
		exportedCounts(l, sum),
		l.Pick("把这个文件交给局里（U 盘、内网共享），在那里用“导入数据包”合并。", "Hand this file to the bureau (USB stick, shared folder) to be merged there with Import a bundle."),
	}}, nil
}

// importBundle merges a bundle, as bundle import does, and says what
// changed and every conflict. The app runs it alone on the Store (it
// replaces the database file under it): see tui.FileJobs.
func (j *fileJobs) importBundle(path string, l i18n.Lang) (*tui.FileReport, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sums, err := j.s.ImportBundles([]store.BundleInput{{Name: path, R: f}}, false)
	if ie := (*store.ImportError)(nil); errors.As(err, &ie) {
		return nil, checklist.Errorf(nil, textRefused, termtext.Line(ie.Name), ie.Err)
	}
	if err != nil {
		return nil, err
	}
	r := &tui.FileReport{}
	for _, sum := range sums {
		r.Lines = append(r.Lines, mergeLine(l, termtext.Line(path), sum))
		for _, cf := range sum.Conflicts {
			r.Lines = append(r.Lines, strings.TrimSpace(conflictLine(l, j.a.zone, cf)))
		}
		if more := sum.ConflictCount - len(sum.Conflicts); more > 0 {
			r.Lines = append(r.Lines, strings.TrimSpace(say(l, textMoreConflicts, moreConflicts(more))))
		}
		r.Changed = r.Changed || sum.Changed()
	}
	if r.Changed {
		r.Lines = append(r.Lines, say(l, textMerged, termtext.Line(sums[0].Backup)))
	} else {
		r.Lines = append(r.Lines, say(l, textNothing))
	}
	return r, nil
}

// backup writes a copy of the database, as backup does.
func (j *fileJobs) backup(l i18n.Lang) (*tui.FileReport, error) {
	f, path, err := j.create(l.Sprintf("branchcheck-备份-%s", "branchcheck-backup-%s", j.today()), "db")
	if err != nil {
		return nil, err
	}
	f.Abort() // only the name is wanted: BackupToFile writes it its own way
	if err := j.s.BackupToFile(path, false); err != nil {
		return nil, err
	}
	return &tui.FileReport{Path: path, Lines: []string{
		l.Pick("这是整个数据库的一份副本；要恢复，先退出程序，再用它替换数据库文件。", "A copy of the whole database; to restore it, quit and put it in the database file's place."),
	}}, nil
}
