package main

import (
	"fmt"
	"strings"

	"branchcheck/checklist"
	"branchcheck/demo"
	"branchcheck/i18n"
)

// demoCmd fills a database with demo data to look around in.
type demoCmd struct {
	Force bool `name:"force" help:"help_demo_force"`
}

// Run fills the chosen database, refusing one that already holds data
// unless --force, and says how to open it.
func (c *demoCmd) Run(a *app) error {
	s, err := a.openStore()
	if err != nil {
		return err
	}
	defer s.Close()
	path := s.Path()
	schools, err := s.Schools()
	if err != nil {
		return err
	}
	visits, err := s.Inspections()
	if err != nil {
		return err
	}
	if (len(schools) > 0 || len(visits) > 0) && !c.Force {
		return checklist.Errorf(checklist.ErrInvalid, checklist.Text{
			ZH: "数据库 %s 里已有 %d 所学校、%d 次检查；演示数据只写入空数据库（用 --db 指定新文件，或加 --force 仍然写入）",
			EN: "database %s already holds %s and %s; the demo goes into an empty one (choose a new file with --db, or add --force)"},
			path, i18n.Counted(len(schools), "school", "schools"), i18n.Counted(len(visits), "visit", "visits"))
	}
	sum, err := demo.Fill(s, a.now())
	if err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, a.lang.Sprintf(
		"演示数据已写入 %s：%d 个乡镇 %d 所学校，%d 次已定稿检查，%d 份草稿；%d 年已评定 %d 所、未评定 %d 所、落后党支部 %d 所。",
		"Demo data written to %s: %s, %s, %s, %s; %d: %d rated, %d not rated, %d lagging.",
		path, i18n.Counted(sum.Townships, "township", "townships"), i18n.Counted(sum.Schools, "school", "schools"),
		i18n.Counted(sum.Finalized, "finalized visit", "finalized visits"), i18n.Counted(sum.Drafts, "draft", "drafts"),
		sum.Year, sum.Rated, sum.NotRated, sum.Lagging))
	rc := sum.Rectifications
	fmt.Fprintln(a.stdout, a.lang.Sprintf(
		"整改台账：未销号 %d 项（其中逾期 %d 项，已整改待复查 %d 项），已销号 %d 项，反弹 %d 项；用 branchcheck rectifications 查看。",
		"Rectifications: %d open (%d overdue, %d reported done), %d closed, %d found again after closing; see branchcheck rectifications.",
		rc.Open, rc.Overdue, rc.Reported, rc.Closed, sum.Rebounds))
	open := "branchcheck"
	if a.cli.DB != "" {
		open += " --db " + shellQuote(a.cli.DB)
	}
	fmt.Fprintln(a.stdout, a.lang.Pick("打开看看：", "Open it: ")+open)
	return nil
}

// shellQuote quotes a path for a shell if it needs it.
func shellQuote(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\n'\"\\$`!*?[]{}()<>|&;#~") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
