//go:build !unix

package store_test

import "time"

// processCPU is zero where the process's CPU time is not read (Windows):
// the benchmarks then report no processor time.
func processCPU() time.Duration { return 0 }
