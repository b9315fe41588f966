package lockblock

import "sync"

// A helper that waits, entered with the lock held by its only caller; the
// goroutine that would unblock it takes the lock first, and releases it
// before the close.
type gate struct {
	mu    sync.Mutex
	ready chan struct{}
	state int
}

func newGate() *gate { return &gate{ready: make(chan struct{})} }

func (g *gate) waitReady() {
	<-g.ready // want `receive from gate.ready blocks while holding gate.mu, and its close at entry.go:\d+ needs gate.mu first`
}

func (g *gate) Get() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.waitReady()
	return g.state
}

func (g *gate) Init() {
	g.mu.Lock()
	g.state = 1
	g.mu.Unlock()
	close(g.ready)
}

// --- silent ---

// The helper releases the caller's lock around the wait.
type gate2 struct {
	mu    sync.Mutex
	ready chan struct{}
	state int
}

func newGate2() *gate2 { return &gate2{ready: make(chan struct{})} }

func (g *gate2) waitReady() {
	g.mu.Unlock()
	<-g.ready
	g.mu.Lock()
}

func (g *gate2) Get() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.waitReady()
	return g.state
}

func (g *gate2) Init() {
	g.mu.Lock()
	g.state = 1
	g.mu.Unlock()
	close(g.ready)
}

// One caller does not hold the lock: the helper's entry state is unknown.
type gate3 struct {
	mu    sync.Mutex
	ready chan struct{}
	state int
}

func newGate3() *gate3 { return &gate3{ready: make(chan struct{})} }

func (g *gate3) waitReady() { <-g.ready }

func (g *gate3) Get() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.waitReady()
	return g.state
}

func (g *gate3) Wait() { g.waitReady() }

func (g *gate3) Init() {
	g.mu.Lock()
	g.state = 1
	g.mu.Unlock()
	close(g.ready)
}

// The closer took the lock on one path only.
type gate4 struct {
	mu    sync.Mutex
	ready chan struct{}
	state int
}

func newGate4() *gate4 { return &gate4{ready: make(chan struct{})} }

func (g *gate4) waitReady() { <-g.ready }

func (g *gate4) Get() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.waitReady()
	return g.state
}

func (g *gate4) Init(first bool) {
	if first {
		g.mu.Lock()
		g.state = 1
		g.mu.Unlock()
	}
	close(g.ready)
}

// The sender took the lock once, before its loop: each later send needs
// nothing.
type ticker2 struct {
	mu      sync.Mutex
	out     chan int
	running bool
}

func newTicker2() *ticker2 {
	t := &ticker2{out: make(chan int)}
	go t.run()
	return t
}

func (t *ticker2) run() {
	t.mu.Lock()
	t.running = true
	t.mu.Unlock()
	for i := 0; ; i++ {
		t.out <- i
	}
}

func (t *ticker2) Next() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return <-t.out
}
