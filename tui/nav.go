package tui

import "branchcheck/i18n"

// Moves between screens. A screen asks for one by returning it from its
// Update beside the command it returns, never inside the command: the
// root makes the move as soon as Update returns, before it hands on the
// next key. Keys typed ahead (held while a screen loads, or sent faster
// than the screens draw) so always reach the screen they were typed for.
// A command runs in its own goroutine and reports back later, so a move
// returned as a command's message could let the next key reach the
// screen that was being left.

// navMsg is a move between screens that a screen asks the root for: one
// of goBackMsg, openScreenMsg, quitMsg, relangMsg and restyleMsg.
type navMsg interface{ isNav() }

// goBackMsg closes the screen that asks and goes back to the one below,
// which reloads its data.
type goBackMsg struct{}

// openScreenMsg opens a screen on top of the one that asks.
type openScreenMsg struct{ screen screen }

// quitMsg leaves the program once every change is saved.
type quitMsg struct{}

// relangMsg rebuilds the screens in another language (the settings
// screen asks, once the setting is saved).
type relangMsg struct{ lang i18n.Lang }

// restyleMsg draws the stars in another style: the screens lay
// themselves out again.
type restyleMsg struct{ style StarStyle }

func (goBackMsg) isNav()     {}
func (openScreenMsg) isNav() {}
func (quitMsg) isNav()       {}
func (relangMsg) isNav()     {}
func (restyleMsg) isNav()    {}

// open asks for a screen to be opened.
func open(s screen) navMsg { return openScreenMsg{s} }
