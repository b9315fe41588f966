package testutil

import (
	"go/ast"
	"go/types"
	"testing"
)

// Calls returns the calls of the function called name in f, in source
// order, by the text of their callee (s.mu.Lock → "s.mu.Lock").
func Calls(t testing.TB, f *ast.File, name string) map[string]*ast.CallExpr {
	t.Helper()
	out := make(map[string]*ast.CallExpr)
	ast.Inspect(Func(t, f, name).Body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			out[types.ExprString(call.Fun)] = call
		}
		return true
	})
	return out
}
