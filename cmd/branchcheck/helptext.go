package main

import (
	"bytes"
	"io"
	"strings"

	"github.com/alecthomas/kong"

	"branchcheck/checklist"
	"branchcheck/i18n"
)

// The help in the user's language: kong prints the help, its headings and
// its own words in English, and helpPrinter says them in Chinese, then
// gives the command's examples. Every command has at least one
// (TestEveryCommandHasAnExample, which also parses each).

// example is a command line that shows a command in use, and what it does.
type example struct {
	line string
	what checklist.Text
}

// examples are each command's examples, by the command's path.
var examples = map[string][]example{
	"": {
		{"branchcheck", checklist.Text{ZH: "打开检查界面", EN: "open the inspection interface"}},
		{"branchcheck schools import 学校名单.xlsx", checklist.Text{ZH: "导入局里的学校名单", EN: "import the bureau's school list"}},
		{"branchcheck ratings --year 2026 -o 评比.xlsx", checklist.Text{ZH: "把 2026 年度的星级评比导出为 Excel 表", EN: "export the 2026 star ratings as an Excel workbook"}},
	},
	"schools list": {
		{"branchcheck schools list --township 城关镇", checklist.Text{ZH: "列出城关镇的学校", EN: "list the schools of 城关镇"}},
		{"branchcheck schools list -o 学校名单.csv", checklist.Text{ZH: "导出学校名单（含编号），改好后可再导入", EN: "export the list with ids, to correct and import again"}},
	},
	"schools add": {
		{"branchcheck schools add 城关小学 --township 城关镇 --kind 小学 --secretary 张明", checklist.Text{ZH: "添加一所学校", EN: "add a school"}},
	},
	"schools import": {
		{"branchcheck schools import 学校名单.xlsx", checklist.Text{ZH: "导入 Excel 学校名单", EN: "import a school list from Excel"}},
		{"branchcheck schools import 名单.csv --encoding gb18030", checklist.Text{ZH: "按 GB18030 编码读入 CSV 名单", EN: "read a CSV list in GB18030"}},
	},
	"schools edit": {
		{"branchcheck schools edit 城关小学 --contact 0371-1234567", checklist.Text{ZH: "改一所学校的联系电话", EN: "change a school's contact"}},
	},
	"schools delete": {
		{"branchcheck schools delete 城关小学", checklist.Text{ZH: "删除一所误加的学校（没有检查记录）", EN: "delete a school added by mistake (no visits)"}},
	},
	"schools archive": {
		{"branchcheck schools archive 城关小学", checklist.Text{ZH: "归档一所已撤并的学校", EN: "archive a school that closed"}},
		{"branchcheck schools archive 城关小学 --undo", checklist.Text{ZH: "恢复这所学校", EN: "restore it"}},
	},
	"standard show": {
		{"branchcheck standard show --year 2027", checklist.Text{ZH: "查看 2027 年度使用的检查标准", EN: "show the standard of 2027"}},
	},
	"standard validate": {
		{"branchcheck standard validate 本局2027.yaml", checklist.Text{ZH: "校验本局的标准文件", EN: "check a bureau's standard file"}},
	},
	"standard install": {
		{"branchcheck standard install 本局2027.yaml", checklist.Text{ZH: "安装本局 2027 年度的标准", EN: "install the bureau's standard for 2027"}},
	},
	"standard template": {
		{"branchcheck standard template -o 本局2027.yaml", checklist.Text{ZH: "写出随程序提供的标准文件，作为本局标准的起点", EN: "write the shipped standard's file, to start a bureau's own"}},
	},
	"backup": {
		{"branchcheck backup -o 备份.db", checklist.Text{ZH: "把数据库备份到一个新文件", EN: "back the database up to a new file"}},
	},
	"doctor": {
		{"branchcheck doctor", checklist.Text{ZH: "检查数据库是否完好", EN: "check the database"}},
	},
	"ratings": {
		{"branchcheck ratings --year 2026", checklist.Text{ZH: "在终端里查看 2026 年度的评比汇总表", EN: "show the 2026 ratings in the terminal"}},
		{"branchcheck ratings --year 2026 --township 城关镇 -o 评比.xlsx", checklist.Text{ZH: "把城关镇的评比导出为 Excel 表", EN: "export 城关镇's ratings as an Excel workbook"}},
	},
	"report": {
		{"branchcheck report --school 城关小学 -o 反馈单.html", checklist.Text{ZH: "写出城关小学最近一次检查的检查反馈单", EN: "write the feedback sheet of 城关小学's latest visit"}},
	},
	"rectifications list": {
		{"branchcheck rectifications --status overdue", checklist.Text{ZH: "列出逾期未整改的事项", EN: "list the overdue rectifications"}},
		{"branchcheck rectifications list --township 城关镇 -o 整改台账.xlsx", checklist.Text{ZH: "把城关镇的整改台账导出为 Excel 表", EN: "export 城关镇's ledger as an Excel workbook"}},
	},
	"rectifications show": {
		{"branchcheck rectifications show 检查编号/3.5", checklist.Text{ZH: "查看一项整改的全部情况", EN: "show one rectification in full"}},
	},
	"rectifications report": {
		{"branchcheck rectifications report 检查编号/3.5 --by 张明 --evidence 整改照片.jpg", checklist.Text{ZH: "记录学校报告已整改", EN: "record the school's report that it is put right"}},
	},
	"rectifications close": {
		{"branchcheck rectifications close 检查编号/3.5 --reason 已现场复查", checklist.Text{ZH: "手工销号", EN: "close it by hand"}},
	},
	"rectifications deadline": {
		{"branchcheck rectifications deadline 检查编号/3.5 2026-12-31", checklist.Text{ZH: "另定整改期限", EN: "set the deadline by hand"}},
	},
	"rectifications responsible": {
		{"branchcheck rectifications responsible 检查编号/3.5 李红", checklist.Text{ZH: "另定责任人", EN: "name the person responsible"}},
	},
	"settings show": {
		{"branchcheck settings", checklist.Text{ZH: "查看设置", EN: "show the settings"}},
	},
	"settings bureau": {
		{"branchcheck settings bureau 某某县教育局党委", checklist.Text{ZH: "设置填报单位", EN: "set the bureau's name"}},
	},
	"settings timezone": {
		{"branchcheck settings timezone Asia/Urumqi", checklist.Text{ZH: "设置本局的时区", EN: "set the bureau's time zone"}},
	},
	"bundle export": {
		{"branchcheck bundle export -o 李督查.bundle", checklist.Text{ZH: "把本机的记录导出为导入包", EN: "export this laptop's records as a bundle"}},
	},
	"bundle import": {
		{"branchcheck bundle import 李督查.bundle 王督查.bundle --dry-run", checklist.Text{ZH: "先试运行，看合并会改动什么", EN: "see what merging would change first"}},
	},
	"visits list": {
		{"branchcheck visits list --drafts", checklist.Text{ZH: "列出今年的草稿及其编号", EN: "list this year's drafts with their ids"}},
	},
	"visits redate": {
		{"branchcheck visits redate 检查编号 2026-11-30", checklist.Text{ZH: "修改一份草稿的日期", EN: "change a draft's date"}},
	},
	"visits delete": {
		{"branchcheck visits delete 检查编号", checklist.Text{ZH: "删除一份草稿", EN: "delete a draft"}},
	},
	"vetoes list": {
		{"branchcheck vetoes --year 2027", checklist.Text{ZH: "列出 2027 年记录的一票否决情形", EN: "list the veto situations recorded for 2027"}},
	},
	"vetoes add": {
		{"branchcheck vetoes add 东河中学 discipline --reason 副书记受党纪处分 --by 王主任", checklist.Text{ZH: "记录一所学校的一票否决情形（情形编号见本年度标准）", EN: "record a veto situation of a school (the situations' ids are in the year's standard)"}},
	},
	"vetoes lift": {
		{"branchcheck vetoes lift 东河中学 discipline --reason 处分已撤销", checklist.Text{ZH: "撤销一条一票否决记录（记录保留）", EN: "lift a veto record (the record is kept)"}},
	},
	"selfcheck template": {
		{"branchcheck selfcheck template 东河乡红星小学 -o 红星小学自评表.xlsx", checklist.Text{ZH: "写出一所学校的自评表，发给学校填写", EN: "write a school's self-assessment form, for the school to fill in"}},
	},
	"selfcheck import": {
		{"branchcheck selfcheck import 红星小学自评表.xlsx --by 张干事", checklist.Text{ZH: "导入学校填好的自评表", EN: "import the form the school filled in"}},
	},
	"selfcheck show": {
		{"branchcheck selfcheck show 东河乡红星小学", checklist.Text{ZH: "查看学校的自评，以及与考评的差距", EN: "show the school's self-assessment and its gap with the inspection"}},
	},
	"year status": {
		{"branchcheck year --year 2027", checklist.Text{ZH: "查看 2027 年度评定所处的阶段", EN: "show where the 2027 rating stands"}},
	},
	"year publish": {
		{"branchcheck year publish --year 2027 --from 2028-01-05 --to 2028-01-11 --by 王主任", checklist.Text{ZH: "公示 2027 年度的评定结果", EN: "publish the 2027 results for comment"}},
	},
	"year confirm": {
		{"branchcheck year confirm --year 2027 --on 2028-01-15 --by 王主任", checklist.Text{ZH: "公示期满后确定评定结果（此后修改须说明原因）", EN: "confirm the results after the publication (changes then need a reason)"}},
	},
	"year withdraw": {
		{"branchcheck year withdraw --year 2027 --reason 复核后重新评定 --by 王主任", checklist.Text{ZH: "撤回公示或确定，重新评定", EN: "withdraw the publication or confirmation, to rate again"}},
	},
	"demo": {
		{"branchcheck demo --db 演示.db", checklist.Text{ZH: "生成一个演示数据库", EN: "make a demo database"}},
	},
}

