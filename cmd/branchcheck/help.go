package main

import (
	"strings"

	"github.com/alecthomas/kong"

	"branchcheck/i18n"
	"branchcheck/store"
)

// helpVars are the help texts of the command line in the language.
func helpVars(l i18n.Lang) kong.Vars {
	v := kong.Vars{"version": "branchcheck " + version()}
	for k, t := range map[string][2]string{
		"help_db":      {"数据库文件", "database file"}, // see dbHelp
		"help_lang":    {"界面语言 zh 或 en（默认随 LC_ALL/LANG，英文环境用英文，其余用中文）", "language, zh or en (default from LC_ALL/LANG: English locales get English, others Chinese)"},
		"help_version": {"显示版本并退出", "print the version and exit"},

		"help_standard":          {"查看、校验、安装检查标准", "show, validate and install inspection standards"},
		"help_standard_show":     {"按层次列出检查标准：来源、评分规则和全部条目", "print the standard as an outline: its source, its rules and all its items"},
		"help_standard_width":    {"按此宽度折行（默认：终端的宽度；输出到文件或管道时不折行）", "wrap lines at this width (default: the terminal's; no wrapping into a file or a pipe)"},
		"help_standard_json":     {"输出稳定的 JSON（供其他程序读取）", "print stable JSON for other programs"},
		"help_standard_validate": {"校验一个标准文件（YAML），有效则给出一行摘要，否则指出出错的文件、行、列和问题", "check a standard file (YAML): a one-line summary if valid, else FILE:LINE:COL and what is wrong"},
		"help_standard_file":     {"标准文件（YAML，UTF-8 编码；- 表示标准输入）", "standard file (YAML, in UTF-8; - for standard input)"},
		"help_standard_install":  {"安装本局某年度的检查标准（此后该年新开始的检查按此标准）", "install a bureau's standard for its year (new inspections of that year use it)"},
		"help_standard_template": {"输出随程序提供的标准文件（含注释），作为本局标准的起点", "write the shipped standard's file, with its comments: the starting point for a bureau's own"},
		"help_standard_year":     {"显示该年度使用的标准（默认今年）", "show the standard used in that year (default: this year)"},
		"help_standard_id":       {"按编号显示标准", "show the standard with this id"},

		"help_backup":           {"把数据库完整备份到一个新文件", "write a consistent copy of the database to a new file"},
		"help_backup_output":    {"备份文件", "backup file"},
		"help_force":            {"覆盖已存在的文件", "overwrite an existing file"},
		"help_schools":          {"管理学校名单", "manage the list of schools"},
		"help_schools_add":      {"添加一所学校", "add a school"},
		"help_schools_import":   {"从教育局的学校名单导入（CSV 或 XLSX；按“学校名称、乡镇、类型、党组织书记”等表头识别列；全部成功或全部不导入；重复导入只更新不重复）", "import the bureau's school list (CSV or XLSX; columns found by headers such as 学校名称/name, 乡镇/township; all or nothing; importing again updates, never doubles)"},
		"help_schools_file":     {"学校名单文件（.csv 或 .xlsx；- 表示标准输入）", "the school list (.csv or .xlsx; - for standard input)"},
		"help_schools_encoding": {"CSV 文件的编码，如 gb18030、big5、shift_jis、windows-1252（默认自动识别 UTF-8、UTF-16、GB18030）", "the CSV file's encoding, such as gb18030, big5, shift_jis, windows-1252 (default: recognise UTF-8, UTF-16 or GB18030)"},
		"help_schools_list":     {"按乡镇列出学校", "list the schools by township"},
		"help_schools_format":   {"格式：table、csv、md、json（默认按 -o 的扩展名，否则 table）", "format: table, csv, md, json (default: from the -o extension, else table)"},
		"help_school_name":      {"学校名称", "the school's name"},
		"help_school_township":  {"所属乡镇", "township"},
		"help_school_kind":      {"类型（小学、初中、高中、职中、幼儿园……）", "kind (primary, junior, senior, vocational, kindergarten…)"},
		"help_school_secretary": {"党组织书记", "the branch secretary"},
		"help_school_contact":   {"联系方式", "contact"},

		"help_ratings":          {"输出某年度星级党支部评比汇总表", "write the year's star-rating table"},
		"help_ratings_year":     {"年度（默认今年）", "year (default: this year)"},
		"help_ratings_format":   {"格式：table、csv、xlsx、md、html、json（默认按 -o 的扩展名，否则 table）", "format: table, csv, xlsx, md, html, json (default: from the -o extension, else table)"},
		"help_ratings_township": {"只列该乡镇的学校", "only this township's schools"},
		"help_output":           {"输出文件（默认标准输出；不覆盖已有文件，除非 --force）", "output file (default: standard output; an existing file only with --force)"},
		"help_report":           {"输出某校一次检查的检查反馈单", "write the feedback sheet of one school's visit"},
		"help_report_school":    {"学校名称或编号", "the school's name or id"},
		"help_report_visit":     {"检查编号（默认最近一次已定稿的检查）", "the visit's id (default: the latest finalized one)"},
		"help_report_format":    {"格式：md、html、xlsx、table（默认按 -o 的扩展名，否则 md）", "format: md, html, xlsx, table (default: from the -o extension, else md)"},

		"help_rect":                   {"整改台账，以及记录对整改事项的决定（学校报告整改完成、手工销号、整改期限、责任人）", "the rectification ledger (整改台账), and the decisions recorded about each rectification (reported done, closed by hand, deadline, person responsible)"},
		"help_rect_list":              {"输出整改台账（默认：未销号的）", "write the rectification ledger (default: those not closed)"},
		"help_rect_status":            {"列出哪些：open 未销号（默认，含已整改待复查）、overdue 逾期、reported 已整改待复查、closed 已销号、all 全部", "which to list: open (the default: not closed, reported done included), overdue, reported, closed, all"},
		"help_rect_township":          {"只列该乡镇的学校", "only this township's schools"},
		"help_rect_school":            {"只列这所学校（名称或编号）", "only this school (name or id)"},
		"help_rect_show":              {"显示一项整改的全部情况和记录", "show one rectification in full, with its history"},
		"help_rect_id":                {"整改事项编号（检查编号/条目编号，见 rectifications -f csv 或 -f json）", "the rectification's id (VISIT/ITEM, as rectifications -f csv or -f json lists it)"},
		"help_rect_report":            {"记录学校报告整改完成（已整改待复查）", "record the school's report that the problem is put right (reported done)"},
		"help_rect_report_by":         {"报告人（学校方面的人）", "who reported it (the school's person)"},
		"help_rect_on":                {"日期（默认今天；不能晚于今天）", "the day (default: today; not after today)"},
		"help_rect_evidence":          {"佐证材料，如文件名、照片名", "the evidence, e.g. a document's or photo's file name"},
		"help_rect_close":             {"手工销号（须说明原因）", "close by hand (销号), with a reason"},
		"help_rect_reason":            {"销号的原因", "why it is closed"},
		"help_rect_by":                {"经办人（默认本机记住的检查人）", "who records it (default: the inspector's name remembered here)"},
		"help_rect_deadline":          {"另定整改期限，或恢复默认期限", "set the deadline by hand, or go back to the default"},
		"help_rect_deadline_date":     {"新的整改期限，如 2026-12-31", "the new deadline, e.g. 2026-12-31"},
		"help_rect_deadline_clear":    {"恢复默认期限（检查日期加标准规定的天数）", "go back to the default deadline (the visit's date plus the standard's days)"},
		"help_rect_responsible":       {"另定责任人，或恢复为学校党组织书记", "name the person responsible, or go back to the school's secretary"},
		"help_rect_responsible_name":  {"责任人姓名", "the person responsible"},
		"help_rect_responsible_clear": {"恢复为学校党组织书记", "go back to the school's secretary"},

		"help_bundle":           {"导出、导入导入包：合并多位督查人员的检查记录", "export and import bundles: merge several inspectors' records"},
		"help_bundle_export":    {"把本数据库的学校、标准、检查和审计记录导出为一个导入包", "write this database's schools, standards, inspections and audit trail to a bundle"},
		"help_bundle_output":    {"导入包文件（默认输出到标准输出）", "bundle file (default: standard output)"},
		"help_bundle_since":     {"只导出该日期及以后有修改（或其整改事项有新决定）的检查", "only inspections changed on or after this day (or whose problems were decided about since)"},
		"help_bundle_inspector": {"只导出该督查人员的检查", "only this inspector's inspections"},
		"help_bundle_import":    {"把一个或多个导入包合并进本数据库（全部成功或全部不导入）", "merge one or more bundles into this database (all or nothing)"},
		"help_bundle_files":     {"导入包文件（- 表示从标准输入读取）", "bundle files (- reads one from standard input)"},
		"help_bundle_dry_run":   {"只显示将要发生的变化，不修改数据库", "show what would change without changing the database"},
		"help_doctor":           {"检查数据库是否完好，并汇总其内容", "check the database through and summarise what it holds"},

		"help_settings":              {"查看和修改设置（填报单位等）", "show and change the settings (the bureau's name, …)"},
		"help_settings_show":         {"显示本数据库的设置", "show this database's settings"},
		"help_settings_bureau":       {"设置填报单位（印在评比汇总表和检查反馈单上）；不带名称时显示当前设置", "set the bureau's name (printed on the ratings table and the feedback sheets); without a name, show it"},
		"help_settings_bureau_name":  {"填报单位名称，如“某某县教育局党委”", "the bureau's name, e.g. 某某县教育局党委"},
		"help_settings_bureau_clear": {"清除填报单位（表格上留空待手写）", "clear the bureau's name (the papers leave a line to write it in)"},

		"help_schools_edit":         {"修改一所学校的名称、乡镇、类型、党组织书记或联系电话（只改给出的项；给空值清除该项，名称除外）", "change a school's name, township, kind, secretary or contact (only those given; an empty value clears one, the name excepted)"},
		"help_schools_delete":       {"删除一所没有检查记录的学校（有检查记录的请归档）", "delete a school that has no visits (archive one that has)"},
		"help_schools_archive":      {"归档一所学校：不再出现在学校名单和新的检查中，历次检查和以前年度的评定保留", "archive a school: it leaves the list and new visits; its visits and the ratings of the years before are kept"},
		"help_schools_archive_undo": {"取消归档，恢复这所学校", "restore an archived school"},
		"help_schools_archived":     {"只列出已归档的学校", "list the archived schools only"},
		"help_school_which":         {"学校的编号或完整名称", "the school's id or whole name"},
		"help_school_new_name":      {"新的学校名称", "the school's new name"},

		"help_visits":        {"列出检查记录；修改草稿的日期或删除草稿", "list visits; re-date or delete a draft"},
		"help_visits_list":   {"列出检查记录及其编号（默认今年的，最近的在前）", "list visits with their ids (this year's by default, the latest first)"},
		"help_visits_school": {"只列这所学校的检查（名称或编号）", "only this school's visits (name or id)"},
		"help_visits_year":   {"只列这一年度的检查（默认今年）", "only this year's visits (default: this year)"},
		"help_visits_drafts": {"只列草稿", "drafts only"},
		"help_visits_redate": {"修改一份草稿的日期（不能晚于今天；定稿过的检查不能改）", "change a draft's date (not after today; never for a visit finalized once)"},
		"help_visits_delete": {"删除一份从未定稿的草稿", "delete a draft that was never finalized"},
		"help_visits_id":     {"检查编号（visits list 列出）", "the visit's id (visits list lists them)"},
		"help_visits_date":   {"新的日期，如 2026-11-30、2026/11/30", "the new date, e.g. 2026-11-30 or 2026/11/30"},

		"help_settings_timezone":       {"设置本局的时区（新检查的日期、评定年度、导出时间按此时区；默认 Asia/Shanghai）；不带时区时显示当前设置", "set the bureau's time zone (new visits' dates, the rating year and export times follow it; default Asia/Shanghai); without a zone, show it"},
		"help_settings_timezone_zone":  {"时区数据库中的名称，如 Asia/Shanghai、Asia/Urumqi", "a name of the time zone database, e.g. Asia/Shanghai, Asia/Urumqi"},
		"help_settings_timezone_clear": {"清除时区设置（按默认的 Asia/Shanghai）", "clear the time zone (Asia/Shanghai, the default, applies)"},

		"help_demo":       {"在数据库里生成演示数据：3 个乡镇 12 所学校，今年和去年的检查，各个星级", "fill the database with demo data: 12 schools in 3 townships, visits this year and last, every star level"},
		"help_demo_force": {"数据库里已有数据也写入", "write even if the database already holds data"},
	} {
		v[k] = l.Pick(t[0], t[1])
	}
	for k, t := range yearEndHelp {
		v[k] = l.Pick(t[0], t[1])
	}
	return v
}

