package a

import "sync"

type lreq struct{ reply chan int }

// The loop receives requests until quit, then closes the request channel
// and drains what is left. Every sender sends under s.mu, and Stop holds
// s.mu while it signals quit and waits for the loop to end, so no send can
// be in flight at the close.
type lockedServer struct {
	mu      sync.Mutex
	stopped bool
	reqCh   chan lreq
	quit    chan struct{}
	done    chan struct{}
}

func (s *lockedServer) loop() {
	defer close(s.done)
	for {
		select {
		case r := <-s.reqCh:
			r.reply <- 1
		case <-s.quit:
			close(s.reqCh)
			for r := range s.reqCh {
				r.reply <- 0
			}
			return
		}
	}
}

func (s *lockedServer) Do() int { // want Do:`chanops -1.reqCh:send`
	s.mu.Lock()
	if s.stopped {
		s.mu.Unlock()
		return 0
	}
	r := lreq{reply: make(chan int, 1)}
	s.reqCh <- r
	s.mu.Unlock()
	return <-r.reply
}

func (s *lockedServer) Stop() { // want Stop:`chanops -1.done:recv -1.quit:close`
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stopped = true
	close(s.quit)
	<-s.done
}

// The same loop, with a sender that does not take the lock: it can be
// blocked in its send when the loop closes the channel, and panic.
type racyServer struct {
	mu    sync.Mutex
	reqCh chan lreq
	quit  chan struct{}
}

func (s *racyServer) loop() {
	for {
		select {
		case r := <-s.reqCh:
			r.reply <- 1
		case <-s.quit:
			close(s.reqCh) // want `close\(s.reqCh\) in a function that only receives from s.reqCh`
			for r := range s.reqCh {
				r.reply <- 0
			}
			return
		}
	}
}

func (s *racyServer) Do() int { // want Do:`chanops -1.reqCh:send`
	r := lreq{reply: make(chan int, 1)}
	s.reqCh <- r
	return <-r.reply
}

func (s *racyServer) Stop() { // want Stop:`chanops -1.quit:close`
	s.mu.Lock()
	defer s.mu.Unlock()
	close(s.quit)
}
