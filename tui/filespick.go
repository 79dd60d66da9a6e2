package tui

import (
	"os"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/filepicker"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"branchcheck/termtext"
)

// openPath asks for the path of the file to read, starting from value.
func (f *filesScreen) openPath(value string) tea.Cmd {
	c := f.c
	hint := c.sprintf("输入文件的完整路径（可以粘贴），或按 tab 浏览文件夹。可读：%s",
		"Type the file's full path (or paste it), or press tab to browse. Reads: %s", strings.Join(lowerExts(f.job.exts), " "))
	fm, cmd := newForm(c, f.job.label, hint, newField(c, c.pick("文件", "File"), value, "", true, 1024))
	f.mode = filesPath
	return openForm(&f.form, fm, cmd, f.w)
}

// pathInput passes a key to the path form: tab browses, a sent path
// runs the job.
func (f *filesScreen) pathInput(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "tab" {
		return f.browse(f.form.value(0))
	}
	fm, cmd := updateForm(&f.form, msg)
	switch {
	case fm != nil: // sent: kept, to show an error in
		f.form = fm
		// Windows' "copy as path" puts the path in quotes.
		return f.run(strings.Trim(fm.value(0), `"'`), "")
	case f.form == nil: // cancelled
		f.mode = filesMenu
	}
	return cmd
}

// browse opens the file browser in the folder of the path typed, else
// in the export folder.
func (f *filesScreen) browse(typed string) tea.Cmd {
	dir := f.dir
	if typed != "" {
		if st, err := os.Stat(typed); err == nil && st.IsDir() {
			dir = typed
		} else if st, err := os.Stat(filepath.Dir(typed)); err == nil && st.IsDir() {
			dir = filepath.Dir(typed)
		}
	}
	p := filepicker.New()
	p.CurrentDirectory = dir
	p.AllowedTypes = f.job.exts
	p.ShowPermissions = false
	p.AutoHeight = false
	p.Cursor = ">"
	// The picker draws file names as they are: its rows are stripped of
	// every escape sequence and control character before they are drawn
	// (browseView), so its styles are plain, a folder marked by the
	// separator after its name.
	plain := lipgloss.NewStyle()
	folder := plain.Transform(func(s string) string { return s + string(filepath.Separator) })
	p.Styles = filepicker.Styles{
		DisabledCursor: plain, Cursor: plain, Symlink: plain, Directory: folder, File: plain,
		DisabledFile: plain, Permission: plain, Selected: plain, DisabledSelected: plain,
		FileSize:       plain.Width(7).Align(lipgloss.Right),
		EmptyDirectory: plain.PaddingLeft(2).SetString(f.c.pick("（这个文件夹里没有文件）", "(no files in this folder)")),
	}
	k := f.c.keys.Browse
	p.KeyMap.Back = k.Parent
	p.KeyMap.Open = k.Open
	p.KeyMap.Select = key.NewBinding(key.WithKeys("enter"))
	p.SetHeight(max(f.h-4, 3))
	f.picker = p
	f.mode = filesBrowse
	return p.Init()
}

// browseInput passes a key to the browser: esc goes back to the path, a
// file chosen runs the job.
func (f *filesScreen) browseInput(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, f.c.keys.Browse.Cancel) {
		f.mode = filesPath
		return nil
	}
	var cmd tea.Cmd
	f.picker, cmd = f.picker.Update(msg)
	if ok, path := f.picker.DidSelectFile(msg); ok {
		f.form.fields[0].input.SetValue(path)
		f.form.fields[0].input.CursorEnd()
		f.mode = filesPath
		return f.run(path, "")
	}
	if ok, _ := f.picker.DidSelectDisabledFile(msg); ok {
		f.status, f.failed = f.c.sprintf("只能选 %s 文件", "Only %s files", strings.Join(lowerExts(f.job.exts), " ")), true
	}
	return cmd
}

// browseView draws the browser: the folder, its files, what it offers.
func (f *filesScreen) browseView(w, h int) []string {
	st := f.c.styles
	var out lines
	out.add(st.Title.Render(f.c.clip(f.c.sprintf("%s：选择文件", "%s: choose a file", f.job.label), w)))
	out.add(st.Dim.Render(f.c.clip(termtext.Line(f.picker.CurrentDirectory), w)))
	for _, r := range strings.Split(strings.TrimRight(f.picker.View(), "\n"), "\n") {
		if len(out) >= h-2 {
			break
		}
		r = f.c.clip(termtext.Line(ansi.Strip(r)), w)
		if strings.HasPrefix(r, ">") {
			r = st.Selected.Render(r)
		}
		out.add(r)
	}
	for len(out) < h-2 {
		out.add("")
	}
	msg := f.c.sprintf("只能选 %s 文件；文件夹按 enter 进入", "Only %s files can be chosen; enter opens a folder", strings.Join(lowerExts(f.job.exts), " "))
	paint := st.Dim
	if f.failed {
		msg, paint = f.status, st.Error
	}
	out.add(paint.Render(f.c.clip(msg, w)))
	return out
}

// wrapPath breaks a file's path into rows of at most w cells, anywhere:
// a path is read whole, and a break at a - would look like part of it.
func (c *common) wrapPath(path string, w int) []string {
	var rows []string
	for path != "" {
		row := c.clip(path, max(w, 2))
		if row == "" {
			break
		}
		rows = append(rows, row)
		path = path[len(row):]
	}
	return rows
}

// lowerExts are the kinds of file offered, once each, in lower case.
func lowerExts(exts []string) []string {
	var out []string
	for _, e := range exts {
		if e == strings.ToLower(e) {
			out = append(out, e)
		}
	}
	return out
}
