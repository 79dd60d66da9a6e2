package store

import (
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
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

// eachInParallel calls work(i) for every i in [0, n), on as many
// goroutines as there are processors, each taking the next i: for work
// that is heavy per item (a school's visits to decode and derive), where
// inParallel's chunks of minChunk would leave processors idle.
func eachInParallel(n int, work func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			work(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				work(i)
			}
		})
	}
	wg.Wait()
}
