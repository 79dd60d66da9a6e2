package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/alecthomas/kong"
	"github.com/charmbracelet/x/term"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/store"
	"branchcheck/termtext"
)

// Exit codes: 0 ok, 1 an error, 2 a usage error.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// environment is what the program gets from the outside world; tests pass
// their own.
type environment struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	now            func() time.Time
}

// app is handed to every command's Run: the environment, the language and
// the global flags. Its clock (now) reads the environment's clock in the
// bureau's time zone (zone), so that every command and the TUI date a
// visit, choose the year and print times there, whatever the computer's
// own zone says.
type app struct {
	environment
	lang i18n.Lang
	cli  *cli
	// zone is the bureau's time zone: store.DefaultTimezone until a
	// database is opened, then its setting (opened).
	zone *time.Location
	// command is the command being run, as kong names it ("ratings",
	// "schools list"): a database in use names where the app does it.
	command string
}

// newApp makes the app for a command, its clock in the bureau's time
// zone.
func newApp(env environment, lang i18n.Lang, c *cli) *app {
	a := &app{environment: env, lang: lang, cli: c}
	a.zone, _ = store.LoadTimezone("") // the zone database is compiled in
	clock := env.now
	a.now = func() time.Time { return clock().In(a.zone) }
	return a
}

// cli is the command line. Help texts come from vars so that they follow
// the language.
type cli struct {
	DB      string           `name:"db" placeholder:"PATH" help:"help_db"`
	Lang    string           `name:"lang" placeholder:"zh|en" help:"help_lang"`
	Version kong.VersionFlag `name:"version" help:"help_version"`

	Schools        schoolsCmd        `cmd:"" help:"help_schools"`
	Standard       standardCmd       `cmd:"" help:"help_standard"`
	Backup         backupCmd         `cmd:"" help:"help_backup"`
	Doctor         doctorCmd         `cmd:"" help:"help_doctor"`
	Ratings        ratingsCmd        `cmd:"" help:"help_ratings"`
	Report         reportCmd         `cmd:"" help:"help_report"`
	Rectifications rectificationsCmd `cmd:"" help:"help_rect"`
	Settings       settingsCmd       `cmd:"" help:"help_settings"`
	Year           yearCmd           `cmd:"" help:"help_year"`
	Vetoes         vetoesCmd         `cmd:"" help:"help_vetoes"`
	Selfcheck      selfcheckCmd      `cmd:"" help:"help_selfcheck"`
	Bundle         bundleCmd         `cmd:"" help:"help_bundle"`
	Visits         visitsCmd         `cmd:"" help:"help_visits"`
	Demo           demoCmd           `cmd:"" help:"help_demo"`
	TUI            tuiCmd            `cmd:"" default:"1" hidden:""`
}

// usageError is a mistake in how the command was called: exit code 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// usagef is a usage error worded in both languages.
func usagef(t checklist.Text, args ...any) error {
	return usageError{checklist.Errorf(nil, t, args...)}
}

// exitRequest carries kong's request to exit (after --help or --version)
// out of the parser.
type exitRequest struct{ code int }

