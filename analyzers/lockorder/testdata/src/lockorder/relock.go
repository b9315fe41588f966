package lockorder

import "sync"

// A helper called with both mutexes held releases them around a probe that
// takes the pool's lock, then takes them again in the same order: it never
// locks one while holding the other the wrong way round.
type rconn struct {
	mu   sync.Mutex
	dead bool
}

type rpool struct {
	mu    sync.RWMutex
	dead  []*rconn
	check func(*rconn) bool
}

func (p *rpool) markDead(c *rconn) {
	c.mu.Lock()
	c.dead = true
	c.mu.Unlock()
	p.dead = append(p.dead, c)
}

func (p *rpool) Update(cs []*rconn) {
	p.mu.Lock()
	for _, c := range cs {
		p.markDead(c)
	}
	p.mu.Unlock()
}

func (p *rpool) probe(c *rconn) bool {
	p.mu.RLock()
	f := p.check
	p.mu.RUnlock()
	return f != nil && f(c)
}

func (p *rpool) recheckWithRelock(c *rconn) bool {
	c.mu.Unlock()
	p.mu.Unlock()
	ok := p.probe(c)
	p.mu.Lock()
	c.mu.Lock()
	return ok
}

func (p *rpool) Resurrect(c *rconn) {
	go func() {
		p.mu.Lock()
		c.mu.Lock()
		defer func() {
			c.mu.Unlock()
			p.mu.Unlock()
		}()
		if p.recheckWithRelock(c) {
			c.dead = false
		}
	}()
}
