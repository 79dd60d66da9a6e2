package store_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"branchcheck/checklist"
	"branchcheck/store"
)

// The test binary doubles as a second branchcheck process: with
// STORE_TEST_CHILD set, TestMain runs that role instead of the tests.
//
// The tests get a temporary folder of their own: a dry-run import makes
// its scratch copy there, and the tests that check it is removed would
// otherwise see the copies of other packages' tests running beside them
// (cmd's bundle import --dry-run).
func TestMain(m *testing.M) {
	switch os.Getenv("STORE_TEST_CHILD") {
	case "":
		dir, err := os.MkdirTemp("", "store-test-")
		if err != nil {
			fmt.Println(err)
			os.Exit(1)
		}
		for _, k := range []string{"TMPDIR", "TMP", "TEMP"} {
			os.Setenv(k, dir)
		}
		code := m.Run()
		os.RemoveAll(dir)
		os.Exit(code)
	case "hold":
		childHold(os.Getenv("STORE_TEST_DB"))
	case "walk":
		childWalk(os.Getenv("STORE_TEST_DB"))
	}
	os.Exit(0)
}

// childHold opens the database, says so, and keeps it open until killed.
func childHold(path string) {
	s, err := store.Open(path, store.Options{})
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	defer s.Close()
	fmt.Println("open")
	time.Sleep(time.Minute)
}

// childWalk answers items one by one, forever, flipping each item between
// met and not met, and acknowledges each answer on stdout only after
// SetVerdict has returned: what the TUI does before it shows 已保存.
func childWalk(path string) {
	s, err := store.Open(path, store.Options{})
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	inspections, err := s.Inspections()
	if err != nil || len(inspections) != 1 {
		fmt.Println("error: want one inspection:", err)
		os.Exit(1)
	}
	id := inspections[0].ID
	items := checklist.DefaultStandard().ScoredItems()
	w := bufio.NewWriter(os.Stdout)
	for n := 0; ; n++ {
		it := items[n%len(items)]
		v := walkVerdict(n, len(items))
		if _, err := s.SetVerdict(id, it.ID, v, "李"); err != nil {
			fmt.Fprintln(w, "error:", err)
			w.Flush()
			os.Exit(1)
		}
		fmt.Fprintf(w, "saved %d %s %s\n", n, it.ID, v)
		w.Flush()
	}
}

// walkVerdict is the verdict of the n-th write: each pass over the items
// flips between met and not met.
func walkVerdict(n, items int) checklist.Verdict {
	if (n/items)%2 == 0 {
		return checklist.Met
	}
	return checklist.NotMet
}

func child(t *testing.T, ctx context.Context, role, path string) *exec.Cmd {
	t.Helper()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "STORE_TEST_CHILD="+role, "STORE_TEST_DB="+path)
	return cmd
}

// TestSecondProcessGetsInUse: while one process holds the database, a
// second gets the in-use error within 2 s, not a hang.
func TestSecondProcessGetsInUse(t *testing.T) {
	path := filepath.Join(t.TempDir(), "branchcheck.db")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	holder := child(t, ctx, "hold", path)
	out, err := holder.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := holder.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { holder.Process.Kill(); holder.Wait() }()
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || line != "open\n" {
		t.Fatalf("holder said %q, %v", line, err)
	}

	start := time.Now()
	_, err = store.Open(path, store.Options{})
	took := time.Since(start)
	if !errors.Is(err, store.ErrInUse) {
		t.Fatalf("err = %v, want ErrInUse", err)
	}
	if want := fmt.Sprintf("database %s is in use by another branchcheck", path); err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
	if took > 2*time.Second {
		t.Errorf("took %v to give up, want under 2s", took)
	}
}

// TestKilledMidWalkLosesNothing: a real process saving answers one by one
// is killed with SIGKILL at a random point, 20 times. Every answer it
// acknowledged is in the file afterwards; at most the one write in flight
// when it died may be there without an acknowledgement.
func TestKilledMidWalkLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("starts 20 processes")
	}
	path := filepath.Join(t.TempDir(), "branchcheck.db")
	s, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sc := mustSchool(t, s, "城关小学", "城关镇")
	in, err := s.CreateInspection(sc.ID, "李", day("2026-11-29"))
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	items := checklist.DefaultStandard().ScoredItems()

	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	acked := map[string]checklist.Verdict{}
	for round := range 20 {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		cmd := child(t, ctx, "walk", path)
		out, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		killAfter := rng.IntN(60) + 1 // acknowledgements to wait for
		sc := bufio.NewScanner(out)
		last, killed := -1, false
		// Read every acknowledgement the child printed, including those
		// printed between our reading one and the kill landing.
		for sc.Scan() {
			var n int
			var id, v string
			if _, err := fmt.Sscanf(sc.Text(), "saved %d %s %s", &n, &id, &v); err != nil {
				t.Fatalf("round %d: child said %q", round, sc.Text())
			}
			acked[id] = checklist.Verdict(v)
			last = n
			if !killed && n+1 >= killAfter {
				// Let it get into its next write, then pull the plug.
				time.Sleep(time.Duration(rng.IntN(3000)) * time.Microsecond)
				cmd.Process.Signal(syscall.SIGKILL)
				killed = true
			}
		}
		cmd.Wait()
		cancel()

		got, err := store.Open(path, store.Options{})
		if err != nil {
			t.Fatalf("round %d: reopen after kill: %v", round, err)
		}
		saved, err := got.Inspection(in.ID)
		got.Close()
		if err != nil {
			t.Fatal(err)
		}
		// The write after the last acknowledged one may have committed.
		inFlight := items[(last+1)%len(items)].ID
		for id, want := range acked {
			if have := saved.Answers[id].Verdict; have != want && id != inFlight {
				t.Fatalf("round %d (last %d, kill after %d, in flight %s): item %s acknowledged as %s, file has %q", round, last, killAfter, inFlight, id, want, have)
			}
		}
		// The next round's child starts over from write 0, so carry over
		// what the file now holds for the in-flight item.
		acked[inFlight] = saved.Answers[inFlight].Verdict
		if acked[inFlight] == checklist.Unanswered {
			delete(acked, inFlight)
		}
		if last < 0 && round == 0 {
			t.Log("killed before the first acknowledgement")
		}
	}
	if len(acked) == 0 {
		t.Error("no answer was ever acknowledged")
	}
	t.Logf("%d items acknowledged over 20 kills", len(acked))
}
