package store

import (
	"reflect"
	"testing"
	"time"

	"branchcheck/checklist"
)

// sampleRects are stored rectifications in every state, with the text a
// real one holds (notes, names, versions), encoded as the store encodes
// them.
func sampleRects(tb testing.TB) [][]byte {
	tb.Helper()
	d := func(s string) checklist.Date {
		x, err := checklist.ParseDate(s)
		if err != nil {
			tb.Fatal(err)
		}
		return x
	}
	base := checklist.Rectification{ItemID: "3.10", FoundIn: "visit-1", FoundOn: d("2026-04-01"), StandardID: "wuyao-default-v2",
		Verdict: checklist.PartlyMet, Finding: "书记未参加培训，会议记录不全“待补”", DueBy: d("2026-05-31"), Secretary: "张书记",
		UpdatedAt: time.Unix(1790000000, 0), Versions: map[string]uint64{"db-1": 3, "db-2": 1}}
	var out [][]byte
	for i, change := range []func(r *checklist.Rectification){
		func(r *checklist.Rectification) {},
		func(r *checklist.Rectification) { r.Finding, r.Secretary, r.Versions = "", "", nil },
		func(r *checklist.Rectification) {
			r.Actions = checklist.RectActions{Deadline: d("2026-06-30"), Responsible: "李老师", ReportedBy: "李老师", ReportedOn: d("2026-06-01"), Evidence: "照片 3 张"}
		},
		func(r *checklist.Rectification) { r.RecheckedIn, r.RecheckedOn = "visit-2", d("2026-09-01") },
		func(r *checklist.Rectification) {
			r.RecheckedIn, r.RecheckedOn, r.ClosedIn, r.ClosedOn = "visit-2", d("2026-09-01"), "visit-2", d("2026-09-01")
		},
		func(r *checklist.Rectification) {
			r.Actions = checklist.RectActions{ClosedBy: "王主任", ClosedOn: d("2026-10-01"), CloseReason: "已核实"}
		},
		func(r *checklist.Rectification) { r.Withdrawn, r.Rebounds, r.PreviousID = true, 2, "prev" },
	} {
		r := base
		r.Versions = map[string]uint64{"db-1": uint64(i + 1)}
		change(&r)
		v, err := encodeRect(&r)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

// TestDecodeRectState: the quick reading of where a rectification stands
// reads every value the store writes without the decoder, and reads what
// the decoder reads.
func TestDecodeRectState(t *testing.T) {
	for i, v := range sampleRects(t) {
		var want rectState
		if err := decodeBulk(v, &want); err != nil {
			t.Fatal(err)
		}
		got, ok := scanRectState(v[1:])
		if !ok || got != want {
			t.Errorf("rectification %d: read %+v (%v), want %+v", i, got, ok, want)
		}
	}
}

// FuzzDecodeRectState: whatever the bytes, the quick reading says what the
// decoder says: the same state, or an error.
func FuzzDecodeRectState(f *testing.F) {
	for _, v := range sampleRects(f) {
		f.Add(v)
		f.Add(v[:len(v)-1])
		f.Add(append(v[:len(v):len(v)], 0))
	}
	f.Add([]byte{valueVersion, 0xa1, 0x03, 0xc1, 0x01}) // a tag
	f.Add([]byte{valueVersion, 0xbf, 0x03, 0x01, 0xff}) // indefinite length
	f.Add([]byte{valueVersion, 0xa2, 0x03, 0x01, 0x03, 0x02})
	f.Add([]byte{valueVersion, 0xa2, 0x03, 0x01, 0x06, 0x62, 0xff, 0xfe}) // a text not UTF-8
	f.Fuzz(func(t *testing.T, v []byte) {
		var want, got rectState
		werr := decodeBulk(v, &want)
		gerr := decodeRectState(v, &got)
		if (werr == nil) != (gerr == nil) || werr == nil && !reflect.DeepEqual(got, want) {
			t.Fatalf("%x: read %+v (%v), want %+v (%v)", v, got, gerr, want, werr)
		}
	})
}

// BenchmarkDecodeRectState: where a rectification stands, read quickly and
// by the decoder.
func BenchmarkDecodeRectState(b *testing.B) {
	vals := sampleRects(b)
	for _, bc := range []struct {
		name string
		read func([]byte, *rectState) error
	}{{"quick", decodeRectState}, {"decoder", func(v []byte, st *rectState) error { return decodeBulk(v, st) }}} {
		b.Run(bc.name, func(b *testing.B) {
			var st rectState
			for i := 0; b.Loop(); i++ {
				st = rectState{}
				if err := bc.read(vals[i%len(vals)], &st); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
