package checklist_test

import (
	"testing"

	"branchcheck/internal/saycheck"
)

// TestEveryTextInBothLanguages: every message of the package is worded in
// Chinese and in English, the Chinese with full-width punctuation, and
// every exported error sentinel too (see internal/saycheck).
func TestEveryTextInBothLanguages(t *testing.T) { saycheck.Check(t, ".") }
