package termtext

import (
	"io"
	"unicode/utf8"
)

// Writer passes text on to a terminal as Block does: line breaks and tabs
// as they are, every other control or invisible format character as a
// visible escape. For data (CSV, HTML, JSON) written to standard output
// when that is a terminal: a control character still stored in an old
// database is then seen, never obeyed. Text may arrive in pieces of any
// size: a character cut between two writes is held until it is whole.
type Writer struct {
	w    io.Writer
	tail []byte // the start of a character cut at the end of the last write
}

// NewWriter returns a Writer that writes to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Write writes p made safe. It reports len(p) once everything whole in
// it is written; the start of a character cut at its end waits for the
// next write (or Flush).
func (sw *Writer) Write(p []byte) (int, error) {
	buf := append(sw.tail, p...)
	sw.tail = nil
	end := len(buf)
	// Hold back an incomplete character at the end (at most 3 bytes).
	for i := len(buf) - 1; i >= 0 && i >= len(buf)-utf8.UTFMax+1; i-- {
		if utf8.RuneStart(buf[i]) {
			if !utf8.FullRune(buf[i:]) {
				end = i
			}
			break
		}
	}
	if end > 0 && end == len(buf) && buf[end-1] == '\r' {
		end-- // a CR waits for the LF that may follow it (Block drops a CR before an LF)
	}
	sw.tail = append(sw.tail, buf[end:]...)
	if _, err := io.WriteString(sw.w, Block(string(buf[:end]))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes what is held back: a CR that no LF followed, or the
// start of a character that never came whole (drawn as a replacement
// character, as Block draws invalid UTF-8).
func (sw *Writer) Flush() error {
	if len(sw.tail) == 0 {
		return nil
	}
	_, err := io.WriteString(sw.w, Block(string(sw.tail)))
	sw.tail = nil
	return err
}
