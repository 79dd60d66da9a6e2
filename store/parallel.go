package store

import (
	"errors"
	"runtime"
	"sync"
)

// minChunk is the least work worth a goroutine of its own: decoding a
// thousand small values takes about a millisecond.
const minChunk = 1000

// inParallel runs work over [0, n) in contiguous chunks, on as many
// goroutines as there are processors (one for a small n), and returns
// their errors joined. The read models use it to decode values inside one
// read transaction: the workers read bbolt's bytes, which stay valid while
// the transaction is open, and never touch the transaction itself (bbolt's
// transactions are not safe for concurrent use).
func inParallel(n int, work func(lo, hi int) error) error {
	workers := min(runtime.GOMAXPROCS(0), n/minChunk)
	if workers <= 1 {
		return work(0, n)
	}
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := n*w/workers, n*(w+1)/workers
		wg.Go(func() { errs[w] = work(lo, hi) })
	}
	wg.Wait()
	return errors.Join(errs...)
}
