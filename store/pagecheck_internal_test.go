package store

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// randomBoltFile writes a bbolt file shaped as branchcheck's are, and
// then some: top-level buckets of many keys (trees three levels deep),
// buckets in buckets (some inline, some deep), values long enough to
// overflow their page, and keys deleted across transactions so that the
// freelist has pages on it. It returns the file's path.
func randomBoltFile(t *testing.T, rng *rand.Rand) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "random.db")
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	value := func() []byte {
		n := rng.IntN(200)
		if rng.IntN(40) == 0 {
			n = 4096 + rng.IntN(12000) // over a page
		}
		v := make([]byte, n)
		for i := range v {
			v[i] = byte(rng.UintN(256))
		}
		return v
	}
	key := func(i int) []byte { return fmt.Appendf(nil, "k%06d-%d", i, rng.IntN(1000)) }
	for round := range 3 {
		err := db.Update(func(tx *bolt.Tx) error {
			for b := range 4 {
				top, err := tx.CreateBucketIfNotExists(fmt.Appendf(nil, "top%d", b))
				if err != nil {
					return err
				}
				for i := range 150 + rng.IntN(300) {
					if err := top.Put(key(i), value()); err != nil {
						return err
					}
				}
				for sub := range 6 {
					inner, err := top.CreateBucketIfNotExists(fmt.Appendf(nil, "sub%d", sub))
					if err != nil {
						return err
					}
					for i := range []int{2, 5, 80, 300, 1, 30}[sub] {
						if err := inner.Put(key(i), value()); err != nil {
							return err
						}
					}
					if sub == 3 {
						deep, err := inner.CreateBucketIfNotExists([]byte("deep"))
						if err != nil {
							return err
						}
						for i := range 150 {
							if err := deep.Put(key(i), value()); err != nil {
								return err
							}
						}
					}
				}
				// Deleted keys free pages for the freelist.
				if round > 0 {
					c := top.Cursor()
					n := 0
					for k, _ := c.First(); k != nil; k, _ = c.Next() {
						if n++; n%3 == 0 && !bytes.HasPrefix(k, []byte("sub")) {
							if err := c.Delete(); err != nil {
								return err
							}
						}
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return path
}

// usedBytes is how much of the bbolt file at path its pages use.
func usedBytes(t *testing.T, path string) int64 {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var size int64
	db.View(func(tx *bolt.Tx) error { size = tx.Size(); return nil })
	return size
}

// damage changes one page of a bbolt file's data (pages of pageSize) at
// random, as a failing disk or a bad copy would, and says what it did.
func damage(rng *rand.Rand, data []byte, pageSize int) string {
	pages := len(data) / pageSize
	id := 2 + rng.IntN(pages-2)
	if rng.IntN(30) == 0 {
		id = rng.IntN(2) // a meta page, now and then
	}
	page := data[id*pageSize : (id+1)*pageSize]
	var what string
	switch rng.IntN(7) {
	case 0, 1: // a few bytes of the header and the first elements
		n := 1 + rng.IntN(3)
		for range n {
			at := rng.IntN(64)
			page[at] ^= byte(1 + rng.IntN(255))
		}
		what = fmt.Sprintf("%d bytes near the start of page %d", n, id)
	case 2: // a byte anywhere
		at := rng.IntN(pageSize)
		page[at] ^= byte(1 + rng.IntN(255))
		what = fmt.Sprintf("byte %d of page %d", at, id)
	case 3:
		clear(page)
		what = fmt.Sprintf("page %d zeroed", id)
	case 4:
		from := 2 + rng.IntN(pages-2)
		copy(page, data[from*pageSize:(from+1)*pageSize])
		what = fmt.Sprintf("page %d overwritten by page %d", id, from)
	case 5: // a child of a branch, or a bucket's root, sent elsewhere
		count := int(pageOrder.Uint16(page[10:]))
		if count == 0 {
			count = 1
		}
		at := pageHeaderSize + rng.IntN(min(count, (pageSize-pageHeaderSize)/pageElementSize))*pageElementSize + 8
		pageOrder.PutUint64(page[at:], uint64(rng.IntN(pages+4)))
		what = fmt.Sprintf("an element's page id on page %d", id)
	case 6: // the number of elements, or the overflow
		at := 10 + 2*rng.IntN(2)
		pageOrder.PutUint16(page[at:], uint16(rng.IntN(600)))
		what = fmt.Sprintf("count or overflow of page %d", id)
	}
	return what
}

// bothChecks runs the page check and bbolt's check of the file at path.
// It skips bbolt's check (run says false) where the page check finds
// what makes bbolt's check fault or loop, which would end the test.
func bothChecks(t *testing.T, path string) (ours, theirs []error, run bool, openErr error) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		return nil, nil, false, err
	}
	defer db.Close()
	err = db.View(func(tx *bolt.Tx) error {
		var err error
		if ours, err = checkPages(tx, path); err != nil {
			return err
		}
		for _, p := range ours {
			if pp, ok := p.(*pageProblem); ok && pp.kind == problemBboltFaults {
				return nil
			}
		}
		run = true
		for err := range tx.Check() {
			theirs = append(theirs, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ours, theirs, run, nil
}

// TestPageCheckAgreesWithBbolt damages random files at random and checks
// the page check against bbolt's check on each: on a sound file neither
// finds anything; whatever bbolt finds, the page check finds; and what
// the page check finds that bbolt finds too (problemAsBbolt), bbolt
// does find. bbolt's check is not run where the page check finds that it
// would fault (its faults would end the test) and what it is blind to
// (problemBboltBlind) is not asked of it.
func TestPageCheckAgreesWithBbolt(t *testing.T) {
	files, rounds := 3, 200
	if testing.Short() || raceEnabled {
		files, rounds = 2, 60
	}
	var compared, skipped, unopened, found int
	for f := range files {
		seed := uint64(f + 1)
		rng := rand.New(rand.NewPCG(seed, 16))
		sound := randomBoltFile(t, rng)
		ours, theirs, run, err := bothChecks(t, sound)
		if err != nil || !run || len(ours) > 0 || len(theirs) > 0 {
			t.Fatalf("file %d, sound: open %v; page check %v; bbolt %v", f, err, ours, theirs)
		}
		sum := fileHash(t, sound)
		pageSize := os.Getpagesize()
		// The pages in use: bbolt grows its file ahead, by megabytes.
		used := usedBytes(t, sound)
		path := filepath.Join(t.TempDir(), "damaged.db")
		whole, err := os.ReadFile(sound)
		if err != nil {
			t.Fatal(err)
		}
		data := make([]byte, used)
		for round := range rounds {
			copy(data, whole)
			what := damage(rng, data, pageSize)
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			ours, theirs, run, err := bothChecks(t, path)
			if err != nil {
				unopened++
				continue
			}
			if len(ours) > 0 {
				found++
			}
			if !run {
				skipped++
				continue
			}
			compared++
			kinds := map[pageProblemKind]bool{}
			for _, p := range ours {
				if pp, ok := p.(*pageProblem); ok {
					kinds[pp.kind] = true
				}
			}
			switch {
			case len(theirs) > 0 && len(ours) == 0:
				t.Errorf("file %d round %d (%s): bbolt finds %v, the page check nothing", f, round, what, theirs)
			case kinds[problemAsBbolt] && len(theirs) == 0:
				t.Errorf("file %d round %d (%s): the page check finds %v, bbolt nothing", f, round, what, ours)
			}
		}
		if fileHash(t, sound) != sum {
			t.Fatalf("the sound file %d changed", f)
		}
	}
	t.Logf("%d damaged files compared, %d left to the page check alone, %d that bbolt does not open; the page check found damage in %d", compared, skipped, unopened, found)
	if compared < found/3 || found < files*rounds/10 {
		t.Errorf("too few comparisons to tell: %d compared, %d with damage found", compared, found)
	}
}

// TestPageCheckOfAStore: a database the store wrote, with its schools,
// visits and rectifications, passes the page check, and so does every
// store every other test opens (verify makes it on small files).
func TestPageCheckOfAStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bc.db")
	s, err := Open(path, Options{Now: dayClock("2026-11-29"), NoDailyBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := GenerateForBench(s, BenchData{Schools: 200, Townships: 6, Years: 2, VisitsPerYear: 2, LastYear: 2026}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	ours, theirs, run, err := bothChecks(t, path)
	if err != nil || !run || len(ours) > 0 || len(theirs) > 0 {
		t.Fatalf("open %v; page check %v; bbolt %v", err, ours, theirs)
	}
}

// TestPageCheckFinds: damage made on purpose is found and named by the
// page check; bbolt's check finds it too, where it can run (faults ends
// it for what would make it fault or loop for ever).
func TestPageCheckFinds(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	sound := randomBoltFile(t, rng)
	pageSize := os.Getpagesize()
	used := usedBytes(t, sound)
	whole, err := os.ReadFile(sound)
	if err != nil {
		t.Fatal(err)
	}
	data := whole[:used]
	// The pages in use by type (a free page may look like one in use).
	db, err := bolt.Open(sound, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	inUse := map[uint16][]int{}
	err = db.View(func(tx *bolt.Tx) error {
		c := newPageChecker(bytes.NewReader(data), uint64(len(data)), uint64(pageSize), uint64(tx.Size()))
		if problems, err := c.run(uint64(tx.ID())); err != nil || len(problems) > 0 {
			return fmt.Errorf("sound file: %v %v", problems, err)
		}
		for id := 2; id < int(c.hwm); id++ {
			p := data[id*pageSize:]
			if c.reached.has(uint64(id)) && pageOrder.Uint64(p) == uint64(id) {
				flags := pageOrder.Uint16(p[8:])
				inUse[flags] = append(inUse[flags], id)
			}
		}
		return nil
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(inUse[branchPageFlag]) == 0 || len(inUse[leafPageFlag]) == 0 || len(inUse[freelistPageFlag]) != 1 {
		t.Fatalf("pages in use by type: %v", inUse)
	}
	branch, leaf, freelist := inUse[branchPageFlag][0], inUse[leafPageFlag][0], inUse[freelistPageFlag][0]
	if n := pageOrder.Uint16(data[freelist*pageSize+10:]); n < 2 || n == freelistOverCnt {
		t.Fatalf("the freelist holds %d ids", n)
	}
	at := func(id, offset int) []byte { return data[id*pageSize+offset:] }
	elem := func(i int) int { return pageHeaderSize + i*pageElementSize }
	tests := []struct {
		name   string
		change func(d []byte)
		want   string
		faults bool // bbolt's check would fault or loop on it
	}{
		{"a child past the file's end", func(d []byte) {
			pageOrder.PutUint64(d[branch*pageSize+elem(0)+8:], uint64(len(d)/pageSize+1000))
		}, "out of bounds", true},
		{"a child that is the branch itself", func(d []byte) {
			pageOrder.PutUint64(d[branch*pageSize+elem(0)+8:], uint64(branch))
		}, "leads back", true},
		{"a key far outside the page", func(d []byte) {
			pageOrder.PutUint32(d[branch*pageSize+elem(0):], 1<<30)
		}, "outside the page", true},
		{"more elements than the page holds", func(d []byte) {
			pageOrder.PutUint16(d[branch*pageSize+10:], 0xFFF0)
		}, "do not fit", true},
		{"two elements with one child", func(d []byte) {
			child := pageOrder.Uint64(at(branch, elem(0)+8))
			pageOrder.PutUint64(d[branch*pageSize+elem(1)+8:], child)
		}, "multiple references", false},
		{"a page freed twice", func(d []byte) {
			first := pageOrder.Uint64(at(freelist, pageHeaderSize))
			pageOrder.PutUint64(d[freelist*pageSize+pageHeaderSize+8:], first)
		}, "already freed", false},
		{"a page in use on the freelist", func(d []byte) {
			pageOrder.PutUint64(d[freelist*pageSize+pageHeaderSize:], uint64(leaf))
		}, "reachable freed", false},
		{"keys out of order", func(d []byte) {
			pos := pageOrder.Uint32(at(leaf, elem(1)+4))
			d[leaf*pageSize+elem(1)+int(pos)] = 0 // the second key's first byte: now before the first key
		}, "needs to be >", false},
		{"a page that names another", func(d []byte) {
			pageOrder.PutUint64(d[leaf*pageSize:], uint64(leaf+1))
		}, "self identifies", false},
		{"a page no longer reached", func(d []byte) {
			pageOrder.PutUint16(d[branch*pageSize+10:], pageOrder.Uint16(at(branch, 10))-1)
		}, "unreachable unfreed", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "damaged.db")
			changed := slices.Clone(data)
			tt.change(changed)
			if err := os.WriteFile(path, changed, 0o600); err != nil {
				t.Fatal(err)
			}
			ours, theirs, run, err := bothChecks(t, path)
			if err != nil {
				t.Fatal(err)
			}
			if joined := errors.Join(ours...); joined == nil || !strings.Contains(joined.Error(), tt.want) {
				t.Fatalf("page check: %v; want %q", joined, tt.want)
			}
			if run == tt.faults || !tt.faults && len(theirs) == 0 {
				t.Fatalf("bbolt's check run %v (want %v): %v", run, !tt.faults, theirs)
			}
		})
	}
}

// TestPageCheckLeavesToBbolt: a file that keeps no freelist, which the
// page check cannot follow, gets bbolt's check instead, and passes.
func TestPageCheckLeavesToBbolt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nofreelist.db")
	db, err := bolt.Open(path, 0o600, &bolt.Options{NoFreelistSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	fillBucket(t, db, 2000)
	err = db.View(func(tx *bolt.Tx) error {
		if _, err := checkPages(tx, path); !errors.Is(err, errLeftToBbolt) {
			t.Errorf("page check: %v; want it left to bbolt", err)
		}
		if problems, err := structureProblems(tx, path); err != nil || len(problems) > 0 {
			t.Errorf("structure: %v %v", problems, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestPageCheckWhileWritten: a read transaction's check sees the file as
// the transaction does, writes committed meanwhile and all; if both meta
// pages were written again before it began, it says so, and does not call
// the file damaged.
func TestPageCheckWhileWritten(t *testing.T) {
	path := filepath.Join(t.TempDir(), "busy.db")
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	fillBucket(t, db, 2000)
	for _, commits := range []int{1, 2} {
		err = db.View(func(tx *bolt.Tx) error {
			for i := range commits {
				fillBucket(t, db, 10*(i+1)) // frees pages the transaction still reads
			}
			problems, err := structureProblems(tx, path)
			switch {
			case commits == 1 && (err != nil || len(problems) > 0):
				t.Errorf("one write meanwhile: %v %v", problems, err)
			case commits == 2 && (!errors.Is(err, errWrittenMeanwhile) || len(problems) > 0):
				t.Errorf("two writes meanwhile: %v %v", problems, err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// fillBucket puts n keys into the bucket b of db, in one transaction.
func fillBucket(t *testing.T, db *bolt.DB, n int) {
	t.Helper()
	err := db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists([]byte("b"))
		if err != nil {
			return err
		}
		for i := range n {
			if err := b.Put(fmt.Appendf(nil, "k%05d", i), bytes.Repeat([]byte{'v'}, 100)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestPageCheckOfALongFreelist: a freelist of more than 65,535 pages
// (its count then in its first element, not its header) is read as
// bbolt writes it, and a sound file with one passes. Small pages make
// the file small.
func TestPageCheckOfALongFreelist(t *testing.T) {
	path := filepath.Join(t.TempDir(), "freed.db")
	db, err := bolt.Open(path, 0o600, &bolt.Options{PageSize: 512})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	value := bytes.Repeat([]byte{'v'}, 200)
	for round := range 4 {
		err := db.Update(func(tx *bolt.Tx) error {
			b, err := tx.CreateBucketIfNotExists([]byte("b"))
			if err != nil {
				return err
			}
			for i := range 40000 {
				if err := b.Put(fmt.Appendf(nil, "k%d-%06d", round, i), value); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Update(func(tx *bolt.Tx) error { return tx.DeleteBucket([]byte("b")) }); err != nil {
		t.Fatal(err)
	}
	// Freed by the last write, the pages are pending until the next; the
	// freelist written holds both.
	if st := db.Stats(); st.FreePageN+st.PendingPageN <= freelistOverCnt {
		free := st.FreePageN + st.PendingPageN
		t.Fatalf("%d pages free: too few to keep the count in the freelist's first element", free)
	}
	err = db.View(func(tx *bolt.Tx) error {
		if problems, err := checkPages(tx, path); err != nil || len(problems) > 0 {
			t.Errorf("page check: %v %v", problems, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
