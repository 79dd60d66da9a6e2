// Package tui is branchcheck's terminal interface: the list of schools
// with the year's progress, a school's visits and rectifications (整改),
// the walk through the standard item by item, a visit's audit trail, the
// year's ratings, the county's 整改台账, a read-only review of the
// standard and the settings.
//
// It follows the pattern of soft-serve's pkg/ui. One common value (the
// store, the language, the clock, the styles and the key map) is handed
// to every screen (common.go). Each screen has its own file (schools.go
// with towns.go, schoolform.go and lines.go, school.go with schoolvisit.go
// and schoolrects.go (its rectifications' tab) with rectdecide.go (the
// decisions' forms), walk.go, audit.go, ratings.go with ratingscols.go,
// ledger.go (the 整改台账), recttext.go (one rectification in full),
// standard.go, settings.go with settingsedit.go, help.go); rects.go says
// rectifications the same way on every screen, rectkeys.go holds their
// keys. The screens are built from components, each in its own file too:
//
//   - list.go: the one list component. Every list and table is one (the
//     schools, a school's visits, the ratings, and every list to come):
//     cursor, offset, the selected row kept by id across reloads, the /
//     filter (filter.go), columns fitted by display width with no
//     ellipsis, right-aligned numbers, the row mark and the position
//     (12/430) under the rows; a row of one spanning cell heads a group
//     (a township, a school). How it counts a text's cells is one
//     function (list.measure), so that a terminal drawing ★ ☆ two cells
//     wide can be given the room.
//   - The walk's parts: the tree (walktree.go), the item pane with its
//     note editor (itempane.go), the finalize summary (summary.go), the
//     reopen form (reopen.go), the header and status line
//     (walkstatus.go), the school's past beside each item (walkpast.go:
//     the previous visit's answer and note, the open rectification);
//     walkdoc.go is what they all draw from, walk.go composes them and
//     walksave.go is its side of the save queue.
//   - savequeue.go: the walk's changes on their way to the store, saved
//     one at a time in the order they were made. Each change carries how
//     it applies to the visit (checklist's own methods, on a copy) and
//     how it is sent to the store; what the walk shows is the visit as
//     saved with the failed and the queued changes laid over it,
//     computed once per key.
//   - forms.go: the small forms (a school, a new visit, a reason, a
//     setting); pick.go: choosing a setting's value from a list.
//   - width.go: how wide the terminal draws ambiguous glyphs (★ ☆ “ ”),
//     asked once with a cursor position report, and the star styles
//     (★★★☆☆, ★4, 四星); every width is measured through common.width,
//     so that a terminal drawing ★ two cells wide gets the room.
//   - The standard screen scrolls its document in a bubbles viewport; the
//     document is the standard's outline (package outline, the lines
//     branchcheck standard show prints too), styled and wrapped by one
//     function (standardDoc), drawn again on a resize, a change of
//     language and each key of a search.
//
// The key bindings are defined once in keys.go and feed both the
// handling and the help; the styles once in styles.go. Update and View do
// no I/O: every read and write of the store runs in a tea.Cmd that
// reports back with a typed message (msgs.go). View draws and changes
// nothing: offsets move in Update and when the window is resized.
//
// Screens move between each other with typed messages (nav.go):
// goBackMsg, openScreenMsg and quitMsg; relangMsg and restyleMsg rebuild
// or lay out the screens again after the settings change. A screen returns one from its
// Update beside its command, not as the command's message, and the root
// makes the move before it handles the next key. Keys typed ahead (fast
// typing, or keys held while a screen loads its data) so reach the screen
// they were typed for: a command runs in its own goroutine and reports
// back later, after keys already queued, so a move sent as a command
// would let those keys reach the screen being left. Only the screen on
// top moves between screens.
//
// The interface talks to the database through the small Store interface,
// so tests run it on a temporary database. Each screen loads what it
// shows with one call, a read model of the store that costs what the
// screen shows, not the whole history: the schools list and the ratings
// table are the year's schools list (SchoolsOverview: one small summary
// per school, no visit decoded), a school is its visits (SchoolVisits)
// and its rectifications (SchoolRectifications, a second read in the same
// command), a walk its visit (WalkVisit: the school screen that opens it
// hands it the previous visit and the open rectifications), the 整改台账
// the ledger (RectLedger, read again for each filter). Coming back to the schools list or the
// ratings, a screen reads again only the lines of the schools changed on
// the screens above it (lines.go: SchoolOverview), so the way back from a
// walk costs the same at 50 schools and at 50,000. Only an export of the
// ratings reads the rated visits whole (RateYear).
package tui
