// Package abandonedsend defines an Analyzer that reports goroutines left
// blocked forever on a send that their spawner stopped waiting for.
//
// # Analyzer abandonedsend
//
// abandonedsend: report sends on an unbuffered channel whose only receiver may give up, leaking the sender
//
// A goroutine that sends its result on an unbuffered channel blocks until
// somebody receives. When the function that started it receives inside a
// select that can take a timeout or ctx.Done() case instead, or returns on
// the first error of a results loop, the remaining senders block forever:
// each one is a leaked goroutine.
//
//	workCh := make(chan Result)
//	go func() { workCh <- compute() }()
//	select {
//	case res := <-workCh:
//		use(res)
//	case <-time.After(800 * time.Millisecond):
//		return errTimeout // compute's goroutine now blocks forever
//	}
//
// The fix is a buffer for every send that can be abandoned, so that each
// sender completes whether or not anybody receives:
//
//	workCh := make(chan Result, 1)
//
// For one goroutine per item, the buffer is len(items), as in the
// checklist's ParallelMap.
//
// abandonedsend works on SSA. It considers a channel made by make(chan T)
// with no buffer that does not escape, that only goroutines started by the
// function that made it send to (each with a plain send) — literals, or
// functions of the package it hands the channel to (go s.work(ch)) — and
// that only that function receives from. It reports every send when the
// function can return without receiving: through another case (or the
// default) of a select that receives from the channel, or, when several
// goroutines send, or one sends in a loop, through a return inside the
// loop that receives. With
// every receive outside loops, it also reports a spawner that returns
// before it receives at all (an early error return), a loop that starts
// more goroutines than the receives take (the first answer wins), and a
// goroutine that sends more times than the spawner receives (the send
// that finds no partner). On a channel made with a constant buffer, the
// last is reported when the sends outnumber the buffer plus the receives.
// The suggested fix adds the exact buffer when it is known: 1 for a single
// goroutine that sends at most once, len(X) for a goroutine started once
// per iteration of a range over X.
//
// A channel kept in a struct field is judged on the package-wide index of
// synchronization operations (internal/prims): a goroutine that sends on
// an unbuffered field channel whose only receives are in the function that
// started it, one of them in a select whose other case returns, is
// reported at the send — unless the field escapes (exported, assigned from
// elsewhere, passed).
//
// The symmetric case is reported at the receive: a goroutine (a literal,
// or a function of the package handed the channel) that ranges over a
// channel its spawner closes on some paths, when the spawner can return
// without closing it (use defer close(ch)).
//
// When the goroutine runs a named function, the finding is at the go
// statement that starts it, with the blocked send or receive as related
// information: the function may be started elsewhere with a channel that
// is never abandoned.
package abandonedsend
