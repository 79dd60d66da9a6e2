package roster

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"branchcheck/checklist"
)

// readCSV reads a school list saved as CSV (or as Excel's Unicode text).
func readCSV(name string, data []byte, opts Options) (*List, error) {
	list := &List{}
	var text string
	var err error
	if opts.Encoding != "" {
		text, list.Encoding, err = decodeAs(name, data, opts.Encoding)
	} else {
		text, list.Encoding, err = decodeText(name, data)
		list.Guessed = list.Encoding == encGB18030
	}
	if err != nil {
		return nil, err
	}
	at := place{file: name}
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = delimiter(text)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	var t *table
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(name, err)
		}
		line, _ := cr.FieldPos(0)
		switch {
		case t != nil:
			err = t.add(line, rec)
		case !blankRow(rec):
			t, err = newTable(at, line, rec)
		}
		if err != nil {
			return nil, err
		}
	}
	if t == nil {
		return nil, fileErrorf(name, checklist.Text{ZH: "文件是空的", EN: "the file is empty"})
	}
	return t.list(list)
}

// The encodings decodeText recognises, by their WHATWG names.
const (
	encUTF8    = "UTF-8"
	encUTF16   = "UTF-16"
	encGB18030 = "GB18030"
)

// decodeAs decodes a CSV file in the encoding given, by any WHATWG name
// or label, and returns its text and the encoding's name.
func decodeAs(name string, data []byte, label string) (string, string, error) {
	enc, err := htmlindex.Get(label)
	if err != nil {
		return "", "", checklist.Errorf(checklist.ErrInvalid, checklist.Text{
			ZH: "%s：不认识的编码“%s”；可用 utf-8、gb18030、big5、shift_jis、windows-1252 等",
			EN: "%s: unknown encoding %q; use one such as utf-8, gb18030, big5, shift_jis or windows-1252",
		}, name, label)
	}
	canonical, err := htmlindex.Name(enc)
	if err != nil {
		canonical = label
	}
	if bytes.HasPrefix(data, zipMagic) || bytes.HasPrefix(data, oleMagic) {
		_, _, err := decodeText(name, data)
		return "", "", err
	}
	b, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", checklist.Errorf(checklist.ErrInvalid, checklist.Text{
			ZH: "%s：不能按 %s 编码读取", EN: "%s: cannot read the file as %s"}, name, canonical).Because(err)
	}
	text, err := checkText(name, b)
	return text, canonical, err
}

