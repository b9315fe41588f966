package a

import "sync"

type aliased struct {
	mu sync.Mutex
	n  int
}

// A second name for the same mutex.
func (s *aliased) secondName() { // want secondName:`locks=\[Wp:-1.mu\] releases=\[Wp:-1.mu\]`
	m := &s.mu
	m.Lock()
	s.mu.Lock() // want `s.mu.Lock while s.mu is already locked`
	s.n++
	s.mu.Unlock()
	m.Unlock()
}

// A method value held in a variable.
func (s *aliased) methodValue() { // want methodValue:`locks=\[Wp:-1.mu\] releases=\[Wp:-1.mu\]`
	lock := s.mu.Lock
	s.mu.Lock()
	lock() // want `s.mu.Lock while s.mu is already locked`
	s.mu.Unlock()
}

type locker interface {
	Lock()
	Unlock()
}

type guarded struct{ mu sync.Mutex }

func (g *guarded) Lock()   { g.mu.Lock() }   // want Lock:`locks=\[Wp:-1.mu\] releases=\[\] holds=\[Wp:-1.mu\]`
func (g *guarded) Unlock() { g.mu.Unlock() } // want Unlock:`locks=\[\] releases=\[Wp:-1.mu\]`

// A concrete value behind an interface variable.
func (g *guarded) throughInterface() { // want throughInterface:`locks=\[Wp:-1.mu\] releases=\[Wp:-1.mu\]`
	g.mu.Lock()
	defer g.mu.Unlock()
	var l locker = g
	l.Lock() // want `Lock locks g.mu again`
	l.Unlock()
}

type holder struct {
	l locker
}

// An interface of the package with one implementation in it.
func (h *holder) sole() { // want sole:`locks=\[Wp:-1.l.mu→Lock\] releases=\[Wp:-1.l.mu\]`
	h.l.Lock()
	h.l.Lock() // want `Lock locks h.l.mu again`
	h.l.Unlock()
}

// ---- negatives ----

// The variable the alias was made from changes: other storage.
func (s *aliased) rebased(other *aliased) { // want rebased:`locks=\[Wp:-1.mu\] releases=\[Wp:-1.mu\]`
	m := &s.mu
	s = other
	m.Lock()
	s.mu.Lock()
	s.mu.Unlock()
	m.Unlock()
}

// The alias variable itself changes.
func (s *aliased) reassigned(other *aliased) { // want reassigned:`locks=\[Wp:-1.mu\] releases=\[Wp:-1.mu\]`
	m := &s.mu
	m = &other.mu
	m.Lock()
	s.mu.Lock()
	s.mu.Unlock()
	m.Unlock()
}

// Unlocked in between through the same method value.
func (s *aliased) lockTwiceInTurn() { // want lockTwiceInTurn:`locks=\[Wp:-1.mu\] releases=\[Wp:-1.mu\]`
	lock, unlock := s.mu.Lock, s.mu.Unlock
	lock()
	unlock()
	lock()
	unlock()
}

type table struct {
	mu   sync.Mutex
	rows int
}

// lock takes the mutex for its caller.
func (t *table) lock() { t.mu.Lock() } // want lock:`locks=\[Wp:-1.mu\] releases=\[\] holds=\[Wp:-1.mu\]`

// lockIf takes it on one path only: nothing is held on every path out.
func (t *table) lockIf(ok bool) {
	if ok {
		t.mu.Lock()
	}
}

// A helper took the lock: the direct Lock after it blocks.
func (t *table) afterHelper() { // want afterHelper:`locks=\[Wp:-1.mu→lock\] releases=\[\] holds=\[Wp:-1.mu\]`
	t.lock()
	t.mu.Lock() // want `t.mu.Lock while t.mu is already locked`
}

// Unlocked in between.
func (t *table) helperThenUnlock() { // want helperThenUnlock:`locks=\[Wp:-1.mu→lock\] releases=\[Wp:-1.mu\]`
	t.lock()
	t.rows++
	t.mu.Unlock()
	t.mu.Lock()
	t.mu.Unlock()
}
