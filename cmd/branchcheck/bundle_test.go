package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"branchcheck/bundle"
	"branchcheck/checklist"
	"branchcheck/i18n"
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
	var buf bytes.Buffer
	_, err = s.ExportBundle(&buf, bundle.Filter{})
	s.Close()
	if err != nil {
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
		"unknown-version":    gz(strings.Replace(plain, fmt.Sprintf(`"version":%d`, bundle.Version), `"version":9`, 1)),
		"long-name":          gz(resum(t, strings.Replace(plain, `"name":"城关小学"`, `"name":"`+strings.Repeat("大", 3<<20)+`"`, 1))),
		"record-over-32MiB":  gz(strings.Replace(plain, `"name":"城关小学"`, `"name":"`+strings.Repeat("大", 11<<20)+`"`, 1)),
		"invalid-record":     gz(resum(t, invalid)),
		"escape-in-name":     gz(resum(t, strings.Replace(plain, `"name":"城关小学"`, `"name":"城关\u001b]52;c;aGk=\u0007小学"`, 1))),
		"escape-in-id":       gz(resum(t, strings.ReplaceAll(plain, in.ID, in.ID+"\u001b[2J"))),
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
			if strings.Count(msg, "\n") != 1 || !strings.Contains(msg, bad) || !strings.Contains(msg, "未导入任何内容") {
				t.Errorf("error %q: want one line naming the file and saying nothing was imported", msg)
			}
			if strings.ContainsAny(msg, "\x1b\x07") {
				t.Errorf("error %q: a control character from the bundle reaches the terminal", msg)
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

// TestConflictLines: conflicts are said in the reader's language, one
// line each, and text from a database or a bundle is made visible, never
// sent to the terminal as it is.
func TestConflictLines(t *testing.T) {
	hostile := "城关\x1b]52;c;aGk=\a小学"
	at := time.Date(2026, 6, 30, 9, 0, 0, 0, time.Local)
	visit := store.Conflict{
		InspectionID: "v1", School: hostile, Township: "城关镇", Date: checklist.Date{Year: 2026, Month: 4, Day: 1},
		KeptBundle: true, KeptAt: at, OthersAt: []time.Time{at.Add(-240 * time.Hour), at.Add(-480 * time.Hour)},
	}
	visitOne := visit
	visitOne.OthersAt = visit.OthersAt[:1]
	kept := checklist.School{Name: hostile, Township: "城关镇", Secretary: "张明"}
	lost := kept
	lost.Secretary = "王\u202e芳"
	school := store.Conflict{School: hostile, Township: "城关镇", KeptAt: at, OthersAt: []time.Time{at.Add(-time.Hour)}, Kept: &kept, Lost: &lost}
	rect := store.Conflict{InspectionID: "v1", RectificationID: "v1/3.5", ItemID: "3.5", School: hostile, Township: "城关镇",
		Date: checklist.Date{Year: 2026, Month: 4, Day: 1}, KeptAt: at, OthersAt: []time.Time{at.Add(-24 * time.Hour)}}
	yearEnd := func(kind store.YearEndKind, situation string, fromBundle bool) store.Conflict {
		c := store.Conflict{YearEnd: kind, Year: 2026, SituationID: situation, KeptBundle: fromBundle, KeptAt: at, OthersAt: []time.Time{at.Add(-24 * time.Hour)}}
		if kind != store.YearEndStage {
			c.School, c.Township = hostile, "城关镇"
		}
		return c
	}
	self := yearEnd(store.YearEndSelfAssessment, "", true)
	veto := yearEnd(store.YearEndVeto, "weak\x1b[2J", false)
	stage := yearEnd(store.YearEndStage, "", false)
	tests := []struct {
		lang i18n.Lang
		c    store.Conflict
		want string
	}{
		{i18n.Chinese, visit, `  冲突：城关\x1b]52;c;aGk=\x07小学（城关镇）2026-04-01 的检查在几处同时修改过；采用 2026-06-30 09:00:00 修改的版本（来自导入包），另 2 个版本（2026-06-20 09:00:00、2026-06-10 09:00:00 修改）一并保存，这次检查下次修改时记入审计记录`},
		{i18n.English, visit, `  conflict: the visit of 城关\x1b]52;c;aGk=\x07小学 (城关镇) on 2026-04-01 was changed in several places at once; kept the copy changed 2026-06-30 09:00:00 (from the bundle); 2 other copies (changed 2026-06-20 09:00:00, 2026-06-10 09:00:00) are kept beside it and go to the audit trail with the visit's next change`},
		{i18n.Chinese, visitOne, `  冲突：城关\x1b]52;c;aGk=\x07小学（城关镇）2026-04-01 的检查在几处同时修改过；采用 2026-06-30 09:00:00 修改的版本（来自导入包），另 1 个版本（2026-06-20 09:00:00 修改）一并保存，这次检查下次修改时记入审计记录`},
		{i18n.English, visitOne, `  conflict: the visit of 城关\x1b]52;c;aGk=\x07小学 (城关镇) on 2026-04-01 was changed in several places at once; kept the copy changed 2026-06-30 09:00:00 (from the bundle); 1 other copy (changed 2026-06-20 09:00:00) is kept beside it and goes to the audit trail with the visit's next change`},
		{i18n.Chinese, school, `  冲突：学校 城关\x1b]52;c;aGk=\x07小学（城关镇）在两处都修改过；采用 2026-06-30 09:00:00 修改的版本（来自本数据库），未采用另一版本（2026-06-30 08:00:00 修改）：党组织书记 “王<U+202E>芳”`},
		{i18n.English, school, `  conflict: school 城关\x1b]52;c;aGk=\x07小学 (城关镇) was changed in two places; kept the copy changed 2026-06-30 09:00:00 (from this database), not the other (changed 2026-06-30 08:00:00): secretary “王<U+202E>芳”`},
		{i18n.Chinese, rect, `  冲突：城关\x1b]52;c;aGk=\x07小学（城关镇）2026-04-01 检查发现的问题 3.5，在几处同时作出了决定；采用 2026-06-30 09:00:00 作出的决定（来自本数据库），未采用另一决定（2026-06-29 09:00:00 作出），它留在这次检查的审计记录中`},
		{i18n.English, rect, `  conflict: problem 3.5 found by the visit of 城关\x1b]52;c;aGk=\x07小学 (城关镇) on 2026-04-01 was decided about in several places at once; kept the decisions made 2026-06-30 09:00:00 (from this database), not the others (made 2026-06-29 09:00:00), which stay in the visit's audit trail`},
		{i18n.Chinese, self, `  冲突：城关\x1b]52;c;aGk=\x07小学（城关镇）2026 年度的自评在几处同时修改过；采用 2026-06-30 09:00:00 修改的版本（来自导入包），未采用另一版本（2026-06-29 09:00:00 修改），它的修改留在年度审计记录中`},
		{i18n.English, self, `  conflict: the 2026 self-assessment of 城关\x1b]52;c;aGk=\x07小学 (城关镇) was changed in several places at once; kept the copy changed 2026-06-30 09:00:00 (from the bundle), not the other (changed 2026-06-29 09:00:00), whose changes stay in the year's audit trail`},
		{i18n.Chinese, veto, `  冲突：城关\x1b]52;c;aGk=\x07小学（城关镇）2026 年度的一票否决记录 weak\x1b[2J 在几处同时修改过；采用 2026-06-30 09:00:00 修改的版本（来自本数据库），未采用另一版本（2026-06-29 09:00:00 修改），它留在年度审计记录中`},
		{i18n.English, veto, `  conflict: the 2026 veto record weak\x1b[2J of 城关\x1b]52;c;aGk=\x07小学 (城关镇) was changed in several places at once; kept the copy changed 2026-06-30 09:00:00 (from this database), not the other (changed 2026-06-29 09:00:00), which stays in the year's audit trail`},
		{i18n.Chinese, stage, `  冲突：2026 年度星级评定的阶段在几处同时变更过；采用 2026-06-30 09:00:00 变更的版本（来自本数据库），未采用另一版本（2026-06-29 09:00:00 变更），它留在阶段记录和年度审计记录中`},
		{i18n.English, stage, `  conflict: the stage of the 2026 rating was changed in several places at once; kept the copy changed 2026-06-30 09:00:00 (from this database), not the other (changed 2026-06-29 09:00:00), which stays in the stage's history and the year's audit trail`},
	}
	for _, tt := range tests {
		got := conflictLine(tt.lang, time.Local, tt.c)
		if got != tt.want {
			t.Errorf("got  %s\nwant %s", got, tt.want)
		}
		if strings.ContainsAny(got, "\x1b\x07\u202e\n") {
			t.Errorf("a control character reaches the terminal: %q", got)
		}
	}
}

// TestBundleImportConflict: two databases change one visit; importing one
// into the other lists the conflict in the user's language, and again
// changes nothing.
func TestBundleImportConflict(t *testing.T) {
	dir := t.TempDir()
	env := func(now time.Time) environment {
		return environment{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard,
			getenv: func(string) string { return "" }, now: func() time.Time { return now }}
	}
	bureau, _ := time.LoadLocation("Asia/Shanghai") // conflicts are said in the bureau's time zone
	t0 := time.Date(2026, 4, 1, 9, 0, 0, 0, bureau)
	open := func(name string, now time.Time) *store.Store {
		s, err := store.Open(filepath.Join(dir, name), store.Options{Now: func() time.Time { return now }, NoDailyBackup: true})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	li := open("li.db", t0)
	sc, _ := li.AddSchool(checklist.School{Name: "城关小学", Township: "城关镇"})
	in, _ := li.CreateInspection(sc.ID, "李督查", checklist.Date{Year: 2026, Month: 4, Day: 1})
	li.SetVerdict(in.ID, "1.1", checklist.Met, "李督查")
	li.Close()
	if code := run([]string{"--db", filepath.Join(dir, "li.db"), "bundle", "export", "-o", filepath.Join(dir, "li.bundle")}, env(t0)); code != exitOK {
		t.Fatal("export")
	}
	if code := run([]string{"--db", filepath.Join(dir, "wang.db"), "bundle", "import", filepath.Join(dir, "li.bundle")}, env(t0)); code != exitOK {
		t.Fatal("import into wang")
	}
	for _, c := range []struct {
		db   string
		when time.Time
		v    checklist.Verdict
	}{{"li.db", t0.AddDate(0, 2, 0), checklist.NotMet}, {"wang.db", t0.AddDate(0, 2, 9), checklist.PartlyMet}} {
		s := open(c.db, c.when)
		if _, err := s.SetVerdict(in.ID, "1.2", c.v, "督查"); err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	run([]string{"--db", filepath.Join(dir, "li.db"), "bundle", "export", "--force", "-o", filepath.Join(dir, "li.bundle")}, env(t0))
	var out bytes.Buffer
	e := env(t0.AddDate(0, 6, 0))
	e.stdout = &out
	if code := run([]string{"--db", filepath.Join(dir, "wang.db"), "bundle", "import", filepath.Join(dir, "li.bundle")}, e); code != exitOK {
		t.Fatalf("exit %d", code)
	}
	want := "  冲突：城关小学（城关镇）2026-04-01 的检查在几处同时修改过；采用 2026-06-10 09:00:00 修改的版本（来自本数据库），另 1 个版本（2026-06-01 09:00:00 修改）一并保存，这次检查下次修改时记入审计记录\n"
	if !strings.Contains(out.String(), want) || !strings.Contains(out.String(), "冲突 1\n") {
		t.Errorf("output:\n%s\nwant the line\n%s", out.String(), want)
	}
	out.Reset()
	run([]string{"--db", filepath.Join(dir, "wang.db"), "bundle", "import", filepath.Join(dir, "li.bundle")}, e)
	if !strings.Contains(out.String(), "没有变化") {
		t.Errorf("again:\n%s", out.String())
	}
}

// TestExportedCounts: what a bundle carries, said in both languages; the
// English singular for one.
func TestExportedCounts(t *testing.T) {
	one := store.ExportSummary{Schools: 1, Inspections: 1, Audit: 1, Standards: 1, Rectifications: 1, SelfAssessments: 1, Vetoes: 1, YearStages: 1, YearAudit: 1}
	two := store.ExportSummary{Schools: 2, Inspections: 2, Audit: 2, Standards: 2, Rectifications: 2, SelfAssessments: 2, Vetoes: 2, YearStages: 2, YearAudit: 2}
	for _, tt := range []struct {
		lang i18n.Lang
		sum  store.ExportSummary
		want string
	}{
		{i18n.English, one, "1 school, 1 inspection, 1 audit entry, 1 standard, decisions about 1 rectification, 1 self-assessment, 1 veto record, 1 year stage, 1 year audit entry"},
		{i18n.English, two, "2 schools, 2 inspections, 2 audit entries, 2 standards, decisions about 2 rectifications, 2 self-assessments, 2 veto records, 2 year stages, 2 year audit entries"},
		{i18n.Chinese, one, "学校 1 所，检查 1 次，审计记录 1 条，标准 1 套，整改决定 1 项，自评 1 份，一票否决记录 1 条，年度评定阶段 1 个，年度审计记录 1 条"},
		{i18n.Chinese, two, "学校 2 所，检查 2 次，审计记录 2 条，标准 2 套，整改决定 2 项，自评 2 份，一票否决记录 2 条，年度评定阶段 2 个，年度审计记录 2 条"},
	} {
		if got := exportedCounts(tt.lang, tt.sum); got != tt.want {
			t.Errorf("%s:\ngot  %s\nwant %s", tt.lang, got, tt.want)
		}
	}
}
