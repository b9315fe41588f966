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
