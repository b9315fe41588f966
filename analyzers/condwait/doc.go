// Package condwait defines an Analyzer that reports sync.Cond.Wait calls
// that do not re-check their condition, or that run without holding c.L.
//
// # Analyzer condwait
//
// condwait: report a sync.Cond.Wait outside a re-checking for loop, or without c.L held
//
// Wait can return although the condition the goroutine waits for does not
// hold: a Broadcast wakes every waiter, a Signal may be meant for another
// one, and another goroutine may take the lock and change the state between
// the wake-up and the moment Wait re-acquires c.L. So Wait belongs in a for
// loop that checks the condition again each time it returns:
//
//	mu.Lock()
//	if queue == 0 {
//		cond.Wait() // queue may still be 0 here
//	}
//	queue--
//
// The fix, as the sync documentation and the checklist write it:
//
//	mu.Lock()
//	for queue == 0 {
//		cond.Wait()
//	}
//	queue--
//
// Wait also unlocks c.L on entry and locks it again before returning; called
// without holding c.L, it panics ("sync: unlock of unlocked mutex") or
// releases a lock another goroutine holds.
//
// condwait reports a Wait that has no enclosing for loop in its function,
// and a Wait reached, on some path, after its function released c.L (or,
// in a go func literal, before it locked it). c.L is known when the Cond
// is made by sync.NewCond(&mu) in the same function or assigned to a struct
// field as x.cond = sync.NewCond(&x.mu), or used as c.L.Lock().
//
// It stays silent when Wait is in any for loop (the loop's condition or a
// check in its body is taken to be the re-check), when all that follows a
// top-level Wait is unlocking and returning a constant or a call's result
// (a wrapper or wait-once primitive whose callers loop),
// when the function neither locks nor unlocks c.L itself (it may be called
// with the lock held), and when every caller in the package holds c.L at
// the call (a helper that unlocks around slow work and locks again).
//
// It also reports a Wait on a Cond that nothing in the package signals or
// broadcasts (and that does not escape: an exported field, a parameter, a
// Cond passed elsewhere): that Wait never returns. A Signal in code that
// nothing calls (an unexported function no code names) does not count.
//
// When the Wait is the only statement of an if without else or init
// statement, the suggested fix turns the if into a for.
package condwait
