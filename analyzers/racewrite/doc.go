// Package racewrite defines an Analyzer that reports storage written by
// one goroutine and read or written by another, with no lock held and
// nothing ordering the two: a data race visible in the code, before any
// test runs the interleaving.
//
// # Analyzer racewrite
//
// racewrite: report a variable, map or field that goroutines write with no lock and nothing ordering the accesses
//
// The race detector finds a race only when a test runs it. The most common
// Go races are visible in the code:
//
//	var results []string
//	for _, u := range urls {
//		wg.Add(1)
//		go func() {
//			defer wg.Done()
//			r, _ := fetch(u)
//			results = append(results, r) // every goroutine of the loop writes results
//		}()
//	}
//	wg.Wait()
//
// racewrite follows each function literal started on a goroutine (a go
// statement, errgroup's Go and TryGo, sync.WaitGroup's Go) and the
// variables it shares with the function that starts it, and reports:
//
//   - a write (assignment, increment, append assigned back, a map store or
//     delete) made by every goroutine a loop starts, to a variable declared
//     outside the loop;
//   - a write by the goroutine and an access by its spawner, or an access
//     by the goroutine and a write by its spawner, after the go statement
//     and before anything that may wait for the goroutine;
//   - a write by one goroutine and an access by another started after it.
//
// A pair is ordered, and stays silent, when one side may acquire (receive,
// Wait, Lock, an atomic operation, a call handed a channel or a sync
// value, a standard-library call such as io.Copy handed a stream whose
// Read or WriteTo waits: a pipe, a decoder of the package) after the
// other may release (send, close, Done, Unlock, an atomic
// operation, returning from an errgroup function) — or when either side
// holds a mutex on every path. The fix is a mutex around both accesses, a
// slot per goroutine (results[i] = r), a channel to the spawner, or
// sync/atomic.
//
// For goroutines of a loop that all write a local variable of the
// spawner, the suggested fix declares a mutex right after the variable and
// holds it around each statement of the goroutine that touches it, when
// that is the whole change: each access is a statement of its own, and the
// spawner does not touch the variable inside the loop.
//
// racewrite stays silent where it cannot see: storage reached through a
// pointer handed over (&x to a call, which may be atomic), slice elements
// (each goroutine may own its index), function literals passed to other
// calls (sync.Once.Do runs one), goroutines running named functions, loop
// variables (per iteration from Go 1.22), calls into other modules that may
// synchronize between the two accesses, and loops that receive, select or
// wait between one goroutine and the next.
package racewrite
