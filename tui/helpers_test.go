package tui

import (
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/store"
)

// The TUI runs on the real store in the tests.
var _ Store = (*store.Store)(nil)

// testNow is the tests' clock: 14:03:27 on 14 March 2025, local time.
var testNow = time.Date(2025, 3, 14, 14, 3, 27, 0, time.Local)

func clock() time.Time { return testNow }

// openStore opens a store on a new database in a temporary folder.
func openStore(t testing.TB) *store.Store {
	t.Helper()
	return openStoreAt(t, filepath.Join(t.TempDir(), "branchcheck.db"))
}

// openStoreAt opens the database at path and closes it when the test ends
// (closing twice is harmless).
func openStoreAt(t testing.TB, path string) *store.Store {
	t.Helper()
	s, err := store.Open(path, store.Options{NoDailyBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// addSchool adds a school to the store.
func addSchool(t testing.TB, s Store, name, township string) checklist.School {
	t.Helper()
	sc, err := s.AddSchool(checklist.School{Name: name, Township: township, Kind: "小学", Secretary: "王芳"})
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// newModel makes the interface on a store with the tests' clock, on a
// terminal that said it draws ★ one cell wide (the stars drawn ★★★☆☆).
func newModel(s Store, lang i18n.Lang) *Model {
	return New(Options{Store: s, Lang: lang, Now: clock, NoColor: true, Ambiguous: AmbiguousNarrow, Amend: amendOf(s)})
}

// amendOf is the store's Amending, when it is the real store.
func amendOf(s Store) AmendFunc {
	if st, ok := s.(*store.Store); ok {
		return func(reason string) Amender { return st.Amending(reason) }
	}
	return nil
}

// observer wraps the model under test and keeps the screen it last drew,
// as plain text, so that a test can wait for whole lines of it while the
// program runs.
type observer struct {
	m      *Model
	mu     *sync.Mutex
	screen *string
}

func (o observer) Init() tea.Cmd { return o.m.Init() }

func (o observer) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if p, ok := msg.(probeMsg); ok {
		close(p.done)
		return o, nil
	}
	_, cmd := o.m.Update(msg)
	s := ansi.Strip(o.m.render())
	o.mu.Lock()
	*o.screen = s
	o.mu.Unlock()
	return o, cmd
}

func (o observer) View() tea.View { return o.m.View() }

// probeMsg lets a test wait until the program has handled everything
// sent before it.
type probeMsg struct{ done chan struct{} }

// session is a running program under teatest.
type session struct {
	t   *testing.T
	tm  *teatest.TestModel
	obs observer
}

// run starts the interface in a w×h terminal.
func run(t *testing.T, m *Model, w, h int) *session {
	t.Helper()
	obs := observer{m: m, mu: &sync.Mutex{}, screen: new(string)}
	tm := teatest.NewTestModel(t, obs, teatest.WithInitialTermSize(w, h),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	return &session{t: t, tm: tm, obs: obs}
}

// screen is the screen as last drawn, as plain text.
func (s *session) screen() string {
	s.obs.mu.Lock()
	defer s.obs.mu.Unlock()
	return *s.obs.screen
}

// press sends keys by name: "y", "enter", "esc", "tab", "shift+tab",
// "ctrl+c", "F".
func (s *session) press(keys ...string) {
	for _, k := range keys {
		s.tm.Send(keyPress(k))
	}
}

// typeText types text, one key per character.
func (s *session) typeText(text string) { s.tm.Type(text) }

// waitLine waits until a whole line of the screen (trimmed) matches the
// regular expression, and returns the screen.
func (s *session) waitLine(pattern string) string {
	s.t.Helper()
	re := regexp.MustCompile("^" + pattern + "$")
	return s.waitScreen(pattern, func(screen string) bool { return hasLine(screen, re) })
}

// waitText waits until the screen holds a text, maybe wrapped: its
// lines, each trimmed, are joined before looking.
func (s *session) waitText(text string) string {
	s.t.Helper()
	return s.waitScreen(text, func(screen string) bool {
		var joined strings.Builder
		for _, l := range strings.Split(screen, "\n") {
			joined.WriteString(strings.TrimSpace(l))
		}
		return strings.Contains(joined.String(), text)
	})
}

// waitPane waits for a whole line of the walk's right-hand pane: the
// pattern at the end of a screen line, after the tree's column.
func (s *session) waitPane(pattern string) string {
	s.t.Helper()
	return s.waitLine(`(?:.*\s{2})?` + pattern)
}

// waitScreen waits until the screen satisfies ok, for at most 5 s.
func (s *session) waitScreen(what string, ok func(string) bool) string {
	s.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		scr := s.screen()
		if ok(scr) {
			return scr
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("waited 5s for %s; the screen is:\n%s", what, scr)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// quit quits with q from the schools list (or ctrl+c anywhere) and
// returns the final model.
func (s *session) quit(key string) *Model {
	s.t.Helper()
	s.press(key)
	fm := s.tm.FinalModel(s.t, teatest.WithFinalTimeout(5*time.Second))
	return fm.(observer).m
}

// quitLater returns the model as it is now, for checks on its state, while
// the program goes on. It reads the model in the program's own goroutine
// by sending it a probe.
func (s *session) quitLater() *Model {
	s.t.Helper()
	done := make(chan struct{})
	s.tm.Send(probeMsg{done})
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		s.t.Fatal("the program did not take the probe")
	}
	return s.obs.m
}

// hasLine reports whether a line of the screen, trimmed, matches re.
func hasLine(screen string, re *regexp.Regexp) bool {
	for _, l := range strings.Split(screen, "\n") {
		if re.MatchString(strings.TrimSpace(l)) {
			return true
		}
	}
	return false
}

// keyPress makes the key message a terminal sends for a key name.
func keyPress(k string) tea.KeyPressMsg {
	named := map[string]tea.KeyPressMsg{
		"enter":     {Code: tea.KeyEnter},
		"esc":       {Code: tea.KeyEscape},
		"tab":       {Code: tea.KeyTab},
		"shift+tab": {Code: tea.KeyTab, Mod: tea.ModShift},
		"up":        {Code: tea.KeyUp},
		"down":      {Code: tea.KeyDown},
		"left":      {Code: tea.KeyLeft},
		"right":     {Code: tea.KeyRight},
		"backspace": {Code: tea.KeyBackspace},
		"space":     {Code: tea.KeySpace, Text: " "},
		"ctrl+c":    {Code: 'c', Mod: tea.ModCtrl},
		"ctrl+s":    {Code: 's', Mod: tea.ModCtrl},
	}
	if m, ok := named[k]; ok {
		return m
	}
	r := []rune(k)
	return tea.KeyPressMsg{Code: r[0], Text: k}
}

// driver runs the model without a program: each command runs at once
// and its message goes back in, until nothing is left to do. It is for
// tests of one screen's behaviour and of drawing.
type driver struct {
	t testing.TB
	m *Model
}

func drive(t testing.TB, m *Model, w, h int) *driver {
	d := &driver{t: t, m: m}
	d.send(tea.WindowSizeMsg{Width: w, Height: h})
	d.run(m.Init())
	return d
}

// send delivers a message and runs what follows from it.
func (d *driver) send(msg tea.Msg) {
	_, cmd := d.m.Update(msg)
	d.run(cmd)
}

// press sends keys by name.
func (d *driver) press(keys ...string) {
	for _, k := range keys {
		d.send(keyPress(k))
	}
}

func (d *driver) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			d.run(c)
		}
	case tea.QuitMsg:
	default:
		d.send(msg)
	}
}

// screen is the screen as plain text.
func (d *driver) screen() string { return ansi.Strip(d.m.render()) }

// resize makes the window w×h and waits for a line: it sends the size
// again until it shows, since the program sends its own first size from
// a goroutine that may come late.
func (s *session) resize(w, h int, pattern string) {
	s.t.Helper()
	re := regexp.MustCompile("^" + pattern + "$")
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		s.tm.Send(sizeMsg(w, h))
		for range 20 {
			if hasLine(s.screen(), re) {
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	s.t.Fatalf("after resizing to %dx%d, no line %s; the screen is:\n%s", w, h, pattern, s.screen())
}

// sizeMsg is a window resize.
func sizeMsg(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }
