// Package timeafterloop defines an Analyzer that reports time.After
// evaluated on every iteration of a loop as a select case beside cases that
// keep the loop going.
//
// # Analyzer timeafterloop
//
// timeafterloop: report time.After in a select that a loop re-enters
//
// Each evaluation of time.After(d) starts a new timer. In a loop like this
// one, the timer of every iteration in which another case wins is
// abandoned:
//
//	for {
//		select {
//		case msg := <-in:
//			handle(msg)
//		case <-time.After(30 * time.Second):
//			return errIdle
//		}
//	}
//
// Before Go 1.23 an abandoned timer stays in memory until it fires, so a
// busy loop holds rate × d timers at once: a leak that grows with traffic.
// From Go 1.23 the garbage collector reclaims it early, but every
// iteration still allocates a timer and a channel. Under every version the
// timeout restarts on each iteration: it measures the time since the last
// message (an idle timeout), not since the loop began (a deadline), which
// is the most common misunderstanding of this shape.
//
// The fix is one timer for the whole loop, reset where time.After was
// evaluated:
//
//	timer := time.NewTimer(30 * time.Second)
//	defer timer.Stop()
//	for {
//		timer.Reset(30 * time.Second)
//		select {
//		case msg := <-in:
//			handle(msg)
//		case <-timer.C:
//			return errIdle
//		}
//	}
//
// For code that may run with the pre-1.23 timer semantics (a module whose
// go line is older than 1.23), the Reset must follow a Stop and a
// non-blocking drain, and the suggested fix writes them. A deadline for the
// whole loop is a different program: compute it once before the loop
// (time.NewTimer, or context.WithTimeout) instead.
//
// From Go 1.23 an allocation per iteration is all the shape costs, so it
// is reported only where the restart hurts or the loop is tight: a select
// with a default (the loop spins), or a timeout case doing periodic work of
// its own that events on the other cases starve. A quiescence wait or
// per-item timeout (the timeout leaves the loop or does nothing) and an
// idle fallback (the timeout calls only what another case calls) are what
// the code means, and are silent.
//
// timeafterloop is silent when time.After is evaluated outside a loop, in a
// function literal of its own, in a select whose other cases all leave the
// loop (the "sleep unless cancelled" retry idiom, where every iteration
// that continues has received from the timer), and for a bare <-time.After(d)
// receive, which waits for the timer to fire and so leaks nothing. It skips
// _test.go files unless -timeafterloop.tests is set: a test's loops run a
// few times in a short-lived process.
//
// The suggested fix is offered when the loop is the outermost of its
// function (so one deferred Stop serves), the duration is an expression
// without calls whose variables are declared before the loop, and the
// select is the only one in the loop that uses time.After.
package timeafterloop
