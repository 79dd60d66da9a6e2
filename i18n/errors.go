package i18n

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"

	"branchcheck/checklist"
)

// Error says an error in the language. In English that is its own text,
// every layer of context included. In Chinese, the outermost
// *checklist.Error in its chain (the way every error a user can meet is
// made) is worded in Chinese, its cause too, and the English context
// around it is left out; an error of the operating system (a missing
// file, no permission, a full disk) is named in Chinese with the file it
// concerns. Anything else is said as it is: a test of every error a user
// can reach makes sure nothing is.
func (l Lang) Error(err error) string {
	if err == nil {
		return ""
	}
	if l == English {
		return err.Error()
	}
	var e *checklist.Error
	if errors.As(err, &e) {
		return e.Say(true, l.Error)
	}
	if s, ok := systemError(err); ok {
		return s
	}
	return err.Error()
}

// systemError names an operating-system error in Chinese, with the path
// it concerns.
func systemError(err error) (string, bool) {
	what := ""
	for _, k := range []struct {
		target error
		zh     string
	}{
		{fs.ErrNotExist, "文件或文件夹不存在"},
		{fs.ErrPermission, "没有权限（文件或文件夹只读，或属于别的用户）"},
		{fs.ErrExist, "文件已存在"},
		{syscall.ENOSPC, "磁盘空间不足"},
		{syscall.EROFS, "磁盘是只读的"},
		{syscall.EISDIR, "这是一个文件夹，不是文件"},
		{syscall.ENOTDIR, "路径中有一段不是文件夹"},
		{syscall.EIO, "读写磁盘出错"},
		{syscall.ENAMETOOLONG, "文件名太长"},
		{syscall.EBUSY, "文件正在被使用"},
		{syscall.EMFILE, "打开的文件太多"},
		{syscall.ELOOP, "路径中的链接太多（可能是循环链接）"},
		{syscall.EINVAL, "文件名或参数无效"},
	} {
		if errors.Is(err, k.target) {
			what = k.zh
			break
		}
	}
	if what == "" {
		// Any other error of the system, by its number: its English
		// name is not said in Chinese.
		var errno syscall.Errno
		if !errors.As(err, &errno) {
			return "", false
		}
		what = fmt.Sprintf("系统错误（错误码 %d）", uint(errno))
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Path + "：" + what, true
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.New + "：" + what, true
	}
	return what, true
}
