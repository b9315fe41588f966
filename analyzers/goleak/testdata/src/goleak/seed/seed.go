// Package seed holds the checklist's goroutine leak shape. Its correct
// idioms, on which goleak and the rest of the suite stay silent, are in the
// suite's shared fixture (analyzers/testdata/src/idioms).
package seed

import "time"

func doWork() {}

// The checklist's first production rule, broken: a background goroutine
// with no cancellation path.
func heartbeatLeak() {
	t := time.NewTicker(time.Second)
	go func() { // want `goroutine never finishes: the for loop at seed.go:\d+ has no exit`
		for {
			select {
			case <-t.C:
				doWork()
			}
		}
	}()
}
