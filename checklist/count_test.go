package checklist_test

import (
	"fmt"
	"testing"

	"branchcheck/checklist"
)

// TestCount: a count formats its number alone for %d (the Chinese text)
// and its English words, singular for one, for %s and %v, from the same
// arguments.
func TestCount(t *testing.T) {
	text := checklist.Text{ZH: "学校 %d 所；%3d 项未答", EN: "%s; %v not answered"}
	for _, tt := range []struct {
		n      int
		zh, en string
	}{
		{0, "学校 0 所；  0 项未答", "0 schools; 0 items are not answered"},
		{1, "学校 1 所；  1 项未答", "1 school; 1 item is not answered"},
		{2, "学校 2 所；  2 项未答", "2 schools; 2 items are not answered"},
		{12, "学校 12 所； 12 项未答", "12 schools; 12 items are not answered"},
	} {
		err := checklist.Errorf(nil, text, checklist.Counted(tt.n, "school", "schools"), checklist.Counted(tt.n, "item is", "items are"))
		if got := chinese(err); got != tt.zh {
			t.Errorf("%d in Chinese: %q, want %q", tt.n, got, tt.zh)
		}
		if got := err.Error(); got != tt.en {
			t.Errorf("%d in English: %q, want %q", tt.n, got, tt.en)
		}
	}
}

// ExampleCounted: one argument list for both texts of a message.
func ExampleCounted() {
	text := checklist.Text{ZH: "学校 %d 所", EN: "%s"}
	for _, n := range []int{1, 3} {
		err := checklist.Errorf(nil, text, checklist.Counted(n, "school", "schools"))
		fmt.Println(err.Say(true, nil), "/", err.Say(false, nil))
	}
	// Output:
	// 学校 1 所 / 1 school
	// 学校 3 所 / 3 schools
}

// TestPoints: an amount of points is the number alone for %d (as a
// sentence writes it) and %g (as given), and in English the number with
// "point" for exactly one, "points" otherwise.
func TestPoints(t *testing.T) {
	for _, tt := range []struct {
		format string
		p      float64
		want   string
	}{
		{"扣 %d 分", 1, "扣 1 分"},
		{"扣 %d 分", 93.333, "扣 93.33 分"},
		{"不是 %g", 93.333, "不是 93.333"},
		{"%v off", 1, "1 point off"},
		{"%v off", 0.5, "0.5 points off"},
		{"%s", 2, "2 points"},
		{"%v", 0, "0 points"},
	} {
		if got := fmt.Sprintf(tt.format, checklist.Points(tt.p)); got != tt.want {
			t.Errorf("Sprintf(%q, %g) = %q, want %q", tt.format, tt.p, got, tt.want)
		}
	}
}
