package b

import "doublelock/cache"

func Reset(c *cache.Cache) { // want Reset:`locks=\[Wp:0.Mu\]`
	c.Mu.Lock()
	defer c.Mu.Unlock()
	c.Refresh() // want `Reset → Refresh locks c.Mu again \(held since line 6\): sync.Mutex is not reentrant`
}

func Peek(c *cache.Cache) string { // want Peek:`locks=\[Rp:0.Mu\]`
	c.Mu.RLock()
	defer c.Mu.RUnlock()
	return c.Lookup("k") // want `Peek → Lookup → get read-locks c.Mu again \(held since line 12\): a recursive read lock deadlocks`
}

// The locked variant: silent.
func ResetOK(c *cache.Cache) { // want ResetOK:`locks=\[Wp:0.Mu\]`
	c.Mu.Lock()
	defer c.Mu.Unlock()
	c.RefreshLocked()
}
