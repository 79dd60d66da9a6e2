package store

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"branchcheck/checklist"
	"branchcheck/i18n"
)

// TestDoctorCountsInBothLanguages: what doctor says of a damaged summary
// and a damaged index of the school list counts its drafts, entries and
// schools in English singular for one and plural otherwise, and the same
// numbers in Chinese.
func TestDoctorCountsInBothLanguages(t *testing.T) {
	// drafts is a summary of a school that lists n drafts.
	drafts := func(n int) func(tx *bolt.Tx, ids []string) error {
		return func(tx *bolt.Tx, ids []string) error {
			sum := &schoolSummary{LastVisit: dayOf(testDate("2026-04-01"))}
			for i := range n {
				sum.Drafts = append(sum.Drafts, visitRef{ID: fmt.Sprintf("made-up-%d", i), Date: dayOf(testDate("2026-04-01"))})
			}
			return putSchoolSummary(tx, ids[0], sum)
		}
	}
	for _, tt := range []struct {
		name          string
		schools, made int // the schools, and the drafts of the first
		damage        func(tx *bolt.Tx, ids []string) error
		zh, en        string
	}{
		{"Drafts1", 1, 2, drafts(1),
			"的汇总（最近一次检查 2026-04-01，草稿 1 份）与检查记录（最近一次检查 2026-04-01，草稿 2 份）不一致",
			"(last visit 2026-04-01, 1 draft) disagrees with its visits (last visit 2026-04-01, 2 drafts)"},
		{"Drafts2", 1, 1, drafts(2),
			"的汇总（最近一次检查 2026-04-01，草稿 2 份）与检查记录（最近一次检查 2026-04-01，草稿 1 份）不一致",
			"(last visit 2026-04-01, 2 drafts) disagrees with its visits (last visit 2026-04-01, 1 draft)"},
		{"IndexOfOneSchool", 1, 0, func(tx *bolt.Tx, ids []string) error {
			return tx.Bucket(bucketSchoolListKeys).Put([]byte("made-up"), []byte("made-up"))
		}, "学校列表的索引有 2 项，学校有 1 所", "the index of the school list has 2 entries for 1 school"},
		{"IndexOfTwoSchools", 2, 0, func(tx *bolt.Tx, ids []string) error {
			return tx.Bucket(bucketSchoolListKeys).Delete([]byte(ids[1]))
		}, "学校列表的索引有 1 项，学校有 2 所", "the index of the school list has 1 entry for 2 schools"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			now := time.Date(2026, 11, 29, 8, 0, 0, 0, time.UTC)
			s, err := Open(filepath.Join(t.TempDir(), "b.db"), Options{NoDailyBackup: true, Now: func() time.Time { now = now.Add(time.Second); return now }})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			var ids []string
			for _, name := range []string{"城关小学", "东河小学"}[:tt.schools] {
				sc, err := s.AddSchool(checklist.School{Name: name, Township: "城关镇"})
				if err != nil {
					t.Fatal(err)
				}
				ids = append(ids, sc.ID)
			}
			for _, date := range []string{"2026-03-01", "2026-04-01"}[2-tt.made:] {
				if _, err := s.CreateInspection(ids[0], "李", testDate(date)); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.db.DB.Update(func(tx *bolt.Tx) error { return tt.damage(tx, ids) }); err != nil {
				t.Fatal(err)
			}
			h, err := s.Check()
			if err != nil {
				t.Fatal(err)
			}
			var zh, en []string
			for _, p := range h.Problems {
				zh, en = append(zh, i18n.Chinese.Error(p)), append(en, i18n.English.Error(p))
			}
			endsWith := func(said []string, want string) bool {
				return slices.ContainsFunc(said, func(s string) bool { return strings.HasSuffix(s, want) })
			}
			if !endsWith(zh, tt.zh) {
				t.Errorf("Chinese:\n%s\nwant a problem that ends %s", strings.Join(zh, "\n"), tt.zh)
			}
			if !endsWith(en, tt.en) {
				t.Errorf("English:\n%s\nwant a problem that ends %s", strings.Join(en, "\n"), tt.en)
			}
		})
	}
}

