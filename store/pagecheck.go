package store

import (
	"branchcheck/checklist"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"

	bolt "go.etcd.io/bbolt"
)

// The page check is bbolt's consistency check (tx.Check) made again over
// the file read with ReadAt, one page at a time, instead of through
// bbolt's memory map. bbolt's check reads every page of the file through
// the map, and every page it touches counts as the process's memory until
// the kernel is told to take it back: on a large file under load the
// check set the program's memory peak (a province's 2 GiB file: up to 283
// MiB at the first open of a day). Read with ReadAt, the pages stay in the
// page cache and the check holds one page per level of the tree it walks,
// and two bits per page of the file (which pages are free, which are
// reachable): 64 KiB for a province.
//
// It checks what bbolt's check does, in one walk instead of three:
//   - no page is freed twice;
//   - every page of a bucket's tree names itself by its id, is a branch or
//     a leaf page, lies below the high water mark, is not free, and is
//     reached once (its overflow pages too);
//   - the keys of every page are in order, and within the bounds set by
//     the branch page above it;
//   - every page below the high water mark is reachable or free.
//
// And what bbolt's check cannot, because a damaged file makes it fault on
// memory outside the file (a fault that ends the program, since the check
// runs on a goroutine of bbolt's own), loop for ever or overflow its
// stack: a page referred to outside the file or past the high water mark,
// a branch page that leads back to a page already reached, an element
// whose key or value lies outside its page, a free page past the high
// water mark, a tree deeper than any bbolt writes.
//
// It is tested against bbolt's check on randomly damaged files
// (TestPageCheckAgreesWithBbolt).

// The layout of a bbolt file (go.etcd.io/bbolt/internal/common), in the
// byte order of the machine that wrote it: bbolt writes its structures
// as they lie in memory (pageOrder), and reads a file only on a machine
// of the same order.
const (
	pageHeaderSize  = 16 // id uint64, flags uint16, count uint16, overflow uint32
	pageElementSize = 16 // branch: pos, ksize uint32, pgid uint64; leaf: flags, pos, ksize, vsize uint32
	bucketHeaderLen = 16 // root pgid uint64, sequence uint64

	branchPageFlag   = 0x01
	leafPageFlag     = 0x02
	metaPageFlag     = 0x04
	freelistPageFlag = 0x10
	bucketLeafFlag   = 0x01
	anyPageType      = 0xFFFF // for pageChecker.page: a page of any type

	metaMagic       = 0xED0CDAED
	metaVersion     = 2
	metaChecksumAt  = 56 // the checksum covers the meta's bytes before it
	noFreelist      = ^uint64(0)
	freelistOverCnt = 0xFFFF // a freelist's count that says the count is its first element

	// maxTreeDepth bounds the walk: buckets in buckets, and in each the
	// branch pages down to a leaf. bbolt's trees are a few levels deep;
	// only a damaged file goes deeper (a chain of branch pages).
	maxTreeDepth = 64
	// maxPageProblems is how many problems the check lists before it
	// only counts the rest.
	maxPageProblems = 50
)

var pageOrder = binary.NativeEndian

// pageProblemKind sorts what the page check finds by whether bbolt's check
// finds it too (TestPageCheckAgreesWithBbolt holds the two to that).
type pageProblemKind int

const (
	// problemAsBbolt: bbolt's check reports it too.
	problemAsBbolt pageProblemKind = iota
	// problemBboltFaults: bbolt's check faults, loops or overflows its stack on
	// it (a page outside the file, a cycle, an element outside its page,
	// a tree too deep).
	problemBboltFaults
	// problemBboltBlind: bbolt's check reads past it without a word (a
	// free page or a page's overflow past the high water mark).
	problemBboltBlind
)

// pageProblem is one problem the page check found.
type pageProblem struct {
	kind pageProblemKind
	msg  string
}

func (p *pageProblem) Error() string { return p.msg }

