package store

import (
	bolt "go.etcd.io/bbolt"

	"branchcheck/checklist"
)

// cachedStandard returns a standard by id, read once per Store: a
// standard never changes under its id, and reading one on every saved
// answer would cost more than the save.
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