// dbHelp is the help of --db, with this machine's own default path
// (store.DefaultPath: the user's data folder on Windows, macOS or Linux).
// It is set on the parsed model rather than passed as a var: kong
// interpolates vars into themselves, so a $ in the path would break it.
func dbHelp(l i18n.Lang) string {
	return l.Sprintf("数据库文件（默认取 BRANCHCHECK_DB，否则 %s）", "database file (default: BRANCHCHECK_DB, else %s)", store.DefaultPath())
}

// setDBHelp puts dbHelp on the --db flag of the parsed model.
func setDBHelp(m *kong.Application, l i18n.Lang) {
	for _, f := range m.Flags {
		if f.Name == "db" {
			f.Help = dbHelp(l)
		}
	}
}

// fillHelp puts the help texts of vars in the model. The commands' and
// flags' tags name their text (help:"help_db"), and kong is given no
// variable but the version: kong interpolates every variable into each
// flag's own at every run, which with the ~170 texts as variables cost
// 62 ms a run, ten times that under -race (BenchmarkStartup).
func fillHelp(app *kong.Application, vars kong.Vars) {
	fill := func(s *string) {
		if strings.HasPrefix(*s, "help_") {
			if text, ok := vars[*s]; ok {
				*s = text
			}
		}
	}
	_ = kong.Visit(app, func(node kong.Visitable, next kong.Next) error {
		switch n := node.(type) {
		case *kong.Application:
			fill(&n.Help)
		case *kong.Node:
			fill(&n.Help)
		case *kong.Value: // a flag's too: kong visits a flag's value
			fill(&n.Help)
		}
		return next(nil)
	})
}
