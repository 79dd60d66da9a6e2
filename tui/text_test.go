package tui

import "testing"

func TestWindow(t *testing.T) {
	for _, tt := range []struct{ start, cursor, n, h, want int }{
		{0, 0, 10, 5, 0},
		{0, 7, 10, 5, 3},
		{3, 4, 10, 5, 3},
		{3, 1, 10, 5, 1},
		{8, 9, 10, 5, 5},
		{0, 3, 3, 5, 0},
	} {
		if got := window(tt.start, tt.cursor, tt.n, tt.h); got != tt.want {
			t.Errorf("window(%d, %d, %d, %d) = %d, want %d", tt.start, tt.cursor, tt.n, tt.h, got, tt.want)
		}
	}
}
