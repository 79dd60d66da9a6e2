// Package bundle reads and writes the file one inspector's database hands
// to another's: schools, standards, inspections (answers and notes
// included), audit trails and what people decided about the problems the
// visits found (the rectifications' decisions), so that a county's
// several inspectors can merge their work into one database at year end.
//
// Both directions stream: a Writer writes record after record and a
// Reader reads them one at a time, checking each as it comes, so a bundle
// of any size is written and read in bounded memory. What only the end
// can tell (the record count and the checksum) is checked when the end
// record is read; a reader acts on nothing before that.
//
// # Format (version 4)
//
// A bundle is a gzip stream of JSON lines (UTF-8, one JSON object per
// line, "\n" after each):
//
//	{"format":"branchcheck-bundle","version":4,"created_at":...,"database_id":...,"filter":{...}}
//	{"type":"standard","data":{...checklist.Standard...}}
//	{"type":"school","data":{...checklist.School...}}
//	{"type":"inspection","data":{...checklist.Inspection...}}
//	{"type":"audit","data":{...checklist.Change...}}
//	{"type":"rectification","data":{...checklist.RectDecisions...}}
//	{"type":"self_assessment","data":{...checklist.SelfAssessment...}}
//	{"type":"veto","data":{...checklist.VetoRecord...}}
//	{"type":"year_stage","data":{...checklist.YearStage...}}
//	{"type":"year_audit","data":{"year":2027,...checklist.Change...}}
//	…
//	{"type":"end","records":N,"sha256":"<hex>"}
//
// The first line is the header; the last is the trailer, which counts the
// records between them and carries the SHA-256 of every byte before the
// trailer line (header and records, newlines included), so a cut or
// altered bundle is refused whole. The field names of the data objects
// are those of the checklist types' JSON.
//
// Records refer only backwards: an inspection's school and standard come
// before it, and an inspection's audit entries after it, all together and
// each once; a rectification's school comes before it. A writer puts the
// standards first, then the schools, then each inspection followed by its
// audit trail, and the rectifications' decisions after the inspections
// (a filtered bundle: each visit's right after its audit trail), then the
// year-end records: the self-assessments, the veto records, the years'
// stages, and the years' audit trails, each year's entries together. No
// id appears twice. One record is at most MaxRecord bytes; the stream as a
// whole has no limit (the checksum guards it).
//
// A rectification record carries what people decided about one problem a
// visit found (checklist.RectDecisions: its id VISIT/ITEM, its school, the
// decisions, their change time and version vector), for every
// rectification someone decided something about. What is derived from
// the visits (the finding, the default deadline, rechecks, closures by a
// visit, rebounds) is never carried: the importing database derives it
// again from the visits it holds. A decision whose visit is not in the
// bundle is allowed: it waits, withdrawn, for its visit.
//
// The year-end records (version 4) are a school's self-assessment for a
// year (checklist.SelfAssessment, id SCHOOL/YEAR), a veto situation
// recorded for a school and year, lifted or not (checklist.VetoRecord, id
// SCHOOL/YEAR/SITUATION), a year's stage (checklist.YearStage: 初评, 公示,
// 确定, what was named and the history of its changes) and the entries of
// a year's audit trail (YearAuditEntry), each record with its change time
// and version vector. A self-assessment's and a veto record's school and
// standard come before them (the situation must be one the standard
// lists); so do the schools a confirmed stage named. A year's audit
// entries refer to nothing: they are the year's history, merged as a set.
//
// Version 2 added to version 1 the schools' version vectors and aliases
// (checklist.School.Versions and Aliases) and the concurrent copies an
// inspection keeps (checklist.Inspection.Conflicting), and put each
// inspection's audit entries right after it. Version 3 added the
// rectification records, version 4 the year-end records. Versions 1 to 3
// are still read: they hold none of what came later, and a version 1
// bundle may repeat an audit entry, which is then read once.
package bundle

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"hash"
	"io"
	"time"

	"branchcheck/checklist"
)

// Format and Version name the format a bundle's header declares. Version
// is what Write and NewWriter write; versions 1 to Version are read.
const (
	Format  = "branchcheck-bundle"
	Version = 4
)