// run parses args, runs the chosen command and returns the exit code.
// Every error reaches the user as one line on stderr.
func run(args []string, env environment) (code int) {
	lang := argsLang(args, env.getenv)
	var c cli
	vars := helpVars(lang)
	parser, err := kong.New(&c,
		kong.Name("branchcheck"),
		kong.Description(lang.Pick(
			"学校党支部“五要”标准化建设检查工具：逐校检查、保存每一项结果、年底评定星级并导出。不带子命令运行时打开检查界面。",
			"Inspect school party branches against the Five Musts: walk each school, keep every answer, rate the branches in stars at year end and export. With no subcommand it opens the terminal interface.")),
		kong.Writers(env.stdout, env.stderr),
		kong.Exit(func(code int) { panic(exitRequest{code}) }),
		kong.Vars{"version": vars["version"]},
		kong.ConfigureHelp(kong.HelpOptions{Compact: true, NoExpandSubcommands: false}),
		kong.Help(helpPrinter(lang, helpWidth(env.getenv))),
	)
	if err != nil {
		fmt.Fprintf(env.stderr, "branchcheck: %v\n", err)
		return exitError
	}
	fillHelp(parser.Model, vars)
	setDBHelp(parser.Model, lang)
	localizeModel(parser.Model, lang)
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(exitRequest); ok {
				code = e.code
				return
			}
			// Never a stack trace in front of a user: one line, and the
			// detail for a bug report only when asked for.
			fmt.Fprintf(env.stderr, "branchcheck: internal error: %v\n", r)
			if env.getenv("BRANCHCHECK_DEBUG") != "" {
				env.stderr.Write(debug.Stack())
			}
			code = exitError
		}
	}()
	ctx, err := parser.Parse(args)
	if err != nil {
		fmt.Fprintf(env.stderr, "branchcheck: %s\n", termtext.OneLine(lang.Error(parseError(err))))
		fmt.Fprintln(env.stderr, lang.Pick("用 branchcheck --help 查看用法。", "Run branchcheck --help for usage."))
		return exitUsage
	}
	if c.Lang != "" {
		l, err := i18n.Parse(c.Lang)
		if err != nil {
			fmt.Fprintf(env.stderr, "branchcheck: %s\n", termtext.OneLine(lang.Error(
				checklist.Errorf(nil, checklist.Text{ZH: "--lang：%s", EN: "--lang: %s"}, err))))
			return exitUsage
		}
		lang = l
	}
	a := newApp(env, lang, &c)
	a.command = ctx.Command()
	if err := ctx.Run(a); err != nil {
		fmt.Fprintf(env.stderr, "branchcheck: %s\n", termtext.OneLine(sayError(lang, err)))
		if errors.As(err, new(usageError)) {
			return exitUsage
		}
		return exitError
	}
	return exitOK
}

// sayError words an error for the user in their language
// (i18n.Lang.Error): every error a user can meet is worded in both
// (TestEveryErrorInBothLanguages).
func sayError(l i18n.Lang, err error) string {
	if _, ok := err.(*checklist.Error); ok {
		return l.Error(err)
	}
	if u, ok := err.(usageError); ok {
		return sayError(l, u.err)
	}
	// kong joins the command's error with its hooks' (errors.Join).
	if j, ok := err.(interface{ Unwrap() []error }); ok && len(j.Unwrap()) == 1 {
		return sayError(l, j.Unwrap()[0])
	}
	return l.Error(err)
}

// argsLang is the language the user asked for: --lang among the
// arguments, else the locale.
func argsLang(args []string, getenv func(string) string) i18n.Lang {
	lang := i18n.FromEnv(getenv)
	if v, ok := langArg(args); ok {
		if l, err := i18n.Parse(v); err == nil {
			lang = l
		}
	}
	return lang
}

// langArg finds --lang among the arguments before they are parsed, so
// that even the help is in the chosen language.
func langArg(args []string) (string, bool) {
	for i, a := range args {
		if a == "--" {
			break
		}
		if v, ok := strings.CutPrefix(a, "--lang="); ok {
			return v, true
		}
		if a == "--lang" && i+1 < len(args) {
			return args[i+1], true
		}
	}
	return "", false
}

// stampedVersion is the version a release build stamps in with
// -ldflags "-X main.stampedVersion=…" (see release/main.go): the tag it
// was built from, or "devel-" and the commit for a snapshot.
var stampedVersion string

// version is the program's version: the one stamped in by the release
// build, else the module version when built from a tagged module, else
// the VCS revision, else "devel".
func version() string {
	if stampedVersion != "" {
		return stampedVersion
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			return "devel-" + s.Value[:12]
		}
	}
	return "devel"
}

// stdoutIsTerminal reports whether w is a terminal: whether the
// interface can run on it, binary output is refused and control
// characters are escaped.
func stdoutIsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && isTerminal(f)
}

// isTerminal reports whether f is a terminal (a console on Windows). A
// character device is not enough: the null device (/dev/null, NUL) is one,
// and what is sent there is meant to be thrown away.
func isTerminal(f *os.File) bool { return term.IsTerminal(f.Fd()) }
