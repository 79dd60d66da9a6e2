package tui

import "branchcheck/checklist"

// walkDoc is what the parts of a walk draw from: the standard in display
// order, the item under the cursor, and the visit as shown (the overlay
// of its save queue).
type walkDoc struct {
	std *checklist.Standard
	// items are every item in display order (4.4 included); reqOf the
	// index of each one's requirement; cur the current item's index.
	items []*checklist.Item
	reqOf []int
	cur   int
	overlay
	// past is the school's past beside each item: the previous visit's
	// answers and the open rectifications (walkpast.go).
	past walkPast
}

// setStandard lays the standard out in display order.
func (d *walkDoc) setStandard(std *checklist.Standard) {
	d.std = std
	d.items = std.Items()
	d.reqOf = make([]int, 0, len(d.items))
	for ri := range std.Requirements {
		for range std.Requirements[ri].Items() {
			d.reqOf = append(d.reqOf, ri)
		}
	}
}

// item is the current item.
func (d *walkDoc) item() *checklist.Item { return d.items[d.cur] }

// readOnly: the visit is finalized (or about to be); it changes only
// after reopening.
func (d *walkDoc) readOnly() bool { return d.status == checklist.Finalized }

// nextUnanswered finds the first unanswered scored item after from,
// going round to the start.
func (d *walkDoc) nextUnanswered(from int) (int, bool) {
	n := len(d.items)
	for k := 1; k <= n; k++ {
		i := (from + k) % n
		if it := d.items[i]; it.Scored && d.answers[it.ID].Verdict == checklist.Unanswered {
			return i, true
		}
	}
	return from, false
}

// jumpReq moves to the next or previous 要: its first unanswered item,
// else its first item.
func (d *walkDoc) jumpReq(step int) {
	n := len(d.std.Requirements)
	ri := (d.reqOf[d.cur] + step + n) % n
	first := -1
	for i, r := range d.reqOf {
		if r != ri {
			continue
		}
		if first < 0 {
			first = i
		}
		if it := d.items[i]; it.Scored && d.answers[it.ID].Verdict == checklist.Unanswered {
			d.cur = i
			return
		}
	}
	if first >= 0 {
		d.cur = first
	}
}

// goTo moves to the item with the id.
func (d *walkDoc) goTo(id string) {
	for i, it := range d.items {
		if it.ID == id {
			d.cur = i
		}
	}
}
