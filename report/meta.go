package report

import (
	"time"

	"branchcheck/checklist"
	"branchcheck/i18n"
)

// Meta is what every export states besides the data: the language it is
// written in, who sends it (填报单位), when and from which database it was
// made, the township filter the caller applied and, for the ratings, the
// year before's ratings to compare with.
type Meta struct {
	// Lang is the language of the export; the zero value is Chinese.
	Lang i18n.Lang
	// Bureau is the name of the bureau that sends the paper (填报单位), a
	// setting; "" leaves a line to write it in by hand.
	Bureau string
	// GeneratedAt is when the export was made; it is shown in its own
	// location.
	GeneratedAt time.Time
	// Database is the path of the database the data came from. Only what
	// is not printed states it (the 说明 sheet, CSV, JSON, the terminal).
	Database string
	// Township is the township filter the caller applied to the data, ""
	// for all townships. Filtering is the caller's job; the export only
	// states it.
	Township string
	// LastYear is the year before's ratings (from the same database), for
	// each school's 上年星级 and the change; nil leaves those columns out.
	LastYear *checklist.YearRating
	// Rectifications is the year's 整改台账 (a ledger of every status, its
	// filter's Year the ratings' year, its township theirs), for the
	// ratings: each school's open rectifications and the workbook's sheet
	// 整改台账; nil leaves them out.
	Rectifications *checklist.RectLedger
	// RectParts, when set, reads the ledger again in parts, in its order,
	// handing each to each (store.RectLedgerInParts): the workbook writes
	// its sheet 整改台账 from them, so that Rectifications need hold only
	// the counts of each school, not a province's million rectifications.
	RectParts func(each func(*checklist.RectLedger) error) error
	// YearEnd is what the year-end papers state besides: the year's
	// stage, the self-assessments compared, the standards of the veto
	// records; nil leaves them out (veto records and quotas are stated
	// from the ratings whatever it holds).
	YearEnd *YearEnd
	// Charts draws the ratings' charts (the star distribution by township
	// and, with LastYear, the movement): inline SVG in the HTML page and a
	// sheet of native charts in the workbook.
	Charts bool
}

// townshipFact states the township filter.
func (m Meta) townshipFact() fact {
	l := m.Lang
	v := m.Township
	if v == "" {
		v = l.Pick("全部乡镇", "all townships")
	}
	return fact{l.Pick("乡镇范围", "Townships"), text(v)}
}

// bureauFact states who sends the paper. Not set, a paper leaves a line
// to write it on, and what is not printed says it is not set.
func (m Meta) bureauFact(zh, en string, printed bool) fact {
	v := m.Bureau
	switch {
	case v != "":
	case printed:
		v = blank
	default:
		v = m.Lang.Pick("未设置（用 branchcheck settings bureau 名称 设置）", "not set (set it with branchcheck settings bureau NAME)")
	}
	return fact{m.Lang.Pick(zh, en), text(v)}
}

// blank is a line to write on by hand.
const blank = "＿＿＿＿＿＿＿＿＿＿"

// generatedFact states when the export was made.
func (m Meta) generatedFact() fact {
	l := m.Lang
	when := l.Pick("未注明", "not stated")
	if !m.GeneratedAt.IsZero() {
		when = m.GeneratedAt.Format("2006-01-02 15:04:05 Z07:00")
	}
	return fact{l.Pick("生成时间", "Generated"), text(when)}
}

// databaseFact states the database the data came from.
func (m Meta) databaseFact() fact {
	l := m.Lang
	db := m.Database
	if db == "" {
		db = l.Pick("未注明", "not stated")
	}
	return fact{l.Pick("数据来源", "Database"), text(db)}
}

// sourceFacts state when the export was made and from which database.
func (m Meta) sourceFacts() []fact { return []fact{m.generatedFact(), m.databaseFact()} }
