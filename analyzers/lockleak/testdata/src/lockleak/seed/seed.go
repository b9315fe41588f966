// Package seed holds the checklist's lock idioms: nothing to report.
package seed

import (
	"sync"
	"time"
)

func debounceSample() {
	var (
		mu  sync.Mutex
		deb *time.Timer
	)
	debounce := func(d time.Duration, fn func()) {
		mu.Lock()
		defer mu.Unlock()
		if deb != nil && deb.Stop() {
		}
		deb = time.AfterFunc(d, fn)
	}
	debounce(time.Second, func() {})
}

func condSample() {
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	queue := 0
	go func() {
		mu.Lock()
		for queue == 0 {
			cond.Wait()
		}
		queue--
		mu.Unlock()
	}()
	mu.Lock()
	queue++
	cond.Signal()
	mu.Unlock()
}
