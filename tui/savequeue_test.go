package tui

import (
	"errors"
	"maps"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"branchcheck/checklist"
	"branchcheck/i18n"
)

// memStore keeps one visit in memory and saves changes to it with the
// domain's own methods, recording the order they arrive in. A change of
// an item in fail is refused with its error.
type memStore struct {
	Store // the rest of the interface is not used
	std   *checklist.Standard
	visit *checklist.Inspection
	saves []string
	fail  map[string]error
}

func (m *memStore) save(what, item string, apply func() error) (*checklist.Inspection, error) {
	m.saves = append(m.saves, what)
	if err := m.fail[item]; err != nil {
		return nil, err
	}
	if err := apply(); err != nil {
		return nil, err
	}
	return cloneVisit(m.visit), nil
}

func (m *memStore) SetVerdict(_, item string, v checklist.Verdict, by string) (*checklist.Inspection, error) {
	return m.save(item+"="+string(v), item, func() error {
		_, _, err := m.visit.SetVerdict(m.std, item, v, by, testNow)
		return err
	})
}

func (m *memStore) SetNote(_, item, note, by string) (*checklist.Inspection, error) {
	return m.save(item+":"+note, item, func() error {
		_, _, err := m.visit.SetNote(m.std, item, note, by, testNow)
		return err
	})
}

func (m *memStore) Finalize(_, by string) (*checklist.Inspection, error) {
	return m.save("finalize", "finalize", func() error {
		_, err := m.visit.Finalize(m.std, by, testNow)
		return err
	})
}

func (m *memStore) Reopen(_, reason, by string) (*checklist.Inspection, error) {
	return m.save("reopen:"+reason, "reopen", func() error {
		_, err := m.visit.Reopen(reason, by, testNow)
		return err
	})
}

// queueTest is a save queue of one visit on a memStore, with the visit
// as last saved, run by hand: each command is run when the test says.
type queueTest struct {
	t       *testing.T
	q       saveQueue
	changes visitChanges
	st      *memStore
	saved   *checklist.Inspection
}

func newQueueTest(t *testing.T) *queueTest {
	t.Helper()
	std := checklist.DefaultStandard()
	v, err := checklist.NewInspection("v1", "s1", std, "张三", checklist.DateOf(testNow), testNow)
	if err != nil {
		t.Fatal(err)
	}
	st := &memStore{std: std, visit: v, fail: map[string]error{}}
	c := &common{store: st, lang: i18n.Chinese, now: clock, styles: NewStyles(true), keys: NewKeyMap(i18n.Chinese)}
	return &queueTest{t: t, q: newSaveQueue(v.ID, clock), changes: visitChanges{c: c, std: std, id: v.ID, by: "张三"},
		st: st, saved: cloneVisit(v)}
}

// settle runs a save command and hands its result to the queue, as the
// walk does; it returns the next command and the step of leaving.
func (qt *queueTest) settle(cmd tea.Cmd) (tea.Cmd, leaveStep) {
	qt.t.Helper()
	if cmd == nil {
		qt.t.Fatal("no save was sent")
	}
	switch msg := cmd().(type) {
	case answerSavedMsg:
		if !qt.q.isHead(msg.visitID, msg.seq) {
			qt.t.Fatalf("result of change %d is not for the head", msg.seq)
		}
		qt.q.done(msg)
		qt.saved = msg.visit
	case saveFailedMsg:
		if !qt.q.isHead(msg.visitID, msg.seq) {
			qt.t.Fatalf("result of change %d is not for the head", msg.seq)
		}
		qt.q.fail(msg)
	default:
		qt.t.Fatalf("a save reported %T", msg)
	}
	return qt.q.next()
}

// drain settles saves until the queue is empty.
func (qt *queueTest) drain(cmd tea.Cmd) leaveStep {
	qt.t.Helper()
	step := stay
	for cmd != nil {
		cmd, step = qt.settle(cmd)
	}
	return step
}

func (qt *queueTest) shown() overlay { return qt.q.shown(qt.saved, qt.changes.std) }

// TestSaveQueueOrder: changes go to the store one at a time, in the
// order they were made, however fast they come.
func TestSaveQueueOrder(t *testing.T) {
	qt := newQueueTest(t)
	vc := qt.changes
	first := qt.q.push(vc.verdict("1.1", checklist.Met))
	for _, ch := range []change{vc.verdict("1.1", checklist.NotMet), vc.verdict("1.1", checklist.Unanswered), vc.note("1.1", "缺制度")} {
		if cmd := qt.q.push(ch); cmd != nil {
			t.Fatal("a second save was sent while the first was on its way")
		}
	}
	if !qt.q.busy() || qt.q.seq != 4 {
		t.Fatalf("busy %v, %d changes", qt.q.busy(), qt.q.seq)
	}
	if step := qt.drain(first); step != stay {
		t.Errorf("not leaving, yet step %d", step)
	}
	if got, want := strings.Join(qt.st.saves, " "), "1.1=met 1.1=not_met 1.1= 1.1:缺制度"; got != want {
		t.Errorf("saves reached the store as %q, want %q", got, want)
	}
	if qt.q.busy() || !qt.q.lastSaved.Equal(testNow) {
		t.Errorf("busy %v, last saved %v", qt.q.busy(), qt.q.lastSaved)
	}
	if a := qt.saved.Answer("1.1"); a.Verdict != checklist.Unanswered || a.Note != "缺制度" {
		t.Errorf("1.1 saved as %+v", a)
	}
}

