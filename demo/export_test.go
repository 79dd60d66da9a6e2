package demo

// Notes exposes the demo's notes to the tests.
func Notes() map[string][2]string { return notes }
