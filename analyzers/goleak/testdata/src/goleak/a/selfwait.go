package a

// The goroutine's send has, as its only partner, the receive at the top of
// its own loop: it cannot get back there until the send completes.
func countdown() int {
	ch := make(chan int)
	res := make(chan int, 1)
	go func() {
		for {
			v := <-ch
			if v == 0 {
				res <- 0
				return
			}
			ch <- v - 1 // want `goroutine blocks here forever: the only receives from ch are made later by this same goroutine, which waits for itself`
		}
	}()
	ch <- 3
	return <-res
}

// ---- negative ----

// Two goroutines run the loop: one receives what the other sends.
func countdownPair() int {
	ch := make(chan int)
	res := make(chan int, 2)
	for range 2 {
		go func() {
			for {
				v := <-ch
				if v == 0 {
					res <- 0
					return
				}
				ch <- v - 1
			}
		}()
	}
	ch <- 3
	return <-res
}
