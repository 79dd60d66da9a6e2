package checklist

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar day with no time or zone: the day of a visit.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseDate reads a date written as 2006-01-02.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, Errorf(ErrInvalid, Text{ZH: "日期“%s”应写成 2026-11-30 这样的格式", EN: "date %q: expected YYYY-MM-DD"}, s)
	}
	return DateOf(t), nil
}

// String writes the date as 2006-01-02, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Valid reports whether d is a day of the calendar, in the years 1 to
// 9999.
func (d Date) Valid() bool {
	if d.Year < 1 || d.Year > 9999 || d.Month < time.January || d.Month > time.December || d.Day < 1 {
		return false
	}
	return d.Day <= time.Date(d.Year, d.Month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Compare returns -1, 0 or +1 as d is before, the same as or after o.
func (d Date) Compare(o Date) int {
	return cmp.Or(cmp.Compare(d.Year, o.Year), cmp.Compare(d.Month, o.Month), cmp.Compare(d.Day, o.Day))
}

// MarshalText writes the date as 2006-01-02.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads a date written as 2006-01-02; empty text is the zero
// Date. Stored values are read by the thousand, so a well-formed date is
// read without time.Parse.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	if v, ok := quickDate(b); ok {
		*d = v
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// quickDate reads a valid date written as 2006-01-02 (four digits, two,
// two, the day one the month has); ok is false for anything else, which
// ParseDate then reads or refuses.
func quickDate(b []byte) (Date, bool) {
	if len(b) != 10 || b[4] != '-' || b[7] != '-' {
		return Date{}, false
	}
	n := 0
	for i, c := range b {
		if i == 4 || i == 7 {
			continue
		}
		if c < '0' || c > '9' {
			return Date{}, false
		}
		n = n*10 + int(c-'0')
	}
	y, m, dd := n/10000, n/100%100, n%100
	if m < 1 || m > 12 || dd < 1 || dd > daysIn(y, time.Month(m)) {
		return Date{}, false
	}
	return Date{y, time.Month(m), dd}, true
}

// daysIn is the number of days of a month.
func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// ReadDate reads a date as a person types it: 2026-11-30, 2026/11/30,
// 2026.11.30 or 2026年11月30日, with or without leading zeros and spaces.
// The error says what is wrong in words: a day the month does not have
// ("2026 年 11 月没有 31 日"), a month that does not exist, or the shape.
func ReadDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	shape := Errorf(ErrInvalid, Text{ZH: "日期“%s”应写成 2026-11-30 这样的格式", EN: "date %q: write it as 2026-11-30"}, s)
	fields := strings.FieldsFunc(strings.TrimSuffix(s, "日"), func(r rune) bool {
		return strings.ContainsRune("-/.年月 ", r)
	})
	if len(fields) != 3 {
		return Date{}, shape
	}
	var n [3]int
	for i, f := range fields {
		v, err := strconv.Atoi(f)
		if err != nil || v < 0 || (i == 0 && len(f) != 4) || (i > 0 && len(f) > 2) {
			return Date{}, shape
		}
		n[i] = v
	}
	y, m, d := n[0], n[1], n[2]
	if m < 1 || m > 12 {
		return Date{}, Errorf(ErrInvalid, Text{ZH: "日期“%s”：没有 %d 月", EN: "date %q: there is no month %d"}, s, m)
	}
	last := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	if d < 1 || d > last {
		return Date{}, Errorf(ErrInvalid, Text{ZH: "日期“%[1]s”：%[2]d 年 %[3]d 月没有 %[4]d 日", EN: "date %[1]q: %[3]d/%[2]d has no day %[4]d"}, s, y, m, d)
	}
	return Date{y, time.Month(m), d}, nil
}

// CheckNotAfter refuses a date after today ("日期不能晚于今天"): a visit,
// a report or a closure cannot be dated in the future.
func (d Date) CheckNotAfter(today Date) error {
	if d.Compare(today) > 0 {
		return Errorf(ErrInvalid, Text{ZH: "日期 %s 晚于今天（%s），日期不能晚于今天", EN: "the date %s is after today (%s)"}, d, today)
	}
	return nil
}
