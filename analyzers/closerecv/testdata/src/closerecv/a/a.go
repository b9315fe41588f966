package a

import (
	"sync"

	"closerecv/b"
)

type Job struct{ Last bool }

func handle(Job) {}

// A receiver that closes the channel it ranges over.
func consume(jobs chan Job) {
	for j := range jobs {
		if j.Last {
			close(jobs) // want `close\(jobs\) in a function that only receives from jobs: a sender that is still sending will panic; let the sender close it after its last send, or its owner once the senders are done$`
			return
		}
		handle(j)
	}
}

// A receive in a statement, then a close.
func once(ch chan int) int {
	v := <-ch
	close(ch) // want `close\(ch\) in a function that only receives from ch`
	return v
}

// A receive in a select loop.
func loop(in chan int, quit chan struct{}) {
	for {
		select {
		case v := <-in:
			if v < 0 {
				close(in) // want `close\(in\) in a function that only receives from in`
				return
			}
		case <-quit:
			return
		}
	}
}

type server struct {
	reqs chan int
	done chan struct{}
}

// A method receiving from a field and closing it.
func (s *server) serve() {
	for r := range s.reqs {
		if r == 0 {
			close(s.reqs) // want `close\(s.reqs\) in a function that only receives from s.reqs`
		}
	}
}

// A goroutine that receives from a captured channel it did not make, and
// closes it.
func capture() {
	ch := make(chan int)
	go func() {
		for v := range ch {
			if v == 9 {
				close(ch) // want `close\(ch\) in a function that only receives from ch`
				return
			}
		}
	}()
	for i := 0; i < 10; i++ {
		ch <- i
	}
}

// A helper of this package that closes its parameter.
func stop(ch chan int) { close(ch) }

func viaHelper(ch chan int) {
	<-ch
	stop(ch) // want `stop closes ch, called in a function that only receives from ch`
}

// A helper of another package, through facts.
func viaFact(ch chan int) {
	for range ch {
	}
	b.Stop(ch) // want `Stop closes ch, called in a function that only receives from ch`
}

// The receive is in the helper, the close here.
func drainThenClose(ch chan int) {
	b.Drain(ch)
	close(ch) // want `close\(ch\) in a function that only receives from ch`
}

// A method of another package that closes a field of its receiver.
func viaMethod(q *b.Queue) {
	q.Next()
	q.Shutdown() // want `Shutdown closes q.items, called in a function that only receives from q.items`
}

// A deferred close in a receiver.
func deferred(ch chan int) {
	defer close(ch) // want `close\(ch\) in a function that only receives from ch`
	for range ch {
	}
}

// Negatives.

// The function made the channel: it owns it.
func owner() {
	done := make(chan struct{})
	go func() {
		defer close(done)
	}()
	<-done
}

func ownerCloses() {
	ch := make(chan int, 1)
	ch <- 1
	<-ch
	close(ch)
}

// It also sends: a producer that reads acknowledgements.
func sendsToo(ch chan int) {
	ch <- 1
	<-ch
	close(ch)
}

// It starts a goroutine that sends.
func startsSender(ch chan int) {
	go func() { ch <- 1 }()
	<-ch
	close(ch)
}

// A helper sends on it: b.Produce both sends and closes; the caller is
// not only a receiver.
func viaProducer(ch chan int) {
	go b.Produce(ch, 3)
	for range ch {
	}
}

// The only receive checks whether the channel is already closed.
func (s *server) Close() { // want Close:"chanops -1.done:close"
	select {
	case <-s.done:
	default:
		close(s.done)
	}
}

func (s *server) Stop() { // want Stop:"chanops -1.done:close"
	select {
	case <-s.done:
		return
	default:
	}
	close(s.done)
}

// The channel is handed where the analysis cannot see.
func escapes(ch chan int) {
	b.Keep(ch)
	<-ch
	close(ch)
}

func unknown(ch chan int, f func(chan int)) {
	f(ch)
	<-ch
	close(ch)
}

