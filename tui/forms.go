package tui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"branchcheck/termtext"
)

// form is a small form of labelled text fields: adding a school, starting
// a visit, the reason for reopening one. enter goes to the next field and
// sends the form from the last one; ctrl+s sends it from anywhere; esc
// cancels. The screen that opened it checks the values and says what is
// wrong with setError.
type form struct {
	c      *common
	title  string
	hint   string
	fields []formField
	focus  int
	err    string
	// errField is the field err is about: editing it clears err.
	errField int
}

// formField is one labelled field.
type formField struct {
	label    string
	required bool
	input    textinput.Model
}

// formResult says what a key did to a form.
type formResult int

const (
	formEditing formResult = iota
	formSubmitted
	formCancelled
)

// newField makes a field; limit is the most characters it takes.
func newField(c *common, label, value, placeholder string, required bool, limit int) formField {
	in := textinput.New()
	in.Prompt = ""
	in.Placeholder = placeholder
	in.CharLimit = limit
	in.SetStyles(c.styles.Input)
	in.SetVirtualCursor(false) // the terminal's own cursor, for input methods
	in.SetValue(value)
	in.CursorEnd()
	return formField{label: label, required: required, input: in}
}

// newForm makes a form with its first field focused.
func newForm(c *common, title, hint string, fields ...formField) (*form, tea.Cmd) {
	f := &form{c: c, title: title, hint: hint, fields: fields}
	return f, f.fields[0].input.Focus()
}

// openForm opens f in a screen's form slot, sized to w cells.
func openForm(slot **form, f *form, cmd tea.Cmd, w int) tea.Cmd {
	f.setWidth(w)
	*slot = f
	return cmd
}

// updateForm passes a key or a paste to the form in a screen's slot. When
// the form is sent or cancelled it closes (the slot is emptied); a sent
// form is returned, for the screen to take its values (or to put back
// with an error).
func updateForm(slot **form, msg tea.Msg) (sent *form, cmd tea.Cmd) {
	res, cmd := (*slot).Update(msg)
	switch res {
	case formCancelled:
		*slot = nil
	case formSubmitted:
		sent, *slot = *slot, nil
	}
	return sent, cmd
}

// value is the trimmed text of field i.
func (f *form) value(i int) string { return strings.TrimSpace(f.fields[i].input.Value()) }

// setError shows what is wrong and puts the cursor in field i. The
// message goes once the field is edited.
func (f *form) setError(i int, msg string) tea.Cmd {
	f.err, f.errField = msg, i
	return f.focusField(i)
}

func (f *form) focusField(i int) tea.Cmd {
	f.fields[f.focus].input.Blur()
	f.focus = (i + len(f.fields)) % len(f.fields)
	return f.fields[f.focus].input.Focus()
}

// Update handles a key or a paste.
func (f *form) Update(msg tea.Msg) (formResult, tea.Cmd) {
	k := f.c.keys.Form
	if msg, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(msg, k.Cancel):
			return formCancelled, nil
		case key.Matches(msg, k.Submit):
			if msg.String() == "enter" && f.focus < len(f.fields)-1 {
				return formEditing, f.focusField(f.focus + 1)
			}
			for i := range f.fields {
				if f.fields[i].required && f.value(i) == "" {
					return formEditing, f.setError(i, f.c.sprintf("请填写%s", "%s is required", f.fields[i].label))
				}
			}
			return formSubmitted, nil
		case key.Matches(msg, k.Next):
			return formEditing, f.focusField(f.focus + 1)
		case key.Matches(msg, k.Prev):
			return formEditing, f.focusField(f.focus - 1)
		}
	}
	var cmd tea.Cmd
	before := f.fields[f.focus].input.Value()
	f.fields[f.focus].input, cmd = f.fields[f.focus].input.Update(msg)
	if f.err != "" && f.focus == f.errField && f.fields[f.focus].input.Value() != before {
		f.err = ""
	}
	return formEditing, cmd
}

// keyMap is the form's keys.
func (f *form) keyMap() help.KeyMap {
	k := f.c.keys.Form
	return oneColumn(k.Submit, k.Next, k.Prev, k.Cancel)
}

// setWidth sizes the fields to a w-cell-wide form.
func (f *form) setWidth(w int) {
	lw := f.labelWidth()
	for i := range f.fields {
		f.fields[i].input.SetWidth(max(w-lw-4, 8))
	}
}

func (f *form) labelWidth() int {
	lw := 0
	for _, fl := range f.fields {
		lw = max(lw, termtext.Width(fl.label)+1)
	}
	return lw
}

// View draws the form in w cells.
func (f *form) View(w int) []string {
	s := f.c.styles
	var out lines
	out.add(s.Title.Render(termtext.Clip(f.title, w)))
	for _, l := range f.c.wrap(f.hint, w) {
		out.add(s.Dim.Render(l))
	}
	out.add("")
	lw := f.labelWidth()
	for i, fl := range f.fields {
		label := fl.label
		if fl.required {
			label += "*"
		}
		mark := "  "
		if i == f.focus {
			mark = "> "
			label = s.Bold.Render(termtext.Fit(label, lw))
		} else {
			label = termtext.Fit(label, lw)
		}
		out.add(mark + label + " " + fl.input.View())
	}
	out.add("")
	if f.err != "" {
		for _, row := range f.c.wrap(f.err, w) {
			out.add(s.Error.Render(row))
		}
	} else if f.anyRequired() {
		out.add(s.Dim.Render(termtext.Clip(f.c.pick("* 为必填", "* required"), w)))
	}
	return out
}

// anyRequired reports whether a field must be filled.
func (f *form) anyRequired() bool {
	for _, fl := range f.fields {
		if fl.required {
			return true
		}
	}
	return false
}

// cursor is where the terminal's cursor goes in a w-cell-wide form, from
// its top left.
func (f *form) cursor(w int) *tea.Cursor {
	in := f.fields[f.focus].input
	c := inputCursor(in)
	if c == nil {
		return nil
	}
	c.X += 2 + f.labelWidth() + 1
	c.Y = 1 + len(f.c.wrap(f.hint, w)) + 1 + f.focus
	return c
}

// inputCursor is a text field's cursor, measured in cells: the field's
// own counts characters, which puts it short of Chinese text.
func inputCursor(in textinput.Model) *tea.Cursor {
	c := in.Cursor()
	if c == nil {
		return nil
	}
	runes := []rune(in.Value())
	pos := min(in.Position(), len(runes))
	c.X = termtext.Width(in.Prompt) + min(termtext.Width(string(runes[:pos])), in.Width())
	c.Y = 0
	return c
}
