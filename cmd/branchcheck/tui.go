package main

import (
	"errors"
	"io"
	"os"

	tea "charm.land/bubbletea/v2"
	"github.com/adrg/xdg"

	"branchcheck/checklist"
	"branchcheck/i18n"
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
		return checklist.Errorf(nil, checklist.Text{
			ZH: "检查界面要在终端里运行（标准输入和输出都须是终端）；其他用法见 branchcheck --help",
			EN: "the inspection interface needs a terminal (standard input and output); see branchcheck --help for the rest"})
	}
	s, err := a.openStore()
	if err != nil {
		return err
	}
	defer s.Close()
	lang, from, err := a.tuiLang(s)
	if err != nil {
		return err
	}
	stars, err := s.Setting(tui.SettingStars)
	if err != nil {
		return err
	}
	// Exports go to the folder chosen in the settings, else the user's
	// documents folder; the setting is read at each export, so a change
	// applies at once.
	docs := documentsFolder()
	export := func(yr *checklist.YearRating, l i18n.Lang, format string) (string, error) {
		dir, err := tui.ExportFolder(s, docs)
		if err != nil {
			return "", err
		}
		return ratingsExporter(dir, s, a.now)(yr, l, format)
	}
	// A database that may not be written (mode 0400, a read-only disk, a
	// damaged value) opens for review: the app says so and offers no key
	// that writes. What the open found that did not stop it is shown
	// once.
	m := tui.New(tui.Options{Store: s, Lang: lang, LangFrom: from, Now: a.now, NoColor: a.getenv("NO_COLOR") != "",
		ExportRatings: export, DefaultExportDir: docs, Stars: tui.ParseStarStyle(stars), DetectWidth: true,
		Files: a.appFiles(s, docs), ReadOnly: s.Writable(), Warnings: s.Warnings(),
		Amend: func(reason string) tui.Amender { return s.Amending(reason) }})
	_, err = tea.NewProgram(m, tea.WithInput(a.stdin), tea.WithOutput(a.stdout)).Run()
	if errors.Is(err, tea.ErrInterrupted) {
		return nil
	}
	return err
}

// tuiLang is the interface's language and what chose it: the --lang flag
// first, then the language setting (the user's own choice in the app),
// then a locale that names a language (LC_ALL, LC_MESSAGES, LANG; not C
// or POSIX), else Chinese. from names the flag or the locale ("" for the
// setting or the default), so that the settings screen can say why its
// choice did not apply at start.
func (a *app) tuiLang(s *store.Store) (lang i18n.Lang, from string, err error) {
	if a.cli.Lang != "" {
		return a.lang, "--lang " + a.cli.Lang, nil
	}
	// A language chosen in the settings is the user's own choice: it
	// comes before the one the locale implies.
	v, err := s.Setting(tui.SettingLang)
	if err != nil {
		return i18n.Chinese, "", err
	}
	if lang, perr := i18n.Parse(v); v != "" && perr == nil {
		return lang, "", nil
	}
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := a.getenv(k); v != "" {
			if v == "C" || v == "POSIX" || v == "C.UTF-8" {
				break
			}
			return a.lang, k + "=" + v, nil
		}
	}
	return i18n.Chinese, "", nil
}

// documentsFolder is the user's documents folder (Documents, 文档, or the
// folder the desktop names), else the home folder.
func documentsFolder() string {
	if d := xdg.UserDirs.Documents; d != "" {
		if fi, err := os.Stat(d); err == nil && fi.IsDir() {
			return d
		}
	}
	if home, err := os.UserHomeDir(); err == nil {
		return home
	}
	return "."
}
