package e2e

import (
	"errors"
	"sync"
)

func fetch(int) error { return errors.New("unavailable") }

func ProcessAll(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		go func() {
			wg.Add(1)
			defer wg.Done()
			_ = fetch(it)
		}()
	}
	wg.Wait()
}

func FetchAll(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			if err := fetch(it); err != nil {
				return
			}
			wg.Done()
		}()
	}
	wg.Wait()
}

type Server struct {
	wg    sync.WaitGroup
	conns chan int
}

func (s *Server) acceptLoop() {
	for c := range s.conns {
		s.wg.Add(1)
		go s.handle(c)
	}
}

func (s *Server) handle(int) { defer s.wg.Done() }

func (s *Server) Start() { go s.acceptLoop() }

func (s *Server) Close() {
	close(s.conns)
	s.wg.Wait()
}
