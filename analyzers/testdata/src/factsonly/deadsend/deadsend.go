// Package deadsend receives from channels whose only send or close is
// code that no path reaches. SSA drops that code, so goleak's summaries
// say these functions never return; its cheap test must not count those
// sends either, and must let the package through.
package deadsend

// Wait's send comes after its return.
func Wait() {
	ready := make(chan struct{})
	<-ready
	return
	ready <- struct{}{}
}

// WaitClosed's goroutine would close the channel, but is never started.
func WaitClosed() {
	done := make(chan struct{})
	<-done
	return
	go func() { close(done) }()
}

// WaitHelper hands the channel to a helper that panics before it sends.
func WaitHelper() {
	c := make(chan int)
	go send(c)
	<-c
}

func send(c chan int) {
	panic("not yet")
	c <- 1
}