// MaxRecord bounds one record, in bytes of its line. A visit with every
// note at its longest is well under a megabyte; a writer refuses a record
// above this bound, so a reader accepts every bundle a writer writes.
const MaxRecord = 32 << 20

// Limits bound what a reader accepts: none of them limits the stream as a
// whole, only what a reader must hold at once.
type Limits struct {
	// MaxLine: bytes in one record's line.
	MaxLine int
	// MaxStandards: standards in one bundle; the reader keeps each to
	// check the answers against it.
	MaxStandards int
	// MaxAudit: audit entries of one inspection.
	MaxAudit int
}

// DefaultLimits are what NewReader and Read accept.
func DefaultLimits() Limits {
	return Limits{MaxLine: MaxRecord, MaxStandards: 1000, MaxAudit: 100_000}
}

// The kinds of bad bundle, for errors.Is. Every error of this package is
// a *checklist.Error of one of these kinds, worded in Chinese and English.
var (
	ErrNotBundle   = sentinel("不是 branchcheck 导入包", "not a branchcheck bundle")
	ErrVersion     = sentinel("导入包的格式版本本程序不能读", "a bundle version this program does not read")
	ErrTruncated   = sentinel("导入包不完整，被截断了", "the bundle is cut short")
	ErrChecksum    = sentinel("校验不符：导入包被改动或损坏", "checksum mismatch: the bundle was changed or damaged")
	ErrTooLarge    = sentinel("导入包中的记录太大", "the bundle is too large")
	ErrInvalidData = sentinel("导入包中有不正确的记录", "a record is not valid")
)

func sentinel(zh, en string) *checklist.Error {
	return checklist.Errorf(nil, checklist.Text{ZH: zh, EN: en})
}

func failf(kind error, t checklist.Text, args ...any) *checklist.Error {
	return checklist.Errorf(kind, t, args...)
}

// Header is the bundle's first line.
type Header struct {
	Format     string    `json:"format"`
	Version    int       `json:"version"`
	CreatedAt  time.Time `json:"created_at"`
	DatabaseID string    `json:"database_id"`
	Filter     Filter    `json:"filter"`
}

// Filter says which inspections a bundle holds, each with the decisions
// about the problems it found, and which year-end records.
type Filter struct {
	// Since: only inspections changed on or after this day, or about
	// whose problems something was decided on or after it; only the
	// year-end records changed on or after it, and the years' audit
	// entries made on or after it.
	Since checklist.Date `json:"since,omitzero"`
	// Inspector: only this inspector's inspections. The year-end records
	// are no inspector's: Inspector does not select them.
	Inspector string `json:"inspector,omitempty"`
}

// Record is one record of a bundle: exactly one of its fields is set.
type Record struct {
	Standard      *checklist.Standard
	School        *checklist.School
	Inspection    *checklist.Inspection
	Audit         *checklist.Change
	Rectification *checklist.RectDecisions
	// The year-end records (version 4).
	SelfAssessment *checklist.SelfAssessment
	Veto           *checklist.VetoRecord
	YearStage      *checklist.YearStage
	YearAudit      *YearAuditEntry
}

// Bundle is a whole bundle in memory: for small bundles and tests. Large
// ones are read with a Reader and written with a Writer.
type Bundle struct {
	Header      Header
	Standards   []*checklist.Standard
	Schools     []checklist.School
	Inspections []*checklist.Inspection
	// Audit holds the audit entries, those of one inspection together.
	Audit []checklist.Change
	// Rectifications holds the decisions about the visits' problems.
	Rectifications []checklist.RectDecisions
	// The year-end records; YearAudit holds the entries of one year
	// together.
	SelfAssessments []checklist.SelfAssessment
	Vetoes          []checklist.VetoRecord
	YearStages      []checklist.YearStage
	YearAudit       []YearAuditEntry
}

// record is a line between header and trailer, or the trailer.
type record struct {
	Type string          `json:"type"`
	Data json.RawMessage `json:"data,omitempty"`
	// The trailer's fields.
	Records int    `json:"records,omitempty"`
	SHA256  string `json:"sha256,omitempty"`
}

