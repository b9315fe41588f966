package lockblock

import "sync"

// The worker's deferred Done runs after its deferred literal, which takes
// the lock that Close holds while it waits.
type dgroup struct {
	mu sync.Mutex
	wg sync.WaitGroup
	n  int
}

func (g *dgroup) worker() {
	defer g.wg.Done()
	defer func() {
		g.mu.Lock()
		g.n--
		g.mu.Unlock()
	}()
}

func (g *dgroup) Start() {
	g.wg.Add(1)
	go g.worker()
}

func (g *dgroup) Close() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.wg.Wait() // want `Wait on dgroup.wg blocks while holding dgroup.mu, and its Done at deferred.go:\d+ needs dgroup.mu first`
}

// The body takes the lock before the deferred Done runs.
type dgroup2 struct {
	mu sync.Mutex
	wg sync.WaitGroup
	n  int
}

func (g *dgroup2) worker() {
	defer g.wg.Done()
	g.mu.Lock()
	g.n++
	g.mu.Unlock()
}

func (g *dgroup2) Start() {
	g.wg.Add(1)
	go g.worker()
}

func (g *dgroup2) Close() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.wg.Wait() // want `Wait on dgroup2.wg blocks while holding dgroup2.mu, and its Done at deferred.go:\d+ needs dgroup2.mu first`
}

// ---- negatives ----

// The Done is registered last: it runs first, before the literal locks.
type dgroup3 struct {
	mu sync.Mutex
	wg sync.WaitGroup
	n  int
}

func (g *dgroup3) worker() {
	defer func() {
		g.mu.Lock()
		g.n--
		g.mu.Unlock()
	}()
	defer g.wg.Done()
}

func (g *dgroup3) Start() {
	g.wg.Add(1)
	go g.worker()
}

func (g *dgroup3) Close() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.wg.Wait()
}

// The lock is taken on one path only.
type dgroup4 struct {
	mu sync.Mutex
	wg sync.WaitGroup
	n  int
}

func (g *dgroup4) worker(count bool) {
	defer g.wg.Done()
	if count {
		g.mu.Lock()
		g.n++
		g.mu.Unlock()
	}
}

func (g *dgroup4) Start() {
	g.wg.Add(1)
	go g.worker(false)
}

func (g *dgroup4) Close() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.wg.Wait()
}

// A worker whose only way out is the return inside its loop, which locks
// the mutex every time round: a worker past the check when Close takes the
// mutex needs it before it can get back to the return.
type dgroup5 struct {
	mu   sync.Mutex
	wg   sync.WaitGroup
	stop chan struct{}
	n    int
}

func (g *dgroup5) worker() {
	defer g.wg.Done()
	for {
		select {
		case <-g.stop:
			return
		default:
		}
		g.mu.Lock()
		g.n++
		g.mu.Unlock()
	}
}

func (g *dgroup5) Start() {
	g.stop = make(chan struct{})
	g.wg.Add(1)
	go g.worker()
}

func (g *dgroup5) Close() {
	g.mu.Lock()
	defer g.mu.Unlock()
	close(g.stop)
	g.wg.Wait() // want `Wait on dgroup5.wg blocks while holding dgroup5.mu, and its Done at deferred.go:\d+ needs dgroup5.mu first`
}

// The loop can also end by its condition, after which the worker returns
// without the mutex.
type dgroup6 struct {
	mu   sync.Mutex
	wg   sync.WaitGroup
	stop chan struct{}
	n    int
}

func (g *dgroup6) worker(rounds int) {
	defer g.wg.Done()
	for i := 0; i < rounds; i++ {
		select {
		case <-g.stop:
			return
		default:
		}
		g.mu.Lock()
		g.n++
		g.mu.Unlock()
	}
}

func (g *dgroup6) Start() {
	g.stop = make(chan struct{})
	g.wg.Add(1)
	go g.worker(3)
}

func (g *dgroup6) Close() {
	g.mu.Lock()
	defer g.mu.Unlock()
	close(g.stop)
	g.wg.Wait()
}

// The loop locks only in one case of its select: the way round may skip it.
type dgroup7 struct {
	mu   sync.Mutex
	wg   sync.WaitGroup
	stop chan struct{}
	work chan int
	n    int
}

func (g *dgroup7) worker() {
	defer g.wg.Done()
	for {
		select {
		case <-g.stop:
			return
		case v := <-g.work:
			if v > 0 {
				g.mu.Lock()
				g.n += v
				g.mu.Unlock()
			}
		}
	}
}

func (g *dgroup7) Start() {
	g.stop = make(chan struct{})
	g.work = make(chan int)
	g.wg.Add(1)
	go g.worker()
}

func (g *dgroup7) Close() {
	g.mu.Lock()
	defer g.mu.Unlock()
	close(g.stop)
	g.wg.Wait()
}
