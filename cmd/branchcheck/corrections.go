package main

import (
	"errors"
	"fmt"
	"strings"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/store"
	"branchcheck/termtext"
)

// Putting mistakes right from the command line: a school edited, deleted
// or archived, a draft re-dated or deleted, and the visits listed to find
// their ids. Every error is worded in both languages (checklist.Errorf)
// and said in the user's.

type schoolsEditCmd struct {
	School    string  `arg:"" placeholder:"ID|NAME" help:"help_school_which"`
	Name      *string `placeholder:"NAME" help:"help_school_new_name"`
	Township  *string `placeholder:"T" help:"help_school_township"`
	Kind      *string `placeholder:"K" help:"help_school_kind"`
	Secretary *string `placeholder:"S" help:"help_school_secretary"`
	Contact   *string `placeholder:"C" help:"help_school_contact"`
}

// Run changes the fields given of one school; a field given empty ("")
// is cleared, the name excepted.
func (c *schoolsEditCmd) Run(a *app) error {
	if c.Name == nil && c.Township == nil && c.Kind == nil && c.Secretary == nil && c.Contact == nil {
		return usageError{checklist.Errorf(nil, checklist.Text{
			ZH: "没有要修改的内容：请给出 --name、--township、--kind、--secretary 或 --contact",
			EN: "nothing to change: give --name, --township, --kind, --secretary or --contact"})}
	}
	s, err := a.openStore()
	if err != nil {
		return err
	}
	defer s.Close()
	was, err := findSchoolExactly(s, c.School)
	if err != nil {
		return err
	}
	next := was
	for _, f := range []struct {
		v   *string
		dst *string
	}{{c.Name, &next.Name}, {c.Township, &next.Township}, {c.Kind, &next.Kind}, {c.Secretary, &next.Secretary}, {c.Contact, &next.Contact}} {
		if f.v != nil {
			*f.dst = *f.v
		}
	}
	saved, err := s.EditSchool(next)
	if err != nil {
		return err
	}
	l := a.lang
	changes := schoolChanges(l, &was, &saved)
	if changes == "" {
		fmt.Fprintln(a.stdout, l.Sprintf("学校 %s 没有改动", "school %s: nothing changed", termtext.Line(was.Name)))
		return nil
	}
	fmt.Fprintln(a.stdout, l.Sprintf("已修改学校 %s（编号 %s）：%s", "changed school %s (id %s): %s", termtext.Line(was.Name), was.ID, changes))
	return nil
}

// schoolChanges says which fields of a school changed, old to new.
func schoolChanges(l i18n.Lang, was, now *checklist.School) string {
	var out []string
	for _, f := range []struct {
		name     checklist.Text
		old, new string
	}{
		{checklist.TextSchoolName, was.Name, now.Name}, {checklist.TextTownship, was.Township, now.Township},
		{checklist.TextKind, was.Kind, now.Kind}, {checklist.TextSecretary, was.Secretary, now.Secretary},
		{checklist.TextContact, was.Contact, now.Contact},
	} {
		if f.old != f.new {
			out = append(out, fmt.Sprintf("%s “%s” → “%s”", f.name.Pick(l == i18n.Chinese), termtext.Line(f.old), termtext.Line(f.new)))
		}
	}
	return strings.Join(out, l.Pick("，", ", "))
}

type schoolsDeleteCmd struct {
	School string `arg:"" placeholder:"ID|NAME" help:"help_school_which"`
}

// Run deletes a school that has no visits.
func (c *schoolsDeleteCmd) Run(a *app) error {
	s, err := a.openStore()
	if err != nil {
		return err
	}
	defer s.Close()
	sc, err := findSchoolExactly(s, c.School)
	if err != nil {
		return err
	}
	if err := s.DeleteSchool(sc.ID); err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, a.lang.Sprintf("已删除学校 %s（%s，编号 %s）", "deleted school %s (%s, id %s)", termtext.Line(sc.Name), termtext.Line(orDash(sc.Township)), sc.ID))
	return nil
}

type schoolsArchiveCmd struct {
	School string `arg:"" placeholder:"ID|NAME" help:"help_school_which"`
	Undo   bool   `help:"help_schools_archive_undo"`
}

