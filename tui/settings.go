package tui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/termtext"
)

// settingsScreen is the settings, one a row: the inspector, the
// bureau's name, the export folder, the language, the star style, and
// where the database is. enter changes the selected one, in a form (a
// name, a folder) or a picker (a name used before, the language, the
// star style); a change is saved at once and the language and the stars
// apply at once.
type settingsScreen struct {
	list[settingRow]
	c      *common
	keys   SettingsKeys
	w, h   int
	loaded bool
	// values are the settings as last loaded; names the inspectors'
	// names used on this laptop; path the database's file.
	values map[string]string
	names  []string
	path   string
	form   *form
	// formKey is the setting the form edits.
	formKey string
	pick    *picker
	status  string
	// saving: a setting is on its way to the store; keys typed meanwhile
	// wait (see ready). keep is the row to select once loaded.
	saving bool
	keep   string
}

// settingRow is one setting as shown.
type settingRow struct{ key, label, value string }

// The fields the settings' forms check, for the messages.
var (
	textBureau    = checklist.Text{ZH: "填报单位", EN: "reporting unit"}
	textExportDir = checklist.Text{ZH: "导出文件夹", EN: "export folder"}
)

// settingPath is the pseudo-setting of the database's place: shown, not
// changed.
const settingPath = "path"

func newSettingsScreen(c *common) *settingsScreen {
	s := &settingsScreen{c: c, keys: c.keys.Settings}
	s.list = newList(c, listKeys{Up: s.keys.Up, Down: s.keys.Down}, func(r settingRow) string { return r.key },
		func(r settingRow) []cell { return []cell{{text: r.label}, {text: r.value}} })
	s.empty = ""
	return s
}

// settingsLoadedMsg carries the settings.
type settingsLoadedMsg struct {
	values map[string]string
	path   string
}

// settingSavedMsg: a setting was saved; settingFailedMsg: it was not.
type (
	settingSavedMsg  struct{ key, value string }
	settingFailedMsg struct {
		key string
		err error
	}
)

// Init loads the settings.
func (s *settingsScreen) Init() tea.Cmd {
	st := s.c.store
	return func() tea.Msg {
		values := map[string]string{}
		for _, k := range []string{settingInspector, SettingInspectors, SettingBureau, SettingExportDir, SettingLang, SettingStars} {
			v, err := st.Setting(k)
			if err != nil {
				return errMsg{err}
			}
			values[k] = v
		}
		return settingsLoadedMsg{values: values, path: st.Path()}
	}
}

func (s *settingsScreen) setSize(w, h int) {
	s.w, s.h = w, h
	l := s.c.lang
	labels := []string{l.Pick("项目", "Setting")}
	for _, r := range s.rows {
		labels = append(labels, r.label)
	}
	s.columns = []column{
		{title: l.Pick("项目", "Setting"), fit: labels},
		{title: l.Pick("内容", "Value"), gap: 2},
	}
	if s.form != nil {
		s.form.setWidth(w)
	}
	if s.pick != nil {
		s.pick.setSize(w, h)
	}
	// Below the title: the rows, then what the selected one means.
	s.setHeight(min(len(s.rows), max(h-8, 3)))
}

func (s *settingsScreen) title() string { return s.c.pick("设置", "Settings") }

// ready reports whether the settings are loaded and none is being saved:
// keys typed meanwhile wait for the screen to show the change.
func (s *settingsScreen) ready() bool { return s.loaded && !s.saving }

func (s *settingsScreen) typing() bool { return s.form != nil }

func (s *settingsScreen) textCursor() *tea.Cursor {
	if s.form != nil {
		return s.form.cursor(s.w)
	}
	return nil
}

func (s *settingsScreen) keyMap() help.KeyMap {
	switch {
	case s.form != nil:
		return s.form.keyMap()
	case s.pick != nil:
		return s.pick.keyMap()
	}
	return s.keys
}

// Update handles keys, the loaded settings and the results of saving.
func (s *settingsScreen) Update(msg tea.Msg) (tea.Cmd, navMsg) {
	switch msg := msg.(type) {
	case settingsLoadedMsg:
		s.loaded, s.values, s.path = true, msg.values, msg.path
		s.names = names(msg.values[SettingInspectors], msg.values[settingInspector])
		s.setRows(s.settingRows())
		if s.keep != "" {
			s.selectID(s.keep)
			s.keep = ""
		}
		s.setSize(s.w, s.h)
	case settingSavedMsg:
		s.saving = false
		if s.formKey == msg.key {
			s.form, s.formKey = nil, ""
		}
		s.status = s.c.sprintf("已保存：%s", "Saved: %s", s.labelOf(msg.key))
		switch msg.key {
		case SettingLang:
			l, _ := i18n.Parse(msg.value)
			return nil, relangMsg{l}
		case SettingStars:
			return s.Init(), restyleMsg{ParseStarStyle(msg.value)}
		}
		return s.Init(), nil
	case settingFailedMsg:
		s.saving = false
		if s.form != nil && s.formKey == msg.key {
			return s.form.setError(0, s.c.say(msg.err)), nil
		}
		return func() tea.Msg { return errMsg{msg.err} }, nil
	case tea.KeyPressMsg, tea.PasteMsg:
		return s.input(msg)
	}
	return nil, nil
}

