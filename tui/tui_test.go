package tui

import (
	"math"
	"path/filepath"
	"strings"
	"testing"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/store"
)

func TestSettingInspectorIsTheStores(t *testing.T) {
	if settingInspector != store.SettingInspector {
		t.Errorf("settingInspector %q, store.SettingInspector %q", settingInspector, store.SettingInspector)
	}
}

// TestAddSchool adds a school through the a form, starting from the
// empty list that says how to start.
func TestAddSchool(t *testing.T) {
	st := openStore(t)
	s := run(t, newModel(st, i18n.Chinese), 80, 24)
	s.waitLine(`还没有学校。可以这样开始：`)
	s.waitLine(`a  在这里添加一所学校`)
	s.waitLine(`branchcheck schools import FILE  从 CSV 或 XLSX 名单导入学校`)
	s.waitLine(`branchcheck demo  生成一个演示数据库来看看`)

	// The name is required.
	s.press("a")
	s.waitLine(`添加学校`)
	s.press("ctrl+s")
	s.waitLine(`请填写校名`)

	s.typeText("城关镇第一小学")
	s.waitLine(`\* 为必填`) // the warning goes once the name is typed
	s.press("enter")
	s.typeText("城关镇")
	s.press("enter")
	s.typeText("小学")
	s.press("enter")
	s.typeText("王芳")
	s.press("enter")
	s.typeText("0371-12345678")
	s.press("enter")
	s.waitLine(`> 城关镇第一小学 +城关镇 +- +未评定`)
	s.waitLine(`已添加 城关镇第一小学`)
	s.quit("q")

	schools, err := st.Schools()
	if err != nil {
		t.Fatal(err)
	}
	want := checklist.School{Name: "城关镇第一小学", Township: "城关镇", Kind: "小学", Secretary: "王芳", Contact: "0371-12345678"}
	if len(schools) != 1 {
		t.Fatalf("%d schools, want 1", len(schools))
	}
	got := schools[0]
	if got.Name != want.Name || got.Township != want.Township || got.Kind != want.Kind || got.Secretary != want.Secretary || got.Contact != want.Contact {
		t.Errorf("saved %+v, want %+v", got, want)
	}
}

