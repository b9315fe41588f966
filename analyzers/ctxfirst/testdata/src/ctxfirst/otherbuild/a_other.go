//go:build concvet_other_build

package otherbuild

import "context"

// A caller that only the concvet_other_build build compiles.
func useOther(ctx context.Context) {
	_ = fetch("c", ctx)
}
