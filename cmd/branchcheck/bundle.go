package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"branchcheck/bundle"
	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/store"
	"branchcheck/termtext"
)

type bundleCmd struct {
	Export bundleExportCmd `cmd:"" help:"help_bundle_export"`
	Import bundleImportCmd `cmd:"" help:"help_bundle_import"`
}

type bundleExportCmd struct {
	Output    string `short:"o" placeholder:"FILE" help:"help_bundle_output"`
	Since     string `placeholder:"YYYY-MM-DD" help:"help_bundle_since"`
	Inspector string `placeholder:"NAME" help:"help_bundle_inspector"`
	Force     bool   `help:"help_force"`
}

// Run writes the database's bundle to a file or standard output, record
// by record.
func (c *bundleExportCmd) Run(a *app) error {
	var f bundle.Filter
	if c.Since != "" {
		d, err := checklist.ParseDate(c.Since)
		if err != nil {
			return usagef(checklist.Text{ZH: "--since：%v", EN: "--since: %v"}, err)
		}
		f.Since = d
	}
	f.Inspector = c.Inspector
	s, err := a.openStoreReadOnly()
	if err != nil {
		return err
	}
	defer s.Close()
	var sum store.ExportSummary
	err = a.writeOutput(c.Output, c.Force, true, func(w io.Writer) error {
		var err error
		sum, err = s.ExportBundle(w, f)
		return err
	})
	if err != nil {
		return err
	}
	if c.Output != "" && c.Output != "-" {
		fmt.Fprintln(a.stdout, say(a.lang, textExportedTo, termtext.Line(c.Output), exportedCounts(a.lang, sum)))
	}
	return nil
}

type bundleImportCmd struct {
	Files  []string `arg:"" placeholder:"FILE" help:"help_bundle_files"`
	DryRun bool     `name:"dry-run" help:"help_bundle_dry_run"`
}

