package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"branchcheck/bundle"
	"branchcheck/checklist"
	"branchcheck/store"
)

// TestBundleImportRefusesBadBundles: each kind of bad bundle, alone or
// beside a good one, is refused with one line and exit 1, and the
// database file is not changed by a byte.
func TestBundleImportRefusesBadBundles(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src.db")
	s, err := store.Open(src, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sc, _ := s.AddSchool(checklist.School{Name: "城关小学", Township: "城关镇"})
	in, _ := s.CreateInspection(sc.ID, "李督查", checklist.Date{Year: 2026, Month: 5, Day: 1})
	s.SetVerdict(in.ID, "1.1", checklist.Met, "李督查")
	b, err := s.ExportBundle(bundle.Filter{})
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := bundle.Write(&buf, b); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	plain := gunzip(t, good)

	dst := filepath.Join(dir, "dst.db")
	d, err := store.Open(dst, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d.AddSchool(checklist.School{Name: "东河中学", Township: "东河乡"})
	d.Close()
	before := fileSum(t, dst)

	invalid := strings.Replace(plain, `"verdict":"met"`, `"verdict":"maybe"`, 1)
	cases := map[string][]byte{
		"not-a-bundle":       []byte("学校名称,乡镇\n"),
		"truncated":          good[:len(good)*2/3],
		"checksum":           gz(strings.Replace(plain, "城关小学", "城关中学", 1)),
		"unknown-version":    gz(strings.Replace(plain, `"version":1`, `"version":9`, 1)),
		"oversized-record":   gz(strings.Replace(plain, `"name":"城关小学"`, `"name":"`+strings.Repeat("大", 3<<20)+`"`, 1)),
		"invalid-record":     gz(resum(t, invalid)),
		"empty":              nil,
		"gzip-of-nothing":    gz(""),
		"data-after-the-end": gz(plain + plain),
	}
	goodFile := filepath.Join(dir, "good.bundle")
	os.WriteFile(goodFile, good, 0o600)
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			bad := filepath.Join(dir, name+".bundle")
			if err := os.WriteFile(bad, data, 0o600); err != nil {
				t.Fatal(err)
			}
			var stdout, stderr bytes.Buffer
			code := run([]string{"--db", dst, "bundle", "import", goodFile, bad}, environment{
				stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr,
				getenv: func(string) string { return "" }, now: time.Now,
			})
			if code != exitError {
				t.Errorf("exit %d, want 1; stdout %q", code, stdout.String())
			}
			msg := stderr.String()
			if strings.Count(msg, "\n") != 1 || !strings.Contains(msg, bad) || !strings.Contains(msg, "nothing was imported") {
				t.Errorf("error %q: want one line naming the file and saying nothing was imported", msg)
			}
			t.Logf("%s", msg)
			if fileSum(t, dst) != before {
				t.Error("the database file changed")
			}
		})
	}
	// The good one alone goes in.
	var stdout bytes.Buffer
	if code := run([]string{"--db", dst, "bundle", "import", goodFile}, environment{
		stdin: strings.NewReader(""), stdout: &stdout, stderr: io.Discard,
		getenv: func(string) string { return "" }, now: time.Now,
	}); code != exitOK || !strings.Contains(stdout.String(), "已合并") {
		t.Errorf("good bundle: exit %d, %s", code, stdout.String())
	}
}

func gunzip(t *testing.T, b []byte) string {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func gz(s string) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(s))
	zw.Close()
	return buf.Bytes()
}

// resum rewrites a bundle's trailer to match its (changed) records, so
// that only what the records say is wrong.
func resum(t *testing.T, plain string) string {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(plain, "\n"), "\n")
	body := strings.Join(lines[:len(lines)-1], "\n") + "\n"
	sum := sha256.Sum256([]byte(body))
	trailer := lines[len(lines)-1]
	i := strings.Index(trailer, `"sha256":"`)
	return body + trailer[:i] + `"sha256":"` + hexString(sum[:]) + `"}` + "\n"
}

func hexString(b []byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 0, 2*len(b))
	for _, c := range b {
		out = append(out, digits[c>>4], digits[c&15])
	}
	return string(out)
}

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}
