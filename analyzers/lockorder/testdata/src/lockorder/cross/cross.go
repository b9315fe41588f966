// Package cross takes its own mutex and a store's in both orders, one of
// them through the store's methods: the cycle is visible only with the
// store's facts.
package cross

import (
	"sync"

	"lockorder/store"
)

type Cache struct {
	mu sync.Mutex
	st *store.Store
	m  map[string]int
}

// Cache.mu, then the store's mutex inside store.Store.Add.
func (c *Cache) Put(k string) {
	c.mu.Lock()
	c.m[k]++
	c.st.Add()
	c.mu.Unlock()
}

// The store's mutex, then Cache.mu.
func (c *Cache) Drain() {
	c.st.Lock()
	c.mu.Lock() // want `Cache.mu and Store.Mutex are locked in both orders \(Cache.mu then Store.Mutex at cross.go:\d+ in Put via Put → store.Store.Add; Store.Mutex then Cache.mu at cross.go:\d+ in Drain\)`
	c.m = nil
	c.mu.Unlock()
	c.st.Unlock()
}

// ---- negative: one order only, through a helper of the store ----

type Index struct {
	mu sync.Mutex
	st *store.Store
}

func (x *Index) Touch() {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.st.Bump()
}
