package a

import (
	"errors"
	"sync"
	"sync/atomic"
)

type Task int

func do(t Task) int { return int(t) }

// Every worker closes the shared out.
func fanInWrong(in chan Task, n int) chan int {
	out := make(chan int)
	for i := 0; i < n; i++ {
		go func() {
			for t := range in {
				out <- do(t)
			}
			close(out) // want `every goroutine started by the loop at line 17 closes out, and the second close panics; close it once, after all of them are done \(wg.Wait\(\); close\(out\)\)$`
		}()
	}
	return out
}

// A named worker started in a loop closes its parameter.
func worker(in chan Task, out chan int) {
	for t := range in {
		out <- do(t)
	}
	close(out) // want `every goroutine started by the loop at line 37 closes out`
}

func startWorkers(in chan Task, out chan int) {
	for i := 0; i < 4; i++ {
		go worker(in, out)
	}
}

// A close inside a loop body that goes on.
func closeInLoop(ch chan int, xs []int) {
	for _, x := range xs {
		if x > 0 {
			close(ch) // want `close\(ch\) can run on more than one iteration of the loop, and the second close panics; close it once, after the loop$`
		}
	}
}

// A deferred close in a loop.
func deferInLoop(chs chan int, n int) {
	for i := 0; i < n; i++ {
		defer close(chs) // want `defer close\(chs\) in a loop closes chs once per iteration when the function returns`
	}
}

// An explicit close plus a deferred one.
func explicitAndDeferred(ch chan int) error {
	defer close(ch)
	if err := work(); err != nil {
		close(ch) // want `ch is also closed by a deferred close at line 59, and the second close panics; close it in one place, or guard the closes with a sync.Once$`
		return err
	}
	return nil
}

func work() error { return errors.New("x") }

// Two explicit closes on one path.
func twice(ch chan int) {
	close(ch)
	work()
	close(ch) // want `ch is also closed at line 71`
}

// Two goroutines both close the same channel.
func twoGoroutines() chan struct{} {
	done := make(chan struct{})
	go func() { close(done) }()
	go func() {
		work()
		close(done) // want `done is also closed by the goroutine started at line 79`
	}()
	return done
}

// A send after a close.
func sendAfterClose(ch chan int) {
	close(ch)
	ch <- 1 // want `send on ch after close\(ch\) at line 89 panics; send before closing, or stop sending once it is closed$`
}

// Two methods of one type close the same field, neither guarded.
type conn struct {
	done chan struct{}
}

func (c *conn) Close() {
	close(c.done)
}

func (c *conn) fail() {
	close(c.done) // want `c.done is also closed by Close at line 99`
}

// Negatives.

// The loop returns right after closing.
func closeAndReturn(ch chan int, xs []int) {
	for _, x := range xs {
		if x < 0 {
			close(ch)
			return
		}
	}
}

// The loop breaks after closing.
func closeAndBreak(ch chan int, xs []int) {
	for _, x := range xs {
		if x < 0 {
			close(ch)
			break
		}
	}
}

// A channel made on each iteration.
func perIteration(n int) {
	for i := 0; i < n; i++ {
		ch := make(chan int, 1)
		ch <- i
		close(ch)
	}
}

// A goroutine per iteration closing its own channel.
func perGoroutine(n int) []chan int {
	var chs []chan int
	for i := 0; i < n; i++ {
		ch := make(chan int)
		chs = append(chs, ch)
		go func() { close(ch) }()
	}
	return chs
}

// The closes are on branches that exclude each other.
func exclusive(ch chan int, ok bool) {
	if ok {
		close(ch)
	} else {
		close(ch)
	}
}

// A boolean guard.
func flagGuard(ch chan int, xs []int) {
	closed := false
	for _, x := range xs {
		if x < 0 && !closed {
			close(ch)
			closed = true
		}
	}
}

// A sync.Once.
type once struct {
	once sync.Once
	done chan struct{}
}

func (o *once) Close()  { o.once.Do(func() { close(o.done) }) }
func (o *once) fail()   { o.once.Do(func() { close(o.done) }) }
func (o *once) finish() { o.once.Do(func() { close(o.done) }) }

// A select-guarded close.
type guarded struct {
	done chan struct{}
}

