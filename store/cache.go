package store

import (
	"bytes"
	"maps"
	"sync"

	bolt "go.etcd.io/bbolt"

	"branchcheck/checklist"
)

// cachedStandard returns a standard by id, read once per Store: a
// standard never changes under its id, and reading one (parsing the
// shipped one takes milliseconds) on every saved answer or every screen
// load would cost more than the work itself. Every Store method that
// hands out a standard goes through here.
func (s *Store) cachedStandard(tx *bolt.Tx, id string) (*checklist.Standard, error) {
	s.mu.Lock()
	std, ok := s.standards[id]
	s.mu.Unlock()
	if ok {
		return std, nil
	}
	std, err := getStandard(tx, id)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	if s.standards == nil {
		s.standards = map[string]*checklist.Standard{}
	}
	s.standards[id] = std
	s.mu.Unlock()
	return std, nil
}

// hotInspection keeps the inspection being walked, decoded, beside the
// bytes it was saved as. An inspector saves answer after answer to the
// same visit; when the stored bytes are still those bytes, decoding them
// again is skipped. Anything else (another visit, a change from another
// path) is read from the database as usual.
type hotInspection struct {
	mu  sync.Mutex
	id  string
	raw []byte
	in  *checklist.Inspection
}

// load returns a copy of the inspection as stored, for the transaction to
// change.
func (h *hotInspection) load(tx *bolt.Tx, id string) (*checklist.Inspection, error) {
	raw := tx.Bucket(bucketInspections).Get([]byte(id))
	h.mu.Lock()
	if h.id == id && raw != nil && bytes.Equal(h.raw, raw) {
		in := cloneInspection(h.in)
		h.mu.Unlock()
		return in, nil
	}
	h.mu.Unlock()
	return getInspection(tx, id)
}

// keep remembers the inspection as committed. raw is a fresh slice, not
// bbolt's.
func (h *hotInspection) keep(id string, raw []byte, in *checklist.Inspection) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.id, h.raw, h.in = id, raw, cloneInspection(in)
}

func cloneInspection(in *checklist.Inspection) *checklist.Inspection {
	c := *in
	c.Answers = maps.Clone(in.Answers)
	c.Versions = maps.Clone(in.Versions)
	return &c
}
