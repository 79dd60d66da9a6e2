// Package bundle reads and writes the file one inspector's database hands
// to another's: schools, standards, inspections (answers and notes
// included) and audit trails, so that a county's several inspectors can
// merge their work into one database at year end.
//
// # Format (version 1)
//
// A bundle is a gzip stream of JSON lines (UTF-8, one JSON object per
// line, "\n" after each):
//
//	{"format":"branchcheck-bundle","version":1,"created_at":...,"database_id":...,"filter":{...}}
//	{"type":"standard","data":{...checklist.Standard...}}
//	{"type":"school","data":{...checklist.School...}}
//	{"type":"inspection","data":{...checklist.Inspection...}}
//	{"type":"audit","data":{...checklist.Change...}}
//	…
//	{"type":"end","records":N,"sha256":"<hex>"}
//
// The first line is the header; the last is the trailer, which counts the
// records between them and carries the SHA-256 of every byte before the
// trailer line (header and records, newlines included), so a cut or
// altered bundle is refused whole. Records come in the order standards,
// schools, inspections, audit entries; a reader accepts any order. The
// field names of the data objects are those of the checklist types' JSON.
package bundle

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"time"

	"branchcheck/checklist"
)

// Format and Version name the format a bundle's header declares.
const (
	Format  = "branchcheck-bundle"
	Version = 1
)

// Limits bound what a reader accepts.
type Limits struct {
	MaxSize    int64 // uncompressed bytes
	MaxLine    int   // bytes in one record
	MaxRecords int
}

// DefaultLimits are what Read accepts: a county's year is a few
// megabytes, so these leave room and still refuse a file that is not a
// bundle or would exhaust memory.
func DefaultLimits() Limits {
	return Limits{MaxSize: 512 << 20, MaxLine: 8 << 20, MaxRecords: 2_000_000}
}

// ErrNotBundle and the others below tell the kinds of bad bundle apart.
var (
	ErrNotBundle   = errors.New("not a branchcheck bundle")
	ErrVersion     = errors.New("a bundle version this program does not read")
	ErrTruncated   = errors.New("the bundle is cut short")
	ErrChecksum    = errors.New("checksum mismatch: the bundle was changed or damaged")
	ErrTooLarge    = errors.New("the bundle is too large")
	ErrInvalidData = errors.New("a record is not valid")
)

// Header is the bundle's first line.
type Header struct {
	Format     string    `json:"format"`
	Version    int       `json:"version"`
	CreatedAt  time.Time `json:"created_at"`
	DatabaseID string    `json:"database_id"`
	Filter     Filter    `json:"filter"`
}

// Filter says which inspections a bundle holds.
type Filter struct {
	// Since: only inspections changed on or after this day.
	Since checklist.Date `json:"since,omitzero"`
	// Inspector: only this inspector's inspections.
	Inspector string `json:"inspector,omitempty"`
}

// Bundle is what a bundle file holds.
type Bundle struct {
	Header      Header
	Standards   []*checklist.Standard
	Schools     []checklist.School
	Inspections []*checklist.Inspection
	Audit       []checklist.Change
}

type record struct {
	Type string          `json:"type"`
	Data json.RawMessage `json:"data,omitempty"`
	// The trailer's fields.
	Records int    `json:"records,omitempty"`
	SHA256  string `json:"sha256,omitempty"`
}

// Write writes b as a bundle file.
func Write(w io.Writer, b *Bundle) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestSpeed)
	if err != nil {
		return err
	}
	sum := sha256.New()
	out := io.MultiWriter(zw, sum)
	h := b.Header
	h.Format, h.Version = Format, Version
	if err := writeLine(out, h); err != nil {
		return err
	}
	n := 0
	put := func(typ string, v any) error {
		data, err := json.Marshal(v)
		if err != nil {
			return fmt.Errorf("encode %s: %w", typ, err)
		}
		n++
		return writeLine(out, record{Type: typ, Data: data})
	}
	for _, s := range b.Standards {
		if err := put("standard", s); err != nil {
			return err
		}
	}
	for i := range b.Schools {
		if err := put("school", &b.Schools[i]); err != nil {
			return err
		}
	}
	for _, in := range b.Inspections {
		if err := put("inspection", in); err != nil {
			return err
		}
	}
	for i := range b.Audit {
		if err := put("audit", &b.Audit[i]); err != nil {
			return err
		}
	}
	if err := writeLine(zw, record{Type: "end", Records: n, SHA256: hex.EncodeToString(sum.Sum(nil))}); err != nil {
		return err
	}
	return zw.Close()
}

func writeLine(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf) // Encode ends the line with "\n"
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// Read reads and checks a whole bundle: header, every record, the count
// and the checksum. Any problem rejects the bundle whole; the error wraps
// one of the Err values above. Read does not check what the records say
// against each other; Validate does.
func Read(r io.Reader) (*Bundle, error) {
	return ReadLimited(r, DefaultLimits())
}

