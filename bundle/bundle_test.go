package bundle_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode"

	"branchcheck/bundle"
	"branchcheck/checklist"
	"branchcheck/i18n"
)

var t0 = time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)

// sample is a small valid bundle: one standard, two schools, a finalized
// and a draft inspection, an audit entry.
func sample() *bundle.Bundle {
	std := checklist.DefaultStandard()
	a := checklist.School{ID: "s1", Name: "城关小学", Township: "城关镇", CreatedAt: t0, UpdatedAt: t0}
	b := checklist.School{ID: "s2", Name: "东河中学", Township: "东河乡", CreatedAt: t0, UpdatedAt: t0}
	done, _ := checklist.NewInspection("v1", "s1", std, "李", checklist.DateOf(t0), t0)
	for _, it := range std.ScoredItems() {
		done.SetVerdict(std, it.ID, checklist.Met, "李", t0)
	}
	done.SetNote(std, "3.3", "设备齐全", "李", t0)
	c, _ := done.Finalize(std, "李", t0)
	done.Touch("db1", t0)
	draft, _ := checklist.NewInspection("v2", "s2", std, "王", checklist.DateOf(t0), t0)
	draft.SetVerdict(std, "1.1", checklist.PartlyMet, "王", t0)
	draft.Touch("db1", t0)
	return &bundle.Bundle{
		Header:      bundle.Header{CreatedAt: t0, DatabaseID: "db1"},
		Standards:   []*checklist.Standard{std},
		Schools:     []checklist.School{a, b},
		Inspections: []*checklist.Inspection{done, draft},
		Audit:       []checklist.Change{c},
	}
}

func encode(t testing.TB, b *bundle.Bundle) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := bundle.Write(&buf, b); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func gunzip(t *testing.T, b []byte) string {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, _ := io.ReadAll(zr)
	return string(out)
}

func regzip(s string) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(s))
	zw.Close()
	return buf.Bytes()
}

func TestRoundTrip(t *testing.T) {
	in := sample()
	got, err := bundle.Read(bytes.NewReader(encode(t, in)))
	if err != nil {
		t.Fatal(err)
	}
	if err := got.Validate(); err != nil {
		t.Fatal(err)
	}
	if got.Header.Format != bundle.Format || got.Header.Version != bundle.Version || got.Header.DatabaseID != "db1" {
		t.Errorf("header %+v", got.Header)
	}
	if len(got.Standards) != 1 || len(got.Schools) != 2 || len(got.Inspections) != 2 || len(got.Audit) != 1 {
		t.Fatalf("read %d standards, %d schools, %d inspections, %d audit", len(got.Standards), len(got.Schools), len(got.Inspections), len(got.Audit))
	}
	v := got.Inspections[0]
	if v.Status != checklist.Finalized || v.Answers["3.3"].Note != "设备齐全" || v.Versions["db1"] != 1 || !v.FinalizedAt.Equal(t0) {
		t.Errorf("inspection %+v", v)
	}
	if s := checklist.ScoreInspection(got.Standards[0], v); s.Total != 100 {
		t.Errorf("score after the round trip %v", s.Total)
	}
	text := gunzip(t, encode(t, in))
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if len(lines) != 1+6+1 || !strings.HasPrefix(lines[0], `{"format":"branchcheck-bundle","version":4,`) || !strings.HasPrefix(lines[len(lines)-1], `{"type":"end","records":6,"sha256":"`) {
		t.Errorf("layout:\n%s", text)
	}
	// Each inspection is followed by its audit trail.
	for i, want := range []string{"standard", "school", "school", "inspection", "audit", "inspection"} {
		if !strings.HasPrefix(lines[1+i], `{"type":"`+want+`"`) {
			t.Errorf("line %d is not a %s record: %.40s", i+2, want, lines[1+i])
		}
	}
}

