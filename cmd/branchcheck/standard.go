package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/charmbracelet/x/term"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/outline"
	"branchcheck/termtext"
)

type standardCmd struct {
	Show     standardShowCmd     `cmd:"" help:"help_standard_show"`
	Validate standardValidateCmd `cmd:"" help:"help_standard_validate"`
	Install  standardInstallCmd  `cmd:"" help:"help_standard_install"`
	Template standardTemplateCmd `cmd:"" help:"help_standard_template"`
}

type standardTemplateCmd struct {
	Output string `short:"o" placeholder:"FILE" help:"help_output"`
	Force  bool   `help:"help_force"`
}

// Run writes the shipped standard's file, comments and all: the starting
// point for a bureau's own.
func (c *standardTemplateCmd) Run(a *app) error {
	err := a.writeOutput(c.Output, c.Force, false, func(w io.Writer) error {
		_, err := w.Write(checklist.DefaultStandardFile())
		return err
	})
	if err == nil && c.Output != "" && c.Output != "-" {
		fmt.Fprintln(a.stderr, a.lang.Sprintf("已写入 %s：改好编号、年度和内容后，用 branchcheck standard validate 检查，再用 standard install 安装。",
			"wrote %s: give it a new id and year, change what the criteria say, check it with branchcheck standard validate and install it with standard install.", c.Output))
	}
	return err
}

type standardShowCmd struct {
	JSON  bool   `name:"json" help:"help_standard_json"`
	Year  int    `name:"year" placeholder:"YEAR" help:"help_standard_year"`
	ID    string `name:"id" placeholder:"ID" help:"help_standard_id"`
	Width int    `name:"width" placeholder:"N" help:"help_standard_width"`
}

// Run prints a standard: the one for the year (this year by default)
// from the database, or the shipped one when there is no database yet.
func (c *standardShowCmd) Run(a *app) error {
	std, err := c.standard(a)
	if err != nil {
		return err
	}
	if c.JSON {
		return writeStandardJSON(a.stdout, std)
	}
	width := c.Width
	if width == 0 {
		width = terminalWidth(a.stdout)
	}
	w := bufio.NewWriter(a.stdout)
	writeOutline(w, a.lang, outline.Of(std, a.lang), width)
	return w.Flush()
}

func (c *standardShowCmd) standard(a *app) (*checklist.Standard, error) {
	if !a.dbExists() {
		if c.ID != "" && c.ID != checklist.DefaultStandardID {
			return nil, checklist.Errorf(checklist.ErrNotFound, checklist.Text{
				ZH: "没有编号为 %s 的标准（%s 还没有数据库，只有随程序提供的标准 %s）",
				EN: "standard %[1]s: not found (there is no database yet at %[2]s)"}, c.ID, a.dbPath(), checklist.DefaultStandardID)
		}
		return checklist.DefaultStandard(), nil
	}
	s, err := a.openStoreReadOnly()
	if err != nil {
		return nil, err
	}
	defer s.Close()
	if c.ID != "" {
		return s.Standard(c.ID)
	}
	year := c.Year
	if year == 0 {
		year = a.now().Year()
	}
	return s.StandardForYear(year)
}

// writeStandardJSON writes the stable machine form of a standard.
func writeStandardJSON(w io.Writer, std *checklist.Standard) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(std)
}

// writeOutline prints a standard's outline: the head, then each 要 after
// a blank line, indented two spaces a level, an item's id in a column of
// its own. Lines are wrapped to width cells, continuation lines under the
// text; a width of 0 or less leaves them unwrapped (for a file or a pipe).
func writeOutline(w io.Writer, l i18n.Lang, lines []outline.Line, width int) {
	colon := l.Pick("：", ": ")
	print := func(first, text string) {
		text = termtext.Line(text)
		if width <= 0 {
			fmt.Fprintln(w, strings.TrimRight(first+text, " "))
			return
		}
		for _, row := range termtext.IndentWrap(first, text, max(width, termtext.Width(first)+8)) {
			fmt.Fprintln(w, strings.TrimRight(row, " "))
		}
	}
	for i, ln := range lines {
		indent := strings.Repeat("  ", ln.Depth)
		switch ln.Kind {
		case outline.Requirement:
			fmt.Fprintln(w)
			print("", ln.Text+l.Sprintf("（%s）", " (%s)", strings.Join(ln.Tags, l.Pick("，", ", "))))
		case outline.Group:
			text := ln.Text
			if i+1 < len(lines) && lines[i+1].Kind == outline.GroupNote {
				text += colon + lines[i+1].Text
			}
			print(indent, text)
		case outline.GroupNote:
			// printed with its group
		case outline.Item:
			text := ln.Text
			for _, t := range ln.Tags {
				text += l.Sprintf("［%s］", " [%s]", t)
			}
			print(indent+termtext.Pad(ln.ID, 7, false)+" ", text)
		case outline.ItemOriginal, outline.ItemNote:
			print(indent+strings.Repeat(" ", 8), ln.Text)
		default:
			if ln.Label != "" {
				print(ln.Label+colon, ln.Text)
			} else {
				print(indent, ln.Text)
			}
		}
	}
}

// terminalWidth is the width of w if it is a terminal, else 0 (no
// wrapping).
func terminalWidth(w io.Writer) int {
	f, ok := w.(*os.File)
	if !ok || !stdoutIsTerminal(w) {
		return 0
	}
	cols, _, err := term.GetSize(f.Fd())
	if err != nil {
		return 0
	}
	return cols
}

type standardValidateCmd struct {
	File string `arg:"" help:"help_standard_file"`
}

// Run checks a standard file and says what it holds. The file "-" is
// standard input.
func (c *standardValidateCmd) Run(a *app) error {
	name, std, err := a.readStandardFile(c.File)
	if err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, standardSummary(a.lang, name, std))
	return nil
}

// readStandardFile reads and validates a standard file, or standard input
// for "-", and returns it with the name it goes by in messages.
func (a *app) readStandardFile(path string) (string, *checklist.Standard, error) {
	name, in, closeIn, err := a.openInput(path)
	if err != nil {
		return "", nil, checklist.Errorf(nil, checklist.Text{ZH: "标准文件", EN: "standard file"}).Because(err)
	}
	defer closeIn()
	std, err := checklist.ReadStandard(name, in)
	return name, std, err
}

// standardSummary is one line saying what a standard holds.
func standardSummary(l i18n.Lang, file string, std *checklist.Standard) string {
	return l.Sprintf("%s：有效。标准 %s（%s），%d 个要，%d 项（计分 %d 项）；%s；%s",
		"%s: valid. Standard %s (%s), %s, %s (%d scored); %s; %s",
		file, std.ID, l.Year(std.Year), i18n.Counted(len(std.Requirements), "requirement", "requirements"),
		i18n.Counted(len(std.Items()), "item", "items"), len(std.ScoredItems()),
		l.Scale(std.Stars), l.LaggingBound(std.Stars))
}

type standardInstallCmd struct {
	File string `arg:"" help:"help_standard_file"`
}

// Run installs a bureau's standard for its year. The file "-" is
// standard input.
func (c *standardInstallCmd) Run(a *app) error {
	_, std, err := a.readStandardFile(c.File)
	if err != nil {
		return err
	}
	s, err := a.openStore()
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.InstallStandard(std); err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, a.lang.Sprintf("已安装标准 %s，%s新开始的检查按此标准进行。", "installed standard %s: new inspections of %s use it.",
		std.ID, a.lang.Year(std.Year)))
	return nil
}
