package main

import (
	"errors"
	"strings"

	"branchcheck/checklist"
	"branchcheck/store"
)

// While the app has the database open, every other command is refused:
// bbolt lets a process open a database only when no other holds its
// lock, a read-only open included (a read-only open takes a shared lock,
// which waits for the app's exclusive one). The refusal is one line in
// the user's language that says so and names the place in the app that
// does the same job, so that the staff member who keeps the app open
// does not have to quit to export.
//
// Why the app keeps the lock for as long as it is open, rather than only
// while it writes: every answer of a walk is its own committed
// transaction before the screen says it is saved. Letting go of the lock
// between writes would make each answer open the database again (lock,
// map, check the meta pages: what store.Open does, measured in the
// README), and any command that held a read lock at that moment (an
// export of a county's ratings reads for about a second) would hold up
// the answer, or make it fail after store.LockTimeout: the inspector's
// "已保存" would then depend on what someone else runs. The friendly
// refusal keeps that promise simple; every job those commands do is in
// the app.

// inUseText is the refusal; its argument is where the app does the job.
var inUseText = checklist.Text{
	ZH: "数据库正被检查界面（或另一个 branchcheck）使用；%s",
	EN: "the database is in use by the inspection app (or another branchcheck); %s",
}

// appPlaces are where the app does each command's job, by the command's
// words (kong's Command, arguments left out), longest first where one is
// the start of another.
var appPlaces = []struct {
	command string
	place   checklist.Text
}{
	{"ratings", checklist.Text{ZH: "导出评定表请在界面中按 r 进入年度评定后按 x", EN: "to export the ratings, press r in the app, then x"}},
	{"report", checklist.Text{ZH: "检查反馈单请在界面中打开学校，选中已定稿的检查后按 f", EN: "for a feedback sheet, open the school in the app, select a finalized visit and press f"}},
	{"rectifications list", checklist.Text{ZH: "导出整改台账请在界面中按 f，选“导出整改台账”", EN: "to export the rectification ledger, press f in the app and choose Export rectifications"}},
	{"schools import", checklist.Text{ZH: "导入学校名单请在界面中按 f，选“导入学校名单”", EN: "to import the school list, press f in the app and choose Import the school list"}},
	{"schools list", checklist.Text{ZH: "学校名单就是界面的学校列表（按 A 看已归档的学校）", EN: "the schools are the app's schools list (A: the archived ones)"}},
	{"schools add", checklist.Text{ZH: "添加学校请在界面的学校列表中按 a", EN: "to add a school, press a on the app's schools list"}},
	{"schools edit", checklist.Text{ZH: "修改学校请在界面中打开学校后按 e", EN: "to edit a school, open it in the app and press e"}},
	{"schools delete", checklist.Text{ZH: "删除学校请在界面中打开学校后按 D", EN: "to delete a school, open it in the app and press D"}},
	{"schools archive", checklist.Text{ZH: "归档学校请在界面中打开学校后按 A", EN: "to archive a school, open it in the app and press A"}},
	{"visits list", checklist.Text{ZH: "检查记录请在界面中打开学校查看", EN: "a school's visits are on its screen in the app"}},
	{"visits redate", checklist.Text{ZH: "改草稿日期请在界面中打开学校，选中草稿后按 t", EN: "to change a draft's date, open the school in the app, select the draft and press t"}},
	{"visits delete", checklist.Text{ZH: "删除草稿请在界面中打开学校，选中草稿后按 d", EN: "to delete a draft, open the school in the app, select it and press d"}},
	{"standard show", checklist.Text{ZH: "查看检查标准请在界面中按 s", EN: "to read the standard, press s in the app"}},
	{"settings", checklist.Text{ZH: "设置请在界面中按 o", EN: "for the settings, press o in the app"}},
	{"bundle export", checklist.Text{ZH: "导出数据包请在界面中按 f，选“导出数据包”", EN: "to export a bundle, press f in the app and choose Export a bundle"}},
	{"bundle import", checklist.Text{ZH: "导入数据包请在界面中按 f，选“导入数据包”", EN: "to import a bundle, press f in the app and choose Import a bundle"}},
	{"tui", checklist.Text{ZH: "检查界面已经在另一个窗口中打开，请换到那个窗口", EN: "the app is open in another window already: switch to it"}},
	{"backup", checklist.Text{ZH: "备份请在界面中按 f，选“备份数据库”", EN: "for a backup, press f in the app and choose Back up the database"}},
}

// elsewhere is what a command the app has no place for says.
var elsewhere = checklist.Text{ZH: "请先退出检查界面再运行这个命令", EN: "quit the app first, then run this command"}

// inUse words a refusal of the database because another process holds
// it for the command being run; any other error is returned as it is.
func (a *app) inUse(err error) error {
	if !errors.Is(err, store.ErrInUse) {
		return err
	}
	return checklist.Errorf(store.ErrInUse, inUseText, placeOf(a.command))
}

// placeOf is where the app does what a command does.
func placeOf(command string) checklist.Text {
	var words []string
	for _, w := range strings.Fields(command) {
		if strings.HasPrefix(w, "<") {
			break // an argument
		}
		words = append(words, w)
	}
	cmd := strings.Join(words, " ")
	if cmd == "rectifications" {
		cmd = "rectifications list" // the default subcommand
	}
	for _, p := range appPlaces {
		if cmd == p.command || strings.HasPrefix(cmd, p.command+" ") {
			return p.place
		}
	}
	return elsewhere
}
