package report

// neutralise makes a text cell inert in a spreadsheet, by the OWASP rule
// against CSV (formula) injection: a cell that begins with '=', '+', '-',
// '@', a tab or a carriage return gets a leading single quote, so Excel,
// WPS and LibreOffice take it as text instead of running it as a formula.
// Numbers are written as numbers and never pass through here, so no
// legitimate value is changed; a school whose name begins with '-' is
// shown with the quote.
func neutralise(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
