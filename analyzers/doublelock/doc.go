// Package doublelock defines an Analyzer that reports a mutex locked again
// by the goroutine that already holds it.
//
// # Analyzer doublelock
//
// doublelock: report a Lock or RLock of a mutex that the same goroutine already holds
//
// sync.Mutex is not reentrant: a goroutine that locks a mutex it already
// holds blocks forever. The usual shape is a method that locks s.mu and,
// while holding it, calls another method of the same value that locks s.mu
// again:
//
//	func (c *Cache) Get(k string) []byte {
//		c.mu.Lock()
//		defer c.mu.Unlock()
//		if c.stale() {
//			c.refresh() // refresh locks c.mu too: Get blocks forever
//		}
//		return c.data[k]
//	}
//
// sync.RWMutex adds two more: a read lock cannot be upgraded (RLock then
// Lock without RUnlock in between blocks forever), and a goroutine must not
// take a read lock it already holds: if another goroutine calls Lock in
// between, the second RLock waits for the writer, which waits for the first
// RLock.
//
// The fix is to split the method into a locking wrapper and an unlocked
// body (refreshLocked) that callers holding the lock use, or to release the
// lock before the call.
//
// doublelock follows the paths of each function and reports a lock taken
// while the same mutex is held on every path to it. It follows calls into
// functions and methods, in this package and across packages (facts), that
// lock a mutex reached through their receiver, parameters or a package
// variable as one of their top-level statements, and names the call chain
// in the message (Get → refresh locks c.mu again). A helper that returns
// holding the lock on every path (func (c *Cache) lock() { c.mu.Lock() })
// leaves it held in its caller.
//
// A mutex has the same name whatever it is called through: a second name
// (m := &s.mu, p := &cl.producer then p.mu), a method value held in a
// variable (lock := s.mu.Lock), a concrete value behind an interface
// variable (var l sync.Locker = s), and an interface declared in the
// package that exactly one of its types implements (h.l.Lock() is that
// type's Lock). A name counts only while neither it nor the variables it
// was made from are assigned again.
//
// It stays silent when the lock is only taken on some paths or under a
// condition in the callee (a function that locks only when a flag says so),
// when the callee unlocks the mutex before locking it (it expects its caller
// to hold it), when the variable naming the mutex is reassigned in between
// (hand-over-hand locking), when the mutex is reached through a map or
// slice element, in code run by other goroutines or deferred, and when the
// mutex's owner is passed to a function the analysis cannot see.
package doublelock
