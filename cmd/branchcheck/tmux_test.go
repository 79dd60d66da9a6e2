package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"branchcheck/checklist"
	"branchcheck/store"
)

// TestTmux drives the real program in a real terminal: tmux at 80x24,
// keys only. It adds a school in the a form, walks all 42 items with y,
// finalizes with F and y, quits, starts again on the same database and
// finds the visit there, finalized with 100 points, through keys typed
// the instant it starts. It needs tmux, and
// is skipped without it (CI installs it).
func TestTmux(t *testing.T) {
	tmuxBin, err := exec.LookPath("tmux")
	if err != nil {
		t.Skip("tmux is not installed")
	}
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	db := filepath.Join(dir, "e2e.db")
	tm := &tmux{t: t, bin: tmuxBin, socket: fmt.Sprintf("branchcheck-e2e-%d", os.Getpid()), session: "e2e"}
	t.Cleanup(tm.killServer)

	tm.start(bin, "--db", db)
	tm.waitLine(`还没有学校。可以这样开始：`)

	// Add a school through the form.
	tm.keys("a")
	tm.waitLine(`添加学校`)
	tm.text("城关镇第一小学")
	tm.keys("Enter")
	tm.text("城关镇")
	tm.keys("Enter", "Enter", "Enter", "Enter") // 类型, 书记, 联系电话 left empty
	tm.waitLine(`> 城关镇第一小学 +城关镇 +- +未评定`)

	// Start a visit: the inspector's name is asked the first time.
	tm.keys("Enter")
	tm.waitLine(`检查记录 0 次`)
	tm.keys("n")
	tm.waitLine(`> 检查人\*.*`)
	tm.text("张三")
	tm.keys("Enter")
	tm.waitLine(`> 日期\* +\d{4}-\d\d-\d\d`)
	tm.keys("Enter")
	tm.waitLine(`0/42  还没有作答`)

	// 42 answers, one key each, then finalize.
	for range 42 {
		tm.keys("y")
	}
	tm.waitLine(`42/42  暂定 100分 ★★★★★  已保存 \d\d:\d\d:\d\d`)
	tm.keys("F")
	tm.waitLine(`(.*  )?合计 100 分  五星  ★★★★★`)
	tm.keys("y")
	tm.waitLine(`42/42  100分 ★★★★★  已保存 \d\d:\d\d:\d\d.*`)
	tm.waitLine(`城关镇第一小学  \d{4}-\d\d-\d\d  检查人 张三  已定稿  只读，按 R 重新打开`)

	// Back out and quit.
	tm.keys("Escape")
	tm.waitLine(`> \d{4}-\d\d-\d\d  张三 +100\.00 +已定稿 +★★★★★`)
	tm.keys("Escape")
	tm.waitLine(`> 城关镇第一小学 +城关镇 +\d{4}-\d\d-\d\d +★★★★★`)
	tm.keys("q")
	tm.waitExit()

	// Start again: the visit is there, finalized, 100 points. The two
	// Enters are typed at once, in the instant after the launch, before
	// the program has put the terminal in raw mode (the terminal turns
	// them into line feeds): they are not lost.
	tm.start(bin, "--db", db)
	tm.keys("Enter", "Enter")
	tm.waitLine(`42/42  100分 ★★★★★`)
	tm.keys("Escape")
	tm.waitLine(`> \d{4}-\d\d-\d\d  张三 +100\.00 +已定稿 +★★★★★`)
	tm.waitLine(`整改事项：没有`)
	tm.keys("Enter")
	tm.waitLine(`42/42  100分 ★★★★★`)
	tm.keys("Escape")
	tm.waitLine(`检查记录 1 次`)
	tm.keys("Escape")
	tm.waitLine(`学校列表  共 1 所.*`)
	tm.keys("q")
	tm.waitExit()

	// And the database agrees.
	s, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	visits, err := s.Inspections()
	if err != nil || len(visits) != 1 {
		t.Fatalf("visits %v, %v", visits, err)
	}
	v := visits[0]
	sc := checklist.ScoreInspection(checklist.DefaultStandard(), v)
	if v.Status != checklist.Finalized || sc.Total != 100 || sc.Stars != 5 || v.Inspector != "张三" {
		t.Errorf("visit %s by %s: %v points, %d stars", v.Status, v.Inspector, sc.Total, sc.Stars)
	}
}

