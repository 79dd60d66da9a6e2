package main

import (
	"fmt"
	"strings"

	"branchcheck/checklist"
	"branchcheck/store"
	"branchcheck/termtext"
)

// settingBureau is the setting holding the bureau's name (填报单位), printed
// on the papers the exports make. The settings screen (issue 12) reads and
// writes the same key; it may move beside store.SettingInspector then.
const settingBureau = "bureau"

// textBureau names the bureau's name in messages.
var textBureau = checklist.Text{ZH: "填报单位", EN: "bureau name"}

type settingsCmd struct {
	Show     settingsShowCmd     `cmd:"" default:"1" help:"help_settings_show"`
	Bureau   settingsBureauCmd   `cmd:"" help:"help_settings_bureau"`
	Timezone settingsTimezoneCmd `cmd:"" help:"help_settings_timezone"`
}

type settingsShowCmd struct{}

// Run shows the settings kept in the database.
func (c *settingsShowCmd) Run(a *app) error {
	bureau, inspector, zone := "", "", ""
	if a.dbExists() {
		s, err := a.openStoreReadOnly()
		if err != nil {
			return err
		}
		defer s.Close()
		if bureau, err = s.Setting(settingBureau); err != nil {
			return err
		}
		if inspector, err = s.Setting("inspector"); err != nil {
			return err
		}
		if zone, err = s.Setting(store.SettingTimezone); err != nil {
			return err
		}
	}
	l := a.lang
	notSet := l.Pick("（未设置）", "(not set)")
	fmt.Fprintln(a.stdout, l.Pick("填报单位：", "bureau: ")+termtext.Line(orNotSet(bureau, notSet+l.Pick("用 branchcheck settings bureau 名称 设置", " set it with branchcheck settings bureau NAME"))))
	fmt.Fprintln(a.stdout, l.Pick("检查人：", "inspector: ")+termtext.Line(orNotSet(inspector, notSet+l.Pick("第一次开始检查时询问", " asked when the first visit starts"))))
	fmt.Fprintln(a.stdout, l.Pick("时区：", "time zone: ")+termtext.Line(orNotSet(zone, store.DefaultTimezone+l.Pick("（默认）", " (the default)"))))
	return nil
}

type settingsTimezoneCmd struct {
	Zone  string `arg:"" optional:"" placeholder:"ZONE" help:"help_settings_timezone_zone"`
	Clear bool   `help:"help_settings_timezone_clear"`
}

// Run sets, clears or shows the bureau's time zone: the date of a new
// visit, the year it is rated in and the times on exports follow it.
func (c *settingsTimezoneCmd) Run(a *app) error {
	zone := strings.TrimSpace(c.Zone)
	l := a.lang
	switch {
	case c.Clear && zone != "":
		return usageError{checklist.Errorf(nil, checklist.Text{ZH: "settings timezone：请给出时区或 --clear，不能两者都给", EN: "settings timezone: give a zone or --clear, not both"})}
	case !c.Clear && zone == "":
		return (&settingsShowCmd{}).Run(a)
	}
	if !c.Clear {
		if err := checklist.CheckLine(checklist.Text{ZH: "时区", EN: "time zone"}, zone, checklist.MaxLine); err != nil {
			return err
		}
		if _, err := store.LoadTimezone(zone); err != nil {
			return err
		}
	}
	s, err := a.openStore()
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.SetSetting(store.SettingTimezone, zone); err != nil {
		return err
	}
	if c.Clear {
		fmt.Fprintln(a.stdout, l.Sprintf("已清除时区设置：按默认的 %s", "time zone cleared: %s, the default, applies", store.DefaultTimezone))
		return nil
	}
	fmt.Fprintln(a.stdout, l.Sprintf("时区已设为 %s：新检查的日期、评定的年度和导出的时间都按这个时区", "time zone set to %s: new visits are dated, rated and exports timed in it", zone))
	return nil
}

func orNotSet(v, none string) string {
	if v == "" {
		return none
	}
	return v
}

type settingsBureauCmd struct {
	Name  string `arg:"" optional:"" placeholder:"NAME" help:"help_settings_bureau_name"`
	Clear bool   `help:"help_settings_bureau_clear"`
}

// Run sets, clears or shows the bureau's name.
func (c *settingsBureauCmd) Run(a *app) error {
	name := strings.TrimSpace(c.Name)
	l := a.lang
	switch {
	case c.Clear && name != "":
		return usagef(checklist.Text{ZH: "settings bureau：请给出名称或 --clear，不能两者都给", EN: "settings bureau: give a name or --clear, not both"})
	case !c.Clear && name == "":
		if c.Name != "" {
			return checklist.Errorf(checklist.ErrInvalid, checklist.Text{ZH: "%s不能只有空格", EN: "the %s is only spaces"}, textBureau)
		}
		return (&settingsShowCmd{}).Run(a)
	}
	if err := checklist.CheckLine(textBureau, name, checklist.MaxLine); err != nil {
		return err
	}
	s, err := a.openStore()
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.SetSetting(settingBureau, name); err != nil {
		return err
	}
	if c.Clear {
		fmt.Fprintln(a.stdout, l.Pick("已清除填报单位：导出的表格上此处留空，待手写。", "bureau name cleared: the papers leave a line to write it in."))
		return nil
	}
	fmt.Fprintln(a.stdout, l.Sprintf("填报单位已设为“%s”，印在评比汇总表和检查反馈单上。", "bureau name set to %q: it is printed on the ratings table and the feedback sheets.", name))
	return nil
}

// bureau reads the bureau's name from a store, "" if not set.
func bureau(s interface{ Setting(string) (string, error) }) (string, error) {
	v, err := s.Setting(settingBureau)
	if err != nil {
		return "", checklist.Errorf(nil, checklist.Text{ZH: "无法读取填报单位", EN: "read the bureau's name"}).Because(err)
	}
	return v, nil
}

// hintBureau says, on a paper without 填报单位, how to set it.
func (a *app) hintBureau(name string, printed bool) {
	if name == "" && printed {
		fmt.Fprintln(a.stderr, a.lang.Pick("提示：尚未设置填报单位，表上此处留空待手写；用 branchcheck settings bureau 名称 设置。",
			"note: the bureau's name is not set, so the paper leaves a line to write it in; set it with branchcheck settings bureau NAME."))
	}
}
