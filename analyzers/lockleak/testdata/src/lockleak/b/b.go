// Package b has lock helpers used from package c: their summaries cross
// the package boundary as facts.
package b

import "sync"

type Table struct {
	Mu   sync.Mutex
	rows map[string]int
}

// LockTable returns holding t.Mu: the caller unlocks.
func LockTable(t *Table) { t.Mu.Lock() }

// UnlockTable releases the lock LockTable took.
func UnlockTable(t *Table) { t.Mu.Unlock() }
