package a

import "errors"

func check() error { return errors.New("x") }

// The spawner returns on an error before it receives.
func earlyReturn() (Result, error) {
	ch := make(chan Result)
	go func() {
		ch <- compute() // want `send on unbuffered channel ch blocks forever when the return at early.go:\d+ runs before any receive, leaking this goroutine; make ch with a buffer of 1`
	}()
	if err := check(); err != nil {
		return 0, err
	}
	return <-ch, nil
}

// Goroutines started in a loop, one receive: the first answer wins and the
// others block.
func firstOfN(n int) Result {
	ch := make(chan Result)
	for i := 0; i < n; i++ {
		go func() {
			ch <- compute() // want `send on unbuffered channel ch blocks forever when the loop at early.go:\d+ starts more goroutines than the spawner's one receive take`
		}()
	}
	return <-ch
}

// Two sends, one receive: the second send blocks (and only it is reported).
func doubleSend() Result {
	ch := make(chan Result)
	go func() {
		ch <- 1
		ch <- 2 // want `send on unbuffered channel ch blocks forever when the goroutine sends 2 times and the spawner receives only once`
	}()
	return <-ch
}

// ---- negatives ----

// Received before the early return.
func receiveFirst() (Result, error) {
	ch := make(chan Result)
	go func() { ch <- compute() }()
	r := <-ch
	if err := check(); err != nil {
		return 0, err
	}
	return r, nil
}

// A receive in a loop, under a condition the loop always meets: the
// paths of the graph include one that skips it, but no run takes it.
func receiveInLoop() {
	ch := make(chan struct{})
	go func() { ch <- struct{}{} }()
	for i := 0; i < 10; i++ {
		if i == 3 {
			<-ch
		}
	}
}

// A sender that sends in a loop, paced by the spawner's receives: the
// count of operations says nothing.
func paced(n int, done chan struct{}) {
	tick := make(chan struct{})
	go func() {
		for {
			select {
			case <-done:
				return
			default:
				tick <- struct{}{}
			}
		}
	}()
	for i := 0; i < n; i++ {
		<-tick
	}
}

// As many receives as sends.
func twoAndTwo() (Result, Result) {
	ch := make(chan Result)
	go func() {
		ch <- 1
		ch <- 2
	}()
	a := <-ch
	return a, <-ch
}

// A range-over-int loop receives once per goroutine: its normal end is not
// an early return (the loop tests its counter in the receive's own block).
func rangeOverInt() {
	done := make(chan bool)
	go func() { done <- true }()
	go func() { done <- true }()
	go func() { done <- true }()
	for range 3 {
		<-done
	}
}

// But a return on what was received is.
func firstErrorRangeInt(n int) error {
	errc := make(chan error)
	for range n {
		go func() {
			errc <- check() // want `send on unbuffered channel errc blocks forever when the receive loop at early.go:\d+ can return early`
		}()
	}
	for range n {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}
