package checklist_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDomainIsPure: checklist must not import storage, terminal or file
// code, directly or through another package.
func TestDomainIsPure(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "branchcheck/checklist").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	forbidden := []string{
		"go.etcd.io/bbolt", "charm.land/", "github.com/charmbracelet/",
		"branchcheck/store", "branchcheck/tui", "branchcheck/report",
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, f := range forbidden {
			if strings.HasPrefix(dep, f) {
				t.Errorf("checklist depends on %s", dep)
			}
		}
	}
}
