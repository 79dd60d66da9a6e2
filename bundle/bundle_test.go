package bundle_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"branchcheck/bundle"
	"branchcheck/checklist"
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
	if len(lines) != 1+6+1 || !strings.HasPrefix(lines[0], `{"format":"branchcheck-bundle","version":1,`) || !strings.HasPrefix(lines[len(lines)-1], `{"type":"end","records":6,"sha256":"`) {
		t.Errorf("layout:\n%s", text)
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
		{"RecordRemoved", regzip(strings.Join(append(append([]string{}, lines[:2]...), lines[3:]...), "")), bundle.ErrChecksum},
		{"RecordChanged", regzip(strings.Replace(text, "设备齐全", "设备不全", 1)), bundle.ErrChecksum},
		{"UnknownVersion", regzip(strings.Replace(text, `"version":1`, `"version":2`, 1)), bundle.ErrVersion},
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
	lim.MaxSize = 1000
	if _, err := bundle.ReadLimited(bytes.NewReader(good), lim); !errors.Is(err, bundle.ErrTooLarge) {
		t.Errorf("over the size: %v", err)
	}
	lim = bundle.DefaultLimits()
	lim.MaxLine = 500
	if _, err := bundle.ReadLimited(bytes.NewReader(good), lim); !errors.Is(err, bundle.ErrTooLarge) {
		t.Errorf("a long line: %v", err)
	}
	lim = bundle.DefaultLimits()
	lim.MaxRecords = 3
	if _, err := bundle.ReadLimited(bytes.NewReader(good), lim); !errors.Is(err, bundle.ErrTooLarge) {
		t.Errorf("too many records: %v", err)
	}
	// A gzip bomb: a few kilobytes that inflate past the limit.
	bomb := regzip(`{"format":"branchcheck-bundle","version":1}` + "\n" + strings.Repeat(" ", 2<<20))
	lim = bundle.DefaultLimits()
	lim.MaxSize = 1 << 20
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
	f.Add(good[:len(good)/2])
	f.Add(regzip(`{"format":"branchcheck-bundle","version":1}` + "\n" + `{"type":"end","records":0,"sha256":"x"}` + "\n"))
	f.Add([]byte{0x1f, 0x8b})
	f.Fuzz(func(t *testing.T, data []byte) {
		lim := bundle.DefaultLimits()
		lim.MaxSize = 4 << 20
		b, err := bundle.ReadLimited(bytes.NewReader(data), lim)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error is not one line: %q", err)
			}
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
		if err == nil {
			b.Validate()
		}
	})
}
