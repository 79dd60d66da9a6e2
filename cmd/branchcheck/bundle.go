package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"branchcheck/bundle"
	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/store"
)

type bundleCmd struct {
	Export bundleExportCmd `cmd:"" help:"${help_bundle_export}"`
	Import bundleImportCmd `cmd:"" help:"${help_bundle_import}"`
}

type bundleExportCmd struct {
	Output    string `short:"o" placeholder:"FILE" help:"${help_bundle_output}"`
	Since     string `placeholder:"YYYY-MM-DD" help:"${help_bundle_since}"`
	Inspector string `placeholder:"NAME" help:"${help_bundle_inspector}"`
	Force     bool   `help:"${help_force}"`
}

// Run writes the database's bundle to a file or standard output.
func (c *bundleExportCmd) Run(a *app) error {
	var f bundle.Filter
	if c.Since != "" {
		d, err := checklist.ParseDate(c.Since)
		if err != nil {
			return usagef("--since: %v", err)
		}
		f.Since = d
	}
	f.Inspector = c.Inspector
	s, err := a.openStoreReadOnly()
	if err != nil {
		return err
	}
	defer s.Close()
	b, err := s.ExportBundle(f)
	if err != nil {
		return err
	}
	err = a.writeOutput(c.Output, c.Force, true, func(w io.Writer) error { return bundle.Write(w, b) })
	if err != nil {
		return err
	}
	if c.Output != "" && c.Output != "-" {
		fmt.Fprintln(a.stdout, a.lang.Sprintf("已导出到 %s:学校 %d 所,检查 %d 次,审计记录 %d 条,标准 %d 套",
			"exported to %s: %d schools, %d inspections, %d audit entries, %d standards",
			c.Output, len(b.Schools), len(b.Inspections), len(b.Audit), len(b.Standards)))
	}
	return nil
}

type bundleImportCmd struct {
	Files  []string `arg:"" placeholder:"FILE" help:"${help_bundle_files}"`
	DryRun bool     `name:"dry-run" help:"${help_bundle_dry_run}"`
}

// Run merges bundles into the database, all or nothing.
func (c *bundleImportCmd) Run(a *app) error {
	var bs []*bundle.Bundle
	for _, name := range c.Files {
		b, err := readBundleFile(name)
		if err != nil {
			return err
		}
		if err := b.Validate(); err != nil {
			return fmt.Errorf("%s: %w (nothing was imported)", name, err)
		}
		bs = append(bs, b)
	}
	s, err := a.openStore()
	if err != nil {
		return err
	}
	defer s.Close()
	sums, err := s.MergeBundles(bs, c.DryRun)
	if err != nil {
		return err
	}
	l := a.lang
	changed := false
	for i, sum := range sums {
		fmt.Fprintln(a.stdout, mergeLine(l, c.Files[i], sum))
		for _, cf := range sum.Conflicts {
			fmt.Fprintln(a.stdout, conflictLine(l, cf))
		}
		changed = changed || sum.Changed()
	}
	switch {
	case !changed:
		fmt.Fprintln(a.stdout, l.Pick("没有变化:这些导入包的内容已全部在本数据库中。", "Nothing changed: everything in these bundles is already in this database."))
	case c.DryRun:
		fmt.Fprintln(a.stdout, l.Pick("试运行:以上为将要发生的变化,数据库未作任何修改。", "Dry run: the above is what would change; the database was not touched."))
	default:
		fmt.Fprintln(a.stdout, l.Sprintf("已合并。导入前的备份: %s", "Merged. Backup taken before the import: %s", sums[0].Backup))
	}
	return nil
}

func readBundleFile(name string) (*bundle.Bundle, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("bundle: %w", err)
	}
	defer f.Close()
	b, err := bundle.Read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w (nothing was imported)", name, err)
	}
	return b, nil
}

func mergeLine(l i18n.Lang, file string, s *store.MergeSummary) string {
	counts := func(c store.Counts) string {
		return l.Sprintf("新增 %d、更新 %d、不变 %d", "%d added, %d updated, %d unchanged", c.Added, c.Updated, c.Unchanged)
	}
	return l.Sprintf("%s:学校 %s;检查 %s;标准 %s;审计记录新增 %d;冲突 %d",
		"%s: schools %s; inspections %s; standards %s; %d audit entries added; %d conflicts",
		file, counts(s.Schools), counts(s.Inspections), counts(s.Standards), s.AuditAdded, len(s.Conflicts))
}

func conflictLine(l i18n.Lang, c store.Conflict) string {
	kept := l.Pick("本数据库", "this database")
	if c.KeptBundle {
		kept = l.Pick("导入包", "the bundle")
	}
	return l.Sprintf("  冲突:%s 的检查 %s 在两处都有修改;保留%s中 %s 修改的版本,另一版本(%s 修改)已记入审计记录",
		"  conflict: inspection %[2]s of %[1]s was changed in both places; kept the version from %[3]s changed %[4]s, the other (changed %[5]s) is in the audit trail",
		c.School, c.InspectionID, kept, c.KeptAt.In(time.Local).Format("2006-01-02 15:04:05"), c.DiscardedAt.In(time.Local).Format("2006-01-02 15:04:05"))
}
