// Package a is analyzed with the current timer semantics (Go 1.23 and later).
package a

import (
	"context"
	"sync"
	"time"
)

func poll() {}

type poller struct {
	tick *time.Ticker
}

func newPoller() *poller {
	// From go1.23 the ticker is scheduled only while run waits on its
	// channel, and collected with p: silent (goleak judges run).
	p := &poller{tick: time.NewTicker(time.Second)}
	go p.run()
	return p
}

func (p *poller) run() {
	for range p.tick.C {
		poll()
	}
}

type heartbeat struct {
	t    *time.Ticker
	done chan struct{}
}

func (h *heartbeat) start() {
	h.t = time.NewTicker(time.Second) // nobody waits on it: from go1.23 it costs nothing
}

// Stopped by the type's Close: silent.
type closer struct{ t *time.Ticker }

func (c *closer) open()  { c.t = time.NewTicker(time.Second) }
func (c *closer) Close() { c.t.Stop() }

// Handed to another function: the analysis cannot see, silent.
type handed struct{ t *time.Ticker }

func (h *handed) open() { h.t = time.NewTicker(time.Second); register(h.t) }

func register(*time.Ticker) {}

// Exported field: other packages may stop it.
type Exported struct{ T *time.Ticker }

func (e *Exported) Open() { e.T = time.NewTicker(time.Second) }

// A watchdog stopped on the happy path only.
func watchdog(cancel func(), work func() error) error {
	t := time.AfterFunc(time.Minute, cancel) // want `AfterFunc timer t is stopped on some paths but not on the path through the return at line 61, where its function still runs after the delay`
	if err := work(); err != nil {
		return err
	}
	t.Stop()
	return nil
}

// ---- negatives ----

// From go1.23 an unreferenced local ticker is collected: silent.
func local(ctx context.Context) {
	t := time.NewTicker(time.Second)
	for {
		select {
		case <-t.C:
			poll()
		case <-ctx.Done():
			return
		}
	}
}

// The checklist's tickers.
func seedTicker(ctx context.Context) {
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
			poll()
		case <-ctx.Done():
			return
		}
	}
}

func seedLimit(jobs <-chan int) {
	lim := time.NewTicker(20 * time.Millisecond) // ~50/sec
	defer lim.Stop()
	for j := range jobs {
		<-lim.C
		_ = j
	}
}

// The checklist's debounce: the timer lives in a captured variable.
func seedDebounce() func(time.Duration, func()) {
	var (
		mu  sync.Mutex
		deb *time.Timer
	)
	return func(d time.Duration, fn func()) {
		mu.Lock()
		defer mu.Unlock()
		if deb != nil && deb.Stop() {
		}
		deb = time.AfterFunc(d, fn)
	}
}

// An AfterFunc never stopped is meant to run.
func later(f func()) {
	t := time.AfterFunc(time.Second, f)
	_ = t
}

// Stopped on every path.
func guarded(cancel func(), work func() error) error {
	t := time.AfterFunc(time.Minute, cancel)
	defer t.Stop()
	return work()
}

// time.Tick is safe from go1.23.
func tickLoop(ctx context.Context) {
	for {
		select {
		case <-time.Tick(time.Second):
			poll()
		case <-ctx.Done():
			return
		}
	}
}

// A range over a ticker made on the spot never ends: the stop on the way
// out of the loop is the only way out.
func waitStopped(running func() bool) {
	timeout := make(chan struct{})
	timer := time.AfterFunc(3*time.Second, func() { close(timeout) })
	for range time.NewTicker(time.Millisecond).C {
		select {
		case <-timeout:
			panic("timed out")
		default:
		}
		if !running() {
			timer.Stop()
			break
		}
	}
}
