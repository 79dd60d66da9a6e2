package store

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// releaseMapped tells the kernel that this process no longer needs the
// pages of the file at path that it has mapped (bbolt reads a database
// through a memory map). They stay in the page cache and are read back
// from it when touched again, but stop counting as the process's memory:
// an export or import that reads a whole large database so stays within
// its bounds as the system counts them. The map is read-only, so nothing
// is lost. Failures are ignored: it only helps.
func releaseMapped(path string) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return
	}
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// 7f0c4a000000-7f0c8a000000 r--s 00000000 fd:00 1234   /path/to/file
		line := sc.Text()
		fields := strings.Fields(line)
		if len(fields) < 6 || !strings.HasSuffix(line, " "+abs) || !strings.HasPrefix(fields[1], "r-") {
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
		syscall.Syscall(syscall.SYS_MADVISE, uintptr(start), uintptr(end-start), syscall.MADV_DONTNEED)
	}
}
