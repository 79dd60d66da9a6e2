package i18n

import "branchcheck/checklist"

// Count is checklist.Count: a number of things that a message says in
// both languages with the same arguments, the number alone for %d (the
// Chinese text: 学校 1 所), the number and its English noun, singular for
// one, for %s or %v ("1 school", "12 schools").
type Count = checklist.Count

// Counted is checklist.Counted: n things, called one in English when n
// is 1 and many otherwise.
func Counted(n int, one, many string) Count { return checklist.Counted(n, one, many) }
