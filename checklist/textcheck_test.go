package checklist_test

import (
	"errors"
	"strings"
	"testing"

	"branchcheck/checklist"
)

func TestCheckText(t *testing.T) {
	f := checklist.TextSchoolName
	tests := []struct {
		name   string
		s      string
		note   bool
		wantEN string // "" when accepted
	}{
		{"plain Chinese", "城关镇第一小学", false, ""},
		{"full-width and spaces", "城关小学（分校） 二部", false, ""},
		{"empty", "", false, ""},
		{"newline", "城关\n小学", false, "school name must be one line, without line breaks"},
		{"tab", "城关\t小学", false, "school name holds the control character U+0009"},
		{"escape", "\x1b]52;c;aGk=\a", false, "school name holds the control character U+001B"},
		{"NUL", "a\x00b", false, "school name holds the control character U+0000"},
		{"DEL", "a\x7fb", false, "school name holds the control character U+007F"},
		{"C1", "a\u0085b", false, "school name holds the control character U+0085"},
		{"RLO", "a\u202eb", false, "school name holds the direction control U+202E"},
		{"isolate", "a\u2066b", false, "school name holds the direction control U+2066"},
		{"bad UTF-8", "a\xffb", false, "school name is not valid UTF-8 text"},
		{"too long", strings.Repeat("校", checklist.MaxLine+1), false, "school name is too long: 201 characters, at most 200"},
		{"at the limit", strings.Repeat("校", checklist.MaxLine), false, ""},
		{"note with lines", "第一行\n\t第二行\r\n", true, ""},
		{"note with escape", "第一行\x1b[2J", true, "school name holds the control character U+001B"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			if tt.note {
				err = checklist.CheckNote(f, tt.s, checklist.MaxNote)
			} else {
				err = checklist.CheckLine(f, tt.s, checklist.MaxLine)
			}
			switch {
			case tt.wantEN == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tt.wantEN != "" && err == nil:
				t.Errorf("accepted, want %q", tt.wantEN)
			case err != nil && err.Error() != tt.wantEN:
				t.Errorf("got %q, want %q", err, tt.wantEN)
			case err != nil && !errors.Is(err, checklist.ErrInvalid):
				t.Errorf("%v is not ErrInvalid", err)
			}
		})
	}
}
