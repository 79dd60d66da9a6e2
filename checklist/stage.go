package checklist

import (
	"strings"
	"time"
)

// Stage is where a year's star rating stands: 初评 (computed), 公示
// (published for objections, between two dates), 确定 (confirmed and
// named). After 确定 the year's results are locked: a change to a visit
// of that year needs a reason (YearStage.CheckChange), which goes to the
// audit trail.
type Stage string

// The stages of a year's rating, in order.
const (
	// StageInitial: 初评, the rating as computed from the visits. The zero
	// value: a year nobody has published is at this stage.
	StageInitial Stage = ""
	// StagePublicity: 公示, published from PublicFrom to PublicTo.
	StagePublicity Stage = "publicity"
	// StageConfirmed: 确定, confirmed and named by a person on a day.
	StageConfirmed Stage = "confirmed"
)

// Words names the stage in both languages: 初评, 公示, 确定.
func (s Stage) Words() Text {
	switch s {
	case StagePublicity:
		return Text{ZH: "公示", EN: "public notice"}
	case StageConfirmed:
		return Text{ZH: "确定", EN: "confirmed"}
	}
	return Text{ZH: "初评", EN: "preliminary"}
}

// The length of a 公示, in days counting both ends.
const (
	// UsualPublicityMinDays and UsualPublicityMaxDays bound the usual
	// 公示 (5 to 7 days); outside them PublicityNote says so.
	UsualPublicityMinDays = 5
	UsualPublicityMaxDays = 7
	// MaxPublicityDays bounds any 公示: longer is a typing mistake.
	MaxPublicityDays = 31
)

// YearStage is where one year's star rating stands, and how it got
// there. The store keeps one per year; a year without one is at
// StageInitial.
type YearStage struct {
	Year  int   `json:"year"`
	Stage Stage `json:"stage,omitempty"`
	// PublicFrom and PublicTo are the 公示's first and last days (both
	// counted), set from 公示 on.
	PublicFrom Date `json:"public_from,omitzero"`
	PublicTo   Date `json:"public_to,omitzero"`
	// ConfirmedBy named the ratings on ConfirmedOn (确定, 命名), set at 确定.
	ConfirmedBy string `json:"confirmed_by,omitempty"`
	ConfirmedOn Date   `json:"confirmed_on,omitzero"`
	// Named are the ratings as they stood at 确定, one per school rated:
	// what was named, so that a later change (made with a reason) shows.
	Named []NamedRating `json:"named,omitempty"`
	// History is every change of stage, oldest first.
	History []StageChange `json:"history,omitempty"`
	// UpdatedAt is when it last changed; Versions counts its changes in
	// each database (a version vector keyed by database id), for merging.
	UpdatedAt time.Time         `json:"updated_at,omitzero"`
	Versions  map[string]uint64 `json:"versions,omitempty"`
}

// NamedRating is one school's rating as it was confirmed.
type NamedRating struct {
	SchoolID string  `json:"school_id"`
	VisitID  string  `json:"visit_id"`
	Total    float64 `json:"total"`
	Stars    int     `json:"stars"`
}

// StageChange is one change of a year's stage, for the audit trail.
type StageChange struct {
	Year int   `json:"year"`
	From Stage `json:"from,omitempty"`
	To   Stage `json:"to,omitempty"`
	// PublicFrom and PublicTo are the 公示's dates, when it was published.
	PublicFrom Date      `json:"public_from,omitzero"`
	PublicTo   Date      `json:"public_to,omitzero"`
	By         string    `json:"by"`
	At         time.Time `json:"at"`
	// Reason is why a stage was withdrawn.
	Reason string `json:"reason,omitempty"`
}

// Locked reports whether the year's results are locked: it is confirmed.
func (y *YearStage) Locked() bool { return y.Stage == StageConfirmed }

// CheckChange is the lock rule the store asks before any change to a
// record of a year (a visit dated in it, a self-assessment or a veto
// record of it): nil if the change may be made, else an error of kind
// ErrReasonRequired worded in both languages. Once the year is confirmed,
// a change needs a reason, which the store writes to the audit trail
// with the change; before, any change may be made. A stage of another
// year says nothing about this one.
func (y *YearStage) CheckChange(year int, reason string) error {
	if y == nil || year != y.Year || !y.Locked() || strings.TrimSpace(reason) != "" {
		return nil
	}
	return Errorf(ErrReasonRequired, Text{
		ZH: "%d 年度星级评定已于 %s 确定，结果已锁定；修改这一年的记录需要说明原因",
		EN: "the %d star rating was confirmed on %s and is locked: a change to a record of that year needs a reason"},
		y.Year, y.ConfirmedOn)
}