// What bundle import and export say.
var (
	textExportedTo = checklist.Text{ZH: "已导出到 %s：%s", EN: "exported to %s: %s"}
	textExported   = checklist.Text{
		ZH: "学校 %d 所，检查 %d 次，审计记录 %d 条，标准 %d 套",
		EN: "%s, %s, %s, %s"}
	textExportedRects   = checklist.Text{ZH: "，整改决定 %d 项", EN: ", decisions about %s"}
	textExportedYearEnd = checklist.Text{
		ZH: "，自评 %d 份，一票否决记录 %d 条，年度评定阶段 %d 个，年度审计记录 %d 条",
		EN: ", %s, %s, %s, %s"}
	textCounts = checklist.Text{ZH: "新增 %d、更新 %d、不变 %d", EN: "%d added, %d updated, %d unchanged"}
	textMerge  = checklist.Text{
		ZH: "%s：学校 %s；检查 %s；标准 %s；审计记录新增 %d；冲突 %d",
		EN: "%s: schools %s; inspections %s; standards %s; %s added; %s"}
	textVisitConflict = checklist.Text{
		ZH: "  冲突：%s（%s）%s 的检查在几处同时修改过；采用 %s 修改的版本（来自%s），另 %d 个版本（%s 修改）一并保存，这次检查下次修改时记入审计记录",
		EN: "  conflict: the visit of %s (%s) on %s was changed in several places at once; kept the copy changed %s (from %s); %s (changed %s) are kept beside it and go to the audit trail with the visit's next change"}
	// textVisitConflictOne is textVisitConflict with one other copy: the
	// English verb agrees.
	textVisitConflictOne = checklist.Text{
		ZH: textVisitConflict.ZH,
		EN: "  conflict: the visit of %s (%s) on %s was changed in several places at once; kept the copy changed %s (from %s); %s (changed %s) is kept beside it and goes to the audit trail with the visit's next change"}
	textRectMerge    = checklist.Text{ZH: "；整改决定 %s", EN: "; rectification decisions %s"}
	textRectConflict = checklist.Text{
		ZH: "  冲突：%s（%s）%s 检查发现的问题 %s，在几处同时作出了决定；采用 %s 作出的决定（来自%s），未采用另一决定（%s 作出），它留在这次检查的审计记录中",
		EN: "  conflict: problem %[4]s found by the visit of %[1]s (%[2]s) on %[3]s was decided about in several places at once; kept the decisions made %[5]s (from %[6]s), not the others (made %[7]s), which stay in the visit's audit trail"}
	textSchoolConflict = checklist.Text{
		ZH: "  冲突：学校 %s（%s）在两处都修改过；采用 %s 修改的版本（来自%s），未采用另一版本（%s 修改）：%s",
		EN: "  conflict: school %s (%s) was changed in two places; kept the copy changed %s (from %s), not the other (changed %s): %s"}
	textYearEndMerge = checklist.Text{
		ZH: "；自评 %s；一票否决记录 %s；年度评定阶段 %s；年度审计记录新增 %d",
		EN: "; self-assessments %s; veto records %s; year stages %s; %s added"}
	textSelfConflict = checklist.Text{
		ZH: "  冲突：%s（%s）%d 年度的自评在几处同时修改过；采用 %s 修改的版本（来自%s），未采用另一版本（%s 修改），它的修改留在年度审计记录中",
		EN: "  conflict: the %[3]d self-assessment of %[1]s (%[2]s) was changed in several places at once; kept the copy changed %[4]s (from %[5]s), not the other (changed %[6]s), whose changes stay in the year's audit trail"}
	textVetoConflict = checklist.Text{
		ZH: "  冲突：%s（%s）%d 年度的一票否决记录 %s 在几处同时修改过；采用 %s 修改的版本（来自%s），未采用另一版本（%s 修改），它留在年度审计记录中",
		EN: "  conflict: the %[3]d veto record %[4]s of %[1]s (%[2]s) was changed in several places at once; kept the copy changed %[5]s (from %[6]s), not the other (changed %[7]s), which stays in the year's audit trail"}
	textStageConflict = checklist.Text{
		ZH: "  冲突：%d 年度星级评定的阶段在几处同时变更过；采用 %s 变更的版本（来自%s），未采用另一版本（%s 变更），它留在阶段记录和年度审计记录中",
		EN: "  conflict: the stage of the %d rating was changed in several places at once; kept the copy changed %s (from %s), not the other (changed %s), which stays in the stage's history and the year's audit trail"}
	textMoreConflicts = checklist.Text{ZH: "  另有 %d 个冲突未列出", EN: "  and %s"}
	textFromBundle    = checklist.Text{ZH: "导入包", EN: "the bundle"}
	textFromHere      = checklist.Text{ZH: "本数据库", EN: "this database"}
	textNothing       = checklist.Text{ZH: "没有变化：这些导入包的内容已全部在本数据库中。", EN: "Nothing changed: everything in these bundles is already in this database."}
	textDryRun        = checklist.Text{ZH: "试运行：以上为将要发生的变化，数据库未作任何修改。", EN: "Dry run: the above is what would change; the database was not touched."}
	textMerged        = checklist.Text{ZH: "已合并。导入前的备份：%s", EN: "Merged. Backup taken before the import: %s"}
	textRefused       = checklist.Text{ZH: "%s：%v（未导入任何内容）", EN: "%s: %v (nothing was imported)"}
	textStdinTwice    = checklist.Text{ZH: "标准输入（-）只能给一次", EN: "standard input (-) can be given once"}
	textStdinTerminal = checklist.Text{ZH: "不能从终端读取导入包：请用管道或重定向给出", EN: "will not read a bundle from a terminal: pipe or redirect it"}
	textStdin         = checklist.Text{ZH: "标准输入", EN: "standard input"}
)

// exportedCounts says what a bundle carries: schools, inspections, audit
// entries and standards; the decisions about rectifications when there
// are any; the year-end records (self-assessments, veto records, the
// years' stages and their audit entries) when there are any.
func exportedCounts(l i18n.Lang, sum store.ExportSummary) string {
	s := say(l, textExported, i18n.Counted(sum.Schools, "school", "schools"), i18n.Counted(sum.Inspections, "inspection", "inspections"),
		auditEntries(sum.Audit), i18n.Counted(sum.Standards, "standard", "standards"))
	if sum.Rectifications > 0 {
		s += say(l, textExportedRects, i18n.Counted(sum.Rectifications, "rectification", "rectifications"))
	}
	if sum.SelfAssessments+sum.Vetoes+sum.YearStages+sum.YearAudit > 0 {
		s += say(l, textExportedYearEnd, i18n.Counted(sum.SelfAssessments, "self-assessment", "self-assessments"),
			i18n.Counted(sum.Vetoes, "veto record", "veto records"), i18n.Counted(sum.YearStages, "year stage", "year stages"),
			yearAuditEntries(sum.YearAudit))
	}
	return s
}

