package dep // want package:`handed=\[handed\]`

import "sync"

type T struct {
	mu sync.Mutex
	rw sync.RWMutex
}

var global sync.Mutex

func (t *T) Lock() { t.mu.Lock() } // want Lock:`^maylock=\[Wp:-1.mu\] handover acquires=\[Wp:-1.mu\] releases=\[\] uncertain=\[\] top locks=\[Wp:-1.mu\] releases=\[\] holds=\[Wp:-1.mu\]$`

func (t *T) Read() { // want Read:`maylock=\[Rp:-1.rw\]`
	t.rw.RLock()
	defer t.rw.RUnlock()
}

// Both, through its own package's functions.
func (t *T) Both() { // want Both:`maylock=\[Rp:-1.rw Wp:-1.mu\] mayunlock=\[Wp:-1.mu\]`
	t.Lock()
	t.mu.Unlock()
	t.Read()
}

func Global() { global.Lock(); global.Unlock() } // want Global:`maylock=\[Wg:dep.global\]`

// A package mutex that callers can hold: LockHanded returns holding it,
// so an importer may lock it twice or block while it holds it.
var handed sync.Mutex

func LockHanded() { handed.Lock() } // want LockHanded:`^maylock=\[Wg:dep.handed\] handover acquires=\[Wg:dep.handed\] releases=\[\] uncertain=\[\] top locks=\[Wg:dep.handed\] releases=\[\] holds=\[Wg:dep.handed\]$`

func UnlockHanded() { handed.Unlock() } // want UnlockHanded:`^maylock=\[\] mayunlock=\[Wg:dep.handed\] handover acquires=\[\] releases=\[Wg:dep.handed\] uncertain=\[\] top locks=\[\] releases=\[Wg:dep.handed\]$`

// A parameter's mutex.
func LockBoth(a, b *T) { // want LockBoth:`maylock=\[Wp:0.mu Wp:1.mu\]`
	a.mu.Lock()
	b.mu.Lock()
}

// TryLock never waits: not an acquisition; the caller learns from the
// result whether it holds the lock, so the hand-over is uncertain.
func (t *T) Try() bool { return t.mu.TryLock() } // want Try:`maylock=\[\] handover acquires=\[\] releases=\[\] uncertain=\[Wp:-1.mu\]`

// Nothing locked.
func Pure(x int) int { return x + 1 }

// Unlocks its caller's lock, with nothing locked.
func (t *T) Release() { t.mu.Unlock() } // want Release:`maylock=\[\] mayunlock=\[Wp:-1.mu\] handover acquires=\[\] releases=\[Wp:-1.mu\] uncertain=\[\]`

// Releases the caller's lock around a slow call and takes it again.
func (t *T) Slow(f func()) { // want Slow:`maylock=\[Wp:-1.mu\] mayunlock=\[Wp:-1.mu\]`
	t.mu.Unlock()
	f()
	t.mu.Lock()
}
