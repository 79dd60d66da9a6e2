package tui

import (
	"time"

	"branchcheck/checklist"
	"branchcheck/i18n"
)

// Store is what the interface needs from the database: exactly the
// methods it calls. *store.Store implements it.
type Store interface {
	Schools() ([]checklist.School, error)
	AddSchool(sc checklist.School) (checklist.School, error)
	School(id string) (checklist.School, error)
	Inspections() ([]*checklist.Inspection, error)
	SchoolInspections(schoolID string) ([]*checklist.Inspection, error)
	Inspection(id string) (*checklist.Inspection, error)
	CreateInspection(schoolID, inspector string, date checklist.Date) (*checklist.Inspection, error)
	SetVerdict(inspectionID, itemID string, v checklist.Verdict, by string) (*checklist.Inspection, error)
	SetNote(inspectionID, itemID, note, by string) (*checklist.Inspection, error)
	Finalize(inspectionID, by string) (*checklist.Inspection, error)
	Reopen(inspectionID, reason, by string) (*checklist.Inspection, error)
	Standard(id string) (*checklist.Standard, error)
	StandardForYear(year int) (*checklist.Standard, error)
	RateYear(year int) (*checklist.YearRating, error)
	Setting(key string) (string, error)
	SetSetting(key, value string) error
}

// settingInspector is the setting that remembers the inspector's name:
// store.SettingInspector (a test checks that they agree; the package does
// not import the store).
const settingInspector = "inspector"

// ExportFunc writes the year's ratings in a format (xlsx, csv, html, md
// or json) somewhere (a file the report package makes) and says where.
// It runs inside a tea.Cmd, so it may do I/O. The ratings screen offers
// its key only when Options.ExportRatings is set.
type ExportFunc func(yr *checklist.YearRating, lang i18n.Lang, format string) (where string, err error)

// Options configure the interface.
type Options struct {
	// Store is the open database.
	Store Store
	// Lang is the language of every screen.
	Lang i18n.Lang
	// Now is the clock; time.Now if nil. "Today" is Now's date in its
	// own location.
	Now func() time.Time
	// NoColor draws without colors (NO_COLOR is set): emphasis by bold,
	// reverse and faint only.
	NoColor bool
	// ExportRatings, if set, is offered on the ratings screen (key x).
	ExportRatings ExportFunc
}

// common is what every screen shares: the store, the language, the
// clock, the styles and the key map, all fixed for the program's life.
// Nothing in it changes while the program runs.
type common struct {
	store  Store
	lang   i18n.Lang
	now    func() time.Time
	styles *Styles
	keys   *KeyMap
	export ExportFunc
}

// today is the current date on the app's clock.
func (c *common) today() checklist.Date { return checklist.DateOf(c.now()) }

// pick is the Chinese or the English text for the language.
func (c *common) pick(zh, en string) string { return c.lang.Pick(zh, en) }

// sprintf formats the Chinese or English format for the language.
func (c *common) sprintf(zh, en string, args ...any) string { return c.lang.Sprintf(zh, en, args...) }

// loading is what a screen shows until its data arrives.
func (c *common) loading(title string) []string {
	return []string{c.styles.Title.Render(title), "", c.styles.Dim.Render(c.pick("正在载入", "Loading"))}
}
