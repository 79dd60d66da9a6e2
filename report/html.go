package report

import (
	_ "embed"
	"html/template"
	"io"

	"branchcheck/i18n"
)

// pageHTML is the one page template of the HTML exports: self-contained
// (inline CSS, no scripts, no external assets), and laid out to print on
// A4 (landscape, or portrait for a feedback sheet) with "第N页 共M页"
// at the foot of each page, each table's header repeated on every page, a
// table breaking between its rows, and no row split across pages.
//
//go:embed page.html.tmpl
var pageHTML string

// pageTemplate is parsed once; executing it is safe from several
// goroutines.
var pageTemplate = template.Must(template.New("page").Funcs(template.FuncMap{
	"htmlLang": func(l i18n.Lang) string { return l.Pick("zh-CN", "en") },
	"sep":      sep,
	// The printed page's number, as CSS content.
	"pageNumbers": func(l i18n.Lang) template.CSS {
		return template.CSS(l.Pick(`"第" counter(page) "页 共" counter(pages) "页"`, `"Page " counter(page) " of " counter(pages)`))
	},
	"dateBlank": func(l i18n.Lang) string { return signature{Date: true}.Blank(l) },
	// A section with the document it is in.
	"pair":     func(d document, s section) sectionOf { return sectionOf{d, s} },
	"rowClass": rowClass,
	// A table with a column of free text takes the page's width; the
	// others only what they need.
	"tableClass": func(t *table) string {
		if len(t.Columns) > wideTable {
			return "full wide"
		}
		for _, c := range t.Columns {
			if c.Long {
				return "full"
			}
		}
		return ""
	},
	"colClass": func(t *table, i int) string {
		if i >= len(t.Columns) {
			return ""
		}
		switch c := t.Columns[i]; {
		case c.Handwritten:
			return "hand"
		case c.Numeric:
			return "num"
		case c.Ambiguous:
			return "stars"
		case c.Date:
			return "date"
		case c.Long && c.Flag:
			return "long flag"
		case c.Long:
			return "long"
		case c.Flag:
			return "flag"
		}
		return ""
	},
}).Parse(pageHTML))

// rowClass is the CSS class that marks a row; the row's own text (a flag,
// a change) says the same thing, so colour is never the only sign.
func rowClass(m mark) string {
	switch m {
	case markLagging:
		return "lagging"
	case markNotRated:
		return "not-rated"
	case markImproved:
		return "improved"
	case markWorse:
		return "worse"
	case markOverdue:
		return "overdue"
	case markClosed:
		return "closed"
	}
	return ""
}

// sectionOf is a section with its document, for the section template.
type sectionOf struct {
	D document
	S section
}

// writeHTML writes a document as a self-contained HTML page, every value
// escaped by html/template.
func writeHTML(w io.Writer, d document) error {
	return pageTemplate.Execute(w, d)
}
