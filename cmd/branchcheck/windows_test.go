package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"

	"branchcheck/i18n"
	"branchcheck/store"
)

// result is what one run of the program said.
type result struct {
	code           int
	stdout, stderr string
}

// runWith runs the program with args, stdin as its standard input and
// the database in dir, in Chinese.
func runWith(t *testing.T, dir string, stdin io.Reader, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	env := environment{
		stdin: stdin, stdout: &out, stderr: &errOut,
		getenv: func(k string) string {
			if k == "BRANCHCHECK_DB" {
				return filepath.Join(dir, "bc.db")
			}
			return ""
		},
		now: func() time.Time { return time.Date(2026, 11, 29, 9, 0, 0, 0, time.Local) },
	}
	code := run(args, env)
	return result{code, out.String(), errOut.String()}
}

const county2027 = `format: 1
id: county-2027
year: 2027
title: 县教育局2027年党支部检查标准
stars:
  levels:
    - {stars: 5, min_points: 95}
    - {stars: 4, min_points: 85}
    - {stars: 3, min_points: 75}
    - {stars: 2, min_points: 60}
requirements:
  - id: "1"
    title: 党建引领
    items:
      - {id: "1.1", text: 书记第一责任人}
`

// `standard validate -` and `standard install -` read standard input;
// a file saved by Notepad with a byte order mark is read; one saved as
// GBK is refused with one line, in Chinese, and installs nothing.
func TestStandardFromWindowsEditors(t *testing.T) {
	dir := t.TempDir()
	r := runWith(t, dir, strings.NewReader(county2027), "standard", "validate", "-")
	if r.code != exitOK || !strings.HasPrefix(r.stdout, "标准输入：有效。标准 county-2027") {
		t.Errorf("validate -: %+v", r)
	}
	r = runWith(t, dir, strings.NewReader("\uFEFF"+county2027), "standard", "install", "-")
	if r.code != exitOK || !strings.HasPrefix(r.stdout, "已安装标准 county-2027") {
		t.Errorf("install - with a BOM: %+v", r)
	}
	bom := filepath.Join(dir, "std-bom.yaml")
	os.WriteFile(bom, []byte("\uFEFF"+county2027), 0o600)
	if r = runWith(t, dir, nil, "standard", "validate", bom); r.code != exitOK {
		t.Errorf("a file with a BOM: %+v", r)
	}

	gbk, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(strings.Replace(county2027, "county-2027", "county-2028", 1)))
	path := filepath.Join(dir, "std-gbk.yaml")
	os.WriteFile(path, gbk, 0o600)
	for _, args := range [][]string{{"standard", "validate", path}, {"standard", "install", path}} {
		r = runWith(t, dir, nil, args...)
		want := "branchcheck: " + path + ":4:8：文件不是 UTF-8 编码（可能存成了 GBK 或“ANSI”）；请用记事本或 WPS 打开，“另存为”时编码选 UTF-8，再试一次\n"
		if r.code != exitError || r.stderr != want {
			t.Errorf("%v:\n got %d %q\nwant 1 %q", args, r.code, r.stderr, want)
		}
	}
	if r = runWith(t, dir, nil, "standard", "show", "--id", "county-2028"); r.code == exitOK {
		t.Error("the GBK standard was installed")
	}
}

