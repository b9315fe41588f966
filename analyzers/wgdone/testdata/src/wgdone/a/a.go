package a

import (
	"errors"
	"runtime"
	"sync"
	"testing"
)

func step() error { return errors.New("x") }
func work()       {}

// The checklist's idiom: silent.
func recommended(n int) {
	var wg sync.WaitGroup
	wg.Add(n)
	for i := 0; i < n; i++ {
		go func() { defer wg.Done(); work() }()
	}
	wg.Wait()
}

// An early return skips the Done.
func earlyReturn() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		if err := step(); err != nil {
			return
		}
		work()
		wg.Done() // want `wg.Done is not called on the path through the return at line 29, so wg.Wait blocks forever; call defer wg.Done\(\) at the start of the goroutine`
	}()
	wg.Wait()
}

// Done skipped on one branch of a select.
func selectBranch(ch chan int, quit chan struct{}) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		select {
		case <-ch:
			wg.Done() // want `wg.Done is not called on the path through the end of the function`
		case <-quit:
		}
	}()
	wg.Wait()
}

// runtime.Goexit ends the goroutine without the Done.
func goexit(bad bool) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		if bad {
			runtime.Goexit()
		}
		wg.Done() // want `wg.Done is not called on the path through the call at line 57`
	}()
	wg.Wait()
}

// t.Fatal in a goroutine ends it: the Done is skipped.
func TestFatal(t *testing.T) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		if err := step(); err != nil {
			t.Fatal(err)
		}
		wg.Done() // want `wg.Done is not called on the path through the call at line 70`
	}()
	wg.Wait()
}

// Done twice on one path.
func twice(cond bool) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		if cond {
			wg.Done()
		}
		work()
		wg.Done() // want `wg.Done may be called twice on the path through the end of the function`
	}()
	wg.Wait()
}

// Done both deferred and called.
func deferredAndCalled() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		work()
		wg.Done() // want `wg.Done is also deferred at line 96, so the goroutine calls it twice`
	}()
	wg.Wait()
}

// A named worker started with go.
type pool struct{ wg sync.WaitGroup }

func (p *pool) worker(jobs <-chan int) {
	for j := range jobs {
		if j < 0 {
			return
		}
	}
	p.wg.Done() // want `p.wg.Done is not called on the path through the return at line 109`
}

func (p *pool) start(jobs chan int) {
	p.wg.Add(1)
	go p.worker(jobs)
}

// Nothing calls Done: Wait never returns.
func neverDone() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		work()
	}()
	wg.Wait() // want `nothing calls wg.Done, so wg.Wait blocks forever \(wg.Add at line 123`
}

// Negative: each path calls Done once.
func eachPathOnce(cond bool) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		if cond {
			wg.Done()
			return
		}
		work()
		wg.Done()
	}()
	wg.Wait()
}

// Negative: Done in a loop counts items, not the goroutine.
func perItem(jobs chan int) {
	var wg sync.WaitGroup
	go func() {
		for range jobs {
			work()
			wg.Done()
		}
	}()
	for i := 0; i < 3; i++ {
		wg.Add(1)
		jobs <- i
	}
	wg.Wait()
}

// Negative: the WaitGroup is handed to another function.
func handed(f func(*sync.WaitGroup)) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		if err := step(); err != nil {
			f(&wg)
			return
		}
		wg.Done()
	}()
	wg.Wait()
}

// Negative: a deferred closure that recovers and calls Done.
func deferredClosure() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer func() {
			_ = recover()
			wg.Done()
		}()
		work()
	}()
	wg.Wait()
}

// Negative: panics do not matter to Wait.
func panics(cond bool) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		if cond {
			panic("boom")
		}
		wg.Done()
	}()
	wg.Wait()
}

// Negative: Done is called by a nested goroutine that the goroutine starts.
func nestedDone() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		go func() { wg.Done() }()
	}()
	wg.Wait()
}

// Negative: the WaitGroup's Done is reached through a method value.
func methodValue() {
	var wg sync.WaitGroup
	wg.Add(1)
	done := wg.Done
	go func() {
		done()
	}()
	wg.Wait()
}