// helpWords are kong's own words in its help and the Chinese for them.
var helpWords = []struct{ en, zh string }{
	{"Usage: ", "用法："},
	{"Arguments:", "参数："},
	{"Flags:", "选项："},
	{"Commands:", "命令："},
	{" [flags]", " [选项]"},
	{" <command>", " <命令>"},
}

// helpPrinter prints kong's help in the language, with the examples of
// the command (of each command below it, for a group); the Chinese laid
// out again in width cells by display width (rewrapHelp).
func helpPrinter(l i18n.Lang, width int) kong.HelpPrinter {
	return func(opts kong.HelpOptions, ctx *kong.Context) error {
		var buf bytes.Buffer
		out := ctx.Stdout
		ctx.Stdout = &buf
		err := kong.DefaultHelpPrinter(opts, ctx)
		ctx.Stdout = out
		if err != nil {
			return err
		}
		text := buf.String()
		if l == i18n.Chinese {
			text = strings.Replace(text, `Run "branchcheck <command> --help" for more information on a command.`,
				"用 branchcheck 命令 --help 查看一个命令的用法和示例，如 branchcheck schools import --help。", 1)
			var lines []string
			for _, line := range strings.SplitAfter(text, "\n") {
				for _, w := range helpWords {
					if strings.HasPrefix(w.en, " ") {
						line = strings.ReplaceAll(line, w.en, w.zh)
					} else if strings.HasPrefix(line, w.en) {
						line = w.zh + strings.TrimPrefix(line, w.en)
					}
				}
				lines = append(lines, line)
			}
			text = rewrapHelp(strings.Join(lines, ""), width)
		}
		text += sayExamples(l, helpPath(ctx))
		_, err = io.WriteString(out, text)
		return err
	}
}