// TestTmuxKilledMidWalk: the real program, in the middle of a walk, is
// killed with SIGKILL (a crash, a dead battery) right after the screen
// said 已保存. Started again, it has every answer the screen showed as
// saved, and the walk resumes where it stopped.
func TestTmuxKilledMidWalk(t *testing.T) {
	tmuxBin, err := exec.LookPath("tmux")
	if err != nil {
		t.Skip("tmux is not installed")
	}
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	db := filepath.Join(dir, "kill.db")
	s, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddSchool(checklist.School{Name: "东河乡中心学校", Township: "东河乡"}); err != nil {
		t.Fatal(err)
	}
	s.SetSetting(store.SettingInspector, "李四")
	s.Close()

	tm := &tmux{t: t, bin: tmuxBin, socket: fmt.Sprintf("branchcheck-kill-%d", os.Getpid()), session: "kill"}
	t.Cleanup(tm.killServer)
	tm.start(bin, "--db", db)
	tm.waitLine(`> 东河乡中心学校 +东河乡 +- +未评定`)
	tm.keys("Enter", "n")
	tm.waitLine(`> 日期\* +\d{4}-\d\d-\d\d`) // the name is remembered: only the date is asked
	tm.keys("Enter")
	tm.waitLine(`0/42  还没有作答`)
	for i := range 17 {
		tm.keys([]string{"y", "p", "n"}[i%3])
	}
	tm.waitLine(`17/42  暂定 \S+分 \S+  已保存 \d\d:\d\d:\d\d`)

	pid, err := tm.run("display-message", "-p", "-t", tm.session, "#{pane_pid}")
	if err != nil {
		t.Fatalf("pane pid: %v %s", err, pid)
	}
	if out, err := exec.Command("kill", "-KILL", strings.TrimSpace(pid)).CombinedOutput(); err != nil {
		t.Fatalf("kill: %v %s", err, out)
	}
	tm.waitExit()

	s, err = store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("reopen after the kill: %v", err)
	}
	visits, _ := s.Inspections()
	s.Close()
	if len(visits) != 1 {
		t.Fatalf("%d visits after the kill", len(visits))
	}
	items := checklist.DefaultStandard().ScoredItems()
	for i, it := range items[:17] {
		want := []checklist.Verdict{checklist.Met, checklist.PartlyMet, checklist.NotMet}[i%3]
		if got := visits[0].Answers[it.ID].Verdict; got != want {
			t.Errorf("item %s: the screen said saved as %s, the file has %q", it.ID, want, got)
		}
	}

	// Started again, the draft resumes at the first unanswered item.
	tm.start(bin, "--db", db)
	tm.waitLine(`> 东河乡中心学校 +东河乡 +\d{4}-\d\d-\d\d +草稿 +未评定`)
	tm.keys("Enter", "Enter")
	tm.waitLine(`17/42  暂定 \S+分 \S+`)
	tm.waitLine(`> 4\.2 +\[ \] .*`)
	tm.keys("q")
}

// buildBinary builds branchcheck into dir.
func buildBinary(t *testing.T, dir string) string {
	t.Helper()
	goBin := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(goBin); err != nil {
		if goBin, err = exec.LookPath("go"); err != nil {
			t.Skip("no go command to build the binary with")
		}
	}
	bin := filepath.Join(dir, "branchcheck")
	cmd := exec.Command(goBin, "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// tmux is one session on a private tmux server.
type tmux struct {
	t       *testing.T
	bin     string
	socket  string
	session string
}

// run runs a tmux command on the private server.
func (m *tmux) run(args ...string) (string, error) {
	cmd := exec.Command(m.bin, append([]string{"-L", m.socket, "-f", "/dev/null"}, args...)...)
	cmd.Env = append(os.Environ(), "LANG=C.UTF-8", "LC_ALL=")
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// start runs the program in a new 80x24 session, in Chinese (C.UTF-8)
// with a 256-color terminal.
func (m *tmux) start(prog string, args ...string) {
	m.t.Helper()
	command := "env -u LC_ALL -u LC_MESSAGES -u NO_COLOR TERM=xterm-256color LANG=C.UTF-8 " + shellQuote(prog)
	for _, a := range args {
		command += " " + shellQuote(a)
	}
	if out, err := m.run("new-session", "-d", "-x", "80", "-y", "24", "-s", m.session, command); err != nil {
		m.t.Fatalf("tmux new-session: %v\n%s", err, out)
	}
}

// keys sends keys by tmux's names (Enter, Escape, y). An Escape is sent
// on its own and the screen given a moment, as a person would: escape
// followed at once by another key reads as alt+key.
func (m *tmux) keys(keys ...string) {
	m.t.Helper()
	for _, k := range keys {
		if out, err := m.run("send-keys", "-t", m.session, k); err != nil {
			m.t.Fatalf("tmux send-keys %s: %v\n%s", k, err, out)
		}
		if k == "Escape" {
			time.Sleep(100 * time.Millisecond)
		}
	}
}

// text types text literally.
func (m *tmux) text(s string) {
	m.t.Helper()
	if out, err := m.run("send-keys", "-t", m.session, "-l", s); err != nil {
		m.t.Fatalf("tmux send-keys -l: %v\n%s", err, out)
	}
}

// screen is what the pane shows.
func (m *tmux) screen() string {
	out, err := m.run("capture-pane", "-p", "-t", m.session)
	if err != nil {
		return ""
	}
	return out
}

// waitLine polls the pane until a whole line of it (trimmed) matches the
// pattern, for at most 15 seconds.
func (m *tmux) waitLine(pattern string) {
	m.t.Helper()
	re := regexp.MustCompile("^" + pattern + "$")
	deadline := time.Now().Add(15 * time.Second)
	for {
		scr := m.screen()
		for _, l := range strings.Split(scr, "\n") {
			if re.MatchString(strings.TrimSpace(l)) {
				return
			}
		}
		if time.Now().After(deadline) {
			m.t.Fatalf("waited 15s for a line %s; the pane shows:\n%s", pattern, scr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitExit waits for the program to end (and its session with it).
func (m *tmux) waitExit() {
	m.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		if _, err := m.run("has-session", "-t", m.session); err != nil {
			return
		}
		if time.Now().After(deadline) {
			m.t.Fatalf("the program did not quit; the pane shows:\n%s", m.screen())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// killServer stops the private tmux server.
func (m *tmux) killServer() { m.run("kill-server") }
