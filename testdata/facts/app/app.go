// Package app makes mistakes that only the facts of package helpers show.
package app

import (
	"sync"

	"facts/helpers"
)

func Start() {
	var wg sync.WaitGroup
	go func() {
		helpers.Track(&wg)
	}()
	wg.Wait()
}

func Get(s *helpers.Store, k string) int {
	s.Lock()
	if v, ok := s.Data[k]; ok {
		return v
	}
	s.Mu.Unlock()
	return 0
}

func Background() {
	go helpers.Poll()
}

func Drain(ch chan int) {
	for range ch {
	}
	helpers.Finish(ch)
}
