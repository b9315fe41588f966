// Package golangci is what the golangci-lint plugin test lints.
package golangci

import (
	"sync"
	"time"
)

func work() {}

// Fixed by --fix: from Go 1.25 the goroutine is started with wg.Go.
func Fixable() {
	var wg sync.WaitGroup
	go func() {
		wg.Add(1)
		defer wg.Done()
		work()
	}()
	wg.Wait()
}

// Reported, without a fix.
func Idle(in <-chan int) {
	for {
		select {
		case <-in:
			work()
		case <-time.After(time.Second):
			flush() // periodic work that a busy in starves
		}
	}
}

// Silenced by golangci-lint's own directive.
func Nolint(in <-chan int) {
	for {
		select {
		case <-in:
			work()
		case <-time.After(time.Second): //nolint:concvet // a starved flush is accepted here
			flush() // periodic work that a busy in starves
		}
	}
}

// Silenced by concvet's.
func Ignored(in <-chan int) {
	for {
		select {
		case <-in:
			work()
		case <-time.After(time.Second): //concvet:ignore timeafterloop a starved flush is accepted here
			flush() // periodic work that a busy in starves
		}
	}
}

func flush() {}