func TestReadRefuses(t *testing.T) {
	good := encode(t, sample())
	text := gunzip(t, good)
	lines := strings.SplitAfter(strings.TrimSuffix(text, "\n"), "\n")
	lines[len(lines)-1] += "\n"
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"Empty", nil, bundle.ErrNotBundle},
		{"PlainText", []byte("学校名称,乡镇\n"), bundle.ErrNotBundle},
		{"GzipOfText", regzip("hello\n"), bundle.ErrNotBundle},
		{"GzipEmpty", regzip(""), bundle.ErrNotBundle},
		{"TruncatedStream", good[:len(good)/2], bundle.ErrTruncated},
		{"NoEndRecord", regzip(strings.Join(lines[:len(lines)-1], "")), bundle.ErrTruncated},
		{"RecordRemoved", regzip(strings.Join(append(append([]string{}, lines[:5]...), lines[6:]...), "")), bundle.ErrChecksum},
		{"SchoolRemoved", regzip(strings.Join(append(append([]string{}, lines[:2]...), lines[3:]...), "")), bundle.ErrInvalidData},
		{"RecordChanged", regzip(strings.Replace(text, "设备齐全", "设备不全", 1)), bundle.ErrChecksum},
		{"UnknownVersion", regzip(strings.Replace(text, `"version":4`, `"version":5`, 1)), bundle.ErrVersion},
		{"VersionZero", regzip(strings.Replace(text, `"version":4`, `"version":0`, 1)), bundle.ErrVersion},
		{"DataAfterEnd", regzip(text + lines[1]), bundle.ErrInvalidData},
		{"UnknownRecord", regzip(strings.Replace(text, `{"type":"school"`, `{"type":"teacher"`, 1)), bundle.ErrInvalidData},
		{"UnknownField", regzip(strings.Replace(text, `"township":"城关镇"`, `"township":"城关镇","colour":"red"`, 1)), bundle.ErrInvalidData},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := bundle.Read(bytes.NewReader(tt.data))
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
		})
	}
}

func TestReadLimits(t *testing.T) {
	good := encode(t, sample())
	lim := bundle.DefaultLimits()
	lim.MaxLine = 500
	if _, err := bundle.ReadLimited(bytes.NewReader(good), lim); !errors.Is(err, bundle.ErrTooLarge) {
		t.Errorf("a long line: %v", err)
	}
	lim = bundle.DefaultLimits()
	lim.MaxStandards = 0
	if _, err := bundle.ReadLimited(bytes.NewReader(good), lim); !errors.Is(err, bundle.ErrTooLarge) {
		t.Errorf("too many standards: %v", err)
	}
	lim = bundle.DefaultLimits()
	lim.MaxAudit = 0
	if _, err := bundle.ReadLimited(bytes.NewReader(good), lim); !errors.Is(err, bundle.ErrTooLarge) {
		t.Errorf("too many audit entries: %v", err)
	}
	// A gzip bomb of one line: a few kilobytes that inflate past the
	// limit on a record.
	bomb := regzip(`{"format":"branchcheck-bundle","version":2}` + "\n" + strings.Repeat(" ", 2<<20))
	lim = bundle.DefaultLimits()
	lim.MaxLine = 1 << 20
	if _, err := bundle.ReadLimited(bytes.NewReader(bomb), lim); !errors.Is(err, bundle.ErrTooLarge) {
		t.Errorf("bomb: %v", err)
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(b *bundle.Bundle)
	}{
		{"SchoolWithoutName", func(b *bundle.Bundle) { b.Schools[0].Name = "" }},
		{"SchoolWithoutID", func(b *bundle.Bundle) { b.Schools[0].ID = "" }},
		{"DuplicateSchool", func(b *bundle.Bundle) { b.Schools[1].ID = "s1" }},
		{"InspectionOfMissingSchool", func(b *bundle.Bundle) { b.Schools = b.Schools[:1] }},
		{"InspectionOfMissingStandard", func(b *bundle.Bundle) { b.Standards = nil }},
		{"AnswerForUnknownItem", func(b *bundle.Bundle) { b.Inspections[1].Answers["9.9"] = checklist.Answer{Verdict: checklist.Met} }},
		{"AnswerForGapItem", func(b *bundle.Bundle) { b.Inspections[1].Answers["4.4"] = checklist.Answer{Verdict: checklist.Met} }},
		{"UnknownVerdict", func(b *bundle.Bundle) { b.Inspections[1].Answers["1.2"] = checklist.Answer{Verdict: "maybe"} }},
		{"FinalizedIncomplete", func(b *bundle.Bundle) { delete(b.Inspections[0].Answers, "5.3") }},
		{"UnknownStatus", func(b *bundle.Bundle) { b.Inspections[1].Status = "lost" }},
		{"NoVersions", func(b *bundle.Bundle) { b.Inspections[1].Versions = nil }},
		{"DuplicateInspection", func(b *bundle.Bundle) { b.Inspections[1].ID = "v1" }},
		{"AuditOfMissingInspection", func(b *bundle.Bundle) { b.Audit[0].InspectionID = "v9" }},
		{"InvalidStandard", func(b *bundle.Bundle) { b.Standards[0].Stars.LaggingAtOrBelow = 9 }},
	}
	if err := sample().Validate(); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := sample()
			tt.break_(b)
			if err := b.Validate(); !errors.Is(err, bundle.ErrInvalidData) {
				t.Errorf("err = %v", err)
			}
		})
	}
}