// CheckVisitChange is CheckChange for a visit: the year is the visit's.
// A change that moves a visit to another date asks for both years.
func (y *YearStage) CheckVisitChange(v *Inspection, reason string) error {
	return y.CheckChange(v.Date.Year, reason)
}

// CheckPublicity checks the dates of a year's 公示: both given, the last
// not before the first, at most MaxPublicityDays in all, starting within
// the year or the next (a year's rating is published at its end or early
// in the next).
func CheckPublicity(year int, from, to Date) error {
	switch {
	case from.IsZero() || to.IsZero():
		return Errorf(ErrInvalid, Text{ZH: "公示要写明起止日期", EN: "a public notice needs its first and last days"})
	case to.Compare(from) < 0:
		return Errorf(ErrInvalid, Text{ZH: "公示结束日期 %s 早于开始日期 %s", EN: "the public notice ends on %s, before it starts on %s"}, to, from)
	case PublicityDays(from, to) > MaxPublicityDays:
		return Errorf(ErrInvalid, Text{ZH: "公示从 %s 到 %s 共 %d 天，超过 %d 天，请检查日期", EN: "a public notice from %s to %s is %d days, more than %d: check the dates"}, from, to, PublicityDays(from, to), MaxPublicityDays)
	case from.Year != year && from.Year != year+1:
		return Errorf(ErrInvalid, Text{ZH: "%d 年度的评定结果应在 %d 年或 %d 年公示，不是 %s", EN: "the %d rating is published in %d or %d, not on %s"}, year, year, year+1, from)
	}
	return nil
}

// PublicityDays is the length of a 公示 from its first to its last day,
// both counted.
func PublicityDays(from, to Date) int { return to.DaysSince(from) + 1 }

// PublicityNote is a warning, not an error, when the 公示's length is not
// the usual 5 to 7 days; nil when it is, or when there is no 公示.
func (y *YearStage) PublicityNote() *Error {
	if y.PublicFrom.IsZero() {
		return nil
	}
	n := PublicityDays(y.PublicFrom, y.PublicTo)
	if n >= UsualPublicityMinDays && n <= UsualPublicityMaxDays {
		return nil
	}
	return Errorf(nil, Text{ZH: "公示期 %d 天；公示通常为 %d 至 %d 天", EN: "the public notice is %s; it is usually %d to %d"}, Counted(n, "day", "days"), UsualPublicityMinDays, UsualPublicityMaxDays)
}

// PublicityOver reports whether the 公示 has ended on today: the year is
// in 公示 and today is after its last day, so it can be confirmed.
func (y *YearStage) PublicityOver(today Date) bool {
	return y.Stage == StagePublicity && today.Compare(y.PublicTo) > 0
}

// Publish puts the year's rating in 公示 from one day to another, or
// changes the dates of a 公示 under way (extended, moved). A confirmed
// year must first be withdrawn.
func (y *YearStage) Publish(from, to Date, by string, at time.Time) (StageChange, error) {
	if y.Locked() {
		return StageChange{}, Errorf(ErrInvalid, Text{ZH: "%d 年度星级评定已确定，不能再公示；要重新公示，请先说明原因撤销确定", EN: "the %d rating is confirmed; withdraw it with a reason to publish it again"}, y.Year)
	}
	if err := CheckPublicity(y.Year, from, to); err != nil {
		return StageChange{}, err
	}
	if err := checkBy(by); err != nil {
		return StageChange{}, err
	}
	c := StageChange{Year: y.Year, From: y.Stage, To: StagePublicity, PublicFrom: from, PublicTo: to, By: strings.TrimSpace(by), At: at}
	y.Stage, y.PublicFrom, y.PublicTo = StagePublicity, from, to
	y.record(c)
	return c, nil
}

