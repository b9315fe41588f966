// Package errgroupctx defines an Analyzer that reports misuse of the
// context that errgroup.WithContext derives.
//
// # Analyzer errgroupctx
//
// errgroupctx: report the errgroup-derived context used after Wait, or bypassed by the group's functions
//
// errgroup.WithContext(parent) returns a group and a context derived from
// parent that is cancelled when a function of the group first returns an
// error, and always when Wait returns. Two mistakes follow:
//
// Using the derived context after Wait: it is cancelled by then, so every
// call made with it fails with "context canceled". It is worst when the
// derived context takes the parent's name, so the parent is out of reach:
//
//	g, ctx := errgroup.WithContext(ctx)
//	g.Go(func() error { return fetch(ctx, a) })
//	if err := g.Wait(); err != nil {
//		return err
//	}
//	return store(ctx, result) // ctx is cancelled here
//
// The fix is to give the derived context its own name and use the parent
// after Wait:
//
//	g, gctx := errgroup.WithContext(ctx)
//	g.Go(func() error { return fetch(gctx, a) })
//	...
//	return store(ctx, result)
//
// Using the parent context in the functions passed to g.Go: the first
// error then cancels nothing, and the other functions run to completion.
//
//	g, gctx := errgroup.WithContext(ctx)
//	g.Go(func() error { return fetch(ctx, a) }) // should be gctx
//
// errgroupctx recognizes golang.org/x/sync/errgroup and any package with
// the same shape: a function WithContext(context.Context) (*T,
// context.Context) where *T has Go(func() error) and Wait() error. It
// reports uses of the derived context in the statements that follow a
// Wait in the same block (and in the branches of an if whose condition
// waits), until the variable is assigned again; and, in function literals
// passed to Go or TryGo, uses of the parent context when it is a variable
// distinct from the derived one (or the derived one is discarded with _),
// unless the derived context is handed before Wait to code outside the
// group's functions (an argument of a call, or a method's receiver): the
// group's error may reach the functions that way.
// The suggested fix replaces the parent context with the derived one in a
// function literal passed to Go, where the derived one's name is not
// shadowed. It says nothing about functions passed by name, whose bodies it does not
// follow, nor about a Wait in one branch and a use after the branches.
package errgroupctx
