// Command gencounty fills a new database with ten years of a county's
// visits (500 schools × 40 visits, internal/scaledata), the last of them
// today, for the tmux test that launches branchcheck on it. It lives
// under testdata, so go build ./... and go vet ./... leave it alone; the
// test builds it beside the program, without the race detector, which
// would make the generation ten times slower. With "province" it makes a
// province's year instead (50,000 schools × 4 visits, about 2 GiB), for
// measuring the app by hand.
//
//	gencounty DB [province]
package main

import (
	"fmt"
	"os"
	"time"

	"branchcheck/checklist"
	"branchcheck/internal/scaledata"
	"branchcheck/store"
)

func main() {
	if len(os.Args) < 2 || len(os.Args) > 3 || len(os.Args) == 3 && os.Args[2] != "province" {
		fmt.Fprintln(os.Stderr, "usage: gencounty DB [province]")
		os.Exit(2)
	}
	scale := scaledata.CountyTenYears(checklist.DateOf(time.Now()))
	if len(os.Args) == 3 {
		scale = scaledata.Province(checklist.DateOf(time.Now()))
	}
	if err := generate(os.Args[1], scale); err != nil {
		fmt.Fprintln(os.Stderr, "gencounty:", err)
		os.Exit(1)
	}
}

// generate fills a new database at path and opens it once more, as the
// program would, so that the day's first open (its backup) is behind it.
func generate(path string, scale scaledata.Scale) error {
	s, err := store.Open(path, store.Options{})
	if err != nil {
		return err
	}
	if err := scaledata.Fill(s, scale); err != nil {
		s.Close()
		return err
	}
	if err := s.Close(); err != nil {
		return err
	}
	if s, err = store.Open(path, store.Options{}); err != nil {
		return err
	}
	return s.Close()
}
