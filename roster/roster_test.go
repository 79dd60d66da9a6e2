package roster_test

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"branchcheck/checklist"
	"branchcheck/roster"
)

const plain = "学校名称,乡镇,类型,党组织书记,联系电话\n" +
	"城关小学,城关镇,小学,张三,13800000001\n" +
	"城关初中,城关镇,初中,李四,13800000002\n"

// plainRows is what every encoding of plain reads as.
var plainRows = []roster.Row{
	school(2, "城关小学", "城关镇", "小学", "张三", "13800000001"),
	school(3, "城关初中", "城关镇", "初中", "李四", "13800000002"),
}

func TestRead(t *testing.T) {
	tests := []struct {
		name string
		file string
		data []byte
		want []roster.Row
	}{
		{"UTF8", "schools.csv", []byte(plain), plainRows},
		{"UTF8BOM", "schools.csv", withBOM(plain), plainRows},
		{"GB18030", "schools.csv", gb18030(t, plain), plainRows},
		{"UTF16Tabs", "schools.txt", utf16(t, strings.ReplaceAll(plain, ",", "\t")), plainRows},
		{"CRLF", "schools.csv", []byte(strings.ReplaceAll(plain, "\n", "\r\n")), plainRows},
		{"OldMacLineEnds", "schools.csv", []byte(strings.ReplaceAll(plain, "\n", "\r")), plainRows},
		{"Semicolons", "schools.csv", []byte(strings.ReplaceAll(plain, ",", ";")), plainRows},
		{"Tabs", "schools.csv", []byte(strings.ReplaceAll(plain, ",", "\t")), plainRows},
		{"UpperCaseExtension", "SCHOOLS.CSV", []byte(plain), plainRows},
		{"SniffCSV", "schools", []byte(plain), plainRows},
		{"EnglishHeaders", "schools.csv", []byte("Name,TOWNSHIP, Type ,Secretary,Phone\n" + plain[strings.Index(plain, "\n")+1:]), plainRows},
		{
			"StarsAndParentheses", "schools.csv",
			[]byte("*学校名称,乡镇(街道),＊学段：,书记,联系电话（手机）\n城关小学,城关镇,小学,张三,13800000001\n"),
			plainRows[:1],
		},
		{
			"FullWidthParenthesesAndSpaces", "schools.csv",
			[]byte("学 校 名 称,乡镇（街道）\n城关小学,城关镇\n"),
			[]roster.Row{school(2, "城关小学", "城关镇", "", "", "")},
		},
		{
			// A template numbered ahead of its rows: a row with only a
			// 序号 is a blank row.
			"PreNumberedTemplate", "schools.csv",
			[]byte("序号,学校名称,乡镇\n1,城关小学,城关镇\n2,,\n3,,\n"),
			[]roster.Row{school(2, "城关小学", "城关镇", "", "", "")},
		},
		{
			"HeaderOnTwoLinesInItsCell", "schools.csv",
			[]byte("\"学校\n名称\",乡镇\n城关小学,城关镇\n"),
			[]roster.Row{school(3, "城关小学", "城关镇", "", "", "")},
		},
		{
			"IgnoresOtherColumnsAndTrims", "schools.csv",
			[]byte("序号,学校名称,备注,乡镇\n1,\u3000城关小学\u3000 ,\"多行\n备注\",  城关镇\t\n"),
			[]roster.Row{school(2, "城关小学", "城关镇", "", "", "")},
		},
		{
			"SkipsEmptyRowsKeepsLines", "schools.csv",
			[]byte("\n,,\n学校名称,乡镇\n\n城关小学,城关镇\n, \u3000\n\n南街小学,城关镇\n"),
			[]roster.Row{school(5, "城关小学", "城关镇", "", "", ""), school(8, "南街小学", "城关镇", "", "", "")},
		},
		{
			"QuotedCells", "schools.csv",
			[]byte("学校名称,乡镇\n\"城关小学,东校区\",\"城关\"\"镇\"\"\"\n"),
			[]roster.Row{school(2, "城关小学,东校区", `城关"镇"`, "", "", "")},
		},
		{
			"ShortRows", "schools.csv",
			[]byte("学校名称,乡镇,类型\n城关小学\n"),
			[]roster.Row{school(2, "城关小学", "", "", "", "")},
		},
		{
			"SameNameOtherTownship", "schools.csv",
			[]byte("学校名称,乡镇\n中心小学,城关镇\n中心小学,南河镇\n"),
			[]roster.Row{school(2, "中心小学", "城关镇", "", "", ""), school(3, "中心小学", "南河镇", "", "", "")},
		},
		{
			"IDKeptAsIs", "schools.csv",
			[]byte("编号,学校名称\n 0019 ,城关小学\n"),
			[]roster.Row{{Line: 2, School: checklist.School{ID: "0019", Name: "城关小学"}}},
		},
		{
			"CellOf200Characters", "schools.csv",
			[]byte("学校名称\n" + strings.Repeat("校", 200) + "\n"),
			[]roster.Row{school(2, strings.Repeat("校", 200), "", "", "", "")},
		},
		{
			"XLSX", "schools.xlsx",
			workbook(t, sheet{"Sheet1", [][]any{
				cells("学校名称,乡镇,类型,党组织书记,联系电话"),
				{"城关小学", "城关镇", "小学", "张三", 13800000001},
				cells("城关初中,城关镇,初中,李四,13800000002"),
			}}),
			plainRows,
		},
		{
			"XLSXBlankFirstRowAndNumberColumn", "schools.xlsx",
			workbook(t, sheet{"名单", [][]any{
				nil,
				cells("序号,*学校名称,乡镇(街道)"),
				{1, "城关小学", "城关镇"},
				nil,
				{2, " 南街小学\u3000", "城关镇"},
			}}),
			[]roster.Row{school(3, "城关小学", "城关镇", "", "", ""), school(5, "南街小学", "城关镇", "", "", "")},
		},
		{
			"XLSXFirstSheetWithAHeader", "schools.xlsx",
			workbook(t,
				sheet{"说明", [][]any{{"请在“名单”中填写学校"}}},
				sheet{"空白", nil},
				sheet{"名单", [][]any{cells("学校名称,乡镇"), cells("城关小学,城关镇")}},
			),
			[]roster.Row{school(2, "城关小学", "城关镇", "", "", "")},
		},
		{
			"SniffXLSX", "upload",
			workbook(t, sheet{"Sheet1", [][]any{cells("name"), cells("城关小学")}}),
			[]roster.Row{school(2, "城关小学", "", "", "", "")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := roster.Read(tt.file, bytes.NewReader(tt.data))
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestReadRefuses(t *testing.T) {
	long := strings.Repeat("校", 201)
	xlsx := workbook(t, sheet{"Sheet1", [][]any{cells("学校名称,乡镇"), cells("城关小学,城关镇")}})
	tests := []struct {
		name string
		file string
		data []byte
		want string
	}{
		{"EmptyName", "schools.csv", []byte("序号,学校名称,乡镇\n1,城关小学,城关镇\n2,,城关镇\n"),
			"schools.csv:3: 学校名称 is empty"},
		{"EmptyNameStarred", "schools.csv", []byte("*学校名称,乡镇\n\u3000,城关镇\n"),
			"schools.csv:2: *学校名称 is empty"},
		{"NoNameColumn", "schools.csv", []byte("序号,单位,乡镇,\"联系\n人\"\n1,城关小学,城关镇,张三\n"),
			"schools.csv:1: no school name column; the header has 序号, 单位, 乡镇 and 联系 人; " +
				"the name column must be headed 学校名称, 学校, 校名, 单位名称, name, school or school name"},
		{"TitleRow", "schools.csv", []byte("2026年全县学校党组织名单,,\n学校名称,乡镇\n城关小学,城关镇\n"),
			"schools.csv:1: no school name column; the header has 2026年全县学校党组织名单; " +
				"the name column must be headed 学校名称, 学校, 校名, 单位名称, name, school or school name " +
				"(if line 1 is a title, delete it: the header must be the first row)"},
		{"TwoNameColumns", "schools.csv", []byte("学校名称,乡镇,学校\n城关小学,城关镇,城关小学\n"),
			"schools.csv:1: both 学校名称 and 学校 are the school name column; keep one"},
		{"Empty", "schools.csv", nil, "schools.csv: the file is empty"},
		{"OnlyBlankLines", "schools.csv", []byte("\r\n \n,,\n\u3000\n"), "schools.csv: the file is empty"},
		{"OnlyBOM", "schools.csv", withBOM(""), "schools.csv: the file is empty"},
		{"OnlyHeader", "schools.csv", []byte("学校名称,乡镇\n"), "schools.csv:1: only a header, no schools below it"},
		{"OnlyHeaderAndBlankRows", "schools.csv", []byte("\n学校名称,乡镇\n,\n\n"), "schools.csv:2: only a header, no schools below it"},
		{"SameSchoolTwice", "schools.csv", []byte("学校名称,乡镇\n城关小学,城关镇\n南街小学,城关镇\n 城关小学,城关镇\u3000\n"),
			"schools.csv:4: 城关小学 (城关镇) is already on line 2"},
		{"SameSchoolNoTownship", "schools.csv", []byte("学校名称\n城关小学\n城关 小学\n"),
			"schools.csv:3: 城关 小学 is already on line 2"},
		{"SameSchoolOtherWidth", "schools.csv", []byte("学校名称,乡镇\n城关小学（分校）,城关镇\n城关小学(分校),城关镇\n"),
			"schools.csv:3: 城关小学(分校) (城关镇) is already on line 2"},
		{"SameID", "schools.csv", []byte("编号,学校名称\nS01,城关小学\nS01,南街小学\n"),
			"schools.csv:3: 编号 S01 is already on line 2"},
		{"HugeCell", "schools.csv", []byte("学校名称,乡镇\n城关小学," + long + "\n"),
			"schools.csv:2: 乡镇 is 201 characters long; at most 200 are allowed"},
		{"ControlCharacter", "schools.csv", []byte("学校名称,联系电话\n城关小学,138\a0000\n"),
			"schools.csv:2: 联系电话 has a control character (U+0007); only text is allowed"},
		{"LineBreakInCell", "schools.csv", []byte("学校名称,乡镇\n\"城关\n小学\",城关镇\n"),
			"schools.csv:2: 学校名称 has a line break in its cell; put it on one line"},
		{"ReplacementCharacter", "schools.csv", []byte("学校名称\n城关\uFFFD小学\n"),
			"schools.csv:2: 学校名称 has an unreadable character (U+FFFD); was the file saved in another encoding?"},
		{"BareQuote", "schools.csv", []byte("学校名称,乡镇\n城关\"小学\",城关镇\n"),
			`schools.csv:2: a " is inside a cell that does not start with one; put the whole cell in quotes and write "" for each " in it`},
		{"UnclosedQuote", "schools.csv", []byte("学校名称,乡镇\n城关小学,城关镇\n\"南街小学,城关镇\n西街小学,城关镇\n"),
			`schools.csv:3: a cell in quotes is not closed, or has text after its closing "`},
		{"NUL", "schools.csv", []byte("学校名称\n城关小学\n\x00\n"),
			`schools.csv:3: the file has NUL characters, so it is not a text file; save the list from Excel as "CSV UTF-8" or as a workbook (.xlsx)`},
		{"UTF16WithoutBOM", "schools.csv", utf16(t, plain)[2:],
			`schools.csv:1: the file has NUL characters, so it is not a text file; save the list from Excel as "CSV UTF-8" or as a workbook (.xlsx)`},
		{"NeitherUTF8NorGB18030", "schools.csv", append(gb18030(t, "学校名称\n城关小学\n"), 0xFF, 0x30, '\n'),
			`schools.csv:3: this is not text in UTF-8 or GB18030; save the list from Excel as "CSV UTF-8" or as a workbook (.xlsx)`},
		{"DamagedUTF8", "schools.csv", []byte("学校名称,乡镇\n城关小学,城关镇\n南街\xE5\xB0学,城关镇\n"),
			`schools.csv:3: the text is not valid UTF-8 here (a damaged character?); save the list from Excel again as "CSV UTF-8"`},
		{"DamagedUTF8AfterBOM", "schools.csv", withBOM("学校名称\n\xff\n"),
			`schools.csv:2: the text is not valid UTF-8 here (a damaged character?); save the list from Excel again as "CSV UTF-8"`},
		{"WorkbookNamedCSV", "schools.csv", xlsx,
			"schools.csv: this is an Excel workbook, not a CSV file; rename it to .xlsx"},
		{"OldExcel", "schools.xls", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...),
			`schools.xls: this is an Excel 97-2003 (.xls) or password-protected workbook; save it in Excel as a workbook (.xlsx) without a password, or as "CSV UTF-8"`},
		{"GarbageNamedXLSX", "schools.xlsx", []byte("学校名称,乡镇\n城关小学,城关镇\n"),
			"schools.xlsx: not a readable Excel workbook (.xlsx): the file is damaged or incomplete, or not a workbook at all"},
		{"TruncatedXLSX", "schools.xlsx", xlsx[:len(xlsx)/2],
			"schools.xlsx: not a readable Excel workbook (.xlsx): the file is damaged or incomplete, or not a workbook at all"},
		{"ZipNotWorkbook", "schools.xlsx", zipOf(t, "hello", 5, "readme.txt"),
			"schools.xlsx: this is a zip archive, not an Excel workbook (.xlsx)"},
		{"DamagedWorkbook", "schools.xlsx", zipOf(t, "<workbook", 9, "xl/workbook.xml"),
			"schools.xlsx: cannot read the workbook, it may be damaged: EOF"},
		{"ZipLyingAboutItsSize", "schools.xlsx", zipOf(t, strings.Repeat("<", 1<<20), 9, "xl/workbook.xml"),
			"schools.xlsx: the workbook is damaged (xl/workbook.xml cannot be read whole), so none of it was read; " +
				"open it in Excel or WPS, save it as a new .xlsx file and import that: zip: not a valid zip file"},
		{"ZipBomb", "schools.xlsx", zipOf(t, "<", 1<<40, "xl/worksheets/sheet1.xml"),
			"schools.xlsx: the workbook unpacks to more than 50 MiB; a school list is far smaller, is it the right file?"},
		{"XLSXEmptyName", "schools.xlsx",
			workbook(t, sheet{"Sheet1", [][]any{cells("学校名称,乡镇"), cells("城关小学,城关镇"), {"", "城关镇"}}}),
			"schools.xlsx: row 3: 学校名称 is empty"},
		{"XLSXSameSchoolTwice", "schools.xlsx",
			workbook(t, sheet{"Sheet1", [][]any{nil, cells("学校名称,乡镇"), cells("城关小学,城关镇"), nil, cells("城关小学,城关镇")}}),
			"schools.xlsx: row 5: 城关小学 (城关镇) is already on row 3"},
		{"XLSXSheetNamed", "schools.xlsx",
			workbook(t, sheet{"说明", nil}, sheet{"名单", [][]any{cells("学校名称,乡镇"), cells(",城关镇")}}),
			"schools.xlsx: sheet 名单, row 2: 学校名称 is empty"},
		{"XLSXNoHeader", "schools.xlsx",
			workbook(t, sheet{"Sheet1", nil}, sheet{"说明", [][]any{nil, cells("序号,单位,乡镇")}}, sheet{"名单", [][]any{cells("单位")}}),
			"schools.xlsx: sheet 说明, row 2: no school name column; the header has 序号, 单位 and 乡镇; " +
				"the name column must be headed 学校名称, 学校, 校名, 单位名称, name, school or school name"},
		{"XLSXEmpty", "schools.xlsx", workbook(t, sheet{"Sheet1", nil}), "schools.xlsx: the workbook is empty"},
		{"XLSXOnlyHeader", "schools.xlsx", workbook(t, sheet{"Sheet1", [][]any{nil, nil, cells("学校名称")}}),
			"schools.xlsx: row 3: only a header, no schools below it"},
		{"XLSXHugeCell", "schools.xlsx", workbook(t, sheet{"Sheet1", [][]any{cells("学校名称"), {long}}}),
			"schools.xlsx: row 2: 学校名称 is 201 characters long; at most 200 are allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { wantError(t, tt.file, tt.data, tt.want) })
	}
}

// A bad row anywhere refuses the whole list, naming that row.
func TestReadBadRowAnywhere(t *testing.T) {
	for _, bad := range []int{1, 2, 49, 50, 60} {
		lines := strings.Split(strings.TrimSuffix(schoolsCSV(60), "\n"), "\n")
		lines[bad] = fmt.Sprintf("%d,,乡镇01,小学,,", bad)
		data := strings.Join(lines, "\n") + "\n"
		want := fmt.Sprintf("%d: 学校名称 is empty", bad+1)
		t.Run(fmt.Sprintf("CSVLine%d", bad+1), func(t *testing.T) {
			wantError(t, "schools.csv", []byte(data), "schools.csv:"+want)
		})
		t.Run(fmt.Sprintf("XLSXRow%d", bad+1), func(t *testing.T) {
			wb := make([][]any, len(lines))
			for i, l := range lines {
				wb[i] = cells(l)
			}
			wantError(t, "schools.xlsx", workbook(t, sheet{"Sheet1", wb}), "schools.xlsx: row "+want)
		})
	}
}

func TestReadLimits(t *testing.T) {
	t.Run("FileTooLarge", func(t *testing.T) {
		data := append([]byte("学校名称\n"), bytes.Repeat([]byte("城关小学\n"), 20<<20/13+1)...)
		wantError(t, "schools.csv", data,
			"schools.csv: the file is larger than 20 MiB; a school list is far smaller, is it the right file?")
	})
	t.Run("TooManySchools", func(t *testing.T) {
		wantError(t, "schools.csv", []byte(schoolsCSV(20001)),
			"schools.csv:20002: more than 20000 schools; a county's list is far shorter, is it the right file?")
	})
	t.Run("AsManySchoolsAsAllowed", func(t *testing.T) {
		rows, err := roster.Read("schools.csv", strings.NewReader(schoolsCSV(20000)))
		if err != nil || len(rows) != 20000 {
			t.Fatalf("got %d rows, %v", len(rows), err)
		}
	})
	t.Run("XLSXTooManySchools", func(t *testing.T) {
		wantError(t, "schools.xlsx", schoolsXLSX(t, 20001),
			"schools.xlsx: row 20002: more than 20000 schools; a county's list is far shorter, is it the right file?")
	})
}

// errReader fails the way a broken disk or network does.
type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("input/output error") }

func TestReadIOError(t *testing.T) {
	rows, err := roster.Read("schools.csv", errReader{})
	checkError(t, "schools.csv", rows, err)
	if want := "schools.csv: cannot read the file: input/output error"; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	if errors.Is(err, checklist.ErrInvalid) {
		t.Errorf("an I/O error is not a problem with the list: %v", err)
	}
}

// An error keeps the cause it was found by, for the log.
func TestReadWrapsCause(t *testing.T) {
	tests := []struct {
		name string
		file string
		data []byte
		want error
	}{
		{"BareQuote", "schools.csv", []byte("学校名称\n城关\"小学\n"), csv.ErrBareQuote},
		{"UnclosedQuote", "schools.csv", []byte("学校名称\n\"城关小学\n"), csv.ErrQuote},
		{"NotZip", "schools.xlsx", []byte("学校名称\n"), zip.ErrFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := roster.Read(tt.file, bytes.NewReader(tt.data))
			if !errors.Is(err, tt.want) || !errors.Is(err, checklist.ErrInvalid) {
				t.Errorf("%v does not wrap %v and checklist.ErrInvalid", err, tt.want)
			}
		})
	}
}
