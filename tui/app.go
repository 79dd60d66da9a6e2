package tui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"branchcheck/i18n"
	"branchcheck/termtext"
)

// The smallest window every screen can be drawn in. Below it the
// interface says the window is too small instead of drawing a broken
// screen.
const (
	MinWidth  = 64
	MinHeight = 16
)

// screen is one page of the interface. Screens are stacked: the schools
// list at the bottom, then a school, then a walk.
type screen interface {
	// Init returns the command that loads the screen's data. It runs when
	// the screen is opened and again when the user comes back to it, so
	// the screen shows what the screens above it changed.
	Init() tea.Cmd
	// Update handles a key (only the top screen gets keys) or a message
	// (every screen on the stack gets those). It returns the command to
	// run and the move between screens to make at once, if any (nav.go).
	Update(msg tea.Msg) (tea.Cmd, navMsg)
	// View draws the screen in w×h cells, as at most h rows. It changes
	// nothing: scroll offsets move in Update and setSize.
	View(w, h int) []string
	// setSize tells the screen the size it is drawn at.
	setSize(w, h int)
	// keyMap is the screen's keys in its current state, for the help.
	keyMap() help.KeyMap
	// title names the screen on the help page.
	title() string
}

// typist is a screen that may be taking text: then every printable key
// is text, and the global keys (?, q) are not taken by the root.
type typist interface {
	typing() bool
}

// cursorer is a screen that may be taking text: it says where the
// terminal's cursor goes (nil: hidden), so that an input method for
// Chinese shows its candidates at the text.
type cursorer interface {
	textCursor() *tea.Cursor
}

// saver is a screen that writes to the store in the background. The
// program waits for it before quitting.
type saver interface {
	// busy reports whether a change is queued or being saved.
	busy() bool
	// flush queues any change being edited (a note) to be saved.
	flush() tea.Cmd
}

// Model is the whole interface: a stack of screens, the help page and the
// window size. Make it with New and run it with tea.NewProgram.
type Model struct {
	c        *common
	stack    []screen
	width    int
	height   int
	showHelp bool
	// err is a failure to show on the bottom line until the next key.
	err string
	// quitting: leave as soon as nothing is being saved.
	quitting bool
	// held are keys typed while the top screen was still loading its data;
	// they are handed on, in order, once it has it (see waiting).
	held []tea.KeyPressMsg
	// failed is a screen whose data could not be loaded: keys go to it
	// as they come (esc leaves it), none are held for it.
	failed screen
	// detect: ask the terminal how wide it draws ★; probing: asked, no
	// answer yet.
	detect, probing bool
}

// loader is a screen that loads its data in a command after it opens.
type loader interface {
	// ready reports whether the data is there and keys can be handled.
	ready() bool
}

// New makes the interface, opening on the list of schools. It does no
// I/O: the first screen loads its data in a command from Init.
func New(o Options) *Model {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Lang == "" {
		o.Lang = i18n.Chinese
	}
	c := &common{
		store:     o.Store,
		lang:      o.Lang,
		from:      o.LangFrom,
		now:       o.Now,
		styles:    NewStyles(o.NoColor),
		keys:      NewKeyMap(o.Lang),
		export:    o.ExportRatings,
		exportDir: o.DefaultExportDir,
		files:     o.Files,
		readOnly:  o.ReadOnly,
		amend:     o.Amend,
		reasons:   map[int]string{},
	}
	if o.ReadOnly != nil {
		c.keys.lockWrites()
	}
	c.setLook(o.Stars, o.Ambiguous)
	schools := newSchoolsScreen(c)
	schools.warnings = sayAll(c, o.Warnings)
	return &Model{c: c, stack: []screen{schools}, detect: o.DetectWidth}
}

// Init loads the list of schools, and asks the terminal how wide it
// draws ★ if the options say to.
func (m *Model) Init() tea.Cmd {
	if m.detect {
		return tea.Batch(m.top().Init(), startProbe())
	}
	return m.top().Init()
}

// top is the screen on top of the stack.
func (m *Model) top() screen { return m.stack[len(m.stack)-1] }

