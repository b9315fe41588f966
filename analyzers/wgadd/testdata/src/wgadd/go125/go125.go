//go:build go1.25

// From Go 1.25 the advice names WaitGroup.Go, and the exact shape
// Add(1); defer Done() is rewritten to it.
package go125

import "sync"

func work(int) {}

func classic(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		go func() {
			wg.Add(1) // want `wg.Add runs on the goroutine it counts, so wg.Wait may return before it; call wg.Add before the go statement, or start the goroutine with wg.Go$`
			defer wg.Done()
			work(it)
		}()
	}
	wg.Wait()
}

func notExactShape(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		go func() {
			work(it)
			wg.Add(1) // want `wg.Add runs on the goroutine it counts`
			defer wg.Done()
		}()
	}
	wg.Wait()
}

// wg.Go inside the goroutine races with Wait just like Add.
func goInside(items []int) {
	var wg sync.WaitGroup
	go func() {
		for _, it := range items {
			wg.Go(func() { work(it) }) // want `wg.Go runs on a goroutine that wg does not count`
		}
	}()
	wg.Wait()
}

// Negative: the recommended 1.25 shape.
func recommended(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Go(func() { work(it) })
	}
	wg.Wait()
}