// TestRectBriefCounted: doctor's brief of a rectification found again
// says how often, in English singular for one.
func TestRectBriefCounted(t *testing.T) {
	for _, tt := range []struct {
		rebounds int
		zh, en   string
	}{
		{1, "，反弹 1 次", ", found again 1 time"},
		{2, "，反弹 2 次", ", found again 2 times"},
	} {
		got := rectBrief(&checklist.Rectification{Rebounds: tt.rebounds})
		if !strings.HasSuffix(got.ZH, tt.zh) || !strings.HasSuffix(got.EN, tt.en) {
			t.Errorf("%d: %q / %q, want them to end %q / %q", tt.rebounds, got.ZH, got.EN, tt.zh, tt.en)
		}
	}
}

// TestPageCheckCounts: the page check counts a page's overflow pages and
// the problems past those it lists in English singular for one.
func TestPageCheckCounts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "small.db")
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	for round := range 2 { // the second round frees the first one's pages
		err := db.Update(func(tx *bolt.Tx) error {
			b, err := tx.CreateBucketIfNotExists([]byte("b"))
			for i := range 300 {
				err = errors.Join(err, b.Put(fmt.Appendf(nil, "k%04d", i), bytes.Repeat([]byte{byte(round)}, 100)))
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	var txid uint64
	var size int64
	db.View(func(tx *bolt.Tx) error { txid, size = uint64(tx.ID()), tx.Size(); return nil })
	db.Close()
	whole, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data, pageSize := whole[:size], os.Getpagesize()
	check := func(d []byte) (*pageChecker, []error) {
		c := newPageChecker(bytes.NewReader(d), uint64(len(d)), uint64(pageSize), uint64(len(d)))
		problems, err := c.run(txid)
		if err != nil {
			t.Fatal(err)
		}
		return c, problems
	}
	c, problems := check(data)
	last := int(c.hwm) - 1 // bbolt writes the freelist last
	page := func(d []byte) []byte { return d[last*pageSize : (last+1)*pageSize] }
	if len(problems) > 0 || !c.reached.has(uint64(last)) || pageOrder.Uint16(page(data)[8:]) != freelistPageFlag {
		t.Fatalf("the sound file: %v; its last page is not its freelist", problems)
	}
	ids := int(pageOrder.Uint16(page(data)[10:]))
	overflow := func(n uint32) []byte {
		d := bytes.Clone(data)
		pageOrder.PutUint32(page(d)[12:], n)
		return d
	}
	// freedPast lists n more pages as free, each past the high water mark:
	// n problems.
	freedPast := func(n int) []byte {
		d := bytes.Clone(data)
		pageOrder.PutUint16(page(d)[10:], uint16(ids+n))
		for j := range n {
			pageOrder.PutUint64(page(d)[pageHeaderSize+8*(ids+j):], c.hwm+uint64(j))
		}
		return d
	}
	for _, tt := range []struct {
		name string
		data []byte
		want string
	}{
		{"OneOverflowPage", overflow(1), fmt.Sprintf("page %d: its 1 overflow page passes the high water mark %d", last, c.hwm)},
		{"TwoOverflowPages", overflow(2), fmt.Sprintf("page %d: its 2 overflow pages pass the high water mark %d", last, c.hwm)},
		{"OneMoreProblem", freedPast(maxPageProblems + 1), "and 1 more problem"},
		{"TwoMoreProblems", freedPast(maxPageProblems + 2), "and 2 more problems"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, problems := check(tt.data)
			said := []string{}
			for _, p := range problems {
				said = append(said, p.Error())
			}
			if !slices.Contains(said, tt.want) {
				t.Errorf("the page check says\n%s\nwant %s", strings.Join(said, "\n"), tt.want)
			}
		})
	}
}
