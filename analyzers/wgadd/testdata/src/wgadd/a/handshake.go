package a

import (
	"context"
	"sync"
)

// Serve adds on its own goroutine, but the only Wait comes after a send on
// an unbuffered channel that only Serve's loop receives, after the Add: the
// Add happens before the Wait.
type opServer struct {
	wg     sync.WaitGroup
	ops    chan func()
	ctx    context.Context
	cancel context.CancelFunc
}

func newOpServer() *opServer {
	ctx, cancel := context.WithCancel(context.Background())
	return &opServer{ops: make(chan func()), ctx: ctx, cancel: cancel}
}

func (s *opServer) Serve() { // want Serve:`wgops -1.wg:add,done`
	s.wg.Add(1)
	defer s.wg.Done()
	for {
		select {
		case <-s.ctx.Done():
			return
		case op := <-s.ops:
			op()
		}
	}
}

func (s *opServer) Stop() { // want Stop:`wgops -1.wg:wait`
	done := make(chan struct{})
	s.ops <- func() { s.cancel(); close(done) }
	<-done
	s.wg.Wait()
}

func runOpServer() {
	s := newOpServer()
	go s.Serve()
	s.Stop()
}

// The same with a buffered channel: the send completes at once, and the
// Wait may come before the Add.
type opServer2 struct {
	wg     sync.WaitGroup
	ops    chan func()
	ctx    context.Context
	cancel context.CancelFunc
}

func newOpServer2() *opServer2 {
	ctx, cancel := context.WithCancel(context.Background())
	return &opServer2{ops: make(chan func(), 1), ctx: ctx, cancel: cancel}
}

func (s *opServer2) Serve() { // want Serve:`wgops -1.wg:add,done`
	s.wg.Add(1) // want `Serve is started with go: s.wg.Add runs on the goroutine it counts`
	defer s.wg.Done()
	for {
		select {
		case <-s.ctx.Done():
			return
		case op := <-s.ops:
			op()
		}
	}
}

func (s *opServer2) Stop() { // want Stop:`wgops -1.wg:wait`
	s.ops <- func() { s.cancel() }
	s.wg.Wait()
}

func runOpServer2() {
	s := newOpServer2()
	go s.Serve()
	s.Stop()
}
