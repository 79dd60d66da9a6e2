package tui

import (
	"regexp"
	"testing"

	tea "charm.land/bubbletea/v2"

	"branchcheck/checklist"
	"branchcheck/i18n"
)

// TestKeysTypedAheadWaitForTheScreen: keys typed while a screen is still
// loading its data are not lost: they wait, and reach it in order once
// it has the data, whichever screens they open on the way.
func TestKeysTypedAheadWaitForTheScreen(t *testing.T) {
	st := openStore(t)
	sc := addSchool(t, st, "西山镇中心小学", "西山镇")
	st.SetSetting(settingInspector, "王督查")
	draft, err := st.CreateInspection(sc.ID, "王督查", checklist.DateOf(clock()))
	if err != nil {
		t.Fatal(err)
	}
	d := drive(t, newModel(st, i18n.Chinese), 80, 24)

	// Open the school, open its draft and answer two items, all before
	// either screen has loaded: the loads are run only afterwards.
	var loads []tea.Cmd
	for _, k := range []string{"enter", "enter", "y", "n"} {
		_, cmd := d.m.Update(keyPress(k))
		loads = append(loads, cmd)
	}
	for len(loads) > 0 {
		cmd := loads[0]
		loads = loads[1:]
		d.run(cmd)
	}
	if !hasLine(d.screen(), regexp.MustCompile(`^2/42 .*已保存 \d\d:\d\d:\d\d$`)) {
		t.Fatalf("the walk did not get the keys typed ahead:\n%s", d.screen())
	}
	saved, _ := st.Inspection(draft.ID)
	if saved.Answers["1.1"].Verdict != checklist.Met || saved.Answers["1.2"].Verdict != checklist.NotMet {
		t.Errorf("answers %+v", saved.Answers)
	}
}

// TestLoadFailureDoesNotHoldKeys: a screen whose data cannot be loaded
// takes keys as they come, so esc leaves it.
func TestLoadFailureDoesNotHoldKeys(t *testing.T) {
	st := openStore(t)
	addSchool(t, st, "西山镇中心小学", "西山镇")
	d := drive(t, newModel(st, i18n.Chinese), 80, 24)
	d.m.Update(keyPress("enter")) // opens the school; its load never runs
	d.send(errMsg{errString("disk on fire")})
	d.press("esc")
	if !hasLine(d.screen(), regexp.MustCompile(`^学校列表  共 1 所.*`)) {
		t.Fatalf("esc did not leave the screen that failed to load:\n%s", d.screen())
	}
}

type errString string

func (e errString) Error() string { return string(e) }

// TestKeysTypedWhileAVisitStarts: answers typed right after the new-visit
// form is sent reach the walk it opens, not the school screen.
func TestKeysTypedWhileAVisitStarts(t *testing.T) {
	st := openStore(t)
	addSchool(t, st, "西山镇中心小学", "西山镇")
	st.SetSetting(settingInspector, "王督查")
	d := drive(t, newModel(st, i18n.Chinese), 80, 24)
	d.press("enter", "n")
	var later []tea.Cmd
	for _, k := range []string{"enter", "y", "p"} { // send the form, answer two items
		_, cmd := d.m.Update(keyPress(k))
		later = append(later, cmd)
	}
	for len(later) > 0 {
		cmd := later[0]
		later = later[1:]
		d.run(cmd)
	}
	if !hasLine(d.screen(), regexp.MustCompile(`^2/42 .*已保存 \d\d:\d\d:\d\d$`)) {
		t.Fatalf("the answers typed while the visit started were lost:\n%s", d.screen())
	}
}