// The receive runs in a goroutine, the close in the function that started
// it: the function is no receiver.
func closer(ch chan int, wg *sync.WaitGroup) {
	go func() {
		for range ch {
		}
	}()
	wg.Wait()
	close(ch)
}

// A once-guarded close in a receiver is not closerecv's business when the
// close runs in a callback: the callback neither receives nor is run here.
func (s *server) shutdown(once *sync.Once) {
	<-s.reqs
	once.Do(func() { close(s.reqs) })
}

// A chan struct{} carries no values: closing it is how it is "sent on", and
// a function that waits on it and closes it is the signal's sender (grpc's
// transport streams close s.done and s.headerChan from the methods that
// also wait on them). Double closes are doubleclose's business.
type stream struct {
	done       chan struct{}
	headerChan chan struct{}
}

func (s *stream) waitOnHeader(ctx chan struct{}) {
	select {
	case <-ctx:
		close(s.headerChan)
		<-s.headerChan
	case <-s.headerChan:
	}
}

func waitThenClose(allow chan struct{}) {
	<-allow
	close(allow)
}

// A method promoted from an embedded type closes a field of the embedded
// value.
type inner struct{ vals chan int }

func (in *inner) Stop() { close(in.vals) } // want Stop:"chanops -1.vals:close"

type outer struct{ *inner }

func (o *outer) drain() {
	<-o.vals
	o.Stop() // want `Stop closes o.inner.vals, called in a function that only receives from o.inner.vals`
}

// sarama's MockBroker.Close: the owner closes its buffered channel, then
// drains what is left to report it. The receives come after the close.
type broker struct {
	expectations chan int
}

func (b *broker) Close() { // want Close:"chanops -1.expectations:close"
	close(b.expectations)
	if len(b.expectations) > 0 {
		for e := range b.expectations {
			_ = e
		}
	}
}

func (b *broker) Returns(e int) { b.expectations <- e } // want Returns:"chanops -1.expectations:send"

// Its callers (t.Cleanup(func() { b.Close() })) are not receivers either.
func cleanup(register func(func())) {
	b := &broker{expectations: make(chan int, 8)}
	register(func() { b.Close() })
}

// A receive in a loop around the close still comes before it.
func loopRecv(ch chan int) {
	for {
		close(ch) // want `close\(ch\) in a function that only receives from ch`
		<-ch
	}
}

// A close in a deferred function literal runs at the end too.
func deferredLit(ch chan int) {
	defer func() {
		close(ch) // want `close\(ch\) in a function that only receives from ch`
	}()
	<-ch
}

// An actor that, asked to stop, closes its inbox and runs what is left
// (prometheus's WAL): its senders are stopped under the owner's lock.
type actor struct {
	inbox chan func()
	stop  chan chan struct{}
}

func (a *actor) run() {
loop:
	for {
		select {
		case f := <-a.inbox:
			f()
		case done := <-a.stop:
			close(a.inbox)
			defer close(done)
			break loop
		}
	}
	for f := range a.inbox {
		f()
	}
}

// net/http's wantConn.cancel: it takes the delivered result if there is
// one, and otherwise closes the channel so no result can come; the receive
// and the close are on different branches, and the close is guarded by done
// under the lock that the sender holds too. Silent.
type wantConn struct {
	mu     sync.Mutex
	done   bool
	result chan int
}

func (w *wantConn) cancel() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	n := 0
	if w.done {
		if r, ok := <-w.result; ok {
			n = r
		}
	} else {
		close(w.result)
	}
	w.done = true
	return n
}

// The same receive, then a close on the path after it: reported.
func (w *wantConn) cancelAfter() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	n := 0
	if w.done {
		if r, ok := <-w.result; ok {
			n = r
		}
	}
	close(w.result) // want `close\(w.result\) in a function that only receives from w.result`
	w.done = true
	return n
}

// A receive and a close on exclusive branches, with no lock to serialize
// the close with the senders: still a receiver closing. Reported.
func consumeOrQuit(ch chan int, quit chan struct{}) int {
	select {
	case v := <-ch:
		return v
	case <-quit:
		close(ch) // want `close\(ch\) in a function that only receives from ch`
		return 0
	}
}
