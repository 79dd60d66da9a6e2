package tui

import (
	"errors"
	"maps"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/filepicker"
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"branchcheck/checklist"
	"branchcheck/termtext"
)

// filesMode is what the files screen is doing.
type filesMode int

const (
	filesMenu   filesMode = iota // choosing a job
	filesPath                    // typing the path of the file to read
	filesBrowse                  // browsing for it
	filesFormat                  // choosing a format
	filesResult                  // reading what the job did
)

// filesScreen is 文件（导入导出）: import the school list, export the
// 整改台账, export and import bundles, back up the database. Every file
// it writes goes to the export folder of the settings, and the screen
// says the full path it wrote.
//
// A bundle import replaces the database file under the Store. It is
// modal: it is started only from this screen, on top of the schools list
// with nothing being saved (no walk, no settings screen is open, and the
// schools list has its data: keys wait until it has), and while it runs
// the screen is not ready (the root holds every key, so nothing starts
// another call of the Store) and busy (quitting waits for it). When it
// is done, the screens below read the database again whole.
type filesScreen struct {
	list[fileJob]
	c      *common
	keys   FilesKeys
	w, h   int
	loaded bool
	dir    string
	mode   filesMode
	job    fileJob
	form   *form
	picker filepicker.Model
	// gate asks why a confirmed year's records are changed when a job
	// was refused for want of a reason (a filled 自评表 of that year),
	// as the self-assessment screen asks; again is the file to run the
	// job on once it is given.
	gate  lockGate
	again string
	// running: a job is under way; keys wait for it.
	running bool
	// result is what the last job said, path the file it wrote ("":
	// none), offset how far it is scrolled.
	result []string
	path   string
	offset int
	status string
	failed bool
}

func newFilesScreen(c *common) *filesScreen {
	f := &filesScreen{c: c, keys: c.keys.Files, gate: lockGate{c: c}}
	f.list = newList(c, listKeys{Up: f.keys.Up, Down: f.keys.Down}, func(j fileJob) string { return j.id },
		func(j fileJob) []cell { return []cell{{text: j.label}, {text: j.about, paint: c.styles.Dim}} })
	l := c.lang
	jobs := f.jobs()
	labels := []string{l.Pick("事项", "Job")}
	for _, j := range jobs {
		labels = append(labels, j.label)
	}
	f.columns = []column{{title: labels[0], fit: labels, min: 8}, {title: l.Pick("说明", "What it does"), flex: true, min: 8, gap: 2}}
	f.empty = l.Pick("这个版本没有文件功能", "No jobs on files in this build")
	f.setRows(jobs)
	return f
}

// filesLoadedMsg carries the export folder.
type filesLoadedMsg struct{ dir string }

// fileJobDoneMsg: a job on files is done.
type fileJobDoneMsg struct {
	id     string
	report *FileReport
	err    error
	// path is the file the job read; locked, the confirmed year whose
	// change was refused for want of a reason (0: none).
	path   string
	locked int
}

// Init reads the export folder.
func (f *filesScreen) Init() tea.Cmd {
	st, docs := f.c.store, f.c.exportDir
	return func() tea.Msg {
		dir, err := ExportFolder(st, docs)
		if err != nil {
			return errMsg{err}
		}
		return filesLoadedMsg{dir}
	}
}

func (f *filesScreen) ready() bool { return f.loaded && !f.running }

// busy: a job is running; quitting waits for it (a bundle import above
// all).
func (f *filesScreen) busy() bool     { return f.running }
func (f *filesScreen) flush() tea.Cmd { return nil }

func (f *filesScreen) title() string {
	return f.c.pick("文件：导入与导出", "Files: import and export")
}

func (f *filesScreen) setSize(w, h int) {
	f.w, f.h = w, h
	for _, fm := range []*form{f.form, f.gate.form} {
		if fm != nil {
			fm.setWidth(w)
		}
	}
	// The title, the folder, a blank line, the list's header and
	// position, a blank line and two of status.
	f.setHeight(max(h-8, 3))
	f.picker.SetHeight(max(h-4, 3))
}

func (f *filesScreen) typing() bool { return f.mode == filesPath || f.gate.isOpen() }

func (f *filesScreen) textCursor() *tea.Cursor {
	if f.gate.isOpen() {
		return f.gate.form.cursor(f.w)
	}
	if f.mode == filesPath && f.form != nil {
		return f.form.cursor(f.w)
	}
	return nil
}