// errLeftToBbolt says that the page check leaves the file to bbolt's
// check: it keeps no freelist (bbolt's NoFreelistSync, which branchcheck
// never sets; bbolt's check rebuilds the freelist first).
var errLeftToBbolt = errors.New("the page check leaves this file to bbolt's check") // saycheck:internal: structureProblems acts on it

// errWrittenMeanwhile says that neither meta page is the transaction's
// any more: two writes committed as the check began, in a database open
// for writing. (bbolt's check would not do either: it checks against the
// freelist of now, and finds the pages freed since the transaction began
// reachable.)
var errWrittenMeanwhile = checklist.Errorf(nil, checklist.Text{
	ZH: "检查开始时数据库正被写入，请再检查一次",
	EN: "the database was written as its check began: check it again"})

// bitset is a set of page ids below a bound.
type bitset []uint64

func newBitset(n uint64) bitset    { return make(bitset, (n+63)/64) }
func (b bitset) has(i uint64) bool { return b[i/64]&(1<<(i%64)) != 0 }
func (b bitset) add(i uint64)      { b[i/64] |= 1 << (i % 64) }
func (b bitset) remove(i uint64)   { b[i/64] &^= 1 << (i % 64) }

// pageChecker walks a bbolt file's pages as bbolt's check does.
type pageChecker struct {
	r        io.ReaderAt
	fileSize uint64
	pageSize uint64
	hwm      uint64 // pages below it are in use or free
	freed    bitset
	reached  bitset
	onPath   bitset   // pages on the walk's current path: a page met again is a cycle
	bufs     [][]byte // one page (with its overflow) per depth of the walk
	lastKeys [][]byte // the last key under a branch element, per depth
	problems []error
	more     int // problems past maxPageProblems
}

// checkPages checks the structure of the file a read transaction reads,
// as bbolt's tx.Check does (see the top of this file), reading its pages
// with ReadAt from path (the database's path: bbolt's may be the one the
// file had when it was opened, before an import renamed it). It returns
// the problems found (nil if none); an error is returned only if the
// check could not be made (the file cannot be read, or errLeftToBbolt).
func checkPages(tx *bolt.Tx, path string) ([]error, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	return newPageChecker(f, uint64(st.Size()), uint64(tx.DB().Info().PageSize), uint64(tx.Size())).run(uint64(tx.ID()))
}

// structureProblems checks the structure of the file a read transaction
// reads: the page check, or bbolt's check where the page check leaves
// the file to it (errLeftToBbolt), its pages given back as it reads them. It returns the
// problems found; an error says that the file could not be read.
func structureProblems(tx *bolt.Tx, path string) ([]error, error) {
	problems, err := checkPages(tx, path)
	if !errors.Is(err, errLeftToBbolt) {
		return problems, err
	}
	stop := releasingClosely(mapsOf(path))
	defer stop()
	for err := range tx.Check() {
		problems = append(problems, err)
	}
	return problems, nil
}

// newPageChecker checks the bbolt file r of fileSize bytes, with pages of
// pageSize, as a transaction that sees size bytes of it does.
func newPageChecker(r io.ReaderAt, fileSize, pageSize, size uint64) *pageChecker {
	return &pageChecker{r: r, fileSize: fileSize, pageSize: pageSize, hwm: size / pageSize}
}