// FuzzRead: any bytes give a bundle or an error, never a panic.
func FuzzRead(f *testing.F) {
	good := encode(f, sample())
	f.Add(good)
	f.Add(encode(f, withRects()))
	f.Add(good[:len(good)/2])
	f.Add(regzip(`{"format":"branchcheck-bundle","version":1}` + "\n" + `{"type":"end","records":0,"sha256":"x"}` + "\n"))
	f.Add([]byte{0x1f, 0x8b})
	f.Fuzz(func(t *testing.T, data []byte) {
		lim := bundle.DefaultLimits()
		lim.MaxLine = 1 << 20
		b, err := bundle.ReadLimited(bytes.NewReader(data), lim)
		if err != nil {
			assertSafeError(t, err)
			return
		}
		b.Validate()
	})
}

// FuzzReadPlain fuzzes the lines inside the compression, where the
// parsing is: the checksum is recomputed so the records themselves are
// what varies.
func FuzzReadPlain(f *testing.F) {
	f.Add(strings.Join(strings.Split(gunzipF(f, encode(f, sample())), "\n")[1:7], "\n"))
	f.Add(`{"type":"inspection","data":{"id":"x","answers":{"1.1":{"verdict":"met"}}}}`)
	f.Fuzz(func(t *testing.T, records string) {
		var buf bytes.Buffer
		h := `{"format":"branchcheck-bundle","version":1,"created_at":"2026-11-29T09:00:00Z","database_id":"x","filter":{}}` + "\n"
		body := h + records + "\n"
		n := strings.Count(records, "\n") + 1
		sum := sha256Hex(body)
		zw := gzip.NewWriter(&buf)
		zw.Write([]byte(body + `{"type":"end","records":` + itoa(n) + `,"sha256":"` + sum + `"}` + "\n"))
		zw.Close()
		b, err := bundle.Read(&buf)
		if err != nil {
			assertSafeError(t, err)
			return
		}
		b.Validate()
	})
}

// assertSafeError: an error about a bundle is one line, in either
// language, and holds no character that could drive a terminal, whatever
// the bundle held.
func assertSafeError(t *testing.T, err error) {
	t.Helper()
	var e *checklist.Error
	if !errors.As(err, &e) {
		t.Fatalf("not a *checklist.Error: %T %v", err, err)
	}
	for _, s := range []string{err.Error(), e.Say(true, func(err error) string { return err.Error() })} {
		for _, r := range s {
			if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
				t.Fatalf("error holds %U: %q", r, s)
			}
		}
	}
}

