package tui

import "charm.land/bubbles/v2/key"

// What each screen's keys show: the bar at the bottom (ShortHelp) and
// the ? page (FullHelp), from the same bindings that handle the keys.

// ShortHelp lists the schools list's main keys.
func (k SchoolsKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Add, k.Files, k.Filter, k.Ratings, k.Standard, k.Settings, k.Help, k.Quit}
}

// FullHelp lists every key of the schools list.
func (k SchoolsKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Open},
		{k.Add, k.Filter, k.Unvisited, k.Townships, k.Archived},
		{k.Files, k.Ratings, k.Ledger, k.Standard, k.Settings, k.Help, k.Quit},
	}
}

// ShortHelp lists the school screen's main keys.
func (k SchoolKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Open, k.New, k.Delete, k.Feedback, k.Audit, k.Back, k.Help}
}

// FullHelp lists every key of the school screen.
func (k SchoolKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.Open, k.New, k.Delete, k.Redate},
		{k.Feedback, k.Audit, k.Edit, k.DeleteSchool, k.Archive},
		{k.Rects, k.SelfCheck, k.Vetoes, k.Back, k.Help},
	}
}

// ShortHelp lists the walk's main keys.
func (k WalkKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Met, k.PartlyMet, k.NotMet, k.NotApplicable, k.Note, k.Undo, k.Clear, k.Finalize, k.Reopen, k.Back, k.NextRect, k.Help}
}

// FullHelp lists every key of the walk.
func (k WalkKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Met, k.PartlyMet, k.NotMet, k.NotApplicable, k.Clear, k.Undo},
		{k.Up, k.Down, k.NextReq, k.PrevReq, k.NextRect},
		{k.Note, k.Finalize, k.Reopen, k.Audit, k.Back, k.Help},
	}
}

// ShortHelp lists the settings screen's keys.
func (k SettingsKeys) ShortHelp() []key.Binding { return []key.Binding{k.Edit, k.Back, k.Help} }

// FullHelp lists every key of the settings screen.
func (k SettingsKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Edit, k.Back, k.Help}}
}

// ShortHelp lists the audit trail's keys.
func (k AuditKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Down, k.PageDown, k.Back, k.Help}
}

// FullHelp lists every key of the audit trail.
func (k AuditKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Back, k.Help}}
}

// ShortHelp lists the ratings' main keys.
func (k RatingsKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.PrevYear, k.NextYear, k.Charts, k.Publish, k.Confirm, k.Withdraw, k.SortNext, k.Order, k.Filter, k.Export, k.Back, k.Help}
}

// FullHelp lists every key of the ratings.
func (k RatingsKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Open},
		{k.PrevYear, k.NextYear, k.SortPrev, k.SortNext, k.Order},
		{k.Filter, k.Export, k.Charts, k.Publish, k.Confirm, k.Withdraw},
		{k.Back, k.Help},
	}
}

// ShortHelp lists the standard review's main keys.
func (k StandardKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Down, k.PageDown, k.Search, k.Lang, k.Back, k.Help}
}

// FullHelp lists every key of the standard review.
func (k StandardKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, {k.Search, k.Lang, k.Back, k.Help}}
}