// Run archives a school (it leaves the list and new work, its history
// stays), or with --undo brings it back.
func (c *schoolsArchiveCmd) Run(a *app) error {
	s, err := a.openStore()
	if err != nil {
		return err
	}
	defer s.Close()
	sc, err := findSchoolExactly(s, c.School)
	if err != nil {
		return err
	}
	l, name := a.lang, termtext.Line(sc.Name)
	if c.Undo {
		if !sc.IsArchived() {
			fmt.Fprintln(a.stdout, l.Sprintf("学校 %s 没有归档，未作改动", "school %s is not archived: nothing changed", name))
			return nil
		}
		if _, err := s.UnarchiveSchool(sc.ID); err != nil {
			return err
		}
		fmt.Fprintln(a.stdout, l.Sprintf("已恢复学校 %s：重新出现在学校名单中，可以开始新的检查", "school %s restored: it is back in the list and can be visited", name))
		return nil
	}
	if sc.IsArchived() {
		fmt.Fprintln(a.stdout, l.Sprintf("学校 %s 已于 %s 归档，未作改动", "school %s was archived on %s: nothing changed", name, sc.Archived))
		return nil
	}
	saved, err := s.ArchiveSchool(sc.ID)
	if err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, l.Sprintf("已归档学校 %s（%s）：不再出现在学校名单中，也不能开始新的检查；历次检查和以往的评定都保留。用 --undo 恢复",
		"archived school %s (%s): it leaves the list and new visits; its visits and past ratings are kept. --undo restores it",
		name, saved.Archived))
	return nil
}

// findSchoolExactly finds the one school an id or a whole name means,
// archived or not: a change is made only to a school named exactly.
func findSchoolExactly(s *store.Store, query string) (checklist.School, error) {
	query = strings.TrimSpace(query)
	found, err := s.FindSchools(query)
	if err != nil {
		return checklist.School{}, err
	}
	var exact []checklist.School
	for _, sc := range found {
		if sc.ID == query || sc.Name == query {
			exact = append(exact, sc)
		}
	}
	switch len(exact) {
	case 0:
		return checklist.School{}, checklist.Errorf(checklist.ErrNotFound, checklist.Text{
			ZH: "没有名称或编号为“%s”的学校（名称要写全；branchcheck schools list 列出学校，--archived 列出已归档的）",
			EN: "no school is named or numbered %q (give the whole name; branchcheck schools list lists them, --archived the archived ones)"}, termtext.Line(query))
	case 1:
		return exact[0], nil
	}
	var names []string
	for _, sc := range exact {
		names = append(names, fmt.Sprintf("%s（%s，%s）", termtext.Line(sc.Name), termtext.Line(orDash(sc.Township)), sc.ID))
	}
	return checklist.School{}, checklist.Errorf(checklist.ErrInvalid, checklist.Text{
		ZH: "“%s”对应多所学校，请用编号指定：%s", EN: "%q matches several schools; give the id: %s"}, termtext.Line(query), strings.Join(names, "；"))
}

type visitsCmd struct {
	List   visitsListCmd   `cmd:"" help:"help_visits_list"`
	Redate visitsRedateCmd `cmd:"" help:"help_visits_redate"`
	Delete visitsDeleteCmd `cmd:"" help:"help_visits_delete"`
}

type visitsListCmd struct {
	School string `placeholder:"NAME|ID" help:"help_visits_school"`
	Year   int    `placeholder:"YEAR" help:"help_visits_year"`
	Drafts bool   `help:"help_visits_drafts"`
}

