package racewrite

import (
	"context"
	"errors"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

func fetch(url string) (string, error) { return url, nil }

// The checklist's unsafe fan-in: every goroutine appends to one slice.
func appendInLoop(urls []string) []string {
	var results []string
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, _ := fetch(u)
			results = append(results, r) // want `every goroutine started by the loop at line \d+ writes results with no lock held`
		}()
	}
	wg.Wait()
	return results
}

// One error variable set by every goroutine that fails.
func lastError(urls []string) error {
	var err error
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, e := fetch(u); e != nil {
				err = e // want `every goroutine started by the loop at line \d+ writes err with no lock held`
			}
		}()
	}
	wg.Wait()
	return err
}

// Map stores from several goroutines race even under different keys.
func mapInLoop(urls []string) map[string]string {
	byURL := make(map[string]string)
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, _ := fetch(u)
			byURL[u] = r // want `every goroutine started by the loop at line \d+ writes to map byURL with no lock held`
		}()
	}
	wg.Wait()
	return byURL
}

type stats struct {
	ok, failed int
}

// A counter incremented by every goroutine, through a field.
func countInLoop(urls []string, s *stats) {
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := fetch(u); err != nil {
				s.failed++ // want `every goroutine started by the loop at line \d+ writes s.failed with no lock held`
			}
		}()
	}
	wg.Wait()
}

// errgroup's goroutines race the same way.
func errgroupAppend(urls []string) ([]string, error) {
	var g errgroup.Group
	var out []string
	for _, u := range urls {
		g.Go(func() error {
			r, err := fetch(u)
			out = append(out, r) // want `every goroutine started by the loop at line \d+ writes out with no lock held`
			return err
		})
	}
	err := g.Wait()
	return out, err
}

// sync.WaitGroup.Go, from Go 1.25.
func waitGroupGo(urls []string) int {
	var wg sync.WaitGroup
	n := 0
	for range urls {
		wg.Go(func() {
			n++ // want `every goroutine started by the loop at line \d+ writes n with no lock held`
		})
	}
	wg.Wait()
	return n
}

// The spawner reads the result before waiting for the goroutine.
func readBeforeWait() (string, error) {
	var result string
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		result, _ = fetch("x") // want `this goroutine writes result and its spawner reads result at line \d+ with nothing ordering the two`
	}()
	if result == "" {
		return "", errors.New("empty")
	}
	wg.Wait()
	return result, nil
}

// Sleeping is not waiting: nothing orders the goroutine's write before
// the spawner's read.
func sleepInsteadOfWait() error {
	var err error
	go func() {
		_, err = fetch("x") // want `this goroutine writes err and its spawner reads err at line \d+`
	}()
	time.Sleep(time.Second)
	return err
}

// The spawner changes what a running goroutine reads.
func writeWhileRunning(cfg *stats) {
	limit := 10
	done := make(chan struct{})
	go func() {
		for cfg.ok < limit {
			cfg.ok++
		}
		close(done)
	}()
	limit = 20 // want `this function writes limit here while the goroutine started at line \d+ reads limit`
	<-done
}

// Two different goroutines write one variable.
func twoWriters() error {
	var firstErr error
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		_, firstErr = fetch("a") // want `this goroutine writes firstErr and the goroutine started at line \d+ writes firstErr`
	}()
	go func() {
		defer wg.Done()
		_, firstErr = fetch("b")
	}()
	wg.Wait()
	return firstErr
}

var hits int

// A package-level counter.
func globalCounter(urls []string) {
	var wg sync.WaitGroup
	for range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			hits++ // want `every goroutine started by the loop at line \d+ writes hits`
		}()
	}
	wg.Wait()
}

// A context variable reassigned while a goroutine started earlier reads
// it (go-task's watcher shape): the variable is plain storage.
func restart(run func(context.Context)) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		run(ctx)
	}()
	ctx = context.WithoutCancel(ctx) // want `this function writes ctx here while the goroutine started at line \d+ reads ctx`
	run(ctx)
}

// A sibling that writes, started after the reader: the message names the
// reader's goroutine.
func readerFirst() {
	n := 0
	go func() {
		_ = n
	}()
	go func() {
		n = 1 // want `this goroutine writes n and the goroutine started at line 199 reads n \(line 200\)`
	}()
}
