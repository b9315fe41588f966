// Package closerecv defines an Analyzer that reports a channel closed by a
// function that only receives from it.
//
// # Analyzer closerecv
//
// closerecv: report close of a channel by a function that only receives from it
//
// Only the sender should close a channel: close means "no more values", and
// only the side that sends knows that. When a receiver closes a channel it
// did not make, a sender that is still running panics with "send on closed
// channel", and the owner's own close panics with "close of closed channel".
//
//	func consume(jobs chan Job) {
//		for j := range jobs {
//			if j.Last {
//				close(jobs) // the producer may still be sending
//				return
//			}
//			handle(j)
//		}
//	}
//
// The fix is to let the sender close the channel after its last send
// (`defer close(jobs)` in the producing goroutine), or the owner once every
// sender is done (`wg.Wait(); close(out)` in the fan-in goroutine), and to
// have the receiver stop by returning, or by signalling the sender on a
// separate done channel.
//
// closerecv reports a close (or a call of a helper that closes, in this
// package or another one, through facts) in a function or goroutine that
// receives from the channel (ranges over it, receives in a statement or a
// select), never sends on it, and did not make it: the channel is a
// parameter, a field, a package variable or a variable captured from the
// function around it.
//
// It stays silent when the function also sends on the channel, or starts a
// goroutine that does; when the channel is a local variable of the function
// (its maker owns it); when the only receive is a check of whether the
// channel is closed (`case <-done:` in a select with a default, or in a
// select that closes done in another case); and when the channel is handed
// to code the analysis cannot see (stored, returned, passed to a function
// value or an interface method). It also stays silent when every sender in
// the package defers a recover: the panic of a send on the closed channel
// is caught by design.
package closerecv
