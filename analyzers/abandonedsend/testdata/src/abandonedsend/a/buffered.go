package a

// A buffer of 1 and one receive take two sends: the third blocks.
func tripleSend() int {
	ch := make(chan int, 1)
	go func() {
		ch <- 1
		ch <- 2
		ch <- 3 // want `send on channel ch blocks forever: the goroutine sends 3 times, the buffer holds 1 and the spawner receives only once`
	}()
	return <-ch
}

// ---- negatives ----

// The buffer and the receive take both sends.
func bufferedPair() int {
	ch := make(chan int, 1)
	go func() {
		ch <- 1
		ch <- 2
	}()
	return <-ch
}

// A receive loop takes what is sent.
func bufferedDrain() (n int) {
	ch := make(chan int, 1)
	go func() {
		ch <- 1
		ch <- 2
		ch <- 3
		close(ch)
	}()
	for v := range ch {
		n += v
	}
	return n
}

// A capacity the analysis cannot count.
func bufferedBySize(size int) int {
	ch := make(chan int, size)
	go func() {
		ch <- 1
		ch <- 2
		ch <- 3
	}()
	return <-ch
}

// The sends are on different branches: at most two run.
func bufferedBranches(ok bool) int {
	ch := make(chan int, 1)
	go func() {
		ch <- 1
		if ok {
			ch <- 2
			return
		}
		ch <- 3
	}()
	return <-ch
}

// One goroutine sends in a loop; the receive loop returns at the first
// match, and the rest of the sends block.
func produceAll(out chan<- int) {
	for i := 0; i < 10; i++ {
		out <- i
	}
	close(out)
}

func firstAbove(n int) int {
	ch := make(chan int)
	go produceAll(ch) // want `send on unbuffered channel ch blocks forever when the receive loop at buffered.go:\d+ can return early, leaving the goroutine's remaining sends blocked`
	for v := range ch {
		if v > n {
			return v
		}
	}
	return -1
}

// ---- negatives ----

// The producer gives up when the consumer says so.
func produceUntil(out chan<- int, done <-chan struct{}) {
	for i := 0; i < 10; i++ {
		select {
		case out <- i:
		case <-done:
			return
		}
	}
	close(out)
}

func firstAboveDone(n int) int {
	ch := make(chan int)
	done := make(chan struct{})
	defer close(done)
	go produceUntil(ch, done)
	for v := range ch {
		if v > n {
			return v
		}
	}
	return -1
}

// The receive loop runs to the end.
func sumAll() (n int) {
	ch := make(chan int)
	go produceAll(ch)
	for v := range ch {
		n += v
	}
	return n
}
