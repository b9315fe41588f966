// Package seed holds the checklist's channel idioms: none may be reported.
package seed

import (
	"context"
	"fmt"
	"sync"
)

func producer() {
	jobs := make(chan int)
	go func() {
		defer close(jobs)
		for i := 0; i < 10; i++ {
			jobs <- i
		}
	}()
	for j := range jobs {
		fmt.Println("got", j)
	}
}

type Task int
type Result int

func do(t Task) Result { return Result(t) }
func use(Result)       {}

func fanIn(tasks []Task) {
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

func f(v int) int { return v }

func stage1(in <-chan int) <-chan int {
	out := make(chan int, 8)
	go func() {
		defer close(out)
		for v := range in {
			out <- f(v)
		}
	}()
	return out
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

// An owner-closed done channel.
func signal() {
	done := make(chan struct{})
	go func() {
		<-done
	}()
	close(done)
}
