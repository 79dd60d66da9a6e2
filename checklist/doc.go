// Package checklist is the domain of branchcheck: the bureau's standard
// (the 五要 with their 十有, 六有 and ledgers), the answers an inspector
// gives, inspections, scores, star ratings and the year's rating of every
// school.
//
// The package is pure Go. It does no I/O of its own: a standard is read
// from bytes it is handed, and storage, terminals and exports live in the
// packages that import this one. A test asserts that it imports none of
// bbolt, Bubble Tea or Lip Gloss.
//
// Scoring, in short: 100 points; each requirement (要) carries its own
// points (20 by default); inside a requirement the points are shared by its
// applicable items by weight. 符合 earns full credit, 部分符合 half, 不符合 and
// an unanswered item none, and 不适用 leaves the item out of the
// denominator. A requirement with no applicable item is left out and the
// total rescaled to 100. Stars come from the standard's scale, a veto item
// not met caps them, and a branch at or below the lagging bound is a
// 落后党支部 with the one-vote veto.
package checklist
