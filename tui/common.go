package tui

import (
	"time"

	"branchcheck/checklist"
	"branchcheck/i18n"
)

// Store is what the interface needs from the database: exactly the
// methods it calls. *store.Store implements it. Each screen loads what it
// shows with one call, a read model that costs what the screen shows, not
// the whole history: the schools list (SchoolsOverview, one line again
// with SchoolOverview when the user comes back), a school with its visits
// (SchoolVisits), a visit ready to walk (WalkVisit), a visit's audit trail
// (AuditTrail), the year's standard (StandardForYear) and the settings.
// RateYear reads the year's rated visits whole, answers and notes
// included: only an export of the ratings needs it.
type Store interface {
	SchoolsOverview(year int) (*checklist.SchoolsOverview, error)
	SchoolOverview(year int, schoolID string) (checklist.SchoolOverview, error)
	SchoolVisits(schoolID string) (*checklist.SchoolVisits, error)
	WalkVisit(inspectionID string) (*checklist.WalkVisit, error)
	AuditTrail(inspectionID string) ([]checklist.Change, error)
	StandardForYear(year int) (*checklist.Standard, error)
	RateYear(year int) (*checklist.YearRating, error)
	AddSchool(sc checklist.School) (checklist.School, error)
	CreateInspection(schoolID, inspector string, date checklist.Date) (*checklist.Inspection, error)
	SetVerdict(inspectionID, itemID string, v checklist.Verdict, by string) (*checklist.Inspection, error)
	SetNote(inspectionID, itemID, note, by string) (*checklist.Inspection, error)
	Finalize(inspectionID, by string) (*checklist.Inspection, error)
	Reopen(inspectionID, reason, by string) (*checklist.Inspection, error)
	DeleteDraft(inspectionID string) error
	// Putting mistakes right: a school's fields, a school added by
	// mistake, one that closed (and its list), a draft dated wrong.
	Schools() ([]checklist.School, error)
	EditSchool(sc checklist.School) (checklist.School, error)
	DeleteSchool(id string) error
	ArchiveSchool(id string) (checklist.School, error)
	UnarchiveSchool(id string) (checklist.School, error)
	RedateDraft(id string, date checklist.Date) (*checklist.Inspection, error)
	Setting(key string) (string, error)
	SetSetting(key, value string) error
	Path() string
	// The rectifications (整改): a school's, the county's 整改台账 and
	// the decisions about them (rects.go).
	RectStore
	// The year end: self-assessments, veto situations, the year's
	// stages and charts (yearstore.go).
	YearStore
}

// The settings the interface keeps in the store (store.Setting). The
// command line reads SettingLang, SettingStars and SettingExportDir
// before it starts the interface; the exports print SettingBureau.
const (
	// settingInspector is the inspector's name: store.SettingInspector (a
	// test checks that they agree; the package does not import the
	// store).
	settingInspector = "inspector"
	// SettingInspectors are the names used on this laptop, one a line,
	// the latest first: the settings screen offers them.
	SettingInspectors = "inspectors"
	// SettingBureau is the bureau's name (填报单位), printed on exports.
	SettingBureau = "bureau"
	// SettingExportDir is the folder exports are written to; empty: the
	// user's documents folder (Options.DefaultExportDir).
	SettingExportDir = "export_dir"
	// SettingLang is the language (zh or en) when neither --lang nor the
	// locale says which.
	SettingLang = "lang"
	// SettingStars is how stars are drawn: one of the StarStyle values.
	SettingStars = "stars"
)

// ExportFunc writes the year's ratings in a format (xlsx, csv, html, md
// or json) somewhere (a file the report package makes) and says where.
// The ratings it gets are the rows the screen shows, filtered and in the
// order shown. It runs inside a tea.Cmd, so it may do I/O. The ratings
// screen offers its key only when Options.ExportRatings is set.
type ExportFunc func(yr *checklist.YearRating, lang i18n.Lang, format string) (where string, err error)

