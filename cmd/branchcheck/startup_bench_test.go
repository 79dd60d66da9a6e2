package main

import (
	"io"
	"strings"
	"testing"
	"time"
)

// BenchmarkStartup is what every run of the command line costs before
// its command: building the parser with its help in the language, and
// parsing (--version, which does nothing else). The tests run the
// program hundreds of times, under -race ten times slower.
func BenchmarkStartup(b *testing.B) {
	env := environment{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard,
		getenv: func(string) string { return "" }, now: time.Now}
	for b.Loop() {
		if code := run([]string{"--version"}, env); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}
