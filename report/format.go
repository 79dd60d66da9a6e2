package report

import (
	"branchcheck/checklist"
	"strings"
)

// Format is an export format.
type Format string

// The export formats. The ratings table is written in all of them; a
// feedback sheet in Markdown, HTML, XLSX and as a table for the terminal.
const (
	Table    Format = "table" // plain text for the terminal, aligned by display width
	CSV      Format = "csv"   // UTF-8 with BOM, CRLF, for Excel and WPS
	XLSX     Format = "xlsx"  // an Excel workbook
	Markdown Format = "md"    // a Markdown document
	HTML     Format = "html"  // a self-contained page that prints on A4
	JSON     Format = "json"  // a stable machine form for other programs
)

// ErrFormat: the export format is unknown, or not offered for what is
// being exported. The wrapping error says which formats are.
var ErrFormat = checklist.Errorf(nil, checklist.Text{ZH: "不支持的导出格式", EN: "unsupported export format"})

// formatError refuses the format f: the formats offered are these.
func formatError(f any, these []Format) error {
	return checklist.Errorf(ErrFormat, checklist.Text{ZH: "不支持导出格式“%s”：应为 %s", EN: "unsupported export format %q: expected %s"},
		f, checklist.Text{ZH: formatListZH(these), EN: formatList(these)})
}

// Formats lists the formats of the ratings table, in the order a help text
// offers them.
func Formats() []Format { return []Format{Table, CSV, XLSX, Markdown, HTML, JSON} }

// FeedbackFormats lists the formats of a feedback sheet.
func FeedbackFormats() []Format { return []Format{Markdown, HTML, XLSX, Table} }

// ParseFormat reads a --format value: table, csv, xlsx, md (or markdown),
// html (or htm) or json, in any case.
func ParseFormat(s string) (Format, error) {
	switch v := strings.ToLower(strings.TrimSpace(s)); v {
	case "table", "csv", "xlsx", "md", "html", "json":
		return Format(v), nil
	case "markdown":
		return Markdown, nil
	case "htm":
		return HTML, nil
	}
	return "", formatError(s, Formats())
}

// formatListZH writes formats as "a、b 或 c".
func formatListZH(fs []Format) string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = string(f)
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], "、") + " 或 " + names[len(names)-1]
}

// formatList writes formats as "a, b or c".
func formatList(fs []Format) string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = string(f)
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
