package a

// A non-blocking drain whose default ends the loop through its condition.
func drainAll(sem chan struct{}) int {
	n := 0
	done := false
	for !done {
		select {
		case <-sem:
			n++
		default:
			done = true
		}
	}
	return n
}

// A non-blocking fill whose default ends the loop through its condition.
func fill(ch chan int) {
	full := false
	for i := 0; !full; i++ {
		select {
		case ch <- i:
		default:
			full = true
		}
	}
}

// A default that re-reads shared state spins until it changes.
func spinUntil(sem chan struct{}, stop *bool) {
	done := false
	for !done {
		select {
		case <-sem:
		default: // want `this default branch neither blocks, sleeps nor leaves the loop`
			done = *stop
		}
	}
}
