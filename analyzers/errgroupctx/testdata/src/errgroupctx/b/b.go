// Package b uses a package of errgroup's shape.
package b

import (
	"context"

	"errgroupctx/pool"
)

func work(ctx context.Context) error { return ctx.Err() }

func run(ctx context.Context) error {
	p, pctx := pool.WithContext(ctx)
	p.Go(func() error { return work(ctx) }) // want `function passed to p.Go uses the parent context ctx instead of pctx derived by pool.WithContext`
	if err := p.Wait(); err != nil {
		return err
	}
	return work(pctx) // want `pctx, derived by pool.WithContext, is cancelled once p.Wait returns`
}
