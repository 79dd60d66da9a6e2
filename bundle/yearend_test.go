package bundle_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"branchcheck/bundle"
	"branchcheck/checklist"
)

// withYearEnd is withRects with a year's end: a standard that lists veto
// situations, a self-assessment, a veto record lifted, a confirmed year
// and entries of its audit trail.
func withYearEnd() *bundle.Bundle {
	b := withRects()
	vstd := checklist.DefaultStandard()
	vstd.ID, vstd.Year = "veto-2026", 2026
	vstd.VetoSituations = []checklist.VetoSituation{{ID: "discipline", Text: "违纪", CapStars: 2}, {ID: "weak", Text: "软弱涣散", Disqualify: true}}
	b.Standards = append(b.Standards, vstd)
	day := func(m time.Month, d int) checklist.Date { return checklist.Date{Year: 2026, Month: m, Day: d} }
	b.SelfAssessments = []checklist.SelfAssessment{{ID: "s1/2026", SchoolID: "s1", Year: 2026, StandardID: b.Standards[0].ID,
		Answers: map[string]checklist.SelfAnswer{
			"1.1": {Verdict: checklist.Met, Note: "见会议记录\n第3页", Source: checklist.SourcePaper, By: "张干事", At: t0},
			"3.5": {Verdict: checklist.PartlyMet, Source: checklist.SourceWorkbook, By: "张干事", At: t0},
		},
		SignedBy: "张书记", SignedOn: day(11, 20), CreatedAt: t0, UpdatedAt: t0, Versions: map[string]uint64{"db1": 2}}}
	lift := t0.Add(time.Hour)
	b.Vetoes = []checklist.VetoRecord{
		{ID: "s2/2026/weak", SchoolID: "s2", Year: 2026, StandardID: "veto-2026", SituationID: "weak",
			Reason: "县委组织部〔2026〕3号", RecordedBy: "王主任", RecordedAt: t0, UpdatedAt: t0, Versions: map[string]uint64{"db1": 1}},
		{ID: "s1/2026/discipline", SchoolID: "s1", Year: 2026, StandardID: "veto-2026", SituationID: "discipline",
			Reason: "误录", RecordedBy: "王主任", RecordedAt: t0, LiftedBy: "李主任", LiftedAt: lift, LiftReason: "记录有误",
			UpdatedAt: lift, Versions: map[string]uint64{"db1": 2}},
	}
	b.YearStages = []checklist.YearStage{{Year: 2026, Stage: checklist.StageConfirmed, PublicFrom: day(12, 1), PublicTo: day(12, 7),
		ConfirmedBy: "王主任", ConfirmedOn: day(12, 10), Named: []checklist.NamedRating{{SchoolID: "s1", VisitID: "v1", Total: 100, Stars: 5}},
		History: []checklist.StageChange{
			{Year: 2026, To: checklist.StagePublicity, PublicFrom: day(12, 1), PublicTo: day(12, 7), By: "王主任", At: t0},
			{Year: 2026, From: checklist.StagePublicity, To: checklist.StageConfirmed, By: "王主任", At: lift},
		},
		UpdatedAt: lift, Versions: map[string]uint64{"db1": 2}}}
	b.YearAudit = []bundle.YearAuditEntry{
		{Year: 2026, Change: checklist.Change{InspectionID: "s1/2026", ItemID: "1.1", Field: checklist.FieldVerdict, New: "met", By: "张干事", At: t0}},
		{Year: 2026, Change: checklist.Change{InspectionID: "s1/2026/discipline", Field: checklist.FieldVeto, Old: "discipline", By: "李主任", At: lift, Reason: "记录有误"}},
		{Year: 2026, Change: checklist.Change{InspectionID: "2026", Field: checklist.FieldStage, Old: "publicity", New: "confirmed", By: "王主任", At: lift}},
	}
	return b
}

