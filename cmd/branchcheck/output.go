package main

import (
	"io"
	"os"

	"branchcheck/checklist"
	"branchcheck/outfile"
	"branchcheck/termtext"
)

// writeOutput writes a command's output: to standard output for "" or
// "-", else to a new file written all at once, of mode 0600 (an existing
// one only with force, keeping its mode). binary output refuses a
// terminal; text on a terminal has its control characters made visible.
func (a *app) writeOutput(path string, force, binary bool, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		if binary && stdoutIsTerminal(a.stdout) {
			return usageError{checklist.Errorf(nil, checklist.Text{
				ZH: "不能把二进制文件输出到终端：请用 -o 文件名 指定文件", EN: "will not write a binary file to a terminal: give a file with -o FILE"})}
		}
		return writeData(a.stdout, stdoutIsTerminal(a.stdout), write)
	}
	f, err := outfile.Create(path, force, 0o600) // only the user: a bundle is the whole database
	if err != nil {
		return err
	}
	defer f.Abort()
	if err := write(f); err != nil {
		return err
	}
	return f.Commit()
}

// writeData writes data to standard output. A pipe or a file gets it as
// it is; on a terminal, a control character still stored (an old
// database, an old bundle) is shown as an escape, never obeyed.
func writeData(w io.Writer, terminal bool, write func(io.Writer) error) error {
	if !terminal {
		return write(w)
	}
	safe := termtext.NewWriter(w)
	if err := write(safe); err != nil {
		return err
	}
	return safe.Flush()
}

// openInput opens a file a command reads, or standard input for "-", and
// returns the name it goes by in messages ("标准输入" or "stdin" for
// standard input), the reader and what closes it.
func (a *app) openInput(path string) (name string, r io.Reader, closeIt func(), err error) {
	if path == "-" {
		return a.lang.Pick("标准输入", "stdin"), a.stdin, func() {}, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return "", nil, nil, err
	}
	return path, f, func() { _ = f.Close() }, nil
}
