package lockblock

import (
	"context"
	"sync"
)

type status struct{ id, v int }

// A send made holding m.mu to a loop that locks m.mu before each receive.
type manager struct {
	mu       sync.Mutex
	statuses map[int]int
	updates  chan status
}

func newManager() *manager {
	m := &manager{statuses: make(map[int]int), updates: make(chan status)}
	go m.syncLoop()
	return m
}

func (m *manager) SetStatus(s status) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.statuses[s.id] = s.v
	m.updates <- s // want `send on manager.updates blocks while holding manager.mu, and its receiver at lockblock.go:\d+ needs manager.mu first`
}

func (m *manager) syncLoop() {
	for {
		s := <-m.updates
		m.mu.Lock()
		m.statuses[s.id] = s.v
		m.mu.Unlock()
	}
}

// The receiver in a helper that locks after it, called only from a loop.
type batcher struct {
	mu    sync.Mutex
	n     int
	items chan int
}

func newBatcher() *batcher {
	b := &batcher{items: make(chan int)}
	go func() {
		for {
			b.take()
		}
	}()
	return b
}

func (b *batcher) take() {
	v := <-b.items
	b.mu.Lock()
	b.n += v
	b.mu.Unlock()
}

func (b *batcher) Add(v int) {
	b.mu.Lock()
	b.items <- v // want `send on batcher.items blocks while holding batcher.mu`
	b.mu.Unlock()
}

// A receive made holding the lock the only sender needs, and the send made
// holding the lock the only receiver needs: one deadlock, reported once, at
// the first of the two.
func local() int {
	var mu sync.Mutex
	ch := make(chan int)
	go func() {
		mu.Lock()
		ch <- 1 // want `send on ch blocks while holding mu, and its receiver at lockblock.go:\d+ needs mu first`
		mu.Unlock()
	}()
	mu.Lock()
	defer mu.Unlock()
	return <-ch
}

// A WaitGroup waited on holding the lock its goroutines take before Done.
type group struct {
	mu      sync.Mutex
	wg      sync.WaitGroup
	results []int
}

func (g *group) run(n int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for i := 0; i < n; i++ {
		g.wg.Add(1)
		go func() {
			g.mu.Lock()
			g.results = append(g.results, i)
			g.wg.Done()
			g.mu.Unlock()
		}()
	}
	g.wg.Wait() // want `Wait on group.wg blocks while holding group.mu`
}

// A Cond waited on holding another mutex that the signaller needs.
type pipe struct {
	mu    sync.Mutex
	other sync.Mutex
	cond  *sync.Cond
	ready bool
}

func newPipe() *pipe {
	p := &pipe{}
	p.cond = sync.NewCond(&p.mu)
	return p
}

func (p *pipe) await() {
	p.other.Lock()
	defer p.other.Unlock()
	p.mu.Lock()
	for !p.ready {
		p.cond.Wait() // want `Wait on pipe.cond blocks while holding pipe.other`
	}
	p.mu.Unlock()
}

func (p *pipe) open() {
	p.other.Lock()
	p.mu.Lock()
	p.ready = true
	p.cond.Signal()
	p.mu.Unlock()
	p.other.Unlock()
}

// ---- negatives ----

// A buffered channel: the send does not wait for the receiver.
type buffered struct {
	mu sync.Mutex
	ch chan int
}

func newBuffered() *buffered {
	b := &buffered{ch: make(chan int, 16)}
	go func() {
		for v := range b.ch {
			b.mu.Lock()
			_ = v
			b.mu.Unlock()
		}
	}()
	return b
}

func (b *buffered) put(v int) {
	b.mu.Lock()
	b.ch <- v
	b.mu.Unlock()
}

// A select with a way out: the send may give up.
type cancellable struct {
	mu sync.Mutex
	ch chan int
}

func newCancellable() *cancellable {
	c := &cancellable{ch: make(chan int)}
	go func() {
		for v := range c.ch {
			c.mu.Lock()
			_ = v
			c.mu.Unlock()
		}
	}()
	return c
}