func (g *guarded) Close() {
	select {
	case <-g.done:
	default:
		close(g.done)
	}
}

func (g *guarded) Stop() {
	select {
	case <-g.done:
		return
	default:
	}
	close(g.done)
}

// An atomic guard.
type atomicGuard struct {
	closed atomic.Bool
	done   chan struct{}
}

func (a *atomicGuard) Close() {
	if a.closed.CompareAndSwap(false, true) {
		close(a.done)
	}
}

func (a *atomicGuard) fail() {
	if a.closed.CompareAndSwap(false, true) {
		close(a.done)
	}
}

// A field guarded by a mutex and a state flag.
type locked struct {
	mu     sync.Mutex
	closed bool
	done   chan struct{}
}

func (l *locked) Close() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return
	}
	l.closed = true
	close(l.done)
}

func (l *locked) fail() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.closed {
		l.closed = true
		close(l.done)
	}
}

// Close, then make a new channel: the field is reset, each close is of a
// different channel.
type resetting struct {
	ch chan struct{}
}

func (r *resetting) reset() {
	close(r.ch)
	r.ch = make(chan struct{})
}

func (r *resetting) Close() {
	close(r.ch)
}

func resetLoop(n int) {
	ch := make(chan int)
	for i := 0; i < n; i++ {
		close(ch)
		ch = make(chan int)
	}
}

// A variable set to nil after close is not closed again.
func nilAfterClose(ch chan int, xs []int) {
	for _, x := range xs {
		if x < 0 && ch != nil {
			close(ch)
			ch = nil
		}
	}
}

// A send before the close.
func sendThenClose(ch chan int) {
	ch <- 1
	close(ch)
}

// One goroutine closes, one Close method: the owner's shutdown.
type server struct {
	quit chan struct{}
}

func (s *server) Close() { close(s.quit) }

// Shapes from real code.

// grpc's testutils.Hold: two exported methods that close, documented as
// alternatives ("Either Resume or Fail must be called at most once").
type hold struct {
	blockCh chan error
}

func (h *hold) Resume() {
	h.blockCh <- nil
	close(h.blockCh)
}

func (h *hold) Fail(err error) {
	h.blockCh <- err
	close(h.blockCh)
}

// grpc's goaway_test: a close in a loop branch that goes on reading; the
// next iteration may send on, or close, the closed channel. Reported once,
// at the close.
func readLoop(errCh chan error, read func() (int, error)) {
	for {
		f, err := read()
		if err != nil {
			errCh <- err
			return
		}
		switch f {
		case 0:
			return
		default:
			errCh <- errors.New("unexpected")
			close(errCh) // want `close\(errCh\) can run on more than one iteration of the loop`
		}
	}
}

// nats-server's jetstream_test: the writer goroutine defers close(stop);
// on timeout the test closes stop too, and the writer's deferred close
// panics when it finishes.
func timeoutClose(timeout chan struct{}, update func() error) {
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(stop)
		for i := 0; i < 200; i++ {
			if update() != nil {
				return
			}
		}
	}()
	select {
	case <-stop:
	case <-timeout:
		close(stop) // want `stop is also closed by the goroutine started at line \d+`
	}
}

// Closing every channel of a collection: each iteration closes another one.
type sub struct{ ch chan int }

func closeAllSlice(subs []*sub) {
	for _, s := range subs {
		close(s.ch)
	}
}

func closeAllMap(m map[string]chan int) {
	for k, ch := range m {
		close(ch)
		delete(m, k)
	}
}

// A comma-ok receive checks that the channel is still open.
func closeIfOpen(ch chan int, xs []int) {
	for range xs {
		if _, ok := <-ch; ok {
			close(ch)
		}
	}
}

// Closed on the first iteration of a counting loop only (prometheus's tests).
func firstOfCounter(n int) {
	started := make(chan struct{})
	go func() { <-started }()
	for i := range n {
		if i == 0 {
			close(started)
		}
	}
}

func firstOfIter(stop <-chan struct{}) {
	first := make(chan struct{})
	go func() { <-first }()
	iter := 0
	for {
		if iter == 0 {
			close(first)
		}
		iter++
		select {
		case <-stop:
			return
		default:
		}
	}
}
