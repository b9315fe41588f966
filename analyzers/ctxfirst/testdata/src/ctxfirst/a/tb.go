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

// An assertion library's stand-in for testing.T comes first too.
type TestingT interface {
	Errorf(format string, args ...any)
	FailNow()
}

func waitReady(t TestingT, ctx context.Context, n int) {}

type helperT interface {
	Helper()
	Errorf(format string, args ...any)
}

func waitHelper(t helperT, ctx context.Context) {}

// Any other interface before the context is reported.
type logger interface {
	Errorf(format string, args ...any)
}

func logFirst(l logger, ctx context.Context) {} // want `context.Context ctx of logFirst comes after l`
