package main

import (
	"fmt"
	"io"
	"os"
	"slices"

	"branchcheck/checklist"
	"branchcheck/report"
	"branchcheck/roster"
)

type schoolsCmd struct {
	List   schoolsListCmd   `cmd:"" help:"${help_schools_list}"`
	Add    schoolsAddCmd    `cmd:"" help:"${help_schools_add}"`
	Import schoolsImportCmd `cmd:"" help:"${help_schools_import}"`
}

type schoolsImportCmd struct {
	File string `arg:"" help:"${help_schools_file}"`
}

// Run imports the bureau's school list, all or nothing.
func (c *schoolsImportCmd) Run(a *app) error {
	f, err := os.Open(c.File)
	if err != nil {
		return fmt.Errorf("school list: %w", err)
	}
	defer f.Close()
	rows, err := roster.Read(c.File, f)
	if err != nil {
		return fmt.Errorf("%w (nothing was imported)", err)
	}
	schools := make([]checklist.School, len(rows))
	for i, r := range rows {
		schools[i] = r.School
	}
	s, err := a.openStore()
	if err != nil {
		return err
	}
	defer s.Close()
	sum, err := s.ImportSchools(schools)
	if err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, a.lang.Sprintf("%s:读入 %d 所学校;新增 %d 所,更新 %d 所,不变 %d 所",
		"%s: read %d schools; %d added, %d updated, %d unchanged", c.File, len(rows), sum.Added, sum.Updated, sum.Unchanged))
	return nil
}

type schoolsListCmd struct {
	Format   string `short:"f" placeholder:"FORMAT" help:"${help_schools_format}"`
	Output   string `short:"o" placeholder:"FILE" help:"${help_output}"`
	Township string `placeholder:"T" help:"${help_ratings_township}"`
	Force    bool   `help:"${help_force}"`
}

// Run lists the schools by township and name.
func (c *schoolsListCmd) Run(a *app) error {
	f, err := exportFormat(c.Format, c.Output, report.Table, report.SchoolFormats())
	if err != nil {
		return err
	}
	var schools []checklist.School
	if a.dbExists() {
		s, err := a.openStoreReadOnly()
		if err != nil {
			return err
		}
		defer s.Close()
		if schools, err = s.Schools(); err != nil {
			return err
		}
	}
	schools = slices.DeleteFunc(schools, func(sc checklist.School) bool { return c.Township != "" && sc.Township != c.Township })
	checklist.SortSchools(schools)
	m := report.Meta{Lang: a.lang, GeneratedAt: a.now(), Database: a.dbPath(), Township: c.Township}
	return a.writeExport(c.Output, c.Force, f, func(w io.Writer) error { return report.WriteSchools(w, f, schools, m) })
}

type schoolsAddCmd struct {
	Name      string `arg:"" help:"${help_school_name}"`
	Township  string `placeholder:"T" help:"${help_school_township}"`
	Kind      string `placeholder:"K" help:"${help_school_kind}"`
	Secretary string `placeholder:"S" help:"${help_school_secretary}"`
	Contact   string `placeholder:"C" help:"${help_school_contact}"`
}

// Run adds one school.
func (c *schoolsAddCmd) Run(a *app) error {
	s, err := a.openStore()
	if err != nil {
		return err
	}
	defer s.Close()
	sc, err := s.AddSchool(checklist.School{Name: c.Name, Township: c.Township, Kind: c.Kind, Secretary: c.Secretary, Contact: c.Contact})
	if err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, a.lang.Sprintf("已添加学校 %s(编号 %s)", "added school %s (id %s)", sc.Name, sc.ID))
	return nil
}
