package a

import "sync"

// A mutex used as a one-shot latch: its Unlock is handed, as a function
// value, to code another goroutine runs. The second Lock waits for that
// goroutine, on purpose.
type latchServer struct {
	NotifyStarted func()
}

func (s *latchServer) serve() {
	if s.NotifyStarted != nil {
		s.NotifyStarted()
	}
}

func startLatched() *latchServer {
	var started sync.Mutex
	started.Lock()
	s := &latchServer{NotifyStarted: started.Unlock}
	go s.serve()
	started.Lock()
	return s
}

// Without the hand-over, the second Lock blocks forever.
func startStuck() {
	var started sync.Mutex
	started.Lock()
	started.Lock() // want `started.Lock while started is already locked`
}
