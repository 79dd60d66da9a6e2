package report

import (
	"bufio"
	"encoding/csv"
	"io"
)

// utf8BOM makes Excel read a CSV file as UTF-8, so Chinese shows.
const utf8BOM = "\uFEFF"

// writeRatingsCSV writes the ratings as CSV for Excel and WPS: UTF-8 with
// a byte order mark, CRLF line ends, RFC 4180 quoting. The header row
// comes first so the table sorts and filters as it is; after a blank row
// follow what the export states and the counts, one label and value per
// row. Every record has the header's number of fields, so strict readers
// take the file too. Text cells are neutralised against formula injection.
func writeRatingsCSV(w io.Writer, r *ratings) error {
	return writeCSV(w, r.table, func(record func(...cell) []string, cw *csv.Writer) {
		cw.Write(record())
		for _, f := range r.about {
			cw.Write(record(text(f.Label), f.Value))
		}
		cw.Write(record())
		cw.Write(record(text(wordsFor(r.lang).Counts)))
		for _, f := range r.counts {
			cw.Write(record(text(f.Label), f.Value))
		}
	})
}

// writeCSV writes a table as CSV for Excel and WPS, the header row first,
// then what more writes, every record as wide as the header.
func writeCSV(w io.Writer, t table, more func(record func(...cell) []string, cw *csv.Writer)) error {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString(utf8BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	n := len(t.Columns)
	record := func(cells ...cell) []string {
		rec := make([]string, n)
		for i, c := range cells {
			if c.IsNum() {
				rec[i] = c.Text
			} else {
				rec[i] = neutralise(c.Text)
			}
		}
		return rec
	}
	header := make([]cell, n)
	for i, c := range t.Columns {
		header[i] = text(c.Title)
	}
	cw.Write(record(header...))
	for _, rw := range t.Rows {
		cw.Write(record(rw.Cells...))
	}
	if more != nil {
		more(record, cw)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}
