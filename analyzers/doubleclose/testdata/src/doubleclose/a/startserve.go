package a

import "errors"

// The start/serve shape: Start closes notify on the error returns before
// it starts serve, and serve closes it on its own error. Both cannot run.
type listener struct {
	notify chan error
}

func (s *listener) Start(fail bool) {
	if fail {
		s.notify <- errors.New("resolve")
		close(s.notify)
		return
	}
	go s.serve()
}

func (s *listener) serve() {
	for {
		if err := accept(); err != nil {
			s.notify <- err
			close(s.notify)
			return
		}
	}
}

func accept() error { return nil }

// But a close after the go statement can run with serve's.
type listener2 struct {
	notify chan error
}

func (s *listener2) Start(fail bool) {
	go s.serve()
	if fail {
		close(s.notify) // want `s.notify is also closed by the goroutine started at line \d+`
	}
}

func (s *listener2) serve() {
	if err := accept(); err != nil {
		close(s.notify)
	}
}
