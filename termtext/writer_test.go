package termtext_test

import (
	"strings"
	"testing"

	"branchcheck/termtext"
)

// TestWriter: text written in pieces of every size comes out as Block
// makes it: controls visible, line breaks and tabs kept, a Chinese
// character cut between two writes whole.
func TestWriter(t *testing.T) {
	in := "学校,乡镇\r\n城关\x1b]52;c;aGk=\x07小学,东河\u202e乡\n\t备注\u009b\r"
	want := termtext.Block(in)
	for size := 1; size <= len(in); size++ {
		var out strings.Builder
		w := termtext.NewWriter(&out)
		for i := 0; i < len(in); i += size {
			chunk := in[i:min(i+size, len(in))]
			if n, err := w.Write([]byte(chunk)); err != nil || n != len(chunk) {
				t.Fatalf("size %d: wrote %d of %d, %v", size, n, len(chunk), err)
			}
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		if out.String() != want {
			t.Fatalf("pieces of %d bytes: got %q, want %q", size, out.String(), want)
		}
	}
	if strings.ContainsAny(want, "\x1b\x07\u202e\u009b\r") {
		t.Errorf("Block left a control: %q", want)
	}
}