// TestReadVersion1: bundles written by branchcheck before version 2 are
// read whole, an audit entry written twice read once.
func TestReadVersion1(t *testing.T) {
	for _, tt := range []struct {
		file                        string
		schools, inspections, audit int
		mergeEntries                int
	}{
		// li's trail holds 11 entries, two of them twice.
		{"li-v1.bundle", 3, 2, 9, 0},
		{"wang-v1.bundle", 3, 3, 14, 1},
	} {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "v1", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			b, err := bundle.Read(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if b.Header.Version != 1 || len(b.Schools) != tt.schools || len(b.Inspections) != tt.inspections || len(b.Audit) != tt.audit {
				t.Errorf("version %d: %d schools, %d inspections, %d audit entries", b.Header.Version, len(b.Schools), len(b.Inspections), len(b.Audit))
			}
			merges := 0
			for _, c := range b.Audit {
				if c.Field == checklist.FieldMerge {
					merges++
				}
			}
			if merges != tt.mergeEntries {
				t.Errorf("%d merge entries", merges)
			}
			if err := b.Validate(); err != nil {
				t.Errorf("validate: %v", err)
			}
		})
	}
}

// TestWriterStreams: a Writer's records come back from a Reader one by
// one, in order, and the Reader says io.EOF only after the checked end.
func TestWriterStreams(t *testing.T) {
	var buf bytes.Buffer
	w, err := bundle.NewWriter(&buf, bundle.Header{DatabaseID: "db1"})
	if err != nil {
		t.Fatal(err)
	}
	s := sample()
	w.Standard(s.Standards[0])
	for i := range 500 {
		sc := s.Schools[0]
		sc.ID = fmt.Sprintf("s%03d", i)
		if err := w.School(&sc); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := bundle.NewReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if rec.School != nil {
			if want := fmt.Sprintf("s%03d", n); rec.School.ID != want {
				t.Fatalf("school %s, want %s", rec.School.ID, want)
			}
			n++
		}
	}
	if n != 500 || w.Records() != 501 {
		t.Errorf("read %d schools, wrote %d records", n, w.Records())
	}
	if _, err := r.Next(); err != io.EOF {
		t.Errorf("after the end: %v", err)
	}
}

