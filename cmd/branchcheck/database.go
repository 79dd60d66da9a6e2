package main

import (
	"fmt"
	"os"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/store"
	"branchcheck/termtext"
)

// dbPath is the database the command works on: --db, else BRANCHCHECK_DB,
// else the user's data directory.
func (a *app) dbPath() string {
	return store.ResolvePath(a.cli.DB, a.getenv)
}

// openStore opens the database for a command that writes. A database
// file that may not be written opens read-only: reading works, and each
// write says why it is refused (store.ErrReadOnly); so does a database
// with a damaged value (store.ErrDamaged).
func (a *app) openStore() (*store.Store, error) {
	return a.opened(store.Open(a.dbPath(), store.Options{Now: a.now}))
}

// openStoreReadOnly opens the database for a command that only reads: no
// backup, no upgrade, nothing written.
func (a *app) openStoreReadOnly() (*store.Store, error) {
	return a.opened(store.Open(a.dbPath(), store.Options{Now: a.now, ReadOnly: true}))
}

// opened takes what a command needs from a database it has just opened:
// the bureau's time zone for the app's clock, and what the open found
// that did not stop it (today's backup could not be made), said on
// stderr.
func (a *app) opened(s *store.Store, err error) (*store.Store, error) {
	if err != nil {
		return nil, a.inUse(err)
	}
	if zone, err := s.Timezone(); err == nil {
		a.zone = zone
	} else {
		a.warn(err)
	}
	for _, w := range s.Warnings() {
		a.warn(w)
	}
	return s, nil
}

// warn says something that does not stop the command, on stderr.
func (a *app) warn(err error) {
	fmt.Fprintf(a.stderr, "branchcheck: %s%s\n", a.lang.Pick("警告：", "warning: "), termtext.OneLine(a.lang.Error(err)))
}

// dbExists reports whether the database file exists.
func (a *app) dbExists() bool {
	_, err := os.Stat(a.dbPath())
	return err == nil
}

type backupCmd struct {
	Output string `short:"o" required:"" placeholder:"FILE" help:"help_backup_output"`
	Force  bool   `help:"help_force"`
}

// Run writes a consistent copy of the database to a new file.
func (c *backupCmd) Run(a *app) error {
	s, err := a.openStoreReadOnly()
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.BackupToFile(c.Output, c.Force); err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, a.lang.Sprintf("已备份到 %s", "backed up to %s", c.Output))
	return nil
}

type doctorCmd struct{}

// Run checks the database through and says what it holds or what is wrong.
// Summaries that disagree with the visits are rebuilt from them (after a
// backup): they hold nothing the visits do not.
func (c *doctorCmd) Run(a *app) error {
	s, err := a.openStoreReadOnly()
	if err != nil {
		return err
	}
	h, err := s.Check()
	s.Close()
	if err != nil {
		return err
	}
	l := a.lang
	fmt.Fprintln(a.stdout, l.Sprintf("数据库：%s（%.1f MB，结构版本 %d）", "database: %s (%.1f MB, schema %d)", s.Path(), float64(h.SizeBytes)/(1<<20), h.Schema))
	fmt.Fprintln(a.stdout, l.Sprintf("学校 %d 所；检查 %d 次（已定稿 %d，草稿 %d）；答案 %d 条；审计记录 %d 条；标准 %d 套",
		"%s; %s (%d finalized, %s); %s; %s; %s",
		i18n.Counted(h.Schools, "school", "schools"), i18n.Counted(h.Finalized+h.Drafts, "inspection", "inspections"), h.Finalized,
		i18n.Counted(h.Drafts, "draft", "drafts"), i18n.Counted(h.Answers, "answer", "answers"),
		i18n.Counted(h.AuditEntries, "audit entry", "audit entries"), i18n.Counted(h.Standards, "standard", "standards")))
	fmt.Fprintln(a.stdout, l.Sprintf("整改事项：%d 项", "rectifications: %d", h.Rectifications))
	if h.SelfAssessments+h.VetoRecords+h.YearStages > 0 {
		fmt.Fprintln(a.stdout, l.Sprintf("年终评定：自评 %d 份；一票否决记录 %d 条；年度阶段 %d 个；年度审计记录 %d 条",
			"year end: %s; %s; %s; %s",
			i18n.Counted(h.SelfAssessments, "self-assessment", "self-assessments"), i18n.Counted(h.VetoRecords, "veto record", "veto records"),
			i18n.Counted(h.YearStages, "year stage", "year stages"), i18n.Counted(h.YearAuditEntries, "year audit entry", "year audit entries")))
	}
	fmt.Fprintln(a.stdout, l.Sprintf("备份 %d 个，在 %s", "%s in %s", i18n.Counted(h.Backups, "backup", "backups"), store.BackupDir(s.Path())))
	if len(h.Problems) == 0 {
		fmt.Fprintln(a.stdout, l.Pick("检查通过：未发现问题。", "OK: no problems found."))
		return nil
	}
	if h.Repairable() {
		return c.repair(a, h)
	}
	for _, p := range h.Problems {
		fmt.Fprintln(a.stdout, l.Pick("问题：", "problem: ")+termtext.Line(l.Error(p)))
	}
	return checklist.Errorf(nil, checklist.Text{ZH: "数据库有 %d 个问题；备份在 %s", EN: "the database has %s; backups are in %s"}, i18n.Counted(len(h.Problems), "problem", "problems"), store.BackupDir(s.Path()))
}

// repair rebuilds the summaries that Check found out of step with the
// visits, and checks again.
func (c *doctorCmd) repair(a *app, h *store.Health) error {
	l := a.lang
	for _, p := range h.Summaries {
		fmt.Fprintln(a.stdout, l.Pick("汇总与检查记录不一致：", "summary out of step: ")+termtext.Line(l.Error(p)))
	}
	s, err := a.openStore()
	if err != nil {
		return err
	}
	defer s.Close()
	repaired, backup, err := s.RepairSummaries()
	if err != nil {
		return err
	}
	if len(repaired) > 0 {
		fmt.Fprintln(a.stdout, l.Sprintf("已按检查记录重建汇总，修复 %d 处；学校和检查记录本身没有改动。修复前的备份：%s",
			"Rebuilt the summaries from the visits: %d fixed; the schools and visits themselves were not changed. Backup taken before: %s",
			len(repaired), backup))
	}
	again, err := s.Check()
	if err != nil {
		return err
	}
	if len(again.Problems) > 0 {
		for _, p := range again.Problems {
			fmt.Fprintln(a.stdout, l.Pick("问题：", "problem: ")+termtext.Line(l.Error(p)))
		}
		return checklist.Errorf(nil, checklist.Text{ZH: "修复后仍有 %d 个问题；备份在 %s", EN: "after the repair the database still has %s; backups are in %s"}, i18n.Counted(len(again.Problems), "problem", "problems"), store.BackupDir(s.Path()))
	}
	fmt.Fprintln(a.stdout, l.Pick("复查通过：未发现问题。", "Checked again: no problems found."))
	return nil
}