// Run lists visits with their ids, the latest first: one school's, or a
// year's (this year's by default); drafts only with --drafts.
func (c *visitsListCmd) Run(a *app) error {
	s, err := a.openStoreReadOnly()
	if err != nil {
		return err
	}
	defer s.Close()
	schools, err := s.Schools()
	if err != nil {
		return err
	}
	byID := map[string]checklist.School{}
	for _, sc := range schools {
		byID[sc.ID] = sc
	}
	var visits []*checklist.Inspection
	if c.School != "" {
		sc, err := findOneSchool(a, s, c.School)
		if err != nil {
			return err
		}
		if visits, err = s.SchoolInspections(sc.ID); err != nil {
			return err
		}
	} else {
		year := c.Year
		if year == 0 {
			year = a.now().Year()
		}
		if visits, err = s.YearInspections(year); err != nil {
			return err
		}
	}
	l := a.lang
	var rows [][]string
	for _, v := range visits {
		if c.Year != 0 && v.Date.Year != c.Year || c.Drafts && v.Status != checklist.Draft {
			continue
		}
		sc := byID[v.SchoolID]
		rows = append(rows, []string{v.ID, v.Date.String(), l.Status(v.Status), termtext.Line(v.Inspector),
			termtext.Line(sc.Name) + l.Pick("（", " (") + termtext.Line(orDash(sc.Township)) + l.Pick("）", ")")})
	}
	sortVisitRows(rows)
	if len(rows) == 0 {
		fmt.Fprintln(a.stdout, l.Pick("没有检查记录。", "No visits."))
		return nil
	}
	head := []string{l.Pick("编号", "id"), l.Pick("日期", "date"), l.Pick("状态", "status"), l.Pick("检查人", "inspector"), l.Pick("学校", "school")}
	widths := make([]int, len(head))
	for _, r := range append([][]string{head}, rows...) {
		for i, cell := range r {
			widths[i] = max(widths[i], termtext.Width(cell))
		}
	}
	for _, r := range append([][]string{head}, rows...) {
		var line []string
		for i, cell := range r {
			if i == len(r)-1 {
				line = append(line, cell)
			} else {
				line = append(line, termtext.Pad(cell, widths[i], false))
			}
		}
		fmt.Fprintln(a.stdout, strings.Join(line, "  "))
	}
	return nil
}

// sortVisitRows orders rows by date, the latest first, then by id.
func sortVisitRows(rows [][]string) {
	for i := 1; i < len(rows); i++ {
		for j := i; j > 0 && (rows[j][1] > rows[j-1][1] || rows[j][1] == rows[j-1][1] && rows[j][0] > rows[j-1][0]); j-- {
			rows[j], rows[j-1] = rows[j-1], rows[j]
		}
	}
}

type visitsRedateCmd struct {
	Visit string `arg:"" placeholder:"ID" help:"help_visits_id"`
	Date  string `arg:"" placeholder:"DATE" help:"help_visits_date"`
}

// Run changes a draft's date.
func (c *visitsRedateCmd) Run(a *app) error {
	date, err := checklist.ReadDate(c.Date)
	if err != nil {
		return usageError{err}
	}
	s, err := a.openStore()
	if err != nil {
		return err
	}
	defer s.Close()
	was, err := s.Inspection(c.Visit)
	if err != nil {
		return noVisit(c.Visit, err)
	}
	if _, err := s.RedateDraft(was.ID, date); err != nil {
		return err
	}
	l := a.lang
	fmt.Fprintln(a.stdout, l.Sprintf("已把 %s 的检查（编号 %s）的日期从 %s 改为 %s", "moved the visit of %s (id %s) from %s to %s",
		termtext.Line(schoolName(s, was.SchoolID)), was.ID, was.Date, date))
	return nil
}

type visitsDeleteCmd struct {
	Visit string `arg:"" placeholder:"ID" help:"help_visits_id"`
}

// Run deletes a draft that was never finalized.
func (c *visitsDeleteCmd) Run(a *app) error {
	s, err := a.openStore()
	if err != nil {
		return err
	}
	defer s.Close()
	was, err := s.Inspection(c.Visit)
	if err != nil {
		return noVisit(c.Visit, err)
	}
	if err := s.DeleteDraft(was.ID); err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, a.lang.Sprintf("已删除 %s %s 的检查草稿（编号 %s）", "deleted the draft visit of %s on %s (id %s)",
		termtext.Line(schoolName(s, was.SchoolID)), was.Date, was.ID))
	return nil
}

// noVisit words a visit that cannot be read: none with the id, or
// another reason.
func noVisit(id string, err error) error {
	if !errors.Is(err, checklist.ErrNotFound) {
		return err
	}
	return checklist.Errorf(checklist.ErrNotFound, checklist.Text{
		ZH: "没有编号为“%s”的检查（branchcheck visits list 列出检查和编号）", EN: "no visit has the id %q (branchcheck visits list lists visits and their ids)"}, termtext.Line(id))
}

// schoolName is a school's name, or its id if it cannot be read.
func schoolName(s *store.Store, id string) string {
	if sc, err := s.School(id); err == nil {
		return sc.Name
	}
	return id
}
