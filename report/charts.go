package report

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"branchcheck/checklist"
	"branchcheck/i18n"
)

// The charts of a year's ratings, where people would rather look than
// read: the star distribution by township and the movement since the
// year before. Their data come from checklist (StarDistribution,
// Movements); each format draws them its own way: inline SVG in the HTML
// page (no script, printable), native charts in the workbook (excelize's
// charts, drawn by the spreadsheet from a table on the same sheet).

// barChart is a chart of bars: one bar per category, a segment per
// series (stacked), each segment a count.
type barChart struct {
	Title      string
	Categories []string
	Series     []barSeries
	// Horizontal bars (the townships), else columns (the moves).
	Horizontal bool
	// Unit names what is counted: 所 (schools).
	Unit string
}

// barSeries is one series: a name, its colour (RRGGBB) and a count per
// category.
type barSeries struct {
	Name   string
	Color  string
	Values []int
}

// starColors are the colours of the star levels, from the top level
// down: dark green to red, the colours of a traffic light; grey for not
// rated, and dark red for a branch disqualified.
var starColors = []string{"1B7837", "5AAE61", "A6D96A", "FDAE61", "F46D43", "D73027"}

const (
	colorNotRated     = "BDBDBD"
	colorDisqualified = "7F0000"
)

// yearCharts are the ratings' charts: the star distribution by township,
// and with last year's ratings, the movement; none when no school is
// rated.
func yearCharts(l i18n.Lang, yr *checklist.YearRating, last *checklist.YearRating) []barChart {
	d := yr.StarDistribution()
	if d.All.Rated == 0 {
		return nil
	}
	dist := barChart{Title: l.Sprintf("%d年度星级分布（按乡镇）", "Stars by township, %d", yr.Year), Horizontal: true, Unit: l.Pick("所", "")}
	for _, t := range d.Townships {
		name := t.Township
		if name == "" {
			name = l.Pick("（未填乡镇）", "(no township)")
		}
		dist.Categories = append(dist.Categories, name)
	}
	lo := 1
	for _, std := range yr.Standards {
		lo = min(lo, std.Stars.MinStars())
	}
	for s := d.MaxStars; s >= lo; s-- {
		ser := barSeries{Name: l.StarCount(s), Color: starColors[min(d.MaxStars-s, len(starColors)-1)]}
		for _, t := range d.Townships {
			ser.Values = append(ser.Values, t.Counts[s])
		}
		dist.Series = append(dist.Series, ser)
	}
	if d.All.Counts[0] > 0 {
		ser := barSeries{Name: l.Pick("取消评星资格", "Disqualified"), Color: colorDisqualified}
		for _, t := range d.Townships {
			ser.Values = append(ser.Values, t.Counts[0])
		}
		dist.Series = append(dist.Series, ser)
	}
	if d.All.NotRated > 0 {
		ser := barSeries{Name: upperFirst(l.NotRated()), Color: colorNotRated}
		for _, t := range d.Townships {
			ser.Values = append(ser.Values, t.NotRated)
		}
		dist.Series = append(dist.Series, ser)
	}
	out := []barChart{dist}
	if last == nil {
		return out
	}
	c := checklist.CountMoves(yr.Movements(last))
	moves := barChart{Title: l.Sprintf("较%d年度星级变化", "Change of stars since %d", yr.Year-1), Unit: l.Pick("所", ""),
		Categories: []string{checklist.MoveUp.Words().Pick(l != i18n.English), checklist.MoveSame.Words().Pick(l != i18n.English),
			checklist.MoveDown.Words().Pick(l != i18n.English), checklist.MoveNew.Words().Pick(l != i18n.English), upperFirst(l.NotRated())}}
	counts := []int{c.Up, c.Same, c.Down, c.New, c.NotRated}
	colors := []string{"1B7837", "4575B4", "D73027", "A6D96A", colorNotRated}
	for i := range counts {
		v := make([]int, len(counts))
		v[i] = counts[i]
		moves.Series = append(moves.Series, barSeries{Name: moves.Categories[i], Color: colors[i], Values: v})
	}
	return append(out, moves)
}