func (s *settingsScreen) input(msg tea.Msg) (tea.Cmd, navMsg) {
	if s.form != nil {
		return s.formInput(msg), nil
	}
	if s.pick != nil {
		return s.pickInput(msg), nil
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil, nil
	}
	s.status = ""
	if cmd, ok := s.listKey(k); ok {
		return cmd, nil
	}
	switch {
	case key.Matches(k, s.keys.Edit):
		if r, ok := s.selected(); ok {
			return s.edit(r.key), nil
		}
	case key.Matches(k, s.keys.Back):
		return nil, goBackMsg{}
	}
	return nil, nil
}

// View draws the settings, or the form or the picker that changes one.
func (s *settingsScreen) View(w, h int) []string {
	st := s.c.styles
	switch {
	case s.form != nil:
		return s.form.View(w)
	case s.pick != nil:
		return s.pick.view(w)
	case !s.loaded:
		return s.c.loading(s.title())
	}
	var out lines
	out.add(st.Title.Render(termtext.Clip(s.title(), w)), "")
	out.add(s.list.view(w)...)
	if r, ok := s.selected(); ok {
		for _, row := range s.c.wrap(s.about(r.key), w) {
			out.add(st.Dim.Render(row))
		}
	}
	if s.status != "" {
		out.add("", st.OK.Render(termtext.Clip(s.status, w)))
	}
	return out
}

// settingRows are the rows: each setting with its value in words.
func (s *settingsScreen) settingRows() []settingRow {
	c, v := s.c, s.values
	unset := c.pick("（未设置）", "(not set)")
	or := func(val, none string) string {
		if strings.TrimSpace(val) == "" {
			return none
		}
		return val
	}
	dir := v[SettingExportDir]
	if dir == "" {
		dir = c.exportDir + c.pick("（默认）", " (default)")
	}
	lang := c.pick("中文", "English")
	if c.from != "" {
		lang += c.sprintf("（本次由 %s 决定）", " (this time from %s)", c.from)
	}
	stars := c.starsName(c.style)
	if c.style == StarsAuto {
		stars += c.pick("：", ": ") + c.starsName(c.stars)
	}
	return []settingRow{
		{settingInspector, c.pick("检查人", "Inspector"), or(v[settingInspector], c.pick("（未设置，第一次检查时会问）", "(not set: asked at the first visit)"))},
		{SettingBureau, c.pick("填报单位", "Reporting unit"), or(v[SettingBureau], unset)},
		{SettingExportDir, c.pick("导出文件夹", "Export folder"), dir},
		{SettingLang, c.pick("界面语言", "Language"), lang},
		{SettingStars, c.pick("星级显示", "Stars"), stars},
		{settingPath, c.pick("数据库文件", "Database"), s.path},
	}
}

// labelOf names a setting.
func (s *settingsScreen) labelOf(key string) string {
	for _, r := range s.rows {
		if r.key == key {
			return r.label
		}
	}
	return key
}

// about says what a setting is for and how it changes.
func (s *settingsScreen) about(key string) string {
	c := s.c
	switch key {
	case settingInspector:
		return c.pick("新建检查时署的名字，答案和修改记录都记在这个名字下。按 enter 从本机用过的名字中选，或输入新名字。",
			"The name new visits are made under; answers and the audit trail record it. enter picks a name used on this laptop or takes a new one.")
	case SettingBureau:
		return c.pick("填报单位，印在导出的评定表上。按 enter 修改。", "The reporting unit printed on the exported tables. enter changes it.")
	case SettingExportDir:
		return c.sprintf("导出的文件写到这个文件夹。留空则用默认文件夹：%s。按 enter 修改。",
			"Exports are written to this folder. Left empty: the default, %s. enter changes it.", c.exportDir)
	case SettingLang:
		return c.pick("界面的语言，按 enter 切换，立即生效。启动时若带了 --lang 参数或系统语言（LANG）已设定，以它们为准；否则用这里的设置。",
			"The interface's language; enter switches it at once. At start --lang or the system's locale (LANG) comes first; without them, this setting.")
	case SettingStars:
		return c.sprintf("有的中文终端把 ★ ☆ 画成两格宽，表格会错位。“自动”在终端回答 ★ 占一格时画 ★★★☆☆，否则只用文字（四星）。本终端：%s。",
			"Some Chinese terminals draw ★ ☆ two cells wide, which shifts the tables. Automatic draws ★★★☆☆ where the terminal says ★ takes one cell, else words (4 stars). This terminal: %s.", s.terminal())
	case settingPath:
		return c.pick("本机所有学校和检查记录都在这个文件里；每天第一次使用时，自动备份到它旁边的 backups 文件夹。",
			"Every school and visit on this laptop is in this file; on the first use of each day a backup goes to the backups folder beside it.")
	}
	return ""
}

// terminal says what the terminal told of ★.
func (s *settingsScreen) terminal() string {
	switch s.c.ambiguous {
	case AmbiguousNarrow:
		return s.c.pick("★ 占一格", "★ takes one cell")
	case AmbiguousWide:
		return s.c.pick("★ 占两格", "★ takes two cells")
	}
	return s.c.pick("没有回答 ★ 有多宽，按两格排版", "did not say how wide ★ is; laid out as two cells")
}
