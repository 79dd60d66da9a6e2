package tui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"branchcheck/termtext"
)

// picker chooses one of a setting's values from a list (the list
// component): the language, the star style, or one of the names already
// used on this laptop. The current value is marked.
type picker struct {
	list[pickOption]
	c     *common
	keys  PickKeys
	title string
	hint  string
	// key is the setting it picks for.
	key string
}

// pickOption is one value to pick: what is saved and what is shown.
type pickOption struct {
	value, label string
	current      bool
	// other: not a value but the way to type one (a new name).
	other bool
	// forget: d takes it off the list (a name used before).
	forget bool
}

// pickResult is what a key did to a picker.
type pickResult int

const (
	pickOpen pickResult = iota
	picked
	pickForget
	pickCancelled
)

// newPicker makes a picker, the cursor on the current value.
func newPicker(c *common, key, title, hint string, options []pickOption) *picker {
	p := &picker{c: c, keys: c.keys.Pick, title: title, hint: hint, key: key}
	k := p.keys
	p.list = newList(c, listKeys{Up: k.Up, Down: k.Down}, func(o pickOption) string { return o.value + "\x00" + o.label },
		func(o pickOption) []cell {
			mark := ""
			if o.current {
				mark = c.pick("当前", "current")
			}
			return []cell{{text: o.label}, {text: mark, paint: c.styles.OK}}
		})
	p.columns = []column{
		{title: c.pick("选项", "Choice"), flex: true, min: 8},
		{title: "", fit: []string{c.pick("当前", "current")}, gap: 2},
	}
	p.empty = c.pick("没有可选的", "Nothing to choose")
	p.setRows(options)
	for i, o := range options {
		if o.current {
			p.cursor = i
		}
	}
	p.syncKeys()
	return p
}

// syncKeys offers d only on a name that can be forgotten.
func (p *picker) syncKeys() {
	o, ok := p.selected()
	p.keys.Forget.SetEnabled(ok && o.forget && !o.current)
}

// setHeight fits the list under the title and the hint in h rows.
func (p *picker) setSize(w, h int) {
	p.setHeight(max(min(len(p.rows), h-4-len(termtext.Wrap(p.hint, w))), 1))
}

// update handles a key: it reports a pick (or a name to forget, or
// cancelling) and the option it concerns.
func (p *picker) update(msg tea.Msg) (pickResult, pickOption) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return pickOpen, pickOption{}
	}
	defer p.syncKeys()
	if _, ok := p.listKey(k); ok {
		return pickOpen, pickOption{}
	}
	o, _ := p.selected()
	switch {
	case key.Matches(k, p.keys.Pick):
		if len(p.shown) > 0 {
			return picked, o
		}
	case key.Matches(k, p.keys.Forget):
		return pickForget, o
	case key.Matches(k, p.keys.Cancel):
		return pickCancelled, pickOption{}
	}
	return pickOpen, pickOption{}
}

func (p *picker) keyMap() help.KeyMap {
	return oneColumn(p.keys.Up, p.keys.Down, p.keys.Pick, p.keys.Forget, p.keys.Cancel)
}

// view draws the title, the hint and the options in w cells.
func (p *picker) view(w int) []string {
	st := p.c.styles
	var out lines
	out.add(st.Title.Render(termtext.Clip(p.title, w)))
	for _, r := range p.c.wrap(p.hint, w) {
		out.add(st.Dim.Render(r))
	}
	out.add("")
	return append(out, p.list.view(w)...)
}
