package a

import (
	"errors"
	"sync"
)

var errNegative = errors.New("negative")

// A conditional hand-over: locked on success, unlocked on failure. Its
// callers test the error, and hold the lock past the test on success.
type kv struct {
	mu     sync.Mutex
	closed bool
	data   map[string]int
}

func (s *kv) lockIfOpen() error { // want lockIfOpen:`handover acquires=\[\] releases=\[\] uncertain=\[Wp:-1.mu\]`
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return errClosed
	}
	return nil
}

// An early return on the success path leaks the lock.
func (s *kv) Put(k string, v int) error { // want Put:`handover acquires=\[\] releases=\[\] uncertain=\[Wp:-1.mu\]`
	if err := s.lockIfOpen(); err != nil { // want `lockIfOpen returns holding s.mu, which is not released on the path through the return at line 33`
		return err
	}
	if v < 0 {
		return errNegative
	}
	s.data[k] = v
	s.mu.Unlock()
	return nil
}

// The same with the assignment before the test.
func (s *kv) Add(k string, v int) error { // want Add:`handover acquires=\[\] releases=\[\] uncertain=\[Wp:-1.mu\]`
	err := s.lockIfOpen() // want `lockIfOpen returns holding s.mu, which is not released on the path through the return at line 47`
	if err != nil {
		return err
	}
	if v < 0 {
		return errNegative
	}
	s.data[k] += v
	s.mu.Unlock()
	return nil
}

// ---- negatives ----

func (s *kv) Get(k string) (int, error) {
	if err := s.lockIfOpen(); err != nil {
		return 0, err
	}
	defer s.mu.Unlock()
	return s.data[k], nil
}

func (s *kv) Del(k string) error { // want Del:`handover acquires=\[\] releases=\[\] uncertain=\[Wp:-1.mu\]`
	err := s.lockIfOpen()
	if err != nil {
		return err
	}
	delete(s.data, k)
	s.mu.Unlock()
	return nil
}

// The test the other way round.
func (s *kv) Has(k string) bool { // want Has:`handover acquires=\[\] releases=\[\] uncertain=\[Wp:-1.mu\]`
	if err := s.lockIfOpen(); err == nil {
		_, ok := s.data[k]
		s.mu.Unlock()
		return ok
	}
	return false
}

// The error is not tested right away: whether the lock is held is not
// known, and the function is left alone.
func (s *kv) Len() int { // want Len:`handover acquires=\[\] releases=\[\] uncertain=\[Wp:-1.mu\]`
	err := s.lockIfOpen()
	n := len(s.data)
	if err == nil {
		s.mu.Unlock()
	}
	return n
}
