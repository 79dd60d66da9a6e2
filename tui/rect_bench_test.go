package tui

import (
	"strings"
	"testing"
)

// The 整改 screens on the generated county (scale_bench_test.go). Run
// them with
//
//	go test ./tui -run XXX -bench 'LedgerScreen|SchoolScreen' -benchmem

// BenchmarkLedgerScreen opens the county's 整改台账 from the schools
// list (z), to the first frame at 80x24 (open): the store's read of the
// ledger (every rectification counted where it stands, the open ones
// decoded), the rows and the frame. Target: under 50 ms for the county.
// rows is the screen's own part alone, from the ledger read to the frame,
// which a machine busy with other work disturbs less.
func BenchmarkLedgerScreen(b *testing.B) {
	for _, sc := range scales {
		b.Run(sc.name, func(b *testing.B) {
			d := drive(b, benchModel(scaleStore(b, sc.scale)), 80, 24)
			b.Run("open", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					d.press("z")
					_ = d.m.View()
					b.StopTimer()
					l, ok := d.m.top().(*ledgerScreen)
					if !ok || l.ledger == nil || l.ledger.Len() == 0 {
						b.Fatalf("not on the ledger:\n%s", d.screen())
					}
					d.press("esc")
					b.StartTimer()
				}
				b.StopTimer()
				d.press("z")
				l := d.m.top().(*ledgerScreen)
				b.ReportMetric(float64(l.ledger.Len()), "listed")
				b.ReportMetric(float64(l.ledger.Counts.Total()), "rectifications")
				d.press("esc")
			})
			b.Run("rows", func(b *testing.B) {
				d.press("z")
				l := d.m.top().(*ledgerScreen)
				msg := ledgerLoadedMsg{filter: l.filter, ledger: l.ledger}
				b.ReportAllocs()
				for b.Loop() {
					l.ledger = nil // as it opens: no rows yet
					d.send(msg)
					_ = d.m.View()
				}
				d.press("esc")
			})
		})
	}
}

// BenchmarkSchoolScreen opens a school from the schools list (enter), to
// the first frame at 80x24: its visits and its rectifications, two reads
// in one command.
func BenchmarkSchoolScreen(b *testing.B) {
	for _, sc := range scales {
		b.Run(sc.name, func(b *testing.B) {
			d := drive(b, benchModel(scaleStore(b, sc.scale)), 80, 24)
			b.ReportAllocs()
			for b.Loop() {
				d.press("enter")
				_ = d.m.View()
				b.StopTimer()
				if s, ok := d.m.top().(*schoolScreen); !ok || !s.loaded || !strings.Contains(d.screen(), "整改事项") {
					b.Fatalf("not on a school:\n%s", d.screen())
				}
				d.press("esc")
				b.StartTimer()
			}
		})
	}
}
