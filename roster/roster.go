// Package roster reads the bureau's list of schools from a CSV or XLSX file,
// the way a county office keeps it in Excel.
//
// A list is a header row and one school a row. Columns are found by their
// header, in Chinese or English (学校名称 or name, 乡镇 or township, …);
// other columns, such as 序号, are ignored. A CSV file may be UTF-8, with or
// without a byte order mark, GB18030 (what Excel saves as "CSV (逗号分隔)" on
// a Chinese Windows) or UTF-16 with a byte order mark (Excel's "Unicode
// text"); its cells are separated by commas, or by semicolons or tabs when
// the header uses them. Text that is not UTF-8 and does not look like
// Chinese in GB18030 (Latin-1, Shift-JIS) is refused, unless the caller
// gives its encoding (Options.Encoding); List says which encoding was read.
//
// A workbook is read whole or not at all: every part must unpack to its
// size and checksum and every sheet be whole XML before excelize reads it,
// and a list with a value right of column IV is refused (a value in column
// XFD would make excelize hand over every row 16,384 cells wide).
//
// Reading is all or nothing: Read returns every school in the file or one
// error, a single line for a person that names the file and the line (CSV)
// or row (XLSX) to fix, such as
//
//	schools.csv:7: 学校名称 is empty
//
// Errors about what the file holds wrap [checklist.ErrInvalid].
package roster

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"branchcheck/checklist"
)

// Limits on what Read accepts. A county's list is a few hundred schools and
// a few hundred kilobytes; anything near these is not a school list, and
// the limits keep a hostile file from exhausting memory.
const (
	// maxFileSize bounds the file as it is handed over.
	maxFileSize = 20 << 20
	// maxUnpackedSize bounds what an XLSX workbook unpacks to.
	maxUnpackedSize = 50 << 20
	// maxSchools bounds the schools in one file.
	maxSchools = 20000
	// maxCellLength bounds a cell that is read, in characters.
	maxCellLength = 200
)

// Row is one school read from the file, with the line (CSV) or row (XLSX)
// it came from, counted from 1 as an editor or Excel shows it.
type Row struct {
	Line   int
	School checklist.School
}

// Options tune how a list is read. The zero value recognises everything.
type Options struct {
	// Encoding is the encoding of a CSV file, by any name or label the
	// WHATWG Encoding Standard knows ("gb18030", "gbk", "big5",
	// "shift_jis", "windows-1252", "latin1", "utf-16le", …), read as
	// given instead of recognised. A workbook ignores it.
	Encoding string
}

// List is a school list as read.
type List struct {
	// Rows are the schools in the file's order.
	Rows []Row
	// Encoding is the encoding a CSV file was read in: "UTF-8",
	// "UTF-16", "GB18030" or the one given in Options, by its WHATWG
	// name; "" for a workbook.
	Encoding string
	// Guessed tells an encoding recognised from the text alone (GB18030:
	// a file that is not UTF-8) from one the file marks or the caller
	// gave; the caller should say which encoding was assumed.
	Guessed bool
	// Columns are the columns read, in the file's order: each one's
	// header and the field it was read into.
	Columns []Column
	// Ignored are the headers of the columns not recognised (a 序号, a
	// 镇 that is not a header of 乡镇), in the file's order: nothing was
	// read from them, and the caller should say so.
	Ignored []string
}

// Column is a column of the list that was read into a field.
type Column struct {
	// Header is the column's header as the file writes it (shortened
	// for messages).
	Header string
	// Field is the field it was read into, in both languages.
	Field checklist.Text
}

// Read reads a school list as ReadList does, recognising its encoding,
// and returns its rows.
func Read(name string, r io.Reader) ([]Row, error) {
	l, err := ReadList(name, r, Options{})
	if err != nil {
		return nil, err
	}
	return l.Rows, nil
}

