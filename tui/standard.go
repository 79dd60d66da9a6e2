package tui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/termtext"
)

// standardScreen is the whole standard, read-only, in its own order: every
// 要, group and item with its id, 4.4 with its note and marked 不计分.
// It can be searched and switched between Chinese and English. The
// document scrolls in a bubbles viewport, driven by the screen's own
// keys (the viewport's default keys would take l, the language key).
type standardScreen struct {
	c      *common
	keys   StandardKeys
	w, h   int
	std    *checklist.Standard
	lang   i18n.Lang
	search filterInput
	// doc is the standard drawn at the current width, language and
	// search, in view; matches counts the items the search found.
	doc     viewport.Model
	matches int
}

func newStandardScreen(c *common) *standardScreen {
	s := &standardScreen{c: c, keys: c.keys.Standard, lang: c.lang, search: newFilterInput(c), doc: viewport.New()}
	s.search.input.Placeholder = c.pick("输入编号或文字搜索", "type an id or words to search")
	return s
}

// Init loads this year's standard.
func (s *standardScreen) Init() tea.Cmd {
	if s.std != nil {
		return nil
	}
	st, year := s.c.store, s.c.today().Year
	return func() tea.Msg {
		std, err := st.StandardForYear(year)
		if err != nil {
			return errMsg{err}
		}
		return standardLoadedMsg{std}
	}
}

func (s *standardScreen) setSize(w, h int) {
	s.w, s.h = w, h
	s.search.setWidth(w)
	s.doc.SetWidth(w)
	s.doc.SetHeight(s.bodyHeight())
	s.rebuild()
}

func (s *standardScreen) title() string { return s.c.pick("检查标准", "The standard") }

// textCursor is the terminal's cursor in the search (the second row).
func (s *standardScreen) textCursor() *tea.Cursor { return s.search.cursor(1) }

func (s *standardScreen) typing() bool { return s.search.active }

func (s *standardScreen) keyMap() help.KeyMap { return s.search.keyMap(s.keys) }

// Update handles keys and the loaded standard.
func (s *standardScreen) Update(msg tea.Msg) (tea.Cmd, navMsg) {
	switch msg := msg.(type) {
	case standardLoadedMsg:
		s.std = msg.standard
		s.rebuild()
	case tea.KeyPressMsg, tea.PasteMsg:
		if cmd, ok := s.search.take(msg, func() { s.rebuild(); s.doc.GotoTop() }); ok {
			return cmd, nil
		}
		if k, ok := msg.(tea.KeyPressMsg); ok {
			return s.key(k)
		}
	}
	return nil, nil
}

func (s *standardScreen) key(k tea.KeyPressMsg) (tea.Cmd, navMsg) {
	if d, ok := step(k, max(s.bodyHeight()-1, 1), s.keys.Up, s.keys.Down, s.keys.PageUp, s.keys.PageDown); ok {
		s.doc.SetYOffset(s.doc.YOffset() + d)
		return nil, nil
	}
	switch {
	case key.Matches(k, s.keys.Top):
		s.doc.GotoTop()
	case key.Matches(k, s.keys.Bottom):
		s.doc.GotoBottom()
	case key.Matches(k, s.keys.Search):
		return s.search.start(), nil
	case key.Matches(k, s.keys.Lang):
		if s.lang == i18n.English {
			s.lang = i18n.Chinese
		} else {
			s.lang = i18n.English
		}
		s.rebuild()
	case key.Matches(k, s.keys.Back):
		return nil, goBackMsg{}
	}
	return nil, nil
}

// bodyHeight is the rows the document gets below the title and the
// search line.
func (s *standardScreen) bodyHeight() int { return max(s.h-2, 1) }

// rebuild draws the document again after a change of width, language or
// search; the viewport keeps its offset where it can.
func (s *standardScreen) rebuild() {
	if s.std == nil || s.w <= 0 {
		return
	}
	var doc []string
	doc, s.matches = standardDoc(s.c, s.std, s.lang, s.w, strings.TrimSpace(s.search.input.Value()))
	s.doc.SetContentLines(doc)
}

