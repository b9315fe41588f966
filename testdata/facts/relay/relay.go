// Package relay passes on what package helpers does. Its facts come from
// helpers' alone: it imports neither sync nor time, uses no channel and has
// no loop, so only the facts of what it calls show that it has some.
package relay

import "facts/helpers"

// Spin never returns, since helpers.Poll does not.
func Spin() { helpers.Poll() }

// Join adds to g's WaitGroup.
func Join(g *helpers.Group) { helpers.TrackGroup(g) }

// Hold returns holding s.Mu.
func Hold(s *helpers.Store) { s.Lock() }
