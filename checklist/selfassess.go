package checklist

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// EntrySource says how a self-assessment's answer came into the program.
type EntrySource string

// The sources of a self-assessment's answers.
const (
	// SourcePaper: typed in from the school's paper form (纸质自评表).
	SourcePaper EntrySource = "paper"
	// SourceWorkbook: imported from the 自评表 workbook the school filled.
	SourceWorkbook EntrySource = "workbook"
)

// Valid reports whether s is one of the sources.
func (s EntrySource) Valid() bool { return s == SourcePaper || s == SourceWorkbook }

// Words names the source in both languages.
func (s EntrySource) Words() Text {
	if s == SourceWorkbook {
		return Text{ZH: "自评表导入", EN: "imported from the workbook"}
	}
	return Text{ZH: "纸质自评表录入", EN: "entered from the paper form"}
}

// SelfAnswer is a branch's own answer to one item (支部自评), as entered.
type SelfAnswer struct {
	// Verdict and Value are as an inspection's Answer holds them: a
	// deduction or bonus item's number, and the verdict it gives.
	Verdict Verdict `json:"verdict,omitempty"`
	Value   float64 `json:"value,omitempty"`
	// Note is the branch's own remark (its evidence, 佐证材料).
	Note string `json:"note,omitempty"`
	// Source, By and At: how it came in, who entered it, when.
	Source EntrySource `json:"source,omitempty"`
	By     string      `json:"by,omitempty"`
	At     time.Time   `json:"at"`
}

