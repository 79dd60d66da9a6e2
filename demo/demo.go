// Package demo fills a database with a county's worth of made-up but
// realistic data to look around in: twelve schools in three townships,
// finalized visits over this year and last year that cover every star
// level and several lagging branches, a school not yet rated this year
// and a visit still in draft; and a 整改台账 with rectifications in every
// state: open, overdue, reported done by the school, closed by a later
// visit and by hand, and found again after they were closed (反弹).
//
// Everything goes through the store's public API (CreateInspection,
// SetVerdict, SetNote, Finalize, and the rectification decisions), so the
// data is exactly what real walks and a bureau's staff would have
// produced. The data depends only on the date it is made for.
package demo

import (
	"math/rand/v2"
	"time"

	"branchcheck/checklist"
	"branchcheck/store"
)

// Summary says what Fill wrote.
type Summary struct {
	Schools   int
	Townships int
	// Finalized and Drafts count the visits.
	Finalized int
	Drafts    int
	// Year is this year; Rated, NotRated and Lagging describe its ratings.
	Year     int
	Rated    int
	NotRated int
	Lagging  int
	// Rectifications count the 整改台账 on the day: open (not closed), of
	// which overdue and reported done; closed; Rebounds counts those found
	// again after they were closed.
	Rectifications checklist.RectCounts
	Rebounds       int
}

// plan is one school of the demo and what its visits earn.
type plan struct {
	name, township, kind, secretary string
	// last and this are the stars of the finalized visits of last year
	// and this year, in date order; none means no visit.
	last, this []int
	// draft: a visit of this year is still in draft.
	draft bool
	// notApplicable lists items the school's visits mark 不适用.
	notApplicable []string
}

// plans are the demo's schools. This year's stars cover 1 to 5, three
// branches are lagging (三星及以下), 西山镇初级中学 has no visit this
// year (未评定) and 东河乡中心幼儿园 has only a draft.
var plans = []plan{
	{name: "城关镇第一小学", township: "城关镇", kind: "小学", secretary: "王芳", last: []int{4}, this: []int{5}},
	{name: "城关镇第二小学", township: "城关镇", kind: "小学", secretary: "李建国", last: []int{3}, this: []int{2, 4}},
	{name: "城关镇初级中学", township: "城关镇", kind: "初中", secretary: "张伟", last: []int{5}, this: []int{5}},
	{name: "县第一高级中学", township: "城关镇", kind: "高中", secretary: "刘洋", last: []int{4}, this: []int{3}},
	{name: "东河乡中心学校", township: "东河乡", kind: "九年一贯制", secretary: "陈静", last: []int{2}, this: []int{4}},
	{name: "东河乡初级中学", township: "东河乡", kind: "初中", secretary: "杨明", last: []int{1}, this: []int{2}},
	{name: "东河乡红星小学", township: "东河乡", kind: "小学", secretary: "赵丽华", last: []int{3}, this: []int{1}},
	{name: "东河乡中心幼儿园", township: "东河乡", kind: "幼儿园", secretary: "黄志强", draft: true},
	{name: "西山镇中心小学", township: "西山镇", kind: "小学", secretary: "周敏", last: []int{5}, this: []int{4}},
	{name: "西山镇初级中学", township: "西山镇", kind: "初中", secretary: "吴刚", last: []int{4}},
	{name: "西山镇柳林小学", township: "西山镇", kind: "小学", secretary: "徐磊", last: []int{2}, this: []int{3}},
	{name: "西山镇职业中学", township: "西山镇", kind: "职中", secretary: "孙燕", last: []int{3}, this: []int{5},
		notApplicable: []string{"4.5"}},
}

// inspectors take turns.
var inspectors = []string{"马卫东", "何丽"}