// `schools import -` reads standard input, CSV or workbook alike; an .xls
// list is told in Chinese to save as .xlsx; a Latin-1 list is refused,
// and read with --encoding, saying which encoding it was read in.
func TestSchoolsImportFromWindows(t *testing.T) {
	dir := t.TempDir()
	r := runWith(t, dir, strings.NewReader("学校名称,乡镇\n城关小学,城关镇\n"), "schools", "import", "-")
	if r.code != exitOK || r.stdout != "标准输入：读入 1 所学校；新增 1 所，更新 0 所，不变 0 所\n" {
		t.Errorf("import -: %+v", r)
	}
	gb, _ := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte("学校名称,乡镇\n南街小学,城关镇\n"))
	r = runWith(t, dir, bytes.NewReader(gb), "schools", "import", "-")
	if r.code != exitOK || r.stdout != "标准输入：读入 1 所学校（按 GB18030 编码读取）；新增 1 所，更新 0 所，不变 0 所\n" {
		t.Errorf("import - in GB18030: %+v", r)
	}

	xls := filepath.Join(dir, "schools.xls")
	os.WriteFile(xls, append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...), 0o600)
	r = runWith(t, dir, nil, "schools", "import", xls)
	if want := "branchcheck: " + xls + "：这是 Excel 97-2003 工作簿（.xls）或加了密码的工作簿，不能直接导入；请在 Excel 或 WPS 中打开它，“另存为”Excel 工作簿（.xlsx，不设密码）或“CSV UTF-8”，再导入（一所学校也没有导入）\n"; r.code != exitError || r.stderr != want {
		t.Errorf(".xls:\n got %d %q\nwant 1 %q", r.code, r.stderr, want)
	}

	latin1, _ := charmap.ISO8859_1.NewEncoder().Bytes([]byte("name,township\nÉcole Müller,Zürich\nSchule Jäger,Genève\n"))
	csv := filepath.Join(dir, "europe.csv")
	os.WriteFile(csv, latin1, 0o600)
	r = runWith(t, dir, nil, "schools", "import", csv)
	if r.code != exitError || !strings.HasPrefix(r.stderr, "branchcheck: "+csv+":2：这不像 GB18030（GBK）编码的中文") || strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("Latin-1: %+v", r)
	}
	r = runWith(t, dir, nil, "schools", "import", "--encoding", "latin1", csv)
	if r.code != exitOK || r.stdout != csv+"：读入 2 所学校（按 windows-1252 编码读取）；新增 2 所，更新 0 所，不变 0 所\n" {
		t.Errorf("--encoding latin1: %+v", r)
	}
	r = runWith(t, dir, nil, "schools", "list")
	if !strings.Contains(r.stdout, "École Müller") {
		t.Errorf("the Latin-1 names were not read right:\n%s", r.stdout)
	}
}

// The help shows where the database is on this machine, not a variable.
func TestHelpShowsDatabasePath(t *testing.T) {
	r := runWith(t, t.TempDir(), nil, "--help")
	flat := strings.Join(strings.Fields(r.stdout), "")
	if !strings.Contains(flat, strings.Join(strings.Fields(store.DefaultPath()), "")) || strings.Contains(r.stdout, "XDG_DATA_HOME") {
		t.Errorf("the help does not show %s:\n%s", store.DefaultPath(), r.stdout)
	}
}

// A build stamped the way the release stamps it shows its version.
func TestVersionStamped(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program")
	}
	bin := filepath.Join(t.TempDir(), "branchcheck")
	build := exec.Command("go", "build", "-trimpath", "-ldflags", "-X main.stampedVersion=v9.8.7", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0") // as the release and CI build it: their packages are reused
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "--version").Output()
	if err != nil || string(out) != "branchcheck v9.8.7\n" {
		t.Errorf("--version: %q, %v", out, err)
	}
}

// Started by a double click (the only process on its console), an error
// waits for Enter so that the window stays open to read it; a success,
// or a start from a shell, ends at once.
func TestHoldWindow(t *testing.T) {
	alone := func() (int, error) { return 1, nil }
	withShell := func() (int, error) { return 2, nil }
	noConsole := func() (int, error) { return 0, errors.New("no console") }
	tests := []struct {
		name  string
		code  int
		count consoleProcesses
		hold  bool
	}{
		{"ErrorDoubleClicked", exitError, alone, true},
		{"UsageErrorDoubleClicked", exitUsage, alone, true},
		{"SuccessDoubleClicked", exitOK, alone, false},
		{"ErrorFromAShell", exitError, withShell, false},
		{"ErrorWithoutAConsole", exitError, noConsole, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdin, enter := io.Pipe()
			var stderr bytes.Buffer
			done := make(chan struct{})
			go func() {
				holdWindow(tt.code, tt.count, stdin, &stderr, i18n.Chinese)
				close(done)
			}()
			select {
			case <-done:
				if tt.hold {
					t.Fatal("did not wait for Enter")
				}
			case <-time.After(200 * time.Millisecond):
				if !tt.hold {
					t.Fatal("waited")
				}
				enter.Write([]byte("\n"))
				<-done
				if stderr.String() != "\n按回车键退出 " {
					t.Errorf("said %q", stderr.String())
				}
			}
			enter.Close()
		})
	}
	// On this system (not Windows, in CI) there is no console to hold.
	if n, err := consoleProcessCount(); err == nil && n == 1 {
		t.Logf("this test runs alone on a console (%d)", n)
	}
}
