//go:build !linux

package store

import "time"

// fileMaps: elsewhere the pages read through a map are not given back
// (see the Linux version).
type fileMaps struct{}

func mapsOf(string) fileMaps { return fileMaps{} }

func (fileMaps) release() {}

// releaseMapped does nothing here; see the Linux version.
func releaseMapped(string) {}

// releasingClosely does nothing here; see the Linux version.
func releasingClosely(fileMaps) (stop func()) { return func() {} }

// releasingEvery does nothing here; see the Linux version.
func releasingEvery(fileMaps, time.Duration) (stop func()) { return func() {} }
