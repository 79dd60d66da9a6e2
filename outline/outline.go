// Package outline lays a standard out as an outline: a list of typed lines
// in one language, in the standard's own order. First the head (its title,
// what it is, where it comes from, the notes on its source and its scale,
// the program's defaults for a shipped standard, the star levels and the
// rules), then each 要 with its own text, its groups and its items.
//
// The lines carry no width and no styling: the command line
// (branchcheck standard show) wraps and prints them, and the terminal's
// standard screen styles and wraps them, so both show a standard the same
// way and in the same order. Only the words are chosen here.
package outline

import (
	"strings"

	"golang.org/x/text/width"

	"branchcheck/checklist"
	"branchcheck/i18n"
)

// Kind says what a line of the outline is.
type Kind uint8

// The kinds of line, in the order the head shows them, then the body's.
const (
	// Title is the standard's title.
	Title Kind = iota + 1
	// About says which standard it is: its id, its year, how many items
	// it has and how many are scored.
	About
	// Source says where the criteria come from.
	Source
	// SourceNote is the standard's note on its source (the web copy's
	// blank in the shipped one).
	SourceNote
	// ScaleNote is the standard's own note on its star scale.
	ScaleNote
	// Defaults says which rules are the program's defaults; only a
	// standard shipped with the program has it, always before the levels.
	Defaults
	// Scale lists the star levels.
	Scale
	// Lagging says which branches are lagging (落后党支部).
	Lagging
	// LaggingVeto states the lagging branch's one-vote veto with its
	// scope.
	LaggingVeto
	// VetoRule states the standard's own veto items and what they cap;
	// only a standard with veto items has it.
	VetoRule
	// Requirement is a 要: its label and title; Tags hold its points.
	Requirement
	// RequirementText is a 要's own wording before its items.
	RequirementText
	// Group is a group's title (十有, 基础工作台帐).
	Group
	// GroupNote is what a group's note asks, right after the Group line.
	GroupNote
	// Item is an item: ID is its id, Text its text in the language
	// (English: the gloss), Tags its standing (not scored, veto, weight).
	Item
	// ItemOriginal follows an Item in English: the standard's own Chinese
	// text, since the gloss is not part of the standard.
	ItemOriginal
	// ItemNote is an item's note (why 4.4 is not scored).
	ItemNote
)

// IsHead reports whether a line of this kind belongs to the head, before
// the first 要.
func (k Kind) IsHead() bool { return k >= Title && k <= VetoRule }

// Line is one line of the outline.
type Line struct {
	Kind Kind
	// Depth is how deep the line sits: 0 for the head and a 要's heading,
	// 1 for what is directly under a 要 (its text, a group, an item of no
	// group), 2 for an item of a titled group and its lines.
	Depth int
	// ID is the 要's id on its Requirement and RequirementText lines, the
	// item's on its Item, ItemOriginal and ItemNote lines, else "".
	ID string
	// Label names a head line ("来源", "星级档次"); "" on the others.
	Label string
	// Text is what the line says, in the language.
	Text string
	// Tags are short marks that go with the text: a 要's points ("20分"),
	// an item's "不计分", "否决项", "权重 2".
	Tags []string
}

// Of lays the whole standard out in a language.
func Of(std *checklist.Standard, l i18n.Lang) []Line {
	lines, _ := build(std, l, "")
	return lines
}

// Matching lays out only the items that contain query (in their id, text,
// gloss or note, in either language, as Fold compares them), each under
// its 要 and group, without the head; matches counts them. An empty query
// gives the whole standard, as Of does.
func Matching(std *checklist.Standard, l i18n.Lang, query string) (lines []Line, matches int) {
	return build(std, l, Fold(strings.TrimSpace(query)))
}

// Fold is text as a search compares it: lower case, full-width letters
// and digits as half-width ones, and the variant spellings the standard
// and the schools use as one (台帐 is 台账).
func Fold(s string) string {
	return variants.Replace(strings.ToLower(width.Fold.String(s)))
}

// variants are characters written two ways, each mapped to one.
var variants = strings.NewReplacer("帐", "账")