// TestReadChecksText: text coming in through a bundle follows the rules
// for text that comes in, and the error names the field, never echoes
// the text raw.
func TestReadChecksText(t *testing.T) {
	text := gunzip(t, encode(t, sample()))
	tests := []struct{ name, from, to string }{
		{"EscapeInName", `"name":"城关小学"`, `"name":"城关\u001b]52;c;aGk=\u0007小学"`},
		{"NewlineInTownship", `"township":"城关镇"`, `"township":"城关\n镇"`},
		{"BidiInInspector", `"inspector":"李"`, `"inspector":"李\u202e"`},
		{"LongName", `"name":"城关小学"`, `"name":"` + strings.Repeat("长", 201) + `"`},
		{"ControlInNote", `"note":"设备齐全"`, `"note":"设备\u0007齐全"`},
		{"EscapeInID", `"id":"s1"`, `"id":"s1\u001b[2J"`},
		{"EscapeInVersions", `"versions":{"db1":1}`, `"versions":{"db1\u001b":1}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			changed := strings.Replace(text, tt.from, tt.to, 1)
			if changed == text {
				t.Fatalf("%s not in the bundle", tt.from)
			}
			_, err := bundle.Read(bytes.NewReader(regzip(resum(changed))))
			if !errors.Is(err, bundle.ErrInvalidData) {
				t.Fatalf("err = %v", err)
			}
			assertSafeError(t, err)
			t.Log(err)
		})
	}
}

// TestReadAuditOrder: audit entries follow their inspection, together
// and once; a version 1 bundle may repeat one.
func TestReadAuditOrder(t *testing.T) {
	text := gunzip(t, encode(t, sample()))
	lines := strings.SplitAfter(strings.TrimSuffix(text, "\n"), "\n")
	body := lines[:len(lines)-1] // header … records, without the trailer
	audit := body[5]
	if !strings.HasPrefix(audit, `{"type":"audit"`) {
		t.Fatalf("line 6 is %.40s", audit)
	}
	join := func(ls ...string) string { return strings.Join(ls, "") }
	v1 := func(s string) string { return strings.Replace(s, `"version":4`, `"version":1`, 1) }
	tests := []struct {
		name string
		text string
		want error
	}{
		{"Twice", join(join(body[:6]...), audit, join(body[6:]...)), bundle.ErrInvalidData},
		{"TwiceVersion1", v1(join(join(body[:6]...), audit, join(body[6:]...))), nil},
		{"Apart", join(join(body[:6]...), body[6], audit), bundle.ErrInvalidData},
		{"BeforeItsInspection", join(join(body[:4]...), audit, body[4], body[6]), bundle.ErrInvalidData},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := bundle.Read(bytes.NewReader(regzip(resum(tt.text))))
			if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if err == nil && len(b.Audit) != 1 {
				t.Errorf("%d audit entries, want the one", len(b.Audit))
			}
		})
	}
}

// resum gives a bundle's text (with or without its trailer) a trailer
// that matches its records, so only what the records say is wrong.
func resum(text string) string {
	lines := strings.SplitAfter(strings.TrimSuffix(text, "\n"), "\n")
	if strings.HasPrefix(lines[len(lines)-1], `{"type":"end"`) {
		lines = lines[:len(lines)-1]
	}
	body := strings.Join(lines, "")
	if !strings.HasSuffix(body, "\n") {
		body += "\n"
	}
	return body + `{"type":"end","records":` + itoa(len(lines)-1) + `,"sha256":"` + sha256Hex(body) + `"}` + "\n"
}

// TestReadRefusesBombsQuickly: 500 MiB of repeated lines squeezed into a
// few megabytes are refused at the first repeat, reading a few kilobytes
// of the stream.
func TestReadRefusesBombsQuickly(t *testing.T) {
	text := gunzip(t, encode(t, sample()))
	lines := strings.SplitAfter(text, "\n")
	for _, tt := range []struct {
		name string
		head string // before the repeated line
		line string
	}{
		{"Header", "", lines[0]},
		{"School", join(lines[:3]), lines[2]},
		{"Inspection", join(lines[:5]), lines[4]},
		{"Audit", join(lines[:6]), lines[5]},
		{"EmptyLines", lines[0], "\n"},
		{"OneLongLine", lines[0], strings.Repeat(" ", 1<<10)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			bomb := gzipBomb(tt.head, tt.line, 500<<20)
			cr := &countingReader{r: bytes.NewReader(bomb)}
			start := time.Now()
			var err error
			peak := peakHeap(func() { _, err = bundle.Read(cr) })
			if err == nil {
				t.Fatal("read")
			}
			t.Logf("%.1f MB compressed; refused after reading %d KiB, in %v, heap at most %d MiB: %v",
				float64(len(bomb))/1e6, cr.n>>10, time.Since(start), peak>>20, err)
			if cr.n > 1<<20 && tt.name != "OneLongLine" || cr.n > 4<<20 {
				t.Errorf("read %d bytes of the bomb before refusing it", cr.n)
			}
			if peak > 128<<20 {
				t.Errorf("heap grew to %d MiB", peak>>20)
			}
		})
	}
}

// TestReadVersion1Bomb: in a version 1 bundle a repeated audit entry is
// allowed (and read once), so a bomb of one is read to its end: in one
// pass, in bounded memory, without decoding the repeats, and refused
// there.
func TestReadVersion1Bomb(t *testing.T) {
	size := 500 << 20
	if testing.Short() || raceEnabled {
		size = 64 << 20
	}
	text := strings.Replace(gunzip(t, encode(t, sample())), `"version":4`, `"version":1`, 1)
	lines := strings.SplitAfter(text, "\n")
	bomb := gzipBomb(join(lines[:6]), lines[5], size)
	start := time.Now()
	var err error
	peak := peakHeap(func() { _, err = bundle.Read(bytes.NewReader(bomb)) })
	if !errors.Is(err, bundle.ErrTruncated) {
		t.Fatalf("err = %v", err)
	}
	t.Logf("%.1f MB expanding to %d MiB: refused in %v, heap at most %d MiB", float64(len(bomb))/1e6, size>>20, time.Since(start), peak>>20)
	if peak > 128<<20 {
		t.Errorf("heap grew to %d MiB", peak>>20)
	}
}

func join(ls []string) string { return strings.Join(ls, "") }

// gzipBomb writes head and then line repeated to about size bytes, as a
// gzip stream of several members (which every gzip reader reads as one
// stream): one megabyte of repeats compressed once and written over and
// over, so making it is quick.
func gzipBomb(head, line string, size int) []byte {
	member := func(s string) []byte {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write([]byte(s))
		zw.Close()
		return buf.Bytes()
	}
	block := strings.Repeat(line, max(1, (1<<20)/len(line)))
	packed := member(block)
	out := member(head)
	for n := 0; n < size; n += len(block) {
		out = append(out, packed...)
	}
	return out
}

// peakHeap runs f and returns the most heap it had in use, sampled every
// few milliseconds.
func peakHeap(f func()) uint64 {
	runtime.GC()
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	f()
	close(stop)
	<-done
	return peak.Load()
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// withRects is sample with decisions about two rectifications: one of the
// finalized visit, one of the draft (a decision whose visit no longer
// finds the problem is carried all the same).
func withRects() *bundle.Bundle {
	b := sample()
	b.Rectifications = []checklist.RectDecisions{
		{ID: "v1/3.3", SchoolID: "s1", UpdatedAt: t0, Versions: map[string]uint64{"db1": 2},
			Actions: checklist.RectActions{Deadline: checklist.DateOf(t0).AddDays(60), ReportedBy: "张校长", ReportedOn: checklist.DateOf(t0), Evidence: "制度汇编.pdf"}},
		{ID: "v2/1.1", SchoolID: "s2", UpdatedAt: t0, Versions: map[string]uint64{"db1": 1},
			Actions: checklist.RectActions{Responsible: "王副校长", ClosedBy: "何丽", ClosedOn: checklist.DateOf(t0), CloseReason: "回访核实\n已整改"}},
	}
	return b
}

// TestRoundTripRectifications: the decisions come back as written, after
// the inspections, each its own record.
func TestRoundTripRectifications(t *testing.T) {
	in := withRects()
	data := encode(t, in)
	got, err := bundle.Read(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Rectifications) != 2 {
		t.Fatalf("%d rectifications", len(got.Rectifications))
	}
	for i, d := range got.Rectifications {
		w := in.Rectifications[i]
		if d.ID != w.ID || d.SchoolID != w.SchoolID || d.Actions != w.Actions || !d.UpdatedAt.Equal(w.UpdatedAt) || fmt.Sprint(d.Versions) != fmt.Sprint(w.Versions) {
			t.Errorf("read %+v, wrote %+v", d, w)
		}
	}
	if err := got.Validate(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(gunzip(t, data), "\n"), "\n")
	for i, want := range []string{"standard", "school", "school", "inspection", "audit", "inspection", "rectification", "rectification"} {
		if !strings.HasPrefix(lines[1+i], `{"type":"`+want+`"`) {
			t.Errorf("line %d is not a %s record: %.40s", i+2, want, lines[1+i])
		}
	}
}

// TestValidateRectifications: a rectification's decisions are checked as
// they come in: its id, its school before it, its vector and change time,
// decisions that hold together, once.
func TestValidateRectifications(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(d []checklist.RectDecisions)
	}{
		{"NoID", func(d []checklist.RectDecisions) { d[0].ID = "" }},
		{"IDWithoutItem", func(d []checklist.RectDecisions) { d[0].ID = "v1" }},
		{"IDWithoutVisit", func(d []checklist.RectDecisions) { d[0].ID = "/3.3" }},
		{"IDWithTwoItems", func(d []checklist.RectDecisions) { d[0].ID = "v1/3.3/3.4" }},
		{"EscapeInID", func(d []checklist.RectDecisions) { d[0].ID = "v1/3.3\x1b[2J" }},
		{"NoSchool", func(d []checklist.RectDecisions) { d[0].SchoolID = "" }},
		{"SchoolNotInBundle", func(d []checklist.RectDecisions) { d[0].SchoolID = "s9" }},
		{"Twice", func(d []checklist.RectDecisions) { d[1].ID = d[0].ID }},
		{"NoVersions", func(d []checklist.RectDecisions) { d[0].Versions = nil }},
		{"BadDatabaseID", func(d []checklist.RectDecisions) { d[0].Versions = map[string]uint64{"db\x07": 1} }},
		{"NoChangeTime", func(d []checklist.RectDecisions) { d[0].UpdatedAt = time.Time{} }},
		{"ReportWithoutReporter", func(d []checklist.RectDecisions) { d[0].Actions.ReportedBy = "" }},
		{"EvidenceWithoutReport", func(d []checklist.RectDecisions) { d[0].Actions.ReportedOn = checklist.Date{} }},
		{"ClosedWithoutReason", func(d []checklist.RectDecisions) { d[1].Actions.CloseReason = "" }},
		{"ReasonWithoutClosure", func(d []checklist.RectDecisions) { d[1].Actions.ClosedOn = checklist.Date{} }},
		{"ControlInResponsible", func(d []checklist.RectDecisions) { d[1].Actions.Responsible = "王\x1b]52;c;aGk=\x07" }},
		{"NewlineInReporter", func(d []checklist.RectDecisions) { d[0].Actions.ReportedBy = "张\n校长" }},
		{"BidiInEvidence", func(d []checklist.RectDecisions) { d[0].Actions.Evidence = "制度\u202e汇编.pdf" }},
		{"ControlInReason", func(d []checklist.RectDecisions) { d[1].Actions.CloseReason = "回访\x00核实" }},
		{"LongClosedBy", func(d []checklist.RectDecisions) { d[1].Actions.ClosedBy = strings.Repeat("何", 201) }},
	}
	if err := withRects().Validate(); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := withRects()
			tt.break_(b.Rectifications)
			err := b.Validate()
			if !errors.Is(err, bundle.ErrInvalidData) {
				t.Fatalf("validate: err = %v", err)
			}
			// And the same bundle read from its bytes.
			_, err = bundle.Read(bytes.NewReader(encode(t, b)))
			if !errors.Is(err, bundle.ErrInvalidData) {
				t.Fatalf("read: err = %v", err)
			}
			assertSafeError(t, err)
		})
	}
}

// TestReadRectificationText: what only the bytes can hold is refused
// too: a date that is no day, a field no version knows, a rectification
// in a bundle of a version before them.
func TestReadRectificationText(t *testing.T) {
	text := gunzip(t, encode(t, withRects()))
	tests := []struct {
		name, from, to string
		want           error
	}{
		{"NoSuchDay", `"deadline":"2027-01-28"`, `"deadline":"2027-02-30"`, bundle.ErrInvalidData},
		{"NotADate", `"reported_on":"2026-11-29"`, `"reported_on":"昨天"`, bundle.ErrInvalidData},
		{"NotATime", `"updated_at":"2026-11-29T09:00:00Z","versions":{"db1":2}`, `"updated_at":"下午","versions":{"db1":2}`, bundle.ErrInvalidData},
		{"UnknownField", `"id":"v2/1.1","school_id":"s2",`, `"id":"v2/1.1","school_id":"s2","colour":"red",`, bundle.ErrInvalidData},
		{"DerivedPartCarried", `"id":"v2/1.1","school_id":"s2",`, `"id":"v2/1.1","school_id":"s2","due_by":"2026-12-29",`, bundle.ErrInvalidData},
		{"Version2", `"version":4`, `"version":2`, bundle.ErrInvalidData},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			changed := strings.Replace(text, tt.from, tt.to, 1)
			if changed == text {
				t.Fatalf("%s not in the bundle", tt.from)
			}
			_, err := bundle.Read(bytes.NewReader(regzip(resum(changed))))
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			assertSafeError(t, err)
			t.Log(err)
		})
	}
}

// TestReadVersion2: bundles written by branchcheck before version 3 are
// read whole: no rectification records, the decisions' audit entries
// there.
func TestReadVersion2(t *testing.T) {
	for _, tt := range []struct {
		file                 string
		audit, rectification int
	}{
		{"li-v2.bundle", 4, 2},
		{"wang-v2.bundle", 5, 3},
	} {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "v2", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			b, err := bundle.Read(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, c := range b.Audit {
				if c.Field == checklist.FieldRectification {
					n++
				}
			}
			if b.Header.Version != 2 || len(b.Schools) != 2 || len(b.Inspections) != 2 || len(b.Audit) != tt.audit || n != tt.rectification || len(b.Rectifications) != 0 {
				t.Errorf("version %d: %d schools, %d inspections, %d audit entries (%d of decisions), %d rectifications",
					b.Header.Version, len(b.Schools), len(b.Inspections), len(b.Audit), n, len(b.Rectifications))
			}
			if err := b.Validate(); err != nil {
				t.Errorf("validate: %v", err)
			}
		})
	}
}

// TestQuotedValues: a value from a bundle named in an error is quoted
// in full-width “” in Chinese and in ASCII quotes in English, escaped in
// both.
func TestQuotedValues(t *testing.T) {
	var buf bytes.Buffer
	h := `{"format":"branchcheck-bundle","version":1,"created_at":"2026-11-29T09:00:00Z","database_id":"x","filter":{}}` + "\n"
	body := h + `{"type":"sch\"ool\u001b","data":{}}` + "\n"
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(body + `{"type":"end","records":1,"sha256":"` + sha256Hex(body) + `"}` + "\n"))
	zw.Close()
	_, err := bundle.Read(&buf)
	if err == nil {
		t.Fatal("read a record of no known type")
	}
	zh := i18n.Chinese.Error(err)
	if !strings.Contains(zh, `“sch"ool\x1b”`) || strings.Contains(zh, `"sch`) {
		t.Errorf("Chinese: %s", zh)
	}
	if en := err.Error(); !strings.Contains(en, `"sch\"ool\x1b"`) {
		t.Errorf("English: %s", en)
	}
}

// TestValidateCountsUnanswered: a finalized visit with unanswered items
// is refused, the count said in both languages (in English, singular for
// one).
func TestValidateCountsUnanswered(t *testing.T) {
	for _, tt := range []struct {
		remove []string
		zh, en string
	}{
		{[]string{"5.3"}, "已定稿，却有 1 个项目未作答", "finalized with 1 item unanswered"},
		{[]string{"5.3", "1.2"}, "已定稿，却有 2 个项目未作答", "finalized with 2 items unanswered"},
	} {
		b := sample()
		for _, id := range tt.remove {
			delete(b.Inspections[0].Answers, id)
		}
		err := b.Validate()
		if zh := i18n.Chinese.Error(err); !strings.Contains(zh, tt.zh) {
			t.Errorf("%v: %q, want %q in it", tt.remove, zh, tt.zh)
		}
		if en := i18n.English.Error(err); !strings.Contains(en, tt.en) {
			t.Errorf("%v: %q, want %q in it", tt.remove, en, tt.en)
		}
	}
}
