// Package locks has mutually recursive lock helpers whose summaries depend
// on each other: which one is summarized first must not change the facts or
// the findings.
package locks

import "sync"

type store struct {
	mu sync.Mutex
	n  int
}

// lockA and lockB call each other; whether lockB takes the lock for its
// caller depends on its argument, so neither summary is certain.
func (s *store) lockA() { // want lockA:`handover acquires=\[\] releases=\[\] uncertain=\[Wp:-1.mu\]`
	s.lockB(0)
}

func (s *store) lockB(n int) { // want lockB:`handover acquires=\[\] releases=\[\] uncertain=\[Wp:-1.mu\]`
	if n > 0 {
		s.lockA()
		return
	}
	s.mu.Lock()
}

// unlockA and unlockB call each other and release the caller's lock on
// every path.
func (s *store) unlockA(n int) { // want unlockA:`handover acquires=\[\] releases=\[Wp:-1.mu\] uncertain=\[\]`
	s.unlockB(n)
}

func (s *store) unlockB(n int) { // want unlockB:`handover acquires=\[\] releases=\[Wp:-1.mu\] uncertain=\[\]`
	s.mu.Unlock()
	if n > 0 {
		s.unlockA(n - 1)
	}
}

func (s *store) Get() int { // want Get:`handover acquires=\[\] releases=\[\] uncertain=\[Wp:-1.mu\]`
	s.mu.Lock() // want `s.mu.Lock is not released on the path through the return at line 43`
	if s.n < 0 {
		return 0
	}
	s.unlockA(1)
	return s.n
}
