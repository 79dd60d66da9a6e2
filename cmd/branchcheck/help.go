package main

import (
	"github.com/alecthomas/kong"

	"branchcheck/i18n"
)

// helpVars are the help texts of the command line in the language.
func helpVars(l i18n.Lang) kong.Vars {
	v := kong.Vars{"version": "branchcheck " + version()}
	for k, t := range map[string][2]string{
		"help_db":      {"数据库文件(默认取 BRANCHCHECK_DB,否则 $XDG_DATA_HOME/branchcheck/branchcheck.db)", "database file (default: BRANCHCHECK_DB, else $XDG_DATA_HOME/branchcheck/branchcheck.db)"},
		"help_lang":    {"界面语言 zh 或 en(默认随 LC_ALL/LANG,英文环境用英文,其余用中文)", "language, zh or en (default from LC_ALL/LANG: English locales get English, others Chinese)"},
		"help_version": {"显示版本并退出", "print the version and exit"},

		"help_standard":          {"查看、校验、安装检查标准", "show, validate and install inspection standards"},
		"help_standard_show":     {"以树形列出检查标准的全部条目", "print the standard as a tree of all its items"},
		"help_standard_json":     {"输出稳定的 JSON(供其他程序读取)", "print stable JSON for other programs"},
		"help_standard_validate": {"校验一个标准文件(YAML),有效则给出一行摘要,否则指出文件:行:列和问题", "check a standard file (YAML): a one-line summary if valid, else FILE:LINE:COL and what is wrong"},
		"help_standard_file":     {"标准文件(YAML)", "standard file (YAML)"},

		"help_demo":       {"在数据库里生成演示数据:3 个乡镇 12 所学校,今年和去年的检查,各个星级", "fill the database with demo data: 12 schools in 3 townships, visits this year and last, every star level"},
		"help_demo_force": {"数据库里已有数据也写入", "write even if the database already holds data"},
	} {
		v[k] = l.Pick(t[0], t[1])
	}
	return v
}
