// Package idioms holds the correct idioms of the concurrency checklist that
// concvet encodes (the guide the README names), section by section,
// reformatted and wrapped in functions where the checklist shows a fragment.
// The whole suite must stay silent on every line: the test of package
// analyzers runs each analyzer on this package with no expectation, so any
// diagnostic fails it. The checklist's mistakes are positives in the
// analyzers' own fixtures, never here.
package idioms

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	_ "net/http/pprof"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"
)

type Task int
type Result int

func do(t Task) Result                            { return Result(t) }
func use(Result)                                  {}
func useInt(int)                                  {}
func f(v int) int                                 { return v }
func work()                                       {}
func doWork()                                     {}
func poll()                                       {}
func process(int) error                           { return nil }
func retry() error                                { return errors.New("retry") }
func fetch(ctx context.Context, u string) error   { return ctx.Err() }
func request(ctx context.Context) <-chan struct{} { return ctx.Done() }

// 2) Goroutines: handling panics inside goroutines.
func recoverInGoroutine() {
	go func() {
		defer func() {
			if r := recover(); r != nil {
				log.Printf("goroutine panic: %v", r)
			}
		}()
		doWork()
	}()
}

// 3) Channels, close rules: only the sender closes; the receiver ranges.
func closeRules() {
	jobs := make(chan int)
	go func() {
		defer close(jobs)
		for i := 0; i < 10; i++ {
			jobs <- i
		}
	}()
	for j := range jobs {
		fmt.Println("got", j)
	}
}

// An owner-closed done channel: the function that made it signals on it.
func ownerClosedDone() {
	done := make(chan struct{})
	go func() {
		<-done
	}()
	close(done)
}

// 4) select with default: non-blocking receive.
func nonBlocking(ctx context.Context, in <-chan int) {
	select {
	case v := <-in:
		useInt(v)
	case <-ctx.Done():
		return
	default:
		// no data right now; do something else or sleep
	}
}

// 5) Timers & Tickers: quick timeout, once, outside any loop.
func quickTimeout(workCh <-chan int) {
	select {
	case res := <-workCh:
		_ = res
	case <-time.After(800 * time.Millisecond):
		log.Println("timed out")
	}
}

// Cancellable timer, as from go1.23 (this package has no go line, so it is
// analyzed as current Go). The checklist's sample also drains,
// if !t.Stop() { <-t.C }: needed before go1.23, dead code after, and
// reported there by timerreset on purpose (docs/timerreset.md). Its
// pre-1.23 form is a negative in timerreset's go122 fixture module.
func cancellableTimer(ctx context.Context) {
	t := time.NewTimer(2 * time.Second)
	defer t.Stop()
	select {
	case <-t.C:
		fmt.Println("fired")
	case <-ctx.Done():
		t.Stop()
	}
}

