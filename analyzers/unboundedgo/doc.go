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
// unboundedgo reports only input whose size someone outside the program
// decides: in an HTTP handler, a range over values from the request (its
// form, query or headers, or a variable decoded from its body); the lines
// of a bufio.Scanner; and a loop that starts one goroutine per message it
// reads from a net.Conn, a json or gob decoder, or a gRPC stream. Loops over
// other slices, maps and channels — configuration lists, cluster members,
// topics, a few fixed functions — are small by construction or long-lived by
// design, and are not reported.
//
// It stays silent when something bounds the goroutines: a channel send or
// an Acquire/TryAcquire/Take before the go statement, a Wait in the loop
// (batches), SetLimit in the function (errgroup), or any method called on
// a value before the go statement whose other method the goroutine calls
// (a throttle's Do and Done; a WaitGroup's Add and Done do not count). It
// skips _test.go files unless -unboundedgo.tests is set, and the accept
// loop of a server (for { c, _ := l.Accept(); go handle(c) }) unless
// -unboundedgo.accept is set. It is off by default: on fresh code it
// reported nothing, so its precision is unmeasured.
package unboundedgo
