package tui

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/store"
)

// TestLedger: the 整改台账 from the schools list: the counts, every open
// rectification by township and school, the overdue ones marked; s
// shows another status, t one township; enter opens the school on the
// rectification.
func TestLedger(t *testing.T) {
	rc := newRectCounty(t)
	if _, err := rc.st.ReportRectification(checklist.RectificationID(rc.visit.ID, "3.5"), "王芳", checklist.DateOf(testNow), ""); err != nil {
		t.Fatal(err)
	}
	s := run(t, newModel(rc.st, i18n.Chinese), 80, 24)
	s.waitLine(`> 城关镇第一小学 .*`)
	s.press("?")
	s.waitLine(`.*z +整改台账.*`)
	s.press("esc", "z")
	s.waitLine(`整改台账  截至 2025-03-14`)
	s.waitLine(`未销号 4 项（逾期 2 项，已整改待复查 1 项），已销号 0 项`)
	s.waitLine(`列出：未销号（s 换）  乡镇：全部（t 选）`)
	scr := s.waitLine(`> 城关镇  1 所学校，未销号 3 项`)
	want := []string{
		`城关镇第一小学  未销号 3 项（逾期 2 项，已整改待复查 1 项），已销号 0 项`,
		`1\.1 +压实党建责任.* 2025-02-09  逾期 33 天 +王芳`,
		`5\.2\.4 +党组织书记上党课.* 2025-02-09  逾期 33 天 +王芳`,
		`3\.5 +有发展党员工作流程图.* 2025-02-09  已整改待复查 +王芳`,
		`东河乡  1 所学校，未销号 1 项`,
		`东河乡中心学校  未销号 1 项，已销号 0 项`,
		`2\.1 +认真组织.* 2025-03-31  待整改 +王芳`,
		`1/8`,
	}
	for _, w := range want {
		if !hasLine(scr, regexp.MustCompile("^"+w+"$")) {
			t.Errorf("no line %s:\n%s", w, scr)
		}
	}
	// In each school by deadline, then in the standard's order.
	if i, j := strings.Index(scr, "3.5 "), strings.Index(scr, "5.2.4 "); i > j {
		t.Errorf("5.2.4 before 3.5:\n%s", scr)
	}

	s.press("s")
	s.waitLine(`列出：逾期（s 换）  乡镇：全部（t 选）`)
	scr = s.waitLine(`> 城关镇  1 所学校，逾期 2 项`)
	if strings.Contains(scr, "东河乡") || strings.Contains(scr, "3.5 ") {
		t.Errorf("not overdue, listed:\n%s", scr)
	}
	s.press("s", "s")
	s.waitLine(`列出：已销号（s 换）  乡镇：全部（t 选）`)
	s.waitLine(`没有已销号的整改事项`)
	s.press("s", "s")
	s.waitLine(`列出：未销号（s 换）  乡镇：全部（t 选）`)

	s.press("t")
	s.waitLine(`整改台账：选乡镇`)
	s.waitLine(`> （全部乡镇） +当前`)
	s.press("j", "j", "enter") // 城关镇, 东河乡: pinyin order
	s.waitLine(`列出：未销号（s 换）  乡镇：东河乡（t 选）`)
	s.waitLine(`未销号 1 项，已销号 0 项`)
	scr = s.waitLine(`> 东河乡  1 所学校，未销号 1 项`)
	if strings.Contains(scr, "城关镇") {
		t.Errorf("another township listed:\n%s", scr)
	}
	s.press("j", "j", "enter")
	s.waitLine(`东河乡中心学校`)
	s.waitLine(`> 2\.1 +认真组织.* 2025-03-31  待整改 +王芳`)
	s.waitLine(`发现：2025-03-01 的检查，不符合：主题教育无方案。`)
	s.waitLine(`状态：待整改，还有 17 天到期`)
	s.press("esc")
	// Back on the ledger (its heading, which the school's screen has
	// not), on the same row.
	scr = s.waitLine(`列出：未销号（s 换）  乡镇：东河乡（t 选）`)
	if !hasLine(scr, regexp.MustCompile(`^> +2\.1 +认真组织.* 2025-03-31  待整改 +王芳$`)) {
		t.Errorf("back on the ledger, 2.1 is not the row selected:\n%s", scr)
	}
	s.press("k", "k", "enter")
	s.waitLine(`列出：未销号（s 换）  乡镇：东河乡（t 选）`)
	s.press("esc")
	s.waitLine(`学校列表  共 2 所.*`)
	s.quit("q")
}

