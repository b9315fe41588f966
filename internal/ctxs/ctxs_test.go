package ctxs_test

import (
	"go/types"
	"testing"

	"github.com/concvet/concvet/internal/ctxs"
	"github.com/concvet/concvet/internal/testutil"
)

const src = `package p

import (
	"context"
	"testing"
)

func f(t *testing.T, ctx context.Context, n int) {
	_, _ = context.WithCancel(ctx)
}
`

func TestTypes(t *testing.T) {
	_, f, _, info := testutil.Check(t, src)
	decl := testutil.Func(t, f, "f")
	sig := info.Defs[decl.Name].(*types.Func).Signature()
	if !ctxs.IsTestingTB(sig.Params().At(0).Type()) || ctxs.Is(sig.Params().At(0).Type()) {
		t.Error("t *testing.T: want a testing handle, not a context")
	}
	if !ctxs.Is(sig.Params().At(1).Type()) || ctxs.Is(sig.Params().At(2).Type()) {
		t.Error("ctx: want a context; n: not one")
	}
	if p := ctxs.Param(info, decl.Type); p == nil || p.Name() != "ctx" {
		t.Errorf("Param = %v, want ctx", p)
	}
}
