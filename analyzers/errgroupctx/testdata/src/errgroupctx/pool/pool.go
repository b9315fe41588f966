// Package pool has the shape of errgroup without being it.
package pool

import "context"

type Pool struct{ cancel context.CancelFunc }

func WithContext(ctx context.Context) (*Pool, context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	return &Pool{cancel: cancel}, ctx
}

func (p *Pool) Go(f func() error) { _ = f() }
func (p *Pool) Wait() error       { p.cancel(); return nil }

// Other is not of the shape: Wait returns nothing.
type Other struct{}

func OtherWithContext(ctx context.Context) (*Other, context.Context) { return &Other{}, ctx }