// TestLedgerEmpty: a county with no rectification says so.
func TestLedgerEmpty(t *testing.T) {
	st := openStore(t)
	addSchool(t, st, "城关镇第一小学", "城关镇")
	d := drive(t, newModel(st, i18n.Chinese), 80, 24)
	d.press("z")
	scr := d.screen()
	for _, w := range []string{"未销号 0 项，已销号 0 项", "没有未销号的整改事项"} {
		if !strings.Contains(scr, w) {
			t.Errorf("no %q:\n%s", w, scr)
		}
	}
}

// hostileRects hands out rectifications whose stored text would drive
// the terminal if printed raw.
type hostileRects struct{ *store.Store }

func hostileRect(r *checklist.Rectification) {
	r.Finding = "缺\x1b[31m记录\u202e\n第二行"
	r.Secretary = "王\x1b]52;c;aGk=\a芳"
	r.Actions.ReportedBy, r.Actions.ReportedOn, r.Actions.Evidence = "张\x1b[2J", r.FoundOn, "照片\x1b[5m.jpg"
}

func (h hostileRects) SchoolRectifications(id string) (*checklist.SchoolRectifications, error) {
	sr, err := h.Store.SchoolRectifications(id)
	if err == nil {
		for i := range sr.Rects {
			hostileRect(&sr.Rects[i].Rectification)
		}
	}
	return sr, err
}

func (h hostileRects) SchoolVisits(id string) (*checklist.SchoolVisits, error) {
	sv, err := h.Store.SchoolVisits(id)
	if err == nil {
		for i := range sv.Visits {
			sv.Visits[i].Visit = hostileVisit(sv.Visits[i].Visit) // a note on 1.1
		}
	}
	return sv, err
}

func (h hostileRects) RectLedger(f checklist.RectFilter) (*checklist.RectLedger, error) {
	l, err := h.Store.RectLedger(f)
	if err == nil {
		l.Each(func(_ *checklist.SchoolRectifications, e *checklist.RectEntry) bool {
			hostileRect(&e.Rectification)
			return true
		})
	}
	return l, err
}

// TestHostileRectText: no stored control character reaches the terminal
// live from a rectification, on the school's tab, in full, in the walk
// and in the ledger.
func TestHostileRectText(t *testing.T) {
	rc := newRectCounty(t)
	live := []string{"\x1b[31m", "\x1b]", "\a", "\u202e", "\x1b[2J", "\x1b[5m"}
	for _, keys := range [][]string{{"enter", "tab"}, {"enter", "tab", "enter"}, {"enter", "n", "张", "enter", "enter"}, {"z"}, {"z", "j", "j"}} {
		t.Run(fmt.Sprint(keys), func(t *testing.T) {
			d := drive(t, newModel(hostileRects{rc.st}, i18n.Chinese), 120, 30)
			d.press(keys...)
			out := d.m.render()
			for _, s := range live {
				if strings.Contains(out, s) {
					t.Errorf("%q reaches the terminal live:\n%s", s, ansi.Strip(out))
				}
			}
			checkFits(t, out, 120, 30)
			if keys[0] == "enter" && keys[1] == "n" && !strings.Contains(d.screen(), `上次：不符合 · 缺\x1b[31m记录<U+202E>`) {
				t.Errorf("the last visit's note is not shown safe:\n%s", d.screen())
			}
		})
	}
}

// startRectVisit starts a visit of the school selected, giving the
// inspector's name if asked.
func startRectVisit(s *session, inspector string) {
	s.t.Helper()
	s.press("enter")
	s.waitLine(`检查记录 \d+ 次`)
	s.press("n")
	s.waitLine(`新建检查`)
	if inspector != "" {
		s.typeText(inspector)
		s.press("enter")
	}
	s.waitLine(`> 日期\*\s+2025-03-14`)
	s.press("enter")
	s.waitLine(`.*2025-03-14  检查人 .*  草稿`)
}
