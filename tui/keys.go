package tui

import (
	"fmt"

	"charm.land/bubbles/v2/key"

	"branchcheck/i18n"
)

// KeyMap holds every key binding of the interface, one set per screen and
// per mode, built once in the language. The same bindings drive the
// handling (key.Matches) and the help (the bar at the bottom and the ?
// page), so the two cannot disagree. A binding that does nothing in the
// current state is disabled: key.Matches skips it and the help hides it.
type KeyMap struct {
	Global   GlobalKeys
	Schools  SchoolsKeys
	School   SchoolKeys
	Walk     WalkKeys
	Confirm  ConfirmKeys
	Note     NoteKeys
	Form     FormKeys
	Filter   FilterKeys
	Ratings  RatingsKeys
	Export   ExportKeys
	Standard StandardKeys
	HelpPage HelpPageKeys
	Settings SettingsKeys
	Pick     PickKeys
	Audit    AuditKeys
	Delete   DeleteKeys
	Towns    TownshipKeys
	// Rectifications (整改): a school's, the county's 整改台账, one in
	// full (rectkeys.go).
	SchoolRects SchoolRectKeys
	Ledger      LedgerKeys
	RectText    RectTextKeys
	Files       FilesKeys
	Browse      BrowseKeys
	Result      ResultKeys
	// The year end: a branch's self-assessment, its veto situations.
	Self   SelfKeys
	Vetoes VetoKeys
}

// SelfKeys enter a branch's self-assessment: the walk's answer keys, a
// number for a deduction or bonus item.
type SelfKeys struct {
	Up, Down, PageUp, PageDown            key.Binding
	Met, PartlyMet, NotMet, NotApplicable key.Binding
	Clear, Number                         key.Binding
	// Form writes the school's 自评表 to the export folder.
	Form       key.Binding
	Back, Help key.Binding
}

// ShortHelp is the bar of the self-assessment's keys.
func (k SelfKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Met, k.PartlyMet, k.NotMet, k.NotApplicable, k.Number, k.Clear, k.Form, k.Back, k.Help}
}

// FullHelp is every key of the self-assessment.
func (k SelfKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Met, k.PartlyMet, k.NotMet, k.NotApplicable, k.Number, k.Clear}, {k.Up, k.Down, k.PageUp, k.PageDown, k.Form, k.Back}}
}

// VetoKeys record and lift a school's veto situations.
type VetoKeys struct {
	Up, Down         key.Binding
	Record, Lift     key.Binding
	PrevYear, NextYr key.Binding
	Back, Help       key.Binding
}

// ShortHelp is the bar of the veto situations' keys.
func (k VetoKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Record, k.Lift, k.PrevYear, k.NextYr, k.Back, k.Help}
}

// FullHelp is every key of the veto situations.
func (k VetoKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Record, k.Lift}, {k.PrevYear, k.NextYr, k.Back}}
}

// GlobalKeys work on every screen.
type GlobalKeys struct {
	Quit key.Binding
	Help key.Binding
}

// SchoolsKeys are the list of schools' keys.
type SchoolsKeys struct {
	Up, Down, PageUp, PageDown key.Binding
	Open, Add, Filter          key.Binding
	// Unvisited shows only the schools not visited this year;
	// Townships the year's progress by township.
	Unvisited, Townships key.Binding
	Ratings, Standard    key.Binding
	Settings             key.Binding
	// Files opens the imports and exports; Archived the archived
	// schools.
	Files, Archived key.Binding
	Help, Quit      key.Binding
	// Ledger opens the county's 整改台账.
	Ledger key.Binding
}

// SchoolKeys are one school's screen's keys.
type SchoolKeys struct {
	Up, Down  key.Binding
	Open, New key.Binding
	// Delete deletes the selected draft (only a draft never finalized);
	// Audit shows the selected visit's audit trail.
	Delete, Audit key.Binding
	// Edit changes the school's fields; DeleteSchool deletes a school
	// with no visit; Archive archives one (or brings an archived one
	// back); Redate changes the selected draft's date; Feedback writes
	// the selected finalized visit's 检查反馈单.
	Edit, DeleteSchool, Archive, Redate, Feedback key.Binding
	Back                                          key.Binding
	Help                                          key.Binding
	// Rects switches to the school's rectifications.
	Rects key.Binding
	// SelfCheck enters the branch's self-assessment; Vetoes its veto
	// situations (offered where the standard lists them).
	SelfCheck, Vetoes key.Binding
}

