// Package seed holds the checklist's WaitGroup idioms verbatim (reformatted):
// none of them may be reported by wgadd or wgdone.
package seed

import (
	"context"
	"sync"
)

type Task int
type Result int

func do(t Task) Result  { return Result(t) }
func use(Result)        {}
func work()             {}
func process(int) error { return nil }

func waitGroup(n int) {
	var wg sync.WaitGroup
	wg.Add(n)
	for i := 0; i < n; i++ {
		go func() { defer wg.Done(); work() }()
	}
	wg.Wait()
}

func semaphore(jobs []int) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	for _, job := range jobs {
		job := job
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			_ = process(job)
		}()
	}
	wg.Wait()
}

func fanOutFanIn(tasks []Task) {
	in := make(chan Task)
	out := make(chan Result)
	var wg sync.WaitGroup
	worker := func() {
		defer wg.Done()
		for t := range in {
			out <- do(t)
		}
	}
	wg.Add(4)
	for i := 0; i < 4; i++ {
		go worker()
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	go func() {
		defer close(in)
		for _, t := range tasks {
			in <- t
		}
	}()
	for r := range out {
		use(r)
	}
}

func ParallelMap[T any, R any](ctx context.Context, in []T, max int, fn func(context.Context, T) (R, error)) ([]R, error) {
	type item struct {
		i int
		r R
		e error
	}
	sem := make(chan struct{}, max)
	out := make(chan item, len(in))
	var wg sync.WaitGroup
	for i, v := range in {
		i, v := i, v
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		default:
		}
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			r, err := fn(ctx, v)
			out <- item{i, r, err}
		}()
	}
	go func() { wg.Wait(); close(out) }()
	res := make([]R, len(in))
	for it := range out {
		if it.e != nil {
			return nil, it.e
		}
		res[it.i] = it.r
	}
	return res, nil
}
