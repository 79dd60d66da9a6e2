package roster_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"strings"
	"testing"
	"time"

	"branchcheck/checklist"
	"branchcheck/roster"
)

// rezipRaw copies a workbook part by part as stored, letting change alter
// each part's header and stored (compressed) bytes.
func rezipRaw(tb testing.TB, data []byte, change func(h *zip.FileHeader, raw []byte) []byte) []byte {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		r, err := f.OpenRaw()
		if err != nil {
			tb.Fatal(err)
		}
		raw, err := io.ReadAll(r)
		if err != nil {
			tb.Fatal(err)
		}
		h := f.FileHeader
		raw = change(&h, raw)
		h.CompressedSize64 = uint64(len(raw))
		w, err := zw.CreateRaw(&h)
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := w.Write(raw); err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func isSheet(h *zip.FileHeader) bool { return h.Name == "xl/worksheets/sheet1.xml" }

// A workbook damaged inside a sheet's compressed data, or whose sheet
// says it is shorter or longer than it is, is refused whole: excelize
// alone read part of it and said nothing (14 to 1,879 of 3,000 schools).
func TestReadXLSXDamaged(t *testing.T) {
	good := schoolsXLSX(t, 3000)
	if rows, err := roster.Read("schools.xlsx", bytes.NewReader(good)); err != nil || len(rows) != 3000 {
		t.Fatalf("the undamaged workbook: %d rows, %v", len(rows), err)
	}
	type damage struct {
		name   string
		change func(h *zip.FileHeader, raw []byte) []byte
	}
	var cases []damage
	for _, at := range []float64{0.05, 0.2, 0.4, 0.5, 0.6, 0.8, 0.95} {
		cases = append(cases, damage{fmt.Sprintf("FlippedAt%.0f%%", at*100), func(h *zip.FileHeader, raw []byte) []byte {
			if isSheet(h) {
				raw = bytes.Clone(raw)
				i := int(float64(len(raw)) * at)
				for j := i; j < i+8; j++ {
					raw[j] ^= 0xFF
				}
			}
			return raw
		}})
	}
	cases = append(cases,
		damage{"DeclaredSmaller", func(h *zip.FileHeader, raw []byte) []byte {
			if isSheet(h) {
				h.UncompressedSize64 /= 2
			}
			return raw
		}},
		damage{"DeclaredLarger", func(h *zip.FileHeader, raw []byte) []byte {
			if isSheet(h) {
				h.UncompressedSize64 += 1000
			}
			return raw
		}},
		damage{"StylesFlipped", func(h *zip.FileHeader, raw []byte) []byte {
			if h.Name == "xl/styles.xml" {
				raw = bytes.Clone(raw)
				raw[len(raw)/2] ^= 0xFF
			}
			return raw
		}},
		damage{"EmptySheet", func(h *zip.FileHeader, raw []byte) []byte {
			if isSheet(h) {
				h.Method, h.CRC32, h.UncompressedSize64 = zip.Store, 0, 0
				return nil
			}
			return raw
		}},
		// A sheet cut short and stored with the checksum of what is left:
		// only the XML says it is not whole.
		damage{"CutShortXML", func(h *zip.FileHeader, raw []byte) []byte {
			if !isSheet(h) {
				return raw
			}
			text := inflate(t, raw)
			text = text[:len(text)/2]
			if len(text) < 1000 {
				t.Fatalf("the sheet is %d bytes", len(text))
			}
			h.Method, h.CRC32, h.UncompressedSize64 = zip.Store, crc32.ChecksumIEEE(text), uint64(len(text))
			return text
		}},
	)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := rezipRaw(t, good, c.change)
			rows, err := roster.Read("schools.xlsx", bytes.NewReader(data))
			checkError(t, "schools.xlsx", rows, err)
			if !errors.Is(err, checklist.ErrInvalid) {
				t.Errorf("%v is not ErrInvalid", err)
			}
			if !strings.Contains(err.Error(), "the workbook is damaged (xl/") {
				t.Errorf("got %v", err)
			}
		})
	}
}

