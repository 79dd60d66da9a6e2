package report_test

import (
	"io"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/report"
)

// TestWorkbookLetsGoOfFindings: once the workbook's 问题清单 is written,
// it holds the rated visits no more, so that a province's findings (127
// MiB) are not held while its 整改台账, the longest sheets, is written.
// The visits here are the year rating's own (copies), and the writer is
// given the only reference to it; by the time the ledger's sheet is
// written, the collector has taken every one.
func TestWorkbookLetsGoOfFindings(t *testing.T) {
	c := newCounty()
	m := meta(i18n.Chinese)
	f := checklist.RectFilter{View: checklist.ViewAll, Year: 2026}
	lg := c.ledger(t, f)
	m.Rectifications = lg
	var rated, collected atomic.Int32
	yr := ownRating(t, c, func(v *checklist.Inspection) {
		rated.Add(1)
		runtime.SetFinalizer(v, func(*checklist.Inspection) { collected.Add(1) })
	})
	if rated.Load() == 0 {
		t.Fatal("no rated visit")
	}
	parts, atLedger := 0, int32(-1)
	m.RectParts = func(each func(*checklist.RectLedger) error) error {
		// Read once to fit the columns, then again as the sheet is
		// written, after the 问题清单.
		if parts++; parts == 2 {
			for deadline := time.Now().Add(5 * time.Second); collected.Load() < rated.Load() && time.Now().Before(deadline); {
				runtime.GC()
				time.Sleep(5 * time.Millisecond)
			}
			atLedger = collected.Load()
		}
		return each(lg)
	}
	write := func(w io.Writer) error {
		written := yr
		yr = nil
		return report.WriteRatings(w, report.XLSX, written, m)
	}
	if err := write(io.Discard); err != nil {
		t.Fatal(err)
	}
	if parts != 2 || atLedger != rated.Load() {
		t.Errorf("ledger read %d times; as its sheet was written, %d of %d rated visits were let go of", parts, atLedger, rated.Load())
	}
}

// ownRating rates the county's 2026 from copies of its visits, which only
// the rating holds; each rated visit is passed to rated.
func ownRating(t *testing.T, c *county, rated func(*checklist.Inspection)) *checklist.YearRating {
	t.Helper()
	visits := make([]*checklist.Inspection, len(c.visits))
	for i, v := range c.visits {
		cp := *v
		visits[i] = &cp
	}
	yr, err := checklist.RateYear(2026, c.schools, visits, map[string]*checklist.Standard{
		c.std.ID: c.std, c.veto.ID: c.veto, c.old.ID: c.old,
	})
	if err != nil {
		t.Fatal(err)
	}
	for i := range yr.Ratings {
		if v := yr.Ratings[i].Visit; v != nil {
			rated(v)
		}
	}
	return yr
}
