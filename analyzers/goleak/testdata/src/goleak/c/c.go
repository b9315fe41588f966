// Package c holds goroutine bodies that package b starts: goleak learns
// what they do through facts.
package c

import (
	"context"
	"time"
)

type Watcher struct {
	events chan string
	quit   chan struct{}
}

func (w *Watcher) Loop() { // want Loop:"goroutine never"
	t := time.NewTicker(time.Second)
	for range t.C {
		w.events <- "tick"
	}
}

func (w *Watcher) LoopQuit() {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-w.quit:
			return
		case <-t.C:
			w.events <- "tick"
		}
	}
}

func (w *Watcher) LoopCtx(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case e := <-w.events:
			_ = e
		}
	}
}

func Drain(in <-chan int) { // want Drain:"goroutine ranges\\(0\\) param\\(0\\):s0,r1,c0,efalse"
	for range in {
	}
}

func Feed(out chan<- int, n int) { // want Feed:"goroutine param\\(0\\):s1,r0,c1,efalse"
	defer close(out)
	for i := range n {
		out <- i
	}
}