// inflate reads a part's stored (deflated) bytes back.
func inflate(tb testing.TB, raw []byte) []byte {
	tb.Helper()
	b, err := io.ReadAll(flate.NewReader(bytes.NewReader(raw)))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// farWorkbook is a list of n schools with a value in column col of every
// row, as a workbook written by hand: the sheet's XML as Excel writes it.
func farWorkbook(tb testing.TB, n int, col string, extra ...sheetXML) []byte {
	tb.Helper()
	var b strings.Builder
	b.WriteString(`<row r="1"><c r="A1" t="inlineStr"><is><t>学校名称</t></is></c></row>`)
	for i := 2; i <= n+1; i++ {
		fmt.Fprintf(&b, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>第%d小学</t></is></c><c r="%s%d" t="inlineStr"><is><t>x</t></is></c></row>`, i, i, i, col, i)
	}
	return handWorkbook(tb, append([]sheetXML{{"名单", b.String()}}, extra...)...)
}

// sheetXML is a sheet of a hand-written workbook: its name and the rows
// of its sheetData.
type sheetXML struct{ name, rows string }

// handWorkbook writes the smallest workbook Excel and excelize open.
func handWorkbook(tb testing.TB, sheets ...sheetXML) []byte {
	tb.Helper()
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	var types, wbSheets, rels strings.Builder
	parts := map[string]string{}
	for i, s := range sheets {
		n := i + 1
		fmt.Fprintf(&types, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, n)
		fmt.Fprintf(&wbSheets, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, s.name, n, n)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, n, n)
		parts[fmt.Sprintf("xl/worksheets/sheet%d.xml", n)] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet ` + ns + `><sheetData>` + s.rows + `</sheetData></worksheet>`
	}
	parts["[Content_Types].xml"] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` + types.String() + `</Types>`
	parts["_rels/.rels"] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	parts["xl/workbook.xml"] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook ` + ns + ` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>` + wbSheets.String() + `</sheets></workbook>`
	parts["xl/_rels/workbook.xml.rels"] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + rels.String() + `</Relationships>`
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"} {
		w, _ := zw.Create(name)
		io.WriteString(w, parts[name])
		delete(parts, name)
	}
	for i := range sheets {
		name := fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1)
		w, _ := zw.Create(name)
		io.WriteString(w, parts[name])
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// A value in column XFD on each of 20,000 rows took 26 s to read (excelize
// hands each row over 16,384 cells wide). Now it is refused at once,
// naming the cell; a value in column IV is read.
func TestReadXLSXFarColumns(t *testing.T) {
	start := time.Now()
	wantError(t, "schools.xlsx", farWorkbook(t, 20000, "XFD"),
		"schools.xlsx: row 2: a value in column XFD; a school list is read from at most 256 columns (A to IV): delete what is right of column IV and import again")
	// 0.2 s on the project's machine, 3.6 s with -race; it took 26 s to
	// read the list before.
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v", d)
	}
	rows, err := roster.Read("schools.xlsx", bytes.NewReader(farWorkbook(t, 50, "IV")))
	if err != nil || len(rows) != 50 {
		t.Errorf("column IV: %d rows, %v", len(rows), err)
	}
	// Only the sheet read as the list counts.
	rows, err = roster.Read("schools.xlsx", bytes.NewReader(farWorkbook(t, 50, "B",
		sheetXML{"统计", `<row r="1"><c r="XFD1"><v>1</v></c></row>`})))
	if err != nil || len(rows) != 50 {
		t.Errorf("a wide sheet after the list: %d rows, %v", len(rows), err)
	}
	wantError(t, "schools.xlsx", farWorkbook(t, 3, "IW", sheetXML{"统计", ""}),
		"schools.xlsx: sheet 名单, row 2: a value in column IW; a school list is read from at most 256 columns (A to IV): delete what is right of column IV and import again")
}
