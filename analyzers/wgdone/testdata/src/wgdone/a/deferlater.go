package a

import "sync"

// A deferred Done counts where its defer statement is: a path that returns
// before the defer is registered never runs it.

type app struct {
	wg      sync.WaitGroup
	screen  func() error
	stopped bool
}

// An early return that calls Done itself, before the deferred Done of the
// other paths is registered: each path calls Done once. Silent.
func (a *app) run() {
	a.wg.Add(1)
	go func() {
		if err := a.screen(); err != nil {
			a.wg.Done()
			return
		}
		defer a.wg.Done()
		work()
	}()
	a.wg.Wait()
}

// The same with the early exit on one branch of a switch. Silent.
func (a *app) runSwitch(mode int) {
	a.wg.Add(1)
	go func() {
		switch mode {
		case 0:
			a.wg.Done()
			return
		case 1:
			defer a.wg.Done()
		default:
			defer a.wg.Done()
			work()
		}
	}()
	a.wg.Wait()
}

// An early Done that falls through to the defer: twice on that path.
func (a *app) runFallThrough() {
	a.wg.Add(1)
	go func() {
		if a.stopped {
			a.wg.Done() // want `a.wg.Done is also deferred at line 54, so the goroutine calls it twice on the path through the end of the function at line 56`
		}
		defer a.wg.Done()
		work()
	}()
	a.wg.Wait()
}

// A return before the defer that calls no Done: Wait blocks forever.
func (a *app) runSkips() {
	a.wg.Add(1)
	go func() {
		if a.stopped {
			return
		}
		if err := a.screen(); err != nil {
			a.wg.Done() // want `a.wg.Done is not called on the path through the return at line 65, which leaves before the deferred Done at line 71 is registered`
			return
		}
		defer a.wg.Done()
		work()
	}()
	a.wg.Wait()
}
