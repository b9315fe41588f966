// Package busyloop defines an Analyzer that reports loops that spin: they
// repeat without ever blocking, sleeping or yielding.
//
// # Analyzer busyloop
//
// busyloop: report a for loop that repeats without ever blocking or waiting
//
// The checklist says: don't fight the scheduler; avoid busy loops. A loop
// that polls until something changes, without waiting in between, keeps a
// CPU at 100% and slows down the goroutines that would make the change. Two
// shapes are reported.
//
// A select with a default branch that neither blocks, sleeps nor leaves the
// loop: while no case is ready, the loop goes round as fast as it can.
//
//	for {
//		select {
//		case j := <-jobs:
//			run(j)
//		default: // nothing ready: go round again at once
//		}
//	}
//
// Remove the default to block in select until a case is ready, or add a
// case <-ticker.C to poll at a pace.
//
// A loop that polls a variable or an atomic and does nothing else:
//
//	for !ready.Load() {
//	}
//
// Wait for a channel to be closed, a sync.Cond, or poll with a time.Ticker.
// Polling a plain variable is also a data race, which the compiler may turn
// into an infinite loop.
//
// busyloop stays silent when the loop body calls any function (it may block
// or sleep: time.Sleep, runtime.Gosched, I/O) or performs a channel
// operation outside the select, when the default branch calls anything,
// returns, breaks out of the loop or panics, when the loop has an init or
// post statement (a bounded retry), and when the polling loop has no way
// out (for {} is staticcheck's SA5002). It offers no fix: what to wait on
// is a design choice.
package busyloop
