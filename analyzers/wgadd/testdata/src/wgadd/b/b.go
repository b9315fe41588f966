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

// Negative: the spawner counts the goroutine through c's wrapper before the
// go statement; the goroutine adds for its child while it holds that count.
func gather(col *c.Collector) { // want gather:"wgops 0.wg:add,wait"
	col.Collecting()
	go func() {
		col.Collecting()
		go func() { defer col.Finished() }()
		col.Finished()
	}()
	col.Wait()
}

// Positive: nobody counted the goroutine before it started.
func gatherUncounted(col *c.Collector) { // want gatherUncounted:"wgops 0.wg:wait"
	go func() {
		col.Collecting() // want `Collecting calls col.wg.Add on the new goroutine, so col.wg.Wait may return before it`
		defer col.Finished()
	}()
	col.Wait()
}
