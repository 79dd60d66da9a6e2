//go:build !race

package main

// raceEnabled: the tests run with -race (see race_test.go).
const raceEnabled = false
