package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"branchcheck/checklist"
	"branchcheck/i18n"
	"branchcheck/outfile"
	"branchcheck/report"
	"branchcheck/store"
	"branchcheck/termtext"
	"branchcheck/tui"
)

type ratingsCmd struct {
	Year     int    `placeholder:"YEAR" help:"help_ratings_year"`
	Format   string `short:"f" placeholder:"FORMAT" help:"help_ratings_format"`
	Output   string `short:"o" placeholder:"FILE" help:"help_output"`
	Township string `placeholder:"T" help:"help_ratings_township"`
	Force    bool   `help:"help_force"`
}

// Run writes the year's star-rating table.
func (c *ratingsCmd) Run(a *app) error {
	f, err := exportFormat(c.Format, c.Output, report.Table, report.Formats())
	if err != nil {
		return err
	}
	// A province's export (50,000 schools, a million rectifications)
	// keeps about 200 MiB and makes gigabytes of garbage as it reads and
	// streams: the collector keeps the process within bounds rather than
	// letting the heap grow to twice what is kept.
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(ratingsMemoryLimit))
	s, err := a.openStoreReadOnly()
	if err != nil {
		return err
	}
	defer s.Close()
	year := c.Year
	if year == 0 {
		year = a.now().Year() // in the bureau's time zone, read from the database
	}
	// Only the workbook prints the findings (its 问题清单): it reads the
	// visits in brief, a province's (50,000 schools) in tens of
	// megabytes; the other formats read no visit, only the summaries.
	rate := s.RateYearTable
	if f == report.XLSX {
		rate = s.RateYearFindings
	}
	yr, err := rate(year)
	if err != nil {
		return err
	}
	if c.Township != "" {
		yr = yr.InTownship(c.Township)
		if len(yr.Ratings) == 0 {
			return checklist.Errorf(checklist.ErrNotFound, checklist.Text{ZH: "没有乡镇为“%s”的学校", EN: "no school is in township %q"}, termtext.Line(c.Township))
		}
	}
	m, err := ratingsMeta(s, yr, c.Township, f, a.lang, a.now())
	if err != nil {
		return err
	}
	m.Township = c.Township
	a.hintBureau(m.Bureau, printed(f))
	// The command keeps no reference to the year's ratings while they
	// are written: the workbook lets go of the rated visits once its
	// 问题清单 is written (report.WriteRatings).
	return a.writeExport(c.Output, c.Force, f, func(w io.Writer) error {
		written := yr
		yr = nil
		return report.WriteRatings(w, f, written, m)
	})
}

// ratingsMemoryLimit is the Go heap the ratings command works within (a
// soft limit: the collector runs more often as the heap nears it).
const ratingsMemoryLimit = 320 << 20

// ratingsStore is what a ratings export needs of the store: the year
// before's ratings, the year's rectifications (counted, or the ledger),
// the year end, the bureau's name, the database's path.
type ratingsStore interface {
	RateYearBrief(year int) (*checklist.YearRating, error)
	YearEndOf(yr *checklist.YearRating) (*store.YearEnd, error)
	RectCounts(f checklist.RectFilter, schools []checklist.School) (*checklist.RectLedger, error)
	RectLedgerInParts(f checklist.RectFilter, each func(*checklist.RectLedger) error) (*checklist.RectLedger, error)
	Setting(key string) (string, error)
	Path() string
}

// ratingsMeta is what a ratings export of a year's ratings yr (of a
// township, "" for all) in format f states besides the ratings: the
// bureau's name, the year before's ratings (for 上年星级 and the change),
// the year's rectifications (each school's open ones, counted; for the
// workbook also its 整改台账, read in parts as it is written), the year
// end (its stage, the self-assessments compared, the charts), when and
// from which database. Each is read at the cost of what it shows: a
// province's export stays within a few hundred megabytes.
func ratingsMeta(s ratingsStore, yr *checklist.YearRating, township string, format report.Format, l i18n.Lang, now time.Time) (report.Meta, error) {
	m := report.Meta{Lang: l, GeneratedAt: now, Database: s.Path()}
	year := yr.Year
	var err error
	if m.Bureau, err = bureau(s); err != nil {
		return m, err
	}
	// The year before is read beside the rectifications: a province's
	// reads wait on the disk as much as on the processors.
	var (
		wg      sync.WaitGroup
		lastErr error
	)
	wg.Go(func() { m.LastYear, lastErr = s.RateYearBrief(year - 1) })
	f := checklist.RectFilter{View: checklist.ViewAll, Township: township, Year: year}
	var rectErr error
	if format == report.XLSX {
		m.Rectifications, rectErr = s.RectLedgerInParts(f, nil)
		m.RectParts = func(each func(*checklist.RectLedger) error) error {
			_, err := s.RectLedgerInParts(f, each)
			return err
		}
	} else {
		// The other formats show each school's count: those of the
		// schools rated, not the ledger.
		schools := make([]checklist.School, len(yr.Ratings))
		for i := range yr.Ratings {
			schools[i] = yr.Ratings[i].School
		}
		m.Rectifications, rectErr = s.RectCounts(f, schools)
	}
	wg.Wait()
	if lastErr != nil {
		return m, checklist.Errorf(nil, checklist.Text{ZH: "无法评定 %d 年（与上年比较要用）", EN: "rate %d for the change since then"}, year-1).Because(lastErr)
	}
	if rectErr != nil {
		return m, rectErr
	}
	ye, err := s.YearEndOf(yr)
	if err != nil {
		return m, err
	}
	m.YearEnd = &report.YearEnd{Stage: ye.Stage, Self: ye.Self, Standards: ye.Standards}
	m.Charts = true
	return m, nil
}

