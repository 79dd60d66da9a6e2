//go:build race

package main

// raceEnabled: the tests run with -race, about ten times slower; the
// sweeps of every error and every help take a sample then.
const raceEnabled = true
