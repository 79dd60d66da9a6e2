package report

import (
	"bufio"
	"io"
	"strings"
)

// writeMarkdown writes a document as Markdown: a heading, the facts as a
// list, tables as pipe tables.
func writeMarkdown(w io.Writer, d document) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("# " + mdEscape(d.Title) + "\n")
	if d.Banner != "" {
		bw.WriteString("\n> **" + mdEscape(d.Banner) + "**\n")
	}
	for _, s := range d.Sections {
		if s.Heading != "" {
			bw.WriteString("\n## " + mdEscape(s.Heading) + "\n")
		}
		if len(s.Text) > 0 {
			bw.WriteString("\n")
			for _, t := range s.Text {
				bw.WriteString(mdEscape(t) + "\n")
			}
		}
		if len(s.Facts) > 0 {
			bw.WriteString("\n")
			for _, f := range s.Facts {
				bw.WriteString("- **" + mdEscape(f.Label) + "**" + sep(d.Lang) + mdEscape(f.Value.Text) + "\n")
			}
		}
		if s.Table != nil {
			bw.WriteString("\n")
			if len(s.Table.Rows) == 0 && s.Empty != "" {
				bw.WriteString(mdEscape(s.Empty) + "\n")
				continue
			}
			writeMDTable(bw, *s.Table)
		}
	}
	return bw.Flush()
}

func writeMDTable(bw *bufio.Writer, t table) {
	bw.WriteString("|")
	for _, c := range t.Columns {
		bw.WriteString(" " + mdEscape(c.Title) + " |")
	}
	bw.WriteString("\n|")
	for _, c := range t.Columns {
		if c.Numeric {
			bw.WriteString(" ---: |")
		} else {
			bw.WriteString(" --- |")
		}
	}
	bw.WriteString("\n")
	for _, r := range t.Rows {
		bw.WriteString("|")
		for i := range t.Columns {
			v := ""
			if i < len(r.Cells) {
				v = mdEscape(r.Cells[i].Text)
			}
			bw.WriteString(" " + v + " |")
		}
		bw.WriteString("\n")
	}
}

// mdEscaper escapes with a backslash what Markdown would otherwise read
// as markup: table pipes, emphasis, code, links, raw HTML and entities.
// Line breaks and tabs become spaces, so a cell stays on its row.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "&", `\&`,
	"\r\n", " ", "\n", " ", "\r", " ", "\t", " ",
)

func mdEscape(s string) string { return mdEscaper.Replace(s) }
