package a

import (
	"context"
	"runtime"
	"sync/atomic"
	"time"
)

func run(int) {}
func poll()   {}

// An empty default: the loop spins while jobs is empty.
func emptyDefault(jobs chan int) {
	for {
		select {
		case j := <-jobs:
			run(j)
		default: // want `this default branch neither blocks, sleeps nor leaves the loop, so the loop spins while no case is ready, keeping a CPU busy; remove the default to block in select, or add a case <-ticker.C to poll at a pace`
		}
	}
}

// A default that only counts, and a stop flag checked first.
func countingDefault(jobs chan int, stop *atomic.Bool) {
	misses := 0
	for !stop.Load() {
		select {
		case j := <-jobs:
			run(j)
		case <-time.After(time.Second):
			return
		default: // want `this default branch neither blocks`
			misses++
		}
	}
}

// Polling an atomic with nothing that waits.
func pollAtomic(ready *atomic.Bool) {
	for !ready.Load() { // want `this loop polls without ever waiting, so it spins and keeps a CPU busy`
	}
}

var flag int32

func pollFunc() {
	for atomic.LoadInt32(&flag) == 0 { // want `this loop polls without ever waiting`
	}
}

// Polling a plain variable: also a data race.
var done bool

func pollVar() {
	for { // want `this loop polls without ever waiting`
		if done {
			break
		}
	}
}

// --- silent ---

// The checklist's non-blocking select, not in a loop.
func dropLateTicks(tick *time.Ticker) {
	select {
	case <-tick.C:
		poll()
	default:
		// still busy; skip
	}
}

// The checklist's ParallelMap cancellation check: the loop blocks on sem.
func parallelMap(ctx context.Context, in []int, sem chan struct{}) error {
	for range in {
		select {
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		sem <- struct{}{}
	}
	return nil
}

// The checklist's ticker loop: no default, select blocks.
func tickerLoop(ctx context.Context, tick *time.Ticker) {
	for {
		select {
		case <-tick.C:
			poll()
		case <-ctx.Done():
			return
		}
	}
}

// A default that sleeps.
func sleepingDefault(jobs chan int) {
	for {
		select {
		case j := <-jobs:
			run(j)
		default:
			time.Sleep(10 * time.Millisecond)
		}
	}
}

// A default that leaves: draining what is buffered.
func drain(ch chan int) (n int) {
	for {
		select {
		case <-ch:
			n++
		default:
			return n
		}
	}
}

func drainLabeled(ch chan int) (n int) {
loop:
	for {
		select {
		case <-ch:
			n++
		default:
			break loop
		}
	}
	return n
}

// A default that does work which may block.
func workingDefault(jobs chan int) {
	for {
		select {
		case j := <-jobs:
			run(j)
		default:
			poll()
		}
	}
}

// The body blocks after the select each time round.
func blocksAfter(jobs, next chan int) {
	for {
		select {
		case j := <-jobs:
			run(j)
		default:
		}
		<-next
	}
}

// Yields with Gosched: a deliberate spin-wait.
func yields(ready *atomic.Bool) {
	for !ready.Load() {
		runtime.Gosched()
	}
}

// Sleeps while polling.
func sleeps(ready *atomic.Bool) {
	for !ready.Load() {
		time.Sleep(time.Millisecond)
	}
}

// A retry loop with a counter: bounded.
func bounded(ready *atomic.Bool) {
	for i := 0; i < 100 && !ready.Load(); i++ {
	}
}

// A compare-and-swap loop does work each time round.
func cas(n *atomic.Int64) {
	for {
		old := n.Load()
		if n.CompareAndSwap(old, old+1) {
			return
		}
	}
}

// for {} with no way out is staticcheck's SA5002.
func forever() {
	for {
	}
}