// run makes the check, as the transaction txid sees the file.
func (c *pageChecker) run(txid uint64) ([]error, error) {
	root, freelist, err := c.meta(txid)
	if err != nil {
		return nil, err
	}
	if freelist == noFreelist {
		return nil, errLeftToBbolt
	}
	c.freed, c.reached, c.onPath = newBitset(c.hwm), newBitset(c.hwm), newBitset(c.hwm)
	// Both meta pages are reachable, and bbolt's check reads both.
	for id := uint64(0); id < 2; id++ {
		c.reached.add(id)
		if p, ok := c.page(id, 0, anyPageType); ok && pageOrder.Uint16(p[8:]) != metaPageFlag {
			c.report(problemBboltBlind, "page %d: a meta page of type %x", id, pageOrder.Uint16(p[8:]))
		}
	}
	c.readFreelist(freelist)
	if root != 0 {
		c.bucket(root, 0)
	}
	for id := uint64(0); id < c.hwm; id++ {
		if !c.reached.has(id) && !c.freed.has(id) {
			c.report(problemAsBbolt, "page %d: unreachable unfreed", id)
		}
	}
	if c.more > 0 {
		c.problems = append(c.problems, &pageProblem{kind: problemBboltBlind, msg: fmt.Sprintf("and %s", checklist.Counted(c.more, "more problem", "more problems"))})
	}
	return c.problems, nil
}

// report notes a problem.
func (c *pageChecker) report(kind pageProblemKind, format string, args ...any) {
	if len(c.problems) >= maxPageProblems {
		c.more++
		return
	}
	c.problems = append(c.problems, &pageProblem{kind: kind, msg: fmt.Sprintf(format, args...)})
}

// meta reads the meta page bbolt chose for the transaction txid: the one
// of the two that is valid and was written by it. It returns the root
// bucket's page and the freelist's, or errWrittenMeanwhile if neither is.
func (c *pageChecker) meta(txid uint64) (root, freelist uint64, err error) {
	buf := make([]byte, pageHeaderSize+metaChecksumAt+8)
	for id := uint64(0); id < 2; id++ {
		if _, err := c.r.ReadAt(buf, int64(id*c.pageSize)); err != nil {
			continue
		}
		m := buf[pageHeaderSize:]
		h := fnv.New64a()
		h.Write(m[:metaChecksumAt])
		if pageOrder.Uint32(m[0:]) != metaMagic || pageOrder.Uint32(m[4:]) != metaVersion ||
			pageOrder.Uint64(m[metaChecksumAt:]) != h.Sum64() || pageOrder.Uint64(m[48:]) != txid {
			continue
		}
		return pageOrder.Uint64(m[16:]), pageOrder.Uint64(m[32:]), nil
	}
	return 0, 0, errWrittenMeanwhile
}

// readFreelist reads the freelist from its page, marks it reachable and
// its pages free, and reports a page freed twice.
func (c *pageChecker) readFreelist(id uint64) {
	p, ok := c.page(id, 0, freelistPageFlag)
	if !ok {
		return
	}
	c.reach(id, p)
	count, at := uint64(pageOrder.Uint16(p[10:])), uint64(pageHeaderSize)
	if count == freelistOverCnt {
		count, at = pageOrder.Uint64(p[at:]), at+8
	}
	if count > (uint64(len(p))-at)/8 {
		c.report(problemBboltFaults, "page %d: the freelist's %d ids do not fit its page", id, count)
		return
	}
	for i := uint64(0); i < count; i++ {
		free := pageOrder.Uint64(p[at+8*i:])
		switch {
		case free >= c.hwm:
			c.report(problemBboltBlind, "page %d: freed, past the high water mark %d", free, c.hwm)
		case c.freed.has(free):
			c.report(problemAsBbolt, "page %d: already freed", free)
		default:
			c.freed.add(free)
		}
	}
}