func build(std *checklist.Standard, l i18n.Lang, q string) ([]Line, int) {
	var out []Line
	if q == "" {
		out = head(std, l)
	}
	matches := 0
	for ri := range std.Requirements {
		r := &std.Requirements[ri]
		var body []Line
		for gi := range r.Groups {
			g := &r.Groups[gi]
			depth := 1
			var items []Line
			if t := l.GroupTitle(g); t != "" {
				depth = 2
			}
			for ii := range g.Items {
				it := &g.Items[ii]
				if !found(it, q) {
					continue
				}
				matches++
				items = append(items, item(it, l, depth)...)
			}
			if len(items) == 0 {
				continue
			}
			if t := l.GroupTitle(g); t != "" {
				body = append(body, Line{Kind: Group, Depth: 1, Text: t})
				if n := l.GroupNote(g); n != "" {
					body = append(body, Line{Kind: GroupNote, Depth: 1, Text: n})
				}
			}
			body = append(body, items...)
		}
		if len(body) == 0 {
			continue
		}
		out = append(out, Line{Kind: Requirement, ID: r.ID, Text: l.Requirement(r),
			Tags: []string{l.Sprintf("%s分", "%s points", checklist.FormatPoints(r.Points))}})
		if t := l.RequirementText(r); t != "" {
			out = append(out, Line{Kind: RequirementText, Depth: 1, ID: r.ID, Text: t})
		}
		out = append(out, body...)
	}
	return out, matches
}

// head is what the outline says before the first 要.
func head(std *checklist.Standard, l i18n.Lang) []Line {
	out := []Line{
		{Kind: Title, Text: l.StandardTitle(std)},
		{Kind: About, Text: l.Sprintf("标准编号：%s，适用年度：%s，共 %d 项，计分 %d 项", "id: %s, year: %s, %d items, %d scored",
			std.ID, l.Year(std.Year), len(std.Items()), len(std.ScoredItems()))},
	}
	labelled := func(k Kind, zh, en, text string) {
		if text != "" {
			out = append(out, Line{Kind: k, Label: l.Pick(zh, en), Text: text})
		}
	}
	labelled(Source, "来源", "Source", l.StandardSource(std))
	labelled(SourceNote, "来源说明", "About the source", l.SourceNote(std))
	labelled(ScaleNote, "档次说明", "About the scale", l.ScaleNote(std))
	labelled(Defaults, "默认设置", "Defaults", l.DefaultsNote(std))
	labelled(Scale, "星级档次", "Star levels", l.Scale(std.Stars))
	labelled(Lagging, "落后党支部", "Lagging", l.LaggingBound(std.Stars))
	labelled(LaggingVeto, "一票否决", "One-vote veto", l.LaggingVeto())
	if ids := std.VetoItems(); len(ids) > 0 {
		labelled(VetoRule, "否决项", "Veto items", strings.Join(ids, l.Pick("、", ", "))+l.Pick("；", "; ")+l.VetoRule(std.Stars))
	}
	return out
}

// item is an item's lines at a depth.
func item(it *checklist.Item, l i18n.Lang, depth int) []Line {
	var tags []string
	if !it.Scored {
		tags = append(tags, l.Pick("不计分", "not scored"))
	}
	if it.Veto {
		tags = append(tags, l.Pick("否决项", "veto"))
	}
	if it.Weight != checklist.DefaultItemWeight {
		tags = append(tags, l.Sprintf("权重 %s", "weight %s", checklist.FormatPoints(it.Weight)))
	}
	out := []Line{{Kind: Item, Depth: depth, ID: it.ID, Text: l.Text(it), Tags: tags}}
	if l == i18n.English && it.EN != "" {
		out = append(out, Line{Kind: ItemOriginal, Depth: depth, ID: it.ID, Text: it.Text})
	}
	if n := l.Note(it); n != "" {
		out = append(out, Line{Kind: ItemNote, Depth: depth, ID: it.ID, Text: n})
	}
	return out
}

// found reports whether an item contains the folded query.
func found(it *checklist.Item, q string) bool {
	if q == "" {
		return true
	}
	for _, f := range []string{it.ID, it.Text, it.EN, it.Note, it.NoteEN} {
		if strings.Contains(Fold(f), q) {
			return true
		}
	}
	return false
}
