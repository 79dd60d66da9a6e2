package checklist

// Move is how a school's stars moved from one year to the next: the
// dynamic management of 星级党支部 (升星, 降星).
type Move string

// The moves.
const (
	// MoveNone: not rated this year (whatever last year was).
	MoveNone Move = ""
	// MoveNew: rated this year, not last year (or last year not given).
	MoveNew  Move = "new"
	MoveUp   Move = "up"   // 升星
	MoveDown Move = "down" // 降星
	MoveSame Move = "same" // 持平
)

// Words names the move in both languages: 升星, 降星, 持平, 新评定; empty
// for MoveNone.
func (m Move) Words() Text {
	switch m {
	case MoveUp:
		return Text{ZH: "升星", EN: "up"}
	case MoveDown:
		return Text{ZH: "降星", EN: "down"}
	case MoveSame:
		return Text{ZH: "持平", EN: "same"}
	case MoveNew:
		return Text{ZH: "新评定", EN: "newly rated"}
	}
	return Text{}
}

// Movement is one school's stars this year beside last year's.
type Movement struct {
	SchoolID string `json:"school_id"`
	// Previous is the school's rating last year: nil when it was not in
	// last year's list; not rated when it had no finalized visit then.
	Previous *Rating `json:"-"`
	// Change is this year's stars minus last year's, when both years are
	// rated; 0 otherwise.
	Change int  `json:"change"`
	Move   Move `json:"move,omitempty"`
}

// PreviouslyRated reports whether the school was rated last year.
func (m *Movement) PreviouslyRated() bool { return m.Previous != nil && m.Previous.Rated() }

// Movements compares the year's ratings with last year's (nil: none
// given): one Movement per rating, in the same order, the school matched
// by id. The stars compared are each year's as scored, veto situations
// applied when they were.
func (y *YearRating) Movements(last *YearRating) []Movement {
	var prev map[string]*Rating
	if last != nil {
		prev = make(map[string]*Rating, len(last.Ratings))
		for i := range last.Ratings {
			prev[last.Ratings[i].School.ID] = &last.Ratings[i]
		}
	}
	out := make([]Movement, len(y.Ratings))
	for i := range y.Ratings {
		r := &y.Ratings[i]
		m := Movement{SchoolID: r.School.ID, Previous: prev[r.School.ID]}
		switch {
		case !r.Rated():
			m.Move = MoveNone
		case !m.PreviouslyRated():
			m.Move = MoveNew
		default:
			m.Change = r.Score.Stars - m.Previous.Score.Stars
			switch {
			case m.Change > 0:
				m.Move = MoveUp
			case m.Change < 0:
				m.Move = MoveDown
			default:
				m.Move = MoveSame
			}
		}
		out[i] = m
	}
	return out
}

// MoveCounts counts the moves of a year: the year-over-year movement a
// chart shows.
type MoveCounts struct {
	Up, Down, Same, New, NotRated int
}

// CountMoves counts movements by move.
func CountMoves(ms []Movement) MoveCounts {
	var c MoveCounts
	for _, m := range ms {
		switch m.Move {
		case MoveUp:
			c.Up++
		case MoveDown:
			c.Down++
		case MoveSame:
			c.Same++
		case MoveNew:
			c.New++
		default:
			c.NotRated++
		}
	}
	return c
}
