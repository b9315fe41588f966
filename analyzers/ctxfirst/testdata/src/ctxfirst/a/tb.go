package a

import (
	"context"
	"testing"
)

// A testing handle first, then contexts that lead the rest together: both
// exemptions at once.
func startWork(t *testing.T, fetchCtx, workCtx context.Context, n int) {}

var _ = func(tb testing.TB, fetchCtx, workCtx context.Context, n int) {}

// A testing handle, a parameter, then a context: reported.
func misplaced(t *testing.T, n int, ctx context.Context) {} // want `context.Context ctx of misplaced comes after n`
