package checklist_test

import (
	"errors"
	"strings"
	"testing"

	"branchcheck/checklist"
)

func on(s string) checklist.Date {
	d, err := checklist.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestCheckPublicity(t *testing.T) {
	tests := []struct {
		name, from, to string
		zh             string // "" for valid
	}{
		{"SevenDays", "2027-12-20", "2027-12-26", ""},
		{"EarlyNextYear", "2028-01-04", "2028-01-10", ""},
		{"OneDay", "2027-12-20", "2027-12-20", ""},
		{"NoFirstDay", "", "2027-12-26", "公示要写明起止日期"},
		{"EndsBeforeItStarts", "2027-12-26", "2027-12-20", "公示结束日期 2027-12-20 早于开始日期 2027-12-26"},
		{"TooLong", "2027-12-01", "2028-01-31", "公示从 2027-12-01 到 2028-01-31 共 62 天，超过 31 天，请检查日期"},
		{"YearBefore", "2026-12-20", "2026-12-26", "2027 年度的评定结果应在 2027 年或 2028 年公示，不是 2026-12-20"},
		{"TwoYearsLater", "2029-01-04", "2029-01-10", "不是 2029-01-04"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var from, to checklist.Date
			if tt.from != "" {
				from = on(tt.from)
			}
			to = on(tt.to)
			err := checklist.CheckPublicity(2027, from, to)
			switch {
			case tt.zh == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tt.zh != "" && (!errors.Is(err, checklist.ErrInvalid) || chinese(err) != tt.zh && !strings.Contains(chinese(err), tt.zh)):
				t.Errorf("err %v (%s), want %q", err, chinese(err), tt.zh)
			}
		})
	}
}

