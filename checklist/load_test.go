package checklist_test

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"branchcheck/checklist"
)

// A standard saved by Notepad as UTF-8 starts with a byte order mark; it
// reads as the same standard.
func TestParseStandardBOM(t *testing.T) {
	want, err := checklist.ParseStandard("std.yaml", []byte(minimal))
	if err != nil {
		t.Fatal(err)
	}
	got, err := checklist.ParseStandard("std-bom.yaml", append([]byte("\xEF\xBB\xBF"), minimal...))
	if err != nil {
		t.Fatalf("a file with a BOM is refused: %v", err)
	}
	if got.ID != want.ID || got.Title != want.Title || len(got.Items()) != len(want.Items()) {
		t.Errorf("read as %+v, want %+v", got, want)
	}
}

// A file in another encoding than UTF-8 is refused with one line that
// says to save it as UTF-8, at the first character that is not UTF-8.
func TestParseStandardNotUTF8(t *testing.T) {
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(minimal))
	if err != nil {
		t.Fatal(err)
	}
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(minimal))
	if err != nil {
		t.Fatal(err)
	}
	line := strings.Count(minimal[:strings.IndexFunc(minimal, func(r rune) bool { return r > 127 })], "\n") + 1
	tests := []struct {
		name   string
		data   []byte
		en, zh string
	}{
		{"GBK", gbk, fmt.Sprintf("std.yaml:%d:8: the file is not UTF-8 text (saved as GBK", line), fmt.Sprintf("std.yaml:%d:8：文件不是 UTF-8 编码", line)},
		{"GBKAfterBOM", append([]byte("\xEF\xBB\xBF"), gbk...), fmt.Sprintf("std.yaml:%d:8: the file is not UTF-8", line), "另存为"},
		{"UTF16", utf16, "std.yaml:1:1: the file is UTF-16", "std.yaml:1:1：文件是 UTF-16"},
		{"NUL", []byte("format: 1\x00\n"), "std.yaml:1:10: the file is not UTF-8", "UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := checklist.ParseStandard("std.yaml", tt.data)
			wantBilingual(t, err, tt.en, tt.zh)
		})
	}
}

// wantBilingual asserts that err is a one-line *checklist.Error of kind
// ErrInvalid whose English starts with en and whose Chinese holds zh.
func wantBilingual(t *testing.T, err error, en, zh string) {
	t.Helper()
	var ce *checklist.Error
	if !errors.As(err, &ce) {
		t.Fatalf("error %T %v is not a *checklist.Error", err, err)
	}
	if !errors.Is(err, checklist.ErrInvalid) {
		t.Errorf("%v is not ErrInvalid", err)
	}
	if got := ce.Error(); !strings.HasPrefix(got, en) || strings.Contains(got, "\n") {
		t.Errorf("English\n got %s\nwant %s…", got, en)
	}
	if got := ce.Say(true, func(e error) string { return e.Error() }); !strings.Contains(got, zh) || strings.Contains(got, "\n") {
		t.Errorf("Chinese\n got %s\nwant …%s…", got, zh)
	}
}