// FilesKeys are the files screen's keys: choose a job and run it.
type FilesKeys struct {
	Up, Down   key.Binding
	Run        key.Binding
	Back, Help key.Binding
}

// BrowseKeys are the file browser's keys (bubbles' filepicker), for the
// help: it matches its own.
type BrowseKeys struct {
	Up, Down, Open, Parent, Cancel key.Binding
}

// ResultKeys scroll what a job on files did, and leave it.
type ResultKeys struct {
	Up, Down, PageUp, PageDown key.Binding
	Back                       key.Binding
}

// WalkKeys are the walk's keys: answer, move, note, finalize.
type WalkKeys struct {
	Met, PartlyMet, NotMet, NotApplicable key.Binding
	Note, Clear                           key.Binding
	// Undo takes back the last answer given in this walk (enabled while
	// there is one); Audit shows the visit's audit trail.
	Undo, Audit                key.Binding
	Up, Down, NextReq, PrevReq key.Binding
	Finalize, Reopen           key.Binding
	Back, Help                 key.Binding
	// NextRect jumps to the next item with an open rectification
	// (enabled while the school has one).
	NextRect key.Binding
}

// SettingsKeys are the settings screen's keys.
type SettingsKeys struct {
	Up, Down   key.Binding
	Edit       key.Binding
	Back, Help key.Binding
}

// PickKeys choose among a setting's values; Forget takes a name off the
// list of inspectors' names.
type PickKeys struct {
	Up, Down             key.Binding
	Pick, Forget, Cancel key.Binding
}

// AuditKeys scroll a visit's audit trail.
type AuditKeys struct {
	Up, Down, PageUp, PageDown key.Binding
	Back, Help                 key.Binding
}

// DeleteKeys confirm deleting a draft.
type DeleteKeys struct {
	Confirm, Cancel key.Binding
}

// TownshipKeys are the keys of the year's progress by township.
type TownshipKeys struct {
	Up, Down, PageUp, PageDown key.Binding
	Open, Back                 key.Binding
}

// ConfirmKeys answer the finalize summary.
type ConfirmKeys struct {
	Confirm, FirstMissing, Cancel key.Binding
}

// NoteKeys work while a note is being edited; every other key types.
type NoteKeys struct {
	Done key.Binding
}

// FormKeys move through a small form and send it.
type FormKeys struct {
	Next, Prev, Submit, Cancel key.Binding
}

// FilterKeys work while a filter or search is being typed.
type FilterKeys struct {
	Apply, Clear key.Binding
}

// RatingsKeys are the year ratings' keys.
type RatingsKeys struct {
	Up, Down, PageUp, PageDown key.Binding
	PrevYear, NextYear         key.Binding
	SortPrev, SortNext, Order  key.Binding
	Filter, Open               key.Binding
	// Export is offered only when an exporter is wired in
	// (Options.ExportRatings); otherwise it is disabled and not shown.
	Export     key.Binding
	Back, Help key.Binding
	// The year's stages (公示, 确定, 撤回), each offered where it
	// applies, and the charts.
	Publish, Confirm, Withdraw, Charts key.Binding
}

// ExportKeys choose the format of an export, or cancel it.
type ExportKeys struct {
	XLSX, CSV, HTML, Markdown, JSON key.Binding
	Cancel                          key.Binding
}

// Formats pairs each format key with the format's name, in the order
// they are offered.
func (k ExportKeys) Formats() []ExportChoice {
	return []ExportChoice{{k.XLSX, "xlsx"}, {k.CSV, "csv"}, {k.HTML, "html"}, {k.Markdown, "md"}, {k.JSON, "json"}}
}

// ExportChoice is a format key and the format it picks.
type ExportChoice struct {
	Key    key.Binding
	Format string
}

// StandardKeys are the standard review's keys.
type StandardKeys struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	Search, Lang                            key.Binding
	Back, Help                              key.Binding
}

