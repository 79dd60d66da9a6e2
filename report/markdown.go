package report

import (
	"bufio"
	"io"
	"strconv"
	"strings"
)

// writeMarkdown writes a document as Markdown: a heading, the lines under
// it, the facts as a list (numbered for notes), tables as pipe tables, and
// the signature lines and the seal at the foot.
func writeMarkdown(w io.Writer, d document) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("# " + mdEscape(d.Title) + "\n")
	if len(d.Head) > 0 {
		bw.WriteString("\n")
		for _, h := range d.Head {
			bw.WriteString("**" + mdEscape(h.Label) + "**" + sep(d.Lang) + mdEscape(h.Value.Text) + "\n")
		}
	}
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
			for i, f := range s.Facts {
				mark := "- "
				if s.Numbered {
					mark = strconv.Itoa(i+1) + ". "
				}
				bw.WriteString(mark + "**" + mdEscape(f.Label) + "**" + sep(d.Lang) + mdEscape(f.Value.Text) + "\n")
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
	if len(d.Signatures) > 0 {
		bw.WriteString("\n" + mdEscape(signatureLine(d.Lang, d.Signatures)) + "\n")
	}
	if d.Seal != "" {
		bw.WriteString("\n" + mdEscape(d.Seal) + "\n")
	}
	if d.Receipt != nil {
		bw.WriteString("\n" + mdEscape(d.Receipt.String(d.Lang)) + "\n")
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
