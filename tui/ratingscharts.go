package tui

import (
	"fmt"
	"strings"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/termtext"
)

// The ratings screen's charts (g): the star distribution by township and
// the movement since last year in block characters, and last year's
// stars and the move as columns where the screen is wide enough.

// bars are the glyphs of the star levels in a stacked bar, the highest
// first: block characters, or ASCII where the terminal draws them two
// cells wide.
func (c *common) bars() []string {
	if c.wide {
		return []string{"#", "=", "+", "-", "."}
	}
	return []string{"█", "▓", "▒", "░", "_"}
}

// levelGlyph is the glyph of n stars on a scale of top.
func (c *common) levelGlyph(n, top int) string {
	g := c.bars()
	return g[min(max(top-n, 0), len(g)-1)]
}

// chartRows draws the charts in w cells: the star distribution by
// township (each a row: its counts and a stacked bar of its rated
// schools) and the movement since last year (升星, 持平, 降星, 新评定).
func (r *ratingsScreen) chartRows(w int) []string {
	c, st, l := r.c, r.c.styles, r.c.lang
	d := r.ye.dist
	top := max(d.MaxStars, 1)
	var out []string
	out = append(out, st.Bold.Render(c.clip(l.Sprintf("星级分布（已评定 %d 所，未评定 %d 所）", "Stars by township (%d rated, %d not)", d.All.Rated, d.All.NotRated), w)))
	// The legend: each level's glyph.
	var legend []string
	for n := top; n >= 0; n-- {
		legend = append(legend, c.levelGlyph(n, top)+starLevel(l.Pick, n))
	}
	out = append(out, st.Dim.Render(c.clip(strings.Join(legend, " "), w)))
	nameW := 8
	countW := 3
	levels := top + 1
	barW := max(w-nameW-1-levels*countW-2, 4)
	most := 1
	for _, t := range d.Townships {
		most = max(most, t.Rated)
	}
	head := termtext.Fit(l.Pick("乡镇", "Township"), nameW) + " "
	for n := top; n >= 0; n-- {
		head += termtext.FitRight(starShort(l.Pick, n), countW)
	}
	out = append(out, st.Dim.Render(c.clip(head, w)))
	rows := append(append([]checklist.TownshipStars{}, d.Townships...), d.All)
	for i, t := range rows {
		name := termtext.ColumnSafe(t.Township)
		if i == len(rows)-1 {
			name = l.Pick("合计", "All")
		}
		row := c.clipFit(name, nameW) + " "
		for n := top; n >= 0; n-- {
			row += termtext.FitRight(fmt.Sprint(t.Counts[n]), countW)
		}
		row += "  " + c.stackBar(t, top, barW, most, i == len(rows)-1)
		out = append(out, c.clip(row, w))
	}
	out = append(out, "")
	mc := r.ye.counts
	out = append(out, st.Bold.Render(c.clip(l.Sprintf("与 %d 年度相比", "Since %d", r.year-1), w)))
	mostMove := max(mc.Up, mc.Same, mc.Down, mc.New, 1)
	labelW := 8
	for _, m := range []struct {
		move checklist.Move
		n    int
	}{{checklist.MoveUp, mc.Up}, {checklist.MoveSame, mc.Same}, {checklist.MoveDown, mc.Down}, {checklist.MoveNew, mc.New}} {
		words := m.move.Words()
		bw := max(w-labelW-6, 4)
		glyph := c.bars()[0]
		bar := strings.Repeat(glyph, m.n*bw/mostMove)
		if m.n > 0 && bar == "" {
			bar = glyph
		}
		row := termtext.Fit(l.Pick(words.ZH, words.EN), labelW) + termtext.FitRight(fmt.Sprint(m.n), 4) + "  " + bar
		paint := st.Dim
		switch m.move {
		case checklist.MoveUp:
			paint = st.OK
		case checklist.MoveDown:
			paint = st.Warn
		}
		out = append(out, paint.Render(c.clip(row, w)))
	}
	return out
}

