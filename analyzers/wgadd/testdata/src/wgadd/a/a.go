//go:build go1.24

package a

import "sync"

func work() {}

// The seed's recommended shape: Add before go, Done deferred.
func recommended(n int) {
	var wg sync.WaitGroup
	wg.Add(n)
	for i := 0; i < n; i++ {
		go func() { defer wg.Done(); work() }()
	}
	wg.Wait()
}

// The classic race, as go vet and staticcheck see it.
func first(items []int) {
	var wg sync.WaitGroup
	for range items {
		go func() {
			wg.Add(1) // want `wg.Add runs on the goroutine it counts, so wg.Wait may return before it; call wg.Add before the go statement$`
			defer wg.Done()
			work()
		}()
	}
	wg.Wait()
}

// After other statements: go vet and staticcheck miss it.
func afterOthers() {
	var wg sync.WaitGroup
	go func() {
		x := 1
		_ = x
		wg.Add(1) // want `wg.Add runs on the goroutine it counts`
		defer wg.Done()
	}()
	wg.Wait()
}

// Inside an if of the goroutine.
func nested(cond bool) {
	var wg sync.WaitGroup
	go func() {
		if cond {
			wg.Add(1) // want `wg.Add runs on the goroutine it counts`
			defer wg.Done()
		}
	}()
	wg.Wait()
}

// A WaitGroup in a struct field, inside a select.
type server struct {
	wg    sync.WaitGroup
	conns chan int
	quit  chan struct{}
}

func (s *server) serve() {
	go func() {
		for {
			select {
			case c := <-s.conns:
				s.wg.Add(1) // want `s.wg.Add runs on a goroutine that s.wg does not count, so s.wg.Wait may return before it; count this goroutine too \(s.wg.Add\(1\) before the go statement, defer s.wg.Done\(\) in it\)`
				go s.handle(c)
			case <-s.quit:
				return
			}
		}
	}()
}

func (s *server) handle(int) { defer s.wg.Done() } // want handle:"wgops -1.wg:done"

func (s *server) Close() { close(s.quit); s.wg.Wait() } // want Close:"wgops -1.wg:wait"

// A named function started with go: the Add is on the new goroutine.
func worker(wg *sync.WaitGroup, jobs <-chan int) { // want worker:"wgops 0:add,done"
	wg.Add(1) // want `worker is started with go: wg.Add runs on the goroutine it counts, so wg.Wait may return before it`
	defer wg.Done()
	for range jobs {
	}
}

func startWorkers(jobs chan int) {
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		go worker(&wg, jobs) // reported once, at the Add in worker
	}
	close(jobs)
	wg.Wait()
}

// A method started with go that adds to its receiver's WaitGroup.
func (s *server) loop() { // want loop:"wgops -1.wg:add,done"
	s.wg.Add(1) // want `loop is started with go: s.wg.Add runs on the goroutine it counts`
	defer s.wg.Done()
	<-s.quit
}

func (s *server) start() {
	go s.loop()
}

// Through a helper that the goroutine calls.
func (s *server) track() { s.wg.Add(1) } // want track:"wgops -1.wg:add"

func (s *server) startTracked() {
	go func() {
		s.track() // want `track calls s.wg.Add on the new goroutine`
		defer s.wg.Done()
	}()
}

// An embedded WaitGroup.
type group struct {
	sync.WaitGroup
}

func embedded(g *group) { // want embedded:"wgops 0.WaitGroup:wait"
	go func() {
		g.Add(1) // want `g.Add runs on the goroutine it counts, so g.Wait`
		defer g.Done()
	}()
	g.Wait()
}

// The goroutine's parameter stands for the go statement's argument.
func viaParam() {
	var wg sync.WaitGroup
	go func(w *sync.WaitGroup) {
		w.Add(1) // want `wg.Add runs on the goroutine it counts`
		defer w.Done()
	}(&wg)
	wg.Wait()
}

