//go:build race

package store

// raceEnabled says that the tests run under the race detector, which
// makes the long randomised ones take fewer rounds.
const raceEnabled = true