// notes are what an inspector writes on an item a school has to fix, by
// item id: when it is not met, and when it is partly met. They say what
// was seen, as an inspector writes it on the spot.
var notes = map[string][2]string{
	"1.1":    {"未制定党建工作责任清单，书记说不清第一责任人的具体职责。", "有责任清单，但未分解到班子成员，书记抓党建的记录少。"},
	"1.2":    {"本年度未专题研究从严治党工作，会议记录中查不到相关内容。", "从严治党有部署，检查、督促的记录偏少。"},
	"1.3":    {"书记兼任校长，本学期没有研究党建工作的会议记录。", "党建工作多由副书记代办，书记亲自抓的记录不多。"},
	"2.1":    {"主题教育无方案、无记录。", "主题教育有方案，缺少学习研讨和检视问题的记录。"},
	"2.2":    {"“两学一做”学习没有计划，未形成制度。", "有学习计划，下半年未按计划开展。"},
	"2.3":    {"活动结束后未作总结。", "有活动总结，但未形成制度性做法。"},
	"3.1":    {"没有固定的党员活动场地，开会借用会议室，未挂标牌。", "有活动场地，未挂“党员活动室”标牌。"},
	"3.2":    {"活动室没有党建书柜，桌椅与会议室共用。", "有桌椅，缺党建书柜。"},
	"3.3":    {"活动室没有电教设备。", "有投影仪，但不能正常使用。"},
	"3.4":    {"未悬挂党旗，入党誓词和党员权利义务未上墙。", "党旗已悬挂，党员权利义务未上墙。"},
	"3.5":    {"没有发展党员工作流程图。", "流程图是旧版，未按现行规定更新。"},
	"3.6":    {"没有党组织基本概况展示。", "概况展示中班子成员分工未随调整更新。"},
	"3.7":    {"学习资料只有几本旧书，没有党报党刊。", "党刊只订到去年，缺电教片。"},
	"3.8":    {"没有党员活动管理台帐。", "台帐只记到上学期，本学期未记。"},
	"3.9":    {"党建工作制度未上墙，也未汇编成册。", "制度已汇编，未上墙。"},
	"3.10":   {"没有活动剪影或专题片。", "有活动照片，未整理成剪影。"},
	"4.1":    {"长廊未见社会主义核心价值观内容。", "核心价值观展板褪色破损，需更换。"},
	"4.2":    {"未设党员先锋岗，未建立结对联系网络。", "设了先锋岗，结对联系网络未公示。"},
	"4.3":    {"没有党务公开栏。", "有公开栏，内容停在去年。"},
	"4.5":    {"未开展“四有好老师”评比，无纪实材料。", "开展了评比，纪实只有获奖名单，无过程材料。"},
	"4.6":    {"没有十九大精神宣传栏。", "宣传栏内容少，未及时更新。"},
	"5.1.1":  {"没有党组织班子成员花名册。", "花名册未随班子调整更新。"},
	"5.1.2":  {"班子成员职责分工未成文。", "有分工文件，未随人员变动调整。"},
	"5.1.3":  {"没有党员花名册。", "党员花名册缺新转入的党员。"},
	"5.1.4":  {"没有入党积极分子花名册。", "积极分子花名册未注明培养联系人。"},
	"5.1.5":  {"没有党员转入转出登记表。", "登记表缺今年转出党员的记录。"},
	"5.1.6":  {"党组织未作公开承诺，无登记表。", "有承诺登记，未记兑现情况。"},
	"5.1.7":  {"没有党员公开承诺践诺登记表。", "只有部分党员的承诺，践诺情况未记。"},
	"5.1.8":  {"没有党费收缴明细表。", "明细表缺下半年的收缴记录。"},
	"5.1.9":  {"没有年度党建工作计划和总结。", "有计划，缺上年度总结。"},
	"5.1.10": {"没有党组织会议记录簿。", "会议记录簿记录简单，缺议题和决定。"},
	"5.1.11": {"党建学习资料未归档。", "学习资料有，但未分类存放。"},
	"5.1.12": {"基础台帐缺项多，未分类，无专人管理。", "基础台帐基本齐全，但未分类整理，无专人负责。"},
	"5.2.1":  {"没有基层党组织服务台帐。", "服务台帐记录不连续。"},
	"5.2.2":  {"没有“三会一课”台帐。", "“三会一课”记录不全，缺党课记录。"},
	"5.2.3":  {"没有集中学习台帐。", "集中学习记录只有日期和题目，没有学习内容。"},
	"5.2.4":  {"书记本年度未上党课，也无参训记录。", "有参训记录，缺书记上党课的记录。"},
	"5.2.5":  {"没有书记与党员谈心谈话的记录。", "谈心谈话只记了几次，谈到的党员少。"},
	"5.2.6":  {"没有群团工作管理台账。", "群团工作台账只记了工会，缺共青团、少先队。"},
	"5.2.7":  {"没有帮扶工作台帐。", "帮扶台帐有记录，缺帮扶效果。"},
	"5.2.8":  {"台账有补记痕迹，记录不真实。", "部分记录过于简单，看不出活动内容。"},
	"5.3":    {"资料散放在办公室，未使用标准档案盒。", "已购档案盒，资料未分类装档。"},
}

// otherNotes are written on an item of another standard, which notes
// does not know.
var otherNotes = [2]string{"检查时未见相关材料。", "有相关材料，但不完整。"}