// TestSaveQueueFailureThenRetry: a change that fails stays shown,
// marked unsaved, with the error; the changes after it are saved; the
// same change made again and saved clears the failure.
func TestSaveQueueFailureThenRetry(t *testing.T) {
	qt := newQueueTest(t)
	vc := qt.changes
	qt.st.fail["1.2"] = errors.New("disk full")
	cmd := qt.q.push(vc.verdict("1.2", checklist.Met))
	qt.q.push(vc.verdict("1.3", checklist.Met))
	qt.drain(cmd)

	if len(qt.q.failed) != 1 || qt.q.saveErr != "1.2 未保存：disk full" {
		t.Fatalf("failed %d, error %q", len(qt.q.failed), qt.q.saveErr)
	}
	o := qt.shown()
	if o.answers["1.2"].Verdict != checklist.Met || !o.unsaved["1.2"] || o.unsaved["1.3"] {
		t.Errorf("1.2 shown as %+v, unsaved %v", o.answers["1.2"], o.unsaved)
	}
	if qt.saved.Answer("1.2").Verdict != checklist.Unanswered || qt.saved.Answer("1.3").Verdict != checklist.Met {
		t.Errorf("saved %v", qt.saved.Answers)
	}

	// The note of 1.2 is another change: the failed answer stays.
	delete(qt.st.fail, "1.2")
	qt.drain(qt.q.push(vc.note("1.2", "补拍照片")))
	if len(qt.q.failed) != 1 || qt.q.saveErr == "" {
		t.Errorf("a note cleared the failed answer: failed %d, error %q", len(qt.q.failed), qt.q.saveErr)
	}
	// Answering 1.2 again saves it.
	qt.drain(qt.q.push(vc.verdict("1.2", checklist.PartlyMet)))
	if len(qt.q.failed) != 0 || qt.q.saveErr != "" {
		t.Errorf("after the retry: failed %d, error %q", len(qt.q.failed), qt.q.saveErr)
	}
	if a := qt.saved.Answer("1.2"); a.Verdict != checklist.PartlyMet || a.Note != "补拍照片" {
		t.Errorf("1.2 saved as %+v", a)
	}
}

// TestSaveQueueOverlay: what is shown is the visit as saved with the
// failed changes and the queued ones laid over it in order, scored;
// saving a change leaves it as it was.
func TestSaveQueueOverlay(t *testing.T) {
	qt := newQueueTest(t)
	vc := qt.changes
	qt.drain(qt.q.push(vc.verdict("1.1", checklist.Met)))
	qt.st.fail["1.3"] = errors.New("disk full")
	qt.drain(qt.q.push(vc.verdict("1.3", checklist.NotMet)))

	head := qt.q.push(vc.verdict("1.2", checklist.PartlyMet))
	qt.q.push(vc.note("1.1", "  会议记录不全  "))
	qt.q.push(vc.verdict("1.2", checklist.Met))
	qt.q.push(vc.verdict("4.4", checklist.Met)) // not scored: refused

	o := qt.shown()
	want := map[string]checklist.Answer{
		"1.1": {Verdict: checklist.Met, Note: "会议记录不全"},
		"1.2": {Verdict: checklist.Met},
		"1.3": {Verdict: checklist.NotMet},
	}
	if got := plain(o.answers); !maps.Equal(got, want) {
		t.Errorf("shown %v, want %v", got, want)
	}
	if sc := checklist.ScoreAnswers(qt.changes.std, o.answers); sc.Total != o.score.Total || o.score.Answered != 3 {
		t.Errorf("score %+v, answers score %v", o.score, sc.Total)
	}
	if len(o.missing) != 39 || o.missing[0] != "2.1" {
		t.Errorf("missing %d from %v", len(o.missing), o.missing[:1])
	}
	if !maps.Equal(o.pending, map[string]bool{"1.1": true, "1.2": true, "4.4": true}) || !maps.Equal(o.unsaved, map[string]bool{"1.3": true}) {
		t.Errorf("pending %v, unsaved %v", o.pending, o.unsaved)
	}

	// Each save moves a change from the queue into the visit as saved:
	// what is shown does not change.
	for cmd := head; cmd != nil; {
		cmd, _ = qt.settle(cmd)
		if got := plain(qt.shown().answers); !maps.Equal(got, want) {
			t.Fatalf("after a save: shown %v, want %v", got, want)
		}
	}
	if !strings.HasPrefix(qt.q.saveErr, "4.4 未保存：") {
		t.Errorf("error %q", qt.q.saveErr)
	}
}

