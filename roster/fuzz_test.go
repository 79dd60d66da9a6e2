package roster_test

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"branchcheck/roster"
)

// FuzzReadCSV: any bytes give schools or a one-line error naming the file,
// never a panic and never both. Every school read has a name, and every
// cell read is short, on one line and free of control characters.
func FuzzReadCSV(f *testing.F) {
	f.Add([]byte(plain))
	f.Add(withBOM(plain))
	f.Add(gb18030(f, plain))
	f.Add(utf16(f, strings.ReplaceAll(plain, ",", "\t")))
	f.Add([]byte(strings.ReplaceAll(plain, ",", ";")))
	f.Add([]byte("*学校名称,乡镇（街道）,编号\n\"城关\n小学\",城关镇,1\n城关小学,城关镇,1\n"))
	f.Add([]byte("序号,name\n1,\"a\"\"b\"\n2,a\"b\n"))
	f.Add([]byte("\n,,\n学校名称\n"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := roster.Read("f.csv", bytes.NewReader(data))
		if err != nil {
			if msg := err.Error(); !strings.HasPrefix(msg, "f.csv:") || strings.ContainsAny(msg, "\r\n") {
				t.Fatalf("error not one line naming the file: %q", msg)
			}
			if rows != nil {
				t.Fatalf("error %q came with %d rows", err, len(rows))
			}
			return
		}
		if len(rows) == 0 {
			t.Fatal("no error and no schools")
		}
		last := 0
		for _, r := range rows {
			if strings.TrimSpace(r.School.Name) == "" {
				t.Fatalf("line %d: a school without a name: %+v", r.Line, r.School)
			}
			if r.Line <= last {
				t.Fatalf("line %d comes after line %d", r.Line, last)
			}
			last = r.Line
			sc := r.School
			for _, v := range []string{sc.ID, sc.Name, sc.Township, sc.Kind, sc.Secretary, sc.Contact} {
				if utf8.RuneCountInString(v) > 200 || !utf8.ValidString(v) || strings.ContainsFunc(v, unicode.IsControl) || v != strings.TrimSpace(v) {
					t.Fatalf("line %d: a cell read as %q", r.Line, v)
				}
			}
		}
	})
}

// FuzzReadXLSX: a workbook whose sheet and shared strings are any bytes
// gives schools or a one-line error naming the file, never a panic, and
// excelize does not panic either (Read would recover and say so).
func FuzzReadXLSX(f *testing.F) {
	base := workbook(f, sheet{"Sheet1", [][]any{cells("学校名称,乡镇"), cells("城关小学,城关镇"), {"南街小学", 12}}})
	parts := unzip(f, base)
	f.Add(parts["xl/worksheets/sheet1.xml"], parts["xl/sharedStrings.xml"])
	f.Fuzz(func(t *testing.T, sheetXML, sst []byte) {
		data := rezip(t, base, map[string][]byte{"xl/worksheets/sheet1.xml": sheetXML, "xl/sharedStrings.xml": sst})
		rows, err := roster.Read("f.xlsx", bytes.NewReader(data))
		if err != nil {
			if msg := err.Error(); !strings.HasPrefix(msg, "f.xlsx:") || strings.ContainsAny(msg, "\r\n") || strings.Contains(msg, "(excelize: ") {
				t.Fatalf("error: %q", msg)
			}
			if rows != nil {
				t.Fatalf("error %q came with %d rows", err, len(rows))
			}
			return
		}
		for _, r := range rows {
			if strings.TrimSpace(r.School.Name) == "" {
				t.Fatalf("row %d: a school without a name", r.Line)
			}
		}
	})
}

func unzip(tb testing.TB, data []byte) map[string][]byte {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string][]byte{}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			tb.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		if err != nil {
			tb.Fatal(err)
		}
		out[zf.Name] = b
	}
	return out
}

func rezip(tb testing.TB, data []byte, replace map[string][]byte) []byte {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, zf := range zr.File {
		w, err := zw.Create(zf.Name)
		if err != nil {
			tb.Fatal(err)
		}
		if b, ok := replace[zf.Name]; ok {
			_, err = w.Write(b)
		} else {
			var rc io.ReadCloser
			if rc, err = zf.Open(); err == nil {
				_, err = io.Copy(w, rc)
			}
		}
		if err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}
