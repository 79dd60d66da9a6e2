// Package store keeps branchcheck's data in one bbolt file: schools,
// standards, inspections with their answers, the audit trail and settings.
// It is the only package that imports bbolt.
//
// Every change is its own committed transaction before the call returns:
// when SetVerdict returns nil the answer is on disk, so a killed process or
// a dead battery loses nothing that was shown as saved.
//
// # Layout
//
//	meta/                              bucket
//	    schema_version  -> uint64, 8 bytes big-endian
//	    database_id     -> UUID text: this database's name in version vectors
//	    created_at      -> RFC 3339 text
//	    last_backup     -> YYYY-MM-DD of the last daily backup
//	    last_check      -> YYYY-MM-DD of the last full consistency check
//	    last_value_check -> YYYY-MM-DD of the last check that every value decodes
//	    school_list_version -> the order and layout school_list was written in
//	settings/                          bucket
//	    <key>           -> text (e.g. "inspector": the name last used)
//	schools/                           bucket
//	    <school id>     -> value(checklist.School)
//	school_names/                      bucket: index for finding a school by name (schema 2)
//	    <township> 0x00 <name> -> school id
//	standards/                         bucket: every standard ever used or installed
//	    <standard id>   -> value(checklist.Standard)
//	standard_years/                    bucket: the standard installed for a year
//	    <YYYY>          -> standard id
//	inspections/                       bucket
//	    <inspection id> -> value(checklist.Inspection), answers included
//	inspection_years/                  bucket: index for loading a year
//	    <YYYY>/                        bucket
//	        <inspection id> -> empty
//	school_inspections/                bucket: index for a school's visits
//	    <school id>/                   bucket
//	        <inspection id> -> empty
//	audit/                             bucket: append-only
//	    <inspection id>/               bucket
//	        <sequence, 8 bytes BE> -> value(checklist.Change)
//	school_summaries/                  bucket: each visited school's visits in brief (schema 2)
//	    <school id>     -> value(schoolSummary): last visit date, drafts in progress
//	year_summaries/                    bucket: what each year's rating comes from (schema 2)
//	    <YYYY>/                        bucket
//	        <school id> -> value(ratedVisit): the school's latest finalized
//	                       visit of the year: id, date, finalized at,
//	                       inspector, standard id, its verdicts packed
//	                       with the numbers entered for deduction and
//	                       bonus items (schema 4)
//	rectifications/                    bucket: the 整改事项 (schema 3)
//	    <school id>/                   bucket
//	        <visit id>/<item id> -> value(checklist.Rectification): the
//	                       problem a finalized visit found (the visit that
//	                       found it, the item), as derived from the
//	                       school's finalized visits, with what people
//	                       decided about it (Actions: deadline, person
//	                       responsible, the school's report, a closure by
//	                       hand) and its version vector
//	self_assessments/                  bucket: the branches' own assessments, 支部自评 (schema 4)
//	    <YYYY>/                        bucket
//	        <school id> -> value(checklist.SelfAssessment)
//	vetoes/                            bucket: veto situations recorded, 一票否决情形 (schema 4)
//	    <YYYY>/                        bucket
//	        <school id>/<situation id> -> value(checklist.VetoRecord); never
//	                       deleted: a record that no longer applies is lifted
//	year_stages/                       bucket: where each year's rating stands (schema 4)
//	    <YYYY>          -> value(checklist.YearStage); none: 初评
//	school_list/                       bucket: the schools list's lines in its order (schema 5)
//	    <order key>     -> row: a school's fields that a list shows, its
//	                       last visit and drafts, each year's rated visit
//	                       with its score (see schoollist.go); the
//	                       key is checklist.SchoolOrder's (township and
//	                       name by pinyin, then id)
//	school_list_keys/                  bucket: each school's row key (schema 5)
//	    <school id>     -> its order key in school_list
//	school_list_stale/                 bucket: schools whose rows are to be made
//	    <school id>     -> empty           again before the transaction commits (schema 5)
//	year_audit/                        bucket: append-only (schema 4)
//	    <YYYY>/                        bucket
//	        <sequence, 8 bytes BE> -> value(checklist.Change): a change to
//	                       the year's stage, a self-assessment or a veto
//	                       record; its InspectionID names the record (see
//	                       YearAudit)
//
// A confirmed year (确定, checklist.YearStage.Locked) is locked: every
// write to a visit dated in it, a self-assessment or a veto record of it
// asks checkYearLock first and needs a reason, which goes to the audit
// trail with the change (the visit's own, or year_audit). See yearlock.go.
//
// The summaries, school_names and school_list are kept in the same
// transaction as every change they summarise (putSchool, putInspection,
// putInspectionValue, DeleteDraft), so the schools list and a year's rating read one small
// record per school whatever the number of visits ever made.
//
// The rectifications' derived part is worked out again from the school's
// finalized visits (checklist.DeriveRectifications) in the same
// transaction as every change that can alter it: a visit finalized or
// reopened (putInspection, putInspectionValue, for a visit that was ever
// finalized), the school's secretary changed (putSchool), a rectification
// closed by hand; a bundle import works out each school whose visits or
// decisions it merged once, at its end. Only what changed is written. A
// rectification no visit derives any more is kept, withdrawn, with its
// Actions and nothing derived, while someone decided something about it
// (its Actions were people's decisions), and deleted if not. Those change
// only through the Store's rectification methods, each recorded in the
// audit trail under the visit that found the problem (field
// "rectification"), and through a bundle import, which merges them
// (checklist.MergeRectDecisions). doctor
// (Check) derives every school's rectifications again and compares;
// RepairSummaries rewrites those that disagree, keeping their Actions. The
// summaries hold copies of what the schools and visits say, never a score
// or stars: those are computed from the verdicts when read, under the
// visit's standard. The school list alone keeps scores, made from those
// verdicts under the scoring rules it names (schoollist.go), and is made
// again under any other, so a change of the scoring rules never leaves a
// stale figure behind. doctor (Check) rebuilds the summaries and the
// school list from the visits and compares; RepairSummaries rebuilds them.
//
// A value is one version byte followed by CBOR (RFC 8949) with the
// domain types' JSON field names (the summaries: their own types'); the
// version is that of the value's
// encoding, checked on every read. CBOR rather than JSON because decoding
// is three times faster and an answer is saved, read and decoded on every
// key an inspector presses. Ids are UUIDv7 text, which
// sorts by creation time. Item ids (3.10, 3.2) never serve as sort keys:
// display order comes from the standard. Scores and stars are computed
// from the answers (or the verdicts a summary copies) and the standard;
// the school list keeps them, under the rules it names, only to show the
// schools list without scoring every school again.
package store

