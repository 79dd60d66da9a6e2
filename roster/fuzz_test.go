package roster_test

import (
	"bytes"
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