func (f *filesScreen) keyMap() help.KeyMap {
	if f.gate.isOpen() {
		return f.gate.form.keyMap()
	}
	switch f.mode {
	case filesPath:
		k := f.c.keys.Form
		browse := key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", f.c.pick("浏览文件夹", "browse")))
		return oneColumn(k.Submit, browse, k.Cancel)
	case filesBrowse:
		k := f.c.keys.Browse
		return oneColumn(k.Open, k.Parent, k.Up, k.Down, k.Cancel)
	case filesFormat:
		return f.formatKeys()
	case filesResult:
		k := f.c.keys.Result
		return oneColumn(k.Up, k.Down, k.PageDown, k.Back)
	}
	return oneColumn(f.keys.Up, f.keys.Down, f.keys.Run, f.keys.Back, f.keys.Help)
}

// formatKeys are the keys of the formats of an export.
func (f *filesScreen) formatKeys() keyMap {
	k := f.c.keys.Export
	return oneColumn(k.XLSX, k.CSV, k.HTML, k.Markdown, k.JSON, k.Cancel)
}

// Update handles keys, the folder, the browser's reads and a job done.
func (f *filesScreen) Update(msg tea.Msg) (tea.Cmd, navMsg) {
	switch msg := msg.(type) {
	case filesLoadedMsg:
		f.loaded, f.dir = true, msg.dir
		return nil, nil
	case fileJobDoneMsg:
		return f.done(msg), nil
	case tea.KeyPressMsg, tea.PasteMsg:
		return f.input(msg)
	}
	if f.mode == filesBrowse {
		var cmd tea.Cmd
		f.picker, cmd = f.picker.Update(msg)
		return cmd, nil
	}
	return nil, nil
}

// input handles a key or a paste in the screen's mode.
func (f *filesScreen) input(msg tea.Msg) (tea.Cmd, navMsg) {
	if f.gate.isOpen() {
		return f.reasonInput(msg), nil
	}
	switch f.mode {
	case filesPath:
		return f.pathInput(msg), nil
	case filesBrowse:
		return f.browseInput(msg), nil
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil, nil
	}
	switch f.mode {
	case filesFormat:
		return f.formatInput(k), nil
	case filesResult:
		f.resultKey(k)
		return nil, nil
	}
	f.status, f.failed = "", false
	if cmd, ok := f.listKey(k); ok {
		return cmd, nil
	}
	switch {
	case key.Matches(k, f.keys.Run):
		if j, ok := f.selected(); ok {
			return f.start(j), nil
		}
	case key.Matches(k, f.keys.Back):
		return nil, goBackMsg{}
	}
	return nil, nil
}

// start begins a job: asks for its file or format, or runs it.
func (f *filesScreen) start(j fileJob) tea.Cmd {
	f.job = j
	switch {
	case j.write && !f.c.writable():
		f.status, f.failed = f.c.say(f.c.readOnly), true
		return nil
	case j.exts != nil:
		return f.openPath(f.dir + string(filepath.Separator))
	case j.formats:
		f.mode = filesFormat
		return nil
	}
	return f.run("", "")
}

// formatInput takes the key of a format, or esc.
func (f *filesScreen) formatInput(k tea.KeyPressMsg) tea.Cmd {
	ek := f.c.keys.Export
	if key.Matches(k, ek.Cancel) {
		f.mode = filesMenu
		return nil
	}
	for _, ch := range ek.Formats() {
		if key.Matches(k, ch.Key) {
			return f.run("", ch.Format)
		}
	}
	return nil
}

// run runs the job in a command. While it runs, keys wait (ready) and
// quitting waits (busy): a bundle import so runs alone on the Store. The
// job is given the reasons given so far for confirmed years; one refused
// for want of a reason says which year asked.
func (f *filesScreen) run(path, format string) tea.Cmd {
	j := f.job
	f.running = true
	f.status, f.failed = "", false
	reasons := maps.Clone(f.c.reasons)
	return func() tea.Msg {
		var asked int
		r, err := j.run(path, format, func(year int) string { asked = year; return reasons[year] })
		msg := fileJobDoneMsg{id: j.id, report: r, err: err, path: path}
		if errors.Is(err, checklist.ErrReasonRequired) && reasons[asked] == "" {
			msg.locked = asked
		}
		return msg
	}
}

// reasonInput passes a key or a paste to the reason's form: once a
// reason is given the job runs again on the same file, with it; esc
// leaves the file unread.
func (f *filesScreen) reasonInput(msg tea.Msg) tea.Cmd {
	_, ok, cmd := f.gate.update(msg)
	switch {
	case ok:
		return tea.Batch(cmd, f.run(f.again, ""))
	case !f.gate.isOpen():
		f.mode, f.form = filesMenu, nil
		f.status, f.failed = f.c.sprintf("%s：已取消，没有导入", "%s: cancelled, nothing imported", f.job.label), false
	}
	return cmd
}