import (
	"branchcheck/checklist"
	"encoding/binary"
	"fmt"

	"github.com/fxamacker/cbor/v2"
)

// schemaVersion is the layout above. A database with a higher version was
// written by a newer branchcheck and is refused; a lower one is migrated
// after a backup.
const schemaVersion = 5

// valueVersion is the encoding version byte in front of every value.
const valueVersion byte = 1

var (
	bucketMeta              = []byte("meta")
	bucketSettings          = []byte("settings")
	bucketSchools           = []byte("schools")
	bucketStandards         = []byte("standards")
	bucketStandardYears     = []byte("standard_years")
	bucketInspections       = []byte("inspections")
	bucketInspectionYears   = []byte("inspection_years")
	bucketSchoolInspections = []byte("school_inspections")
	bucketAudit             = []byte("audit")
	bucketSchoolNames       = []byte("school_names")
	bucketSchoolSummaries   = []byte("school_summaries")
	bucketYearSummaries     = []byte("year_summaries")
	bucketRectifications    = []byte("rectifications")
	bucketSelfAssessments   = []byte("self_assessments")
	bucketVetoes            = []byte("vetoes")
	bucketYearStages        = []byte("year_stages")
	bucketYearAudit         = []byte("year_audit")

	topBuckets = [][]byte{
		bucketMeta, bucketSettings, bucketSchools, bucketStandards, bucketStandardYears,
		bucketInspections, bucketInspectionYears, bucketSchoolInspections, bucketAudit,
		bucketSchoolNames, bucketSchoolSummaries, bucketYearSummaries, bucketRectifications,
		bucketSelfAssessments, bucketVetoes, bucketYearStages, bucketYearAudit,
		bucketSchoolList, bucketSchoolListKeys, bucketSchoolListStale,
	}

	keySchemaVersion = []byte("schema_version")
	keyDatabaseID    = []byte("database_id")
	keyCreatedAt     = []byte("created_at")
	keyLastBackup    = []byte("last_backup")
	keyLastCheck     = []byte("last_check")
	// keyLastValueCheck: the day every value was last decoded (checkValues).
	keyLastValueCheck = []byte("last_value_check")
)

