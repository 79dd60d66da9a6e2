package tui

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"branchcheck/i18n"
)

// TestDetectWidth: the terminal's answer to the probe decides how ★ is
// counted and, in the automatic style, drawn; no answer leaves the safe
// guess; an answer to nothing asked is ignored.
func TestDetectWidth(t *testing.T) {
	st := openStore(t)
	finalizedVisit(t, st)
	for _, tt := range []struct {
		name    string
		answer  tea.Msg
		amb     Ambiguity
		stars   StarStyle
		wantRow string
	}{
		{"one cell", tea.CursorPositionMsg{X: 1, Y: 1}, AmbiguousNarrow, StarsFull, "★★★★★"},
		{"two cells", tea.CursorPositionMsg{X: 2, Y: 1}, AmbiguousWide, StarsText, "五星"},
		{"no answer", probeTimeoutMsg{}, AmbiguousUnknown, StarsText, "五星"},
		{"another row", tea.CursorPositionMsg{X: 1, Y: 5}, AmbiguousUnknown, StarsText, "五星"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := New(Options{Store: st, Lang: i18n.Chinese, Now: clock, NoColor: true, DetectWidth: true})
			d := &driver{t: t, m: m}
			d.send(sizeMsg(80, 24))
			d.run(m.top().Init()) // the probe's own timer is not waited for
			if _, cmd := m.Update(probeWidthMsg{}); cmd == nil || !m.probing {
				t.Fatal("the probe was not sent")
			}
			d.send(tt.answer)
			stillAsking := tt.name == "another row" // not the answer: the probe waits on
			if m.c.ambiguous != tt.amb || m.c.stars != tt.stars || m.probing != stillAsking {
				t.Errorf("ambiguous %d, stars %s, probing %v; want %d, %s", m.c.ambiguous, m.c.stars, m.probing, tt.amb, tt.stars)
			}
			if !contains(d.screen(), "西山镇柳林小学") || !contains(d.screen(), tt.wantRow) {
				t.Errorf("the list does not draw %s:\n%s", tt.wantRow, d.screen())
			}
		})
	}
	// Not asked: an answer changes nothing.
	m := newModel(st, i18n.Chinese)
	m.Update(tea.CursorPositionMsg{X: 2, Y: 1})
	if m.c.ambiguous != AmbiguousNarrow {
		t.Error("an answer to nothing asked was taken")
	}
}

// TestProbe: the probe prints ★ on the second row, asks for the cursor
// and puts it back.
func TestProbe(t *testing.T) {
	if widthProbe != "\x1b7\x1b[2;1H★\x1b[6n\x1b8" {
		t.Errorf("probe %q", widthProbe)
	}
}

// TestStarText: each style draws four of five stars, and measures as
// the terminal draws it.
func TestStarText(t *testing.T) {
	for _, tt := range []struct {
		style      StarStyle
		amb        Ambiguity
		lang       i18n.Lang
		want       string
		wantCells  int
		wantStyled StarStyle
	}{
		{StarsAuto, AmbiguousNarrow, i18n.Chinese, "★★★★☆", 5, StarsFull},
		{StarsAuto, AmbiguousWide, i18n.Chinese, "四星", 4, StarsText},
		{StarsAuto, AmbiguousUnknown, i18n.English, "4 stars", 7, StarsText},
		{StarsFull, AmbiguousWide, i18n.Chinese, "★★★★☆", 10, StarsFull},
		{StarsShort, AmbiguousWide, i18n.Chinese, "★4", 3, StarsShort},
		{StarsShort, AmbiguousNarrow, i18n.Chinese, "★4", 2, StarsShort},
		{StarsText, AmbiguousNarrow, i18n.Chinese, "四星", 4, StarsText},
		{"nonsense", AmbiguousNarrow, i18n.Chinese, "★★★★☆", 5, StarsFull},
	} {
		c := &common{lang: tt.lang}
		c.setLook(tt.style, tt.amb)
		got := c.starText(4, 5)
		if got != tt.want || c.width(got) != tt.wantCells || c.stars != tt.wantStyled {
			t.Errorf("%s on %d: %q, %d cells, style %s; want %q, %d, %s", tt.style, tt.amb, got, c.width(got), c.stars, tt.want, tt.wantCells, tt.wantStyled)
		}
	}
}