// HelpPageKeys close the help page.
type HelpPageKeys struct {
	Close key.Binding
}

// NewKeyMap builds the key map with its help in the language.
func NewKeyMap(l i18n.Lang) *KeyMap {
	b := func(keys []string, helpKey, zh, en string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(helpKey, l.Pick(zh, en)))
	}
	k := func(keys ...string) []string { return keys }
	up := b(k("k", "up"), "k/up", "上移", "up")
	down := b(k("j", "down"), "j/down", "下移", "down")
	pgUp := b(k("pgup", "ctrl+u"), "pgup", "上一页", "page up")
	pgDown := b(k("pgdown", "ctrl+d"), "pgdn", "下一页", "page down")
	help := b(k("?"), "?", "帮助", "help")
	back := b(k("esc"), "esc", "返回", "back")
	filter := b(k("/"), "/", "筛选", "filter")
	open := b(k("enter"), "enter", "打开", "open")

	return &KeyMap{
		Global: GlobalKeys{
			Quit: b(k("ctrl+c"), "ctrl+c", "退出（先保存）", "quit (saves first)"),
			Help: help,
		},
		Schools: SchoolsKeys{
			Up: up, Down: down, PageUp: pgUp, PageDown: pgDown,
			Open:      open,
			Add:       b(k("a"), "a", "添加学校", "add school"),
			Filter:    filter,
			Unvisited: b(k("v"), "v", "只看本年未检查", "not visited this year"),
			Townships: b(k("t"), "t", "各乡镇进度", "progress by township"),
			Ratings:   b(k("r"), "r", "年度评定", "ratings"),
			Standard:  b(k("s"), "s", "检查标准", "standard"),
			Settings:  b(k("o"), "o", "设置", "settings"),
			Files:     b(k("f"), "f", "导入导出", "files"),
			Archived:  b(k("A"), "A", "已归档学校", "archived schools"),
			Help:      help,
			Quit:      b(k("q"), "q", "退出", "quit"),
			Ledger:    b(k("z"), "z", "整改台账", "rectification ledger"),
		},
		School: SchoolKeys{
			Up: up, Down: down,
			Open:         b(k("enter"), "enter", "继续草稿/查看", "resume/view"),
			New:          b(k("n"), "n", "新建检查", "new visit"),
			Delete:       b(k("d"), "d", "删除草稿", "delete draft"),
			Audit:        b(k("h"), "h", "修改记录", "audit trail"),
			Edit:         b(k("e"), "e", "修改学校信息", "edit school"),
			DeleteSchool: b(k("D"), "D", "删除学校", "delete school"),
			Archive:      b(k("A"), "A", "归档/取消归档", "archive/unarchive"),
			Redate:       b(k("t"), "t", "改草稿日期", "change draft's date"),
			Feedback:     b(k("f"), "f", "检查反馈单", "feedback sheet"),
			Rects:        b(k("tab"), "tab", "整改事项", "rectifications"),
			SelfCheck:    b(k("s"), "s", "支部自评", "self-assessment"),
			Vetoes:       b(k("v"), "v", "一票否决情形", "veto situations"),
			Back:         back, Help: help,
		},
		Files: FilesKeys{
			Up: up, Down: down,
			Run:  b(k("enter"), "enter", "执行", "run"),
			Back: back, Help: help,
		},
		Browse: BrowseKeys{
			Up: up, Down: down,
			Open:   b(k("enter", "l", "right"), "enter", "打开文件夹/选定文件", "open folder/choose file"),
			Parent: b(k("backspace", "h", "left"), "h/backspace", "上一级文件夹", "parent folder"),
			Cancel: b(k("esc"), "esc", "返回输入路径", "back to the path"),
		},
		Result: ResultKeys{
			Up: up, Down: down, PageUp: pgUp, PageDown: pgDown,
			Back: b(k("esc", "enter"), "esc", "返回", "back"),
		},
		Walk: WalkKeys{
			Met:           b(k("y"), "y", "符合", "met"),
			PartlyMet:     b(k("p"), "p", "部分符合", "partly"),
			NotMet:        b(k("n"), "n", "不符合", "not met"),
			NotApplicable: b(k("x"), "x", "不适用", "n/a"),
			Note:          b(k("e"), "e", "备注", "note"),
			Clear:         b(k("u"), "u", "清除", "clear"),
			Undo:          b(k("z", "ctrl+z"), "z", "撤销", "undo"),
			Audit:         b(k("h"), "h", "修改记录", "audit trail"),
			Up:            up,
			Down:          down,
			NextReq:       b(k("tab"), "tab", "下一要", "next must"),
			PrevReq:       b(k("shift+tab"), "shift+tab", "上一要", "prev must"),
			Finalize:      b(k("F"), "F", "定稿", "finalize"),
			Reopen:        b(k("R"), "R", "重新打开", "reopen"),
			Back:          back,
			Help:          help,
			NextRect:      b(k("r"), "r", "下一整改项", "next to fix"),
		},
		Confirm: ConfirmKeys{
			Confirm:      b(k("y"), "y", "确认定稿", "finalize"),
			FirstMissing: b(k("enter"), "enter", "去第一个未答项", "go to first unanswered"),
			Cancel:       b(k("esc"), "esc", "返回", "back"),
		},
		Note: NoteKeys{
			Done: b(k("esc", "ctrl+s"), "esc", "保存备注并返回", "save note and leave"),
		},
		Form: FormKeys{
			Next:   b(k("tab", "down"), "tab", "下一栏", "next field"),
			Prev:   b(k("shift+tab", "up"), "shift+tab", "上一栏", "previous field"),
			Submit: b(k("enter", "ctrl+s"), "enter", "确定", "ok"),
			Cancel: b(k("esc"), "esc", "取消", "cancel"),
		},
		Filter: FilterKeys{
			Apply: b(k("enter"), "enter", "完成", "done"),
			Clear: b(k("esc"), "esc", "清除", "clear"),
		},
		Ratings: RatingsKeys{
			Up: up, Down: down, PageUp: pgUp, PageDown: pgDown,
			PrevYear: b(k("["), "[", "上一年", "prev year"),
			NextYear: b(k("]"), "]", "下一年", "next year"),
			SortPrev: b(k("left", "h"), "h/left", "排序列左移", "sort left"),
			SortNext: b(k("right", "l"), "l/right", "排序列右移", "sort right"),
			Order:    b(k("s"), "s", "升序/降序", "asc/desc"),
			Filter:   filter,
			Open:     b(k("enter"), "enter", "打开学校", "open school"),
			Export:   key.NewBinding(key.WithKeys("x"), key.WithHelp("x", l.Pick("导出", "export")), key.WithDisabled()),
			Back:     back,
			Help:     help,
			Publish:  b(k("P"), "P", "公示", "publish"),
			Confirm:  b(k("C"), "C", "确定", "confirm"),
			Withdraw: b(k("W"), "W", "撤回", "withdraw"),
			Charts:   b(k("g"), "g", "图表/列表", "charts/table"),
		},
		Standard: StandardKeys{
			Up: up, Down: down, PageUp: pgUp, PageDown: pgDown,
			Top:    b(k("g", "home"), "g", "开头", "top"),
			Bottom: b(k("G", "end"), "G", "末尾", "bottom"),
			Search: b(k("/"), "/", "搜索", "search"),
			Lang:   b(k("l"), "l", "中文/English", "English/中文"),
			Back:   back,
			Help:   help,
		},
		Export: ExportKeys{
			XLSX:     b(k("x"), "x", "Excel 表格", "Excel workbook"),
			CSV:      b(k("c"), "c", "CSV", "CSV"),
			HTML:     b(k("h"), "h", "网页（可打印）", "web page (prints on A4)"),
			Markdown: b(k("m"), "m", "Markdown", "Markdown"),
			JSON:     b(k("j"), "j", "JSON", "JSON"),
			Cancel:   b(k("esc"), "esc", "取消", "cancel"),
		},
		HelpPage: HelpPageKeys{
			Close: b(k("esc", "?", "q"), "esc", "关闭帮助", "close help"),
		},
		Settings: SettingsKeys{
			Up: up, Down: down,
			Edit: b(k("enter"), "enter", "修改", "change"),
			Back: back, Help: help,
		},
		Pick: PickKeys{
			Up: up, Down: down,
			Pick:   b(k("enter"), "enter", "选定", "choose"),
			Forget: b(k("d"), "d", "从名单删去", "forget this name"),
			Cancel: b(k("esc"), "esc", "取消", "cancel"),
		},
		Audit: AuditKeys{
			Up: up, Down: down, PageUp: pgUp, PageDown: pgDown,
			Back: back, Help: help,
		},
		Delete: DeleteKeys{
			Confirm: b(k("y"), "y", "确认删除", "delete"),
			Cancel:  b(k("esc"), "esc", "取消", "cancel"),
		},
		Towns: TownshipKeys{
			Up: up, Down: down, PageUp: pgUp, PageDown: pgDown,
			Open: b(k("enter"), "enter", "看该乡镇的学校", "its schools"),
			Back: b(k("esc", "t"), "esc", "返回学校列表", "back to the schools"),
		},
		Self: SelfKeys{
			Up: up, Down: down, PageUp: pgUp, PageDown: pgDown,
			Met:           b(k("y"), "y", "符合", "met"),
			PartlyMet:     b(k("p"), "p", "部分符合", "partly"),
			NotMet:        b(k("n"), "n", "不符合", "not met"),
			NotApplicable: b(k("x"), "x", "不适用", "n/a"),
			Clear:         b(k("u"), "u", "清除", "clear"),
			Number:        b(k("enter"), "enter/0-9", "填数字", "a number"),
			Form:          b(k("w"), "w", "写出自评表", "write the form"),
			Back:          back, Help: help,
		},
		Vetoes: VetoKeys{
			Up: up, Down: down,
			Record:   b(k("enter", "a"), "enter", "记录", "record"),
			Lift:     b(k("l"), "l", "撤销记录", "lift"),
			PrevYear: b(k("["), "[", "上一年", "prev year"),
			NextYr:   b(k("]"), "]", "下一年", "next year"),
			Back:     back, Help: help,
		},
		SchoolRects: newSchoolRectKeys(b, up, down, pgUp, pgDown, back, help),
		Ledger:      newLedgerKeys(b, up, down, pgUp, pgDown, back, help),
		RectText:    RectTextKeys{Up: up, Down: down, PageUp: pgUp, PageDown: pgDown, Back: back, Help: help},
	}
}