// TestRoundTripYearEnd: the year-end records come back as written, after
// the rectifications, each its own record, in the order of their kinds.
func TestRoundTripYearEnd(t *testing.T) {
	in := withYearEnd()
	data := encode(t, in)
	got, err := bundle.Read(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	for _, pair := range [][2]any{
		{got.SelfAssessments, in.SelfAssessments}, {got.Vetoes, in.Vetoes},
		{got.YearStages, in.YearStages}, {got.YearAudit, in.YearAudit},
	} {
		g, _ := json.Marshal(pair[0])
		w, _ := json.Marshal(pair[1])
		if !bytes.Equal(g, w) {
			t.Errorf("read\n%s\nwrote\n%s", g, w)
		}
	}
	if err := got.Validate(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(gunzip(t, data), "\n"), "\n")
	want := []string{"self_assessment", "veto", "veto", "year_stage", "year_audit", "year_audit", "year_audit", "end"}
	lines = lines[len(lines)-len(want):]
	for i, w := range want {
		if !strings.HasPrefix(lines[i], `{"type":"`+w+`"`) {
			t.Errorf("line %d from the end is not a %s record: %.40s", len(want)-i, w, lines[i])
		}
	}
}

// TestValidateYearEnd: every field of a year-end record is checked where
// it enters: ids and their shape, the school and standard before it, the
// situation its standard lists, years, dates and times, the text rules,
// vectors, a lift that holds together, a stage that holds together, each
// record and each audit entry once.
func TestValidateYearEnd(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(b *bundle.Bundle)
	}{
		{"SelfNoID", func(b *bundle.Bundle) { b.SelfAssessments[0].ID = "" }},
		{"SelfIDNotSchoolYear", func(b *bundle.Bundle) { b.SelfAssessments[0].ID = "s1/2025" }},
		{"SelfSchoolNotInBundle", func(b *bundle.Bundle) { b.SelfAssessments[0].SchoolID, b.SelfAssessments[0].ID = "s9", "s9/2026" }},
		{"SelfStandardNotInBundle", func(b *bundle.Bundle) { b.SelfAssessments[0].StandardID = "nope" }},
		{"SelfStandardOfAnotherYear", func(b *bundle.Bundle) {
			b.SelfAssessments[0].Year, b.SelfAssessments[0].ID, b.SelfAssessments[0].StandardID = 2025, "s1/2025", "veto-2026"
		}},
		{"SelfNotAYear", func(b *bundle.Bundle) { b.SelfAssessments[0].Year, b.SelfAssessments[0].ID = 0, "s1/0" }},
		{"SelfUnknownItem", func(b *bundle.Bundle) {
			b.SelfAssessments[0].Answers["9.9"] = checklist.SelfAnswer{Verdict: checklist.Met, Source: checklist.SourcePaper, At: t0}
		}},
		{"SelfUnknownVerdict", func(b *bundle.Bundle) {
			a := b.SelfAssessments[0].Answers["1.1"]
			a.Verdict = "great"
			b.SelfAssessments[0].Answers["1.1"] = a
		}},
		{"SelfUnknownSource", func(b *bundle.Bundle) {
			a := b.SelfAssessments[0].Answers["1.1"]
			a.Source = "fax"
			b.SelfAssessments[0].Answers["1.1"] = a
		}},
		{"SelfHugeValue", func(b *bundle.Bundle) {
			a := b.SelfAssessments[0].Answers["1.1"]
			a.Value = 1e300
			b.SelfAssessments[0].Answers["1.1"] = a
		}},
		{"SelfEscapeInNote", func(b *bundle.Bundle) {
			a := b.SelfAssessments[0].Answers["1.1"]
			a.Note = "见\x1b]52;c;aGk=\x07"
			b.SelfAssessments[0].Answers["1.1"] = a
		}},
		{"SelfNewlineInBy", func(b *bundle.Bundle) {
			a := b.SelfAssessments[0].Answers["1.1"]
			a.By = "张\n干事"
			b.SelfAssessments[0].Answers["1.1"] = a
		}},
		{"SelfBidiInSigner", func(b *bundle.Bundle) { b.SelfAssessments[0].SignedBy = "张\u202e书记" }},
		{"SelfLongSigner", func(b *bundle.Bundle) { b.SelfAssessments[0].SignedBy = strings.Repeat("张", 201) }},
		{"SelfSignedOnWithoutSigner", func(b *bundle.Bundle) { b.SelfAssessments[0].SignedBy = "" }},
		{"SelfNoVersions", func(b *bundle.Bundle) { b.SelfAssessments[0].Versions = nil }},
		{"SelfBadDatabaseID", func(b *bundle.Bundle) { b.SelfAssessments[0].Versions = map[string]uint64{"db\x07": 1} }},
		{"SelfNoChangeTime", func(b *bundle.Bundle) { b.SelfAssessments[0].UpdatedAt = time.Time{} }},
		{"SelfTwice", func(b *bundle.Bundle) { b.SelfAssessments = append(b.SelfAssessments, b.SelfAssessments[0]) }},
		{"VetoIDNotSchoolYearSituation", func(b *bundle.Bundle) { b.Vetoes[0].ID = "s2/weak" }},
		{"VetoEscapeInID", func(b *bundle.Bundle) { b.Vetoes[0].ID = "s2/2026/weak\x1b[2J" }},
		{"VetoSchoolNotInBundle", func(b *bundle.Bundle) { b.Vetoes[0].SchoolID, b.Vetoes[0].ID = "s9", "s9/2026/weak" }},
		{"VetoUnknownSituation", func(b *bundle.Bundle) { b.Vetoes[0].SituationID, b.Vetoes[0].ID = "rain", "s2/2026/rain" }},
		{"VetoStandardWithoutSituations", func(b *bundle.Bundle) { b.Vetoes[0].StandardID = b.Standards[0].ID }},
		{"VetoStandardOfAnotherYear", func(b *bundle.Bundle) { b.Vetoes[0].Year, b.Vetoes[0].ID = 2025, "s2/2025/weak" }},
		{"VetoNoReason", func(b *bundle.Bundle) { b.Vetoes[0].Reason = "" }},
		{"VetoNoRecorder", func(b *bundle.Bundle) { b.Vetoes[0].RecordedBy = "" }},
		{"VetoControlInReason", func(b *bundle.Bundle) { b.Vetoes[0].Reason = "通报\x00" }},
		{"VetoLiftWithoutReason", func(b *bundle.Bundle) { b.Vetoes[1].LiftReason = "" }},
		{"VetoLiftWithoutTime", func(b *bundle.Bundle) { b.Vetoes[1].LiftedAt = time.Time{} }},
		{"VetoLiftedBeforeRecorded", func(b *bundle.Bundle) { b.Vetoes[1].LiftedAt = t0.Add(-time.Hour) }},
		{"VetoChangedBeforeLifted", func(b *bundle.Bundle) { b.Vetoes[1].UpdatedAt = t0 }},
		{"VetoNoVersions", func(b *bundle.Bundle) { b.Vetoes[0].Versions = nil }},
		{"VetoTwice", func(b *bundle.Bundle) { b.Vetoes[1] = b.Vetoes[0] }},
		{"StageNotAYear", func(b *bundle.Bundle) { b.YearStages[0].Year = 10000 }},
		{"StageUnknown", func(b *bundle.Bundle) { b.YearStages[0].Stage = "named" }},
		{"StagePublicityTooLong", func(b *bundle.Bundle) { b.YearStages[0].PublicTo = checklist.Date{Year: 2027, Month: 3, Day: 1} }},
		{"StageConfirmedWithinPublicity", func(b *bundle.Bundle) { b.YearStages[0].ConfirmedOn = checklist.Date{Year: 2026, Month: 12, Day: 5} }},
		{"StageConfirmedByNobody", func(b *bundle.Bundle) { b.YearStages[0].ConfirmedBy = "" }},
		{"StageInitialWithNamed", func(b *bundle.Bundle) {
			b.YearStages[0].Stage, b.YearStages[0].PublicFrom, b.YearStages[0].PublicTo = checklist.StageInitial, checklist.Date{}, checklist.Date{}
		}},
		{"StageNamedSchoolNotInBundle", func(b *bundle.Bundle) { b.YearStages[0].Named[0].SchoolID = "s9" }},
		{"StageNamedTwice", func(b *bundle.Bundle) {
			b.YearStages[0].Named = append(b.YearStages[0].Named, b.YearStages[0].Named[0])
		}},
		{"StageNamedStars", func(b *bundle.Bundle) { b.YearStages[0].Named[0].Stars = 99 }},
		{"StageHistoryOfAnotherYear", func(b *bundle.Bundle) { b.YearStages[0].History[0].Year = 2025 }},
		{"StageHistoryEscape", func(b *bundle.Bundle) { b.YearStages[0].History[1].By = "王\x1b[31m" }},
		{"StageNoVersions", func(b *bundle.Bundle) { b.YearStages[0].Versions = nil }},
		{"StageTwice", func(b *bundle.Bundle) { b.YearStages = append(b.YearStages, b.YearStages[0]) }},
		{"AuditNotAYear", func(b *bundle.Bundle) { b.YearAudit[0].Year = -1 }},
		{"AuditNoRecord", func(b *bundle.Bundle) { b.YearAudit[0].InspectionID = "" }},
		{"AuditUnknownField", func(b *bundle.Bundle) { b.YearAudit[0].Field = "colour" }},
		{"AuditUnknownVerdict", func(b *bundle.Bundle) { b.YearAudit[0].New = "great" }},
		{"AuditUnknownStage", func(b *bundle.Bundle) { b.YearAudit[2].Old = "named" }},
		{"AuditNoTime", func(b *bundle.Bundle) { b.YearAudit[0].At = time.Time{} }},
		{"AuditEscapeInReason", func(b *bundle.Bundle) { b.YearAudit[1].Reason = "记录\x1b]0;title\x07有误" }},
		{"AuditTwice", func(b *bundle.Bundle) { b.YearAudit = append(b.YearAudit, b.YearAudit[0]) }},
	}
	if err := withYearEnd().Validate(); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := withYearEnd()
			tt.break_(b)
			err := b.Validate()
			if !errors.Is(err, bundle.ErrInvalidData) {
				t.Fatalf("validate: err = %v", err)
			}
			_, err = bundle.Read(bytes.NewReader(encode(t, b)))
			if !errors.Is(err, bundle.ErrInvalidData) {
				t.Fatalf("read: err = %v", err)
			}
			assertSafeError(t, err)
			t.Log(err)
		})
	}
}

