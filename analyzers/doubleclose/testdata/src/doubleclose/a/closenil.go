package a

// A forwarding loop closes its output when its input closes, then sets the
// input to nil, which disables that case for good: the close runs once.
func forwardClosed(in <-chan int, errs <-chan error, out chan<- int) {
	for in != nil || errs != nil {
		select {
		case v, ok := <-in:
			if !ok {
				close(out)
				in = nil
				continue
			}
			out <- v
		case _, ok := <-errs:
			if !ok {
				errs = nil
			}
		}
	}
}

// The same without disabling the case: a closed input is chosen again and
// again, and the second close panics.
func forwardTwice(in <-chan int, out chan<- int) {
	for {
		select {
		case v, ok := <-in:
			if !ok {
				close(out) // want `close\(out\) can run on more than one iteration of the loop`
				continue
			}
			out <- v
		}
	}
}
