package chanfields

// The channels made here are sent to, closed or escape where SSA sees it,
// so no receive from them waits forever in goleak's summaries.

var started chan struct{}

// Start waits for a worker that signals on a channel it is passed, as the
// runtime starts its mark workers.
func Start() {
	ready := make(chan struct{}, 1)
	go work(ready)
	<-ready
}

func work(ready chan struct{}) {
	ready <- struct{}{}
}

// Run waits for a goroutine that closes the channel it captures.
func Run() {
	done := make(chan struct{})
	go func() {
		defer close(done)
	}()
	<-done
}

// Publish stores its channel in a package variable: others may send.
func Publish() {
	c := make(chan struct{})
	started = c
	<-c
}

// Queue sends on a buffered channel nobody receives from.
func Queue() {
	q := make(chan int, 1)
	q <- 1
}
