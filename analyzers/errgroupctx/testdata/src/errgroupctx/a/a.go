// Package a: the context that errgroup.WithContext derives, misused.
package a

import (
	"context"

	"golang.org/x/sync/errgroup"
)

func fetch(ctx context.Context, u string) error { return ctx.Err() }
func store(ctx context.Context, v int) error    { return ctx.Err() }

// The derived context replaces the parent and is used after Wait.
func replaced(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) })
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return store(ctx, 1) // want `ctx was replaced by the context that errgroup.WithContext derives from it, which g.Wait cancels before returning, so this use sees a cancelled context; name the derived context differently \(gctx\) and use the parent here`
}

// The derived context shadows the parent's name in an inner scope.
func shadowed(ctx context.Context, urls []string) error {
	if len(urls) > 0 {
		g, ctx := errgroup.WithContext(ctx)
		for _, u := range urls {
			g.Go(func() error { return fetch(ctx, u) })
		}
		err := g.Wait()
		if err != nil {
			return store(ctx, 0) // want `ctx here is the context derived by errgroup.WithContext, which shadows the parent's name and is cancelled once g.Wait returns`
		}
	}
	return nil
}

// Different names, derived context used after Wait, inside the if that
// waits.
func named(ctx context.Context) error {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return fetch(gctx, "a") })
	if err := g.Wait(); err != nil {
		return gctx.Err() // want `gctx, derived by errgroup.WithContext, is cancelled once g.Wait returns, so this use sees a cancelled context; use the parent context`
	}
	return store(ctx, 1)
}

// Functions passed to Go that use the parent context.
func parentInGo(ctx context.Context, urls []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error {
			return fetch(ctx, u) // want `function passed to g.Go uses the parent context ctx instead of gctx derived by errgroup.WithContext, so the group's first error does not cancel it; use gctx`
		})
	}
	g.TryGo(func() error { return fetch(ctx, "x") }) // want `function passed to g.TryGo uses the parent context ctx instead of gctx`
	g.Go(func() error {
		gctx := 0 // the derived name means something else here: no fix
		_ = gctx
		return fetch(ctx, "y") // want `function passed to g.Go uses the parent context ctx instead of gctx`
	})
	_ = gctx
	return g.Wait()
}

// The derived context discarded.
func discarded(ctx context.Context) error {
	g, _ := errgroup.WithContext(ctx)
	g.Go(func() error { return fetch(ctx, "a") }) // want `function passed to g.Go uses ctx, and the context derived by errgroup.WithContext is discarded, so the group's first error cancels nothing`
	return g.Wait()
}

// Negatives: the recommended shapes.
func good(ctx context.Context, urls []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(gctx, u) })
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return store(ctx, 1)
}

// Reassigned after Wait: the later uses are of another context.
func reassigned(parent context.Context) error {
	g, ctx := errgroup.WithContext(parent)
	g.Go(func() error { return fetch(ctx, "a") })
	if err := g.Wait(); err != nil {
		return err
	}
	ctx = parent
	return store(ctx, 1)
}

// Wait inside a goroutine of its own, or in a branch, says nothing about
// what follows.
func branches(ctx context.Context, wait bool) error {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return fetch(gctx, "a") })
	if wait {
		return g.Wait()
	}
	go func() { _ = g.Wait() }()
	return store(gctx, 1)
}

// A plain Group and a function passed by name are out of scope.
func plain(ctx context.Context) error {
	var g errgroup.Group
	g.Go(func() error { return fetch(ctx, "a") })
	return g.Wait()
}

func byName(ctx context.Context, work func() error) error {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(work)
	_ = gctx
	return g.Wait()
}
