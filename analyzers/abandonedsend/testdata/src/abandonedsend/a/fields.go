package a

import (
	"context"
	"time"
)

// A goroutine started on a method sends on a field channel; its only
// receiver, the method that started it, gives up on ctx.Done().
type worker struct {
	resultCh chan int
}

func newWorker() *worker { return &worker{resultCh: make(chan int)} }

func (w *worker) compute() {
	w.resultCh <- 42 // want `send on unbuffered channel worker.resultCh blocks forever when its only receiver gives up`
}

func (w *worker) Run(ctx context.Context) int {
	go w.compute()
	select {
	case r := <-w.resultCh:
		return r
	case <-ctx.Done():
		return 0
	}
}

// ---- negatives ----

// A buffered field channel: the send completes whoever gives up.
type bufWorker struct{ resultCh chan int }

func newBufWorker() *bufWorker { return &bufWorker{resultCh: make(chan int, 1)} }

func (w *bufWorker) compute() { w.resultCh <- 42 }

func (w *bufWorker) Run(ctx context.Context) int {
	go w.compute()
	select {
	case r := <-w.resultCh:
		return r
	case <-ctx.Done():
		return 0
	}
}

// The receiver never gives up.
type patient struct{ resultCh chan int }

func newPatient() *patient { return &patient{resultCh: make(chan int)} }

func (p *patient) compute() { p.resultCh <- 1 }

func (p *patient) Run() int {
	go p.compute()
	return <-p.resultCh
}

// Another function also receives: whoever gives up, it may take the value.
type shared struct{ out chan int }

func newShared() *shared { return &shared{out: make(chan int)} }

func (s *shared) produce() { s.out <- 1 }

func (s *shared) Try() int {
	go s.produce()
	select {
	case v := <-s.out:
		return v
	case <-time.After(time.Second):
		return -1
	}
}

func (s *shared) Drain() int { return <-s.out }