// stackBar is a township's rated schools as a bar of barW cells at most
// (most schools take it all; the county's row always does), each level
// in its glyph.
func (c *common) stackBar(t checklist.TownshipStars, top, barW, most int, all bool) string {
	if t.Rated == 0 {
		return ""
	}
	scale := most
	if all {
		scale = t.Rated
	}
	var b strings.Builder
	cells, done := 0, 0
	for n := top; n >= 0; n-- {
		done += t.Counts[n]
		upto := done * barW / scale
		if t.Counts[n] > 0 && upto <= cells {
			upto = cells + 1
		}
		b.WriteString(strings.Repeat(c.levelGlyph(n, top), max(upto-cells, 0)))
		cells = max(upto, cells)
	}
	return b.String()
}

// clipFit cuts or pads s to exactly w cells as the terminal draws them.
func (c *common) clipFit(s string, w int) string {
	s = c.clip(s, w)
	return s + strings.Repeat(" ", max(w-c.width(s), 0))
}

// starLevel names a level in the legend: 五星, 0 for 否决 (disqualified).
func starLevel(pick func(zh, en string) string, n int) string {
	if n == 0 {
		return pick("取消评星", "disqualified")
	}
	return pick(cnDigit(n)+"星", i18n.Counted(n, "star", "stars").String())
}

// starShort heads a level's count: 5星, 否决.
func starShort(pick func(zh, en string) string, n int) string {
	if n == 0 {
		return pick("否", "0")
	}
	return pick(fmt.Sprintf("%d星", n), fmt.Sprintf("%d*", n))
}

func cnDigit(n int) string {
	d := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}
	if n >= 0 && n < len(d) {
		return d[n]
	}
	return fmt.Sprint(n)
}

// chartView is the charts in h rows from chartTop.
func (r *ratingsScreen) chartView(w, h int) []string {
	if !r.ye.loaded {
		return []string{r.c.styles.Dim.Render(r.c.pick("正在载入", "Loading"))}
	}
	rows := r.chartRows(w)
	r.ye.chartTop = min(r.ye.chartTop, max(len(rows)-h, 0))
	rows = rows[r.ye.chartTop:]
	if len(rows) > h && h > 0 {
		rows = append(rows[:h-1], r.c.styles.Dim.Render(r.c.clip(r.c.pick("（未完，j/k 滚动）", "(more: j/k scrolls)"), w)))
	}
	return rows
}

// moveCells are a school's last-year stars and its move, for the
// table's columns where the width allows.
func (r *ratingsScreen) moveCells(o checklist.SchoolOverview) []cell {
	m, ok := r.ye.moves[o.School.ID]
	if !ok {
		return []cell{{}, {}}
	}
	last := cell{text: "-"}
	if m.PreviouslyRated() {
		last = cell{text: r.c.starText(m.Previous.Score.Stars, r.maxStars), paint: r.c.styles.Stars}
	}
	w := m.Move.Words()
	paint := r.c.styles.Dim
	switch m.Move {
	case checklist.MoveUp:
		paint = r.c.styles.OK
	case checklist.MoveDown:
		paint = r.c.styles.Warn
	}
	return []cell{last, {text: r.c.lang.Pick(w.ZH, w.EN), paint: paint}}
}

// showMoves reports whether the table has room for last year's stars
// and the move: a window of 100 columns or more, once they are read.
func (r *ratingsScreen) showMoves() bool { return r.ye.loaded && r.w >= 100 }

// moveColumns are the columns of last year's stars and the move.
func (r *ratingsScreen) moveColumns() []column {
	l := r.c.lang
	sc := starsColumn(r.c, r.maxStars, 1)
	sc.title = l.Pick("上年", "Last")
	sc.fit = append(sc.fit, "-", sc.title)
	words := []string{l.Pick("升降", "Move")}
	for _, m := range []checklist.Move{checklist.MoveUp, checklist.MoveDown, checklist.MoveSame, checklist.MoveNew} {
		words = append(words, l.Pick(m.Words().ZH, m.Words().EN))
	}
	return []column{sc, {title: words[0], fit: words, gap: 1}}
}