// Options configure the interface.
type Options struct {
	// Store is the open database.
	Store Store
	// Lang is the language of every screen.
	Lang i18n.Lang
	// LangFrom says what chose Lang when it was not the setting: the flag
	// or the locale ("--lang en", "LANG=en_US.UTF-8"); "" when the
	// setting or the default chose it. The settings screen says so.
	LangFrom string
	// Now is the clock; time.Now if nil. "Today" is Now's date in its
	// own location.
	Now func() time.Time
	// NoColor draws without colors (NO_COLOR is set): emphasis by bold,
	// reverse and faint only.
	NoColor bool
	// ExportRatings, if set, is offered on the ratings screen (key x).
	ExportRatings ExportFunc
	// DefaultExportDir is where exports go while SettingExportDir is
	// empty: the user's documents folder.
	DefaultExportDir string
	// Stars is the star style setting (SettingStars); "" is StarsAuto.
	Stars StarStyle
	// Ambiguous is what is known of how the terminal draws ★ and ☆. The
	// zero value, AmbiguousUnknown, lays the screens out as if they were
	// two cells wide: the safe guess.
	Ambiguous Ambiguity
	// DetectWidth asks the terminal, once the program runs, how wide it
	// draws ★ (a cursor position report), and follows the answer.
	DetectWidth bool
	// Files are the jobs on files (imports, exports, the feedback sheet,
	// bundles, a backup), each offered where it is set (files.go).
	Files FileJobs
	// ReadOnly, when set, is why the database may not be written (a file
	// of mode 0400, a read-only disk, a damaged value: the store's
	// Writable): the app opens for review, says so on the schools
	// screen, and offers no key that writes.
	ReadOnly error
	// Warnings are what the open found that did not stop it (today's
	// backup could not be made): shown once, on the schools screen.
	Warnings []error
	// Amend gives the Store's writes made with a reason, for the records
	// of a confirmed year (store.Store.Amending). Without it a write to
	// a confirmed year is refused, and the refusal shown.
	Amend AmendFunc
}

// common is what every screen shares: the store, the language, the
// clock, the styles, the key map and how text is measured and stars
// drawn. Only the root changes it: a new language rebuilds the screens,
// a new star style or what the terminal says of ★ resizes them.
type common struct {
	store  Store
	lang   i18n.Lang
	from   string
	now    func() time.Time
	styles *Styles
	keys   *KeyMap
	export ExportFunc
	// files are the jobs on files; readOnly why nothing may be written
	// (nil: it may).
	files    FileJobs
	readOnly error
	// exportDir is the default export folder.
	exportDir string
	// style is the star style setting; ambiguous what the terminal told.
	style     StarStyle
	ambiguous Ambiguity
	// wide: ambiguous-width glyphs are counted two cells wide.
	wide bool
	// stars is the style stars are drawn in (style, resolved).
	stars StarStyle
	// amend makes writes with a reason; reasons are the reasons given in
	// this session for the confirmed years, by year (asked once each).
	amend   AmendFunc
	reasons map[int]string
}

// today is the current date on the app's clock.
func (c *common) today() checklist.Date { return checklist.DateOf(c.now()) }

// pick is the Chinese or the English text for the language.
func (c *common) pick(zh, en string) string { return c.lang.Pick(zh, en) }

// sprintf formats the Chinese or English format for the language.
func (c *common) sprintf(zh, en string, args ...any) string { return c.lang.Sprintf(zh, en, args...) }

// writable reports whether the database may be written.
func (c *common) writable() bool { return c.readOnly == nil }

// loading is what a screen shows until its data arrives.
func (c *common) loading(title string) []string {
	return []string{c.styles.Title.Render(title), "", c.styles.Dim.Render(c.pick("正在载入", "Loading"))}
}

// say is an error in the user's words, on one line and safe to print.
func (c *common) say(err error) string { return lineOf(c.lang.Error(err)) }
