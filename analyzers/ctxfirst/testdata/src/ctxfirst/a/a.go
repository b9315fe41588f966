// Package a holds ctxfirst cases whose fix applies: unexported functions
// and methods that only this package calls.
package a

import (
	"context"
	"testing"
)

func fetch(id string, ctx context.Context) error { // want `context.Context ctx of fetch comes after id; make it the first parameter, the convention callers and tools rely on`
	return ctx.Err()
}

func store(id, key string, ctx context.Context, vals ...int) error { // want `context.Context ctx of store comes after key`
	return ctx.Err()
}

type server struct{ ctx context.Context }

func (s *server) handle(n int, ctx context.Context) { // want `context.Context ctx of handle comes after n`
	_ = fetch("x", ctx)
}

func callers(ctx context.Context, s *server) {
	_ = fetch("a", ctx)
	_ = fetch("b"+"c", s.ctx)
	_ = store("a", "k", ctx)
	_ = store("a", "k", ctx, 1, 2)
	_ = store("a", "k", ctx, []int{1}...)
	s.handle(1, ctx)
	go s.handle(2, ctx)
	defer s.handle(3, ctx)
}

// The testing-handle exception.
func helper(t *testing.T, ctx context.Context)              {}
func benchHelper(b *testing.B, ctx context.Context)         {}
func tbHelper(tb testing.TB, ctx context.Context)           {}
func fuzzHelper(f *testing.F, ctx context.Context)          {}
func both(t *testing.T, tb testing.TB, ctx context.Context) {}

// Context first, or no context: nothing to say.
func good(ctx context.Context, id string) error { return ctx.Err() }
func none(id string) error                      { return nil }

// A comment inside an argument travels with it; one between the
// arguments would be lost, so that function gets no fix.
func span(name string, ctx context.Context, opts struct{ tags []string }) {} // want `context.Context ctx of span comes after name`

func tagged(n int, ctx context.Context) {} // want `context.Context ctx of tagged comes after n`

func spans(ctx context.Context) {
	span("a", ctx, struct{ tags []string }{
		tags: nil, // no tags yet
	})
	tagged(1, // the count
		ctx)
}