// TestYearStages moves a year through 初评, 公示 and 确定, and checks the
// lock after it.
func TestYearStages(t *testing.T) {
	std := example(t)
	yr := exampleYear(t, std, 5, 4, 0)
	y := &checklist.YearStage{Year: 2027}
	if y.Stage != checklist.StageInitial || y.Locked() || y.Stage.Words().ZH != "初评" {
		t.Fatalf("a new year %+v", y)
	}
	if err := y.CheckChange(2027, ""); err != nil {
		t.Errorf("初评 refuses a change: %v", err)
	}
	if _, err := y.Confirm(yr, "局党委 李书记", on("2027-12-28"), on("2027-12-28"), t0); !errors.Is(err, checklist.ErrInvalid) || !strings.Contains(chinese(err), "还没有公示") {
		t.Errorf("confirmed before 公示: %v", err)
	}

	// 公示 for three days: allowed, with a note.
	if _, err := y.Publish(on("2027-12-20"), on("2027-12-22"), "局党委办公室 张", t0); err != nil {
		t.Fatal(err)
	}
	if n := y.PublicityNote(); n == nil || chinese(n) != "公示期 3 天；公示通常为 5 至 7 天" {
		t.Errorf("note %v", n)
	}
	// Extended to seven days: the usual length, no note.
	c, err := y.Publish(on("2027-12-20"), on("2027-12-26"), "局党委办公室 张", t0)
	if err != nil || c.From != checklist.StagePublicity || c.To != checklist.StagePublicity || c.PublicTo != on("2027-12-26") {
		t.Fatalf("extend: %+v %v", c, err)
	}
	if n := y.PublicityNote(); n != nil {
		t.Errorf("a seven-day 公示 has a note: %v", n)
	}
	if y.PublicityOver(on("2027-12-26")) || !y.PublicityOver(on("2027-12-27")) {
		t.Error("PublicityOver: the last day counts in the 公示")
	}
	if err := y.CheckChange(2027, ""); err != nil {
		t.Errorf("公示 refuses a change: %v", err)
	}

	// 确定: not within the 公示, not after today, not without a name.
	refused := []struct {
		name     string
		by       string
		on, now  string
		yr       *checklist.YearRating
		zhSubstr string
	}{
		{"WithinPublicity", "李书记", "2027-12-26", "2027-12-30", yr, "公示到 2027-12-26 结束，2027-12-26 还在公示期内；公示期满后才能确定"},
		{"AfterToday", "李书记", "2027-12-31", "2027-12-30", yr, "晚于今天"},
		{"NoOne", " ", "2027-12-28", "2027-12-30", yr, "请写明经办人"},
		{"OtherYearsRatings", "李书记", "2027-12-28", "2027-12-30", &checklist.YearRating{Year: 2026}, "不是这一年的"},
	}
	for _, r := range refused {
		if _, err := y.Confirm(r.yr, r.by, on(r.on), on(r.now), t0); !errors.Is(err, checklist.ErrInvalid) || !strings.Contains(chinese(err), r.zhSubstr) {
			t.Errorf("%s: %v (%s)", r.name, err, chinese(err))
		}
	}
	c, err = y.Confirm(yr, " 局党委 李书记 ", on("2027-12-28"), on("2027-12-30"), t0)
	if err != nil || c.To != checklist.StageConfirmed || !y.Locked() || y.ConfirmedBy != "局党委 李书记" || y.ConfirmedOn != on("2027-12-28") {
		t.Fatalf("confirm: %+v %v %+v", c, err, y)
	}
	if len(y.Named) != 2 || y.Named[0].Stars != 5 || y.Named[1].Stars != 4 {
		t.Errorf("named %+v, want the two rated schools", y.Named)
	}

	// The lock: a change to that year needs a reason, in both languages.
	err = y.CheckChange(2027, "  ")
	if !errors.Is(err, checklist.ErrReasonRequired) {
		t.Fatalf("a change without a reason after 确定: %v", err)
	}
	if got := chinese(err); got != "2027 年度星级评定已于 2027-12-28 确定，结果已锁定；修改这一年的记录需要说明原因" {
		t.Errorf("in Chinese: %s", got)
	}
	if got := err.Error(); got != "the 2027 star rating was confirmed on 2027-12-28 and is locked: a change to a record of that year needs a reason" {
		t.Errorf("in English: %s", got)
	}
	if err := y.CheckChange(2027, "复核更正"); err != nil {
		t.Errorf("a change with a reason: %v", err)
	}
	if err := y.CheckChange(2028, ""); err != nil {
		t.Errorf("another year's change: %v", err)
	}
	v := visit("x", "s0", std, "2027-06-01", checklist.Finalized, nil)
	if err := y.CheckVisitChange(v, ""); !errors.Is(err, checklist.ErrReasonRequired) {
		t.Errorf("a visit of the year: %v", err)
	}
	var none *checklist.YearStage
	if err := none.CheckChange(2027, ""); err != nil {
		t.Errorf("no stage kept for the year: %v", err)
	}
	if _, err := y.Publish(on("2027-12-20"), on("2027-12-26"), "张", t0); !errors.Is(err, checklist.ErrInvalid) {
		t.Errorf("published again after 确定: %v", err)
	}

	// What changed since 确定: s1 rescored, s2 rated since.
	if got := y.ChangedSinceNamed(yr); got != nil {
		t.Errorf("changed right after 确定: %v", got)
	}
	later := exampleYear(t, std, 5, 3, 2)
	if got := strings.Join(y.ChangedSinceNamed(later), " "); got != "s1 s2" {
		t.Errorf("changed since 确定: %s, want s1 s2", got)
	}

	// Withdrawn with a reason, back to 初评; the history keeps every step.
	if _, err := y.Withdraw("", "张", t0); !errors.Is(err, checklist.ErrReasonRequired) || chinese(err) != "撤销确定需要说明原因" {
		t.Errorf("withdrawn without a reason: %v", err)
	}
	if _, err := y.Withdraw("复核改变了结果", "张", t0); err != nil {
		t.Fatal(err)
	}
	if y.Locked() || y.Stage != checklist.StageInitial || !y.PublicFrom.IsZero() || y.Named != nil || len(y.History) != 4 {
		t.Errorf("after withdrawing: %+v", y)
	}
	if h := y.History[3]; h.From != checklist.StageConfirmed || h.To != checklist.StageInitial || h.Reason != "复核改变了结果" {
		t.Errorf("last step %+v", h)
	}
	if _, err := y.Withdraw("再撤", "张", t0); !errors.Is(err, checklist.ErrInvalid) {
		t.Errorf("withdrawn at 初评: %v", err)
	}
}
