package tui

import "charm.land/bubbles/v2/key"

// The keys of the rectification (整改) screens: a school's
// rectifications, the county's 整改台账 and one rectification in full.
// They are part of the KeyMap (keys.go), built with it in the language.

// SchoolRectKeys are the keys of a school's rectifications: move, read
// one in full, and the four decisions about the one selected.
type SchoolRectKeys struct {
	Up, Down, PageUp, PageDown key.Binding
	// Read shows the selected rectification in full.
	Read key.Binding
	// The decisions: the school reports it done, it is closed by hand,
	// its deadline or its person responsible is changed. Report and
	// Close are enabled on a rectification not yet closed.
	Report, Close, Deadline, Responsible key.Binding
	// Visits goes back to the school's visits.
	Visits     key.Binding
	Back, Help key.Binding
}

// LedgerKeys are the county's 整改台账's keys.
type LedgerKeys struct {
	Up, Down, PageUp, PageDown key.Binding
	// Open opens the school of the selected row (a township's row
	// shows only that township).
	Open key.Binding
	// Status shows the next status (未销号, 逾期, 已整改待复查, 已销号,
	// 全部); Township chooses the township.
	Status, Township key.Binding
	Back, Help       key.Binding
}

// RectTextKeys scroll one rectification shown in full.
type RectTextKeys struct {
	Up, Down, PageUp, PageDown key.Binding
	Back, Help                 key.Binding
}

// binder makes a binding: its keys, the key shown in the help and what
// it does in Chinese and English (NewKeyMap's own helper).
type binder func(keys []string, helpKey, zh, en string) key.Binding

func newSchoolRectKeys(b binder, up, down, pgUp, pgDown, back, help key.Binding) SchoolRectKeys {
	return SchoolRectKeys{
		Up: up, Down: down, PageUp: pgUp, PageDown: pgDown,
		Read:        b([]string{"enter"}, "enter", "看全文", "read in full"),
		Report:      b([]string{"r"}, "r", "报告整改完成", "reported done"),
		Close:       b([]string{"c"}, "c", "销号", "close"),
		Deadline:    b([]string{"d"}, "d", "改期限", "deadline"),
		Responsible: b([]string{"p"}, "p", "改责任人", "responsible"),
		Visits:      b([]string{"tab"}, "tab", "检查记录", "visits"),
		Back:        back, Help: help,
	}
}

func newLedgerKeys(b binder, up, down, pgUp, pgDown, back, help key.Binding) LedgerKeys {
	return LedgerKeys{
		Up: up, Down: down, PageUp: pgUp, PageDown: pgDown,
		Open:     b([]string{"enter"}, "enter", "打开学校", "open school"),
		Status:   b([]string{"s"}, "s", "换状态", "next status"),
		Township: b([]string{"t"}, "t", "选乡镇", "choose township"),
		Back:     back, Help: help,
	}
}

// ShortHelp lists the main keys of a school's rectifications.
func (k SchoolRectKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Report, k.Close, k.Deadline, k.Responsible, k.Visits, k.Back, k.Read, k.Help}
}

// FullHelp lists every key of a school's rectifications.
func (k SchoolRectKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Read},
		{k.Report, k.Close, k.Deadline, k.Responsible},
		{k.Visits, k.Back, k.Help},
	}
}

// ShortHelp lists the ledger's main keys.
func (k LedgerKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Open, k.Status, k.Township, k.Back, k.Help}
}

// FullHelp lists every key of the ledger.
func (k LedgerKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Open}, {k.Status, k.Township, k.Back, k.Help}}
}

// ShortHelp lists the keys of a rectification in full.
func (k RectTextKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Down, k.PageDown, k.Back, k.Help}
}

// FullHelp lists every key of a rectification in full.
func (k RectTextKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Back, k.Help}}
}