// The record types.
const (
	typeStandard   = "standard"
	typeSchool     = "school"
	typeInspection = "inspection"
	typeAudit      = "audit"
	typeRect       = "rectification"
	typeSelf       = "self_assessment"
	typeVeto       = "veto"
	typeStage      = "year_stage"
	typeYearAudit  = "year_audit"
	typeEnd        = "end"
)

// Writer writes a bundle record by record. Call Close to finish it: a
// bundle without its trailer is refused by every reader.
type Writer struct {
	zw  *gzip.Writer
	sum hash.Hash
	n   int
	buf bytes.Buffer
	err error
}

// NewWriter starts a bundle on w with the header h (its Format and
// Version are set here).
func NewWriter(w io.Writer, h Header) (*Writer, error) {
	zw, err := gzip.NewWriterLevel(w, gzip.BestSpeed)
	if err != nil {
		return nil, err
	}
	bw := &Writer{zw: zw, sum: sha256.New()}
	h.Format, h.Version = Format, Version
	if err := bw.line(h, true); err != nil {
		return nil, err
	}
	return bw, nil
}

// Standard writes a standard.
func (w *Writer) Standard(s *checklist.Standard) error { return w.put(typeStandard, s) }

// School writes a school.
func (w *Writer) School(s *checklist.School) error { return w.put(typeSchool, s) }

// Inspection writes an inspection; its audit entries follow it.
func (w *Writer) Inspection(in *checklist.Inspection) error { return w.put(typeInspection, in) }

// Audit writes an audit entry of the inspection written last.
func (w *Writer) Audit(c *checklist.Change) error { return w.put(typeAudit, c) }

// Rectification writes the decisions about one rectification; its school
// was written before.
func (w *Writer) Rectification(d *checklist.RectDecisions) error { return w.put(typeRect, d) }

// SelfAssessment writes a school's self-assessment for a year; its
// school and standard were written before.
func (w *Writer) SelfAssessment(sa *checklist.SelfAssessment) error { return w.put(typeSelf, sa) }

// Veto writes a veto record; its school and standard were written before.
func (w *Writer) Veto(r *checklist.VetoRecord) error { return w.put(typeVeto, r) }

// YearStage writes a year's stage; the schools it named were written
// before.
func (w *Writer) YearStage(st *checklist.YearStage) error { return w.put(typeStage, st) }

// YearAudit writes an entry of a year's audit trail, after the other
// entries of its year.
func (w *Writer) YearAudit(e *YearAuditEntry) error { return w.put(typeYearAudit, e) }

// Records is the number of records written so far.
func (w *Writer) Records() int { return w.n }

func (w *Writer) put(typ string, v any) error {
	if w.err != nil {
		return w.err
	}
	data, err := json.Marshal(v)
	if err != nil {
		w.err = failf(nil, checklist.Text{ZH: "无法写出%s记录：%v", EN: "encode %s: %v"}, typ, err)
		return w.err
	}
	w.n++
	return w.line(record{Type: typ, Data: data}, true)
}

// line writes one JSON line, counted in the checksum when sum is set.
func (w *Writer) line(v any, sum bool) error {
	if w.err != nil {
		return w.err
	}
	w.buf.Reset()
	enc := json.NewEncoder(&w.buf) // Encode ends the line with "\n"
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		w.err = err
		return err
	}
	if w.buf.Len() > MaxRecord {
		w.err = failf(ErrTooLarge, checklist.Text{ZH: "一条记录有 %d 字节，超过上限 %d", EN: "a record of %d bytes, over the limit of %d"}, w.buf.Len(), MaxRecord)
		return w.err
	}
	if sum {
		w.sum.Write(w.buf.Bytes())
	}
	if _, err := w.zw.Write(w.buf.Bytes()); err != nil {
		w.err = err
		return err
	}
	return nil
}

// Close writes the trailer and finishes the compressed stream. It does not
// close the underlying writer.
func (w *Writer) Close() error {
	if err := w.line(record{Type: typeEnd, Records: w.n, SHA256: hex.EncodeToString(w.sum.Sum(nil))}, false); err != nil {
		return err
	}
	// saycheck:internal: a mistake of the program, not of its user.
	w.err = errors.New("bundle: write after Close")
	return w.zw.Close()
}

