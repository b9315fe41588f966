// Package go122 is analyzed with the timer semantics before Go 1.23.
package go122

import (
	"context"
	"errors"
	"time"
)

func poll()           {}
func do() error       { return nil }
func ready() bool     { return true }
func work(int) error  { return nil }
func use(*time.Timer) {}

func neverStopped(ctx context.Context) {
	t := time.NewTicker(time.Second) // want `ticker t is never stopped; before go1.23 a ticker that is not stopped keeps firing and is never collected, even after this function returns; call defer t.Stop\(\) after making it$`
	for {
		select {
		case <-t.C:
			poll()
		case <-ctx.Done():
			return
		}
	}
}

func earlyReturn(ctx context.Context) error {
	t := time.NewTicker(time.Second) // want `ticker t is not stopped on the path through the return at line 33`
	for i := 0; i < 10; i++ {
		<-t.C
		if err := work(i); err != nil {
			return err
		}
	}
	t.Stop()
	return nil
}

func perIteration(items []int) {
	for _, it := range items {
		t := time.NewTicker(time.Millisecond) // want `a new ticker t is made on every iteration and the previous one is never stopped`
		<-t.C
		_ = work(it)
	}
}

func timerPerIteration(in <-chan int) {
	for {
		t := time.NewTimer(time.Second) // want `a new timer t is made on every iteration and an iteration neither stops it nor receives from it`
		select {
		case <-in:
		case <-t.C:
			return
		}
	}
}

func timerPartly(ctx context.Context) error {
	t := time.NewTimer(time.Minute) // want `timer t is stopped on some paths but not on the path through the return at line 63`
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
	}
	if !ready() {
		t.Stop()
	}
	return nil
}

func tick() {
	for range time.Tick(time.Second) { // want `time.Tick in a function that returns leaks its ticker`
		if ready() {
			return
		}
	}
}

// ---- negatives ----

func stopped(ctx context.Context) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			poll()
		case <-ctx.Done():
			return
		}
	}
}

// Returned: the caller owns it.
func made() *time.Ticker {
	t := time.NewTicker(time.Second)
	return t
}

// Captured by a goroutine that needs it: stopping it here would be wrong.
func handed() {
	t := time.NewTicker(time.Second)
	go func() {
		for range t.C {
			poll()
		}
	}()
}

// Passed on.
func passed() {
	t := time.NewTimer(time.Second)
	use(t)
}

// An endless function: the ticker lives as long as it.
func forever() {
	t := time.NewTicker(time.Second)
	for range t.C {
		poll()
	}
}

func tickForever() {
	for range time.Tick(time.Second) {
		poll()
	}
}

// The checklist's backoff: each timer is received from, then stopped.
func backoff() error {
	backoff := 100 * time.Millisecond
	for attempt := 1; attempt <= 5; attempt++ {
		if err := do(); err == nil {
			break
		}
		if backoff > time.Second {
			backoff = time.Second
		}
		timer := time.NewTimer(backoff)
		<-timer.C
		timer.Stop()
		backoff *= 2
	}
	return errors.New("gave up")
}

// A timer never stopped fires once and is gone.
func once(ctx context.Context) error {
	t := time.NewTimer(time.Second)
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

type poller struct {
	tick *time.Ticker
}

// Before go1.23 a ticker in a field that nothing stops fires forever.
func newPoller() *poller {
	p := &poller{tick: time.NewTicker(time.Second)} // want `ticker stored in field tick is never stopped by any code of this package: before go1.23 a ticker that is not stopped keeps firing and is never collected, even after the value that holds it is gone; stop it where that value shuts down$`
	go p.run()
	return p
}

func (p *poller) run() {
	for range p.tick.C {
		poll()
	}
}

type heartbeat struct {
	t *time.Ticker
}

func (h *heartbeat) start() {
	h.t = time.NewTicker(time.Second) // want `ticker stored in field t is never stopped`
}

// Stopped by the type's Close: silent.
type closer struct{ t *time.Ticker }

func (c *closer) open()  { c.t = time.NewTicker(time.Second) }
func (c *closer) Close() { c.t.Stop() }
