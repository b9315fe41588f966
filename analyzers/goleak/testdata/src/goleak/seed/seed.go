// Package seed holds the checklist's goroutine idioms, which goleak must
// never report, and its leak shapes.
package seed

import (
	"context"
	"fmt"
	"log"
	"sync"
	"time"
)

type Task int
type Result int

func do(t Task) Result  { return Result(t) }
func use(r Result)      {}
func f(v int) int       { return v }
func doWork()           {}
func process(j int) int { return j }

func panics() {
	go func() {
		defer func() {
			if r := recover(); r != nil {
				log.Printf("goroutine panic: %v", r)
			}
		}()
		doWork()
	}()
}

func closeRules() {
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

func stage1(in <-chan int) <-chan int { // want stage1:"goroutine param\\(0\\):s0,r1,c0,efalse"
	out := make(chan int, 8)
	go func() {
		defer close(out)
		for v := range in {
			out <- f(v)
		}
	}()
	return out
}

func semaphore(jobs []int) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	for _, job := range jobs {
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

func condQueue() {
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

func heartbeat(ctx context.Context) {
	t := time.NewTicker(time.Second)
	go func() {
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				doWork()
			}
		}
	}()
}

// The checklist's first production rule, broken: a background goroutine
// with no cancellation path.
func heartbeatLeak() {
	t := time.NewTicker(time.Second)
	go func() { // want `goroutine never finishes: the for loop at seed.go:\d+ has no exit`
		for {
			select {
			case <-t.C:
				doWork()
			}
		}
	}()
}