// printed reports whether a format is a paper to print and sign.
func printed(f report.Format) bool {
	return f == report.XLSX || f == report.HTML || f == report.Markdown
}

type reportCmd struct {
	School string `required:"" placeholder:"NAME|ID" help:"help_report_school"`
	Visit  string `placeholder:"ID" help:"help_report_visit"`
	Format string `short:"f" placeholder:"FORMAT" help:"help_report_format"`
	Output string `short:"o" placeholder:"FILE" help:"help_output"`
	Force  bool   `help:"help_force"`
}

// Run writes the feedback sheet of one school's visit.
func (c *reportCmd) Run(a *app) error {
	f, err := exportFormat(c.Format, c.Output, report.Markdown, report.FeedbackFormats())
	if err != nil {
		return err
	}
	s, err := a.openStoreReadOnly()
	if err != nil {
		return err
	}
	defer s.Close()
	school, err := findOneSchool(a, s, c.School)
	if err != nil {
		return err
	}
	visits, err := s.SchoolInspections(school.ID)
	if err != nil {
		return err
	}
	v, err := chooseVisit(a, visits, c.Visit, school)
	if err != nil {
		return err
	}
	fb, err := feedbackSheet(s, school, v, visits)
	if err != nil {
		return err
	}
	m := report.Meta{Lang: a.lang, GeneratedAt: a.now(), Database: s.Path()}
	if m.Bureau, err = bureau(s); err != nil {
		return err
	}
	a.hintBureau(m.Bureau, printed(f))
	return a.writeExport(c.Output, c.Force, f, func(w io.Writer) error { return report.WriteFeedback(w, f, fb, m) })
}

// feedbackSheet is what the 检查反馈单 of visit v of a school prints:
// the visit, the school's previous finalized visit (visits, latest
// first), their standards and, for a finalized visit, the deadline and
// the person responsible of each rectification it set. The report
// command and the app's f both print it.
func feedbackSheet(s *store.Store, school checklist.School, v *checklist.Inspection, visits []*checklist.Inspection) (report.Feedback, error) {
	fb := report.Feedback{School: school, Visit: v, Previous: checklist.PreviousFinalized(v, visits)}
	err := feedbackYearEnd(s, &fb)
	if err != nil {
		return fb, err
	}
	if v.Status == checklist.Finalized {
		sr, err := s.SchoolRectifications(school.ID)
		if err != nil {
			return fb, err
		}
		fb.Rectifications = map[string]report.Rectification{}
		for id, e := range sr.OfVisit(v) {
			fb.Rectifications[id] = report.Rectification{Deadline: e.Deadline(), Responsible: e.Responsible()}
		}
	}
	if fb.Standard, err = s.Standard(v.StandardID); err != nil {
		return fb, err
	}
	if fb.Previous != nil {
		if fb.PreviousStandard, err = s.Standard(fb.Previous.StandardID); err != nil {
			return fb, err
		}
	}
	return fb, nil
}

// chooseVisit picks the visit a feedback sheet is for: the one asked for,
// else the latest finalized, else the latest draft.
func chooseVisit(a *app, visits []*checklist.Inspection, id string, school checklist.School) (*checklist.Inspection, error) {
	if id != "" {
		for _, v := range visits {
			if v.ID == id {
				return v, nil
			}
		}
		return nil, checklist.Errorf(checklist.ErrNotFound, checklist.Text{ZH: "%s 没有编号为“%s”的检查", EN: "%s has no inspection %s"}, termtext.Line(school.Name), termtext.Line(id))
	}
	for _, v := range visits { // latest first
		if v.Status == checklist.Finalized {
			return v, nil
		}
	}
	if len(visits) > 0 {
		return visits[0], nil
	}
	return nil, checklist.Errorf(checklist.ErrNotFound, checklist.Text{ZH: "%s 还没有检查记录", EN: "%s has not been inspected yet"}, termtext.Line(school.Name))
}

// schoolFinder is what findOneSchool needs of the store.
type schoolFinder interface {
	FindSchools(query string) ([]checklist.School, error)
}

