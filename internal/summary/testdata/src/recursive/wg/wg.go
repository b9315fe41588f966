// Package recursive has mutually recursive helpers whose summaries depend on
// each other: which one is summarized first must not change the facts or the
// findings.
package wg

import "sync"

// addA and addB call each other; only addB adds to the WaitGroup, so both
// add to it.
func addA(wg *sync.WaitGroup, n int) { // want addA:`wgops 0:add`
	if n > 0 {
		addB(wg, n-1)
	}
}

func addB(wg *sync.WaitGroup, n int) { // want addB:`wgops 0:add`
	wg.Add(1)
	addA(wg, n)
}

func Start(wg *sync.WaitGroup) { // want Start:`wgops 0:wait`
	go func() {
		addA(wg, 3) // want `addA calls wg.Add on the new goroutine`
		defer wg.Done()
	}()
	wg.Wait()
}
