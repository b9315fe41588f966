// Package store is a dependency whose methods lock for their callers'
// objects: its lock effects reach the importer through facts.
package store

import "sync"

// A Store is locked as a whole by its users (Lock, Unlock) and by its own
// methods.
type Store struct {
	sync.Mutex
	n int
}

// Add locks the store.
func (s *Store) Add() {
	s.Lock()
	s.n++
	s.Unlock()
}

// addLocked is called with the store locked.
func (s *Store) addLocked() { s.n++ }

// Bump locks through a helper of its own package.
func (s *Store) Bump() { s.bump() }

func (s *Store) bump() {
	s.Lock()
	defer s.Unlock()
	s.addLocked()
}
