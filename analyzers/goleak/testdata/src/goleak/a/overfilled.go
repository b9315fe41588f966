package a

// A buffered field channel: the goroutine started on a method sends three
// times, the buffer holds one and the spawner receives once.
type starter struct{ errc chan error }

func newStarter() *starter { return &starter{errc: make(chan error, 1)} }

func (s *starter) run() {
	s.errc <- nil
	s.errc <- nil
	s.errc <- nil // want `goroutine blocks here forever: the goroutine sends on starter.errc 3 times, its buffer holds 1 and the spawner receives only once`
}

func (s *starter) Start() error {
	go s.run()
	return <-s.errc
}

// ---- negatives ----

// The buffer and the receive take both sends.
type starter2 struct{ errc chan error }

func newStarter2() *starter2 { return &starter2{errc: make(chan error, 1)} }

func (s *starter2) run() {
	s.errc <- nil
	s.errc <- nil
}

func (s *starter2) Start() error {
	go s.run()
	return <-s.errc
}

// Another method receives too: how often is not known.
type starter3 struct{ errc chan error }

func newStarter3() *starter3 { return &starter3{errc: make(chan error, 1)} }

func (s *starter3) run() {
	s.errc <- nil
	s.errc <- nil
	s.errc <- nil
}

func (s *starter3) Start() error {
	go s.run()
	return <-s.errc
}

func (s *starter3) Next() error { return <-s.errc }

// The spawner receives in a loop.
type starter4 struct{ errc chan error }

func newStarter4() *starter4 { return &starter4{errc: make(chan error, 1)} }

func (s *starter4) run() {
	s.errc <- nil
	s.errc <- nil
	s.errc <- nil
}

func (s *starter4) Start() (err error) {
	go s.run()
	for range 3 {
		err = <-s.errc
	}
	return err
}
