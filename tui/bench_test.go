package tui

import (
	"testing"

	"branchcheck/i18n"
)

// BenchmarkWalkView draws the walk screen with the whole standard loaded,
// half the items answered and the cursor in the longest 要 (五要), at
// 80x24. Target: under 1 ms.
func BenchmarkWalkView(b *testing.B) {
	st := openStore(b)
	addSchool(b, st, "城关镇第一小学", "城关镇")
	d := drive(b, newModel(st, i18n.Chinese), 80, 24)
	d.press("enter", "n", "张", "enter", "enter")
	for range 21 {
		d.press("y")
	}
	d.press("j", "j", "j", "j", "j")
	w, ok := d.m.top().(*walkScreen)
	if !ok || !w.loaded || w.items[w.cur].ID[0] != '5' {
		b.Fatalf("not on 五要 in a walk: %T", d.m.top())
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = d.m.View()
	}
}
