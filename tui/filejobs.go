package tui

import "branchcheck/i18n"

// FileJobs are the app's jobs on files. The command line wires them in
// (it owns the roster, the reports, the bundles and the files written);
// the interface asks for the file or the format, runs the job in a
// command and shows what it said. Each job is offered where it is set:
// the import of the school list, the 整改台账, the bundles and the backup
// on the files screen (f on the schools list), the 检查反馈单 on a
// school's finalized visit (f on the school's screen).
type FileJobs struct {
	// ImportSchools reads the school list at path (CSV or XLSX) and
	// merges it into the database (store.ImportSchools).
	ImportSchools func(path string, l i18n.Lang) (*FileReport, error)
	// Feedback writes the 检查反馈单 of a finalized visit in a format
	// (xlsx, html or md) to the export folder.
	Feedback func(visitID, format string, l i18n.Lang) (*FileReport, error)
	// ExportLedger writes the 整改台账 in a format (xlsx, csv, html, md,
	// json) to the export folder.
	ExportLedger func(format string, l i18n.Lang) (*FileReport, error)
	// ExportBundle writes the database's bundle to the export folder.
	ExportBundle func(l i18n.Lang) (*FileReport, error)
	// ImportBundles merges the bundle at path into the database. It
	// replaces the database file under the Store (store.ImportBundles):
	// the interface runs it only with no other call of the Store in
	// flight, and starts none until it returns (see filesScreen).
	ImportBundles func(path string, l i18n.Lang) (*FileReport, error)
	// Backup writes a copy of the database to the export folder.
	Backup func(l i18n.Lang) (*FileReport, error)
	// SelfForm writes a school's 自评表 of a year to the export folder,
	// for the school to fill in.
	SelfForm func(schoolID string, year int, l i18n.Lang) (*FileReport, error)
	// ImportSelf imports a 自评表 the school filled in (its school and
	// year are in the workbook). reason gives the reason given in this
	// session for changing a confirmed year's records ("": none); without
	// one, the import of a confirmed year's form is refused with an error
	// of kind checklist.ErrReasonRequired, and the files screen asks for
	// the reason and imports it again.
	ImportSelf func(path string, reason func(year int) string, l i18n.Lang) (*FileReport, error)
}

// FileReport is what a job on files did, in the language it was asked
// in: the file it wrote (its full path; "" for an import) and what it
// has to say, a line each (counts, columns read, every conflict).
type FileReport struct {
	Path  string
	Lines []string
	// Changed: the job changed the database (an import): the screens
	// read it again whole.
	Changed bool
}

// fileJob is one row of the files screen.
type fileJob struct {
	id, label, about string
	// write: the job writes to the database, refused when it may not
	// be written.
	write bool
	// exts are the kinds of file it reads (a path is asked for, typed
	// or browsed); nil: it reads none.
	exts []string
	// formats: the format is chosen by key first.
	formats bool
	// modal: the job replaces the database file under the Store.
	modal bool
	// run does the job on the file at path (or in the format); reason
	// is the reason given in the session for a confirmed year ("": none).
	run func(path, format string, reason func(year int) string) (*FileReport, error)
}

// jobs are the jobs the command line wired in, in the order offered.
func (f *filesScreen) jobs() []fileJob {
	fj, l := f.c.files, f.c.lang
	var out []fileJob
	if fj.ImportSchools != nil {
		out = append(out, fileJob{id: "schools", label: l.Pick("导入学校名单", "Import the school list"),
			about: l.Pick("CSV 或 XLSX；已有的学校更新，不会重复", "CSV or XLSX; schools already there are updated, never doubled"),
			write: true, exts: []string{".csv", ".xlsx", ".xlsm", ".CSV", ".XLSX", ".XLSM"},
			run: func(path, _ string, _ func(int) string) (*FileReport, error) { return fj.ImportSchools(path, l) }})
	}
	if fj.ImportSelf != nil {
		out = append(out, fileJob{id: "selfform", label: l.Pick("导入自评表", "Import a self-assessment"),
			about: l.Pick("学校填好的自评表（Excel）；学校和年度见表内", "a form a school filled in (Excel); its school and year are in it"),
			write: true, exts: []string{".xlsx", ".xlsm", ".XLSX", ".XLSM"},
			run: func(path, _ string, reason func(int) string) (*FileReport, error) {
				return fj.ImportSelf(path, reason, l)
			}})
	}
	if fj.ExportLedger != nil {
		out = append(out, fileJob{id: "ledger", label: l.Pick("导出整改台账", "Export rectifications"),
			about: l.Pick("全县未销号的整改事项：Excel、网页等", "every open one: Excel, web page, etc."), formats: true,
			run: func(_, format string, _ func(int) string) (*FileReport, error) { return fj.ExportLedger(format, l) }})
	}
	if fj.ExportBundle != nil {
		out = append(out, fileJob{id: "bundle-out", label: l.Pick("导出数据包", "Export a bundle"),
			about: l.Pick("本机的全部记录，交局里合并", "all records here, for the bureau to merge"),
			run:   func(string, string, func(int) string) (*FileReport, error) { return fj.ExportBundle(l) }})
	}
	if fj.ImportBundles != nil {
		out = append(out, fileJob{id: "bundle-in", label: l.Pick("导入数据包", "Import a bundle"),
			about: l.Pick("合并其他检查人员的记录；导入前自动备份", "merge another inspector's records; backed up first"),
			write: true, modal: true, exts: []string{".bundle", ".BUNDLE"},
			run: func(path, _ string, _ func(int) string) (*FileReport, error) { return fj.ImportBundles(path, l) }})
	}
	if fj.Backup != nil {
		out = append(out, fileJob{id: "backup", label: l.Pick("备份数据库", "Back up the database"),
			about: l.Pick("完整的一份副本", "a whole copy"),
			run:   func(string, string, func(int) string) (*FileReport, error) { return fj.Backup(l) }})
	}
	return out
}
