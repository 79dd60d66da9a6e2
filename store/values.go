package store

import (
	"encoding/binary"
	"fmt"
	"runtime"
	"sync"

	bolt "go.etcd.io/bbolt"

	"branchcheck/checklist"
)

// The check of values. bbolt's consistency check (verify) sees the pages,
// not what they hold: a value with a few bytes overwritten inside it
// passes it, and then every read that meets the value fails (a year's
// rating, the schools list). Writing on top of such a database would bury
// the damage under new changes and new backups, so once a day, on the
// first open that may write (and on a bundle import), every value is
// decoded into its type, on every processor; a value that does not decode
// stops every write, naming the record (Store.Writable). Between these
// checks, a write to a record whose stored value does not decode is
// refused by the decode that every change makes of the record it changes
// (getSchool, getInspection, the summaries), naming it too.
//
// Cost, measured with BenchmarkCounty, BenchmarkCountyTenYears and
// BenchmarkProvince (…/check-values): see the README's performance table.

// valueKind is a bucket whose values are checked: where they are (depth
// nested buckets under the top one: audit/<visit>/<seq> is 1), how each
// decodes, and how the record is named to the user.
type valueKind struct {
	bucket []byte
	depth  int
	check  func(v []byte) error
	// name names the record: parent is the innermost nested bucket's key
	// ("" at depth 0), key the value's.
	name func(parent, key []byte) checklist.Text
}

// valueKinds are the buckets of encoded values. The other buckets hold
// text or nothing (meta, settings, the indexes). A new bucket of encoded
// values adds its line here.
var valueKinds = []valueKind{
	{bucketSchools, 0, decodes[checklist.School], named("学校 %s", "school %s")},
	{bucketStandards, 0, decodes[checklist.Standard], named("标准 %s", "standard %s")},
	{bucketInspections, 0, decodes[checklist.Inspection], named("检查 %s", "inspection %s")},
	{bucketAudit, 1, decodes[checklist.Change], func(parent, key []byte) checklist.Text {
		n := uint64(0)
		if len(key) == 8 {
			n = binary.BigEndian.Uint64(key)
		}
		return checklist.Text{ZH: fmt.Sprintf("检查 %s 的第 %d 条审计记录", parent, n), EN: fmt.Sprintf("audit entry %d of inspection %s", n, parent)}
	}},
	{bucketSchoolSummaries, 0, decodes[schoolSummary], named("学校 %s 的汇总", "the summary of school %s")},
	{bucketYearSummaries, 1, decodes[ratedVisit], func(parent, key []byte) checklist.Text {
		return checklist.Text{ZH: fmt.Sprintf("学校 %s 的 %s 年评定汇总", key, parent), EN: fmt.Sprintf("the %s rating summary of school %s", parent, key)}
	}}, {bucketRectifications, 1, decodes[storedRect], func(parent, key []byte) checklist.Text {
		return checklist.Text{ZH: fmt.Sprintf("学校 %s 的整改事项 %s", parent, key), EN: fmt.Sprintf("rectification %s of school %s", key, parent)}
	}},
	{bucketSchoolList, 0, func(v []byte) error {
		var o checklist.SchoolOverview
		return decodeListRow(v, 0, nil, &o)
	}, func(_, _ []byte) checklist.Text {
		return checklist.Text{ZH: "学校列表中的一行", EN: "a row of the school list"}
	}},
}

func decodes[T any](v []byte) error {
	var x T
	return decode(v, &x)
}

func named(zh, en string) func(parent, key []byte) checklist.Text {
	return func(_, key []byte) checklist.Text {
		return checklist.Text{ZH: fmt.Sprintf(zh, key), EN: fmt.Sprintf(en, key)}
	}
}

// storedValue is one value to check, as bbolt holds it.
type storedValue struct {
	kind        int
	parent, key []byte
	v           []byte
}

