// Package otherbuild has callers in a file that the current build leaves
// out: reordering the parameters here would break that build.
package otherbuild

import "context"

func fetch(id string, ctx context.Context) error { // want `context.Context ctx of fetch comes after id`
	return ctx.Err()
}

func fetchHere(id string, ctx context.Context) error { // want `context.Context ctx of fetchHere comes after id`
	return ctx.Err()
}

func use(ctx context.Context) {
	_ = fetch("a", ctx)
	_ = fetchHere("b", ctx)
}
