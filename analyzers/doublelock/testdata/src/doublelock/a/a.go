package a

import (
	"sync"
)

type Cache struct {
	mu    sync.Mutex
	rw    sync.RWMutex
	data  map[string][]byte
	stale bool
	next  *Cache
	cb    func(*Cache)
}

func (c *Cache) refresh() { // want refresh:`locks=\[Wp:-1.mu\]`
	c.mu.Lock()
	defer c.mu.Unlock()
	c.data = map[string][]byte{}
	c.stale = false
}

// The example: Get holds c.mu and calls refresh, which locks it.
func (c *Cache) Get(k string) []byte { // want Get:`locks=\[Wp:-1.mu\]`
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.stale {
		c.refresh() // want `Get → refresh locks c.mu again \(held since line 25\): sync.Mutex is not reentrant, so this blocks forever; unlock first, or call a variant that expects the lock to be held`
	}
	return c.data[k]
}

// Locked twice in one function.
func (c *Cache) twice() { // want twice:`locks=\[Wp:-1.mu\]`
	c.mu.Lock()
	c.data = nil
	c.mu.Lock() // want `c.mu.Lock while c.mu is already locked \(line 35\): sync.Mutex is not reentrant`
	c.mu.Unlock()
	c.mu.Unlock()
}

// RLock then Lock: an upgrade.
func (c *Cache) upgrade(k string) { // want upgrade:`locks=\[Rp:-1.rw\]`
	c.rw.RLock()
	if _, ok := c.data[k]; !ok {
		c.rw.Lock() // want `c.rw.Lock while c.rw is already read-locked \(line 44\): a read lock cannot be upgraded`
		c.data[k] = nil
		c.rw.Unlock()
	}
	c.rw.RUnlock()
}

func (c *Cache) size() int { // want size:`locks=\[Rp:-1.rw\]`
	c.rw.RLock()
	defer c.rw.RUnlock()
	return len(c.data)
}

// Recursive read locking through a method.
func (c *Cache) full() bool { // want full:`locks=\[Rp:-1.rw\]`
	c.rw.RLock()
	defer c.rw.RUnlock()
	return c.size() > 10 // want `full → size read-locks c.rw again \(held since line 61\): a recursive read lock deadlocks when another goroutine calls Lock in between`
}

// Write lock held, read lock taken through a method.
func (c *Cache) grow() { // want grow:`locks=\[Wp:-1.rw Rp:-1.rw→size\]`
	c.rw.Lock()
	defer c.rw.Unlock()
	if c.size() > 10 { // want `grow → size read-locks c.rw again \(held since line 68\): the goroutine holding the write lock cannot take the read lock`
		c.data = nil
	}
}

// A chain of two calls.
func (c *Cache) outer() { // want outer:`locks=\[Wp:-1.mu→Get\]`
	c.Get("x")
}

func (c *Cache) viaChain() { // want viaChain:`locks=\[Wp:-1.mu\]`
	c.mu.Lock()
	defer c.mu.Unlock()
	c.outer() // want `viaChain → outer → Get locks c.mu again`
}

// A package-level mutex.
var global sync.Mutex

func lockGlobal() { // want lockGlobal:`locks=\[Wg:doublelock/a:global\]`
	global.Lock()
	defer global.Unlock()
}

func useGlobal() { // want useGlobal:`locks=\[Wg:doublelock/a:global\]`
	global.Lock()
	defer global.Unlock()
	lockGlobal() // want `useGlobal → lockGlobal locks global again`
}

// --- silent ---

// The lock is released before the call.
func (c *Cache) releasedFirst() { // want releasedFirst:`locks=\[Wp:-1.mu\]`
	c.mu.Lock()
	stale := c.stale
	c.mu.Unlock()
	if stale {
		c.refresh()
	}
}

// refreshLocked expects the lock held: the caller uses it.
func (c *Cache) refreshLocked() { c.data = nil }

