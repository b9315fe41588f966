// Package app makes mistakes that only the facts of package helpers show.
package app

import (
	"sync"

	"facts/helpers"
	"facts/relay"
	"facts/relaych"
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

// The same mistakes, through package relay, whose facts come from
// helpers' facts only.

func StartGroup() {
	var g helpers.Group
	go func() {
		relay.Join(&g)
	}()
	g.Wait()
}

func GetRelayed(s *helpers.Store, k string) int {
	relay.Hold(s)
	if v, ok := s.Data[k]; ok {
		return v
	}
	s.Mu.Unlock()
	return 0
}

func BackgroundRelayed() {
	go relay.Spin()
}

func Twice(s *helpers.Store) {
	s.Mu.Lock()
	relay.Hold(s)
}

func DrainRelayed(ch chan int) {
	for range ch {
	}
	relaych.Done(ch)
}

// Cache takes its own mutex and its store's in both orders; one order is
// inside helpers.Store.Incr (lockeffects' facts).
type Cache struct {
	mu sync.Mutex
	st *helpers.Store
	n  int
}

func (c *Cache) Put(k string) {
	c.mu.Lock()
	c.n++
	c.st.Incr(k)
	c.mu.Unlock()
}

func (c *Cache) Drain() {
	c.st.Mu.Lock()
	c.mu.Lock()
	c.n = 0
	c.mu.Unlock()
	c.st.Mu.Unlock()
}
