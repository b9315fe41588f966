//go:build go1.21

package racewrite

import "sync"

// Before Go 1.22 the loop shares i; the goroutines writing it is go vet's
// loopclosure report, and racewrite leaves loop variables alone in every
// version (from Go 1.22 each iteration has its own).
func loopVariableWritten(n int) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			i++
		}()
	}
	wg.Wait()
}