// Write writes b as a bundle file: standards, schools, then each
// inspection followed by its audit entries, then the rectifications'
// decisions.
func Write(w io.Writer, b *Bundle) error {
	bw, err := NewWriter(w, b.Header)
	if err != nil {
		return err
	}
	for _, s := range b.Standards {
		if err := bw.Standard(s); err != nil {
			return err
		}
	}
	for i := range b.Schools {
		if err := bw.School(&b.Schools[i]); err != nil {
			return err
		}
	}
	trails := map[string][]*checklist.Change{}
	for i := range b.Audit {
		c := &b.Audit[i]
		trails[c.InspectionID] = append(trails[c.InspectionID], c)
	}
	for _, in := range b.Inspections {
		if err := bw.Inspection(in); err != nil {
			return err
		}
		for _, c := range trails[in.ID] {
			if err := bw.Audit(c); err != nil {
				return err
			}
		}
		delete(trails, in.ID)
	}
	for i := range b.Rectifications {
		if err := bw.Rectification(&b.Rectifications[i]); err != nil {
			return err
		}
	}
	if err := b.writeYearEnd(bw); err != nil {
		return err
	}
	for i := range b.Audit { // entries of no inspection: written for the reader to refuse
		if c := &b.Audit[i]; trails[c.InspectionID] != nil {
			if err := bw.Audit(c); err != nil {
				return err
			}
		}
	}
	return bw.Close()
}

// Reader reads a bundle record by record, checking each as it comes (see
// Next).
type Reader struct {
	zr     *gzip.Reader
	sc     *bufio.Scanner
	sum    hash.Hash
	lim    Limits
	header Header
	line   int
	n      int
	check  *checker
	done   bool
}

// NewReader starts reading a bundle: it reads and checks the header. The
// ids the records use are remembered in memory, a few dozen bytes each; a
// caller that reads bundles of any size gives its own Index to
// NewReaderIndex.
func NewReader(r io.Reader) (*Reader, error) {
	return NewReaderIndex(r, NewMemoryIndex(), DefaultLimits())
}

// NewReaderIndex is NewReader with the ids kept in idx and other limits.
func NewReaderIndex(r io.Reader, idx Index, lim Limits) (*Reader, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, failf(ErrNotBundle, checklist.Text{ZH: "不是 branchcheck 导入包（文件是空的）", EN: "not a branchcheck bundle (the file is empty)"})
		}
		return nil, failf(ErrNotBundle, checklist.Text{ZH: "不是 branchcheck 导入包（不是 gzip 压缩流）", EN: "not a branchcheck bundle (not a gzip stream)"})
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 0, min(64<<10, lim.MaxLine)), lim.MaxLine)
	sc.Split(scanWholeLines)
	br := &Reader{zr: zr, sc: sc, sum: sha256.New(), lim: lim}
	first, ok := br.next()
	if !ok {
		return nil, br.scanError(ErrNotBundle, checklist.Text{ZH: "文件是空的", EN: "it is empty"})
	}
	if err := strictJSON(first, &br.header); err != nil || br.header.Format != Format {
		return nil, failf(ErrNotBundle, checklist.Text{ZH: "不是 branchcheck 导入包（第一行不是导入包的开头）", EN: "not a branchcheck bundle (the first line is not a bundle header)"})
	}
	if v := br.header.Version; v < 1 || v > Version {
		return nil, failf(ErrVersion, checklist.Text{ZH: "导入包的格式版本是 %d，本程序能读 1 至 %d", EN: "a bundle version this program does not read: version %d (this program reads 1 to %d)"}, v, Version)
	}
	hashLine(br.sum, first)
	br.check = newChecker(idx, lim, br.header.Version)
	return br, nil
}

// Header is the bundle's header.
func (r *Reader) Header() Header { return r.header }

// Line is the line of the record Next returned last, counted from 1.
func (r *Reader) Line() int { return r.line }

