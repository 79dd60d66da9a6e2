package tui

import (
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/store"
)

// slowStore takes its time over every save and records the order the
// saves reach it in.
type slowStore struct {
	*store.Store
	mu    sync.Mutex
	saves []string
}

func (s *slowStore) record(what string) {
	time.Sleep(30 * time.Millisecond)
	s.mu.Lock()
	s.saves = append(s.saves, what)
	s.mu.Unlock()
}

func (s *slowStore) SetVerdict(id, item string, v checklist.Verdict, by string) (*checklist.Inspection, error) {
	s.record(item + "=" + string(v))
	return s.Store.SetVerdict(id, item, v, by)
}

func (s *slowStore) SetNote(id, item, note, by string) (*checklist.Inspection, error) {
	s.record(item + ":" + note)
	return s.Store.SetNote(id, item, note, by)
}

// TestSavesInOrder: fast keys on one item reach the disk in the order
// they were pressed, the item shows unsaved until they do, and quitting
// waits for them.
func TestSavesInOrder(t *testing.T) {
	st := openStore(t)
	addSchool(t, st, "城关镇第一小学", "城关镇")
	slow := &slowStore{Store: st}
	s := run(t, newModel(slow, i18n.Chinese), 80, 24)
	startVisit(s, "张三")

	// 1.1 met (the cursor moves on to 1.2), back to 1.1, not met, then
	// cleared; a note on 1.1, edited while the saves are still going;
	// quit at once.
	s.press("y", "k", "n", "k", "u", "e")
	s.typeText("缺第一责任人制度")
	s.press("ctrl+c")
	s.waitLine(`正在保存，保存完即退出`)
	m := s.tm.FinalModel(t).(observer).m

	slow.mu.Lock()
	got := strings.Join(slow.saves, " ")
	slow.mu.Unlock()
	if want := "1.1=met 1.1=not_met 1.1= 1.1:缺第一责任人制度"; got != want {
		t.Errorf("saves reached the store as\n%s\nwant\n%s", got, want)
	}
	v := schoolVisits(t, st)[0]
	if a := v.Answer("1.1"); a.Verdict != checklist.Unanswered || a.Note != "缺第一责任人制度" {
		t.Errorf("1.1 saved as %+v", a)
	}
	if w := m.top().(*walkScreen); w.busy() {
		t.Errorf("quit with %d saves queued", len(w.queue))
	}
}

// TestUnsavedMark: an answer shows at once, marked * until it is saved.
func TestUnsavedMark(t *testing.T) {
	st := openStore(t)
	addSchool(t, st, "城关镇第一小学", "城关镇")
	slow := &slowStore{Store: st}
	d := drive(t, newModel(slow, i18n.Chinese), 80, 24)
	d.press("enter", "n", "张", "enter", "enter")
	w := d.m.top().(*walkScreen)
	// Answer without running the save command yet.
	w.Update(keyPress("y"))
	scr := d.screen()
	for _, want := range []string{`1\.1 +\[Y\]\* +压实党建责任.*`, `1/42  暂定 6\.67分 ★☆☆☆☆  保存中`} {
		if !hasLine(scr, regexp.MustCompile("^"+want+"$")) {
			t.Errorf("no line %s:\n%s", want, scr)
		}
	}
}

// TestNoteKeysType: while the note is edited, the answer keys are text.
func TestNoteKeysType(t *testing.T) {
	st := openStore(t)
	addSchool(t, st, "城关镇第一小学", "城关镇")
	d := drive(t, newModel(st, i18n.Chinese), 80, 24)
	d.press("enter", "n", "张", "enter", "enter", "e", "y", "p", "n", "x", "u", "esc")
	v := schoolVisits(t, st)[0]
	if a := v.Answer("1.1"); a.Verdict != checklist.Unanswered || a.Note != "ypnxu" {
		t.Errorf("1.1 saved as %+v", a)
	}
	// Leaving the editor unchanged saves nothing more.
	d.press("e", "esc")
	if w := d.m.top().(*walkScreen); w.busy() || w.seq != 1 {
		t.Errorf("%d saves for one note", w.seq)
	}
}

// TestSkipsUnscored: the cursor never stops on 4.4 after an answer, and
// 4.4 takes no answer.
func TestSkipsUnscored(t *testing.T) {
	st := openStore(t)
	addSchool(t, st, "城关镇第一小学", "城关镇")
	d := drive(t, newModel(st, i18n.Chinese), 80, 24)
	d.press("enter", "n", "张", "enter", "enter", "tab", "tab", "tab")
	w := d.m.top().(*walkScreen)
	if id := w.items[w.cur].ID; id != "4.1" {
		t.Fatalf("tab tab tab went to %s", id)
	}
	d.press("y", "y", "y")
	if id := w.items[w.cur].ID; id != "4.5" {
		t.Errorf("after 4.3 the cursor is on %s, want 4.5", id)
	}
	d.press("k", "y")
	if id := w.items[w.cur].ID; id != "4.4" {
		t.Errorf("the cursor left 4.4 for %s", id)
	}
	if !hasLine(d.screen(), regexp.MustCompile(`^.*4\.4 不计分，不能作答$`)) {
		t.Errorf("no word that 4.4 takes no answer:\n%s", d.screen())
	}
	if _, ok := w.answers["4.4"]; ok {
		t.Error("4.4 was answered")
	}
	// Going round: after the last unanswered item comes the first.
	d.press("shift+tab", "shift+tab", "shift+tab")
	if id := w.items[w.cur].ID; id != "1.1" {
		t.Errorf("shift+tab ×3 went to %s", id)
	}
}