// startVisit opens the only school and starts a visit, giving the
// inspector's name if asked.
func startVisit(s *session, inspector string) {
	s.t.Helper()
	s.waitLine(`> .*未评定`)
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

// TestFullWalk answers all 42 scored items with exactly 42 keys, then
// finalizes with F and y: 100 points, five stars.
func TestFullWalk(t *testing.T) {
	st := openStore(t)
	addSchool(t, st, "城关镇第一小学", "城关镇")
	s := run(t, newModel(st, i18n.Chinese), 80, 24)
	startVisit(s, "张三")
	s.waitLine(`0/42  还没有作答`) // no score or stars before the first answer

	for range 42 {
		s.press("y")
	}
	s.waitLine(`42/42  暂定 100分 ★★★★★  已保存 14:03:27`)
	s.press("F")
	s.waitPane(`合计 100 分  五星  ★★★★★`)
	s.press("y")
	s.waitLine(`42/42  100分 ★★★★★  已保存 14:03:27  已定稿。.*`)
	s.waitLine(`城关镇第一小学  2025-03-14  检查人 张三  已定稿  只读，按 R 重新打开`)

	s.press("esc")
	s.waitLine(`> 2025-03-14  张三 +100\.00 +已定稿  ★★★★★`)
	s.press("esc")
	s.waitLine(`> 城关镇第一小学 .*2025-03-14 +★★★★★`)
	m := s.quit("q")
	if len(m.stack) != 1 {
		t.Errorf("%d screens open at the end", len(m.stack))
	}

	visits := schoolVisits(t, st)
	if len(visits) != 1 {
		t.Fatalf("%d visits, want 1", len(visits))
	}
	v := visits[0]
	std := checklist.DefaultStandard()
	sc := checklist.ScoreInspection(std, v)
	if v.Status != checklist.Finalized || sc.Total != 100 || sc.Stars != 5 || len(v.Answers) != 42 {
		t.Errorf("visit %s, %v points, %d stars, %d answers", v.Status, sc.Total, sc.Stars, len(v.Answers))
	}
	if v.Inspector != "张三" {
		t.Errorf("inspector %q", v.Inspector)
	}
	if name, _ := st.Setting(store.SettingInspector); name != "张三" {
		t.Errorf("remembered inspector %q", name)
	}
}

// schoolVisits are the visits of the store's only school.
func schoolVisits(t *testing.T, st *store.Store) []*checklist.Inspection {
	t.Helper()
	schools, err := st.Schools()
	if err != nil || len(schools) != 1 {
		t.Fatalf("schools: %v %v", schools, err)
	}
	visits, err := st.SchoolInspections(schools[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	return visits
}

// TestMixedWalk gives every kind of answer and checks the score against
// one worked out by hand.
func TestMixedWalk(t *testing.T) {
	st := openStore(t)
	addSchool(t, st, "东河乡中心学校", "东河乡")
	if err := st.SetSetting(store.SettingInspector, "李四"); err != nil {
		t.Fatal(err)
	}
	s := run(t, newModel(st, i18n.Chinese), 80, 24)
	startVisit(s, "") // the name is remembered: not asked

	keys := strings.Join([]string{
		"ypn",                   // 一要 1.1-1.3
		"xyy",                   // 二要 2.1 not applicable
		"yyyyyppppp",            // 三要 3.1-3.10
		"nnnnn",                 // 四要 4.1-4.3, 4.5, 4.6 (4.4 is skipped)
		strings.Repeat("y", 21), // 五要
	}, "")
	for _, k := range keys {
		s.press(string(k))
	}
	// By hand: each 要 carries 20, shared by its applicable items.
	one := 20 * (1 + 0.5 + 0) / 3            // 10
	two := 20 * (1 + 1) / 2.0                // 20: 2.1 is out of the denominator
	three := 20 * (5 + 5*0.5) / 10.0         // 15
	four := 20 * 0.0 / 5                     // 0
	five := 20 * 21.0 / 21                   // 20
	total := one + two + three + four + five // 65: two stars, lagging
	want := checklist.FormatPoints(math.Round(total*100) / 100)
	if want != "65" {
		t.Fatalf("hand-computed total %s", want)
	}
	s.waitLine(`42/42  暂定 65分 ★★☆☆☆  已保存 14:03:27`)
	s.press("F")
	s.waitPane(`一要 全面实施党建引领工程 +10\.00 / 20\.00`)
	s.waitPane(`二要 精心组织党建专项活动 +20\.00 / 20\.00`)
	s.waitPane(`三要 打造标准党员活动室 +15\.00 / 20\.00`)
	s.waitPane(`四要 建设好校园党建文化 +0\.00 / 20\.00`)
	s.waitPane(`五要 规范党建台账 +20\.00 / 20\.00`)
	s.waitPane(`合计 65 分  二星  ★★☆☆☆`)
	s.waitPane(`落后党支部：是，各类综合评比一票否决`)
	s.press("y")
	s.waitLine(`42/42  65分 ★★☆☆☆  已保存 14:03:27.*`)
	s.quit("ctrl+c")

	v := schoolVisits(t, st)[0]
	sc := checklist.ScoreInspection(checklist.DefaultStandard(), v)
	if v.Status != checklist.Finalized || sc.Total != 65 || sc.Stars != 2 || !sc.Lagging {
		t.Errorf("visit %s, %v points, %d stars, lagging %v", v.Status, sc.Total, sc.Stars, sc.Lagging)
	}
	for id, want := range map[string]checklist.Verdict{"1.1": checklist.Met, "1.2": checklist.PartlyMet, "1.3": checklist.NotMet, "2.1": checklist.NotApplicable, "4.6": checklist.NotMet, "5.3": checklist.Met} {
		if got := v.Answer(id).Verdict; got != want {
			t.Errorf("%s: %s, want %s", id, got, want)
		}
	}
	if v.Inspector != "李四" {
		t.Errorf("inspector %q", v.Inspector)
	}
}

// TestResumeDraft answers some items and writes a note, quits, and finds
// them all again in a new program on the same database.
func TestResumeDraft(t *testing.T) {
	path := filepath.Join(t.TempDir(), "branchcheck.db")
	st := openStoreAt(t, path)
	addSchool(t, st, "西山镇中心小学", "西山镇")

	s := run(t, newModel(st, i18n.Chinese), 80, 24)
	startVisit(s, "王五")
	s.press("y", "p", "n")
	s.waitLine(`3/42  暂定 10分 ★☆☆☆☆  已保存 14:03:27`)
	s.press("k", "e") // the note of 1.3
	s.waitPane(`备注（esc 保存并返回）：`)
	s.typeText("缺少党组织会议记录, yes")
	s.press("esc")
	s.waitPane(`备注：缺少党组织会议记录, yes`)
	s.waitLine(`.*已保存 14:03:27`)
	s.quit("ctrl+c")
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	st2 := openStoreAt(t, path)
	s2 := run(t, newModel(st2, i18n.Chinese), 80, 24)
	s2.waitLine(`> 西山镇中心小学 +西山镇 +2025-03-14 +草稿 +未评定`)
	s2.press("enter")
	s2.waitLine(`> 2025-03-14  王五 +10\.00 暂定 +草稿 +★☆☆☆☆`)
	s2.press("enter")
	s2.waitLine(`3/42  暂定 10分 ★☆☆☆☆`)
	// The cursor is back on the first unanswered item.
	s2.waitLine(`> 2\.1 +\[ \] +认真组织.*`)
	s2.press("k")
	s2.waitLine(`1\.1 +\[Y\] +压实党建责任.*`)
	s2.waitLine(`1\.2 +\[P\] +必须始终坚持.*`)
	s2.waitLine(`> 1\.3 +\[N\] 注 用足够时间.*`) // 注: it has a note
	s2.waitPane(`备注：缺少党组织会议记录, yes`)
	m := s2.quit("ctrl+c")
	w := m.top().(*walkScreen)
	if got := w.answers["1.3"]; got.Verdict != checklist.NotMet || got.Note != "缺少党组织会议记录, yes" {
		t.Errorf("1.3 resumed as %+v", got)
	}
	if got := w.answers["1.2"]; got.Verdict != checklist.PartlyMet || got.Note != "" {
		t.Errorf("1.2 resumed as %+v", got)
	}
}
