// Package goleak defines an Analyzer that reports goroutines that can never
// finish.
//
// # Analyzer goleak
//
// goleak: report goroutines with no cancellation path, which leak for the life of the process
//
// A goroutine ends only when its function returns. One that loops forever,
// ranges over a channel that nothing closes, or blocks on a channel that
// nothing will ever send to keeps its stack and everything it references
// alive until the process exits; started once per request or per
// connection, it is the most common leak of Go services.
//
//	func (w *Watcher) Start() {
//		go w.loop() // never finishes
//	}
//
//	func (w *Watcher) loop() {
//		t := time.NewTicker(time.Second)
//		for range t.C { // a ticker's channel is never closed
//			w.poll()
//		}
//	}
//
// The fix is a cancellation path: a select on ctx.Done() (or on a done
// channel that Stop closes) that returns.
//
//	func (w *Watcher) loop(ctx context.Context) {
//		t := time.NewTicker(time.Second)
//		defer t.Stop()
//		for {
//			select {
//			case <-ctx.Done():
//				return
//			case <-t.C:
//				w.poll()
//			}
//		}
//	}
//
// goleak works on SSA. For each go statement whose function it can see (a
// literal, a function or method of this package, or one of another package
// through facts), it reports when no path through the goroutine reaches a
// return, a panic, runtime.Goexit or a process exit: a loop with no exit; a
// range or receive loop over a ticker's channel or over a channel made here
// that nothing closes; a receive from a channel that nothing sends to or
// closes; a send on an unbuffered channel that nothing receives from; a
// select whose cases all block forever. It stays silent as soon as a
// channel escapes to code it cannot see (a field, a global, an interface, an
// unknown function), so a select on ctx.Done() or on any done channel that
// something else may close is a cancellation path.
//
// Over the package's index of channel operations it also reports channels
// kept in fields that nothing feeds, buffered channels sent to more times
// than they hold, a goroutine that waits for itself, and two goroutines,
// or a goroutine and its spawner, that wait on each other from their first
// operation.
//
// A goroutine started once (not in a loop) by a function that never returns
// after starting it lives as long as that function, by design, and is not
// reported.
//
// Goroutines started by code that runs once per process live as long as
// the process and are deliberate: main and init of a command and the
// helpers they reach once, init of any other package, the function passed to a package-level
// sync.Once's Do, a function behind a package-level started flag. They are
// not reported; -goleak.main reports those of commands.
package goleak