// notApplicableNote explains an item marked 不适用.
const notApplicableNote = "该校本年度未开展此项评比，经检查组认定不适用。"

// Fill writes the demo into s, dated for the year of now: last year's
// visits between March and December, this year's between 1 January and
// today. The same now gives the same data. A database that already has a
// school of the demo's (same name and township) is refused before
// anything is written.
func Fill(s *store.Store, now time.Time) (Summary, error) {
	existing, err := s.Schools()
	if err != nil {
		return Summary{}, err
	}
	for _, sc := range existing {
		for _, p := range plans {
			if sc.Name == p.name && sc.Township == p.township {
				return Summary{}, checklist.Errorf(checklist.ErrInvalid, checklist.Text{
					ZH: "数据库里已有演示数据中的学校 %s（%s）：没有写入演示数据",
					EN: "the database already has the demo's school %s (%s): the demo was not written"}, p.name, p.township)
			}
		}
	}
	rng := rand.New(rand.NewPCG(2025, 5))
	today := checklist.DateOf(now)
	year := today.Year
	sum := Summary{Schools: len(plans), Year: year}
	townships := map[string]bool{}
	n := 0 // visits made, for taking turns and spreading dates
	for _, p := range plans {
		townships[p.township] = true
		sc, err := s.AddSchool(checklist.School{Name: p.name, Township: p.township, Kind: p.kind, Secretary: p.secretary})
		if err != nil {
			return sum, checklist.Errorf(nil, checklist.Text{ZH: "演示学校 %s", EN: "demo school %s"}, p.name).Because(err)
		}
		for i, stars := range p.last {
			date := spread(checklist.Date{Year: year - 1, Month: time.March, Day: 1}, checklist.Date{Year: year - 1, Month: time.December, Day: 20}, n, i)
			if err := visit(s, rng, sc.ID, inspectors[n%2], date, stars, p.notApplicable, true); err != nil {
				return sum, checklist.Errorf(nil, checklist.Text{ZH: "%s 的演示检查", EN: "demo visit of %s"}, p.name).Because(err)
			}
			sum.Finalized++
			n++
		}
		for i, stars := range p.this {
			date := spread(checklist.Date{Year: year, Month: time.January, Day: 1}, today, n, i)
			if err := visit(s, rng, sc.ID, inspectors[n%2], date, stars, p.notApplicable, true); err != nil {
				return sum, checklist.Errorf(nil, checklist.Text{ZH: "%s 的演示检查", EN: "demo visit of %s"}, p.name).Because(err)
			}
			sum.Finalized++
			n++
		}
		if p.draft {
			if err := visit(s, rng, sc.ID, inspectors[n%2], today, 4, p.notApplicable, false); err != nil {
				return sum, checklist.Errorf(nil, checklist.Text{ZH: "%s 的演示草稿", EN: "demo draft of %s"}, p.name).Because(err)
			}
			sum.Drafts++
			n++
		}
	}
	sum.Townships = len(townships)
	yr, err := s.RateYear(year)
	if err != nil {
		return sum, err
	}
	sum.Rated, sum.NotRated, sum.Lagging = yr.Counts()
	if err := decide(s, today); err != nil {
		return sum, checklist.Errorf(nil, checklist.Text{ZH: "演示的整改事项", EN: "demo rectifications"}).Because(err)
	}
	l, err := s.RectLedger(checklist.RectFilter{View: checklist.ViewAll})
	if err != nil {
		return sum, err
	}
	sum.Rectifications = l.Counts
	l.Each(func(_ *checklist.SchoolRectifications, e *checklist.RectEntry) bool {
		if e.Rebounds > 0 {
			sum.Rebounds++
		}
		return true
	})
	if err := yearEnd(s, today); err != nil {
		return sum, checklist.Errorf(nil, checklist.Text{ZH: "演示的年终评定", EN: "demo year end"}).Because(err)
	}
	return sum, nil
}

// The year end of the demo. Last year's rating was published from 22 to
// 28 December and confirmed on the 31st: it is locked. This year two
// branches assessed themselves: 城关镇第一小学 close to what the
// inspectors found, 东河乡红星小学 (one star) every item 符合, a large gap.
// The shipped standard names no veto situation (一票否决情形), so the demo
// records none: the example standard in checklist/testdata shows them.
const (
	// selfHonest and selfInflated are the two self-assessments.
	selfHonest   = "城关镇第一小学"
	selfInflated = "东河乡红星小学"
)

