package store

import (
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"branchcheck/checklist"
)

// The year lock. Once a year's rating is confirmed (确定), its results are
// locked: every write to a visit dated in that year, to a self-assessment
// or to a veto record of that year asks checkYearLock, which asks the
// year's stage (checklist.YearStage.CheckChange). Without a reason the
// write is refused with an error of kind checklist.ErrReasonRequired,
// worded in both languages, and nothing changes; with one, the change is
// made and goes to the audit trail with the reason: a visit's change to
// the visit's trail (even a draft's, which is otherwise not audited), a
// self-assessment's or a veto record's to the year's (YearAudit).
//
// The Store's own methods give no reason: in a confirmed year they are
// refused. Store.Amending(reason) gives one: the interface asks for it
// once, then makes its changes through the Amendment. Reopen, RecordVeto
// and LiftVeto take a reason of their own, which serves.

// checkYearLock checks that a record of year may change with reason, and
// reports whether the year is locked (the change then goes to the audit
// trail with the reason).
func checkYearLock(tx *bolt.Tx, year int, reason string) (locked bool, err error) {
	st, err := getYearStage(tx, year)
	if err != nil || st == nil {
		return false, err
	}
	if err := st.CheckChange(year, reason); err != nil {
		return true, err
	}
	if st.Locked() {
		if err := checklist.CheckNote(checklist.TextReason, strings.TrimSpace(reason), checklist.MaxNote); err != nil {
			return true, err
		}
	}
	return st.Locked(), nil
}

// draftUnlocked refuses deleting or re-dating a draft of a confirmed
// year (into or out of it): a confirmed year's visits stay as they were
// confirmed, and these corrections take no reason, so the refusal says
// the way out: withdraw the confirmation first.
func draftUnlocked(tx *bolt.Tx, year int) error {
	if _, err := checkYearLock(tx, year, ""); err != nil {
		return checklist.Errorf(checklist.ErrReasonRequired, checklist.Text{
			ZH: "%d 年度星级评定已确定，结果已锁定：这一年的草稿不能删除，也不能改日期；确需修改，请先撤回确定（年度评定界面按 W，或 branchcheck year withdraw）",
			EN: "the %d rating is confirmed and locked: a draft of that year can be neither deleted nor re-dated; to change it, withdraw the confirmation first (W on the ratings screen, or branchcheck year withdraw)"},
			year).Wrapping(err)
	}
	return nil
}

// auditLocked records a visit created in a locked year in its audit
// trail, with the reason.
func auditLocked(tx *bolt.Tx, locked bool, in *checklist.Inspection, reason string) error {
	if !locked {
		return nil
	}
	return appendAudit(tx, checklist.Change{InspectionID: in.ID, Field: checklist.FieldStatus, New: string(checklist.Draft),
		By: in.Inspector, At: in.CreatedAt, Reason: strings.TrimSpace(reason)})
}

// Amendment makes changes with a reason: what a record of a confirmed
// year needs (see the year lock above). In a year not confirmed it
// changes as the Store's own methods do, and the reason is not recorded.
// Make one with Store.Amending; it is a small value, safe to copy.
type Amendment struct {
	s      *Store
	reason string
}

// Amending returns the Store's writes made with reason, for the records
// of a confirmed year: s.Amending("复核更正").SetVerdict(…).
func (s *Store) Amending(reason string) Amendment {
	return Amendment{s: s, reason: strings.TrimSpace(reason)}
}

// Reason is the reason the amendment gives.
func (a Amendment) Reason() string { return a.reason }

// CreateInspection starts a draft visit as Store.CreateInspection does.
func (a Amendment) CreateInspection(schoolID, inspector string, date checklist.Date) (*checklist.Inspection, error) {
	return a.s.createInspection(schoolID, inspector, date, a.reason)
}

// SetVerdict records a verdict as Store.SetVerdict does.
func (a Amendment) SetVerdict(inspectionID, itemID string, v checklist.Verdict, by string) (*checklist.Inspection, error) {
	return a.s.changeBecause(inspectionID, a.reason, func(in *checklist.Inspection, std *checklist.Standard, at time.Time) (checklist.Change, bool, error) {
		return in.SetVerdict(std, itemID, v, by, at)
	})
}

// SetValue records the number entered for a deduction or bonus item as
// Store.SetValue does.
func (a Amendment) SetValue(inspectionID, itemID string, value float64, by string) (*checklist.Inspection, error) {
	return a.s.changeBecause(inspectionID, a.reason, func(in *checklist.Inspection, std *checklist.Standard, at time.Time) (checklist.Change, bool, error) {
		return in.SetValue(std, itemID, value, by, at)
	})
}

// SetNote records a note as Store.SetNote does.
func (a Amendment) SetNote(inspectionID, itemID, note, by string) (*checklist.Inspection, error) {
	return a.s.changeBecause(inspectionID, a.reason, func(in *checklist.Inspection, std *checklist.Standard, at time.Time) (checklist.Change, bool, error) {
		return in.SetNote(std, itemID, note, by, at)
	})
}

// Finalize finalizes a visit as Store.Finalize does.
func (a Amendment) Finalize(inspectionID, by string) (*checklist.Inspection, error) {
	return a.s.changeBecause(inspectionID, a.reason, func(in *checklist.Inspection, std *checklist.Standard, at time.Time) (checklist.Change, bool, error) {
		c, err := in.Finalize(std, by, at)
		return c, err == nil, err
	})
}

// SetValue records the number entered for a deduction item (what is
// missing: a count, or points off) or a bonus item (what earns it), with
// the verdict it gives (checklist.Item.VerdictFor), through the same save
// as SetVerdict, and returns the inspection as saved. A verdict item
// refuses a number. SetVerdict with checklist.Unanswered clears a
// value item's answer, and takes 不适用 (and 不得分, a deduction item's
// 不符合) as keys.
func (s *Store) SetValue(inspectionID, itemID string, value float64, by string) (*checklist.Inspection, error) {
	return s.Amending("").SetValue(inspectionID, itemID, value, by)
}