// ReadList reads a school list. name is the file name, used for errors
// and to choose the format by extension (.csv, .xlsx or .xlsm; anything
// else: sniff — XLSX is a zip starting with "PK\x03\x04").
//
// The header is the first row with anything in it; of a workbook, the
// first sheet whose header has a school name column is read. Rows with
// nothing in them are skipped. Cells are trimmed of space, the full-width
// space included, and lose the ' that our own exports put before a text
// beginning with = + - @ (see report's neutralise); they are kept as they
// are otherwise.
//
// It returns every school in the file, in the file's order, or an error and
// no rows: a list is never read in part.
func ReadList(name string, r io.Reader, opts Options) (*List, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxFileSize+1))
	if err != nil {
		return nil, checklist.Errorf(nil, checklist.Text{ZH: "%s：无法读取文件", EN: "%s: cannot read the file"}, name).Because(err)
	}
	if len(data) > maxFileSize {
		return nil, fileErrorf(name, checklist.Text{
			ZH: "文件超过 %d MiB；学校名单远没有这么大，是这个文件吗？",
			EN: "the file is larger than %d MiB; a school list is far smaller, is it the right file?"}, maxFileSize>>20)
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv":
		return readCSV(name, data, opts)
	case ".xlsx", ".xlsm":
		return readXLSX(name, data)
	}
	if bytes.HasPrefix(data, zipMagic) || bytes.HasPrefix(data, oleMagic) {
		return readXLSX(name, data)
	}
	return readCSV(name, data, opts)
}

var (
	// zipMagic starts every zip archive, and so every XLSX workbook.
	zipMagic = []byte("PK\x03\x04")
	// oleMagic starts an OLE compound file: an Excel 97-2003 .xls workbook,
	// or an .xlsx one protected by a password.
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// fileErrorf reports a problem with what the file as a whole holds,
// worded for the person who made the file in both languages: it prints
// as FILE: WHAT, of kind checklist.ErrInvalid.
func fileErrorf(file string, t checklist.Text, args ...any) *checklist.Error {
	return checklist.Errorf(checklist.ErrInvalid, checklist.Text{ZH: "%s：%s", EN: "%s: %s"}, file, checklist.Errorf(nil, t, args...))
}

// place says where a row of the file is, the way a person looks for it:
// a line of a CSV file, a row of a sheet.
type place struct {
	file string
	xlsx bool
	// sheet is named only when the workbook has several.
	sheet string
}

// at writes where row n is: "schools.csv:7", "schools.xlsx: row 7" or
// "schools.xlsx: sheet 名单, row 7".
func (p place) at(n int) string {
	switch {
	case !p.xlsx:
		return fmt.Sprintf("%s:%d", p.file, n)
	case p.sheet != "":
		return fmt.Sprintf("%s: sheet %s, row %d", p.file, show(p.sheet), n)
	default:
		return fmt.Sprintf("%s: row %d", p.file, n)
	}
}

// where says where row n is in both languages, as at does in English:
// "schools.csv:7", "schools.xlsx 第 7 行", "schools.xlsx 工作表“名单”第 7 行".
func (p place) where(n int) checklist.Text {
	switch {
	case !p.xlsx:
		return checklist.Text{ZH: p.at(n), EN: p.at(n)}
	case p.sheet != "":
		return checklist.Text{ZH: fmt.Sprintf("%s 工作表“%s”第 %d 行", p.file, show(p.sheet), n), EN: p.at(n)}
	default:
		return checklist.Text{ZH: fmt.Sprintf("%s 第 %d 行", p.file, n), EN: p.at(n)}
	}
}

// unit is what the file is counted in: "line" or "row" (行 both).
func (p place) unit() checklist.Text {
	if p.xlsx {
		return checklist.Text{ZH: "行", EN: "row"}
	}
	return checklist.Text{ZH: "行", EN: "line"}
}

// errorf reports a problem at row n, worded in both languages: it prints
// as WHERE: WHAT (where says), of kind checklist.ErrInvalid.
func (p place) errorf(n int, t checklist.Text, args ...any) *checklist.Error {
	return checklist.Errorf(checklist.ErrInvalid, checklist.Text{ZH: "%s：%s", EN: "%s: %s"}, p.where(n), checklist.Errorf(nil, t, args...))
}
