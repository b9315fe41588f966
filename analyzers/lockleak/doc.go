// Package lockleak defines an Analyzer that reports a mutex locked on a path
// that reaches the end of the function without unlocking it.
//
// # Analyzer lockleak
//
// lockleak: report a Lock or RLock that some path leaves without the matching Unlock
//
// A sync.Mutex or sync.RWMutex locked by a function and unlocked further
// down must be unlocked on every path out of the function. An early return
// between the Lock and the Unlock (usually on an error) leaves the mutex
// locked: the next Lock, in this goroutine or any other, blocks forever.
//
//	func (s *Store) Put(k string, v []byte) error {
//		s.mu.Lock()
//		if err := s.check(k); err != nil {
//			return err // s.mu stays locked
//		}
//		s.data[k] = v
//		s.mu.Unlock()
//		return nil
//	}
//
// The fix is to unlock on that path too, or to defer the Unlock right after
// the Lock:
//
//	s.mu.Lock()
//	defer s.mu.Unlock()
//
// lockleak follows the function's control-flow graph, so break, continue,
// goto, select and switch branches count, and paths that panic or call a
// function that never returns (os.Exit, log.Fatal) do not. It reports the
// Lock once, with the returns that leak it as related locations. It also follows same-package and
// imported helpers that lock or unlock a mutex reached through their
// receiver, parameters or a package variable (facts), so that
// s.lockState() followed by an early return is reported too; so is a
// conditional hand-over (locked on success, released on error) whose
// caller tests the error right away and returns early on the success path. A deferred
// Unlock covers only the returns reached after its defer statement: a
// return between the Lock and a later defer s.mu.Unlock() leaks the lock,
// and is reported.
//
// It stays silent when the function releases the mutex nowhere itself
// (it hands the lock over to its caller, like a lockState helper), when a
// caller in the package unlocks the mutex after calling the function (a
// conditional hand-over: locked on success, unlocked on error; an
// unexported one that no caller unlocks hands the lock to nobody and is
// reported), on the
// paths where a deferred Unlock (or a deferred literal that unlocks) was
// registered before the return, when the mutex is taken with TryLock, and
// when the
// mutex escapes the analysis: its address is taken, it is used in a
// function literal that is not called on the spot, or its owner is passed
// to a function the analysis cannot see.
//
// When the function locks once at the top level of its body and unlocks
// once, as its last statement, and defers nothing after the Lock, the
// suggested fix defers the Unlock right after the Lock and deletes the
// final Unlock.
package lockleak
