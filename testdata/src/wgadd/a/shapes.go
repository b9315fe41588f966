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
	w.wg.Add(1)
	defer w.wg.Done()
	for r := range w.reqch {
		close(r.done)
	}
}

func (w *bufferedWorker) Run() { // want Run:`wgops -1.wg:wait`
	go w.loop() // want `loop calls w.wg.Add on the new goroutine`
	w.reqch <- request{done: make(chan struct{})}
	close(w.reqch)
	w.wg.Wait()
}
