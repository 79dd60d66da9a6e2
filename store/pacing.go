package store

// releaseAfter is how much a pass over a whole bucket reads (keys and
// values) between two givings back of the pages it has read, as the
// check of values does (checkBatchBytes).
const releaseAfter = 1 << 20

// readPacer gives back the pages a pass over the file has read through
// bbolt's map once every releaseAfter bytes, in the reader's own
// goroutine, so that the giving back keeps up whatever the machine's
// load (a thread doing it on a timer falls behind when it waits for a
// processor).
type readPacer struct {
	release func()
	read    int
}

// pacedBy is a readPacer that calls release.
func pacedBy(release func()) *readPacer { return &readPacer{release: release} }

// add counts a record read (its key and value), and gives back what was
// read once a megabyte has been.
func (p *readPacer) add(k, v []byte) {
	if p.read += len(k) + len(v); p.read >= releaseAfter {
		p.release()
		p.read = 0
	}
}
