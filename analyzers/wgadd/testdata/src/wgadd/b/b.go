//go:build go1.24

// Package b starts goroutines whose functions live in package c: wgadd
// learns what they do to the WaitGroup through facts.
package b

import (
	"sync"

	"wgadd/c"
)

func run(jobs chan int) {
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		go c.Worker(&wg, jobs) // want `Worker calls wg.Add on the new goroutine, so wg.Wait may return before it; call wg.Add before the go statement$`
	}
	wg.Wait()
}

func runGood(jobs chan int) {
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go c.GoodWorker(&wg, jobs)
	}
	wg.Wait()
}

func runPool(p *c.Pool) {
	go p.Run() // want `Run calls p.wg.Add on the new goroutine, so p.wg.Wait may return before it; count this goroutine too`
}