// Update handles a message: keys go to the top screen, other messages to
// every screen.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := tea.Batch(m.update(msg), m.replay())
	if !m.waitsForData() {
		m.failed = nil // a screen that failed may load the next time
	}
	if m.quitting && !m.busy() {
		return m, tea.Quit
	}
	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		for _, s := range m.stack {
			s.setSize(m.width, m.bodyHeight())
		}
		return nil
	case tea.KeyPressMsg:
		return m.key(lineFeedIsEnter(msg))
	case tea.PasteMsg:
		cmd, move := m.top().Update(msg)
		return tea.Batch(cmd, m.navigate(move))
	case probeWidthMsg:
		m.probing = true
		return probe()
	case probeTimeoutMsg:
		m.probing = false
		return nil
	case tea.CursorPositionMsg:
		if amb, ok := answerOf(msg); ok && m.probing {
			m.probing = false
			m.restyle(m.c.style, amb)
		}
		return nil
	case errMsg:
		m.err = m.c.say(msg.err)
		if m.waiting() {
			// The screen waited for data that is not coming: what was
			// typed for it is dropped, and it takes keys as they come.
			m.failed, m.held = m.top(), nil
		}
		return nil
	}
	cmds := make([]tea.Cmd, 0, len(m.stack)+1)
	top := m.top()
	var move navMsg
	for _, s := range m.stack {
		cmd, n := s.Update(msg)
		cmds = append(cmds, cmd)
		if s == top {
			move = n // only the screen on top moves between screens
		}
	}
	return tea.Batch(append(cmds, m.navigate(move))...)
}

// waiting reports whether keys must wait: the top screen is still
// loading what they act on, and has not failed to.
func (m *Model) waiting() bool { return m.waitsForData() && m.failed != m.top() }

// waitsForData reports whether the top screen is loading its data.
func (m *Model) waitsForData() bool {
	l, ok := m.top().(loader)
	return ok && !l.ready()
}

// replay hands the held keys, in order, to the screens they were typed
// for: each key may open another screen, which may again have to load
// before the rest can follow.
func (m *Model) replay() tea.Cmd {
	var cmds []tea.Cmd
	for len(m.held) > 0 && !m.waiting() {
		k := m.held[0]
		m.held = m.held[1:]
		cmds = append(cmds, m.key(k))
	}
	return tea.Batch(cmds...)
}

// navigate makes the move between screens the top screen asked for.
func (m *Model) navigate(n navMsg) tea.Cmd {
	switch n := n.(type) {
	case quitMsg:
		return m.quit()
	case goBackMsg:
		if len(m.stack) > 1 {
			m.stack = m.stack[:len(m.stack)-1]
			return m.top().Init()
		}
	case openScreenMsg:
		n.screen.setSize(m.width, m.bodyHeight())
		m.stack = append(m.stack, n.screen)
		return n.screen.Init()
	case relangMsg:
		return m.relang(n.lang)
	case restyleMsg:
		m.restyle(n.style, m.c.ambiguous)
	}
	return nil
}

// relang rebuilds the interface in another language, back at the
// settings screen the change was made on: the screens take their words
// and keys when they are made.
func (m *Model) relang(l i18n.Lang) tea.Cmd {
	c := *m.c
	c.lang, c.from, c.keys = l, "", NewKeyMap(l)
	if c.readOnly != nil {
		c.keys.lockWrites()
	}
	m.c = &c
	set := newSettingsScreen(m.c)
	set.keep = SettingLang
	set.status = m.c.sprintf("已保存：%s", "Saved: %s", m.c.pick("界面语言", "Language"))
	m.stack = []screen{newSchoolsScreen(m.c), set}
	cmds := make([]tea.Cmd, 0, len(m.stack))
	for _, s := range m.stack {
		s.setSize(m.width, m.bodyHeight())
		cmds = append(cmds, s.Init())
	}
	return tea.Batch(cmds...)
}

