package checklist

import "fmt"

// Count is a number of things in a message said in both languages with
// the same arguments (a Text, i18n.Lang.Sprintf). Chinese has no plural
// and puts its own measure word beside the number (学校 12 所, 逾期 1 天):
// %d formats the number alone. English says the noun, singular for one:
// %s or %v formats "1 school", "12 schools".
type Count struct {
	N int
	// One and Many are the English words for one thing and for any other
	// number: "school", "schools"; "audit entry", "audit entries". A verb
	// that agrees with the noun may follow it: "item is", "items are".
	One, Many string
}

// Counted is n things, called one in English when n is 1 and many
// otherwise.
func Counted(n int, one, many string) Count { return Count{N: n, One: one, Many: many} }

// String is the count in English: the number and its words.
func (c Count) String() string {
	if c.N == 1 {
		return "1 " + c.One
	}
	return fmt.Sprintf("%d %s", c.N, c.Many)
}

// Format formats the number alone for %d (with its flags and width), the
// number and its English words for any other verb.
func (c Count) Format(f fmt.State, verb rune) {
	if verb == 'd' {
		fmt.Fprintf(f, fmt.FormatString(f, verb), c.N)
		return
	}
	fmt.Fprint(f, c.String())
}

// Points is an amount of points in a message said in both languages with
// the same arguments, as Count is a number of things: %d formats the
// amount alone as a sentence writes it (FormatPoints: the Chinese text,
// 扣 1 分, 加 0.5 分), %g as fmt writes a float; %s or %v formats it with
// its English noun, singular for exactly one: "1 point", "0.5 points",
// "2 points".
type Points float64

// String is the amount in English: the number and "point" or "points".
func (p Points) String() string { return pointsWord(float64(p)) }

// Format formats the amount alone for %d (as FormatPoints writes it) and
// for %g, %f and %e (as fmt writes a float: a value as it was given, in a
// message about a standard's file), with its English noun for any other
// verb.
func (p Points) Format(f fmt.State, verb rune) {
	switch verb {
	case 'd':
		fmt.Fprint(f, FormatPoints(float64(p)))
	case 'g', 'G', 'f', 'F', 'e', 'E':
		fmt.Fprintf(f, fmt.FormatString(f, verb), float64(p))
	default:
		fmt.Fprint(f, p.String())
	}
}
