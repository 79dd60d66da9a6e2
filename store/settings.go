package store

import (
	"strings"
	"time"
	_ "time/tzdata" // the zone database, for Windows, which has none

	bolt "go.etcd.io/bbolt"

	"branchcheck/checklist"
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
		return checklist.Errorf(nil, checklist.Text{ZH: "不能保存设置 %s", EN: "save setting %s"}, key).Because(err)
	}
	return nil
}

// SettingTimezone is the setting holding the bureau's time zone, an IANA
// name such as Asia/Shanghai: the date of a new visit, the year it is
// rated in, "today" and the times printed on exports follow it, whatever
// the computer's own zone (TZ) says. DefaultTimezone without it.
const SettingTimezone = "timezone"

// DefaultTimezone is the bureau's time zone when SettingTimezone is not
// set: China has one.
const DefaultTimezone = "Asia/Shanghai"

// LoadTimezone returns the time zone of an IANA name ("" is
// DefaultTimezone). The zone database is compiled into the program
// (time/tzdata), so it works on a Windows laptop that has none.
func LoadTimezone(name string) (*time.Location, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		name = DefaultTimezone
	}
	loc, err := time.LoadLocation(name)
	if err != nil || strings.EqualFold(name, "local") {
		return nil, checklist.Errorf(checklist.ErrInvalid, checklist.Text{
			ZH: "时区“%s”无法识别：请写时区数据库中的名称，例如 Asia/Shanghai",
			EN: "unknown time zone %q: give a name of the time zone database, e.g. Asia/Shanghai"}, name)
	}
	return loc, nil
}

// Timezone returns the bureau's time zone: the setting, else
// DefaultTimezone.
func (s *Store) Timezone() (*time.Location, error) {
	name, err := s.Setting(SettingTimezone)
	if err != nil {
		return nil, err
	}
	return LoadTimezone(name)
}
