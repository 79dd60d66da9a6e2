package store

import (
	"bufio"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// fileMaps are the address ranges where this process maps a file shared
// and read-only: bbolt's map of a database. They stay where they are
// while a transaction of that database is open: bbolt maps the file again
// only when a write makes it grow, and first waits for every read
// transaction to end.
type fileMaps []addrRange

// addrRange is one mapping: [start, end).
type addrRange struct{ start, end uintptr }

// mapsOf finds where this process maps the file at path, shared and
// read-only (none if it cannot tell).
func mapsOf(path string) fileMaps {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil
	}
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return nil
	}
	defer f.Close()
	var maps fileMaps
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// 7f0c4a000000-7f0c8a000000 r--s 00000000 fd:00 1234   /path/to/file
		line := sc.Text()
		fields := strings.Fields(line)
		if len(fields) < 6 || !strings.HasSuffix(line, " "+abs) || fields[1] != "r--s" {
			continue
		}
		from, to, ok := strings.Cut(fields[0], "-")
		if !ok {
			continue
		}
		start, err1 := strconv.ParseUint(from, 16, 64)
		end, err2 := strconv.ParseUint(to, 16, 64)
		if err1 != nil || err2 != nil || end <= start {
			continue
		}
		maps = append(maps, addrRange{uintptr(start), uintptr(end)})
	}
	return maps
}

// release tells the kernel that this process no longer needs the pages
// it has read through the maps. They stay in the page cache and are read
// back from it when touched again, but stop counting as the process's
// memory: a command that reads a whole large database so stays within
// its bounds as the system counts them. The maps are read-only and of a
// file, so nothing is lost. Failures are ignored: it only helps.
func (m fileMaps) release() {
	for _, r := range m {
		syscall.Syscall(syscall.SYS_MADVISE, r.start, r.end-r.start, syscall.MADV_DONTNEED)
	}
}

// releaseMapped gives back the pages of the file at path that this
// process has read through its maps (fileMaps.release): an export or
// import reading a whole large database calls it as it goes.
func releaseMapped(path string) { mapsOf(path).release() }

// releaseEvery is how often releasingClosely gives the pages back.
const releaseEvery = 250 * time.Microsecond

// releasingClosely gives back the pages read through maps every
// releaseEvery, on a thread of its own, until stop is called: for a
// reader that cannot stop to do it itself (bbolt's consistency check,
// which reads a whole file at up to 15 MiB a millisecond, so that a
// release every 5 ms let a 228 MiB file count 150 MiB at its peak). The
// maps must stay where they are until stop returns (a read transaction
// open).
func releasingClosely(maps fileMaps) (stop func()) { return releasingEvery(maps, releaseEvery) }

// releasingEvery gives back the pages read through maps every interval,
// on a thread of its own, until stop is called: releasingClosely's way,
// at the pace a reader needs (a reader that decodes what it reads, as
// doctor does, reads a hundred times slower than bbolt's check).
func releasingEvery(maps fileMaps, interval time.Duration) (stop func()) {
	if len(maps) == 0 {
		return func() {}
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		// A thread of its own, asleep in nanosleep between releases:
		// the runtime's timers would wake it a millisecond late.
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		pause := syscall.NsecToTimespec(int64(interval))
		for {
			maps.release()
			select {
			case <-done:
				return
			default:
			}
			syscall.Nanosleep(&pause, nil)
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}