// findOneSchool finds the one school a name or id means, or says why not.
func findOneSchool(a *app, s schoolFinder, query string) (checklist.School, error) {
	found, err := s.FindSchools(query)
	if err != nil {
		return checklist.School{}, err
	}
	switch len(found) {
	case 0:
		return checklist.School{}, checklist.Errorf(checklist.ErrNotFound, checklist.Text{ZH: "没有名称或编号为“%s”的学校", EN: "no school is named or numbered %q"}, termtext.Line(query))
	case 1:
		return found[0], nil
	}
	var zh, en []string
	for _, sc := range found {
		name, township := termtext.Line(sc.Name), termtext.Line(orDash(sc.Township))
		zh = append(zh, fmt.Sprintf("%s（%s，%s）", name, township, sc.ID))
		en = append(en, fmt.Sprintf("%s (%s, %s)", name, township, sc.ID))
	}
	return checklist.School{}, checklist.Errorf(checklist.ErrInvalid, checklist.Text{ZH: "“%s”对应多所学校，请用编号指定：%s", EN: "%q matches several schools; give the id: %s"},
		termtext.Line(query), checklist.Text{ZH: strings.Join(zh, "；"), EN: strings.Join(en, "; ")})
}

// exportFormat picks the format: --format, else the output file's
// extension, else def; it must be one of allowed.
func exportFormat(flag, output string, def report.Format, allowed []report.Format) (report.Format, error) {
	s := flag
	if s == "" && output != "" && output != "-" {
		s = strings.TrimPrefix(filepath.Ext(output), ".")
	}
	if s == "" {
		return def, nil
	}
	f, err := report.ParseFormat(s)
	if err == nil {
		for _, ok := range allowed {
			if f == ok {
				return f, nil
			}
		}
	}
	var names []string
	for _, ok := range allowed {
		names = append(names, string(ok))
	}
	if flag == "" {
		return "", usagef(checklist.Text{ZH: "-o %s：从扩展名看不出格式；请用 --format 指定（%s）", EN: "-o %s: cannot tell the format from the extension; give --format (%s)"},
			termtext.Line(output), checklist.Text{ZH: strings.Join(names, "、"), EN: strings.Join(names, ", ")})
	}
	return "", usagef(checklist.Text{ZH: "--format %s：格式应为 %s 之一", EN: "--format %s: expected one of %s"},
		termtext.Line(flag), checklist.Text{ZH: strings.Join(names, "、"), EN: strings.Join(names, ", ")})
}

// writeExport writes an export; an XLSX is binary and refuses a terminal.
func (a *app) writeExport(path string, force bool, f report.Format, write func(io.Writer) error) error {
	if err := a.writeOutput(path, force, f == report.XLSX, write); err != nil {
		return err
	}
	if path != "" && path != "-" {
		fmt.Fprintln(a.stderr, a.lang.Sprintf("已写入 %s", "wrote %s", path))
	}
	return nil
}

// ratingsExporter is what the TUI's export key runs: the year's table in
// the chosen format as a new file in dir, named for the year, never over
// an existing file (a second export of a year gets -2, -3, …), with the
// bureau's name and the year before's stars from s.
func ratingsExporter(dir string, s ratingsStore, now func() time.Time) tui.ExportFunc {
	return func(yr *checklist.YearRating, l i18n.Lang, format string) (string, error) {
		f, err := report.ParseFormat(format)
		if err != nil {
			return "", err
		}
		base := l.Sprintf("%d年度星级党支部评比", "star-ratings-%d", yr.Year)
		path := filepath.Join(dir, base+"."+string(f))
		for n := 2; fileExists(path); n++ {
			path = filepath.Join(dir, fmt.Sprintf("%s-%d.%s", base, n, f))
		}
		out, err := outfile.Create(path, false, 0o600)
		if err != nil {
			return "", err
		}
		defer out.Abort()
		m, err := ratingsMeta(s, yr, "", f, l, now())
		if err != nil {
			return "", err
		}
		if err := report.WriteRatings(out, f, yr, m); err != nil {
			return "", err
		}
		return path, out.Commit()
	}
}

func fileExists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// feedbackYearEnd adds to a feedback sheet what the year end says of the
// visit's school and year: its self-assessment set beside the visit, its
// veto records that apply (for a finalized visit), the year's stage, and
// whether its rating changed after the year was confirmed.
func feedbackYearEnd(s *store.Store, fb *report.Feedback) error {
	v := fb.Visit
	year := v.Date.Year
	sa, selfStd, err := s.SelfAssessment(fb.School.ID, year)
	if err != nil {
		return err
	}
	if sa != nil {
		std, err := s.Standard(v.StandardID)
		if err != nil {
			return err
		}
		if fb.Self, err = checklist.CompareSelf(selfStd, sa, std, v); err != nil {
			return err
		}
	}
	if v.Status == checklist.Finalized {
		records, err := s.SchoolVetoes(fb.School.ID, year)
		if err != nil {
			return err
		}
		for _, r := range records {
			if r.Active() {
				fb.Vetoes = append(fb.Vetoes, r)
			}
		}
		if len(fb.Vetoes) > 0 {
			if fb.VetoStandards, err = s.Standards(); err != nil {
				return err
			}
		}
	}
	if fb.Stage, err = s.YearStage(year); err != nil {
		return err
	}
	if fb.Stage.Locked() {
		brief, err := s.RateYearBrief(year)
		if err != nil {
			return err
		}
		for _, id := range fb.Stage.ChangedSinceNamed(brief) {
			fb.ChangedAfterConfirm = fb.ChangedAfterConfirm || id == fb.School.ID
		}
	}
	return nil
}
