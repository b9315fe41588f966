// Package mid has facts that come only from leaf's: it imports neither sync
// nor any channel, and has no loop.
package mid

import "factsonly/leaf"

// Spin never returns, since leaf.Poll does not (goleak).
func Spin() { leaf.Poll() }

// Join adds to g's WaitGroup through leaf.Track (wgadd).
func Join(g *leaf.Group) { leaf.Track(g) }

// Hold returns holding s's lock (lockleak, doublelock).
func Hold(s *leaf.Store) { s.Lock() }