// done shows what a job did, or why it failed: a path that could not be
// read goes back to the path, to be put right.
func (f *filesScreen) done(msg fileJobDoneMsg) tea.Cmd {
	if !f.running || msg.id != f.job.id {
		return nil
	}
	f.running = false
	if msg.locked != 0 && f.c.writable() {
		f.again = msg.path
		return f.gate.askFor(msg.locked, msg.err, f.w)
	}
	if msg.err != nil {
		if f.mode == filesPath && f.form != nil {
			return f.form.setError(0, f.c.say(msg.err))
		}
		f.mode = filesMenu
		f.status, f.failed = f.c.say(msg.err), true
		return nil
	}
	f.mode, f.form, f.offset = filesResult, nil, 0
	f.result, f.path = nil, termtext.Line(msg.report.Path)
	for _, l := range msg.report.Lines {
		f.result = append(f.result, termtext.Line(l))
	}
	return nil
}

// resultKey scrolls what the job did, or leaves it.
func (f *filesScreen) resultKey(k tea.KeyPressMsg) {
	rk := f.c.keys.Result
	if key.Matches(k, rk.Back) {
		f.mode = filesMenu
		return
	}
	if d, ok := step(k, f.h-4, rk.Up, rk.Down, rk.PageUp, rk.PageDown); ok {
		rows, room := f.resultRows(f.w, f.h)
		f.offset = max(min(f.offset+d, len(rows)-room), 0)
	}
}

// resultRows are what the job did, wrapped to w cells, and how many of
// them a screen h rows high shows.
func (f *filesScreen) resultRows(w, h int) (rows []string, room int) {
	if f.path != "" {
		rows = append(rows, f.c.pick("已写入：", "Written:"))
		rows = append(rows, f.c.wrapPath(f.path, w)...)
	}
	for _, l := range f.result {
		rows = append(rows, f.c.wrap(l, w)...)
	}
	return rows, max(h-2, 1)
}

// View draws the jobs, the path, the browser, the formats or the result.
func (f *filesScreen) View(w, h int) []string {
	st := f.c.styles
	l := f.c.lang
	if !f.loaded {
		return f.c.loading(f.title())
	}
	if f.gate.isOpen() {
		return f.gate.form.View(w)
	}
	switch f.mode {
	case filesPath:
		out := f.form.View(w)
		if f.running {
			out = append(out, st.Warn.Render(f.c.clip(f.runningText(), w)))
		}
		return out
	case filesBrowse:
		return f.browseView(w, h)
	case filesResult:
		return f.resultView(w, h)
	}
	var out lines
	out.add(st.Title.Render(f.c.clip(f.title(), w)))
	for _, r := range f.c.wrap(l.Sprintf("导出文件夹：%s（按 esc 返回后按 o 在设置中更改）", "Export folder: %s (change it in the settings: esc, then o)", termtext.Line(f.dir)), w) {
		out.add(st.Dim.Render(r))
	}
	out.add("")
	out.add(f.list.view(w)...)
	switch {
	case f.running:
		out.add(st.Warn.Render(f.c.clip(f.runningText(), w)))
	case f.mode == filesFormat:
		out.add(st.Bold.Render(f.c.clip(l.Sprintf("%s：选择格式", "%s: choose a format", f.job.label), w)))
		var ks []string
		for _, ch := range f.c.keys.Export.Formats() {
			ks = append(ks, ch.Key.Help().Key+" "+ch.Key.Help().Desc)
		}
		for _, r := range f.c.wrap(strings.Join(ks, "  ")+"  esc "+l.Pick("取消", "cancel"), w) {
			out.add(r)
		}
	case f.status != "":
		paint := st.OK
		if f.failed {
			paint = st.Error
		}
		for _, r := range f.c.wrap(f.status, w) {
			out.add(paint.Render(r))
		}
	}
	return out
}

// runningText says what is being done.
func (f *filesScreen) runningText() string {
	if f.job.modal {
		return f.c.sprintf("正在%s，请稍候（完成前不能做别的操作）", "%s: please wait (nothing else can be done until it is done)", f.job.label)
	}
	return f.c.sprintf("正在%s……", "%s: working", f.job.label)
}

// resultView draws what the job did, wrapped, from offset.
func (f *filesScreen) resultView(w, h int) []string {
	st := f.c.styles
	rows, room := f.resultRows(w, h)
	from := min(f.offset, max(len(rows)-room, 0))
	out := lines{st.Title.Render(f.c.clip(f.c.sprintf("%s：完成", "%s: done", f.job.label), w))}
	for i := from; i < len(rows) && i < from+room; i++ {
		out.add(rows[i])
	}
	if len(rows) > room {
		out.add(st.Dim.Render(f.c.clip(f.c.sprintf("第 %d-%d 行，共 %d 行（j/k 滚动）", "lines %d-%d of %d (j/k scroll)",
			from+1, min(from+room, len(rows)), len(rows)), w)))
	}
	return out
}