// lockWrites turns off every key that writes to the database, for a
// database opened read-only; the screens that enable keys by state keep
// them off (common.writable).
func (k *KeyMap) lockWrites() {
	for _, b := range []*key.Binding{&k.Schools.Add, &k.School.New, &k.School.Delete, &k.School.Edit,
		&k.School.DeleteSchool, &k.School.Archive, &k.School.Redate, &k.Settings.Edit,
		&k.Ratings.Publish, &k.Ratings.Confirm, &k.Ratings.Withdraw} {
		b.SetEnabled(false)
	}
}

// keyMap is a ready-made help.KeyMap: the bindings of the bar and those
// of the help page.
type keyMap struct {
	short []key.Binding
	full  [][]key.Binding
}

// ShortHelp is the one-line help at the bottom of the screen.
func (k keyMap) ShortHelp() []key.Binding { return k.short }

// FullHelp is every key of the screen, in columns.
func (k keyMap) FullHelp() [][]key.Binding { return k.full }

// oneColumn is a help.KeyMap of a few keys: the bar and the help page
// show the same ones.
func oneColumn(bindings ...key.Binding) keyMap {
	return keyMap{short: bindings, full: [][]key.Binding{bindings}}
}

// step is how far a key moves a cursor in a list: up and down one, a
// page up or down; ok is false for any other key.
func step(k fmt.Stringer, page int, up, down, pgUp, pgDown key.Binding) (d int, ok bool) {
	switch {
	case key.Matches(k, up):
		return -1, true
	case key.Matches(k, down):
		return 1, true
	case key.Matches(k, pgUp):
		return -page, true
	case key.Matches(k, pgDown):
		return page, true
	}
	return 0, false
}