// codec encodes and decodes values. dec refuses duplicate map keys;
// bulk, used where thousands of visits are decoded for a read model, lets
// them pass (the last one wins): our encoder never writes them, and doctor
// decodes every value with dec. It is a quarter faster. Times are whole seconds since the
// epoch (the store's clock has no finer grain, see Store.now) and come
// back in the local time zone. Map keys are not sorted (sorting costs a
// tenth of a save), so equal values may encode to different bytes:
// compare decoded values, never encodings.
type codec struct {
	enc  cbor.EncMode
	dec  cbor.DecMode
	bulk cbor.DecMode
}

func newCodec() codec {
	enc, err := cbor.EncOptions{Time: cbor.TimeUnix}.EncMode()
	if err != nil {
		panic(err) // the options are constant
	}
	dec, err := cbor.DecOptions{DupMapKey: cbor.DupMapKeyEnforcedAPF}.DecMode()
	if err != nil {
		panic(err)
	}
	bulk, err := cbor.DecOptions{DupMapKey: cbor.DupMapKeyQuiet}.DecMode()
	if err != nil {
		panic(err)
	}
	return codec{enc: enc, dec: dec, bulk: bulk}
}

// values is the one codec; it holds no state beyond its options.
var values = newCodec()

// encode writes a value: the version byte, then CBOR.
func encode(v any) ([]byte, error) {
	b, err := values.enc.Marshal(v)
	if err != nil {
		return nil, err
	}
	return append([]byte{valueVersion}, b...), nil
}

// decode reads a value written by encode. The bytes are bbolt's, valid only
// inside the transaction: the decoder copies what it keeps.
func decode(b []byte, v any) error {
	if err := checkVersion(b); err != nil {
		return err
	}
	return notDecoded(values.dec.Unmarshal(b[1:], v))
}

// decodeBulk is decode with the bulk decoder (see codec).
func decodeBulk(b []byte, v any) error {
	if err := checkVersion(b); err != nil {
		return err
	}
	return notDecoded(values.bulk.Unmarshal(b[1:], v))
}

// notDecoded words the decoder's error, if any: the record is damaged. The
// decoder's own words (CBOR's) are said in English only.
func notDecoded(err error) error {
	if err == nil {
		return nil
	}
	return checklist.Errorf(ErrDamaged, checklist.Text{ZH: "记录已损坏，无法读取（请运行 branchcheck doctor 查看，或从备份恢复）%.0s", EN: "%s"}, err.Error())
}

func checkVersion(b []byte) error {
	if len(b) == 0 {
		return checklist.Errorf(ErrDamaged, checklist.Text{ZH: "记录是空的", EN: "empty value"})
	}
	if b[0] != valueVersion {
		return checklist.Errorf(ErrDamaged, checklist.Text{ZH: "记录的编码版本是 %d，本程序读的是 %d", EN: "value encoding version %d, this program reads %d"}, b[0], valueVersion)
	}
	return nil
}

func u64(v uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, v)
	return b
}

func yearKey(y int) []byte { return []byte(fmt.Sprintf("%04d", y)) }
