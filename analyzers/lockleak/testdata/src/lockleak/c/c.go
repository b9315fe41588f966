package c

import (
	"errors"

	"lockleak/b"
)

// Locked through an imported helper; an early return leaks it.
func update(t *b.Table, bad bool) error { // want update:`uncertain=\[Wp:0.Mu\]`
	b.LockTable(t) // want `LockTable returns holding t.Mu, which is not released on the path through the return at line 13`
	if bad {
		return errors.New("bad")
	}
	b.UnlockTable(t)
	return nil
}

// The same helpers used correctly.
func updateOK(t *b.Table) {
	b.LockTable(t)
	defer b.UnlockTable(t)
}

func updateOK2(t *b.Table, bad bool) error {
	b.LockTable(t)
	if bad {
		b.UnlockTable(t)
		return errors.New("bad")
	}
	t.Mu.Unlock()
	return nil
}
