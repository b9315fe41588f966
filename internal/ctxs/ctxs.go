// Package ctxs recognizes context.Context values, the calls that create a
// root context, and the parameters through which a function receives its
// context.
package ctxs

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/concvet/concvet/internal/typesutil"
)

// Is reports whether t is context.Context.
func Is(t types.Type) bool {
	return typesutil.IsNamed(t, "context", "Context")
}

// IsTestingTB reports whether t is one of the testing handles that
// conventionally come before a context: *testing.T, *testing.B, *testing.F
// or testing.TB, or an interface standing for them, as assertion
// libraries declare one (testify's require.TestingT): a type named
// TestingT, or an interface with Errorf and one of FailNow, Fatalf or
// Helper.
func IsTestingTB(t types.Type) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return typesutil.IsNamed(p.Elem(), "testing", "T") || typesutil.IsNamed(p.Elem(), "testing", "B") || typesutil.IsNamed(p.Elem(), "testing", "F")
	}
	if typesutil.IsNamed(t, "testing", "TB") {
		return true
	}
	iface, ok := t.Underlying().(*types.Interface)
	if !ok {
		return false
	}
	if named, ok := types.Unalias(t).(*types.Named); ok && named.Obj().Name() == "TestingT" {
		return true
	}
	has := func(name string) bool {
		for i := 0; i < iface.NumMethods(); i++ {
			if iface.Method(i).Name() == name {
				return true
			}
		}
		return false
	}
	return has("Errorf") && (has("FailNow") || has("Fatalf") || has("Helper"))
}

// Root returns "Background" or "TODO" when call is context.Background() or
// context.TODO(), and "" otherwise.
func Root(info *types.Info, call *ast.CallExpr) string {
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg().Path() != "context" {
		return ""
	}
	switch fn.Name() {
	case "Background", "TODO":
		return fn.Name()
	}
	return ""
}

// Param returns the first named, non-blank parameter of context type in
// ftyp, or nil.
func Param(info *types.Info, ftyp *ast.FuncType) *types.Var {
	if ftyp == nil || ftyp.Params == nil {
		return nil
	}
	for _, field := range ftyp.Params.List {
		for _, name := range field.Names {
			if v, ok := info.Defs[name].(*types.Var); ok && name.Name != "_" && Is(v.Type()) {
				return v
			}
		}
	}
	return nil
}
