package tui

import (
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/clipperhouse/displaywidth"

	"branchcheck/i18n"
	"branchcheck/termtext"
)

// How wide the terminal draws the glyphs Unicode leaves ambiguous (★ ☆ “
// ” ① · …): one cell in most terminals, two in a console with a Chinese
// font (the Windows console under code page 936, some Linux terminals set
// so). The interface measures its layout one way or the other (common.width)
// and draws stars in a style the user picks (StarStyle).
//
// It can ask: a cursor position report after printing ★ says how far the
// cursor moved (widthProbe). A terminal that does not answer leaves the
// width unknown, and the interface then takes the safe guess: two cells,
// and stars drawn as 四星, with no ambiguous glyph at all.

// Ambiguity is what is known of how wide the terminal draws ★.
type Ambiguity int

// What the terminal said.
const (
	// AmbiguousUnknown: not known; laid out as if two cells wide.
	AmbiguousUnknown Ambiguity = iota
	// AmbiguousNarrow: one cell, as Unicode's default.
	AmbiguousNarrow
	// AmbiguousWide: two cells.
	AmbiguousWide
)

// StarStyle is how stars are drawn: the setting SettingStars.
type StarStyle string

// The star styles.
const (
	// StarsAuto is ★★★☆☆ where the terminal said it draws ★ one cell
	// wide, else StarsText.
	StarsAuto StarStyle = "auto"
	// StarsFull is ★★★☆☆.
	StarsFull StarStyle = "full"
	// StarsShort is ★4: one ambiguous glyph.
	StarsShort StarStyle = "short"
	// StarsText is 四星 (4 stars): no ambiguous glyph at all.
	StarsText StarStyle = "text"
)

// StarStyles are the styles in the order the settings offer them.
var StarStyles = []StarStyle{StarsAuto, StarsFull, StarsShort, StarsText}

// ParseStarStyle reads the setting; anything unknown is StarsAuto.
func ParseStarStyle(s string) StarStyle {
	for _, st := range StarStyles {
		if string(st) == strings.TrimSpace(s) {
			return st
		}
	}
	return StarsAuto
}

// setLook sets the star style and what the terminal said of ★, and so
// how text is measured and stars drawn.
func (c *common) setLook(style StarStyle, amb Ambiguity) {
	c.style, c.ambiguous = ParseStarStyle(string(style)), amb
	c.wide = amb != AmbiguousNarrow
	c.stars = c.style
	if c.stars == StarsAuto {
		c.stars = StarsText
		if amb == AmbiguousNarrow {
			c.stars = StarsFull
		}
	}
}

// wideMeasure counts ambiguous-width glyphs two cells wide.
var wideMeasure = displaywidth.Options{EastAsianWidth: true, ControlSequences: true}

// width is how many cells s takes on this terminal: ambiguous glyphs
// count two unless the terminal said they take one.
func (c *common) width(s string) int {
	if c.wide {
		return wideMeasure.String(s)
	}
	return termtext.Width(s)
}

// clip cuts s to at most w cells of this terminal.
func (c *common) clip(s string, w int) string {
	if !c.wide {
		return termtext.Clip(s, w)
	}
	if w <= 0 {
		return ""
	}
	if wideMeasure.String(s) <= w {
		return s
	}
	return wideMeasure.TruncateString(s, w, "")
}

// show is text of the standard or a message as drawn: on a terminal
// that may draw ambiguous glyphs wide, the usual ones (“ ” ① … ·) are
// drawn in ASCII, so that wrapped text keeps inside its lines.
func (c *common) show(s string) string {
	if !c.wide {
		return s
	}
	return wideSafe.Replace(termtext.ColumnSafe(s))
}

var wideSafe = strings.NewReplacer("≥", ">=", "≤", "<=", "×", "x", "※", "*", "○", "o", "●", "*", "§", "S", "°", "o")

// starText draws n stars of max in the style.
func (c *common) starText(n, max int) string {
	switch c.stars {
	case StarsShort:
		return "★" + strconv.Itoa(min(max, n))
	case StarsText:
		return c.lang.StarCount(min(max, n))
	}
	return i18n.Stars(n, max)
}

// starsName names a style for the settings screen, with an example.
func (c *common) starsName(s StarStyle) string {
	switch s {
	case StarsFull:
		return c.pick("★★★★☆ 五个星", "★★★★☆ five glyphs")
	case StarsShort:
		return c.pick("★4 一个星加数字", "★4 one glyph and a number")
	case StarsText:
		return c.pick("四星 只用文字", "4 stars in words")
	}
	return c.pick("自动", "automatic")
}

// widthProbe prints ★ at the start of the second row and asks where the
// cursor is (ESC [ 6 n), then puts the cursor back. The answer's column
// is 1 if ★ took one cell, 2 if two. (Not the first row: there the answer
// reads like a modified F3 key.) The screen is drawn again afterwards.
const widthProbe = "\x1b7\x1b[2;1H★\x1b[6n\x1b8"

// probeWidthMsg: time to ask the terminal; probeTimeoutMsg: it did not
// answer in time.
type (
	probeWidthMsg   struct{}
	probeTimeoutMsg struct{}
)

// The probe waits for the first screens to be drawn (in the alternate
// screen, so that the ★ it prints is drawn over at once), and gives the
// terminal a while to answer.
const (
	probeDelay   = 150 * time.Millisecond
	probeTimeout = 2 * time.Second
)

// startProbe schedules the probe.
func startProbe() tea.Cmd {
	return tea.Tick(probeDelay, func(time.Time) tea.Msg { return probeWidthMsg{} })
}

// probe prints the probe and has the screen drawn again over it.
func probe() tea.Cmd {
	return tea.Batch(
		tea.Sequence(tea.Raw(widthProbe), tea.ClearScreen),
		tea.Tick(probeTimeout, func(time.Time) tea.Msg { return probeTimeoutMsg{} }))
}

// answerOf reads the terminal's answer to the probe: where the cursor
// went after ★ printed at the start of the second row.
func answerOf(p tea.CursorPositionMsg) (Ambiguity, bool) {
	if p.Y != 1 {
		return AmbiguousUnknown, false
	}
	switch p.X {
	case 1:
		return AmbiguousNarrow, true
	case 2:
		return AmbiguousWide, true
	}
	return AmbiguousUnknown, false
}