// hostile are standard files built to exhaust memory, each within the size
// limit, with where they are refused (line:col) and why; "" is a file the
// bounds let through to the parser.
func hostile() []struct{ name, src, at, why string } {
	const size = checklist.MaxStandardFileSize
	fill := func(prefix, unit, suffix string) string {
		n := (size - len(prefix) - len(suffix)) / len(unit)
		return prefix + strings.Repeat(unit, n) + suffix
	}
	nested := func(n int) string { return "id: " + strings.Repeat("[", n) + strings.Repeat("]", n) + "\n" }
	var indented strings.Builder
	for i := 0; indented.Len() < size-2000; i++ {
		indented.WriteString(strings.Repeat(" ", i) + "a:\n")
	}
	items := func(n int) string {
		var b strings.Builder
		b.WriteString("format: 1\nid: big\nrequirements:\n  - id: \"1\"\n    title: 一\n    items:\n")
		for i := range n {
			fmt.Fprintf(&b, "      - {id: \"1.%d\", text: 有党建工作制度, en: \"A written set of rules for party work\"}\n", i)
		}
		return b.String()
	}
	var keys, wide strings.Builder
	for i := range 80 {
		fmt.Fprintf(&keys, "p%d:\n", i)
		for j := range 80 {
			fmt.Fprintf(&keys, "  k%d: 1\n", j)
		}
	}
	for i := range 2000 {
		fmt.Fprintf(&wide, ", x%d: 1", i)
	}
	return []struct{ name, src, at, why string }{
		{"Nested20000", nested(20000), "1:36:", "nested more than 32 deep"},
		{"Nested100000", nested(100000), "1:36:", "nested more than 32 deep"},
		{"OpenBrackets", fill("id: ", "[", ""), "1:36:", "nested more than 32 deep"},
		{"NestedMappings", fill("id: ", "{a: ", ""), "1:129:", "nested more than 32 deep"},
		{"NestedDashes", fill("", "- ", "x\n"), "1:65:", "nested more than 32 deep"},
		{"Indented", indented.String(), "33:33:", "nested more than 32 deep"},
		{"FlatList", fill("id: [", "1,", "1]\n"), "1:20003:", "more than 20000 keys, values"},
		{"Keys", fill("", "a: 1\n", ""), "101:2:", "a mapping has more than 100 keys"},
		{"Comments", fill("", "#\n", ""), "20001:1:", "more than 20000 keys, values"},
		{"Items", items(size / 100), "1434:22:", "more than 20000 keys, values"},
		// Just within the bounds: these reach the parser.
		{"FlatListWithin", "id: [" + strings.Repeat("1,", 9990) + "1]\n", "1:5:", "an id must be a single value"},
		{"KeysWithin", keys.String(), "", "unknown field \"p"},
		{"KeysOfAnItem", strings.TrimSuffix(items(1), "}\n") + wide.String() + "}\n", "7:", "unknown field \"x"},
		{"ItemsWithin", items(1400), "1:1:", "the standard needs a title"},
		{"LongText", fill("format: 1\nid: x\ntitle: ", "党", "\n"), "", ""},
		{"LongComment", fill("# ", "党", "\nformat: 1\n"), "", ""},
		{"Alias", "format: 1\nid: &i x\ntitle: *i\n", "3:8:", "may not use aliases"},
	}
}

// Every hostile file is refused before the YAML library builds it, with
// FILE:LINE:COL, and no file within the size limit takes 64 MiB to read.
func TestParseStandardBounded(t *testing.T) {
	for _, tt := range hostile() {
		t.Run(tt.name, func(t *testing.T) {
			if len(tt.src) > checklist.MaxStandardFileSize {
				t.Fatalf("the file is %d bytes, over the limit", len(tt.src))
			}
			var err error
			alloc := allocated(func() { _, err = checklist.ParseStandard("bomb.yaml", []byte(tt.src)) })
			t.Logf("%d bytes: %.1f MiB allocated; %v", len(tt.src), float64(alloc)/(1<<20), err)
			if alloc > 64<<20 {
				t.Errorf("allocated %.0f MiB, want under 64", float64(alloc)/(1<<20))
			}
			if tt.why == "" {
				return
			}
			if err == nil {
				t.Fatal("accepted")
			}
			if !strings.HasPrefix(err.Error(), "bomb.yaml:"+tt.at) || !strings.Contains(err.Error(), tt.why) {
				t.Errorf("got %v\nwant bomb.yaml:%s…%s…", err, tt.at, tt.why)
			}
			var ce *checklist.Error
			if mine := !strings.Contains(tt.name, "Within") && !strings.HasPrefix(tt.name, "Long") && tt.name != "KeysOfAnItem"; mine && (!errors.As(err, &ce) || !errors.Is(err, checklist.ErrInvalid)) {
				t.Errorf("%v is not a *checklist.Error of kind ErrInvalid", err)
			}
		})
	}
}

// allocated is what f allocates on the heap, in bytes: an upper bound of
// the memory it holds at any one time.
func allocated(f func()) uint64 {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}
