// Package cache is used by package b: its methods' locking crosses the
// package boundary as facts.
package cache

import "sync"

type Cache struct {
	Mu   sync.RWMutex
	data map[string]string
}

// Refresh locks c.Mu itself.
func (c *Cache) Refresh() { // want Refresh:`locks=\[Wp:-1.Mu\] releases=\[Wp:-1.Mu\]`
	c.Mu.Lock()
	defer c.Mu.Unlock()
	c.data = map[string]string{}
}

// Lookup read-locks c.Mu through a helper.
func (c *Cache) Lookup(k string) string { // want Lookup:`locks=\[Rp:-1.Mu→get\] releases=\[Rp:-1.Mu\]`
	return c.get(k)
}

func (c *Cache) get(k string) string { // want get:`locks=\[Rp:-1.Mu\] releases=\[Rp:-1.Mu\]`
	c.Mu.RLock()
	defer c.Mu.RUnlock()
	return c.data[k]
}

// RefreshLocked expects the caller to hold c.Mu.
func (c *Cache) RefreshLocked() {
	c.data = map[string]string{}
}
