package bundle

import (
	"fmt"

	"branchcheck/checklist"
)

// Validate checks the records on their own and against each other: every
// standard, school and inspection is valid; ids are unique; every
// inspection's school and standard are in the bundle; every answer is for
// a scored item of that standard with a known verdict; a finalized
// inspection is complete; every audit entry belongs to an inspection in
// the bundle. The first problem is returned, wrapping ErrInvalidData.
func (b *Bundle) Validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrInvalidData, fmt.Sprintf(format, args...))
	}
	stds := map[string]*checklist.Standard{}
	for _, s := range b.Standards {
		if err := s.Validate(); err != nil {
			return bad("standard %s: %v", s.ID, err)
		}
		if stds[s.ID] != nil {
			return bad("standard %s appears twice", s.ID)
		}
		stds[s.ID] = s
	}
	schools := map[string]bool{}
	for i := range b.Schools {
		s := &b.Schools[i]
		if s.ID == "" {
			return bad("school %q has no id", s.Name)
		}
		if err := s.Validate(); err != nil {
			return bad("school %s: %v", s.ID, err)
		}
		if schools[s.ID] {
			return bad("school %s appears twice", s.ID)
		}
		schools[s.ID] = true
	}
	inspections := map[string]bool{}
	for _, in := range b.Inspections {
		if err := validateInspection(in, schools, stds); err != nil {
			return bad("inspection %s: %v", in.ID, err)
		}
		if inspections[in.ID] {
			return bad("inspection %s appears twice", in.ID)
		}
		inspections[in.ID] = true
	}
	for _, c := range b.Audit {
		if !inspections[c.InspectionID] {
			return bad("an audit entry belongs to inspection %s, which is not in the bundle", c.InspectionID)
		}
		switch c.Field {
		case checklist.FieldVerdict, checklist.FieldNote, checklist.FieldStatus, checklist.FieldMerge, checklist.FieldRectification:
		default:
			return bad("an audit entry of inspection %s changes an unknown field %q", c.InspectionID, c.Field)
		}
	}
	return nil
}

func validateInspection(in *checklist.Inspection, schools map[string]bool, stds map[string]*checklist.Standard) error {
	switch {
	case in.ID == "":
		return fmt.Errorf("no id")
	case !schools[in.SchoolID]:
		return fmt.Errorf("its school %s is not in the bundle", in.SchoolID)
	case stds[in.StandardID] == nil:
		return fmt.Errorf("its standard %s is not in the bundle", in.StandardID)
	case in.Inspector == "":
		return fmt.Errorf("no inspector")
	case in.Date.IsZero():
		return fmt.Errorf("no date")
	case in.Status != checklist.Draft && in.Status != checklist.Finalized:
		return fmt.Errorf("unknown status %q", in.Status)
	case len(in.Versions) == 0:
		return fmt.Errorf("no version vector")
	}
	std := stds[in.StandardID]
	for id, a := range in.Answers {
		it, _, ok := std.Item(id)
		switch {
		case !ok:
			return fmt.Errorf("an answer for item %s, which standard %s does not have", id, std.ID)
		case !it.Scored:
			return fmt.Errorf("an answer for item %s, which is not scored", id)
		case !a.Verdict.Valid():
			return fmt.Errorf("item %s: unknown verdict %q", id, a.Verdict)
		}
	}
	if in.Status == checklist.Finalized {
		if missing := in.Missing(std); len(missing) > 0 {
			return fmt.Errorf("finalized with %d item(s) unanswered", len(missing))
		}
	}
	return nil
}
