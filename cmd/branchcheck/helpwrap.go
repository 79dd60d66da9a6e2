package main

import (
	"strconv"
	"strings"

	"branchcheck/termtext"
)

// kong wraps its help with go/doc, which counts a Chinese character as
// one column where a terminal draws two, and breaks lines only at spaces,
// which Chinese has few of: a Chinese help line runs past the window and
// the next is cut short. rewrapHelp lays kong's help out again by display
// width, as the screens do (termtext.Wrap: between any two Chinese
// characters, never before closing punctuation, Latin words at spaces).

// defaultHelpWidth is the help's width when COLUMNS does not say one:
// kong's own (it reads the width of a buffer, not of the terminal).
const defaultHelpWidth = 80

// helpWidth is the width the help is laid out in: COLUMNS, as kong reads
// it, else 80.
func helpWidth(getenv func(string) string) int {
	if n, err := strconv.Atoi(getenv("COLUMNS")); err == nil && n >= 40 {
		return n
	}
	return defaultHelpWidth
}

// maxNameIndent is the most a row's name is indented: kong indents a
// section's rows two spaces, and a flag with no short form four more, so
// that its long form lines up with the others' ("  -h, --help",
// "      --db=PATH"). A text indented further is help, in its column.
const maxNameIndent = 6

// helpBlock is a piece of kong's help being laid out again: the text
// before its column (a flag, a command, or spaces) and the text in it,
// kong's lines of it in order.
type helpBlock struct {
	prefix string
	column int
	texts  []string
}

// rewrapHelp lays kong's help out again in width cells: a paragraph (the
// program's or the command's description, lines at the left edge) and
// the text of a row (a flag's or a command's help, in the column right
// of its name, with the lines kong continued it on) are joined where kong
// broke them (at a space) and wrapped by display width. A line that fits
// and was not continued is kept as it is.
func rewrapHelp(text string, width int) string {
	var out []string
	var para []string // a paragraph at the left edge
	var block *helpBlock
	flushPara := func() {
		if len(para) > 0 {
			out = append(out, wrapHelpText(strings.Join(para, " "), "", 0, width, len(para) > 1)...)
		}
		para = nil
	}
	flushBlock := func() {
		if block != nil {
			out = append(out, wrapHelpText(strings.Join(block.texts, " "), block.prefix, block.column, width, len(block.texts) > 1)...)
		}
		block = nil
	}
	lines := strings.Split(text, "\n")
	for _, line := range lines {
		indent := len(line) - len(strings.TrimLeft(line, " "))
		switch {
		case strings.TrimSpace(line) == "":
			flushPara()
			flushBlock()
			out = append(out, line)
		case indent == 0:
			flushBlock()
			para = append(para, line)
		case block != nil && indent == block.column:
			block.texts = append(block.texts, line[indent:])
		case indent <= maxNameIndent: // a row: a name, and its help unless the name is too long for the column
			flushPara()
			flushBlock()
			name, help, ok := splitRow(line)
			if !ok {
				out = append(out, line)
				continue
			}
			block = &helpBlock{prefix: name, column: termtext.Width(name), texts: []string{help}}
		default: // the help of a name too long for the column, on the lines below it
			flushPara()
			flushBlock()
			block = &helpBlock{prefix: line[:indent], column: termtext.Width(line[:indent]), texts: []string{line[indent:]}}
		}
	}
	flushPara()
	flushBlock()
	return strings.Join(out, "\n")
}

// splitRow splits a row of kong's two columns, "  --db=PATH       数据库文件",
// after the spaces (two or more) between the name and its help: the name
// with those spaces, and the help. false: the line holds no such gap.
func splitRow(line string) (name, help string, ok bool) {
	body := strings.TrimLeft(line, " ")
	i := strings.Index(body, "  ")
	if i < 0 {
		return "", "", false
	}
	rest := strings.TrimLeft(body[i:], " ")
	if rest == "" {
		return "", "", false
	}
	cut := len(line) - len(rest)
	return line[:cut], rest, true
}

// wrapHelpText wraps text after prefix, which takes column cells, in
// width cells, the lines after the first indented to the column. A text
// that fits on the first line and was not joined from several is
// returned as it was.
func wrapHelpText(text, prefix string, column, width int, joined bool) []string {
	if !joined && column+termtext.Width(text) <= width {
		return []string{prefix + text}
	}
	room := max(width-column, 20)
	rows := termtext.Wrap(text, room)
	out := make([]string, 0, len(rows))
	for i, r := range rows {
		if i == 0 {
			out = append(out, prefix+r)
			continue
		}
		out = append(out, strings.Repeat(" ", column)+r)
	}
	return out
}
