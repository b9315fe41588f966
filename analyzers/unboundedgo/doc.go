// Package unboundedgo defines an Analyzer that reports a goroutine started
// per item of input of unknown size with nothing bounding how many run.
//
// # Analyzer unboundedgo
//
// unboundedgo: report one goroutine per item of unbounded input with no limit on concurrency
//
// A go statement in a loop over a slice, map, channel or iterator of unknown
// size, or over the lines of a scanner, starts as many goroutines as there
// are items: a large input exhausts memory, file descriptors or the service
// the goroutines call.
//
//	for _, u := range urls {
//		go fetch(u) // one goroutine per URL, however many there are
//	}
//
// The fix is a bound: a semaphore acquired before the go statement, a
// worker pool, or an errgroup with SetLimit.
//
//	sem := make(chan struct{}, 8)
//	for _, u := range urls {
//		sem <- struct{}{}
//		go func() {
//			defer func() { <-sem }()
//			fetch(u)
//		}()
//	}
//
// unboundedgo stays silent for loops over a literal list, over an integer
// or with a three-clause header (a worker pool of a configured size), and
// when the loop body sends on a channel or calls Acquire before the go
// statement, calls Wait (batches), or the function calls SetLimit. It skips
// _test.go files unless -unboundedgo.tests is set, and the accept loop of a
// server (for { c, _ := l.Accept(); go handle(c) }) unless
// -unboundedgo.accept is set. It is off by default: most goroutines per item
// on real code range over inputs that are small by construction (peers of
// a cluster, addresses to resolve).
package unboundedgo
