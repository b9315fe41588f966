// Package helpers holds functions whose facts the app package needs: a
// WaitGroup Add on a parameter, a lock taken for the caller, a goroutine
// body that never returns, a channel closed through a parameter.
package helpers

import (
	"sync"
	"time"
)

// Track adds to wg: a goroutine that calls it adds to a WaitGroup it does
// not hold a count of.
func Track(wg *sync.WaitGroup) {
	wg.Add(1)
	go func() {
		defer wg.Done()
	}()
}

// Store is locked by Lock for its caller.
type Store struct {
	Mu   sync.Mutex
	Data map[string]int
}

// Lock takes the store's lock and returns holding it.
func (s *Store) Lock() { s.Mu.Lock() }

// Incr takes the store's lock for the update.
func (s *Store) Incr(k string) {
	s.Mu.Lock()
	s.Data[k]++
	s.Mu.Unlock()
}

// Poll never returns.
func Poll() {
	for {
		time.Sleep(time.Second)
	}
}

// Finish closes ch.
func Finish(ch chan int) { close(ch) }

// Group counts the goroutines of a task.
type Group struct{ wg sync.WaitGroup }

// TrackGroup adds to g's WaitGroup.
func TrackGroup(g *Group) { g.wg.Add(1) }

// Wait waits for g's goroutines.
func (g *Group) Wait() { g.wg.Wait() }
