package checklist_test

import (
	"strings"
	"testing"

	"branchcheck/checklist"
)

// FuzzParseStandard: any bytes give a standard or a one-line error naming
// the file, never a panic; a standard that parses also validates.
func FuzzParseStandard(f *testing.F) {
	f.Add([]byte(minimal))
	f.Add(checklist.DefaultStandardFile())
	f.Add([]byte("format: 1\nid: [\n"))
	f.Add([]byte("format: 1\nid: x\nstars: {levels: [{stars: 2, min_points: 1e309}]}\n"))
	f.Add(append([]byte("\xEF\xBB\xBF"), minimal...))
	f.Add([]byte("format: 1\ntitle: \xb2\xe2\xca\xd4\n"))
	f.Add([]byte("id: " + strings.Repeat("[", 40) + strings.Repeat("]", 40) + "\n"))
	f.Add([]byte("format: 1\nid: &i x\ntitle: *i\nnote: |\n  - [a\n  b: {\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		std, err := checklist.ParseStandard("f.yaml", data)
		if err != nil {
			if msg := err.Error(); !strings.HasPrefix(msg, "f.yaml:") || strings.Contains(msg, "\n") {
				t.Fatalf("error not one line naming the file: %q", msg)
			}
			return
		}
		if err := std.Validate(); err != nil {
			t.Fatalf("parsed standard does not validate: %v", err)
		}
		checklist.ScoreAnswers(std, nil)
	})
}
