package report

import (
	"slices"
	"strings"

	"branchcheck/checklist"
	"branchcheck/i18n"
)

// YearEnd is what the year-end papers state beside the ratings: where the
// year stands (初评, 公示 with its dates, 确定 with who and when), each
// school's self-assessment set beside its inspection (自评分, 考评分 and
// the gap), and the standards the veto records name their situations in.
type YearEnd struct {
	// Stage is the year's; nil states nothing.
	Stage *checklist.YearStage
	// Self compares each school's self-assessment with the visit its
	// rating comes from, by school id.
	Self map[string]*checklist.SelfComparison
	// Standards are the standards by id, for the veto records'
	// situations (a record names the year's standard, which may not be
	// the one a school's visit was made under).
	Standards map[string]*checklist.Standard
}

// baseColumn is the id of the ratings' column of base points (基础分),
// before the bonus; no requirement has it (ids are short and printable).
const baseColumn = "\x00base"

// StageText says where the year stands, in words, as the screen and the
// messages write it: "初评（尚未公示）", "公示：2028-01-05 至 2028-01-11（7 天）",
// "已确定：2028-01-20，王主任". A paper writes the 公示 as
// "公示：2028-01-05至2028-01-11（7天）" (stageFact).
func StageText(l i18n.Lang, st *checklist.YearStage) string {
	switch st.Stage {
	case checklist.StagePublicity:
		return l.Sprintf("公示：%s 至 %s（%d 天）", "public notice: %s to %s (%s)", st.PublicFrom, st.PublicTo,
			checklist.Counted(checklist.PublicityDays(st.PublicFrom, st.PublicTo), "day", "days"))
	case checklist.StageConfirmed:
		return l.Sprintf("已确定：%s，%s", "confirmed on %s by %s", st.ConfirmedOn, st.ConfirmedBy)
	}
	return l.Pick("初评（尚未公示）", "preliminary (not yet published)")
}

// stageFact states the year's stage in a paper's title area, its 公示
// written as the papers write numbers (the confirmed stage holds a name,
// printed as typed).
func stageFact(l i18n.Lang, st *checklist.YearStage) fact {
	s := StageText(l, st)
	if st.Stage == checklist.StagePublicity {
		s = onPaper(s)
	}
	return fact{l.Pick("评定阶段", "Stage"), text(s)}
}

// gapText writes a gap between 自评分 and 考评分 with its sign, marked when
// it is large: "+12.00（差距大）".
func gapText(l i18n.Lang, gap float64, large bool) string {
	s := formatPoints(gap)
	if gap > 0 {
		s = "+" + s
	}
	if large {
		s += l.Pick("（差距大）", " (large gap)")
	}
	return s
}

// situationText says a veto record as a paper shows it: the situation,
// its effect, and the reason recorded: "党组织班子成员当年受到党纪处分的：
// 最高评为2星级（…）；事由：县纪委通报".
func situationText(l i18n.Lang, r *checklist.VetoRecord, stds map[string]*checklist.Standard) string {
	name, effect := r.SituationID, ""
	if sit, err := r.Situation(stds); err == nil {
		name = pickOr(l, sit.Text, sit.TextEN)
		effect = pickText(l, sit.Effect())
	}
	s := name
	if effect != "" {
		s += l.Sprintf("：%s", ": %s", effect)
	}
	return s + l.Sprintf("；事由：%s", "; reason: %s", r.Reason)
}

// pickOr is the text in the reader's language, the Chinese when there is
// no English.
func pickOr(l i18n.Lang, zh, en string) string {
	if l == i18n.English && en != "" {
		return en
	}
	return zh
}