func (c *Cache) getOK() { // want getOK:`locks=\[Wp:-1.mu\]`
	c.mu.Lock()
	defer c.mu.Unlock()
	c.refreshLocked()
}

// A callee that locks only when asked to.
func (c *Cache) load(locked bool) { // want load:`locks=\[\] releases=\[Wp:-1.mu\]`
	if !locked {
		c.mu.Lock()
		defer c.mu.Unlock()
	}
	c.data = nil
}

func (c *Cache) loadOK() { // want loadOK:`locks=\[Wp:-1.mu\]`
	c.mu.Lock()
	defer c.mu.Unlock()
	c.load(true)
}

// A callee that unlocks first: it expects the lock held, and takes it again.
func (c *Cache) waitUnlocked() { // want waitUnlocked:`releases=\[Wp:-1.mu\]`
	c.mu.Unlock()
	c.mu.Lock()
}

func (c *Cache) useWait() { // want useWait:`locks=\[Wp:-1.mu\]`
	c.mu.Lock()
	defer c.mu.Unlock()
	c.waitUnlocked()
}

// Locked on one path only before the second Lock.
func (c *Cache) somePaths(b bool) { // want somePaths:`locks=\[\] releases=\[Wp:-1.mu\]`
	if b {
		c.mu.Lock()
		c.data = nil
		c.mu.Unlock()
	}
	c.mu.Lock()
	c.mu.Unlock()
}

// Hand-over-hand locking down a list: n.mu is another mutex each time.
func walk(n *Cache) { // want walk:`locks=\[Wp:0.mu\]`
	n.mu.Lock()
	for n.next != nil {
		next := n.next
		next.mu.Lock()
		n.mu.Unlock()
		n = next
	}
	n.mu.Unlock()
}

// Two different values of the same type.
func (c *Cache) other(d *Cache) { // want other:`locks=\[Wp:-1.mu Wp:0.mu→refresh\]`
	c.mu.Lock()
	defer c.mu.Unlock()
	d.refresh()
}

// Another goroutine, or a deferred call, takes the lock.
func (c *Cache) goroutine() { // want goroutine:`locks=\[Wp:-1.mu\]`
	c.mu.Lock()
	go c.refresh()
	c.mu.Unlock()
}

// A callback field is not handed c.
func (c *Cache) callback() { // want callback:`locks=\[Wp:-1.mu\]`
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cb(nil)
	c.mu.Unlock()
	c.mu.Lock()
}

// TryLock: held or not.
func (c *Cache) try() { // want try:`locks=\[\] releases=\[Wp:-1.mu\]`
	if c.mu.TryLock() {
		c.mu.Unlock()
	}
	c.mu.Lock()
	c.mu.Unlock()
}

// nats' filestore test: a goroutine releases the lock this function took.
func handedToGoroutine(c *Cache, done chan struct{}) { // want handedToGoroutine:`locks=\[Wp:0.mu\]`
	c.mu.Lock()
	go func() {
		c.data = nil
		c.mu.Unlock()
		close(done)
	}()
	<-done
	c.mu.Lock()
	c.mu.Unlock()
}

// nats' norace test: a literal called on the spot unlocks with its defer.
func literalOnTheSpot(c *Cache) { // want literalOnTheSpot:`locks=\[Wp:0.mu\]`
	n := func() int {
		c.mu.Lock()
		defer c.mu.Unlock()
		return len(c.data)
	}()
	c.mu.Lock()
	defer c.mu.Unlock()
	_ = n
}

// A closure that locks and unlocks on its own does not hand the lock over.
func (c *Cache) balancedClosure(check func(func() bool)) { // want balancedClosure:`locks=\[Rp:-1.rw\] releases`
	check(func() bool {
		c.rw.RLock()
		defer c.rw.RUnlock()
		return c.data == nil
	})
	c.rw.RLock()
	defer c.rw.RUnlock()
	_ = c.size() // want `balancedClosure → size read-locks c.rw again`
}