// SVG draws a chart as an inline SVG element: bars, their counts, the
// axis labels and a legend; sized in CSS pixels, printable.
func (c barChart) SVG() template.HTML {
	var b strings.Builder
	esc := template.HTMLEscapeString
	const (
		labelW = 150
		barMax = 360
		rowH   = 22
		legend = 24
		pad    = 8
	)
	n := len(c.Categories)
	totals := make([]int, n)
	top := 0
	for i := range c.Categories {
		for _, s := range c.Series {
			totals[i] += s.Values[i]
		}
		top = max(top, totals[i])
	}
	if top == 0 {
		top = 1
	}
	legendItems := c.Series
	if !c.Horizontal {
		legendItems = nil // each column is labelled under it
	}
	if c.Horizontal {
		w := labelW + barMax + 60
		h := legend + pad + n*rowH + pad
		fmt.Fprintf(&b, `<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-label="%s">`, w, h, w, h, esc(c.Title))
		fmt.Fprintf(&b, `<title>%s</title>`, esc(c.Title))
		x := labelW
		for _, s := range legendItems {
			fmt.Fprintf(&b, `<rect x="%d" y="4" width="12" height="12" fill="#%s"/><text x="%d" y="14" font-size="11">%s</text>`, x, s.Color, x+16, esc(s.Name))
			x += 24 + 12*len([]rune(s.Name))
		}
		for i, cat := range c.Categories {
			y := legend + pad + i*rowH
			fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="11" text-anchor="end">%s</text>`, labelW-6, y+15, esc(cat))
			x := labelW
			for _, s := range c.Series {
				v := s.Values[i]
				if v == 0 {
					continue
				}
				wd := v * barMax / top
				fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" fill="#%s"><title>%s %s：%d</title></rect>`, x, y+2, max(wd, 1), rowH-6, s.Color, esc(cat), esc(s.Name), v)
				if wd >= 16 {
					fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="10" text-anchor="middle" fill="%s">%d</text>`, x+wd/2, y+14, textOn(s.Color), v)
				}
				x += wd
			}
			fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="10" fill="#333">%d%s</text>`, x+4, y+14, totals[i], esc(c.Unit))
		}
		b.WriteString(`</svg>`)
		return template.HTML(b.String())
	}
	const colW, gap, plotH = 48, 20, 150
	w := pad*2 + n*(colW+gap)
	h := legend + plotH + 40
	fmt.Fprintf(&b, `<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-label="%s">`, w, h, w, h, esc(c.Title))
	fmt.Fprintf(&b, `<title>%s</title>`, esc(c.Title))
	base := legend + plotH
	fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#888"/>`, pad, base, w-pad, base)
	for i, cat := range c.Categories {
		x := pad + gap/2 + i*(colW+gap)
		v, color := 0, colorNotRated
		for _, s := range c.Series {
			if s.Values[i] > 0 {
				v, color = s.Values[i], s.Color
			}
		}
		hgt := v * plotH / top
		if v > 0 {
			fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" fill="#%s"><title>%s：%d</title></rect>`, x, base-hgt, colW, max(hgt, 1), color, esc(cat), v)
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="11" text-anchor="middle">%d%s</text>`, x+colW/2, base-hgt-4, v, esc(c.Unit))
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="11" text-anchor="middle">%s</text>`, x+colW/2, base+16, esc(cat))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// textOn is the colour of a count drawn on a bar of colour c: white on
// the dark ones.
func textOn(c string) string {
	r, _ := strconv.ParseUint(c[0:2], 16, 8)
	g, _ := strconv.ParseUint(c[2:4], 16, 8)
	bl, _ := strconv.ParseUint(c[4:6], 16, 8)
	if 299*r+587*g+114*bl < 140000 {
		return "#fff"
	}
	return "#111"
}

// writeChartSheet writes the charts to a sheet of their own: each
// chart's table of counts (a category per row, a series per column; the
// movement in one column, a colour per bar), and under it the chart the
// spreadsheet draws from that table.
func writeChartSheet(f *excelize.File, st *styles, l i18n.Lang, sheet string, charts []barChart) error {
	row := 1
	set := func(col, r int, v any, style int) error {
		ref := cellName(col, r)
		if s, ok := v.(string); ok {
			v = neutralise(s)
		}
		if err := f.SetCellValue(sheet, ref, v); err != nil {
			return err
		}
		return f.SetCellStyle(sheet, ref, ref, style)
	}
	if err := f.SetColWidth(sheet, "A", "A", 16); err != nil {
		return err
	}
	if err := f.SetColWidth(sheet, "B", "H", 11); err != nil {
		return err
	}
	q := "'" + strings.ReplaceAll(sheet, "'", "''") + "'!"
	for _, c := range charts {
		if err := set(1, row, c.Title, st.heading); err != nil {
			return err
		}
		head := row + 1
		series := c.Series
		if !c.Horizontal {
			// One column of counts, a colour per bar.
			one := barSeries{Name: l.Pick("学校数", "Schools")}
			for i := range c.Categories {
				one.Values = append(one.Values, c.Series[i].Values[i])
			}
			series = []barSeries{one}
		}
		if err := set(1, head, "", st.header); err != nil {
			return err
		}
		for j, s := range series {
			if err := set(j+2, head, s.Name, st.header); err != nil {
				return err
			}
		}
		for i, cat := range c.Categories {
			if err := set(1, head+1+i, cat, st.body[rowPlain][colText]); err != nil {
				return err
			}
			for j, s := range series {
				if err := set(j+2, head+1+i, s.Values[i], st.body[rowPlain][colCount]); err != nil {
					return err
				}
			}
		}
		last := head + len(c.Categories)
		ch := &excelize.Chart{Type: excelize.Col, Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: c.Title}}},
			Legend: excelize.ChartLegend{Position: "none"}, Dimension: excelize.ChartDimension{Width: 560, Height: 300}}
		if c.Horizontal {
			ch.Type = excelize.BarStacked
			ch.Legend.Position = "bottom"
			ch.XAxis.ReverseOrder = true // the first township on top, as in the table
			ch.Dimension.Height = uint(max(220, 110+32*len(c.Categories)))
			overlap := 100
			ch.Overlap = &overlap
		}
		gap := uint(60)
		ch.GapWidth = &gap
		for j, s := range series {
			col, _ := excelize.ColumnNumberToName(j + 2)
			cs := excelize.ChartSeries{
				Name:       fmt.Sprintf("%s$%s$%d", q, col, head),
				Categories: fmt.Sprintf("%s$A$%d:$A$%d", q, head+1, last),
				Values:     fmt.Sprintf("%s$%s$%d:$%s$%d", q, col, head+1, col, last),
				Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{s.Color}},
			}
			if !c.Horizontal {
				for i := range c.Categories {
					cs.DataPoint = append(cs.DataPoint, excelize.ChartDataPoint{Index: i, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c.Series[i].Color}}})
				}
				cs.Fill = excelize.Fill{}
			}
			ch.Series = append(ch.Series, cs)
		}
		if err := f.AddChart(sheet, cellName(1, last+2), ch); err != nil {
			return checklist.Errorf(nil, checklist.Text{ZH: "工作表 %s 的图表 %s", EN: "sheet %s: chart %s"}, sheet, c.Title).Because(err)
		}
		row = last + 2 + int(ch.Dimension.Height)/20 + 2
	}
	size, orient, wide, tall, fit := 9, "portrait", 1, 0, true
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	return f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit})
}
