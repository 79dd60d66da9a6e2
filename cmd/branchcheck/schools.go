package main

import (
	"fmt"

	"branchcheck/checklist"
)

type schoolsCmd struct {
	Add schoolsAddCmd `cmd:"" help:"${help_schools_add}"`
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