// orderReqColumns puts the base points (基础分) column after the
// requirements that share the 100 and before the bonus sections, when a
// standard has any.
func orderReqColumns(l i18n.Lang, stds []*checklist.Standard, reqs []reqColumn) []reqColumn {
	bonus := map[string]bool{}
	for _, std := range stds {
		for i := range std.Requirements {
			if std.Requirements[i].Bonus {
				bonus[std.Requirements[i].ID] = true
			}
		}
	}
	if len(bonus) == 0 {
		return reqs
	}
	var base, extra []reqColumn
	for _, rc := range reqs {
		if bonus[rc.id] {
			extra = append(extra, rc)
		} else {
			base = append(base, rc)
		}
	}
	return append(append(base, reqColumn{baseColumn, l.Pick("基础分", "Base")}), extra...)
}

// insertColumn inserts a column at index at, each row's cell from cellOf.
func insertColumn(t *table, at int, c column, cellOf func(i int) cell) {
	t.Columns = slices.Insert(t.Columns, at, c)
	for i := range t.Rows {
		t.Rows[i].Cells = slices.Insert(t.Rows[i].Cells, at, cellOf(i))
	}
}

// columnIndex is the index of the first column titled title; -1 if none.
func columnIndex(t *table, title string) int {
	return slices.IndexFunc(t.Columns, func(c column) bool { return c.Title == title })
}

