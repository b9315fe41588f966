package a

import (
	"context"
	"errors"
	"log"
	"sync"
	"time"
)

type Result int

func compute() Result             { return 0 }
func fetch(s string) (int, error) { return 0, nil }

// The checklist's quick timeout, with an unbuffered result channel.
func quickTimeout() {
	workCh := make(chan Result)
	go func() {
		workCh <- compute() // want `send on unbuffered channel workCh blocks forever when the select at a.go:\d+ can take another case and return without receiving, leaking this goroutine; make workCh with a buffer of 1`
	}()
	select {
	case res := <-workCh:
		_ = res
	case <-time.After(800 * time.Millisecond):
		log.Println("timed out")
	}
}

func withCtx(ctx context.Context) (Result, error) {
	res := make(chan Result)
	go func() { res <- compute() }() // want `send on unbuffered channel res blocks forever when the select`
	select {
	case r := <-res:
		return r, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

func nonBlocking() {
	res := make(chan Result)
	go func() { res <- compute() }() // want `send on unbuffered channel res blocks forever when the select`
	select {
	case r := <-res:
		_ = r
	default:
	}
}

type result struct {
	n   int
	err error
}

// The first-error return of a results loop: the remaining senders block.
func firstError(urls []string) ([]int, error) {
	results := make(chan result)
	for _, u := range urls {
		go func() {
			n, err := fetch(u)
			results <- result{n, err} // want `send on unbuffered channel results blocks forever when the receive loop at a.go:\d+ can return early, leaving the remaining senders blocked, leaking this goroutine; make results with a buffer of len\(urls\)`
		}()
	}
	var out []int
	for range urls {
		r := <-results
		if r.err != nil {
			return nil, r.err
		}
		out = append(out, r.n)
	}
	return out, nil
}

func firstErrorRange(urls []string) error {
	errc := make(chan error)
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := fetch(u)
			errc <- err // want `make errc with a buffer of len\(urls\)`
		}()
	}
	go func() { wg.Wait(); close(errc) }()
	for err := range errc {
		if err != nil {
			return err
		}
	}
	return nil
}

func perN(n int) error {
	errc := make(chan error)
	for i := range n {
		go func() {
			_, err := fetch(string(rune(i)))
			errc <- err // want `make errc with a buffer of n`
		}()
	}
	for range n {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

func twoSends(ctx context.Context) {
	ch := make(chan int)
	go func() {
		ch <- 1 // want `buffer ch for every send, or keep receiving until every sender is done`
		ch <- 2 // want `buffer ch for every send`
	}()
	select {
	case <-ch:
	case <-ctx.Done():
	}
}

// Negatives.

func buffered(ctx context.Context) {
	res := make(chan Result, 1)
	go func() { res <- compute() }()
	select {
	case <-res:
	case <-ctx.Done():
	}
}

func alwaysReceives() Result {
	res := make(chan Result)
	go func() { res <- compute() }()
	return <-res
}

func allResults(urls []string) ([]int, error) {
	results := make(chan result)
	for _, u := range urls {
		go func() {
			n, err := fetch(u)
			results <- result{n, err}
		}()
	}
	var out []int
	var firstErr error
	for range urls {
		r := <-results
		if r.err != nil && firstErr == nil {
			firstErr = r.err
			continue
		}
		out = append(out, r.n)
	}
	return out, firstErr
}

func senderSelects(ctx context.Context) {
	res := make(chan Result)
	go func() {
		select {
		case res <- compute():
		case <-ctx.Done():
		}
	}()
	select {
	case <-res:
	case <-ctx.Done():
	}
}

func drainAfterTimeout(ctx context.Context) {
	res := make(chan Result)
	go func() { res <- compute() }()
	select {
	case <-res:
	case <-ctx.Done():
		<-res // wait for the worker anyway
	}
}

func escapes(ctx context.Context, sink func(chan Result)) {
	res := make(chan Result)
	sink(res)
	go func() { res <- compute() }()
	select {
	case <-res:
	case <-ctx.Done():
	}
}

func singleSenderEarlyReturn() error {
	errc := make(chan error)
	go func() { _, err := fetch(""); errc <- err }()
	if err := <-errc; err != nil {
		return err
	}
	return errors.New("x")
}

func serve(ctx context.Context, srv interface{ Serve() error }) error {
	errc := make(chan error)
	go func() { errc <- srv.Serve() }()
	for {
		select {
		case err := <-errc:
			return err
		case <-ctx.Done():
			return <-errc
		case <-time.After(time.Second):
			log.Println("still serving")
		}
	}
}

// A select whose other case is a signal from the sender itself: the sender
// took the other path and will not send (grpc's goaway_test shape).
func signalFromSender(ctx context.Context, frames []int) {
	errCh := make(chan error)
	goAway := make(chan struct{})
	go func() {
		for _, f := range frames {
			if f == 0 {
				close(goAway)
				return
			}
		}
		errCh <- errors.New("no goaway")
	}()
	select {
	case <-goAway:
	case err := <-errCh:
		_ = err
	}
}

type fakeT struct{}

func (fakeT) Errorf(string, ...any) {}

// The other case fails the test: a leak on a failing test's path is moot
// (grpc's blocking_context_dialer_test shape).
func failingTestPath(ctx context.Context, t fakeT) {
	done := make(chan struct{})
	go func() {
		done <- struct{}{}
	}()
	select {
	case <-done:
	case <-ctx.Done():
		t.Errorf("timeout")
	}
}

// The symmetric leak: the spawner stops sending and returns without
// closing, so the ranging goroutine waits forever.
func consumerAbandoned(items []int) error {
	jobs := make(chan int)
	go func() {
		for j := range jobs { // want `receive from jobs waits forever when the return at a.go:\d+ runs without closing jobs, leaking this goroutine; close jobs on every path, e.g. with defer close\(jobs\)`
			_ = j
		}
	}()
	for _, it := range items {
		if it < 0 {
			return errors.New("negative")
		}
		jobs <- it
	}
	close(jobs)
	return nil
}

func consumerDeferClose(items []int) error {
	jobs := make(chan int)
	defer close(jobs)
	go func() {
		for j := range jobs {
			_ = j
		}
	}()
	for _, it := range items {
		if it < 0 {
			return errors.New("negative")
		}
		jobs <- it
	}
	return nil
}

func consumerClosedEverywhere(items []int) error {
	jobs := make(chan int)
	go func() {
		for j := range jobs {
			_ = j
		}
	}()
	for _, it := range items {
		if it < 0 {
			close(jobs)
			return errors.New("negative")
		}
		jobs <- it
	}
	close(jobs)
	return nil
}

// Filled and closed before the workers start, as prometheus's benchmarks
// do: the workers drain a closed channel and finish.
func drainClosed(n int) {
	jobs := make(chan int, n)
	for i := 0; i < n; i++ {
		jobs <- i
	}
	close(jobs)
	for w := 0; w < 4; w++ {
		go func() {
			for j := range jobs {
				_ = j
			}
		}()
	}
}
