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