// utf8BOM is the byte order mark Excel writes at the start of "CSV UTF-8".
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// decodeText returns a CSV file's text as UTF-8 with "\n" or "\r\n" line
// ends, and the encoding it was read in. It reads UTF-8, with or without
// a byte order mark, UTF-16 with a byte order mark, and, failing UTF-8,
// GB18030 if the text is likely Chinese.
func decodeText(name string, data []byte) (string, string, error) {
	enc := encUTF8
	switch {
	case bytes.HasPrefix(data, zipMagic):
		return "", "", fileErrorf(name, checklist.Text{ZH: "这是 Excel 工作簿，不是 CSV 文件；请把扩展名改为 .xlsx", EN: "this is an Excel workbook, not a CSV file; rename it to .xlsx"})
	case bytes.HasPrefix(data, oleMagic):
		return "", "", errOLE(name)
	case bytes.HasPrefix(data, utf8BOM):
		data = data[len(utf8BOM):]
		if !utf8.Valid(data) {
			return "", "", errDamagedUTF8(name, data)
		}
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder().Bytes(data)
		if err != nil {
			return "", "", fileErrorf(name, checklist.Text{ZH: "不能按 UTF-16 编码读取这个文件%.0v", EN: "cannot read the file as UTF-16 text: %v"}, err).Wrapping(err)
		}
		data, enc = b, encUTF16
	case bytes.IndexByte(data, 0) >= 0:
		// Checked before guessing GB18030, where a NUL is not an error:
		// no text has one, but UTF-16 without a byte order mark does.
		return "", "", errNUL(name, data)
	case !utf8.Valid(data):
		if mostlyUTF8(data) {
			return "", "", errDamagedUTF8(name, data)
		}
		b, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if i := bytes.IndexRune(b, utf8.RuneError); err != nil || i >= 0 {
			return "", "", place{file: name}.errorf(lineAt(b, i), checklist.Text{
				ZH: "这不是 UTF-8 或 GB18030 编码的文字；请在 Excel 中把名单另存为“CSV UTF-8”或 Excel 工作簿（.xlsx）",
				EN: "this is not text in UTF-8 or GB18030; save the list from Excel as \"CSV UTF-8\" or as a workbook (.xlsx)"})
		}
		if i := unlikelyChinese(data); i >= 0 {
			return "", "", checklist.Errorf(checklist.ErrInvalid, checklist.Text{
				ZH: "%s:%d：这不像 GB18030（GBK）编码的中文，可能是 Latin-1、Shift-JIS 等其他编码；请在 Excel 中把名单另存为“CSV UTF-8”，或指明文件的编码（--encoding）",
				EN: "%s:%d: this does not look like Chinese text in GB18030 (GBK): is it Latin-1, Shift-JIS or another encoding? Save the list from Excel as \"CSV UTF-8\", or give its encoding (--encoding)",
			}, name, lineAt(data, i))
		}
		data, enc = b, encGB18030
	}
	text, err := checkText(name, data)
	return text, enc, err
}

// checkText refuses decoded text with a NUL and gives it "\n" line ends
// if it has only "\r" ones.
func checkText(name string, data []byte) (string, error) {
	if bytes.IndexByte(data, 0) >= 0 {
		return "", errNUL(name, data)
	}
	text := string(data)
	if !strings.Contains(text, "\n") {
		// Old Mac line ends: "\r" alone.
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	return text, nil
}

// unlikelyChinese tells GB18030 text from text in another encoding that
// GB18030 happens to decode, and returns the offset of the first
// character that tells, or -1 for text that is likely Chinese. Chinese
// text is almost all in GB2312, GB18030's first two-byte block (both
// bytes 0xA1 to 0xFE: the common characters and punctuation); Latin-1
// letters (é, ü: one byte before ASCII) and Shift-JIS kana and kanji
// (lead bytes 0x81 to 0x9F) fall outside it, into rare characters. A
// quarter of the characters outside GB2312, two at least, is not Chinese.
func unlikelyChinese(data []byte) int {
	total, rare, first := 0, 0, -1
	for i := 0; i < len(data); {
		c := data[i]
		if c < 0x80 {
			i++
			continue
		}
		size := 2
		if i+1 < len(data) && data[i+1] >= '0' && data[i+1] <= '9' {
			size = 4
		}
		total++
		if c < 0xA1 || c > 0xF7 || i+1 >= len(data) || data[i+1] < 0xA1 || data[i+1] == 0xFF || size == 4 {
			rare++
			if first < 0 {
				first = i
			}
		}
		i += size
	}
	if rare >= 2 && rare*4 > total {
		return first
	}
	return -1
}

// mostlyUTF8 tells a UTF-8 file with a damaged character from GB18030 text,
// which is almost never valid UTF-8 for long: it has several times more
// valid multi-byte UTF-8 characters than invalid bytes.
func mostlyUTF8(data []byte) bool {
	valid, invalid := 0, 0
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		switch {
		case r == utf8.RuneError && size == 1:
			invalid++
		case size > 1:
			valid++
		}
		data = data[size:]
	}
	return valid >= 4*invalid
}

func errDamagedUTF8(name string, data []byte) error {
	i := 0
	for i < len(data) {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			break
		}
		i += size
	}
	return place{file: name}.errorf(lineAt(data, i), checklist.Text{
		ZH: "这里的文字不是有效的 UTF-8（有损坏的字符？）；请在 Excel 中把名单重新另存为“CSV UTF-8”",
		EN: "the text is not valid UTF-8 here (a damaged character?); save the list from Excel again as \"CSV UTF-8\""})
}

