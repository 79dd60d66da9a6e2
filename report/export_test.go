package report

import "branchcheck/termtext"

// DisplayWidth lets the tests measure text as the terminal table does.
var DisplayWidth = termtext.Width
