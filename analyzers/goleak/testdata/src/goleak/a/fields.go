package a

import "context"

// A goroutine started on a method that waits on a field channel nothing in
// the package ever sends on or closes.
type watcher struct {
	events chan int
	acks   chan int
	out    chan int
}

func newWatcher() *watcher {
	w := &watcher{events: make(chan int), acks: make(chan int), out: make(chan int)}
	go w.loop()
	go w.report()
	return w
}

func (w *watcher) loop() {
	for {
		ev, ok := <-w.events // want `goroutine blocks here forever: nothing in the package sends on or closes watcher.events`
		if !ok {
			return
		}
		w.acks <- ev
	}
}

func (w *watcher) report() {
	w.out <- 1 // want `goroutine blocks here forever: nothing in the package receives from watcher.out, an unbuffered channel`
}

func (w *watcher) ack() int { return <-w.acks }

// ---- negatives ----

// Something sends: the receive can be satisfied.
type fed struct{ in chan int }

func newFed() *fed {
	f := &fed{in: make(chan int)}
	go func() {
		for v := range f.in {
			_ = v
		}
	}()
	return f
}

func (f *fed) put(v int) { f.in <- v }

// An exported field: other packages may send.
type Public struct{ In chan int }

func (p *Public) Start() {
	go func() { <-p.In }()
}

// Assigned from a parameter: its senders are elsewhere.
type adopted struct{ in chan int }

func adopt(in chan int) *adopted { // want adopt:`goroutine param\(0\):s0,r0,c0,etrue`
	a := &adopted{in: in}
	go func() { <-a.in }()
	return a
}

// A select with a way out.
type cancellable struct{ in chan int }

func (c *cancellable) start(ctx context.Context) {
	c.in = make(chan int)
	go func() {
		select {
		case <-c.in:
		case <-ctx.Done():
		}
	}()
}

// A buffered field channel that nothing receives from, sent on by more
// goroutines than it holds.
type results struct{ done chan struct{} }

func fanOut(n int) *results {
	r := &results{done: make(chan struct{}, 1)}
	for i := 0; i < n; i++ {
		go func() {
			r.done <- struct{}{} // want `nothing in the package receives from results.done, and more sends run than its buffer of 1 holds`
		}()
	}
	return r
}

// Two sends, a buffer of one: the second blocks, and it is the one
// reported (one goroutine, one finding).
type pair struct{ ch chan int }

func twoSends() *pair {
	p := &pair{ch: make(chan int, 1)}
	go func() {
		p.ch <- 1
		p.ch <- 2 // want `nothing in the package receives from pair.ch, and more sends run than its buffer of 1 holds`
	}()
	return p
}

// A goroutine that sends on a channel only it receives from.
func selfSend() {
	ch := make(chan int)
	go func() {
		ch <- 1 // want `the only receives from ch are made later by this same goroutine, which waits for itself`
		<-ch
	}()
}

// ---- negatives ----

// One send, a buffer of one: it completes.
type single struct{ done chan struct{} }

func once1() *single {
	s := &single{done: make(chan struct{}, 1)}
	go func() { s.done <- struct{}{} }()
	return s
}

// Another goroutine receives: no self-wait.
func pingPong() {
	ch := make(chan int)
	go func() {
		ch <- 1
		<-ch
	}()
	go func() {
		v := <-ch
		ch <- v
	}()
}

// Receive-only channels set by an unkeyed literal from a function that
// made them elsewhere (another package, which closes them).
type sshServer struct {
	conn     int
	newChans <-chan int
	reqs     <-chan int
}

func serveConn(newConn func() (int, <-chan int, <-chan int)) {
	c, chans, reqs := newConn()
	s := &sshServer{c, chans, reqs}
	go func() {
		for ch := range s.newChans {
			_ = ch
		}
	}()
	go func() { <-s.reqs }()
}