// ReadLimited is Read with other limits.
func ReadLimited(r io.Reader, lim Limits) (*Bundle, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w (not a gzip stream: %v)", ErrNotBundle, err)
	}
	defer zr.Close()
	lr := &limitedReader{r: zr, left: lim.MaxSize}
	sc := bufio.NewScanner(lr)
	sc.Buffer(make([]byte, 0, min(64<<10, lim.MaxLine)), lim.MaxLine)
	sc.Split(scanWholeLines)
	sum := sha256.New()
	line := 0

	next := func() ([]byte, bool) {
		if !sc.Scan() {
			return nil, false
		}
		line++
		return sc.Bytes(), true
	}
	first, ok := next()
	if !ok {
		return nil, scanError(sc, lr, lim, ErrNotBundle, "it is empty")
	}
	var b Bundle
	if err := strictJSON(first, &b.Header); err != nil || b.Header.Format != Format {
		return nil, fmt.Errorf("%w (the first line is not a bundle header)", ErrNotBundle)
	}
	if b.Header.Version != Version {
		return nil, fmt.Errorf("%w: version %d (this program reads %d)", ErrVersion, b.Header.Version, Version)
	}
	hashLine(sum, first)
	n := 0
	for {
		raw, ok := next()
		if !ok {
			return nil, scanError(sc, lr, lim, ErrTruncated, "no end record")
		}
		var rec record
		if err := strictJSON(raw, &rec); err != nil {
			return nil, fmt.Errorf("%w: line %d: %v", ErrInvalidData, line, err)
		}
		if rec.Type == "end" {
			if rec.Records != n {
				return nil, fmt.Errorf("%w: the end record counts %d records, the bundle has %d", ErrChecksum, rec.Records, n)
			}
			if got := hex.EncodeToString(sum.Sum(nil)); got != rec.SHA256 {
				return nil, fmt.Errorf("%w (sha256 %s, the bundle says %s)", ErrChecksum, short(got), short(rec.SHA256))
			}
			if _, ok := next(); ok {
				return nil, fmt.Errorf("%w: data after the end record (line %d)", ErrInvalidData, line)
			}
			if err := sc.Err(); err != nil {
				return nil, scanError(sc, lr, lim, ErrInvalidData, err.Error())
			}
			return &b, nil
		}
		hashLine(sum, raw)
		n++
		if n > lim.MaxRecords {
			return nil, fmt.Errorf("%w: more than %d records", ErrTooLarge, lim.MaxRecords)
		}
		if err := b.add(rec); err != nil {
			return nil, fmt.Errorf("%w: line %d: %v", ErrInvalidData, line, err)
		}
	}
}

func (b *Bundle) add(rec record) error {
	switch rec.Type {
	case "standard":
		var s checklist.Standard
		if err := strictJSON(rec.Data, &s); err != nil {
			return fmt.Errorf("standard: %v", err)
		}
		b.Standards = append(b.Standards, &s)
	case "school":
		var s checklist.School
		if err := strictJSON(rec.Data, &s); err != nil {
			return fmt.Errorf("school: %v", err)
		}
		b.Schools = append(b.Schools, s)
	case "inspection":
		var in checklist.Inspection
		if err := strictJSON(rec.Data, &in); err != nil {
			return fmt.Errorf("inspection: %v", err)
		}
		b.Inspections = append(b.Inspections, &in)
	case "audit":
		var c checklist.Change
		if err := strictJSON(rec.Data, &c); err != nil {
			return fmt.Errorf("audit entry: %v", err)
		}
		b.Audit = append(b.Audit, c)
	default:
		return fmt.Errorf("unknown record type %q", rec.Type)
	}
	return nil
}

// errPartialLine: the stream ends inside a line.
var errPartialLine = errors.New("the last line is cut short")

// scanWholeLines splits lines like bufio.ScanLines but refuses a last
// line without its newline: every line a writer finished ends with one.
func scanWholeLines(data []byte, atEOF bool) (int, []byte, error) {
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		return i + 1, data[:i], nil
	}
	if atEOF && len(data) > 0 {
		return 0, nil, errPartialLine
	}
	return 0, nil, nil
}

func hashLine(h hash.Hash, line []byte) {
	h.Write(line)
	h.Write([]byte{'\n'})
}

func strictJSON(data []byte, v any) error {
	if len(data) == 0 {
		return errors.New("no data")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("more than one JSON value on the line")
	}
	return nil
}

// scanError explains why reading stopped: the size limit, a damaged
// stream, or simply the end where more was expected.
func scanError(sc *bufio.Scanner, lr *limitedReader, lim Limits, kind error, what string) error {
	switch err := sc.Err(); {
	case lr.exceeded:
		return fmt.Errorf("%w: more than %d bytes uncompressed", ErrTooLarge, lim.MaxSize)
	case errors.Is(err, bufio.ErrTooLong):
		return fmt.Errorf("%w: a record longer than %d bytes", ErrTooLarge, lim.MaxLine)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("%w (the compressed stream ends early)", ErrTruncated)
	case errors.Is(err, errPartialLine):
		return fmt.Errorf("%w (%v)", ErrTruncated, err)
	case err != nil:
		return fmt.Errorf("%w (%v)", kind, err)
	}
	return fmt.Errorf("%w (%s)", kind, what)
}

func short(s string) string {
	if len(s) > 12 {
		return s[:12] + "…"
	}
	return s
}

// limitedReader fails once more than left bytes were read, and says so.
type limitedReader struct {
	r        io.Reader
	left     int64
	exceeded bool
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.left <= 0 {
		l.exceeded = true
		return 0, ErrTooLarge
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	return n, err
}