// addYearEnd adds to a ratings table what the year end states: with
// self-assessments, 考评分 (the total), 自评分 and the gap, large gaps
// marked; with veto records, a column of the situations recorded and
// their effect; after 确定, the schools changed since (确定后修改); the
// stage in the title area; the quotas and their warnings in the notes.
func (r *ratings) addYearEnd(yr *checklist.YearRating, m Meta) {
	l := r.lang
	wd := wordsFor(l)
	ye := m.YearEnd
	if ye == nil {
		ye = &YearEnd{}
	}
	stds := ye.Standards
	if stds == nil {
		stds = map[string]*checklist.Standard{}
		for _, std := range yr.Standards {
			stds[std.ID] = std
		}
	}
	if ye.Stage != nil {
		r.head = append(r.head, stageFact(l, ye.Stage))
		r.about = append(r.about, stageFact(l, ye.Stage))
		if n := ye.Stage.PublicityNote(); n != nil {
			r.about = append(r.about, fact{l.Pick("公示期", "Public notice"), text(paperError(l, n))})
			r.addRule(fact{l.Pick("公示期", "Public notice"), text(paperError(l, n))})
		}
	}
	total := columnIndex(&r.table, wd.Total)
	if len(ye.Self) > 0 && total >= 0 {
		r.table.Columns[total].Title = l.Pick("考评分", "Inspection")
		insertColumn(&r.table, total, column{Title: l.Pick("自评分", "Self"), Numeric: true, Points: true}, func(i int) cell {
			if c := ye.Self[yr.Ratings[i].School.ID]; c != nil {
				return points(c.Self.Total)
			}
			return text("")
		})
		insertColumn(&r.table, total+2, column{Title: l.Pick("自评差距", "Gap"), Flag: true}, func(i int) cell {
			if c := ye.Self[yr.Ratings[i].School.ID]; c != nil {
				return text(gapText(l, c.Gap, c.Large))
			}
			return text("")
		})
		large := 0
		for _, c := range ye.Self {
			if c.Large {
				large++
			}
		}
		note := l.Sprintf("自评差距为自评分减考评分；相差%d分及以上为差距大（%d所）。", "The gap is the self-assessed points minus the inspection's; %v or more is a large gap (%s).",
			checklist.Points(gapThreshold(yr)), checklist.Counted(large, "school", "schools"))
		r.addRule(fact{l.Pick("支部自评", "Self-assessment"), text(note)})
		r.about = append(r.about, fact{l.Pick("支部自评", "Self-assessment"), text(note)})
	}
	vetoed := slices.ContainsFunc(yr.Ratings, func(rt checklist.Rating) bool { return len(rt.Vetoes) > 0 })
	if vetoed {
		r.table.Columns = append(r.table.Columns, column{Title: l.Pick("一票否决情形", "Veto situations"), Long: true, Flag: true})
		for i := range r.table.Rows {
			var parts []string
			for j := range yr.Ratings[i].Vetoes {
				parts = append(parts, situationText(l, &yr.Ratings[i].Vetoes[j], stds))
			}
			r.table.Rows[i].Cells = append(r.table.Rows[i].Cells, text(strings.Join(parts, l.Pick("；", "; "))))
			if len(parts) > 0 && r.table.Rows[i].Mark == markNone {
				r.table.Rows[i].Mark = markLagging
			}
		}
		note := l.Pick("记录的一票否决情形按其规定限定星级或取消当年评星资格，不改变得分。", "A veto situation recorded caps the stars or disqualifies the branch for the year, as it says; it changes no points.")
		r.addRule(fact{l.Pick("一票否决情形", "Veto situations"), text(note)})
		r.about = append(r.about, fact{l.Pick("一票否决情形", "Veto situations"), text(note)})
	}
	if ye.Stage != nil {
		if changed := ye.Stage.ChangedSinceNamed(yr); len(changed) > 0 {
			named := map[string]checklist.NamedRating{}
			for _, n := range ye.Stage.Named {
				named[n.SchoolID] = n
			}
			is := map[string]bool{}
			for _, id := range changed {
				is[id] = true
			}
			r.table.Columns = append(r.table.Columns, column{Title: l.Pick("确定后修改", "Changed after confirmation"), Long: true, Flag: true})
			for i := range r.table.Rows {
				s := ""
				if id := yr.Ratings[i].School.ID; is[id] {
					if n, ok := named[id]; ok {
						s = l.Sprintf("是（确定时 %s，%s分）", "yes (confirmed at %s, %s points)", l.StarCount(n.Stars), formatPoints(n.Total))
					} else {
						s = l.Pick("是（确定时未评定）", "yes (not rated when confirmed)")
					}
				}
				r.table.Rows[i].Cells = append(r.table.Rows[i].Cells, text(s))
			}
			note := l.Sprintf("%d所学校的评定结果在确定后有修改，修改原因见审计记录。", "%s changed after the confirmation; the audit trail says why.", checklist.Counted(len(changed), "school's rating", "schools' ratings"))
			r.addRule(fact{l.Pick("确定后修改", "Changed after confirmation"), text(note)})
			r.about = append(r.about, fact{l.Pick("确定后修改", "Changed after confirmation"), text(note)})
		}
	}
	// The quotas: stated with the rules, and each one exceeded warned
	// about, never applied.
	for _, std := range yr.Standards {
		if len(std.Stars.Quotas) == 0 {
			continue
		}
		var qs []string
		for _, q := range std.Stars.Quotas {
			level := l.StarCount(q.Stars)
			if q.AndAbove {
				level += l.Pick("及以上", " or more")
			}
			qs = append(qs, l.Sprintf("%s不超过已评定学校的%s%%", "%s at most %s%% of the rated schools", level, checklist.FormatPoints(q.AtMostPercent)))
		}
		f := fact{l.Pick("名额限制", "Quotas"), text(strings.Join(qs, l.Pick("；", "; ")) + l.Pick("（只提醒，不自动降星）", " (warned about, never applied)"))}
		r.addRule(f)
		r.about = append(r.about, f)
	}
	if ws := yr.CheckQuotas(); len(ws) > 0 {
		var said []string
		for _, w := range ws {
			said = append(said, paperError(l, w.Message()))
		}
		f := fact{l.Pick("名额提醒", "Quota warning"), text(strings.Join(said, l.Pick("；", "; ")) + l.Pick("。请局党委研究决定。", ". For the bureau to decide."))}
		r.addRule(f)
		r.about = append(r.about, f)
	}
}

// addRule adds a note to the paper's rules, before the last one (when
// the paper was made).
func (r *ratings) addRule(f fact) {
	r.rules = slices.Insert(r.rules, max(len(r.rules)-1, 0), f)
}

