package a

import "sync"

type table struct {
	mu    sync.Mutex
	rows  map[string]int
	dirty bool
}

// unlockAndFlush releases its caller's lock.
func (t *table) unlockAndFlush() { // want unlockAndFlush:`handover acquires=\[\] releases=\[Wp:-1.mu\] uncertain=\[\]`
	t.dirty = false
	t.mu.Unlock()
}

// One branch unlocks through the helper, the other directly.
func (t *table) Set(k string, v int) {
	t.mu.Lock()
	t.rows[k] = v
	if t.dirty {
		t.unlockAndFlush()
	} else {
		t.mu.Unlock()
	}
}

// An unlock in a deferred literal.
func (t *table) Get(k string) int {
	t.mu.Lock()
	defer func() {
		t.mu.Unlock()
	}()
	return t.rows[k]
}

// The helper on one branch, which returns; the direct unlock after.
func (t *table) Del(k string) bool {
	t.mu.Lock()
	if _, ok := t.rows[k]; !ok {
		t.unlockAndFlush()
		return false
	}
	delete(t.rows, k)
	t.mu.Unlock()
	return true
}

// The helper through a package-level function taking the mutex.
func release(mu *sync.Mutex) { mu.Unlock() } // want release:`handover acquires=\[\] releases=\[Wp:0\] uncertain=\[\]`

func (t *table) Put(k string, v int) {
	t.mu.Lock()
	if v < 0 {
		release(&t.mu)
		return
	}
	t.rows[k] = v
	t.mu.Unlock()
}

// A switch whose cases unlock through the helper or directly.
func (t *table) Mark(k string) {
	t.mu.Lock()
	switch {
	case t.dirty:
		t.unlockAndFlush()
	default:
		t.mu.Unlock()
	}
}

// A helper that returns holding the lock, whether or not it fails, when no
// caller ever unlocks it: the hand-over goes to nobody.
type registry struct {
	mu    sync.Mutex
	ready bool
}

func (r *registry) lockIfReady() bool { // want lockIfReady:`handover acquires=\[Wp:-1.mu\] releases=\[\] uncertain=\[\]`
	r.mu.Lock() // want `r.mu.Lock is not released on the path through the return at line \d+`
	if !r.ready {
		return false
	}
	return true
}

func (r *registry) Use() bool { // want Use:`handover acquires=\[Wp:-1.mu\] releases=\[\] uncertain=\[\]`
	return r.lockIfReady()
}

// The same helper whose caller unlocks: a deliberate hand-over.
type table2 struct{ mu sync.Mutex }

func (t *table2) lockTable() { t.mu.Lock() } // want lockTable:`handover acquires=\[Wp:-1.mu\] releases=\[\] uncertain=\[\]`

func (t *table2) Put() {
	t.lockTable()
	defer t.mu.Unlock()
}

// A Lock released with defer, in a function the package calls: released
// on every path, whoever calls it.
type counter struct {
	mu sync.Mutex
	n  int
}

func (c *counter) get() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

func (c *counter) twice() int { return 2 * c.get() }
