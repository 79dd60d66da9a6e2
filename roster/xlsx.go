package roster

import (
	"archive/zip"
	"branchcheck/checklist"
	"bytes"
	"errors"
	"strings"

	"github.com/xuri/excelize/v2"
)

// readXLSX reads a school list from an Excel workbook: the first sheet
// whose first row with anything in it is a header with a school name
// column.
func readXLSX(name string, data []byte) (list *List, err error) {
	if bytes.HasPrefix(data, oleMagic) {
		return nil, errOLE(name)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fileErrorf(name, checklist.Text{
			ZH: "不是可以读取的 Excel 工作簿（.xlsx）：文件已损坏、不完整，或者根本不是工作簿",
			EN: "not a readable Excel workbook (.xlsx): the file is damaged or incomplete, or not a workbook at all"}).Wrapping(err)
	}
	// A zip records what each file unpacks to, and archive/zip holds it
	// to that; excelize checks the same limit again as it unpacks.
	var unpacked uint64
	workbook := false
	for _, f := range zr.File {
		unpacked += f.UncompressedSize64
		workbook = workbook || strings.HasPrefix(strings.ToLower(f.Name), "xl/")
	}
	if !workbook {
		return nil, fileErrorf(name, checklist.Text{ZH: "这是 zip 压缩包，不是 Excel 工作簿（.xlsx）", EN: "this is a zip archive, not an Excel workbook (.xlsx)"})
	}
	if unpacked > maxUnpackedSize {
		return nil, fileErrorf(name, checklist.Text{
			ZH: "工作簿解压后超过 %d MiB；学校名单远没有这么大，是这个文件吗？",
			EN: "the workbook unpacks to more than %d MiB; a school list is far smaller, is it the right file?"}, maxUnpackedSize>>20)
	}
	far, err := checkParts(name, zr)
	if err != nil {
		return nil, err
	}

	// excelize is a large parser of untrusted input: should it panic on
	// a damaged workbook, the person gets an error, not a crash.
	defer func() {
		if r := recover(); r != nil {
			list, err = nil, fileErrorf(name, checklist.Text{ZH: "无法读取这个工作簿，它可能已损坏%.0v", EN: "cannot read the workbook, it may be damaged (excelize: %v)"}, r)
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    maxUnpackedSize,
		UnzipXMLSizeLimit: 16 << 20,
	})
	if f != nil {
		// Close removes the temporary files of large sheets; a failure
		// to does not change what was read.
		defer func() { _ = f.Close() }()
	}
	if err != nil {
		return nil, fileErrorf(name, checklist.Text{ZH: "无法读取这个工作簿，它可能已损坏%.0v", EN: "cannot read the workbook, it may be damaged: %v"}, err).Wrapping(err)
	}

	sheets := f.GetSheetList()
	var noHeader error
	for _, sheet := range sheets {
		at := place{file: name, xlsx: true}
		if len(sheets) > 1 {
			at.sheet = sheet
		}
		list, err := readSheet(f, at, sheet, far)
		var nh noHeaderError
		switch {
		case errors.Is(err, errNoRows):
			continue
		case errors.As(err, &nh):
			if noHeader == nil {
				noHeader = nh.err
			}
			continue
		}
		return list, err
	}
	if noHeader != nil {
		return nil, noHeader
	}
	return nil, fileErrorf(name, checklist.Text{ZH: "工作簿是空的", EN: "the workbook is empty"})
}

// errNoRows: the sheet has nothing in it.
// saycheck:internal: its caller skips the sheet; no user meets it.
var errNoRows = errors.New("no rows")

// noHeaderError: the sheet's first row is not the header of a school
// list; err says what it has instead.
type noHeaderError struct{ err error }

func (e noHeaderError) Error() string { return e.err.Error() }

// readSheet reads the schools of one sheet. It returns errNoRows for an
// empty sheet and a noHeaderError for one whose first row has no school
// name column. far holds each sheet's first value right of maxColumns: a
// sheet read as the list must have none.
func readSheet(f *excelize.File, at place, sheet string, far map[string]farCell) (*List, error) {
	it, err := f.Rows(sheet)
	if err != nil {
		return nil, fileErrorf(at.file, checklist.Text{ZH: "无法读取工作表 %s，工作簿可能已损坏%.0v", EN: "cannot read sheet %s: %v"}, show(sheet), err).Wrapping(err)
	}
	defer func() { _ = it.Close() }()
	var t *table
	n := 0
	for it.Next() {
		n++
		cells, err := it.Columns()
		if err != nil {
			return nil, at.errorf(n, checklist.Text{ZH: "无法读取这一行，工作簿可能已损坏%.0v", EN: "cannot read the row: %v"}, err).Wrapping(err)
		}
		switch {
		case t != nil:
			err = t.add(n, cells)
		case blankRow(cells):
		case !hasNameColumn(cells):
			_, err = newTable(at, n, cells)
			return nil, noHeaderError{err: err}
		default:
			t, err = newTable(at, n, cells)
			fc, ok := far[sheet]
			if !ok {
				fc, ok = far[""]
			}
			if ok && err == nil {
				return nil, errFarCell(at, fc)
			}
		}
		if err != nil {
			return nil, err
		}
	}
	if err := it.Error(); err != nil {
		return nil, at.errorf(n, checklist.Text{ZH: "无法读取工作表的其余部分，工作簿可能已损坏%.0v", EN: "cannot read the sheet further: %v"}, err).Wrapping(err)
	}
	if t == nil {
		return nil, errNoRows
	}
	return t.list(&List{})
}
