// Package report writes branchcheck's exports: the year's star-rating
// table (星级党支部评比汇总) as a terminal table, CSV, XLSX, Markdown, HTML or
// JSON, and the feedback sheet (检查反馈单) of one visit as Markdown, HTML,
// XLSX or a terminal table.
//
// The printed formats (HTML, Markdown, the XLSX's sheets) are papers a
// bureau signs, stamps and sends upward: a title with the year and the
// 填报单位 (Meta.Bureau), every score in one number format (0.00), dates
// as dates, numbers written with no space beside the Chinese (2026年度,
// 逾期59天: paper.go), page numbers (第N页 共M页), the rules as numbered notes (the
// lagging branch's one-vote veto with its scope, a standard's own veto
// items only when it has any, the program's defaults only for a standard
// shipped with it), and at the foot the signature lines and the place for
// the 公章; no internal id or database path, which the terminal table, the
// CSV, the XLSX's 说明 sheet and the JSON state instead.
//
// Every export is written to an io.Writer: the package opens no file and
// imports no storage or terminal library. (excelize's stream writer would
// spill a sheet of more than 16 MB to a temporary file; for 500 schools
// the largest sheet, 问题清单, is about 2.6 MB.) All its data comes from checklist
// values the caller hands it, and Meta says what the export states besides
// the data (language, when, from which database, which township).
//
// One row model serves every format: the year's ratings become a table of
// cells in the chosen language (ratings.go), a feedback sheet becomes a
// document of sections (feedback.go), and each format only renders that
// model. JSON is the exception: it is a language-neutral machine form with
// its own documented field names (json.go).
//
// Spreadsheet safety: in CSV and XLSX every text cell that begins with
// '=', '+', '-', '@', a tab or a carriage return gets a leading single
// quote (the OWASP rule against formula injection), and XLSX cells are
// written as text or numbers, never as formulas. The XLSX applies the
// quote too, although its text cells could never run, so that both
// spreadsheets hold the same text and a cell edited or re-saved as CSV
// stays inert.
package report
