// Package b starts goroutines whose functions live in package c.
package b

import (
	"context"

	"goleak/c"
)

func start(w *c.Watcher, ctx context.Context) {
	go w.Loop() // want `goroutine never finishes: the loop at c.go:\d+ receives until C, a timer or ticker channel, which is never closed`
	go w.LoopQuit()
	go w.LoopCtx(ctx)
}

func drainNeverClosed() {
	ch := make(chan int)
	go c.Drain(ch) // want `the loop at c.go:\d+ receives until in, which nothing closes`
	ch <- 1
}

func drainClosedByFeed() {
	ch := make(chan int)
	go c.Drain(ch)
	c.Feed(ch, 3) // Feed closes ch: known from its fact
}

func drainClosed() {
	ch := make(chan int)
	go c.Drain(ch)
	ch <- 1
	close(ch)
}