// plain keeps the verdicts and notes of answers.
func plain(answers map[string]checklist.Answer) map[string]checklist.Answer {
	out := map[string]checklist.Answer{}
	for id, a := range answers {
		out[id] = checklist.Answer{Verdict: a.Verdict, Note: a.Note}
	}
	return out
}

// TestSaveQueueFinalize: finalizing shows at once; refused because items
// are unanswered, it is dropped and says what is missing.
func TestSaveQueueFinalize(t *testing.T) {
	qt := newQueueTest(t)
	vc := qt.changes
	cmd := qt.q.push(vc.finalize())
	if o := qt.shown(); o.status != checklist.Draft {
		t.Errorf("an incomplete visit shown %s", o.status)
	}
	qt.drain(cmd)
	if len(qt.q.failed) != 0 || !strings.HasPrefix(qt.q.saveErr, "不能定稿：还有 42 项未答：1.1 1.2 ") {
		t.Errorf("failed %d, error %q", len(qt.q.failed), qt.q.saveErr)
	}

	var first tea.Cmd
	for _, it := range vc.std.ScoredItems() {
		if c := qt.q.push(vc.verdict(it.ID, checklist.Met)); c != nil {
			first = c
		}
	}
	qt.q.push(vc.finalize())
	if o := qt.shown(); o.status != checklist.Finalized || o.score.Total != 100 {
		t.Errorf("shown %s with %v points", o.status, o.score.Total)
	}
	qt.drain(first)
	if qt.saved.Status != checklist.Finalized || qt.q.saveErr != "" {
		t.Errorf("saved %s, error %q", qt.saved.Status, qt.q.saveErr)
	}
	qt.drain(qt.q.push(vc.reopen("补交材料")))
	if qt.saved.Status != checklist.Draft || qt.saved.ReopenReason != "补交材料" {
		t.Errorf("reopened: %s, reason %q", qt.saved.Status, qt.saved.ReopenReason)
	}
}

// TestSaveQueueLeaving: leaving while changes are saved waits for them;
// with one that failed it warns once, and a second try leaves.
func TestSaveQueueLeaving(t *testing.T) {
	qt := newQueueTest(t)
	vc := qt.changes
	if step := qt.q.leave(); step != goNow {
		t.Fatalf("nothing to save: step %d", step)
	}

	cmd := qt.q.push(vc.verdict("1.1", checklist.Met))
	qt.q.push(vc.verdict("1.2", checklist.Met))
	if step := qt.q.leave(); step != waitForSaves {
		t.Fatalf("leaving while saving: step %d", step)
	}
	cmd, step := qt.settle(cmd)
	if step != stay || cmd == nil {
		t.Fatalf("left with a change still queued: step %d", step)
	}
	if _, step = qt.settle(cmd); step != goNow {
		t.Errorf("saved: step %d, want to go", step)
	}

	qt = newQueueTest(t)
	vc = qt.changes
	qt.st.fail["1.1"] = errors.New("disk full")
	cmd = qt.q.push(vc.verdict("1.1", checklist.Met))
	qt.q.leave()
	if step := qt.drain(cmd); step != warnUnsaved {
		t.Errorf("a change failed: step %d, want a warning", step)
	}
	if step := qt.q.leave(); step != goNow {
		t.Errorf("esc again: step %d, want to go", step)
	}
	// A new change asks again.
	qt.q.leaveAnyway = false
	qt.q.leave()
	if qt.q.push(vc.verdict("1.2", checklist.Met)); qt.q.leaveAnyway {
		t.Error("a new change did not take back the leave without the failed ones")
	}
}

// TestQuitWhileSaving: ctrl+c while a change is saved waits for it, and
// a note still being written is saved first.
func TestQuitWhileSaving(t *testing.T) {
	st := openStore(t)
	addSchool(t, st, "城关镇第一小学", "城关镇")
	d := drive(t, newModel(st, i18n.Chinese), 80, 24)
	d.press("enter", "n", "张", "enter", "enter")

	_, save := d.m.Update(keyPress("y")) // the save is not run yet
	d.press("e", "缺")                    // the note of 1.2, the next item
	_, cmd := d.m.Update(keyPress("ctrl+c"))
	if !d.m.quitting || !d.m.busy() {
		t.Fatalf("quit with changes unsaved (quitting %v, busy %v)", d.m.quitting, d.m.busy())
	}
	if !strings.Contains(d.screen(), "正在保存，保存完即退出") {
		t.Errorf("no word that it saves first:\n%s", d.screen())
	}
	// The answer is saved, then the note: then the program quits.
	var quit bool
	for cmds := []tea.Cmd{save, cmd}; len(cmds) > 0; {
		c := cmds[0]
		cmds = cmds[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case tea.BatchMsg:
			cmds = append(cmds, msg...)
		case tea.QuitMsg:
			quit = true
		case nil:
		default:
			_, next := d.m.Update(msg)
			cmds = append(cmds, next)
		}
	}
	if !quit {
		t.Fatal("did not quit once everything was saved")
	}
	v := schoolVisits(t, st)[0]
	if v.Answer("1.1").Verdict != checklist.Met || v.Answer("1.2").Note != "缺" {
		t.Errorf("saved %+v", v.Answers)
	}
}
