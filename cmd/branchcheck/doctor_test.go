package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"branchcheck/checklist"
	"branchcheck/store"
)

// TestDoctorRepairsSummaries: a year's rating summary removed by hand
// (as a bug or a stray tool might) is found, reported in plain words and
// rebuilt from the visits; doctor then finds nothing.
func TestDoctorRepairsSummaries(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bc.db")
	s, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sc, _ := s.AddSchool(checklist.School{Name: "城关小学", Township: "城关镇"})
	d, _ := checklist.ParseDate("2026-04-01")
	in, _ := s.CreateInspection(sc.ID, "李督查", d)
	for _, it := range checklist.DefaultStandard().ScoredItems() {
		s.SetVerdict(in.ID, it.ID, checklist.Met, "李督查")
	}
	if _, err := s.Finalize(in.ID, "李督查"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	// The layout is drawn in store/buckets.go.
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("year_summaries")).DeleteBucket([]byte("2026"))
	})
	db.Close()

	doctor := func(lang string) (int, string, string) {
		var out, errOut bytes.Buffer
		code := run([]string{"--db", path, "--lang", lang, "doctor"}, environment{
			stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }, now: time.Now,
		})
		return code, out.String(), errOut.String()
	}
	code, out, errOut := doctor("zh")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q, stdout:\n%s", code, errOut, out)
	}
	for _, want := range []string{
		"汇总与检查记录不一致：2026 年的评定汇总不见了",
		"已按检查记录重建汇总，修复 1 处；学校和检查记录本身没有改动。修复前的备份：",
		"复查通过：未发现问题。",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = doctor("en")
	if code != 0 || !strings.Contains(out, "OK: no problems found.") {
		t.Errorf("second doctor: exit %d\n%s", code, out)
	}
}