// page reads page id (with its overflow) into the buffer of the depth
// given, and checks its header: that it names itself by its id and is of
// a type it may be (want, a branch or leaf page if want is 0, any type
// bbolt knows if want is anyPageType). It
// reports what is wrong and returns false if the page cannot be walked.
func (c *pageChecker) page(id uint64, depth int, want uint16) ([]byte, bool) {
	if id >= c.hwm {
		kind := problemBboltBlind
		if (id+1)*c.pageSize > c.fileSize {
			kind = problemBboltFaults
		}
		c.report(kind, "page %d: out of bounds: %d", id, c.hwm)
		return nil, false
	}
	for len(c.bufs) <= depth {
		c.bufs = append(c.bufs, make([]byte, c.pageSize))
	}
	p := c.bufs[depth][:c.pageSize]
	if _, err := c.r.ReadAt(p, int64(id*c.pageSize)); err != nil {
		c.report(problemBboltFaults, "page %d: cannot be read: %v", id, err)
		return nil, false
	}
	if self := pageOrder.Uint64(p); self != id {
		c.report(problemAsBbolt, "page %d: self identifies as %d", id, self)
		return nil, false
	}
	flags := pageOrder.Uint16(p[8:])
	switch flags {
	case branchPageFlag, leafPageFlag, metaPageFlag, freelistPageFlag:
	default:
		c.report(problemAsBbolt, "page %d: has unexpected type/flags: %x", id, flags)
		return nil, false
	}
	if want != anyPageType && (want != 0 && flags != want || want == 0 && flags != branchPageFlag && flags != leafPageFlag) {
		c.report(problemAsBbolt, "page %d: invalid type: %x", id, flags)
		return nil, false
	}
	overflow := uint64(pageOrder.Uint32(p[12:]))
	if id+overflow >= c.hwm {
		kind := problemBboltBlind
		if (id+overflow+1)*c.pageSize > c.fileSize {
			kind = problemBboltFaults
		}
		c.report(kind, "page %d: its %s the high water mark %d", id, checklist.Counted(int(overflow), "overflow page passes", "overflow pages pass"), c.hwm)
		return nil, false
	}
	if overflow > 0 {
		n := (overflow + 1) * c.pageSize
		if uint64(cap(c.bufs[depth])) < n {
			c.bufs[depth] = make([]byte, n)
			copy(c.bufs[depth], p)
		}
		p = c.bufs[depth][:n]
		if _, err := c.r.ReadAt(p[c.pageSize:], int64((id+1)*c.pageSize)); err != nil {
			c.report(problemBboltFaults, "page %d: cannot be read: %v", id, err)
			return nil, false
		}
	}
	return p, true
}

// reach marks page p (read as id) and its overflow pages reached, and
// reports a page reached twice or reached though free. It returns false
// if the page was reached before: a second walk of it would repeat what
// the first found, or loop for ever if the page leads back to itself.
func (c *pageChecker) reach(id uint64, p []byte) bool {
	first := true
	overflow := uint64(pageOrder.Uint32(p[12:]))
	for i := id; i <= id+overflow; i++ {
		if c.reached.has(i) {
			if c.onPath.has(i) {
				c.report(problemBboltFaults, "page %d: a branch leads back to it", i)
			} else {
				c.report(problemAsBbolt, "page %d: multiple references", i)
			}
			first = false
		}
		c.reached.add(i)
	}
	if c.freed.has(id) {
		c.report(problemAsBbolt, "page %d: reachable freed", id)
	}
	return first
}

// bucket checks the tree of the bucket whose root page is root, and the
// buckets in it.
func (c *pageChecker) bucket(root uint64, depth int) {
	c.tree(root, depth, nil, nil)
}

