package user

import "dep"

type W struct{ t *dep.T }

// Through an imported function only: the fact crosses the package.
func (w *W) Sync() { // want Sync:`maylock=\[Rp:-1.t.rw Wp:-1.t.mu\]`
	w.t.Both()
}

// dep.Global locks and unlocks an unexported mutex of dep that dep hands
// to no caller: no code here can hold it, so it is not part of Use's
// effects (dep's fact names it; user's does not). dep.LockHanded's mutex
// is one that a caller can hold, and stays.
func Use(t *dep.T) { // want Use:`^maylock=\[Wg:dep.handed Wp:0.mu\] handover acquires=\[Wg:dep.handed Wp:0.mu\] releases=\[\] uncertain=\[\] top locks=\[Wg:dep.handed→LockHanded Wp:0.mu→Lock\] releases=\[\] holds=\[Wg:dep.handed Wp:0.mu\]$`
	dep.Global()
	dep.LockHanded()
	t.Lock()
}

func nothing() { dep.Pure(1) }
