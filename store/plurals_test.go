package store_test

import (
	"errors"
	"strings"
	"testing"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/store"
)

// TestRefusalCountsInBothLanguages: a refusal that counts visits, drafts
// or inspections says the noun in English singular for one and plural
// for two, and the same numbers in Chinese.
func TestRefusalCountsInBothLanguages(t *testing.T) {
	// visited is a store with a school of n finalized visits, one of n
	// drafts, and a standard of 2025 that n visits of a third school
	// were made under.
	visited := func(n int) (s *store.Store, withVisits, withDrafts checklist.School, std *checklist.Standard) {
		s = mustOpen(t)
		std = checklist.DefaultStandard()
		std.ID, std.Year, std.Title = "county-2025", 2025, "县标准"
		if err := s.InstallStandard(std); err != nil {
			t.Fatal(err)
		}
		withVisits, withDrafts = mustSchool(t, s, "城关小学", "城关镇"), mustSchool(t, s, "东河中学", "东河乡")
		other := mustSchool(t, s, "西山小学", "西山镇")
		for _, date := range []string{"03-01", "04-01"}[:n] {
			visitWith(t, s, withVisits.ID, "2026-"+date, allOf(checklist.Met), false)
			for _, sc := range []struct{ id, date string }{{withDrafts.ID, "2026-" + date}, {other.ID, "2025-" + date}} {
				if _, err := s.CreateInspection(sc.id, "李督查", day(sc.date)); err != nil {
					t.Fatal(err)
				}
			}
		}
		return s, withVisits, withDrafts, std
	}
	for _, tt := range []struct {
		n                      int
		deleteZH, deleteEN     string
		archiveZH, archiveEN   string
		standardZH, standardEN string
	}{
		{1, "学校 城关小学 有 1 次检查记录，不能删除；", "school 城关小学 has 1 visit and cannot be deleted;",
			"学校 东河中学 还有 1 份未定稿的检查（草稿）：请先定稿或删除，再归档", "school 东河中学 has 1 draft visit left to finalize or delete before it can be archived",
			"已有 1 次检查按标准 county-2025 进行，它不能再改；", "county-2025 is the standard of 1 inspection, so it cannot change;"},
		{2, "学校 城关小学 有 2 次检查记录，不能删除；", "school 城关小学 has 2 visits and cannot be deleted;",
			"学校 东河中学 还有 2 份未定稿的检查（草稿）：请先定稿或删除，再归档", "school 东河中学 has 2 draft visits left to finalize or delete before it can be archived",
			"已有 2 次检查按标准 county-2025 进行，它不能再改；", "county-2025 is the standard of 2 inspections, so it cannot change;"},
	} {
		s, withVisits, withDrafts, std := visited(tt.n)
		_, archived := s.ArchiveSchool(withDrafts.ID)
		std.Title = "县标准(又改)"
		for _, c := range []struct {
			what   string
			err    error
			zh, en string
		}{
			{"delete", s.DeleteSchool(withVisits.ID), tt.deleteZH, tt.deleteEN},
			{"archive", archived, tt.archiveZH, tt.archiveEN},
			{"change a standard", s.InstallStandard(std), tt.standardZH, tt.standardEN},
		} {
			if !errors.Is(c.err, checklist.ErrInvalid) {
				t.Errorf("%d, %s: %v is not invalid", tt.n, c.what, c.err)
			}
			if zh := i18n.Chinese.Error(c.err); !strings.Contains(zh, c.zh) {
				t.Errorf("%d, %s in Chinese:\n%s\nwant %s", tt.n, c.what, zh, c.zh)
			}
			if en := i18n.English.Error(c.err); !strings.Contains(en, c.en) {
				t.Errorf("%d, %s in English:\n%s\nwant %s", tt.n, c.what, en, c.en)
			}
		}
	}
}
