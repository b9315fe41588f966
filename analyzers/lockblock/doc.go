// Package lockblock defines an Analyzer that reports a blocking operation
// made while a mutex is held, when every goroutine that could unblock it
// must take the same mutex first: a hold-and-wait deadlock.
//
// # Analyzer lockblock
//
// lockblock: report a channel operation or Wait made holding a mutex that its only unblockers need
//
// A goroutine that holds a mutex and then blocks — on a channel send or
// receive, a WaitGroup.Wait, a Cond.Wait on another Cond — waits for some
// other goroutine to act. When every goroutine that could act must first
// lock the same mutex, neither proceeds:
//
//	func (m *manager) SetStatus(s status) {
//		m.mu.Lock()
//		defer m.mu.Unlock()
//		m.updates <- s // blocks until syncLoop receives…
//	}
//
//	func (m *manager) syncLoop() {
//		for {
//			s := <-m.updates
//			m.mu.Lock() // …but syncLoop needs m.mu before its next receive
//			m.statuses[s.id] = s
//			m.mu.Unlock()
//		}
//	}
//
// The fix is to release the mutex before blocking (copy what the send
// needs, unlock, then send), or to make the other side not need it.
//
// lockblock matches each blocking operation with every operation of the
// package that can unblock it — the sends and closes of a channel for a
// receive, the receives for a send on an unbuffered channel, the Dones of
// a WaitGroup for its Wait, the Signals and Broadcasts of a Cond — and
// reports it when each of them needs the held mutex: it holds the mutex at
// that point, every path to that point locked it first (released since or
// not: a goroutine blocked on the Lock never gets there), or its loop (or,
// for a function called only in loops, the rest of the function) locks it
// again before it can come back to that point; a deferred unblocker needs
// what the whole body locks first, what the deferred calls registered
// after it lock, and, when the function's only way out is a return inside
// a loop, what that loop locks each time round. A helper that every caller
// in the package enters with the mutex held holds it from its first
// statement: a wait in an unexported helper called under the lock counts. Channels, WaitGroups, Conds and mutexes are matched across the
// methods of a type by their field (s.ch in one method is c.ch in another).
// The mutexes held at each point come from concvet's shared lockset layer.
//
// It stays silent when the operation may not block (a select with a
// default or another case, a send or receive on a buffered channel or one
// whose make it cannot see), when any unblocker does not need the mutex or
// is the waiting goroutine itself before it blocks, when the
// primitive escapes where the analysis cannot see (passed to a function,
// stored, an exported field), when both sides only read-lock the mutex,
// and for a Cond.Wait on the Cond whose L is the held mutex (Wait releases
// it).
package lockblock
