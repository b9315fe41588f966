package a

import "sync"

// Shapes that real code writes and that are not a race between Add and Wait.

type request struct{ done chan struct{} }

// An Add in the goroutine, ordered before Wait by an unbuffered handoff: the
// spawner's send completes only when the loop has received, which is after
// its Add, and the spawner reaches Wait only after that send.
type handoffWorker struct {
	wg    sync.WaitGroup
	reqch chan request
}

func (w *handoffWorker) loop() { // want loop:`wgops -1.wg:add,done`
	w.wg.Add(1)
	defer w.wg.Done()
	for r := range w.reqch {
		close(r.done)
	}
}

func (w *handoffWorker) Run() { // want Run:`wgops -1.wg:wait`
	go w.loop()
	r := request{done: make(chan struct{})}
	w.reqch <- r
	<-r.done
	close(w.reqch)
	w.wg.Wait()
}

// The same handoff with the Wait deferred at the top.
func (w *handoffWorker) RunDeferred() { // want RunDeferred:`wgops -1.wg:wait`
	defer w.wg.Wait()
	defer close(w.reqch)
	go w.loop()
	w.reqch <- request{done: make(chan struct{})}
}

// A per-object WaitGroup used as a completion latch: the API adds to
// b.done, hands b to a handoffWorker that calls Done, and the same caller waits on
// b.done later. It does not count the goroutine that adds.
type batch struct {
	done  sync.WaitGroup
	items []int
}

type flusher struct{ batches chan *batch }

func (f *flusher) submit(b *batch) { // want submit:`wgops 0.done:add`
	b.done.Add(1)
	f.batches <- b
}

func (f *flusher) work() {
	for b := range f.batches {
		b.done.Done()
	}
}

func (f *flusher) Flush(items []int) {
	go f.work()
	go func() {
		b := &batch{items: items}
		f.submit(b)
		b.done.Wait()
	}()
}

// A buffered channel orders nothing: the send completes before the loop
// has received, and Wait may run before the loop's Add.
type bufferedWorker struct {
	wg    sync.WaitGroup
	reqch chan request
}

func newBufferedWorker() *bufferedWorker {
	return &bufferedWorker{reqch: make(chan request, 8)}
}

func (w *bufferedWorker) loop() { // want loop:`wgops -1.wg:add,done`
	w.wg.Add(1) // want `loop is started with go: w.wg.Add runs on the goroutine it counts`
	defer w.wg.Done()
	for r := range w.reqch {
		close(r.done)
	}
}

func (w *bufferedWorker) Run() { // want Run:`wgops -1.wg:wait`
	go w.loop() // reported once, at the Add in loop
	w.reqch <- request{done: make(chan struct{})}
	close(w.reqch)
	w.wg.Wait()
}

// An Add paired with its own go in a callee counts that worker; the
// goroutines that call it are joined before anything reaches m.wg.Wait:
// their own WaitGroup, or a done channel closed with defer.
type manager struct{ wg sync.WaitGroup }

func (m *manager) track() { // want track:`wgops -1.wg:add`
	m.wg.Add(1)
	go m.worker()
}

func (m *manager) worker() { defer m.wg.Done() } // want worker:`wgops -1.wg:done`

func (m *manager) close() { m.wg.Wait() } // want close:`wgops -1.wg:wait`

func joined(m *manager) { // want joined:`wgops 0.wg:wait`
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m.track()
		}()
	}
	wg.Wait()
	m.close()
}

func joinedByClose(m *manager) { // want joinedByClose:`wgops 0.wg:wait`
	done := make(chan struct{})
	go func() {
		defer close(done)
		m.track()
	}()
	<-done
	m.close()
}

// Not joined: the close may run while the goroutine is still adding.
func notJoined(m *manager) { // want notJoined:`wgops 0.wg:wait`
	go func() {
		m.track() // want `track calls m.wg.Add on the new goroutine`
	}()
	m.close()
}

// The goroutine started by the constructor adds to the WaitGroup; Close
// receives from a channel the goroutine closes when it ends, before it
// waits: every Add happened before the Wait.
type joinServer struct {
	in      chan int
	stop    chan struct{}
	running chan struct{}
	wg      sync.WaitGroup
}

func newJoinServer() *joinServer {
	s := &joinServer{in: make(chan int), stop: make(chan struct{}), running: make(chan struct{})}
	go s.run()
	return s
}

func (s *joinServer) run() { // want run:`wgops -1.wg:add`
	defer close(s.running)
	for {
		select {
		case <-s.stop:
			return
		case p := <-s.in:
			s.wg.Add(1)
			go func() {
				defer s.wg.Done()
				_ = p
			}()
		}
	}
}

func (s *joinServer) Close() { // want Close:`wgops -1.wg:wait`
	close(s.stop)
	<-s.running
	s.wg.Wait()
}
