package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// SettingInspector is the setting holding the inspector's name, asked the
// first time a visit is started and remembered.
const SettingInspector = "inspector"

// Setting returns a setting's value, "" if it was never set.
func (s *Store) Setting(key string) (string, error) {
	var v string
	err := s.db.View(func(tx *bolt.Tx) error {
		v = string(tx.Bucket(bucketSettings).Get([]byte(key)))
		return nil
	})
	return v, err
}

// SetSetting saves a setting.
func (s *Store) SetSetting(key, value string) error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSettings).Put([]byte(key), []byte(value))
	})
	if err != nil {
		return fmt.Errorf("save setting %s: %w", key, err)
	}
	return nil
}
