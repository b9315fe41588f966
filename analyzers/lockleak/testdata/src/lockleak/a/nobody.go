package a

import (
	"errors"
	"sync"
)

var errBusy = errors.New("busy")

// Locked on success, unlocked on failure — the shape of a deliberate
// hand-over — but no caller ever unlocks: the lock is handed to nobody.
type pool struct {
	mu   sync.Mutex
	busy bool
	n    int
}

func (p *pool) begin() error { // want begin:`handover acquires=\[\] releases=\[\] uncertain=\[Wp:-1.mu\]`
	p.mu.Lock() // want `p.mu.Lock is not released on the path through the return at line 24`
	if p.busy {
		p.mu.Unlock()
		return errBusy
	}
	return nil
}

func (p *pool) Take() error { // want Take:`handover acquires=\[\] releases=\[\] uncertain=\[Wp:-1.mu\]`
	if err := p.begin(); err != nil {
		return err
	}
	p.n++
	return nil
}

// ---- negatives ----

// The caller unlocks after the call: a hand-over.
type pool2 struct {
	mu   sync.Mutex
	busy bool
	n    int
}

func (p *pool2) begin() error { // want begin:`handover acquires=\[\] releases=\[\] uncertain=\[Wp:-1.mu\]`
	p.mu.Lock()
	if p.busy {
		p.mu.Unlock()
		return errBusy
	}
	return nil
}

func (p *pool2) Take() error {
	if err := p.begin(); err != nil {
		return err
	}
	defer p.mu.Unlock()
	p.n++
	return nil
}

// Exported: its callers are elsewhere.
func (p *pool2) Begin() error { // want Begin:`handover acquires=\[\] releases=\[\] uncertain=\[Wp:-1.mu\]`
	p.mu.Lock()
	if p.busy {
		p.mu.Unlock()
		return errBusy
	}
	return nil
}

// A caller returns the call's result as its own: the hand-over goes on to
// its callers (bbolt's Begin returning beginRWTx()).
type pool3 struct {
	mu   sync.Mutex
	busy bool
}

func (p *pool3) begin() error { // want begin:`handover acquires=\[\] releases=\[\] uncertain=\[Wp:-1.mu\]`
	p.mu.Lock()
	if p.busy {
		p.mu.Unlock()
		return errBusy
	}
	return nil
}

func (p *pool3) Begin() error { // want Begin:`handover acquires=\[\] releases=\[\] uncertain=\[Wp:-1.mu\]`
	return p.begin()
}

func (p *pool3) End() { p.mu.Unlock() } // want End:`handover acquires=\[\] releases=\[Wp:-1.mu\] uncertain=\[\]`
