package a

import (
	"context"
	"sync"
	"time"
)

func poll() {}

// Positives.

func tickerForever() {
	t := time.NewTicker(time.Second)
	go func() { // want `goroutine never finishes: the loop at a.go:\d+ receives until C, a timer or ticker channel, which is never closed; give it a cancellation path`
		for range t.C {
			poll()
		}
	}()
}

func tick() {
	go func() { // want `goroutine never finishes: the loop at a.go:\d+ receives until Tick\(\), a timer`
		for range time.Tick(time.Second) {
			poll()
		}
	}()
}

func selectNoDone(in <-chan int) { // want selectNoDone:"goroutine param\\(0\\):s0,r1,c0,efalse"
	go func() { // want `goroutine never finishes: the for loop at a.go:\d+ has no exit`
		for {
			select {
			case v := <-in:
				_ = v
			case <-time.After(time.Second):
				poll()
			}
		}
	}()
}

func sleepLoop() {
	go func() { // want `goroutine never finishes: the for loop at a.go:\d+ has no exit`
		for {
			time.Sleep(time.Second)
			poll()
		}
	}()
}

func neverClosed(items []int) {
	ch := make(chan int)
	go func() { // want `the loop at a.go:\d+ receives until ch, which nothing closes`
		for v := range ch {
			_ = v
		}
	}()
	for _, it := range items {
		ch <- it
	}
}

func doneNeverClosed() {
	done := make(chan struct{})
	t := time.NewTicker(time.Second)
	go func() { // want `goroutine never finishes: the for loop at a.go:\d+ has no exit`
		for {
			select {
			case <-done: // nothing closes done
				return
			case <-t.C:
				poll()
			}
		}
	}()
}

func waitForever() {
	stop := make(chan struct{})
	go func() { // want `the receive at a.go:\d+ blocks forever, since nothing sends to or closes stop`
		<-stop
		poll()
	}()
}

func sendNobody() int {
	res := make(chan int)
	go func() { // want `the send at a.go:\d+ blocks forever, since nothing receives from res`
		res <- 1
	}()
	return 0
}

type server struct {
	in   chan int
	quit chan struct{}
}

func (s *server) loop() { // want loop:"goroutine never"
	for {
		v := <-s.in
		_ = v
	}
}

func (s *server) Start() {
	go s.loop() // want `goroutine never finishes: the for loop at a.go:\d+ has no exit`
}

func (s *server) run() { // want run:"goroutine never"
	poll()
	s.loop()
}

func (s *server) Start2() {
	go s.run() // want `it calls loop at a.go:\d+, which never returns \(the for loop at a.go:\d+ has no exit\)`
}

func worker(jobs <-chan int) { // want worker:"goroutine ranges\\(0\\) param\\(0\\):s0,r1,c0,efalse"
	for j := range jobs {
		_ = j
	}
}

func workerNeverClosed() {
	jobs := make(chan int)
	go worker(jobs) // want `the loop at a.go:\d+ receives until jobs, which nothing closes`
	jobs <- 1
}

func emptySelect() {
	go func() { // want `the empty select at a.go:\d+ blocks forever`
		select {}
	}()
}

// Negatives.

func tickerWithCtx(ctx context.Context) {
	t := time.NewTicker(time.Second)
	go func() {
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				poll()
			}
		}
	}()
}

func (s *server) loopQuit() {
	for {
		select {
		case <-s.quit:
			return
		case v := <-s.in:
			_ = v
		}
	}
}

func (s *server) StartQuit() { go s.loopQuit() }

func rangeField(s *server) {
	go func() {
		for v := range s.in { // s.in may be closed by anyone holding s
			_ = v
		}
	}()
}

func doneClosed() func() {
	done := make(chan struct{})
	t := time.NewTicker(time.Second)
	go func() {
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				poll()
			}
		}
	}()
	return func() { close(done) }
}

func workerClosed(items []int) {
	jobs := make(chan int)
	go worker(jobs)
	for _, it := range items {
		jobs <- it
	}
	close(jobs)
}

func escapes(register func(chan int)) {
	ch := make(chan int)
	register(ch) // someone else may close ch
	go func() {
		for v := range ch {
			_ = v
		}
	}()
}

func storedInField(s *server) {
	ch := make(chan int)
	s.in = ch
	go func() {
		for v := range ch {
			_ = v
		}
	}()
}

func breakOut(in <-chan int) { // want breakOut:"goroutine param\\(0\\):s0,r1,c0,efalse"
	go func() {
		for {
			v := <-in
			if v < 0 {
				break
			}
		}
		poll()
	}()
}

func conditionalStop(stop chan struct{}) { // want conditionalStop:"goroutine param\\(0\\):s0,r1,c0,efalse"
	go func() {
		<-stop // a parameter: the caller may close it
	}()
}

func fatal(in <-chan int) { // want fatal:"goroutine param\\(0\\):s0,r1,c0,efalse"
	go func() {
		for {
			if v := <-in; v < 0 {
				panic("negative")
			}
		}
	}()
}

func received() int {
	res := make(chan int)
	go func() { res <- 1 }()
	return <-res
}

func waitGroupCloser(n int) {
	var wg sync.WaitGroup
	out := make(chan int)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out <- i
		}()
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	for range out {
	}
}

func reassigned(other chan int) { // want reassigned:"goroutine param\\(0\\):s0,r1,c0,etrue"
	ch := make(chan int)
	if other != nil {
		ch = other // ch may be a channel the caller closes
	}
	go func() {
		for range ch {
		}
	}()
}