// yearEnd publishes and confirms last year and records this year's two
// self-assessments, each as its 自评表 would be imported.
func yearEnd(s *store.Store, today checklist.Date) error {
	last := today.Year - 1
	from := checklist.Date{Year: last, Month: time.December, Day: 22}
	if _, err := s.PublishYear(last, from, checklist.Date{Year: last, Month: time.December, Day: 28}, staff); err != nil {
		return err
	}
	if _, err := s.ConfirmYear(last, checklist.Date{Year: last, Month: time.December, Day: 31}, "局党委"); err != nil {
		return err
	}
	ov, err := s.SchoolsOverview(today.Year)
	if err != nil {
		return err
	}
	for _, o := range ov.Schools {
		if o.Rating == nil || (o.School.Name != selfHonest && o.School.Name != selfInflated) {
			continue
		}
		v, err := s.Inspection(o.Rating.VisitID)
		if err != nil {
			return err
		}
		cells := map[string]string{}
		for i, it := range o.Rating.Standard.ScoredItems() {
			verdict := v.Answer(it.ID).Verdict
			switch {
			case o.School.Name == selfInflated && verdict != checklist.NotApplicable:
				verdict = checklist.Met
			case verdict == checklist.PartlyMet && i%3 == 0:
				verdict = checklist.Met // a branch sees itself a little better
			}
			cells[it.ID] = string(verdict)
		}
		p := planOf(o.School.Name)
		e := store.SelfEntries{Cells: cells, SignedBy: p.secretary, SignedOn: v.Date.AddDays(-7)}
		if _, _, err := s.ImportSelfAssessment(o.School.ID, today.Year, e, checklist.SourceWorkbook, staff); err != nil {
			return checklist.Errorf(nil, checklist.Text{ZH: "%s 的自评", EN: "self-assessment of %s"}, o.School.Name).Because(err)
		}
	}
	return nil
}

// planOf is the demo's plan of a school.
func planOf(name string) plan {
	for _, p := range plans {
		if p.name == name {
			return p
		}
	}
	return plan{}
}

// staff is the bureau's officer who records the decisions.
const staff = "何丽"

// decide records what a bureau's staff would about the open
// rectifications, so that the ledger shows every state: a problem of last
// year closed by hand before this year's visit found it again (a 反弹),
// one closed by hand after a check, two reported done by their schools,
// and one given a later deadline and another person responsible (open,
// not overdue). Each is the first open rectification, in the ledger's
// order, that suits, of a school not used yet.
func decide(s *store.Store, today checklist.Date) error {
	l, err := s.RectLedger(checklist.RectFilter{View: checklist.ViewOpen})
	if err != nil {
		return err
	}
	var open []checklist.RectEntry
	l.Each(func(_ *checklist.SchoolRectifications, e *checklist.RectEntry) bool {
		open = append(open, *e)
		return true
	})
	used := map[string]bool{} // schools
	pick := func(ok func(e *checklist.RectEntry) bool) *checklist.RectEntry {
		for i := range open {
			if e := &open[i]; !used[e.SchoolID] && ok(e) {
				used[e.SchoolID] = true
				return e
			}
		}
		return nil
	}
	// Found last year, found still there this year: closed by hand in
	// between, so this year's finding is a 反弹.
	if e := pick(func(e *checklist.RectEntry) bool {
		return e.FoundOn.Year < today.Year && e.RecheckedIn != "" && e.RecheckedOn.DaysSince(e.FoundOn) > 30
	}); e != nil {
		if _, err := s.CloseRectification(e.ID, staff, e.RecheckedOn.AddDays(-20), "学校报送了整改照片和会议记录，经电话核实已整改，予以销号。"); err != nil {
			return err
		}
	}
	if e := pick(func(e *checklist.RectEntry) bool { return e.Verdict == checklist.PartlyMet }); e != nil {
		if _, err := s.CloseRectification(e.ID, staff, today, "检查组回访，现场核实已整改到位。"); err != nil {
			return err
		}
	}
	for range 2 {
		if e := pick(func(e *checklist.RectEntry) bool { return e.FoundOn.Year == today.Year }); e != nil {
			if _, err := s.ReportRectification(e.ID, e.Responsible(), today, "整改情况报告.docx，整改后照片3张"); err != nil {
				return err
			}
		}
	}
	if e := pick(func(e *checklist.RectEntry) bool { return e.Overdue(today) }); e != nil {
		if _, err := s.SetRectificationDeadline(e.ID, today.AddDays(30), staff); err != nil {
			return err
		}
		if _, err := s.SetRectificationResponsible(e.ID, "分管副校长", staff); err != nil {
			return err
		}
	}
	return nil
}

