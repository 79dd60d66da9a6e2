package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/xuri/excelize/v2"

	"branchcheck/checklist"
	"branchcheck/store"
)

// exampleCmd writes the example standard that uses every scoring rule
// (checklist/testdata/county-2027.yaml) into the script's work dir:
// `example FILE`.
func exampleCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: example FILE")
	}
	data, err := os.ReadFile(filepath.Join("..", "..", "checklist", "testdata", "county-2027.yaml"))
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), data, 0o644))
}

// countyVisitCmd walks a visit under the year's standard for a script:
// `countyvisit DB SCHOOL DATE NAME [ITEM=ENTRY]...` finalizes a visit of
// the school on the date, every scored item 符合 (a bonus item 0) but
// those given, each entry as a form's cell reads (checklist.ParseEntry:
// a verdict, or a number), and leaves its id in $NAME.
func countyVisitCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 4 {
		ts.Fatalf("usage: countyvisit DB SCHOOL DATE NAME [ITEM=ENTRY]...")
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
	over := map[string]string{}
	for _, a := range args[4:] {
		id, v, _ := strings.Cut(a, "=")
		over[id] = v
	}
	in, err := s.CreateInspection(found[0].ID, "李督查", d)
	ts.Check(err)
	std, err := s.Standard(in.StandardID)
	ts.Check(err)
	for _, it := range std.ScoredItems() {
		cell, ok := over[it.ID]
		if !ok {
			cell = "符合"
			if it.Bonus != nil {
				cell = "0"
			}
		}
		v, x, err := checklist.ParseEntry(it, cell)
		ts.Check(err)
		if it.TakesValue() && x != 0 || it.Bonus != nil && v == checklist.Met {
			_, err = s.SetValue(in.ID, it.ID, x, "李督查")
		} else {
			_, err = s.SetVerdict(in.ID, it.ID, v, "李督查")
		}
		ts.Check(err)
	}
	_, err = s.Finalize(in.ID, "李督查")
	ts.Check(err)
	ts.Setenv(args[3], in.ID)
}

// fillFormCmd fills a 自评表 as a school would, with excelize: `fillform
// FILE [ITEM=ENTRY]... [sign=NAME] [date=DATE]`; an entry that reads as
// a number is written as one.
func fillFormCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 {
		ts.Fatalf("usage: fillform FILE [ITEM=ENTRY]...")
	}
	path := ts.MkAbs(args[0])
	f, err := excelize.OpenFile(path)
	ts.Check(err)
	defer f.Close()
	sheet := f.GetSheetList()[0]
	rows, err := f.GetRows(sheet)
	ts.Check(err)
	rowOf := func(match func(r []string) bool) int {
		for i, r := range rows {
			if match(r) {
				return i + 1
			}
		}
		ts.Fatalf("no such row in %s", args[0])
		return 0
	}
	for _, a := range args[1:] {
		k, v, _ := strings.Cut(a, "=")
		var row int
		switch k {
		case "sign":
			row = rowOf(func(r []string) bool { return len(r) > 3 && strings.Contains(r[3], "签字") })
		case "date":
			row = rowOf(func(r []string) bool { return len(r) > 3 && r[3] == "填报日期" })
		default:
			row = rowOf(func(r []string) bool { return len(r) > 2 && r[2] == k })
		}
		var val any = v
		if x, err := strconv.ParseFloat(v, 64); err == nil {
			val = x
		}
		ts.Check(f.SetCellValue(sheet, "F"+strconv.Itoa(row), val))
	}
	ts.Check(f.Save())
}
