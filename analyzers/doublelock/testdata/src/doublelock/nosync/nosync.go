// Package nosync locks a mutex field of a struct that package plain
// declares. It does not import sync, and its dependencies carry no fact:
// doublelock must still look at it.
package nosync

import "doublelock/plain"

func Bump(t *plain.Table) { // want Bump:`locks=\[Wp:0.Mu\]`
	t.Mu.Lock()
	t.N++
	t.Mu.Lock() // want `t.Mu.Lock while t.Mu is already locked \(line 9\): sync.Mutex is not reentrant`
	t.Mu.Unlock()
}
