package checklist_test

import (
	"strings"
	"testing"

	"branchcheck/checklist"
)

// FuzzParseStandard: any bytes give a standard or a one-line error naming
// the file, never a panic; a standard that parses also validates.
func FuzzParseStandard(f *testing.F) {
	f.Add([]byte(minimal))
	f.Add(checklist.DefaultStandardFile())
	f.Add([]byte("format: 1\nid: [\n"))
	f.Add([]byte("format: 1\nid: x\nstars: {levels: [{stars: 2, min_points: 1e309}]}\n"))
	f.Add(append([]byte("\xEF\xBB\xBF"), minimal...))
	f.Add([]byte("format: 1\ntitle: \xb2\xe2\xca\xd4\n"))
	f.Add([]byte("id: " + strings.Repeat("[", 40) + strings.Repeat("]", 40) + "\n"))
	f.Add([]byte("format: 1\nid: &i x\ntitle: *i\nnote: |\n  - [a\n  b: {\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		std, err := checklist.ParseStandard("f.yaml", data)
		if err != nil {
			if msg := err.Error(); !strings.HasPrefix(msg, "f.yaml:") || strings.Contains(msg, "\n") {
				t.Fatalf("error not one line naming the file: %q", msg)
			}
			return
		}
		if err := std.Validate(); err != nil {
			t.Fatalf("parsed standard does not validate: %v", err)
		}
		checklist.ScoreAnswers(std, nil)
		checkScoring(t, std)
	})
}

// checkScoring scores a standard that parsed with answers of every kind
// (a verdict per item in turn, a number for each deduction or bonus item):
// the total stays within 0 and the standard's maximum, and the packed
// form the store scores from gives the same score as the answers.
func checkScoring(t *testing.T, std *checklist.Standard) {
	answers := map[string]checklist.Answer{}
	var verdicts []checklist.Verdict
	var values []float64
	for i, it := range std.ScoredItems() {
		a := checklist.Answer{Verdict: checklist.Verdicts[i%len(checklist.Verdicts)]}
		if it.TakesValue() {
			if v, x, err := it.ValueEntry(float64(i % 4)); err == nil {
				a = checklist.Answer{Verdict: v, Value: x}
			} else if a.Verdict, a.Value, err = it.VerdictEntry(checklist.NotApplicable); err != nil {
				t.Fatalf("item %s: %v", it.ID, err)
			}
		}
		answers[it.ID] = a
		verdicts = append(verdicts, a.Verdict)
		values = append(values, a.Value)
	}
	got := checklist.ScoreAnswers(std, answers)
	if !(got.Total >= 0 && got.Total <= std.MaxTotalPoints()) {
		t.Fatalf("total %v outside 0 to %v", got.Total, std.MaxTotalPoints())
	}
	if packed := checklist.ScoreVerdictsAndValues(std, verdicts, values); packed.Total != got.Total || packed.Stars != got.Stars {
		t.Fatalf("packed %v (%d stars), by answers %v (%d)", packed.Total, packed.Stars, got.Total, got.Stars)
	}
}
