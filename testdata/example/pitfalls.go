// Package example holds the concurrency pitfalls of the checklist that
// concvet finds, in the shapes they take in real services. Run
// `concvet ./testdata/example` from the repository root to see the findings.
// ProcessAll's and acceptLoop's are wgadd's, which is off by default:
// `concvet -wgadd ./testdata/example` shows them.
package example

import (
	"context"
	"errors"
	"sync"
	"time"
)

type Item struct{ ID int }

func fetch(Item) error { return errors.New("unavailable") }

// ProcessAll starts one goroutine per item, but each goroutine counts
// itself: Wait can return while goroutines are still starting.
func ProcessAll(items []Item) {
	var wg sync.WaitGroup
	for _, it := range items {
		go func() {
			wg.Add(1)
			defer wg.Done()
			_ = fetch(it)
		}()
	}
	wg.Wait()
}

// Server tracks its connection handlers in a WaitGroup.
type Server struct {
	wg    sync.WaitGroup
	conns chan int
}

// acceptLoop adds to the WaitGroup from the accepting goroutine, so Close's
// Wait can miss a handler that is about to start.
func (s *Server) acceptLoop() {
	for c := range s.conns {
		s.wg.Add(1)
		go s.handle(c)
	}
}

func (s *Server) handle(int) { defer s.wg.Done() }

// Start runs the accept loop on its own goroutine.
func (s *Server) Start() { go s.acceptLoop() }

// Close stops accepting and waits for the handlers.
func (s *Server) Close() {
	close(s.conns)
	s.wg.Wait()
}

// FetchAll returns early on error without calling Done: Wait never returns.
func FetchAll(items []Item) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			if err := fetch(it); err != nil {
				return
			}
			wg.Done()
		}()
	}
	wg.Wait()
}

// Consume gives up after a minute without messages, not after a minute in
// total, and allocates a timer for every message it handles.
func Consume(in <-chan Item) error {
	for {
		select {
		case it := <-in:
			_ = fetch(it)
		case <-time.After(time.Minute):
			return errors.New("idle")
		}
	}
}

// WaitOrCancel drains a timer the way Go before 1.23 required; from Go 1.23
// the drain can only block forever.
func WaitOrCancel(ctx context.Context) {
	t := time.NewTimer(time.Second)
	select {
	case <-t.C:
	case <-ctx.Done():
		if !t.Stop() {
			<-t.C
		}
	}
}

// Drain receives the results and then closes the channel it was given: the
// senders, still running, panic with "send on closed channel".
func Drain(results chan Item) {
	for it := range results {
		_ = fetch(it)
	}
	close(results)
}

// FirstResult gives up after a second, but the worker's unbuffered send then
// blocks forever: one leaked goroutine per timed-out call.
func FirstResult(it Item) error {
	done := make(chan error)
	go func() {
		done <- fetch(it)
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(time.Second):
		return errors.New("timeout")
	}
}

// Watch polls forever: nothing can stop the goroutine it starts.
func Watch(poll func()) {
	go func() {
		for {
			poll()
			time.Sleep(time.Second)
		}
	}()
}

// Lookup takes its context second, where callers do not expect it.
func Lookup(id int, ctx context.Context) error {
	return ctx.Err()
}

// Cache guards its entries with a mutex.
type Cache struct {
	mu      sync.Mutex
	entries map[int]Item
}

// Put forgets to unlock on its error path: the next Put or Get blocks
// forever.
func (c *Cache) Put(it Item) error {
	c.mu.Lock()
	if it.ID < 0 {
		return errors.New("negative id")
	}
	c.entries[it.ID] = it
	c.mu.Unlock()
	return nil
}

// Get calls Len while holding c.mu, and Len locks c.mu again: sync.Mutex is
// not reentrant, so Get never returns.
func (c *Cache) Get(id int) (Item, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.Len() == 0 {
		return Item{}, false
	}
	it, ok := c.entries[id]
	return it, ok
}

// Len returns the number of entries.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}

// FirstError fetches every item at once and keeps the last error: every
// goroutine of the loop writes err with no lock, a data race that go test
// -race reports only when two of them fail together.
func FirstError(items []Item) error {
	var err error
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if e := fetch(it); e != nil {
				err = e
			}
		}()
	}
	wg.Wait()
	return err
}
