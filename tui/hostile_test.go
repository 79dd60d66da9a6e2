package tui

import (
	"maps"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/store"
)

// hostileStore hands out stored text that would drive the terminal if
// printed raw, as an old database or an old bundle may hold it: colour
// codes, a clipboard write, a screen clear, a bell, a bidi override, a
// newline in a one-line field.
type hostileStore struct{ *store.Store }

func hostileSchool(sc checklist.School) checklist.School {
	sc.Name = "城关\x1b[31m小学\x1b]52;c;aGk=\a"
	sc.Township = "东\n河乡"
	sc.Kind = "小\a学"
	sc.Secretary = "王\u202e芳"
	sc.Contact = "\x1b[2J138"
	return sc
}

func hostileVisit(v *checklist.Inspection) *checklist.Inspection {
	c := *v
	c.Inspector = "赵\x1b[5m六"
	c.Answers = maps.Clone(v.Answers)
	a := c.Answers["1.1"]
	a.Note = "缺\x1b[31m记录\u202e\n第二行\x1b[2J"
	c.Answers["1.1"] = a
	return &c
}

func (h hostileStore) SchoolsOverview(year int) (*checklist.SchoolsOverview, error) {
	ov, err := h.Store.SchoolsOverview(year)
	if err == nil {
		for i := range ov.Schools {
			ov.Schools[i].School = hostileSchool(ov.Schools[i].School)
		}
	}
	return ov, err
}

func (h hostileStore) SchoolOverview(year int, id string) (checklist.SchoolOverview, error) {
	o, err := h.Store.SchoolOverview(year, id)
	o.School = hostileSchool(o.School)
	return o, err
}

func (h hostileStore) SchoolVisits(id string) (*checklist.SchoolVisits, error) {
	sv, err := h.Store.SchoolVisits(id)
	if err == nil {
		sv.School = hostileSchool(sv.School)
		for i := range sv.Visits {
			sv.Visits[i].Visit = hostileVisit(sv.Visits[i].Visit)
		}
	}
	return sv, err
}

func (h hostileStore) WalkVisit(id string) (*checklist.WalkVisit, error) {
	wv, err := h.Store.WalkVisit(id)
	if err == nil {
		wv.School = hostileSchool(wv.School)
		wv.Visit = hostileVisit(wv.Visit)
	}
	return wv, err
}

func (h hostileStore) AuditTrail(id string) ([]checklist.Change, error) {
	tr, err := h.Store.AuditTrail(id)
	for i := range tr {
		tr[i].By, tr[i].Reason = "赵\x1b[5m六", "补交\x1b]0;title\a材料\u202e"
	}
	return tr, err
}

// TestHostileStoredText: no stored control character reaches the
// terminal live on any screen; each shows as a visible escape, and a
// township holding a newline keeps its row.
func TestHostileStoredText(t *testing.T) {
	st := openStore(t)
	v := finalizedVisit(t, st)
	if _, err := st.Reopen(v.ID, "补交", "赵六"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SetNote(v.ID, "1.1", "缺记录", "赵六"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SetVerdict(v.ID, "1.2", checklist.NotMet, "赵六"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Finalize(v.ID, "赵六"); err != nil {
		t.Fatal(err)
	}
	live := []string{"\x1b[31m", "\x1b]", "\a", "\u202e", "\x1b[2J", "\x1b[5m", "\n第二行"}
	for _, step := range []struct {
		name string
		keys []string
		see  []string
	}{
		{"schools", nil, []string{`> 城关\x1b[31m小学\x1b]52;c;aGk=\x07 `, ` 东 河乡   2025-03-14 `}},
		{"school", []string{"enter"}, []string{`城关\x1b[31m小学`, `乡镇 东 河乡   类型 小\x07学   书记 王<U+202E>芳   电话 \x1b[2J138`, `> 2025-03-14  赵\x1b[5 `}},
		{"walk", []string{"enter", "enter"}, []string{`检查人 赵\x1b[5m六`, `备注：缺\x1b[31m记录<U+202E>`, `第二行\x1b[2J`}},
		{"audit", []string{"enter", "h"}, []string{`原因：补交\x1b]0;title\x07材料<U+202E>`}},
		{"ratings", []string{"r"}, []string{`> 城关\x1b[31m小学`}},
	} {
		t.Run(step.name, func(t *testing.T) {
			d := drive(t, newModel(hostileStore{st}, i18n.Chinese), 120, 30)
			d.press(step.keys...)
			out := d.m.render()
			for _, s := range live {
				if strings.Contains(out, s) {
					t.Errorf("%q reaches the terminal live:\n%s", s, ansi.Strip(out))
				}
			}
			checkFits(t, out, 120, 30)
			scr := d.screen()
			for _, s := range step.see {
				if !strings.Contains(scr, s) {
					t.Errorf("no %q on the screen:\n%s", s, scr)
				}
			}
		})
	}
}
