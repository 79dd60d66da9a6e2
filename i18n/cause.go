package i18n

import (
	"errors"
	"strings"
	"syscall"
)

// CauseFirst says an error as Error does, but with its cause first when
// the cause is the operating system's (a full disk, a read-only disk, no
// permission): "磁盘空间不足：…" rather than a context of ids and paths
// that a line of a screen cuts before it reaches the cause. Any other
// error is said as Error says it.
func (l Lang) CauseFirst(err error) string {
	text := l.Error(err)
	var errno syscall.Errno
	if !errors.As(err, &errno) {
		return text
	}
	cause := l.Error(errno)
	if text == cause {
		return text
	}
	sep := l.Pick("：", ": ")
	rest := strings.TrimSuffix(strings.TrimSuffix(text, cause), sep)
	return cause + sep + rest
}
