package checklist

import (
	_ "embed"
	"fmt"
)

// DefaultStandardID is the id of the standard shipped with the program.
// A changed shipped standard gets a new id, so visits made under the old
// one keep it (a database stores the standard a visit was made under) and
// databases of two program versions still merge.
//
// v2 corrected the text against the speech: 1.2 "必须", 4.5's attribution,
// 5.2.7 "等", the 要's own requirements, and 5.3 first under 五要. Items,
// weights and points are those of v1, so scores are the same.
const DefaultStandardID = "wuyao-default-v2"

// ShippedStandardIDs are the ids of every standard this program has
// shipped, the current one last.
var ShippedStandardIDs = []string{"wuyao-default-v1", DefaultStandardID}

//go:embed standard/wuyao-default.yaml
var defaultStandardFile []byte

// DefaultStandardFile returns the shipped standard as its YAML file: the
// starting point for a bureau's own.
func DefaultStandardFile() []byte {
	return append([]byte(nil), defaultStandardFile...)
}

// DefaultStandard returns a fresh copy of the shipped standard: the 五要
// of the speech, 43 items of which 42 are scored, with the common star
// scale (90/80/70/60) and lagging at three stars or fewer.
func DefaultStandard() *Standard {
	s, err := ParseStandard("wuyao-default.yaml", defaultStandardFile)
	if err != nil {
		// The file is part of the program and a test parses it.
		panic(fmt.Sprintf("the shipped standard does not parse: %v", err))
	}
	return s
}
