package checklist_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"testing"

	"branchcheck/checklist"
)

// scoringDigest is the digest of the scores below under ScoringVersion
// scoringDigestVersion.
const (
	scoringDigestVersion = 1
	scoringDigest        = "c1b8f847818c56a8a2f7bcfe0f4365dcb14bc2c3bf78954a4d32e65a3f6c6ed5"
)

// TestScoringVersion scores a fixed spread of answers (every verdict,
// unanswered items, numbers for deduction and bonus items) under the
// shipped standard and under a county's standard with deduction, bonus
// and veto rules, and compares a digest of every score with the one
// recorded for ScoringVersion. A change to the scoring changes the
// digest: raise ScoringVersion (the store then scores its kept scores
// again) and record the new digest here.
func TestScoringVersion(t *testing.T) {
	h := sha256.New()
	rng := rand.New(rand.NewPCG(16, 5))
	verdicts := append([]checklist.Verdict{checklist.Unanswered}, checklist.Verdicts...)
	for _, std := range []*checklist.Standard{checklist.DefaultStandard(), example(t)} {
		items := std.ScoredItems()
		for range 300 {
			answers := map[string]checklist.Answer{}
			for _, it := range items {
				a := checklist.Answer{Verdict: verdicts[rng.IntN(len(verdicts))]}
				if it.TakesValue() && a.Verdict != checklist.Unanswered && rng.IntN(2) == 0 {
					a.Value = float64(rng.IntN(8)) / 2
				}
				answers[it.ID] = a
			}
			fmt.Fprintf(h, "%+v\n", checklist.ScoreAnswers(std, answers))
		}
	}
	got := hex.EncodeToString(h.Sum(nil))
	if checklist.ScoringVersion != scoringDigestVersion || got != scoringDigest {
		t.Errorf("the scores come out as digest %s under ScoringVersion %d; recorded: %s under %d.\n"+
			"If the scoring changed on purpose, raise checklist.ScoringVersion and record the new digest with it here.",
			got, checklist.ScoringVersion, scoringDigest, scoringDigestVersion)
	}
}