// spread picks the date of the n-th visit between from and to (a later
// visit of the same school, i > 0, comes after its first).
func spread(from, to checklist.Date, n, i int) checklist.Date {
	a := time.Date(from.Year, from.Month, from.Day, 12, 0, 0, 0, time.UTC)
	b := time.Date(to.Year, to.Month, to.Day, 12, 0, 0, 0, time.UTC)
	days := int(b.Sub(a).Hours() / 24)
	if days <= 0 {
		return from
	}
	d := (n*37 + i*days/2) % (days + 1)
	if i > 0 {
		d = days/2 + (n*11)%(days-days/2+1)
	}
	return checklist.DateOf(a.AddDate(0, 0, d))
}

// visit walks one visit: answers chosen to earn the given stars, a note
// on every item to fix, then finalize (or leave a third of it answered,
// as a draft).
func visit(s *store.Store, rng *rand.Rand, schoolID, inspector string, date checklist.Date, stars int, na []string, finalize bool) error {
	in, err := s.CreateInspection(schoolID, inspector, date)
	if err != nil {
		return err
	}
	std, err := s.Standard(in.StandardID)
	if err != nil {
		return err
	}
	answers := answersFor(rng, std, stars, na)
	items := std.ScoredItems()
	if !finalize {
		items = items[:len(items)/3]
	}
	for _, it := range items {
		v := answers[it.ID]
		if _, err := s.SetVerdict(in.ID, it.ID, v, inspector); err != nil {
			return err
		}
		if note := noteFor(rng, it, v); note != "" {
			if _, err := s.SetNote(in.ID, it.ID, note, inspector); err != nil {
				return err
			}
		}
	}
	if !finalize {
		return nil
	}
	_, err = s.Finalize(in.ID, inspector)
	return err
}

// answersFor picks verdicts that earn the given stars under std: all met,
// then items taken in a random order marked not met or partly met until
// the score falls to a target inside the star level's band.
func answersFor(rng *rand.Rand, std *checklist.Standard, stars int, na []string) map[string]checklist.Verdict {
	lo, hi := band(std.Stars, stars)
	items := std.ScoredItems()
	for {
		target := lo + rng.Float64()*(hi-lo)
		answers := make(map[string]checklist.Answer, len(items))
		for _, it := range items {
			answers[it.ID] = checklist.Answer{Verdict: checklist.Met}
		}
		for _, id := range na {
			answers[id] = checklist.Answer{Verdict: checklist.NotApplicable}
		}
		sc := checklist.ScoreAnswers(std, answers)
		for _, i := range rng.Perm(len(items)) {
			if sc.Total <= target {
				break
			}
			id := items[i].ID
			if answers[id].Verdict != checklist.Met {
				continue
			}
			v := checklist.NotMet
			if rng.IntN(2) == 0 {
				v = checklist.PartlyMet
			}
			answers[id] = checklist.Answer{Verdict: v}
			sc = checklist.ScoreAnswers(std, answers)
		}
		if sc.Stars == stars {
			out := make(map[string]checklist.Verdict, len(answers))
			for id, a := range answers {
				out[id] = a.Verdict
			}
			return out
		}
	}
}

// band is the range of points a star level is given for: from its
// threshold to the next level's (100 at the top, 40 at the bottom, so that
// a one-star school still scores something).
func band(scale checklist.StarScale, stars int) (lo, hi float64) {
	lo, hi = 40, 100
	for i, lv := range scale.Levels {
		if lv.Stars == stars {
			lo = lv.MinPoints
			if i > 0 {
				hi = scale.Levels[i-1].MinPoints - 0.5
			}
			return lo, hi
		}
	}
	if len(scale.Levels) > 0 {
		hi = scale.Levels[len(scale.Levels)-1].MinPoints - 0.5
	}
	return lo, hi
}

// noteFor writes the inspector's note for an item that was not fully
// met, saying what was seen.
func noteFor(rng *rand.Rand, it *checklist.Item, v checklist.Verdict) string {
	n, ok := notes[it.ID]
	if !ok {
		n = otherNotes
	}
	switch v {
	case checklist.NotApplicable:
		return notApplicableNote
	case checklist.NotMet, checklist.PartlyMet:
		// The draw once chose among wordings; it is kept so that the
		// demo's answers, which draw from the same source, stay what
		// they were.
		_ = rng.IntN(2)
		if v == checklist.NotMet {
			return n[0]
		}
		return n[1]
	}
	return ""
}
