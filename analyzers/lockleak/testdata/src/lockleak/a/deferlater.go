package a

import (
	"errors"
	"sync"
)

var errClosed = errors.New("closed")

type conn struct {
	mu     sync.Mutex
	closed bool
	n      int
}

// The deferred unlock comes after an early return: that return leaves the
// mutex locked.
func (c *conn) Write() error {
	c.mu.Lock() // want `c.mu.Lock is not released on the path through the return at line 21`
	if c.closed {
		return errClosed
	}
	defer c.mu.Unlock()
	c.n++
	return nil
}

// The same with the unlock in a deferred literal.
func (c *conn) WriteLit() error {
	c.mu.Lock() // want `c.mu.Lock is not released on the path through the return at line 32`
	if c.closed {
		return errClosed
	}
	defer func() { c.mu.Unlock() }()
	c.n++
	return nil
}

// A helper that locks, then an early return before the defer.
func (c *conn) lock() { c.mu.Lock() } // want lock:`handover acquires=\[Wp:-1.mu\]`

func (c *conn) WriteHelper() error {
	c.lock() // want `lock returns holding c.mu, which is not released on the path through the return at line 45`
	if c.closed {
		return errClosed
	}
	defer c.mu.Unlock()
	c.n++
	return nil
}

// --- silent ---

// The defer right after the Lock covers every return.
func (c *conn) WriteOK() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return errClosed
	}
	c.n++
	return nil
}

// Unlocked on the early return, deferred after it.
func (c *conn) WriteUnlockFirst() error {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return errClosed
	}
	defer c.mu.Unlock()
	c.n++
	return nil
}

// Deferred before the Lock.
func (c *conn) DeferFirst() int {
	defer c.mu.Unlock()
	c.mu.Lock()
	return c.n
}

// Released for a slow call and taken again under the deferred unlock.
func (c *conn) Slow(f func()) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return errClosed
	}
	c.mu.Unlock()
	f()
	c.mu.Lock()
	c.n++
	return nil
}

// A deferred literal that locks again is out of sight.
func (c *conn) Relock() error {
	c.mu.Lock()
	if c.closed {
		return errClosed
	}
	defer func() {
		c.mu.Unlock()
		c.mu.Lock()
	}()
	return nil
}
