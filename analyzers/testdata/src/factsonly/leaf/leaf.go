// Package leaf has a fact of every concvet analyzer that exports facts.
package leaf

import "sync"

// Poll never returns (goleak): poll, which it calls, does not.
func Poll() { poll() }

func poll() {
	for {
		work()
	}
}

func work() {}

// Feed returns only once ch is closed (goleak).
func Feed(ch chan int) {
	for range ch {
	}
}

// Finish closes ch (closerecv).
func Finish(ch chan int) { close(ch) }

// Group holds a WaitGroup of its own.
type Group struct{ wg sync.WaitGroup }

// Track adds to g's WaitGroup (wgadd).
func Track(g *Group) { g.wg.Add(1) }

// Wait waits for g's WaitGroup.
func Wait(g *Group) { g.wg.Wait() }

// Store is locked by Lock for its caller.
type Store struct {
	mu   sync.Mutex
	Data map[string]int
}

// Lock returns holding s.mu (lockleak, doublelock).
func (s *Store) Lock() { s.mu.Lock() }

// Unlock releases s.mu.
func (s *Store) Unlock() { s.mu.Unlock() }
