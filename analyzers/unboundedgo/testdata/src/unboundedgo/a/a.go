package a

import (
	"bufio"
	"context"
	"net"
	"sync"
)

func fetch(string)         {}
func handle(net.Conn)      {}
func worker(<-chan string) {}

type group struct{}

func (group) SetLimit(int)    {}
func (group) Go(func() error) {}
func (group) Wait() error     { return nil }

type weighted struct{}

func (weighted) Acquire(context.Context, int64) error { return nil }
func (weighted) Release(int64)                        {}

func perURL(urls []string) {
	for _, u := range urls {
		go fetch(u) // want `go statement starts one goroutine per element of urls with no bound on how many run at once; acquire a semaphore before it, use a worker pool, or an errgroup with SetLimit`
	}
}

func perKey(m map[string]int) {
	var wg sync.WaitGroup
	for k := range m {
		wg.Add(1)
		go func() { // want `one goroutine per entry of m`
			defer wg.Done()
			fetch(k)
		}()
	}
	wg.Wait()
}

func perMessage(in <-chan string) {
	for s := range in {
		go fetch(s) // want `one goroutine per value received from in`
	}
}

func perLine(sc *bufio.Scanner) {
	for sc.Scan() {
		go fetch(sc.Text()) // want `one goroutine per line scanned by sc`
	}
}

func resultSendIsNoBound(urls []string) {
	out := make(chan string)
	for _, u := range urls {
		go func() { // want `one goroutine per element of urls`
			out <- u
		}()
	}
	for range urls {
		<-out
	}
}

// Negatives.

func semaphore(urls []string) {
	sem := make(chan struct{}, 8)
	for _, u := range urls {
		sem <- struct{}{}
		go func() {
			defer func() { <-sem }()
			fetch(u)
		}()
	}
}

func weightedSem(ctx context.Context, urls []string, s weighted) {
	for _, u := range urls {
		if err := s.Acquire(ctx, 1); err != nil {
			return
		}
		go func() {
			defer s.Release(1)
			fetch(u)
		}()
	}
}

func errgroupLimit(urls []string) {
	var g group
	g.SetLimit(8)
	for _, u := range urls {
		u := u
		g.Go(func() error { fetch(u); return nil })
	}
	_ = g.Wait()
}

func pool(jobs <-chan string, n int) {
	for i := 0; i < n; i++ {
		go worker(jobs)
	}
	for range n {
		go worker(jobs)
	}
}

func literal() {
	for _, u := range []string{"a", "b"} {
		go fetch(u)
	}
}

func batches(urls []string) {
	var wg sync.WaitGroup
	for i, u := range urls {
		wg.Add(1)
		go func() { defer wg.Done(); fetch(u) }()
		if i%8 == 7 {
			wg.Wait()
		}
	}
	wg.Wait()
}

func acceptLoop(l net.Listener) {
	for {
		c, err := l.Accept()
		if err != nil {
			return
		}
		go handle(c)
	}
}