// auditEntries, yearAuditEntries and moreConflicts are counts the
// bundle's messages say.
func auditEntries(n int) i18n.Count { return i18n.Counted(n, "audit entry", "audit entries") }

func yearAuditEntries(n int) i18n.Count {
	return i18n.Counted(n, "year audit entry", "year audit entries")
}

func moreConflicts(n int) i18n.Count { return i18n.Counted(n, "more conflict", "more conflicts") }

// say words a text in the language.
func say(l i18n.Lang, t checklist.Text, args ...any) string {
	return checklist.Errorf(nil, t, args...).Say(l == i18n.Chinese, l.Error)
}

// Run merges bundles into the database, all or nothing. "-" reads one
// from standard input. With --dry-run the database is opened read-only
// and nothing is written to it, its folder or its backups.
func (c *bundleImportCmd) Run(a *app) (err error) {
	l := a.lang
	var inputs []store.BundleInput
	names := make([]string, len(c.Files))
	stdin := false
	for i, name := range c.Files {
		if name == "-" {
			if stdin {
				return usageError{checklist.Errorf(nil, textStdinTwice)}
			}
			if f, ok := a.stdin.(*os.File); ok && isTerminal(f) {
				return usageError{checklist.Errorf(nil, textStdinTerminal)}
			}
			stdin = true
			names[i] = say(l, textStdin)
			inputs = append(inputs, store.BundleInput{Name: "-", R: a.stdin})
			continue
		}
		f, err := os.Open(name)
		if err != nil {
			return checklist.Errorf(nil, checklist.Text{ZH: "导入包", EN: "bundle"}).Because(err)
		}
		defer f.Close()
		names[i] = termtext.Line(name)
		inputs = append(inputs, store.BundleInput{Name: name, R: f})
	}
	s, cleanup, err := c.openStore(a)
	if err != nil {
		return err
	}
	defer func() { cleanup(err != nil) }() // err: what Run returns
	sums, err := s.ImportBundles(inputs, c.DryRun)
	if ie := (*store.ImportError)(nil); errors.As(err, &ie) {
		var name any = termtext.Line(ie.Name)
		if ie.Name == "-" {
			name = textStdin // said in the language the error is said in
		}
		return checklist.Errorf(nil, textRefused, name, ie.Err)
	}
	if err != nil {
		return err
	}
	changed := false
	for i, sum := range sums {
		fmt.Fprintln(a.stdout, mergeLine(l, names[i], sum))
		for _, cf := range sum.Conflicts {
			fmt.Fprintln(a.stdout, conflictLine(l, a.zone, cf))
		}
		if more := sum.ConflictCount - len(sum.Conflicts); more > 0 {
			fmt.Fprintln(a.stdout, say(l, textMoreConflicts, moreConflicts(more)))
		}
		changed = changed || sum.Changed()
	}
	switch {
	case !changed:
		fmt.Fprintln(a.stdout, say(l, textNothing))
	case c.DryRun:
		fmt.Fprintln(a.stdout, say(l, textDryRun))
	default:
		fmt.Fprintln(a.stdout, say(l, textMerged, termtext.Line(sums[0].Backup)))
	}
	return nil
}

// openStore opens the database an import merges into, and returns how to
// close it (failed: the import failed). An existing database is opened
// read-only, so opening writes nothing (no daily backup, no mark): the
// import writes the file only by renaming its merged copy into place,
// after its own backup, and the lock of a read-only open keeps every
// writer out meanwhile. A refused bundle so leaves the file as it was.
// A database that does not exist yet is created, and removed again if
// the import fails. A dry run uses an empty database in a temporary
// folder instead, so that it writes nothing at all.
func (c *bundleImportCmd) openStore(a *app) (*store.Store, func(failed bool), error) {
	if a.dbExists() {
		s, err := a.openStoreReadOnly()
		if err != nil {
			return nil, nil, err
		}
		return s, func(bool) { s.Close() }, nil
	}
	if !c.DryRun {
		s, err := a.opened(store.Open(a.dbPath(), store.Options{Now: a.now, NoDailyBackup: true}))
		if err != nil {
			return nil, nil, err
		}
		return s, func(failed bool) {
			s.Close()
			if failed {
				os.Remove(s.Path())
			}
		}, nil
	}
	dir, err := os.MkdirTemp("", "branchcheck-dry-run-")
	if err != nil {
		return nil, nil, err
	}
	s, err := store.Open(filepath.Join(dir, "empty.db"), store.Options{Now: a.now, NoDailyBackup: true})
	if err != nil {
		os.RemoveAll(dir)
		return nil, nil, err
	}
	return s, func(bool) { s.Close(); os.RemoveAll(dir) }, nil
}

