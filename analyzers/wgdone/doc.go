// Package wgdone defines an Analyzer that reports goroutines counted by a
// sync.WaitGroup that can finish without calling Done exactly once.
//
// # Analyzer wgdone
//
// wgdone: report a WaitGroup.Done that some path of the goroutine skips or repeats
//
// A goroutine counted by wg.Add must call wg.Done exactly once, whatever
// path it takes. A Done that is skipped makes wg.Wait block forever (a
// deadlock, or a leaked goroutine stuck in Wait); a Done called twice makes
// the counter negative, which panics.
//
//	wg.Add(1)
//	go func() {
//		if err := step(); err != nil {
//			return // wg.Done is skipped: wg.Wait blocks forever
//		}
//		finish()
//		wg.Done()
//	}()
//
// The fix, as the checklist says, is to defer the Done first thing:
//
//	go func() {
//		defer wg.Done()
//		...
//	}()
//
// wgdone follows every path through the goroutine's control-flow graph,
// including early returns, break and continue, select and switch
// branches, and calls that end the goroutine without ending the process
// (runtime.Goexit, t.FailNow, t.Fatal, t.Skip). It reports:
//
//   - a Done that some path to the goroutine's end skips;
//   - a Done that some path calls twice, or a Done that is also deferred;
//     a deferred Done counts where its defer statement is, so a direct
//     Done on an early return before `defer wg.Done()` is that path's
//     only Done (silent), while a return before the defer that calls no
//     Done is a skip;
//   - a function that adds to a local WaitGroup, starts goroutines and
//     waits, while nothing ever calls Done on it: the Wait never returns.
//
// It checks go func literals and the named functions and methods of the
// package started with go. It stays silent when the goroutine also adds to
// or waits on the WaitGroup (it manages the count itself), when Done is
// inside a loop (the WaitGroup counts items, not the goroutine), and when
// the WaitGroup is handed to another function, a nested goroutine or a
// function literal that the goroutine does not call on the spot: the
// analysis cannot see what those do with the count.
//
// When the only Done is the goroutine's last statement and nothing else in
// it is deferred, the suggested fix replaces it by a defer wg.Done() at the
// start of the goroutine.
//
// It also reports a goroutine that waits on the WaitGroup that counts it,
// with its own Done deferred or after the Wait: it waits for itself —
// directly, or through a function of the package that waits on its
// receiver's or a parameter's WaitGroup as a top-level statement (r.Wait()
// where Wait is r.wg.Wait()), named at the call through the variable whose
// Done the goroutine calls.
package wgdone
