package report

// DisplayWidth lets the tests measure text as the terminal table does.
var DisplayWidth = displayWidth
