package a

import (
	"context"

	"golang.org/x/sync/errgroup"
)

type source struct {
	ch   chan int
	stop chan struct{}
}

func (s *source) next() (int, bool) {
	select {
	case v := <-s.ch:
		return v, true
	case <-s.stop:
		return 0, false
	}
}

// The functions of the group watch the parent on purpose, as a stop
// signal, and the group's first error reaches them another way: the
// derived context closes the sources they read from. Silent.
func receive(ctx context.Context, srcs []*source, handle func(int) error) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, s := range srcs {
		g.Go(func() error {
			for {
				select {
				case <-ctx.Done():
					return ctx.Err()
				default:
				}
				v, ok := s.next()
				if !ok {
					return nil
				}
				if err := handle(v); err != nil {
					return err
				}
			}
		})
	}
	go func() {
		<-gctx.Done()
		for _, s := range srcs {
			close(s.stop)
		}
	}()
	return g.Wait()
}

// The same stop check, but the derived context reaches only another
// function of the group: the group's first error stops nothing here.
func receiveUnrouted(ctx context.Context, srcs []*source, handle func(int) error) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, s := range srcs {
		g.Go(func() error {
			for {
				select {
				case <-ctx.Done(): // want `function passed to g.Go uses the parent context ctx instead of gctx derived by errgroup.WithContext`
					return nil
				default:
				}
				v, ok := s.next()
				if !ok {
					return nil
				}
				if err := handle(v); err != nil {
					return err
				}
			}
		})
	}
	g.Go(func() error { return fetch(gctx, "status") })
	return g.Wait()
}

// The derived context drives a watcher outside the group, and the
// functions of the group hand the parent to their work: the analysis
// cannot tell whether the watcher stops that work. Silent.
func fetchWatched(ctx context.Context, urls []string, watch func(context.Context)) error {
	g, gctx := errgroup.WithContext(ctx)
	go watch(gctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) })
	}
	return g.Wait()
}

// A context derived from the derived one, for code outside the group.
// Silent.
func receiveDerived(ctx context.Context, srcs []*source, run func(context.Context, *source)) error {
	g, gctx := errgroup.WithContext(ctx)
	inner, cancel := context.WithCancel(gctx)
	defer cancel()
	for _, s := range srcs {
		go run(inner, s)
		g.Go(func() error {
			<-ctx.Done()
			return nil
		})
	}
	return g.Wait()
}

// The derived context used only after Wait is no route for the group's
// error: the function's use of the parent is reported (and the use after
// Wait too).
func fetchLate(ctx context.Context, urls []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) }) // want `function passed to g.Go uses the parent context ctx instead of gctx`
	}
	err := g.Wait()
	_ = store(gctx, 1) // want `gctx, derived by errgroup.WithContext, is cancelled once g.Wait returns`
	return err
}