// The check of values reads the stored values a batch at a time: up to
// checkBatchBytes of values or checkBatchValues values, decoded on every
// processor; then the pages of the file read for the batch are given
// back (fileMaps.release) before the next one is read. So the file's
// pages never count as the process's memory more than a batch at a time
// (a province's file is two gigabytes), nor does the list of values.
const (
	checkBatchBytes  = 1 << 20
	checkBatchValues = 2048
)

// checkValues decodes every encoded value of the database in tx, on every
// processor, and returns nil when each decodes, else an ErrDamaged error
// naming the first record (in bucket and key order) that does not, with
// how many do not.
func checkValues(tx *bolt.Tx, path string) error {
	maps := mapsOf(path) // where they are until tx ends
	var (
		batch     []storedValue
		batchSize int
		bad       int
		first     *storedValue // the first that does not decode
		cause     error
	)
	check := func() {
		if len(batch) == 0 {
			return
		}
		if b, at, err := decodeBatch(batch); b > 0 {
			if first == nil {
				sv := batch[at]
				first, cause = &sv, err
			}
			bad += b
		}
		batch, batchSize = batch[:0], 0
		maps.release()
	}
	for i, k := range valueKinds {
		top := tx.Bucket(k.bucket)
		if top == nil {
			continue
		}
		var walk func(b *bolt.Bucket, parent []byte, depth int)
		walk = func(b *bolt.Bucket, parent []byte, depth int) {
			if depth == 0 {
				b.ForEach(func(key, v []byte) error {
					if v == nil {
						return nil
					}
					batch = append(batch, storedValue{kind: i, parent: parent, key: key, v: v})
					if batchSize += len(v); batchSize >= checkBatchBytes || len(batch) >= checkBatchValues {
						check()
					}
					return nil
				})
				return
			}
			b.ForEachBucket(func(key []byte) error {
				walk(b.Bucket(key), key, depth-1)
				return nil
			})
		}
		walk(top, nil, k.depth)
	}
	check()
	if first == nil {
		return nil
	}
	what := valueKinds[first.kind].name(first.parent, first.key)
	more := checklist.Text{}
	if bad > 1 {
		more = checklist.Text{ZH: fmt.Sprintf("（共 %d 条记录无法读取）", bad), EN: fmt.Sprintf(" (%d records cannot be read)", bad)}
	}
	return checklist.Errorf(ErrDamaged, checklist.Text{
		ZH: "数据库 %[1]s 已损坏：%[2]s的记录无法读取%[3]s。为免损坏扩大，修复前不再写入。请运行 branchcheck doctor 查看，或从备份恢复（备份在 %[4]s）",
		EN: "the database %[1]s is damaged: the record of %[2]s cannot be read (%[5]v)%[3]s. Nothing more is written to it until it is repaired: run branchcheck doctor to see what is wrong, or restore a backup (backups are in %[4]s)",
	}, path, what, more, BackupDir(path), cause.Error())
}

// decodeBatch decodes each value of batch, split between the processors,
// and returns how many do not decode, the index of the first of them and
// its error.
func decodeBatch(batch []storedValue) (bad, first int, cause error) {
	workers := min(runtime.GOMAXPROCS(0), len(batch))
	var (
		mu sync.Mutex
		wg sync.WaitGroup
	)
	first = len(batch)
	for w := range workers {
		lo, hi := len(batch)*w/workers, len(batch)*(w+1)/workers
		wg.Go(func() {
			for i := lo; i < hi; i++ {
				sv := &batch[i]
				if err := valueKinds[sv.kind].check(sv.v); err != nil {
					mu.Lock()
					bad++
					if i < first {
						first, cause = i, err
					}
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	return bad, first, cause
}

// damagedRecord is the error of a record whose stored value does not
// decode: nothing is written over it.
func damagedRecord(what checklist.Text, err error) error {
	return checklist.Errorf(ErrDamaged, checklist.Text{
		ZH: "%[1]s的记录已损坏，无法读取，不能修改；请运行 branchcheck doctor 查看，或从备份恢复",
		EN: "the record of %[1]s is damaged and cannot be read (%[2]v), so it is not changed; run branchcheck doctor to see what is wrong, or restore a backup",
	}, what, err.Error())
}
