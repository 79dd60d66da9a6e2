package main

import (
	"os"
	"strings"
	"testing"
	"time"

	"branchcheck/checklist"
	"branchcheck/store"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the scripts run branchcheck as a command: the test binary
// itself stands in for it. A script fixes its clock with
// BRANCHCHECK_TEST_NOW (RFC 3339), which only this stand-in reads.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"branchcheck": func() {
			now := time.Now
			if v := os.Getenv("BRANCHCHECK_TEST_NOW"); v != "" {
				t, err := time.Parse(time.RFC3339, v)
				if err != nil {
					panic(err)
				}
				now = func() time.Time { return t }
			}
			os.Exit(run(os.Args[1:], environment{
				stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr,
				getenv: os.Getenv, now: now,
			}))
		},
	})
}

// TestScripts runs the command-line scenarios in testdata/script, one
// .txtar file each.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"seed":        seedCmd,
			"visit":       visitCmd,
			"draft":       draftCmd,
			"example":     exampleCmd,
			"countyvisit": countyVisitCmd,
			"fillform":    fillFormCmd,
		},
		Setup: func(e *testscript.Env) error {
			// A clean, known environment: Chinese unless a script says
			// otherwise, and the database inside the script's work dir.
			e.Setenv("LANG", "")
			e.Setenv("LC_ALL", "")
			e.Setenv("XDG_DATA_HOME", e.WorkDir+"/xdg")
			return nil
		},
	})
}

// seedCmd fills a database for a script: `seed DB` adds three schools in
// two townships, a finalized 100-point 2026 visit of 城关小学 (its id in
// $VISIT), a 2026 visit
// of 东河中学 with 一要 partly met (90 points), its 2025
// visit all partly met (50 points), and nothing for 西山小学. Every visit
// has a note on 1.1. The visits' ids are left in $CG2026, $DH2025 and
// $DH2026, for naming their rectifications (VISIT/ITEM).
func seedCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: seed DB")
	}
	s, err := store.Open(ts.MkAbs(args[0]), store.Options{})
	ts.Check(err)
	defer s.Close()
	add := func(name, township string) checklist.School {
		sc, err := s.AddSchool(checklist.School{Name: name, Township: township, Kind: "小学", Secretary: "张书记"})
		ts.Check(err)
		return sc
	}
	walk := func(sc checklist.School, date string, verdict func(id string) checklist.Verdict) string {
		d, err := checklist.ParseDate(date)
		ts.Check(err)
		in, err := s.CreateInspection(sc.ID, "李督查", d)
		ts.Check(err)
		for _, it := range checklist.DefaultStandard().ScoredItems() {
			_, err := s.SetVerdict(in.ID, it.ID, verdict(it.ID), "李督查")
			ts.Check(err)
		}
		_, err = s.SetNote(in.ID, "1.1", "书记未参加培训", "李督查")
		ts.Check(err)
		_, err = s.Finalize(in.ID, "李督查")
		ts.Check(err)
		return in.ID
	}
	a, b := add("城关小学", "城关镇"), add("东河中学", "东河乡")
	add("西山小学", "西山镇")
	cg2026 := walk(a, "2026-04-01", func(string) checklist.Verdict { return checklist.Met })
	ts.Setenv("CG2026", cg2026)
	ts.Setenv("VISIT", cg2026)
	ts.Setenv("DH2025", walk(b, "2025-05-01", func(string) checklist.Verdict { return checklist.PartlyMet }))
	ts.Setenv("DH2026", walk(b, "2026-05-01", func(id string) checklist.Verdict {
		if strings.HasPrefix(id, "1.") {
			return checklist.PartlyMet
		}
		return checklist.Met
	}))
}

// visitCmd walks a visit for a script: `visit DB SCHOOL DATE NAME
// [ITEM=y|p|n|x]...` finalizes a visit of the school (by name) on the
// date, every scored item 符合 but those given, and leaves its id in
// $NAME.
func visitCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 4 {
		ts.Fatalf("usage: visit DB SCHOOL DATE NAME [ITEM=y|p|n|x]...")
	}
	s, err := store.Open(ts.MkAbs(args[0]), store.Options{NoDailyBackup: true})
	ts.Check(err)
	defer s.Close()
	found, err := s.FindSchools(args[1])
	ts.Check(err)
	if len(found) != 1 {
		ts.Fatalf("%d schools named %s", len(found), args[1])
	}
	d, err := checklist.ParseDate(args[2])
	ts.Check(err)
	over := map[string]checklist.Verdict{}
	for _, a := range args[4:] {
		id, v, _ := strings.Cut(a, "=")
		verdict, ok := map[string]checklist.Verdict{"y": checklist.Met, "p": checklist.PartlyMet, "n": checklist.NotMet, "x": checklist.NotApplicable}[v]
		if !ok {
			ts.Fatalf("bad answer %q", a)
		}
		over[id] = verdict
	}
	in, err := s.CreateInspection(found[0].ID, "李督查", d)
	ts.Check(err)
	for _, it := range checklist.DefaultStandard().ScoredItems() {
		v, ok := over[it.ID]
		if !ok {
			v = checklist.Met
		}
		_, err := s.SetVerdict(in.ID, it.ID, v, "李督查")
		ts.Check(err)
	}
	_, err = s.Finalize(in.ID, "李督查")
	ts.Check(err)
	ts.Setenv(args[3], in.ID)
}

// draftCmd starts a draft visit for a script: `draft DB SCHOOL DATE`
// answers 1.1 of a new visit of the school (by name) on the date and puts
// its id in $DRAFT.
func draftCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: draft DB SCHOOL DATE")
	}
	s, err := store.Open(ts.MkAbs(args[0]), store.Options{})
	ts.Check(err)
	defer s.Close()
	found, err := s.FindSchools(args[1])
	ts.Check(err)
	if len(found) != 1 {
		ts.Fatalf("school %s: %d found", args[1], len(found))
	}
	d, err := checklist.ParseDate(args[2])
	ts.Check(err)
	in, err := s.CreateInspection(found[0].ID, "李督查", d)
	ts.Check(err)
	_, err = s.SetVerdict(in.ID, "1.1", checklist.Met, "李督查")
	ts.Check(err)
	ts.Setenv("DRAFT", in.ID)
}