func errNUL(name string, data []byte) error {
	return place{file: name}.errorf(lineAt(data, bytes.IndexByte(data, 0)), checklist.Text{
		ZH: "文件里有 NUL 字符，不是文本文件；请在 Excel 中把名单另存为“CSV UTF-8”或 Excel 工作簿（.xlsx）",
		EN: "the file has NUL characters, so it is not a text file; save the list from Excel as \"CSV UTF-8\" or as a workbook (.xlsx)"})
}

// errOLE refuses an Excel 97-2003 workbook. No maintained Go library
// reads the .xls format well (extrame/xls and its forks are unmaintained
// and misread dates and numbers), and Excel and WPS both save a workbook
// as .xlsx in two clicks, so the person is told how.
func errOLE(name string) error {
	return checklist.Errorf(checklist.ErrInvalid, checklist.Text{
		ZH: "%s：这是 Excel 97-2003 工作簿（.xls）或加了密码的工作簿，不能直接导入；请在 Excel 或 WPS 中打开它，“另存为”Excel 工作簿（.xlsx，不设密码）或“CSV UTF-8”，再导入",
		EN: "%s: this is an Excel 97-2003 (.xls) or password-protected workbook; save it in Excel as a workbook (.xlsx) without a password, or as \"CSV UTF-8\"",
	}, name)
}

// lineAt returns the line of byte i of text, counted from 1.
func lineAt(text []byte, i int) int {
	if i < 0 || i > len(text) {
		i = len(text)
	}
	return bytes.Count(text[:i], []byte("\n")) + 1
}

// delimiter returns what separates cells: a comma, unless the header (the
// first line with anything in it) has more semicolons or tabs than commas.
func delimiter(text string) rune {
	for text != "" {
		var line string
		line, text, _ = strings.Cut(text, "\n")
		counts := map[rune]int{}
		quoted, blank := false, true
		for _, r := range line {
			switch {
			case r == '"':
				quoted = !quoted
			case !quoted && (r == ',' || r == ';' || r == '\t'):
				counts[r]++
			case !isBlank(r):
				blank = false
			}
		}
		if blank {
			continue
		}
		best := ','
		for _, r := range []rune{';', '\t'} {
			if counts[r] > counts[best] {
				best = r
			}
		}
		return best
	}
	return ','
}

// csvError rewords an error of encoding/csv for the person who saved the
// file.
func csvError(name string, err error) error {
	at := place{file: name}
	var pe *csv.ParseError
	switch {
	case !errors.As(err, &pe):
		return fileErrorf(name, checklist.Text{ZH: "%v", EN: "%v"}, err).Wrapping(err)
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return at.errorf(pe.Line, checklist.Text{
			ZH: `单元格中间有 "，而这个单元格不是以 " 开头的；请给整个单元格加上引号，并把其中的每个 " 写成 ""`,
			EN: `a " is inside a cell that does not start with one; put the whole cell in quotes and write "" for each " in it`}).Wrapping(err)
	case errors.Is(pe.Err, csv.ErrQuote):
		return at.errorf(pe.StartLine, checklist.Text{
			ZH: `带引号的单元格没有结束，或者结尾的 " 后面还有文字`,
			EN: `a cell in quotes is not closed, or has text after its closing "`}).Wrapping(err)
	case errors.Is(pe.Err, csv.ErrFieldCount):
		return at.errorf(pe.Line, checklist.Text{ZH: "这一行的单元格数和上面的行不同%.0v", EN: "%v"}, pe.Err).Wrapping(err)
	}
	return at.errorf(pe.Line, checklist.Text{ZH: "CSV 格式有误%.0v", EN: "%v"}, pe.Err).Wrapping(err)
}
