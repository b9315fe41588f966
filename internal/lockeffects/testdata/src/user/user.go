package user

import "dep"

type W struct{ t *dep.T }

// Through an imported function only: the fact crosses the package.
func (w *W) Sync() { // want Sync:`maylock=\[Rp:-1.t.rw Wp:-1.t.mu\]`
	w.t.Both()
}

func Use(t *dep.T) { // want Use:`^maylock=\[Wg:dep.global Wp:0.mu\] mayunlock=\[Wg:dep.global\] handover acquires=\[Wp:0.mu\] releases=\[\] uncertain=\[\] top locks=\[Wg:dep.global→Global Wp:0.mu→Lock\] releases=\[\] holds=\[Wp:0.mu\]$`
	dep.Global()
	t.Lock()
}

func nothing() { dep.Pure(1) }
