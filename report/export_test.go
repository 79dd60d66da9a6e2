package report

import "branchcheck/termtext"

// DisplayWidth lets the tests measure text as the terminal table does.
var DisplayWidth = termtext.Width

// SheetNames and SheetRowsMax let the tests see how a long table is
// shared out among sheets.
var SheetNames = sheetNames

const SheetRowsMax = sheetRowsMax