// Backoff and retries with a timer.
func backoffRetries() {
	backoff := 100 * time.Millisecond
	for attempt := 1; attempt <= 5; attempt++ {
		if err := retry(); err == nil {
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
}

// Debounce with time.AfterFunc.
func debounceSample() {
	var (
		mu  sync.Mutex
		deb *time.Timer
	)
	debounce := func(d time.Duration, fn func()) {
		mu.Lock()
		defer mu.Unlock()
		if deb != nil && deb.Stop() {
		}
		deb = time.AfterFunc(d, fn)
	}
	debounce(time.Second, func() {})
}

// Tickers: periodic triggers, stopped by defer.
func periodic(ctx context.Context) {
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

// Dropping late ticks.
func dropLateTicks(tick *time.Ticker) {
	select {
	case <-tick.C:
		doWork()
	default:
		// still busy; skip
	}
}

// Rate limiting via ticker.
func rateLimit(jobs <-chan int) {
	lim := time.NewTicker(20 * time.Millisecond) // ~50/sec
	defer lim.Stop()
	for j := range jobs {
		<-lim.C
		_ = process(j)
	}
}

// A heartbeat goroutine with a cancellation path (the checklist's first
// production rule), its ticker stopped when it returns.
func heartbeat(ctx context.Context) {
	t := time.NewTicker(time.Second)
	go func() {
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				doWork()
			}
		}
	}()
}

// 6) Context & cancellation: the root context made where there is none.
func withTimeout() error {
	ctx, cancel := context.WithTimeout(context.Background(), 800*time.Millisecond)
	defer cancel()
	select {
	case <-request(ctx):
	case <-ctx.Done():
		return ctx.Err()
	}
	return nil
}

// A request made with the caller's context: its deadline bounds the I/O.
func fetchURL(ctx context.Context, u string) error {
	req, err := http.NewRequestWithContext(ctx, "GET", u, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Expose pprof in dev, on a local port.
func debugServer() {
	go func() {
		http.ListenAndServe("localhost:6060", nil)
	}()
}

// 7) Synchronization toolbox: WaitGroup, Add before go, Done by defer.
func waitGroup(n int) {
	var wg sync.WaitGroup
	wg.Add(n)
	for i := 0; i < n; i++ {
		go func() { defer wg.Done(); work() }()
	}
	wg.Wait()
}

// Cond: wait in a loop on the condition, with the lock held.
func condQueue() {
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	queue := 0
	go func() {
		mu.Lock()
		for queue == 0 {
			cond.Wait()
		}
		queue--
		mu.Unlock()
	}()
	mu.Lock()
	queue++
	cond.Signal()
	mu.Unlock()
}

// Typed atomics.
func atomics() int64 {
	var hits atomic.Int64
	hits.Add(1)
	n := hits.Load()
	return n
}

// 8) Structured concurrency: errgroup, its context passed to every Go.
func fetchAll(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		u := u
		g.Go(func() error {
			return fetch(ctx, u)
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return nil
}

// Semaphore for max concurrency, as the checklist writes it (with the
// pre-Go 1.22 copy of the loop variable) ...
func semaphore(jobs []int) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8) // allow 8 concurrent jobs
	for _, job := range jobs {
		job := job
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			_ = process(job)
		}()
	}
	wg.Wait()
}

// ... and without it, as Go 1.22 and later allow.
func semaphorePerIteration(jobs []int) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	for _, job := range jobs {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			_ = process(job)
		}()
	}
	wg.Wait()
}

// 9) Core patterns: fan-out / fan-in.
func fanOutFanIn(tasks []Task) {
	in := make(chan Task)
	out := make(chan Result)
	var wg sync.WaitGroup
	worker := func() {
		defer wg.Done()
		for t := range in {
			out <- do(t)
		}
	}
	wg.Add(4)
	for i := 0; i < 4; i++ {
		go worker()
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	// feed
	go func() {
		defer close(in)
		for _, t := range tasks {
			in <- t
		}
	}()
	for r := range out {
		use(r)
	}
}

// Pipeline with backpressure: a stage closes what it returns.
func stage1(in <-chan int) <-chan int {
	out := make(chan int, 8)
	go func() {
		defer close(out)
		for v := range in {
			out <- f(v)
		}
	}()
	return out
}

// The same stage as the checklist writes it, a function literal.
func pipeline(in <-chan int) {
	stage := func(in <-chan int) <-chan int {
		out := make(chan int, 8)
		go func() {
			defer close(out)
			for v := range in {
				out <- f(v)
			}
		}()
		return out
	}
	for v := range stage(stage1(in)) {
		useInt(v)
	}
}

// Parallel map with context and bounded concurrency, verbatim ...
func ParallelMap[T any, R any](ctx context.Context, in []T, max int, fn func(context.Context, T) (R, error)) ([]R, error) {
	type item struct {
		i int
		r R
		e error
	}
	sem := make(chan struct{}, max)
	out := make(chan item, len(in))
	var wg sync.WaitGroup
	for i, v := range in {
		i, v := i, v
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		default:
		}
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			r, err := fn(ctx, v)
			out <- item{i, r, err}
		}()
	}
	go func() { wg.Wait(); close(out) }()
	res := make([]R, len(in))
	for it := range out {
		if it.e != nil {
			return nil, it.e
		}
		res[it.i] = it.r
	}
	return res, nil
}

// ... and with Go 1.22's per-iteration loop variables.
func ParallelMapPerIteration[T any, R any](ctx context.Context, in []T, max int, fn func(context.Context, T) (R, error)) ([]R, error) {
	type item struct {
		i int
		r R
		e error
	}
	sem := make(chan struct{}, max)
	out := make(chan item, len(in))
	var wg sync.WaitGroup
	for i, v := range in {
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		default:
		}
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			r, err := fn(ctx, v)
			out <- item{i, r, err}
		}()
	}
	go func() { wg.Wait(); close(out) }()
	res := make([]R, len(in))
	for it := range out {
		if it.e != nil {
			return nil, it.e
		}
		res[it.i] = it.r
	}
	return res, nil
}
