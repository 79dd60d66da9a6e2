package tui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/termtext"
)

// The settings screen's side of changing a setting: the form or the
// picker for each, checking what was typed, and saving.

// edit opens what changes a setting.
func (s *settingsScreen) edit(key string) tea.Cmd {
	c := s.c
	switch key {
	case settingInspector:
		opts := make([]pickOption, 0, len(s.names)+1)
		for _, n := range s.names {
			opts = append(opts, pickOption{value: n, label: n, current: n == s.values[settingInspector], forget: true})
		}
		opts = append(opts, pickOption{label: c.pick("（输入新名字）", "(type a new name)"), other: true})
		s.openPick(key, c.pick("检查人", "Inspector"), c.pick("选一个本机用过的名字，或输入新名字。", "Pick a name used on this laptop, or type a new one."), opts)
	case SettingLang:
		opts := []pickOption{{value: string(i18n.Chinese), label: "中文"}, {value: string(i18n.English), label: "English"}}
		for i := range opts {
			opts[i].current = opts[i].value == string(c.lang)
		}
		s.openPick(key, c.pick("界面语言", "Language"), c.pick("选定后立即生效。", "Applies at once."), opts)
	case SettingStars:
		opts := make([]pickOption, len(StarStyles))
		for i, st := range StarStyles {
			opts[i] = pickOption{value: string(st), label: c.starsName(st), current: st == c.style}
		}
		s.openPick(key, c.pick("星级显示", "Stars"), s.about(SettingStars), opts)
	case SettingBureau:
		return s.openForm(key, c.pick("填报单位", "Reporting unit"), "",
			newField(c, c.pick("单位名称", "Name"), termtext.Line(s.values[SettingBureau]), c.pick("如 某某县教育局", "e.g. the county education bureau"), false, checklist.MaxLine))
	case SettingExportDir:
		return s.openForm(key, c.pick("导出文件夹", "Export folder"),
			c.sprintf("文件夹须已存在。留空则用默认文件夹：%s", "The folder must exist. Left empty: the default, %s", c.exportDir),
			newField(c, c.pick("文件夹", "Folder"), termtext.Line(s.values[SettingExportDir]), c.exportDir, false, checklist.MaxLine))
	}
	return nil
}

func (s *settingsScreen) openPick(key, title, hint string, opts []pickOption) {
	s.pick = newPicker(s.c, key, title, hint, opts)
	s.pick.setSize(s.w, s.h)
}

func (s *settingsScreen) openForm(key, title, hint string, f formField) tea.Cmd {
	s.formKey = key
	fm, cmd := newForm(s.c, title, hint, f)
	return openForm(&s.form, fm, cmd, s.w)
}

// pickInput passes a key to the picker; a pick is saved.
func (s *settingsScreen) pickInput(msg tea.Msg) tea.Cmd {
	res, o := s.pick.update(msg)
	key := s.pick.key
	switch res {
	case pickCancelled:
		s.pick = nil
	case pickForget:
		s.pick = nil
		rest := slices.DeleteFunc(slices.Clone(s.names), func(n string) bool { return n == o.value })
		return s.save(SettingInspectors, strings.Join(rest, "\n"))
	case picked:
		s.pick = nil
		switch {
		case o.other:
			c := s.c
			return s.openForm(settingInspector, c.pick("检查人", "Inspector"), "",
				newField(c, c.pick("姓名", "Name"), "", c.pick("您的姓名", "your name"), true, 30))
		case key == settingInspector:
			return s.saveInspector(o.value)
		default:
			return s.save(key, o.value)
		}
	}
	return nil
}

// formInput passes a key to the form; a sent form is checked and saved.
func (s *settingsScreen) formInput(msg tea.Msg) tea.Cmd {
	f, cmd := updateForm(&s.form, msg)
	if f == nil {
		if s.form == nil {
			s.formKey = ""
		}
		return cmd
	}
	// The form stays open until the setting is saved, to say what is
	// wrong if it is not.
	s.form = f
	v := f.value(0)
	field := map[string]checklist.Text{settingInspector: checklist.TextInspector, SettingBureau: textBureau, SettingExportDir: textExportDir}[s.formKey]
	if err := checklist.CheckLine(field, v, checklist.MaxLine); err != nil {
		return f.setError(0, s.c.say(err))
	}
	switch s.formKey {
	case settingInspector:
		return s.saveInspector(v)
	case SettingExportDir:
		return s.saveFolder(v)
	}
	return s.save(s.formKey, v)
}

// save saves a setting.
func (s *settingsScreen) save(key, value string) tea.Cmd {
	st := s.c.store
	s.saving = true
	return func() tea.Msg {
		if err := st.SetSetting(key, value); err != nil {
			return settingFailedMsg{key, err}
		}
		return settingSavedMsg{key, value}
	}
}

// saveInspector makes a name the inspector's, first among the names.
func (s *settingsScreen) saveInspector(name string) tea.Cmd {
	st := s.c.store
	s.saving = true
	return func() tea.Msg {
		if err := rememberInspector(st, name); err != nil {
			return settingFailedMsg{settingInspector, err}
		}
		return settingSavedMsg{settingInspector, name}
	}
}

// saveFolder saves the export folder once it is found to be one; empty
// goes back to the default.
func (s *settingsScreen) saveFolder(dir string) tea.Cmd {
	st := s.c.store
	s.saving = true
	return func() tea.Msg {
		if dir != "" {
			var err error
			if dir, err = folder(dir); err != nil {
				return settingFailedMsg{SettingExportDir, err}
			}
		}
		if err := st.SetSetting(SettingExportDir, dir); err != nil {
			return settingFailedMsg{SettingExportDir, err}
		}
		return settingSavedMsg{SettingExportDir, dir}
	}
}

// folder is the absolute path of a folder that exists (~ is the home
// folder), or why it is none.
func folder(dir string) (string, error) {
	if rest, ok := strings.CutPrefix(dir, "~"); ok && (rest == "" || rest[0] == '/' || rest[0] == '\\') {
		if home, err := os.UserHomeDir(); err == nil {
			dir = home + rest
		}
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return "", err
	}
	if !fi.IsDir() {
		return "", checklist.Errorf(checklist.ErrInvalid, checklist.Text{ZH: "%s 不是文件夹", EN: "%s is not a folder"}, abs)
	}
	return abs, nil
}

// names are the inspectors' names kept in the setting (one a line), the
// current one among them.
func names(list, current string) []string {
	var out []string
	for _, n := range append([]string{current}, strings.Split(list, "\n")...) {
		if n = strings.TrimSpace(n); n != "" && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// rememberInspector makes name the inspector's and puts it first among
// the names used on this laptop. It does I/O: call it in a command.
func rememberInspector(st Store, name string) error {
	if err := st.SetSetting(settingInspector, name); err != nil {
		return err
	}
	list, err := st.Setting(SettingInspectors)
	if err != nil {
		return err
	}
	return st.SetSetting(SettingInspectors, strings.Join(names(list, name), "\n"))
}

// ExportFolder is where exports go: the folder in the settings
// (SettingExportDir), else fallback (the user's documents folder).
func ExportFolder(st interface{ Setting(string) (string, error) }, fallback string) (string, error) {
	dir, err := st.Setting(SettingExportDir)
	if err != nil || dir == "" {
		return fallback, err
	}
	return dir, nil
}
