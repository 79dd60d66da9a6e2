package checklist_test

import (
	"testing"

	"branchcheck/checklist"
	"branchcheck/i18n"
)

func TestReadDate(t *testing.T) {
	tests := []struct {
		in, want string // want: the date, or the Chinese error
	}{
		{"2026-11-30", "2026-11-30"},
		{" 2026/11/30 ", "2026-11-30"},
		{"2026.11.30", "2026-11-30"},
		{"2026年11月30日", "2026-11-30"},
		{"2026-1-5", "2026-01-05"},
		{"2024-02-29", "2024-02-29"},
		{"2026-11-31", "日期“2026-11-31”：2026 年 11 月没有 31 日"},
		{"2026-02-29", "日期“2026-02-29”：2026 年 2 月没有 29 日"},
		{"2026-13-01", "日期“2026-13-01”：没有 13 月"},
		{"2026-11", "日期“2026-11”应写成 2026-11-30 这样的格式"},
		{"26-11-30", "日期“26-11-30”应写成 2026-11-30 这样的格式"},
		{"明天", "日期“明天”应写成 2026-11-30 这样的格式"},
		{"", "日期“”应写成 2026-11-30 这样的格式"},
	}
	for _, tt := range tests {
		d, err := checklist.ReadDate(tt.in)
		got := d.String()
		if err != nil {
			got = i18n.Chinese.Error(err)
		}
		if got != tt.want {
			t.Errorf("ReadDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	today := checklist.Date{Year: 2026, Month: 11, Day: 29}
	if err := today.CheckNotAfter(today); err != nil {
		t.Error(err)
	}
	if err := (checklist.Date{Year: 2027, Month: 3, Day: 1}).CheckNotAfter(today); err == nil || i18n.Chinese.Error(err) != "日期 2027-03-01 晚于今天（2026-11-29），日期不能晚于今天" {
		t.Errorf("future date: %v", err)
	}
}

// TestUnmarshalTextAgreesWithParseDate: the quick path of UnmarshalText
// reads what ParseDate reads and refuses what it refuses.
func TestUnmarshalTextAgreesWithParseDate(t *testing.T) {
	for _, s := range []string{
		"2026-11-30", "2024-02-29", "2025-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00",
		"0001-01-01", "9999-12-31", "2026-1-05", "2026/11/30", "2026-11-3x", "20261130", "2026-11-300", "+026-11-30",
	} {
		var d checklist.Date
		err := d.UnmarshalText([]byte(s))
		want, werr := checklist.ParseDate(s)
		if (err == nil) != (werr == nil) || d != want && err == nil {
			t.Errorf("%q: UnmarshalText %v, %v; ParseDate %v, %v", s, d, err, want, werr)
		}
	}
}
