package roster

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strings"

	"github.com/xuri/excelize/v2"

	"branchcheck/checklist"
)

// maxColumns is the widest a school list is read: Excel 2003's 256
// columns (A to IV). A value right of it refuses the list, naming the
// cell. excelize hands every row over as a slice as wide as its last
// value, so one value in column XFD (16,384) on each of 20,000 rows took
// 26 s to read; a list never needs a column that far.
const maxColumns = 256

// farCell is a value right of maxColumns: its row and column, from 1.
type farCell struct{ row, col int }

// checkParts reads every part of a workbook through once, before excelize
// reads it. excelize stops reading a part at the first error and keeps
// what it read, so a workbook damaged inside its compressed data, or whose
// parts are longer or shorter than they say, would give part of a list:
// here archive/zip checks each part's size and checksum, and each
// worksheet and the shared strings must be well-formed XML to their end.
// It returns, by sheet name, the first value of each sheet right of
// maxColumns ("" for a part the workbook does not name: any sheet).
func checkParts(name string, zr *zip.Reader) (map[string]farCell, error) {
	far := map[string]farCell{}
	for _, f := range zr.File {
		lower := strings.ToLower(f.Name)
		sheet := strings.HasPrefix(lower, "xl/worksheets/") && strings.HasSuffix(lower, ".xml")
		xmlPart := sheet || lower == "xl/sharedstrings.xml"
		if err := checkPart(f, xmlPart, func(fc farCell) { far[f.Name] = fc }); err != nil {
			return nil, checklist.Errorf(checklist.ErrInvalid, checklist.Text{
				ZH: "%s：工作簿已损坏（%s 读不完整），一所学校也没有导入；请在 Excel 或 WPS 中打开它，另存为新的 .xlsx 文件再导入",
				EN: "%s: the workbook is damaged (%s cannot be read whole), so none of it was read; open it in Excel or WPS, save it as a new .xlsx file and import that: %[3]v",
			}, name, f.Name, err).Wrapping(err)
		}
	}
	if len(far) == 0 {
		return far, nil
	}
	bySheet := map[string]farCell{}
	parts := sheetParts(zr)
	for part, fc := range far {
		// A part the workbook does not name stands for any sheet.
		bySheet[parts[part]] = fc
	}
	return bySheet, nil
}

// checkPart reads one part to its end, as XML if xmlPart; every cell with
// a value right of maxColumns is handed to far, the first of the part only.
func checkPart(f *zip.File, xmlPart bool, far func(farCell)) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	if xmlPart {
		if err := checkXML(rc, far); err != nil {
			return err
		}
	}
	// The checksum is checked at the end of the data, past the end of
	// the XML.
	_, err = io.Copy(io.Discard, rc)
	return err
}

// checkXML reads a worksheet or the shared strings as XML to its end and
// finds the first cell with a value right of maxColumns.
func checkXML(r io.Reader, far func(farCell)) error {
	d := xml.NewDecoder(r)
	var (
		row, col  int  // of the cell being read
		inCell    bool // inside a <c>
		hasValue  bool // the cell has a value or a formula
		seen      bool // a far cell was handed over
		textDepth int  // inside a <v> or <t> of the cell
		root      bool // the root element was read
	)
	for {
		tok, err := d.Token()
		if err == io.EOF && !root {
			// saycheck:internal: checkParts says the workbook is damaged in both languages.
			return errors.New("no XML in the part")
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			root = true
			switch t.Name.Local {
			case "row":
				if r, ok := intAttr(t, "r"); ok {
					row = r
				} else {
					row++
				}
				col = 0
			case "c":
				inCell, hasValue = true, false
				col++
				if ref := attr(t, "r"); ref != "" {
					if c, r, err := excelize.CellNameToCoordinates(ref); err == nil {
						col, row = c, r
					}
				}
			case "f":
				hasValue = hasValue || inCell
			case "v", "t":
				if inCell {
					textDepth++
				}
			}
		case xml.CharData:
			if textDepth > 0 && strings.TrimSpace(string(t)) != "" {
				hasValue = true
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "v", "t":
				if textDepth > 0 {
					textDepth--
				}
			case "c":
				if inCell && hasValue && col > maxColumns && !seen {
					far(farCell{row: row, col: col})
					seen = true
				}
				inCell = false
			}
		}
	}
}

func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

func intAttr(e xml.StartElement, local string) (int, bool) {
	v := attr(e, local)
	n := 0
	for _, c := range []byte(v) {
		if c < '0' || c > '9' || n > 1<<24 {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, v != ""
}

// sheetParts maps the parts of a workbook's worksheets to their sheet
// names, from xl/workbook.xml and its relationships. A workbook that
// does not say gives an empty map.
func sheetParts(zr *zip.Reader) map[string]string {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	out := map[string]string{}
	if readXMLPart(zr, "xl/workbook.xml", &wb) != nil || readXMLPart(zr, "xl/_rels/workbook.xml.rels", &rels) != nil {
		return out
	}
	targets := map[string]string{}
	for _, r := range rels.Rels {
		t := strings.ReplaceAll(r.Target, `\`, "/")
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(path.Clean(t), "/")
		} else {
			t = path.Join("xl", t)
		}
		targets[r.ID] = t
	}
	for _, s := range wb.Sheets {
		if t, ok := targets[s.ID]; ok {
			for _, f := range zr.File {
				if strings.EqualFold(f.Name, t) {
					out[f.Name] = s.Name
				}
			}
		}
	}
	return out
}

// readXMLPart decodes the part named (in any case) into v.
func readXMLPart(zr *zip.Reader, name string, v any) error {
	for _, f := range zr.File {
		if strings.EqualFold(f.Name, name) {
			rc, err := f.Open()
			if err != nil {
				return err
			}
			defer rc.Close()
			return xml.NewDecoder(rc).Decode(v)
		}
	}
	// saycheck:internal: its caller only tests for an error.
	return errors.New("no part " + name)
}

// errFarCell refuses a list with a value right of maxColumns.
func errFarCell(at place, fc farCell) error {
	col, _ := excelize.ColumnNumberToName(fc.col)
	return checklist.Errorf(checklist.ErrInvalid, checklist.Text{
		ZH: "%s：%s 列有内容；学校名单最多读 %d 列（A 到 IV 列），用不到这么远：请删除 IV 列右边的内容后再导入",
		EN: "%s: a value in column %s; a school list is read from at most %d columns (A to IV): delete what is right of column IV and import again",
	}, at.where(fc.row), col, maxColumns)
}