// Confirm confirms and names the year's ratings (确定, 命名授牌) on a day,
// after the 公示 has ended: the day must be after its last day, and not
// after today. yr is the year's rating as it stands; it is kept in Named.
// From then on the year is locked (CheckChange).
func (y *YearStage) Confirm(yr *YearRating, by string, on, today Date, at time.Time) (StageChange, error) {
	switch {
	case y.Stage == StageConfirmed:
		return StageChange{}, Errorf(ErrInvalid, Text{ZH: "%d 年度星级评定已于 %s 确定", EN: "the %d rating was confirmed on %s"}, y.Year, y.ConfirmedOn)
	case y.Stage != StagePublicity:
		return StageChange{}, Errorf(ErrInvalid, Text{ZH: "%d 年度星级评定还没有公示，公示期满后才能确定", EN: "the %d rating has not been published: it is confirmed after its public notice"}, y.Year)
	case yr == nil || yr.Year != y.Year:
		return StageChange{}, Errorf(ErrInvalid, Text{ZH: "确定的是 %d 年度的评定，给出的评定结果不是这一年的", EN: "confirming %d needs that year's ratings"}, y.Year)
	case on.IsZero():
		return StageChange{}, Errorf(ErrInvalid, Text{ZH: "请写明确定日期", EN: "a date is needed"})
	case on.Compare(y.PublicTo) <= 0:
		return StageChange{}, Errorf(ErrInvalid, Text{ZH: "公示到 %s 结束，%s 还在公示期内；公示期满后才能确定", EN: "the public notice runs until %s: %s is within it; confirm after it ends"}, y.PublicTo, on)
	}
	if err := on.CheckNotAfter(today); err != nil {
		return StageChange{}, err
	}
	if err := checkBy(by); err != nil {
		return StageChange{}, err
	}
	var named []NamedRating
	for i := range yr.Ratings {
		if r := &yr.Ratings[i]; r.Rated() {
			named = append(named, NamedRating{SchoolID: r.School.ID, VisitID: r.Visit.ID, Total: r.Score.Total, Stars: r.Score.Stars})
		}
	}
	by = strings.TrimSpace(by)
	c := StageChange{Year: y.Year, From: y.Stage, To: StageConfirmed, By: by, At: at}
	y.Stage, y.ConfirmedBy, y.ConfirmedOn, y.Named = StageConfirmed, by, on, named
	y.record(c)
	return c, nil
}

// Withdraw takes the year back to 初评, from 公示 or from 确定 (a review
// changed the results), with a reason. The 公示's dates and what was named
// are cleared; the history keeps them.
func (y *YearStage) Withdraw(reason, by string, at time.Time) (StageChange, error) {
	if y.Stage == StageInitial {
		return StageChange{}, Errorf(ErrInvalid, Text{ZH: "%d 年度星级评定还在初评，没有可撤销的公示或确定", EN: "the %d rating is preliminary: there is nothing to withdraw"}, y.Year)
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return StageChange{}, Errorf(ErrReasonRequired, Text{ZH: "撤销%s需要说明原因", EN: "withdrawing the %s needs a reason"}, y.Stage.Words())
	}
	if err := CheckNote(TextReason, reason, MaxNote); err != nil {
		return StageChange{}, err
	}
	if err := checkBy(by); err != nil {
		return StageChange{}, err
	}
	c := StageChange{Year: y.Year, From: y.Stage, To: StageInitial, By: strings.TrimSpace(by), At: at, Reason: reason}
	*y = YearStage{Year: y.Year, History: y.History, Versions: y.Versions}
	y.record(c)
	return c, nil
}

// ChangedSinceNamed lists the schools whose rating differs from what was
// named at 确定 (another visit, total or stars; rated or not rated since),
// in the ratings' order; nil before 确定.
func (y *YearStage) ChangedSinceNamed(yr *YearRating) []string {
	if !y.Locked() {
		return nil
	}
	named := make(map[string]NamedRating, len(y.Named))
	for _, n := range y.Named {
		named[n.SchoolID] = n
	}
	var out []string
	for i := range yr.Ratings {
		r := &yr.Ratings[i]
		n, was := named[r.School.ID]
		delete(named, r.School.ID)
		switch {
		case was != r.Rated():
			out = append(out, r.School.ID)
		case was && (n.VisitID != r.Visit.ID || n.Total != r.Score.Total || n.Stars != r.Score.Stars):
			out = append(out, r.School.ID)
		}
	}
	return out
}

func (y *YearStage) record(c StageChange) {
	y.History = append(y.History, c)
	if c.At.After(y.UpdatedAt) {
		y.UpdatedAt = c.At
	}
}

// Touch counts a change made in the database named origin.
func (y *YearStage) Touch(origin string, at time.Time) {
	if y.Versions == nil {
		y.Versions = map[string]uint64{}
	}
	y.Versions[origin]++
	if at.After(y.UpdatedAt) {
		y.UpdatedAt = at
	}
}

func checkBy(by string) error {
	by = strings.TrimSpace(by)
	if by == "" {
		return Errorf(ErrInvalid, Text{ZH: "请写明经办人", EN: "say who does it"})
	}
	return CheckLine(TextInspector, by, MaxLine)
}
