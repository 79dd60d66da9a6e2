package report

import (
	"time"

	"branchcheck/i18n"
)

// Meta is what every export states besides the data: the language it is
// written in, when and from which database it was made, and the township
// filter the caller applied.
type Meta struct {
	// Lang is the language of the export; the zero value is Chinese.
	Lang i18n.Lang
	// GeneratedAt is when the export was made; it is shown in its own
	// location.
	GeneratedAt time.Time
	// Database is the path of the database the data came from.
	Database string
	// Township is the township filter the caller applied to the data, ""
	// for all townships. Filtering is the caller's job; the export only
	// states it.
	Township string
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

// sourceFacts state when the export was made and from which database.
func (m Meta) sourceFacts() []fact {
	l := m.Lang
	db := m.Database
	if db == "" {
		db = l.Pick("未注明", "not stated")
	}
	when := l.Pick("未注明", "not stated")
	if !m.GeneratedAt.IsZero() {
		when = m.GeneratedAt.Format("2006-01-02 15:04:05 Z07:00")
	}
	return []fact{
		{l.Pick("生成时间", "Generated"), text(when)},
		{l.Pick("数据来源", "Database"), text(db)},
	}
}
