package tui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/outline"
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

// standardDoc draws a standard's outline (outline.Matching: the items
// that contain query, each under its 要 and group, or the whole standard
// with its head when query is empty) as rows of w cells in a language,
// each line indented two spaces a level: the title bold and what it is
// dim; the head's rules as label：text; each 要 bold after a blank line,
// with its points; a group with its note; an item with its id in a
// column of its own and its tags after its text (a veto item's in the
// warning style), its original text (in English) and its note dim under
// it. matches counts the items found.
func standardDoc(c *common, std *checklist.Standard, l i18n.Lang, w int, query string) (doc []string, matches int) {
	st := c.styles
	colon := l.Pick("：", ": ")
	ol, matches := outline.Matching(std, l, query)
	var out lines
	para := func(paint func(string) string, first, text string) {
		for _, row := range termtext.IndentWrap(first, c.show(text), w) {
			out.add(paint(row))
		}
	}
	for i, ln := range ol {
		indent := strings.Repeat("  ", ln.Depth)
		switch ln.Kind {
		case outline.Title:
			para(st.Bold.Render, indent, ln.Text)
		case outline.About:
			para(st.Dim.Render, indent, ln.Text)
		case outline.Requirement:
			if len(out) > 0 {
				out.add("")
			}
			para(st.Bold.Render, indent, ln.Text+l.Sprintf("（%s）", " (%s)", strings.Join(ln.Tags, l.Pick("，", ", "))))
		case outline.Group:
			text := ln.Text
			if i+1 < len(ol) && ol[i+1].Kind == outline.GroupNote {
				text += colon + ol[i+1].Text
			}
			para(st.Dim.Render, indent, text)
		case outline.GroupNote:
			// drawn with its group
		case outline.Item:
			out.add(standardItem(c, ln, l, w)...)
		case outline.ItemOriginal, outline.ItemNote:
			para(st.Dim.Render, indent+strings.Repeat(" ", itemIDWidth), ln.Text)
		default:
			if ln.Label != "" {
				para(asIs, ln.Label+colon, ln.Text)
			} else {
				para(asIs, indent, ln.Text)
			}
		}
	}
	return out, matches
}

// asIs leaves a row as it is.
func asIs(s string) string { return s }

// itemIDWidth is the column of an item's id on the standard screen.
const itemIDWidth = 8

// standardItem draws an item's line of the outline: its id, its text
// and its tags (不计分, 否决项 in the warning style, 权重). A tag is never
// broken: it follows the text on its last row, or has a row of its own.
func standardItem(c *common, ln outline.Line, l i18n.Lang, w int) []string {
	first := strings.Repeat("  ", ln.Depth) + termtext.Fit(ln.ID, itemIDWidth)
	rows := termtext.IndentWrap(first, c.show(ln.Text), w)
	for _, t := range ln.Tags {
		tag := l.Sprintf("（%s）", "  [%s]", t)
		paint := asIs
		if t == l.Pick("否决项", "veto") { // outline's words for a veto item
			paint = c.styles.Warn.Render
		}
		if last := rows[len(rows)-1]; termtext.Width(last)+termtext.Width(tag) <= w {
			rows[len(rows)-1] = last + paint(tag)
		} else {
			rows = append(rows, strings.Repeat(" ", termtext.Width(first))+paint(strings.TrimLeft(tag, " ")))
		}
	}
	return rows
}

// View draws the title line, the search line and the document.
func (s *standardScreen) View(w, h int) []string {
	st := s.c.styles
	l := s.lang
	var out lines
	head := s.c.pick("检查标准", "The standard") + "  " + l.Pick("中文", "English")
	if total, top := s.doc.TotalLineCount(), s.doc.YOffset(); s.std != nil && total > s.bodyHeight() {
		head += st.Dim.Render(s.c.sprintf("  第 %d-%d 行，共 %d 行", "  lines %d-%d of %d",
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