// TestReadYearEndText: what only the bytes can hold is refused too: a
// date that is no day, a field no version knows, a year-end record in a
// bundle of a version before them.
func TestReadYearEndText(t *testing.T) {
	text := gunzip(t, encode(t, withYearEnd()))
	tests := []struct{ name, from, to string }{
		{"NoSuchDay", `"signed_on":"2026-11-20"`, `"signed_on":"2026-11-31"`},
		{"NotADate", `"confirmed_on":"2026-12-10"`, `"confirmed_on":"下周"`},
		{"NotATime", `"recorded_at":"2026-11-29T09:00:00Z"`, `"recorded_at":"上午"`},
		{"UnknownField", `"id":"s1/2026","school_id":"s1",`, `"id":"s1/2026","school_id":"s1","score":99,`},
		{"NotAYear", `{"year":2026,"inspection_id":"2026"`, `{"year":"二〇二六","inspection_id":"2026"`},
		{"Version3", `"version":4`, `"version":3`},
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
		})
	}
}

// TestReadVersion3: a bundle written by branchcheck before version 4, of
// a database that held year-end records, is read whole: its visits and
// decisions, and no year-end record.
func TestReadVersion3(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "v3", "li-v3.bundle"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := bundle.Read(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if b.Header.Version != 3 || len(b.Standards) != 1 || len(b.Schools) != 2 || len(b.Inspections) != 2 || len(b.Rectifications) != 1 ||
		len(b.SelfAssessments)+len(b.Vetoes)+len(b.YearStages)+len(b.YearAudit) != 0 {
		t.Errorf("version %d: %d standards, %d schools, %d inspections, %d rectifications, %d/%d/%d/%d year-end records",
			b.Header.Version, len(b.Standards), len(b.Schools), len(b.Inspections), len(b.Rectifications),
			len(b.SelfAssessments), len(b.Vetoes), len(b.YearStages), len(b.YearAudit))
	}
	if err := b.Validate(); err != nil {
		t.Errorf("validate: %v", err)
	}
}

// TestAuditVisitStartedInLockedYear: a visit started in a confirmed year
// has its start in its audit trail, with the reason (status "" to
// draft): a bundle holding one is read; a status "" to anything else is
// not.
func TestAuditVisitStartedInLockedYear(t *testing.T) {
	for _, tt := range []struct {
		new  checklist.Status
		want error
	}{{checklist.Draft, nil}, {checklist.Finalized, bundle.ErrInvalidData}} {
		t.Run(string(tt.new), func(t *testing.T) {
			b := sample()
			b.Audit = append(b.Audit, checklist.Change{InspectionID: "v2", Field: checklist.FieldStatus, New: string(tt.new), By: "王", At: t0, Reason: "补录"})
			if err := b.Validate(); !errors.Is(err, tt.want) {
				t.Errorf("validate: err = %v, want %v", err, tt.want)
			}
			if _, err := bundle.Read(bytes.NewReader(encode(t, b))); !errors.Is(err, tt.want) {
				t.Errorf("read: err = %v, want %v", err, tt.want)
			}
		})
	}
}
