package racewrite

import (
	"context"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"
)

// The checklist's safe fan-in: a mutex around the append.
func appendUnderLock(urls []string) []string {
	var mu sync.Mutex
	var results []string
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, _ := fetch(u)
			mu.Lock()
			results = append(results, r)
			mu.Unlock()
		}()
	}
	wg.Wait()
	return results
}

// One slot per goroutine: distinct elements do not race.
func perIndexSlot(urls []string) []string {
	results := make([]string, len(urls))
	var wg sync.WaitGroup
	for i, u := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], _ = fetch(u)
		}()
	}
	wg.Wait()
	return results
}

// Fan-in over a channel: only the spawner appends.
func fanIn(urls []string) []string {
	ch := make(chan string)
	for _, u := range urls {
		go func() {
			r, _ := fetch(u)
			ch <- r
		}()
	}
	var results []string
	for range urls {
		results = append(results, <-ch)
	}
	return results
}

// Atomic counters, old and typed.
func atomics(urls []string) int64 {
	var n int64
	var typed atomic.Int64
	var wg sync.WaitGroup
	for range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			atomic.AddInt64(&n, 1)
			typed.Add(1)
		}()
	}
	wg.Wait()
	return n + typed.Load()
}

// The spawner reads only after Wait, or after a receive.
func readAfterWait() (string, error) {
	var result string
	var err error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		result, err = fetch("x")
	}()
	wg.Wait()
	return result, err
}

func readAfterReceive() error {
	var err error
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, err = fetch("x")
	}()
	select {
	case <-done:
	case <-time.After(time.Second):
		return nil
	}
	return err
}

func readAfterGroupWait(ctx context.Context, urls []string) (int, error) {
	g, ctx := errgroup.WithContext(ctx)
	total := 0
	g.Go(func() error {
		total = len(urls)
		return ctx.Err()
	})
	err := g.Wait()
	return total, err
}

// Variables declared in the loop are the goroutine's own.
func perIteration(urls []string) {
	var wg sync.WaitGroup
	for _, u := range urls {
		var attempts int
		count := 0
		wg.Add(1)
		go func() {
			defer wg.Done()
			attempts++
			count++
			u = u + "/"
		}()
	}
	wg.Wait()
}

type item struct{ done bool }

// Each goroutine writes its own element.
func perItem(items []*item) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			it.done = true
		}()
	}
	wg.Wait()
}

// A semaphore of one is a lock.
func channelLock(urls []string) int {
	sem := make(chan struct{}, 1)
	n := 0
	var wg sync.WaitGroup
	for range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			n++
			<-sem
		}()
	}
	wg.Wait()
	return n
}

// A group that runs one goroutine at a time.
func serialGroup(urls []string) ([]string, error) {
	var g errgroup.Group
	g.SetLimit(1)
	var out []string
	for _, u := range urls {
		g.Go(func() error {
			r, err := fetch(u)
			out = append(out, r)
			return err
		})
	}
	err := g.Wait()
	return out, err
}

// Waiting inside the loop runs the goroutines one after the other.
func sequential(urls []string) []string {
	var out []string
	for _, u := range urls {
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, _ := fetch(u)
			out = append(out, r)
		}()
		wg.Wait()
	}
	return out
}

// The goroutine writes only after the spawner's signal, which the spawner
// gives after its own write.
func startSignal() {
	x := 0
	start := make(chan struct{})
	done := make(chan struct{})
	go func() {
		<-start
		x = 1
		close(done)
	}()
	x = 2
	close(start)
	<-done
	_ = x
}

// sync.Once runs its function once.
func once(urls []string) string {
	var o sync.Once
	var first string
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			o.Do(func() { first = u })
		}()
	}
	wg.Wait()
	return first
}

type counter struct {
	mu sync.Mutex
	n  int
}

func (c *counter) lock()   { c.mu.Lock() }
func (c *counter) unlock() { c.mu.Unlock() }

// A lock taken through the type's own helpers.
func lockHelpers(c *counter, urls []string) {
	var wg sync.WaitGroup
	for range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.lock()
			c.n++
			c.unlock()
		}()
	}
	wg.Wait()
}

// Both sides hold the mutex.
func bothLocked() int {
	var mu sync.Mutex
	x := 0
	go func() {
		mu.Lock()
		x++
		mu.Unlock()
	}()
	mu.Lock()
	defer mu.Unlock()
	return x
}

// Reads on both sides do not race.
func readOnly(cfg *stats, urls []string) int {
	limit := cfg.ok
	var wg sync.WaitGroup
	for range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if limit > cfg.failed {
				_ = limit
			}
		}()
	}
	wg.Wait()
	return limit
}

// The goroutine's state is its own: declared inside it.
func ownState(urls []string) {
	for _, u := range urls {
		go func() {
			var local []string
			local = append(local, u)
			sort.Strings(local)
		}()
	}
}

// The spawner returns without touching what the goroutine writes.
func fireAndForget(s *stats) {
	go func() {
		s.ok++
	}()
}

// The goroutine is handed a copy.
func handedCopy() int {
	x := 1
	done := make(chan int)
	go func(x int) {
		x++
		done <- x
	}(x)
	x = 3
	return x + <-done
}

// A result waited for through a helper that receives.
func waitHelper() error {
	var err error
	done := make(chan struct{})
	go func() {
		_, err = fetch("x")
		close(done)
	}()
	awaitClosed(done)
	return err
}

func awaitClosed(ch chan struct{}) { <-ch }