// helpPath is the path of the command whose help is asked for ("" for
// the program's).
func helpPath(ctx *kong.Context) string {
	if n := ctx.Selected(); n != nil {
		return n.Path()
	}
	return ""
}

// sayExamples is the examples section of a command's help: its own
// examples, or the first of each command under it.
func sayExamples(l i18n.Lang, path string) string {
	list := examples[path]
	if list == nil {
		for _, p := range commandPaths() {
			if strings.HasPrefix(p, path+" ") {
				list = append(list, examples[p][0])
			}
		}
	}
	if len(list) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("\n" + l.Pick("示例：", "Examples:") + "\n")
	for _, e := range list {
		b.WriteString("  " + e.line + "\n")
		b.WriteString("      " + e.what.Pick(l == i18n.Chinese) + "\n")
	}
	return b.String()
}

// commandPaths are the paths of the command line's commands that run,
// in the order of the help.
func commandPaths() []string {
	var c cli
	parser, err := kong.New(&c, kong.Name("branchcheck"), kong.Vars{"version": ""})
	if err != nil {
		return nil
	}
	var paths []string
	for _, n := range parser.Model.Leaves(true) {
		paths = append(paths, n.Path())
	}
	return paths
}

// localizeModel says kong's words in the model in the language: the help
// flag's help. (The placeholders of the flags and the names of the
// arguments stay as they are, FILE and <file>: kong aligns its columns by
// bytes, and a Chinese placeholder would push them out of line.)
func localizeModel(m *kong.Application, l i18n.Lang) {
	if m.HelpFlag != nil {
		m.HelpFlag.Help = l.Pick("显示帮助（写在命令后面：这个命令的帮助和示例）", "show help (after a command: that command's help and examples)")
	}
}