// Next returns the next record, checked on its own and against the
// records before it: it is valid (checklist's rules, and the rules for
// text that comes in), its id is new, an inspection's school and standard
// came before it and every answer is for a scored item of that standard,
// an audit entry's inspection came before it with its other entries, a
// rectification's school came before it and its decisions hold together,
// a year-end record's school and standard came before it and it holds
// together (its situation one its standard lists, its lift or its stage
// complete), a year's audit entry is not repeated. At
// the end record it checks the count and the checksum and that nothing
// follows, and returns io.EOF: only then is the bundle whole. Any problem
// is an error that wraps one of the Err kinds and names the line.
func (r *Reader) Next() (Record, error) {
	for {
		rec, skip, err := r.read()
		if err != nil || !skip {
			return rec, err
		}
	}
}

func (r *Reader) read() (Record, bool, error) {
	if r.done {
		return Record{}, false, io.EOF
	}
	raw, ok := r.next()
	if !ok {
		return Record{}, false, r.scanError(ErrTruncated, checklist.Text{ZH: "没有结尾记录", EN: "no end record"})
	}
	if r.check.repeated(raw) {
		// An audit entry the line before already gave: a version 1
		// bundle may hold one twice, and a bomb of repeated lines is
		// passed over without decoding a line of it.
		if r.header.Version != 1 {
			return Record{}, false, r.invalid(checklist.Text{ZH: "一条审计记录出现了两次", EN: "an audit entry appears twice"})
		}
		hashLine(r.sum, raw)
		r.n++
		return Record{}, true, nil
	}
	rec, ok := splitRecord(raw)
	if !ok {
		if err := strictJSON(raw, &rec); err != nil {
			return Record{}, false, r.invalid(checklist.Text{ZH: "%v", EN: "%v"}, err)
		}
	}
	if rec.Type == typeEnd {
		return Record{}, false, r.end(rec)
	}
	hashLine(r.sum, raw)
	r.n++
	out, skip, err := r.check.record(rec, raw)
	if err != nil {
		return Record{}, false, r.at(err)
	}
	return out, skip, nil
}

func (r *Reader) end(rec record) error {
	if rec.Records != r.n {
		return failf(ErrChecksum, checklist.Text{ZH: "结尾记录说有 %d 条记录，导入包里有 %d 条", EN: "the end record counts %d records, the bundle has %d"}, rec.Records, r.n)
	}
	if got := hex.EncodeToString(r.sum.Sum(nil)); got != rec.SHA256 {
		return failf(ErrChecksum, checklist.Text{ZH: "校验不符：导入包被改动或损坏（sha256 为 %s，导入包中写的是 %s）", EN: "checksum mismatch: the bundle was changed or damaged (sha256 %s, the bundle says %s)"}, short(got), short(rec.SHA256))
	}
	if _, ok := r.next(); ok {
		return r.invalid(checklist.Text{ZH: "结尾记录之后还有内容", EN: "data after the end record"})
	}
	if err := r.sc.Err(); err != nil {
		return r.scanError(ErrInvalidData, checklist.Text{ZH: "%v", EN: "%v"}, err)
	}
	r.done = true
	return io.EOF
}

// Close releases the reader's decompressor. It does not close the
// underlying reader.
func (r *Reader) Close() error { return r.zr.Close() }

func (r *Reader) next() ([]byte, bool) {
	if !r.sc.Scan() {
		return nil, false
	}
	r.line++
	return r.sc.Bytes(), true
}

// invalid is a problem with the current line.
func (r *Reader) invalid(t checklist.Text, args ...any) error {
	return r.at(failf(ErrInvalidData, t, args...))
}

// at says on which line a problem with a record is.
func (r *Reader) at(err error) error {
	return failf(ErrInvalidData, checklist.Text{ZH: "第 %d 行", EN: "line %d"}, r.line).Because(err)
}

// Read reads and checks a whole bundle into memory (see Reader.Next).
func Read(r io.Reader) (*Bundle, error) {
	return ReadLimited(r, DefaultLimits())
}

// ReadLimited is Read with other limits.
func ReadLimited(r io.Reader, lim Limits) (*Bundle, error) {
	br, err := NewReaderIndex(r, NewMemoryIndex(), lim)
	if err != nil {
		return nil, err
	}
	defer br.Close()
	b := &Bundle{Header: br.Header()}
	for {
		rec, err := br.Next()
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, err
		}
		b.add(rec)
	}
}

