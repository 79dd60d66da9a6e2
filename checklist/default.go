package checklist

import (
	_ "embed"
	"fmt"
)

// DefaultStandardID is the id of the standard shipped with the program.
// A changed shipped standard gets a new id, so visits made under this one
// keep their scores.
const DefaultStandardID = "wuyao-default-v1"

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