// Negative: the goroutine owns a nested fan-out and waits for it.
func nestedFanOut(parts [][]int) {
	var wg sync.WaitGroup
	go func() {
		for range parts {
			wg.Add(1)
			go func() { defer wg.Done() }()
		}
		wg.Wait()
	}()
}

// Negative: the goroutine is counted before it starts and adds for its
// children while it holds that count (golang/go#18022's shape).
func countedParent(items []int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for range items {
			wg.Add(1)
			go func() { defer wg.Done(); work() }()
		}
	}()
	wg.Wait()
}

// Negative: the Done is deferred first, so the goroutine holds a count
// given by someone else when it adds.
func (s *server) spawnChildren(n int) {
	go func() {
		defer s.wg.Done()
		for i := 0; i < n; i++ {
			s.wg.Add(1)
			go s.handle(i)
		}
	}()
}

// Negative: a WaitGroup local to the goroutine.
func local() {
	go func() {
		var wg sync.WaitGroup
		wg.Add(1)
		go func() { defer wg.Done() }()
		wg.Wait()
	}()
}

// Negative: the WaitGroup is handed to code the analysis cannot see.
func escapes(f func(*sync.WaitGroup)) {
	var wg sync.WaitGroup
	go func() {
		wg.Add(1) // wgadd is silent: f may settle the count; the analysis cannot see
		f(&wg)
	}()
	wg.Wait()
}

// Negative: Add before go in a helper's caller.
func addBefore() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
	}()
	wg.Wait()
}

// Negative: the Add is in a literal that is stored, not run by the goroutine.
func stored(register func(func())) {
	var wg sync.WaitGroup
	go func() {
		register(func() { wg.Add(1) })
	}()
}

// Negative (grpc's Server.Serve, net/http's trackListener): the Add is made
// under the lock that the shutdown path takes before it waits, after a
// check that shutdown has not begun.
type guarded struct {
	mu      sync.Mutex
	closed  bool
	serveWG sync.WaitGroup
}

func (g *guarded) Serve() error { // want Serve:"wgops -1.serveWG:done"
	g.mu.Lock()
	if g.closed {
		g.mu.Unlock()
		return nil
	}
	g.serveWG.Add(1)
	g.mu.Unlock()
	defer g.serveWG.Done()
	return nil
}

func (g *guarded) track() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return false
	}
	g.serveWG.Add(1)
	return true
}

func (g *guarded) ServeTracked() { // want ServeTracked:"wgops -1.serveWG:done"
	if !g.track() {
		return
	}
	defer g.serveWG.Done()
}

func (g *guarded) Stop() { // want Stop:"wgops -1.serveWG:wait"
	g.mu.Lock()
	g.closed = true
	g.mu.Unlock()
	g.serveWG.Wait()
}

func startGuarded(g *guarded) {
	go g.Serve()
	go g.ServeTracked()
}

// A summary of two WaitGroups: its fact must encode the same way every time.
func finishBoth(a, b *sync.WaitGroup) { // want finishBoth:"wgops 0:done 1:done"
	a.Done()
	b.Done()
}

// nats.go's publish test: the publisher adds once per message and then
// signals done; the spawner waits for done before it ranges and Waits, so
// every Add happens before Wait. Silent.
func addsThenSignals(n int) {
	var wg sync.WaitGroup
	done := make(chan struct{}, 1)
	acks := make(chan int, n)
	go func() {
		for i := 0; i < n; i++ {
			acks <- i
			wg.Add(1)
		}
		close(acks)
		done <- struct{}{}
	}()
	<-done
	for range acks {
		go func() { wg.Done() }()
	}
	wg.Wait()
}

// The signal comes before the Add: Wait can still run first. Reported.
func signalsThenAdds() {
	var wg sync.WaitGroup
	started := make(chan struct{})
	go func() {
		close(started)
		wg.Add(1) // want `wg.Add runs on a goroutine that wg does not count`
		go func() { defer wg.Done() }()
	}()
	<-started
	wg.Wait()
}