// SelfAssessment is a branch's assessment of itself for a year (支部自评),
// item by item under the year's standard, before or beside the
// inspection: the 自查分 column of a score sheet. The store keeps one per
// school and year.
type SelfAssessment struct {
	// ID is SelfAssessmentID(SchoolID, Year).
	ID         string `json:"id"`
	SchoolID   string `json:"school_id"`
	Year       int    `json:"year"`
	StandardID string `json:"standard_id"`
	// Answers by item id; an item with no entry is unanswered.
	Answers map[string]SelfAnswer `json:"answers,omitempty"`
	// SignedBy is who signed the form for the branch (the secretary), on
	// SignedOn; empty if not given.
	SignedBy  string    `json:"signed_by,omitempty"`
	SignedOn  Date      `json:"signed_on,omitzero"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	// Versions counts its changes in each database (a version vector
	// keyed by database id), for merging.
	Versions map[string]uint64 `json:"versions,omitempty"`
}

// SelfAssessmentID is the id of a school's self-assessment for a year.
func SelfAssessmentID(schoolID string, year int) string { return fmt.Sprintf("%s/%d", schoolID, year) }

// NewSelfAssessment starts a school's empty self-assessment for a year
// under the year's standard.
func NewSelfAssessment(schoolID string, year int, std *Standard, at time.Time) (*SelfAssessment, error) {
	switch {
	case schoolID == "":
		return nil, Errorf(ErrInvalid, Text{ZH: "自评要记在一所学校名下", EN: "a self-assessment is of a school"})
	case year < 1 || year > 9999:
		return nil, Errorf(ErrInvalid, Text{ZH: "年度 %d 不是一个年份", EN: "%d is not a year"}, year)
	case std.Year != 0 && std.Year != year:
		return nil, Errorf(ErrInvalid, Text{ZH: "标准 %s 是 %d 年度的，不能用于 %d 年度的自评", EN: "standard %s is for %d, not %d"}, std.ID, std.Year, year)
	}
	return &SelfAssessment{
		ID: SelfAssessmentID(schoolID, year), SchoolID: schoolID, Year: year, StandardID: std.ID,
		Answers: map[string]SelfAnswer{}, CreatedAt: at, UpdatedAt: at,
	}, nil
}

// SetVerdict records the branch's verdict for an item (Unanswered clears
// it); a deduction or bonus item takes the verdicts Item.VerdictEntry
// allows. It returns false if the answer was already so.
func (sa *SelfAssessment) SetVerdict(std *Standard, itemID string, v Verdict, src EntrySource, by string, at time.Time) (bool, error) {
	it, err := sa.item(std, itemID, src, by)
	if err != nil {
		return false, err
	}
	v, x, err := it.VerdictEntry(v)
	if err != nil {
		return false, err
	}
	return sa.set(itemID, v, x, src, by, at), nil
}

// SetValue records the number the branch gives for a deduction or bonus
// item. It returns false if the answer was already so.
func (sa *SelfAssessment) SetValue(std *Standard, itemID string, value float64, src EntrySource, by string, at time.Time) (bool, error) {
	it, err := sa.item(std, itemID, src, by)
	if err != nil {
		return false, err
	}
	v, x, err := it.ValueEntry(value)
	if err != nil {
		return false, err
	}
	return sa.set(itemID, v, x, src, by, at), nil
}

// SetNote records the branch's remark on an item.
func (sa *SelfAssessment) SetNote(std *Standard, itemID, note string, src EntrySource, by string, at time.Time) (bool, error) {
	if _, err := sa.item(std, itemID, src, by); err != nil {
		return false, err
	}
	note = strings.TrimSpace(note)
	if err := CheckNote(TextNote, note, MaxNote); err != nil {
		return false, err
	}
	a := sa.Answers[itemID]
	if a.Note == note {
		return false, nil
	}
	a.Note, a.Source, a.By, a.At = note, src, by, at
	sa.put(itemID, a, at)
	return true, nil
}

// Import records what a workbook or form gives, by item id, as the person
// wrote it (see ParseEntry), all or nothing: every cell is read first,
// and the first that cannot be read is the error, nothing recorded. An
// empty cell leaves the item as it is. It returns how many answers
// changed.
func (sa *SelfAssessment) Import(std *Standard, cells map[string]string, src EntrySource, by string, at time.Time) (int, error) {
	type entry struct {
		id string
		v  Verdict
		x  float64
	}
	var entries []entry
	for _, it := range std.ScoredItems() {
		cell, ok := cells[it.ID]
		if !ok || strings.TrimSpace(cell) == "" {
			continue
		}
		if _, err := sa.item(std, it.ID, src, by); err != nil {
			return 0, err
		}
		v, x, err := ParseEntry(it, cell)
		if err != nil {
			return 0, err
		}
		entries = append(entries, entry{it.ID, v, x})
	}
	for id := range cells {
		if it, _, ok := std.Item(id); !ok || !it.Scored {
			return 0, Errorf(ErrNotFound, Text{ZH: "标准 %s 没有计分条目 %s", EN: "standard %s has no scored item %s"}, std.ID, id)
		}
	}
	n := 0
	for _, e := range entries {
		if sa.set(e.id, e.v, e.x, src, by, at) {
			n++
		}
	}
	return n, nil
}

// Sign records who signed the form for the branch, and on what day (not
// after today).
func (sa *SelfAssessment) Sign(by string, on, today Date) error {
	by = strings.TrimSpace(by)
	if err := CheckLine(TextSecretary, by, MaxLine); err != nil {
		return err
	}
	if !on.IsZero() {
		if err := on.CheckNotAfter(today); err != nil {
			return err
		}
	}
	sa.SignedBy, sa.SignedOn = by, on
	return nil
}

// Missing lists the scored items of std the branch has not answered, in
// display order.
func (sa *SelfAssessment) Missing(std *Standard) []string {
	var out []string
	for _, it := range std.ScoredItems() {
		if sa.Answers[it.ID].Verdict == Unanswered {
			out = append(out, it.ID)
		}
	}
	return out
}

// Score is the self-assessment's score under its standard (自评分), by the
// same rule as an inspection's; provisional while an item is unanswered.
func (sa *SelfAssessment) Score(std *Standard) Score { return scoreBy(std, sa.entry(), nil) }

func (sa *SelfAssessment) entry() entryFunc {
	return func(_ int, it *Item) (Verdict, float64) {
		a := sa.Answers[it.ID]
		return a.Verdict, a.Value
	}
}

// Touch counts a change made in the database named origin.
func (sa *SelfAssessment) Touch(origin string, at time.Time) {
	if sa.Versions == nil {
		sa.Versions = map[string]uint64{}
	}
	sa.Versions[origin]++
	if at.After(sa.UpdatedAt) {
		sa.UpdatedAt = at
	}
}

// item checks that an answer to itemID of std may be recorded.
func (sa *SelfAssessment) item(std *Standard, itemID string, src EntrySource, by string) (*Item, error) {
	if std == nil || std.ID != sa.StandardID {
		got := "none"
		if std != nil {
			got = std.ID
		}
		return nil, Errorf(ErrInvalid, Text{ZH: "这份自评按标准 %s 填写，不是 %s", EN: "the self-assessment is under standard %s, not %s"}, sa.StandardID, got)
	}
	it, _, ok := std.Item(itemID)
	switch {
	case !ok:
		return nil, Errorf(ErrNotFound, Text{ZH: "标准 %s 没有条目 %s", EN: "standard %s has no item %s"}, std.ID, itemID)
	case !it.Scored:
		return nil, Errorf(ErrNotScored, Text{ZH: "条目 %s 不计分，不能作答", EN: "item %s is not scored and cannot be answered"}, itemID)
	case !src.Valid():
		return nil, Errorf(ErrInvalid, Text{ZH: "“%s”不是自评的录入方式", EN: "%q is not a way a self-assessment comes in"}, string(src))
	}
	if err := CheckLine(TextInspector, strings.TrimSpace(by), MaxLine); err != nil {
		return nil, err
	}
	return it, nil
}

func (sa *SelfAssessment) set(itemID string, v Verdict, x float64, src EntrySource, by string, at time.Time) bool {
	a := sa.Answers[itemID]
	if a.Verdict == v && a.Value == x {
		return false
	}
	a.Verdict, a.Value, a.Source, a.By, a.At = v, x, src, strings.TrimSpace(by), at
	sa.put(itemID, a, at)
	return true
}

func (sa *SelfAssessment) put(itemID string, a SelfAnswer, at time.Time) {
	if at.After(sa.UpdatedAt) {
		sa.UpdatedAt = at
	}
	if a.Verdict == Unanswered && a.Value == 0 && a.Note == "" {
		delete(sa.Answers, itemID)
		return
	}
	if sa.Answers == nil {
		sa.Answers = map[string]SelfAnswer{}
	}
	sa.Answers[itemID] = a
}

// SelfComparison sets a branch's self-assessment beside the inspection the
// year's rating comes from: 自评分 and 考评分, the gap in total and per item,
// and which gaps are large by the standard's thresholds.
type SelfComparison struct {
	// Self is the self-assessment's score (自评分); Inspection the visit's
	// (考评分).
	Self       Score `json:"self"`
	Inspection Score `json:"inspection"`
	// Gap is Self.Total minus Inspection.Total: more than 0 when the
	// branch rated itself higher than the inspectors did.
	Gap float64 `json:"gap"`
	// Large: |Gap| is at least LargeGap, the threshold applied.
	Large    bool    `json:"large"`
	LargeGap float64 `json:"large_gap"`
	// Items are the items of either standard, the inspection's order
	// first.
	Items []ItemGap `json:"items"`
}

// ItemGap is the gap on one item.
type ItemGap struct {
	ItemID string `json:"item_id"`
	// Self and Inspection are the item's results on each side; InSelf and
	// InInspection say whether the item is scored on that side's standard.
	Self         ItemScore `json:"self"`
	Inspection   ItemScore `json:"inspection"`
	InSelf       bool      `json:"in_self"`
	InInspection bool      `json:"in_inspection"`
	// Gap is Self.Points minus Inspection.Points.
	Gap float64 `json:"gap"`
	// Large: both sides answered it and |Gap| is at least the standard's
	// share (LargeItemShare) of the item's points.
	Large bool `json:"large"`
}

// LargeItems lists the items whose gap is large, in order.
func (c *SelfComparison) LargeItems() []string {
	var out []string
	for _, g := range c.Items {
		if g.Large {
			out = append(out, g.ItemID)
		}
	}
	return out
}

// CompareSelf compares a school's self-assessment for a year (under
// selfStd) with a visit of that school in that year (under std, whose
// thresholds apply). The items are matched by id.
func CompareSelf(selfStd *Standard, sa *SelfAssessment, std *Standard, visit *Inspection) (*SelfComparison, error) {
	switch {
	case selfStd == nil || selfStd.ID != sa.StandardID:
		return nil, Errorf(ErrInvalid, Text{ZH: "自评按标准 %s 填写，给出的标准不是它", EN: "the self-assessment is under standard %s, which was not given"}, sa.StandardID)
	case std == nil || std.ID != visit.StandardID:
		return nil, Errorf(ErrInvalid, Text{ZH: "检查按标准 %s 进行，给出的标准不是它", EN: "the visit is under standard %s, which was not given"}, visit.StandardID)
	case visit.SchoolID != sa.SchoolID:
		return nil, Errorf(ErrInvalid, Text{ZH: "自评和检查不是同一所学校的", EN: "the self-assessment and the visit are of different schools"})
	case visit.Date.Year != sa.Year:
		return nil, Errorf(ErrInvalid, Text{ZH: "自评是 %d 年度的，检查是 %s 的", EN: "the self-assessment is for %d, the visit of %s"}, sa.Year, visit.Date)
	}
	var selfItems, inItems []ItemScore
	c := &SelfComparison{
		Self:       scoreBy(selfStd, sa.entry(), &selfItems),
		Inspection: scoreBy(std, answersEntry(visit.Answers), &inItems),
		LargeGap:   std.SelfAssessment.Gap(),
	}
	if visit.Status != Finalized {
		c.Inspection.Provisional = true
	}
	c.Gap = round2(c.Self.Total - c.Inspection.Total)
	c.Large = math.Abs(c.Gap) >= c.LargeGap-pointsEpsilon
	share := std.SelfAssessment.ItemShare()
	self := make(map[string]ItemScore, len(selfItems))
	for _, is := range selfItems {
		self[is.ID] = is
	}
	for _, in := range inItems {
		g := ItemGap{ItemID: in.ID, Inspection: in, InInspection: true}
		g.Self, g.InSelf = self[in.ID]
		delete(self, in.ID)
		c.Items = append(c.Items, g.measure(share))
	}
	for _, is := range selfItems {
		if _, left := self[is.ID]; left {
			c.Items = append(c.Items, ItemGap{ItemID: is.ID, Self: is, InSelf: true}.measure(share))
		}
	}
	return c, nil
}

func (g ItemGap) measure(share float64) ItemGap {
	g.Gap = round2(g.Self.Points - g.Inspection.Points)
	top := g.Inspection.Max
	if !g.Inspection.Applicable {
		top = g.Self.Max
	}
	g.Large = g.InSelf && g.InInspection && g.Self.Verdict != Unanswered && g.Inspection.Verdict != Unanswered &&
		top > 0 && math.Abs(g.Gap) >= share*top-pointsEpsilon
	return g
}
