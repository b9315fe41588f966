// Package tickerstop defines an Analyzer that reports tickers and timers
// that some path leaves running, with what that costs under the Go version
// of the module.
//
// # Analyzer tickerstop
//
// tickerstop: report a Ticker, Timer or AfterFunc that some path leaves running
//
// A time.Ticker fires until it is stopped. Before Go 1.23 the runtime keeps
// every running ticker alive, referenced or not, so a ticker that is never
// stopped wakes the process up forever, and one made per call or per loop
// iteration is a leak that grows:
//
//	func poll(ctx context.Context) error {
//		t := time.NewTicker(time.Second) // never stopped
//		for {
//			select {
//			case <-t.C:
//				check()
//			case <-ctx.Done():
//				return ctx.Err()
//			}
//		}
//	}
//
// The checklist's rule is to stop it, right after making it:
//
//	t := time.NewTicker(time.Second)
//	defer t.Stop()
//
// From Go 1.23 the garbage collector reclaims a ticker or timer that nothing
// references, stopped or not, so a local ticker that does not escape costs
// nothing once its function returns, and tickerstop does not report it in a
// module whose go line is 1.23 or later. From Go 1.23 a ticker's channel
// timer is also scheduled only while a goroutine is blocked on its channel
// (runtime/time.go, needsAdd), so an unstopped ticker in a field that
// nobody waits on costs nothing either; a goroutine that waits on it
// forever is goleak's finding. What still matters under every version, and
// is reported: a time.AfterFunc whose result the function stops on some
// paths but not on another: on that path the function still runs after d,
// which the code that stops it elsewhere means to prevent.
//
// Before Go 1.23 it also reports a ticker stored in an unexported struct
// field that no code of the package ever stops (it fires forever, even
// after the value is unreachable), a ticker that some path from its creation
// to the function's end (or back around a loop to its creation) does not
// stop, a timer made in a loop that an iteration neither stops nor
// receives from, a timer stopped on some paths but not on another, and
// time.Tick in a function that returns (whose ticker can never be stopped;
// the ground of staticcheck's SA1015), except in package main and tests.
//
// tickerstop stays silent whenever the ticker or timer escapes where the
// analysis cannot follow: returned, stored, passed to a function, captured by
// a function literal or goroutine, or its channel handed on. A function
// that never returns (a loop with no way out) does not leave its ticker
// behind: the goroutine running it is what leaks, and goleak reports that.
//
// Where the ticker is never stopped and its creation is not inside a loop,
// the suggested fix inserts defer t.Stop() right after it.
package tickerstop
