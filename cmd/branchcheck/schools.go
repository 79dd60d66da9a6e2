package main

import (
	"fmt"
	"io"
	"slices"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/report"
	"branchcheck/roster"
)

type schoolsCmd struct {
	List    schoolsListCmd    `cmd:"" help:"help_schools_list"`
	Add     schoolsAddCmd     `cmd:"" help:"help_schools_add"`
	Import  schoolsImportCmd  `cmd:"" help:"help_schools_import"`
	Edit    schoolsEditCmd    `cmd:"" help:"help_schools_edit"`
	Delete  schoolsDeleteCmd  `cmd:"" help:"help_schools_delete"`
	Archive schoolsArchiveCmd `cmd:"" help:"help_schools_archive"`
}

type schoolsImportCmd struct {
	File     string `arg:"" help:"help_schools_file"`
	Encoding string `placeholder:"ENC" help:"help_schools_encoding"`
}

// Run imports the bureau's school list, all or nothing. The file "-" is
// standard input.
func (c *schoolsImportCmd) Run(a *app) error {
	name, in, closeIn, err := a.openInput(c.File)
	if err != nil {
		return checklist.Errorf(nil, checklist.Text{ZH: "学校名单", EN: "school list"}).Because(err)
	}
	defer closeIn()
	list, err := roster.ReadList(name, in, roster.Options{Encoding: c.Encoding})
	if err != nil {
		return nothingImported(err)
	}
	schools := make([]checklist.School, len(list.Rows))
	for i, r := range list.Rows {
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
	read := a.lang.Sprintf("%s：读入 %d 所学校", "%s: read %s", name, i18n.Counted(len(list.Rows), "school", "schools"))
	if list.Encoding != "" && list.Encoding != "UTF-8" {
		read += a.lang.Sprintf("（按 %s 编码读取）", " (read as %s)", list.Encoding)
	}
	fmt.Fprintln(a.stdout, read+a.lang.Sprintf("；新增 %d 所，更新 %d 所，不变 %d 所",
		"; %d added, %d updated, %d unchanged", sum.Added, sum.Updated, sum.Unchanged))
	return nil
}

// nothingImported says that a school list was refused whole, in both
// languages.
func nothingImported(err error) error {
	return checklist.Errorf(nil, checklist.Text{ZH: "%s（一所学校也没有导入）", EN: "%s (nothing was imported)"}, err).Wrapping(err)
}

type schoolsListCmd struct {
	Format   string `short:"f" placeholder:"FORMAT" help:"help_schools_format"`
	Output   string `short:"o" placeholder:"FILE" help:"help_output"`
	Township string `placeholder:"T" help:"help_ratings_township"`
	Archived bool   `help:"help_schools_archived"`
	Force    bool   `help:"help_force"`
}

// Run lists the schools by township and name: those not archived, or with
// --archived the archived ones.
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
	schools = slices.DeleteFunc(schools, func(sc checklist.School) bool {
		return c.Township != "" && sc.Township != c.Township || sc.IsArchived() != c.Archived
	})
	checklist.SortSchools(schools)
	m := report.Meta{Lang: a.lang, GeneratedAt: a.now(), Database: a.dbPath(), Township: c.Township}
	return a.writeExport(c.Output, c.Force, f, func(w io.Writer) error { return report.WriteSchools(w, f, schools, m) })
}

type schoolsAddCmd struct {
	Name      string `arg:"" help:"help_school_name"`
	Township  string `placeholder:"T" help:"help_school_township"`
	Kind      string `placeholder:"K" help:"help_school_kind"`
	Secretary string `placeholder:"S" help:"help_school_secretary"`
	Contact   string `placeholder:"C" help:"help_school_contact"`
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
	fmt.Fprintln(a.stdout, a.lang.Sprintf("已添加学校 %s（编号 %s）", "added school %s (id %s)", sc.Name, sc.ID))
	return nil
}
