// Package seed holds the checklist's errgroup sample, the recommended
// shape: it must not be reported.
package seed

import (
	"context"

	"golang.org/x/sync/errgroup"
)

func fetch(ctx context.Context, u string) error { return ctx.Err() }

func fetchAll(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		u := u
		g.Go(func() error {
			return fetch(ctx, u)
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return nil
}