// standardDoc draws a standard as rows of w cells in a language, keeping
// only the items that contain query (all of them if it is empty, and
// 台帐 is 台账: see fold).
func standardDoc(c *common, std *checklist.Standard, l i18n.Lang, w int, query string) (doc []string, matches int) {
	st := c.styles
	var out lines
	para := func(style func(string) string, text string) {
		for _, row := range termtext.Wrap(c.show(text), w) {
			out.add(style(row))
		}
	}
	q := fold(query)
	found := func(it *checklist.Item) bool {
		if q == "" {
			return true
		}
		for _, f := range []string{it.ID, it.Text, it.EN, it.Note, it.NoteEN} {
			if strings.Contains(fold(f), q) {
				return true
			}
		}
		return false
	}
	if q == "" {
		para(st.Bold.Render, l.StandardTitle(std))
		para(st.Dim.Render, l.Sprintf("标准编号 %s  适用年度 %s  共 %d 项,计分 %d 项", "id %s  year %s  %d items, %d scored",
			std.ID, l.Year(std.Year), len(std.Items()), len(std.ScoredItems())))
		para(fmtPlain, l.Pick("星级:", "Stars: ")+l.Scale(std.Stars))
		para(fmtPlain, l.Pick("规则:", "Rule: ")+l.LaggingRule(std.Stars))
		if n := l.ScaleNote(std); n != "" {
			para(st.Dim.Render, n)
		}
	}
	for ri := range std.Requirements {
		r := &std.Requirements[ri]
		var block lines
		for gi := range r.Groups {
			g := &r.Groups[gi]
			var items lines
			for ii := range g.Items {
				it := &g.Items[ii]
				if !found(it) {
					continue
				}
				matches++
				items.add(standardItem(c, it, l, w)...)
			}
			if len(items) == 0 {
				continue
			}
			if t := l.GroupTitle(g); t != "" {
				if n := l.GroupNote(g); n != "" {
					t += l.Pick(":", ": ") + n
				}
				for _, row := range termtext.IndentWrap("  ", c.show(t), w) {
					block.add(st.Dim.Render(row))
				}
			}
			block.add(items...)
		}
		if len(block) == 0 {
			continue
		}
		out.add("")
		para(st.Bold.Render, l.Requirement(r)+l.Sprintf("(%s分)", " (%s points)", checklist.FormatPoints(r.Points)))
		out.add(block...)
	}
	return out, matches
}

// fmtPlain leaves a row as it is.
func fmtPlain(s string) string { return s }

// standardItem draws one item: its id, its text (the Chinese original
// under the English gloss in English), and for an unscored item its note
// and the mark 不计分.
func standardItem(c *common, it *checklist.Item, l i18n.Lang, w int) []string {
	st := c.styles
	id := "    " + termtext.Fit(it.ID, 8)
	pad := strings.Repeat(" ", termtext.Width(id))
	text := l.Text(it)
	if !it.Scored {
		text += "  [" + l.Pick("不计分", "not scored") + "]"
	}
	out := termtext.IndentWrap(id, c.show(text), w)
	if l == i18n.English && it.EN != "" {
		for _, row := range termtext.IndentWrap(pad, c.show(it.Text), w) {
			out = append(out, st.Dim.Render(row))
		}
	}
	if n := l.Note(it); n != "" {
		for _, row := range termtext.IndentWrap(pad, c.show(n), w) {
			out = append(out, st.Dim.Render(row))
		}
	}
	if it.Veto {
		out = append(out, st.Warn.Render(pad+l.Pick("否决项", "veto item")))
	}
	return out
}

// View draws the title line, the search line and the document.
func (s *standardScreen) View(w, h int) []string {
	st := s.c.styles
	l := s.lang
	var out lines
	head := s.c.pick("检查标准", "The standard") + "  " + l.Pick("中文", "English")
	if total, top := s.doc.TotalLineCount(), s.doc.YOffset(); s.std != nil && total > s.bodyHeight() {
		head += st.Dim.Render(s.c.sprintf("  第 %d-%d 行,共 %d 行", "  lines %d-%d of %d",
			top+1, min(top+s.bodyHeight(), total), total))
	}
	out.add(st.Title.Render(termtext.Clip(head, w)))
	if s.std == nil {
		return append(out, "", st.Dim.Render(s.c.pick("正在载入", "Loading")))
	}
	line := s.search.view(w)
	if strings.TrimSpace(s.search.input.Value()) != "" {
		line = termtext.Clip(line+st.Dim.Render(s.c.sprintf("  找到 %d 项", "  %d found", s.matches)), w)
	}
	out.add(line)
	if s.doc.TotalLineCount() > 0 {
		out.add(strings.Split(s.doc.View(), "\n")...)
	}
	return out
}