func (b *Bundle) add(rec Record) {
	switch {
	case rec.Standard != nil:
		b.Standards = append(b.Standards, rec.Standard)
	case rec.School != nil:
		b.Schools = append(b.Schools, *rec.School)
	case rec.Inspection != nil:
		b.Inspections = append(b.Inspections, rec.Inspection)
	case rec.Audit != nil:
		b.Audit = append(b.Audit, *rec.Audit)
	case rec.Rectification != nil:
		b.Rectifications = append(b.Rectifications, *rec.Rectification)
	case rec.SelfAssessment != nil:
		b.SelfAssessments = append(b.SelfAssessments, *rec.SelfAssessment)
	case rec.Veto != nil:
		b.Vetoes = append(b.Vetoes, *rec.Veto)
	case rec.YearStage != nil:
		b.YearStages = append(b.YearStages, *rec.YearStage)
	case rec.YearAudit != nil:
		b.YearAudit = append(b.YearAudit, *rec.YearAudit)
	}
}

// errPartialLine: the stream ends inside a line.
// saycheck:internal: failf words it in both languages (a cut bundle).
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

// splitRecord takes a record line apart the quick way when it is written
// as a Writer writes it, {"type":"…","data":…}: the data is then decoded
// once, not twice. Any other line is decoded whole.
func splitRecord(raw []byte) (record, bool) {
	const head, mid = `{"type":"`, `","data":`
	if !bytes.HasPrefix(raw, []byte(head)) || len(raw) < len(head)+len(mid)+2 || raw[len(raw)-1] != '}' {
		return record{}, false
	}
	rest := raw[len(head):]
	i := bytes.IndexByte(rest, '"')
	if i < 0 || !bytes.HasPrefix(rest[i:], []byte(mid)) {
		return record{}, false
	}
	typ := string(rest[:i])
	switch typ {
	case typeStandard, typeSchool, typeInspection, typeAudit, typeRect, typeSelf, typeVeto, typeStage, typeYearAudit:
	default:
		return record{}, false
	}
	return record{Type: typ, Data: rest[i+len(mid) : len(rest)-1]}, true
}

func hashLine(h hash.Hash, line []byte) {
	h.Write(line)
	h.Write([]byte{'\n'})
}

func strictJSON(data []byte, v any) error {
	if len(data) == 0 {
		return failf(nil, checklist.Text{ZH: "空行", EN: "no data"})
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return failf(nil, checklist.Text{ZH: "一行中有不止一个 JSON 值", EN: "more than one JSON value on the line"})
	}
	return nil
}

// scanError explains why reading stopped: a line over the limit, a
// damaged stream, or simply the end where more was expected.
func (r *Reader) scanError(kind *checklist.Error, what checklist.Text, args ...any) error {
	switch err := r.sc.Err(); {
	case errors.Is(err, bufio.ErrTooLong):
		return failf(ErrTooLarge, checklist.Text{ZH: "第 %d 行：一条记录超过 %d 字节", EN: "the bundle is too large: line %d: a record longer than %d bytes"}, r.line+1, r.lim.MaxLine)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return failf(ErrTruncated, checklist.Text{ZH: "导入包不完整，被截断了（压缩流提前结束）", EN: "the bundle is cut short (the compressed stream ends early)"})
	case errors.Is(err, errPartialLine):
		return failf(ErrTruncated, checklist.Text{ZH: "导入包不完整，被截断了（最后一行不完整）", EN: "the bundle is cut short (the last line is cut short)"})
	case err != nil:
		return failf(kind, checklist.Text{ZH: "%s（%v）", EN: "%s (%v)"}, kind.Text, err)
	}
	return failf(kind, checklist.Text{ZH: "%s（%s）", EN: "%s (%s)"}, kind.Text, checklist.Errorf(nil, what, args...))
}

func short(s string) checklist.Text {
	if len(s) > 12 {
		q := quote(s[:12])
		return checklist.Text{ZH: q.ZH + "…", EN: q.EN + "…"}
	}
	return quote(s)
}