// gapThreshold is the large-gap threshold of the year's standards: the
// first's (they state it; the comparison applies each visit's own).
func gapThreshold(yr *checklist.YearRating) float64 {
	if len(yr.Standards) == 0 {
		return checklist.DefaultLargeGap
	}
	return yr.Standards[0].SelfAssessment.Gap()
}

// selfSection is a feedback sheet's part on the branch's self-assessment:
// 自评分, 考评分 and the gap, and the items whose gap is large.
func selfSection(l i18n.Lang, std *checklist.Standard, c *checklist.SelfComparison) section {
	wd := wordsFor(l)
	selfTotal := formatPoints(c.Self.Total)
	if c.Self.Provisional {
		selfTotal += l.Sprintf("（%d/%d项已自评）", " (%d of %s assessed)", c.Self.Answered, checklist.Counted(c.Self.Scored, "item", "items"))
	}
	s := section{Heading: l.Pick("支部自评与考评对照", "Self-assessment beside the inspection"), Facts: []fact{
		{l.Pick("自评分", "Self-assessed"), text(selfTotal)},
		{l.Pick("考评分", "Inspection"), points(c.Inspection.Total)},
		{l.Pick("差距", "Gap"), text(gapText(l, c.Gap, c.Large))},
	}}
	t := table{Columns: []column{{Title: wd.ItemID}, {Title: wd.ItemText, Long: true}, {Title: l.Pick("自评", "Self")},
		{Title: l.Pick("考评", "Inspection")}, {Title: l.Pick("差距", "Gap"), Numeric: true, Points: true}}}
	for _, g := range c.Items {
		if !g.Large {
			continue
		}
		name := g.ItemID
		if it, _, ok := std.Item(g.ItemID); ok {
			name = l.Text(it)
		}
		it, _, _ := std.Item(g.ItemID)
		t.Rows = append(t.Rows, row{Cells: []cell{text(g.ItemID), text(name), text(itemResult(l, it, g.Self)), text(itemResult(l, it, g.Inspection)), points(g.Gap)}, Mark: markWorse})
	}
	s.Table = &t
	s.Empty = l.Pick("各条目自评与考评没有大的差距。", "No item's self-assessment is far from the inspection.")
	return s
}

// itemResult says an item's result on one side: its verdict, or what
// was entered for a deduction or bonus item, and its points: "部分符合
// 5.00/10.00", "缺6项 4.00/10.00".
func itemResult(l i18n.Lang, it *checklist.Item, is checklist.ItemScore) string {
	v := l.Verdict(is.Verdict)
	if it != nil && it.TakesValue() && is.Value != 0 {
		v = valueWords(l, it, is.Value)
	}
	if !is.Applicable {
		return v
	}
	return v + " " + formatPoints(is.Points) + "/" + formatPoints(is.Max)
}

// valueWords says a number entered for a deduction or bonus item as the
// screen does (i18n's ValueWords), written as the papers write numbers:
// 缺6项, 扣5分, 2次, 加2.5分; "6 items missing", "1 meeting". A bonus in
// points is signed in English ("+2.5 points"), beside the other items'
// verdicts.
func valueWords(l i18n.Lang, it *checklist.Item, x float64) string {
	s := onPaper(l.ValueWords(it, x))
	if l == i18n.English && it.Bonus != nil && !it.CountsUnits() {
		s = "+" + s
	}
	return s
}

// vetoSection is a feedback sheet's part on the veto situations recorded
// for the school that year, with their effect.
func vetoSection(l i18n.Lang, records []checklist.VetoRecord, stds map[string]*checklist.Standard, sc checklist.Score) section {
	var lines []string
	for i := range records {
		lines = append(lines, situationText(l, &records[i], stds))
	}
	if sc.Disqualified {
		lines = append(lines, l.Pick("因此取消当年评星资格，计为落后党支部。", "The branch is therefore not rated this year, and is lagging."))
	}
	return section{Heading: l.Pick("一票否决情形", "Veto situations"), Text: lines}
}