func (c *cancellable) put(ctx context.Context, v int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	select {
	case c.ch <- v:
	case <-ctx.Done():
	}
}

// One sender does not need the lock: it can unblock the receiver, which is
// silent. The other sender holds the lock while the receiver needs it.
type twoSenders struct {
	mu sync.Mutex
	ch chan int
}

func newTwoSenders() *twoSenders {
	t := &twoSenders{ch: make(chan int)}
	go func() { t.ch <- 1 }()
	go func() {
		t.mu.Lock()
		t.ch <- 2 // want `send on twoSenders.ch blocks while holding twoSenders.mu`
		t.mu.Unlock()
	}()
	return t
}

func (t *twoSenders) get() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return <-t.ch
}

// The channel escapes to a function the analysis cannot see.
func escaped(start func(chan int)) int {
	var mu sync.Mutex
	ch := make(chan int)
	start(ch)
	go func() {
		mu.Lock()
		ch <- 1
		mu.Unlock()
	}()
	mu.Lock()
	defer mu.Unlock()
	return <-ch
}

// Both sides only read-lock: readers share the lock.
type readers struct {
	mu sync.RWMutex
	ch chan int
}

func newReaders() *readers {
	r := &readers{ch: make(chan int)}
	go func() {
		r.mu.RLock()
		r.ch <- 1
		r.mu.RUnlock()
	}()
	return r
}

func (r *readers) get() int {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return <-r.ch
}

// Cond.Wait releases its own L: waiting holding it is the protocol.
type queue struct {
	mu    sync.Mutex
	cond  *sync.Cond
	items []int
}

func newQueue() *queue {
	q := &queue{}
	q.cond = sync.NewCond(&q.mu)
	return q
}

func (q *queue) pop() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == 0 {
		q.cond.Wait()
	}
	v := q.items[0]
	q.items = q.items[1:]
	return v
}

func (q *queue) push(v int) {
	q.mu.Lock()
	q.items = append(q.items, v)
	q.cond.Signal()
	q.mu.Unlock()
}

// The lock is released before the send: the checklist's fix.
type released struct {
	mu      sync.Mutex
	pending []int
	ch      chan []int
}

func newReleased() *released {
	r := &released{ch: make(chan []int)}
	go func() {
		for batch := range r.ch {
			r.mu.Lock()
			_ = batch
			r.mu.Unlock()
		}
	}()
	return r
}

func (r *released) flush() {
	r.mu.Lock()
	batch := r.pending
	r.pending = nil
	r.mu.Unlock()
	r.ch <- batch
}

// A receive from a buffered channel whose value was sent before the
// receiving goroutine started: the buffer holds it.
type broker struct {
	mu      sync.Mutex
	pending chan int
}

func newBroker() *broker { return &broker{pending: make(chan int, 1)} }

func (b *broker) run() {
	for {
		b.mu.Lock()
		b.mu.Unlock()
		select {
		case b.pending <- 1:
		default:
		}
		go b.timeout()
	}
}

func (b *broker) timeout() {
	b.mu.Lock()
	defer b.mu.Unlock()
	<-b.pending
}

// A Cond whose L is set by hand: which mutex Wait releases is not known
// (net/http's pipe), so nothing is said.
type handPipe struct {
	mu   sync.Mutex
	c    sync.Cond
	data []byte
}

func (p *handPipe) read() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.c.L == nil {
		p.c.L = &p.mu
	}
	for len(p.data) == 0 {
		p.c.Wait()
	}
}

func (p *handPipe) write(b []byte) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.data = append(p.data, b...)
	p.c.Signal()
}

// The only Done runs on the waiting goroutine, before its Wait: no other
// goroutine needs the lock to release it.
type ldapConn struct {
	mu      sync.Mutex
	wg      sync.WaitGroup
	closing bool
}

func newLdapConn() *ldapConn {
	c := &ldapConn{}
	c.wg.Add(1)
	return c
}

func (c *ldapConn) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.closing {
		c.closing = true
		c.wg.Done()
	}
	c.wg.Wait()
}
