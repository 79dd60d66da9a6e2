package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"branchcheck/checklist"
	"branchcheck/i18n"
)

type standardCmd struct {
	Show     standardShowCmd     `cmd:"" help:"${help_standard_show}"`
	Validate standardValidateCmd `cmd:"" help:"${help_standard_validate}"`
	Install  standardInstallCmd  `cmd:"" help:"${help_standard_install}"`
	Template standardTemplateCmd `cmd:"" help:"${help_standard_template}"`
}

type standardTemplateCmd struct {
	Output string `short:"o" placeholder:"FILE" help:"${help_output}"`
	Force  bool   `help:"${help_force}"`
}

// Run writes the shipped standard's file, comments and all: the starting
// point for a bureau's own.
func (c *standardTemplateCmd) Run(a *app) error {
	err := a.writeOutput(c.Output, c.Force, false, func(w io.Writer) error {
		_, err := w.Write(checklist.DefaultStandardFile())
		return err
	})
	if err == nil && c.Output != "" && c.Output != "-" {
		fmt.Fprintln(a.stderr, a.lang.Sprintf("已写入 %s:改好编号、年度和内容后,用 branchcheck standard validate 检查,再用 standard install 安装。",
			"wrote %s: give it a new id and year, change what the criteria say, check it with branchcheck standard validate and install it with standard install.", c.Output))
	}
	return err
}

type standardShowCmd struct {
	JSON bool   `name:"json" help:"${help_standard_json}"`
	Year int    `name:"year" placeholder:"YEAR" help:"${help_standard_year}"`
	ID   string `name:"id" placeholder:"ID" help:"${help_standard_id}"`
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
	w := bufio.NewWriter(a.stdout)
	writeStandardTree(w, a.lang, std)
	return w.Flush()
}

func (c *standardShowCmd) standard(a *app) (*checklist.Standard, error) {
	if !a.dbExists() {
		if c.ID != "" && c.ID != checklist.DefaultStandardID {
			return nil, fmt.Errorf("standard %s: %w (there is no database yet at %s)", c.ID, checklist.ErrNotFound, a.dbPath())
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

// writeStandardTree writes a standard as an indented tree in the
// standard's own order.
func writeStandardTree(w io.Writer, l i18n.Lang, std *checklist.Standard) {
	fmt.Fprintf(w, "%s\n", l.StandardTitle(std))
	fmt.Fprintf(w, "%s %s   %s %s\n", l.Pick("标准编号:", "id:"), std.ID, l.Pick("适用年度:", "year:"), l.Year(std.Year))
	if src := l.StandardSource(std); src != "" {
		fmt.Fprintf(w, "%s %s\n", l.Pick("来源:", "source:"), src)
	}
	fmt.Fprintf(w, "%s %s\n", l.Pick("星级:", "stars:"), l.Scale(std.Stars))
	fmt.Fprintf(w, "%s %s; %s\n", l.Pick("规则:", "rule:"), l.LaggingRule(std.Stars), l.VetoRule(std.Stars))
	if n := l.ScaleNote(std); n != "" {
		fmt.Fprintf(w, "%s %s\n", l.Pick("说明:", "note:"), n)
	}
	scored := len(std.ScoredItems())
	fmt.Fprintf(w, "%s\n", l.Sprintf("共 %d 项,计分 %d 项", "%d items, %d scored", len(std.Items()), scored))
	for ri := range std.Requirements {
		r := &std.Requirements[ri]
		fmt.Fprintf(w, "\n%s  %s\n", l.Requirement(r), l.Sprintf("(%s分)", "(%s points)", checklist.FormatPoints(r.Points)))
		for gi := range r.Groups {
			g := &r.Groups[gi]
			indent := "  "
			if t := l.GroupTitle(g); t != "" {
				line := "  " + t
				if n := l.GroupNote(g); n != "" {
					line += l.Pick(":", ": ") + n
				}
				fmt.Fprintln(w, line)
				indent = "    "
			}
			for ii := range g.Items {
				it := &g.Items[ii]
				line := fmt.Sprintf("%s%-7s %s", indent, it.ID, l.Text(it))
				if !it.Scored {
					line += "  " + l.Pick("[不计分]", "[not scored]")
				}
				if it.Veto {
					line += "  " + l.Pick("[否决项]", "[veto]")
				}
				if it.Weight != checklist.DefaultItemWeight {
					line += "  " + l.Sprintf("[权重 %s]", "[weight %s]", checklist.FormatPoints(it.Weight))
				}
				fmt.Fprintln(w, line)
				if n := l.Note(it); n != "" {
					fmt.Fprintf(w, "%s%s %s\n", indent, strings.Repeat(" ", 7), n)
				}
			}
		}
	}
}

type standardValidateCmd struct {
	File string `arg:"" help:"${help_standard_file}"`
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
		return "", nil, fmt.Errorf("standard file: %w", err)
	}
	defer closeIn()
	std, err := checklist.ReadStandard(name, in)
	return name, std, err
}

// standardSummary is one line saying what a standard holds.
func standardSummary(l i18n.Lang, file string, std *checklist.Standard) string {
	return l.Sprintf("%s: 有效。标准 %s(%s),%d 个要,%d 项(计分 %d 项);%s;%s",
		"%s: valid. Standard %s (%s), %d requirements, %d items (%d scored); %s; %s",
		file, std.ID, l.Year(std.Year), len(std.Requirements), len(std.Items()), len(std.ScoredItems()),
		l.Scale(std.Stars), l.LaggingRule(std.Stars))
}

type standardInstallCmd struct {
	File string `arg:"" help:"${help_standard_file}"`
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
	fmt.Fprintln(a.stdout, a.lang.Sprintf("已安装标准 %s,%s新开始的检查按此标准进行。", "installed standard %s: new inspections of %s use it.",
		std.ID, a.lang.Year(std.Year)))
	return nil
}
