package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	tea "charm.land/bubbletea/v2"

	"branchcheck/store"
	"branchcheck/tui"
)

// The interface runs on the real store.
var _ tui.Store = (*store.Store)(nil)

// tuiCmd opens the terminal interface: what branchcheck does with no
// subcommand.
type tuiCmd struct{}

// Run opens the database (creating it on first run) and runs the
// interface on the terminal until the user quits.
func (c *tuiCmd) Run(a *app) error {
	// Keys come from standard input and the screen goes to standard
	// output: both must be a terminal. (An *os.File is a Writer too, so
	// the same check serves for the input.)
	in, ok := a.stdin.(io.Writer)
	if !ok || !stdoutIsTerminal(in) || !stdoutIsTerminal(a.stdout) {
		return errors.New(a.lang.Pick(
			"检查界面要在终端里运行(标准输入和输出都须是终端);其他用法见 branchcheck --help",
			"the inspection interface needs a terminal (standard input and output); see branchcheck --help for the rest"))
	}
	s, err := a.openStore()
	if err != nil {
		return err
	}
	defer s.Close()
	// Exports go to the folder branchcheck was started in, where the
	// inspector will look for them.
	dir, err := os.Getwd()
	if err != nil {
		return fmt.Errorf("find the current folder for exports: %w", err)
	}
	m := tui.New(tui.Options{Store: s, Lang: a.lang, Now: a.now, NoColor: a.getenv("NO_COLOR") != "",
		ExportRatings: ratingsExporter(dir, s, a.now)})
	_, err = tea.NewProgram(m, tea.WithInput(a.stdin), tea.WithOutput(a.stdout)).Run()
	if errors.Is(err, tea.ErrInterrupted) {
		return nil
	}
	return err
}
