package checklist

import (
	"bytes"

	"golang.org/x/text/collate"
)

// SchoolOrderVersion names the order SchoolOrder's keys encode: the way
// a key is made and the collation tables behind the pinyin. Keys stored
// under another version may order schools differently and must be made
// again.
const SchoolOrderVersion = "school order 1; collation CLDR " + collate.CLDRVersion + ", Unicode " + collate.UnicodeVersion

// SchoolOrder makes the keys that put schools in the lists' order, the
// order of SortSchools: township by pinyin, then name by pinyin (each
// with the text itself breaking ties), then id. Kept beside the schools,
// the keys let a list be read in its order without sorting it. A
// SchoolOrder keeps the collation key of every text it has seen: make one
// for a piece of work, not one for the program's life.
type SchoolOrder struct{ keys *pinyinKeys }

// NewSchoolOrder returns a SchoolOrder.
func NewSchoolOrder() *SchoolOrder { return &SchoolOrder{keys: newPinyinKeys(0)} }

// Key returns the school's key: bytes.Compare of two schools' keys orders
// them as SortSchools does. Only the township, the name and the id count.
func (o *SchoolOrder) Key(sc *School) []byte {
	k := make([]byte, 0, 4*len(sc.Township)+4*len(sc.Name)+len(sc.ID)+16)
	k = appendOrdered(k, o.keys.key(sc.Township))
	k = appendOrdered(k, []byte(sc.Township))
	k = appendOrdered(k, o.keys.key(sc.Name))
	k = appendOrdered(k, []byte(sc.Name))
	return append(k, sc.ID...)
}

// appendOrdered appends part so that parts compare as a sequence: each
// 0x00 in it becomes 0x00 0xFF and it ends with 0x00 0x01, so a part that
// is a prefix of another sorts first and no part's bytes run into the
// next one's.
func appendOrdered(k, part []byte) []byte {
	for {
		i := bytes.IndexByte(part, 0)
		if i < 0 {
			break
		}
		k = append(k, part[:i+1]...)
		k = append(k, 0xFF)
		part = part[i+1:]
	}
	k = append(k, part...)
	return append(k, 0x00, 0x01)
}
