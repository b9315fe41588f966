// Package doubleclose defines an Analyzer that reports a channel that can be
// closed twice, and a send on a channel after it was closed.
//
// # Analyzer doubleclose
//
// doubleclose: report a close that can run twice on one channel, and a send after close
//
// Closing a closed channel panics ("close of closed channel"), and so does
// sending on one ("send on closed channel"). Both usually come from a close
// that is not in the one place that knows the channel is finished:
//
//	for i := 0; i < workers; i++ {
//		go func() {
//			for t := range in {
//				out <- do(t)
//			}
//			close(out) // every worker closes out: the second close panics
//		}()
//	}
//
// The fix is to close once, where the last sender is known to be done:
//
//	go func() {
//		wg.Wait()
//		close(out)
//	}()
//
// doubleclose reports, on the SSA form of each function:
//
//   - a close inside a loop body that can run again on the next iteration
//     (the loop does not return or break after it), on a channel that is
//     the same on every iteration; and a defer close inside such a loop;
//   - a close in a goroutine started in a loop, on a channel every
//     goroutine shares;
//   - two closes of one channel that one path reaches: an explicit close
//     and a defer close, two explicit closes, a close in the function and
//     one in a goroutine it starts, closes in two goroutines it starts;
//   - a channel field that two methods of its type close, each without a
//     guard (one Close method closing its own channel is the owner's
//     shutdown, and is not reported);
//   - a send on a channel on a path after the same function closed it.
//
// It stays silent when a close is guarded: conditional on a flag (a bool
// variable set when closing, a field, an atomic CompareAndSwap, any call
// result), on a check that the channel is still open (a select or comma-ok
// receive on it), or wrapped in a sync.Once; when the channel variable or
// field is reassigned between the closes (close, then make a new one); and
// when the closes are on branches that exclude each other.
package doubleclose
