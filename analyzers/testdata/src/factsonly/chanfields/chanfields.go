// Package chanfields uses channels only where goleak's summaries cannot
// find a wait that never ends: on fields, a call's result, a plain
// receive from a ticker, sends that do not wait. goleak's cheap test must
// skip it (no SSA), and the whole analyzer exports no fact from it.
package chanfields

import "time"

type Server struct {
	quit chan struct{}
	reqs chan int
}

// Serve receives from fields: a channel stored in a field escapes, so
// nothing proves that it is never sent to.
func (s *Server) Serve() {
	for {
		select {
		case <-s.quit:
			return
		case r, ok := <-s.reqs:
			_, _ = r, ok
		}
	}
}

// Wait receives from a call's result, through a local variable.
func Wait(done func() <-chan struct{}) {
	d := done()
	<-d
}

// Poll sends without waiting.
func (s *Server) Poll(v int) bool {
	select {
	case s.reqs <- v:
		return true
	default:
		return false
	}
}

// Tick waits for one tick: a plain receive, not one until the channel is
// closed.
func Tick(t *time.Ticker) time.Time { return <-t.C }

// Drain receives until a channel it is given is closed.
func Drain(next func() chan int) {
	c := next()
	for range c {
	}
}
