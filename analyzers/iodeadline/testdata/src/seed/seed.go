// Package seed holds the checklist's context samples and its pprof idiom:
// a timeout on the work, a context passed down to every goroutine, and a
// debug server on a local port. None of them may be reported.
package seed

import (
	"context"
	"net/http"
	_ "net/http/pprof"
	"sync"
	"time"
)

func do(ctx context.Context) <-chan struct{} { return ctx.Done() }

func withTimeout() error {
	ctx, cancel := context.WithTimeout(context.Background(), 800*time.Millisecond)
	defer cancel()
	select {
	case <-do(ctx):
	case <-ctx.Done():
		return ctx.Err()
	}
	return nil
}

func fetch(ctx context.Context, u string) error {
	req, err := http.NewRequestWithContext(ctx, "GET", u, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
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

// Expose pprof in dev.
func debugServer() {
	go func() {
		http.ListenAndServe("localhost:6060", nil)
	}()
}
