package roster_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"branchcheck/checklist"
	"branchcheck/roster"
)

// encode turns UTF-8 text into another encoding, the way Excel saves it.
func encode(tb testing.TB, enc encoding.Encoding, s string) []byte {
	tb.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		tb.Fatalf("encode: %v", err)
	}
	return b
}

func gb18030(tb testing.TB, s string) []byte {
	tb.Helper()
	return encode(tb, simplifiedchinese.GB18030, s)
}

// utf16 is Excel's "Unicode text": UTF-16 little-endian with a byte order
// mark.
func utf16(tb testing.TB, s string) []byte {
	tb.Helper()
	return encode(tb, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), s)
}

func withBOM(s string) []byte { return append([]byte("\xEF\xBB\xBF"), s...) }

// sheet is a sheet of a test workbook; a nil row is left blank.
type sheet struct {
	name string
	rows [][]any
}

// workbook writes an XLSX workbook with excelize.
func workbook(tb testing.TB, sheets ...sheet) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, sh := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sh.name); err != nil {
				tb.Fatal(err)
			}
		} else if _, err := f.NewSheet(sh.name); err != nil {
			tb.Fatal(err)
		}
		sw, err := f.NewStreamWriter(sh.name)
		if err != nil {
			tb.Fatal(err)
		}
		for r, row := range sh.rows {
			if row == nil {
				continue
			}
			if err := sw.SetRow(fmt.Sprintf("A%d", r+1), row); err != nil {
				tb.Fatal(err)
			}
		}
		if err := sw.Flush(); err != nil {
			tb.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// cells splits a CSV-like line into cells for a workbook row.
func cells(line string) []any {
	var out []any
	for c := range strings.SplitSeq(line, ",") {
		out = append(out, c)
	}
	return out
}

// schoolsCSV writes a list of n schools in 12 townships.
func schoolsCSV(n int) string {
	var b strings.Builder
	b.WriteString("序号,学校名称,乡镇,类型,党组织书记,联系电话\n")
	for i := range n {
		fmt.Fprintf(&b, "%d,第%d小学,乡镇%02d,小学,书记%d,1380000%04d\n", i+1, i+1, i%12, i, i)
	}
	return b.String()
}

// schoolsXLSX writes the same list as schoolsCSV as a workbook.
func schoolsXLSX(tb testing.TB, n int) []byte {
	tb.Helper()
	lines := strings.Split(strings.TrimSuffix(schoolsCSV(n), "\n"), "\n")
	rows := make([][]any, len(lines))
	for i, l := range lines {
		rows[i] = cells(l)
	}
	return workbook(tb, sheet{"Sheet1", rows})
}

// zipOf writes a zip archive of the named files, each holding data but
// declaring that it unpacks to size bytes: a zip bomb when size is large.
func zipOf(tb testing.TB, data string, size uint64, names ...string) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range names {
		w, err := zw.CreateRaw(&zip.FileHeader{
			Name:               name,
			Method:             zip.Store,
			CRC32:              crc32.ChecksumIEEE([]byte(data)),
			CompressedSize64:   uint64(len(data)),
			UncompressedSize64: size,
		})
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := io.WriteString(w, data); err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// school is a row as a test expects it.
func school(line int, name, township, kind, secretary, contact string) roster.Row {
	return roster.Row{Line: line, School: checklist.School{
		Name: name, Township: township, Kind: kind, Secretary: secretary, Contact: contact,
	}}
}

// wantError asserts that Read refuses data with exactly the error want.
func wantError(tb testing.TB, file string, data []byte, want string) {
	tb.Helper()
	rows, err := roster.Read(file, bytes.NewReader(data))
	checkError(tb, file, rows, err)
	if err == nil {
		return
	}
	if got := err.Error(); got != want {
		tb.Errorf("got  %s\nwant %s", got, want)
	}
	if !errors.Is(err, checklist.ErrInvalid) {
		tb.Errorf("%v does not wrap checklist.ErrInvalid", err)
	}
}

// checkError asserts the rules every error of Read keeps: one line,
// starting with the file name, and no rows with it.
func checkError(tb testing.TB, name string, rows []roster.Row, err error) {
	tb.Helper()
	if err == nil {
		tb.Fatalf("no error, %d rows", len(rows))
	}
	if rows != nil {
		tb.Errorf("error %q came with %d rows", err, len(rows))
	}
	if msg := err.Error(); !strings.HasPrefix(msg, name) || strings.ContainsAny(msg, "\r\n") {
		tb.Errorf("error not one line starting with %q: %q", name, msg)
	}
}