func mergeLine(l i18n.Lang, file string, s *store.MergeSummary) string {
	counts := func(c store.Counts) string { return say(l, textCounts, c.Added, c.Updated, c.Unchanged) }
	line := say(l, textMerge, file, counts(s.Schools), counts(s.Inspections), counts(s.Standards), auditEntries(s.AuditAdded), i18n.Counted(s.ConflictCount, "conflict", "conflicts"))
	if s.Rectifications != (store.Counts{}) { // bundles before version 3 carry none
		line += say(l, textRectMerge, counts(s.Rectifications))
	}
	if s.SelfAssessments != (store.Counts{}) || s.Vetoes != (store.Counts{}) || s.YearStages != (store.Counts{}) || s.YearAuditAdded > 0 {
		// bundles before version 4 carry none
		line += say(l, textYearEndMerge, counts(s.SelfAssessments), counts(s.Vetoes), counts(s.YearStages), yearAuditEntries(s.YearAuditAdded))
	}
	return line
}

// conflictLine says one conflict on one line, its times in the bureau's
// time zone; every text from a database or a bundle goes through
// termtext.Line.
func conflictLine(l i18n.Lang, zone *time.Location, c store.Conflict) string {
	when := func(t time.Time) string { return t.In(zone).Format("2006-01-02 15:04:05") }
	from := textFromHere
	if c.KeptBundle {
		from = textFromBundle
	}
	var others []string
	for _, t := range c.OthersAt {
		others = append(others, when(t))
	}
	sep := l.Pick("、", ", ")
	school, township := termtext.Line(c.School), termtext.Line(orDash(c.Township))
	switch c.YearEnd {
	case store.YearEndSelfAssessment:
		return say(l, textSelfConflict, school, township, c.Year, when(c.KeptAt), from, strings.Join(others, sep))
	case store.YearEndVeto:
		return say(l, textVetoConflict, school, township, c.Year, termtext.Line(c.SituationID), when(c.KeptAt), from, strings.Join(others, sep))
	case store.YearEndStage:
		return say(l, textStageConflict, c.Year, when(c.KeptAt), from, strings.Join(others, sep))
	}
	if c.InspectionID == "" {
		return say(l, textSchoolConflict, school, township, when(c.KeptAt), from, strings.Join(others, sep), schoolDiff(l, c.Kept, c.Lost))
	}
	if c.RectificationID != "" {
		return say(l, textRectConflict, school, township, orDash(c.Date.String()), termtext.Line(c.ItemID), when(c.KeptAt), from, strings.Join(others, sep))
	}
	text := textVisitConflict
	if len(c.OthersAt) == 1 {
		text = textVisitConflictOne
	}
	return say(l, text, school, township, c.Date, when(c.KeptAt), from, i18n.Counted(len(c.OthersAt), "other copy", "other copies"), strings.Join(others, sep))
}

// schoolDiff names the fields in which the lost copy of a school differs
// from the kept one, with the lost copy's values.
func schoolDiff(l i18n.Lang, kept, lost *checklist.School) string {
	if kept == nil || lost == nil {
		return ""
	}
	var out []string
	for _, f := range []struct {
		name     checklist.Text
		had, was string
	}{
		{checklist.TextSchoolName, kept.Name, lost.Name}, {checklist.TextTownship, kept.Township, lost.Township},
		{checklist.TextKind, kept.Kind, lost.Kind}, {checklist.TextSecretary, kept.Secretary, lost.Secretary},
		{checklist.TextContact, kept.Contact, lost.Contact},
	} {
		if f.had != f.was {
			out = append(out, f.name.Pick(l == i18n.Chinese)+" “"+termtext.Line(f.was)+"”")
		}
	}
	if kept.Archived != lost.Archived {
		was := l.Pick("未归档", "not archived")
		if lost.IsArchived() {
			was = l.Sprintf("%s 归档", "archived on %s", lost.Archived)
		}
		out = append(out, was)
	}
	return strings.Join(out, l.Pick("、", ", "))
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