// tree checks the page id and the pages under it, at depth: that each is
// reached once, is a branch or leaf page, and that its keys are in order
// and at least minKey and less than maxKey (where they are not nil). It
// checks the buckets its leaf pages hold. It returns the last key under
// the page (in lastKeys[depth], nil if none).
func (c *pageChecker) tree(id uint64, depth int, minKey, maxKey []byte) []byte {
	if depth >= maxTreeDepth {
		c.report(problemBboltFaults, "page %d: deeper than %d levels", id, maxTreeDepth)
		return nil
	}
	p, ok := c.page(id, depth, 0)
	if !ok || !c.reach(id, p) {
		return nil
	}
	c.onPath.add(id)
	defer c.onPath.remove(id)
	for len(c.lastKeys) <= depth {
		c.lastKeys = append(c.lastKeys, nil)
	}
	count := int(pageOrder.Uint16(p[10:]))
	if pageHeaderSize+count*pageElementSize > len(p) {
		c.report(problemBboltFaults, "page %d: its %d elements do not fit it", id, count)
		return nil
	}
	elem := func(i int) []byte { return p[pageHeaderSize+i*pageElementSize:][:pageElementSize] }
	// key returns element i's key (and, of a leaf, its value), or false
	// if they lie outside the page.
	key := func(i int, leaf bool) (k, v []byte, ok bool) {
		e := elem(i)
		at := uint64(pageHeaderSize + i*pageElementSize)
		var pos, ksize, vsize uint64
		if leaf {
			pos, ksize, vsize = uint64(pageOrder.Uint32(e[4:])), uint64(pageOrder.Uint32(e[8:])), uint64(pageOrder.Uint32(e[12:]))
		} else {
			pos, ksize = uint64(pageOrder.Uint32(e[0:])), uint64(pageOrder.Uint32(e[4:]))
		}
		start := at + pos
		if start+ksize+vsize > uint64(len(p)) {
			return nil, nil, false
		}
		return p[start : start+ksize], p[start+ksize : start+ksize+vsize], true
	}
	outside := func(i int) []byte {
		c.report(problemBboltFaults, "page %d: element %d lies outside the page", id, i)
		return nil
	}
	leaf := pageOrder.Uint16(p[8:]) == leafPageFlag
	var last []byte
	if leaf {
		prev := minKey
		for i := 0; i < count; i++ {
			k, v, ok := key(i, true)
			if !ok {
				return outside(i)
			}
			c.keyInOrder(id, "leaf", i, k, prev, maxKey)
			prev, last = k, k
			if pageOrder.Uint32(elem(i))&bucketLeafFlag == 0 {
				continue
			}
			if len(v) < bucketHeaderLen {
				c.report(problemBboltFaults, "page %d: element %d is a bucket too short to be one", id, i)
				continue
			}
			if child := pageOrder.Uint64(v); child != 0 { // 0: an inline bucket, in the value itself
				c.bucket(child, depth+1)
			}
		}
	} else {
		prev := minKey
		for i := 0; i < count; i++ {
			// The page's buffer stays as it is while the walk goes
			// below it: the pages below are read into deeper buffers.
			k, _, ok := key(i, false)
			if !ok {
				return outside(i)
			}
			c.keyInOrder(id, "branch", i, k, prev, maxKey)
			upTo := maxKey
			if i+1 < count {
				if next, _, ok := key(i+1, false); ok {
					upTo = next
				}
			}
			prev = c.tree(pageOrder.Uint64(elem(i)[8:]), depth+1, k, upTo)
			last = prev
		}
	}
	c.lastKeys[depth] = append(c.lastKeys[depth][:0], last...)
	if last == nil {
		return nil
	}
	return c.lastKeys[depth]
}

// keyInOrder checks element i's key k on page id against the key before
// it (or, for the first, the least key the page above allows: at least
// it) and the key after the page (less than it), as bbolt's verifyKeyOrder
// does.
func (c *pageChecker) keyInOrder(id uint64, typ string, i int, k, prev, maxKey []byte) {
	switch {
	case i == 0 && prev != nil && bytes.Compare(prev, k) > 0:
		c.report(problemAsBbolt, "the first key[%d]=%x on %s page(%d) needs to be >= the key in the ancestor (%x)", i, k, typ, id, prev)
	case i > 0 && bytes.Compare(prev, k) >= 0:
		c.report(problemAsBbolt, "key[%d]=%x on %s page(%d) needs to be > the previous element %x", i, k, typ, id, prev)
	}
	if maxKey != nil && bytes.Compare(k, maxKey) >= 0 {
		c.report(problemAsBbolt, "key[%d]=%x on %s page(%d) needs to be < the key of the next element in the ancestor %x", i, k, typ, id, maxKey)
	}
}
