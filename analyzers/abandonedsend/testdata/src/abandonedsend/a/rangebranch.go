package a

// A range-over-int loop that receives once per sender and branches on the
// value before its counter test: the test is not in the receive's own
// block, and the loop's normal end is still not an early return. Silent.
func maxOf(work func() int) int {
	const n = 10
	ch := make(chan int)
	for range n {
		go func() {
			ch <- work()
		}()
	}
	best := 0
	for range n {
		v := <-ch
		if v > best {
			best = v
		}
	}
	return best
}

// The same loop with a return on what was received: early.
func firstNegative(work func() int) int {
	const n = 10
	ch := make(chan int)
	for range n {
		go func() {
			ch <- work() // want `send on unbuffered channel ch blocks forever when the receive loop at rangebranch.go:\d+ can return early`
		}()
	}
	best := 0
	for range n {
		v := <-ch
		if v < 0 {
			return v
		}
		if v > best {
			best = v
		}
	}
	return best
}