// restyle draws stars in another style, or measures for what the
// terminal said of ★: the screens lay themselves out again.
func (m *Model) restyle(style StarStyle, amb Ambiguity) {
	m.c.setLook(style, amb)
	for _, s := range m.stack {
		s.setSize(m.width, m.bodyHeight())
	}
}

// key handles a key press.
func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	m.err = ""
	if key.Matches(msg, m.c.keys.Global.Quit) {
		if m.quitting {
			// A second ctrl+c while a save is still running: the user
			// insists.
			return tea.Quit
		}
		return m.quit()
	}
	if m.quitting || m.tooSmall() {
		return nil
	}
	if m.waiting() {
		m.held = append(m.held, msg)
		return nil
	}
	if m.showHelp {
		if key.Matches(msg, m.c.keys.HelpPage.Close) {
			m.showHelp = false
		}
		return nil
	}
	top := m.top()
	if t, ok := top.(typist); !ok || !t.typing() {
		if key.Matches(msg, m.c.keys.Global.Help) {
			m.showHelp = true
			return nil
		}
	}
	cmd, move := top.Update(msg)
	return tea.Batch(cmd, m.navigate(move))
}

// quit leaves once every screen has saved what it holds.
func (m *Model) quit() tea.Cmd {
	m.quitting = true
	var cmds []tea.Cmd
	for _, s := range m.stack {
		if sv, ok := s.(saver); ok {
			cmds = append(cmds, sv.flush())
		}
	}
	return tea.Batch(cmds...)
}

// busy reports whether any screen is still saving.
func (m *Model) busy() bool {
	for _, s := range m.stack {
		if sv, ok := s.(saver); ok && sv.busy() {
			return true
		}
	}
	return false
}

// bodyHeight is what the screens get: all but the bottom line.
func (m *Model) bodyHeight() int { return max(m.height-1, 0) }

func (m *Model) tooSmall() bool { return m.width < MinWidth || m.height < MinHeight }

// View draws the top screen and the bottom line, or the help page, or
// says the window is too small.
func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	if c, ok := m.top().(cursorer); ok && m.width > 0 && !m.tooSmall() && !m.showHelp {
		v.Cursor = c.textCursor()
	}
	v.AltScreen = true
	v.WindowTitle = "branchcheck"
	return v
}

// render is the screen's text.
func (m *Model) render() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	if m.tooSmall() {
		return m.tooSmallView()
	}
	if m.showHelp {
		return strings.Join(m.c.frame(m.helpView(), m.width, m.height), "\n")
	}
	rows := m.c.frame(m.top().View(m.width, m.bodyHeight()), m.width, m.bodyHeight())
	var bottom string
	switch {
	case m.err != "":
		bottom = m.c.styles.Error.Render(m.c.clip(m.c.pick("错误：", "Error: ")+m.err, m.width))
	case m.quitting:
		bottom = m.c.styles.Warn.Render(termtext.Clip(m.c.pick("正在保存，保存完即退出", "Saving, then quitting"), m.width))
	default:
		bottom = m.shortHelp(m.top().keyMap().ShortHelp())
	}
	return strings.Join(append(rows, bottom), "\n")
}

// tooSmallView says the window is too small and what it needs.
func (m *Model) tooSmallView() string {
	msg := m.c.sprintf("窗口太小：至少需要 %dx%d，现在 %dx%d。请放大窗口。",
		"Window too small: needs %dx%d, now %dx%d. Please enlarge it.",
		MinWidth, MinHeight, m.width, m.height)
	rows := termtext.Wrap(msg, m.width)
	return strings.Join(frame(rows, m.width, m.height), "\n")
}

// lineFeedIsEnter takes a line feed (ctrl+j) for the Enter key. Before the
// program puts the terminal in raw mode (the first instant after a
// launch, while it opens the database), the terminal's line discipline
// turns an Enter typed ahead into a line feed (ICRNL); some terminals
// send one for Enter too. No key of the interface is ctrl+j.
func lineFeedIsEnter(k tea.KeyPressMsg) tea.KeyPressMsg {
	if k.Code == 'j' && k.Mod == tea.ModCtrl {
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	}
	return k
}
