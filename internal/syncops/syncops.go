// Package syncops recognizes calls of the sync primitives' methods and names
// the primitive they act on as a refs.Ref.
package syncops

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/concvet/concvet/internal/refs"
)

// MethodCall returns the name of the method of pkg.typ that call invokes and
// the reference to the receiver it is invoked on (including any embedded
// fields the selection walks through). The name is "" when call is not such
// a method call; the Ref is invalid when the receiver is not a trackable
// reference.
func MethodCall(info *types.Info, call *ast.CallExpr, pkg, typ string) (string, refs.Ref) {
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok {
		return "", refs.Ref{}
	}
	recv := fn.Signature().Recv()
	if recv == nil || fn.Pkg() == nil || fn.Pkg().Path() != pkg {
		return "", refs.Ref{}
	}
	if named := namedOf(recv.Type()); named == nil || named.Obj().Name() != typ {
		return "", refs.Ref{}
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return fn.Name(), refs.Ref{}
	}
	r := refs.Of(info, sel.X)
	if s, ok := info.Selections[sel]; ok && r.Valid() {
		r = refs.Embedded(r, s)
	}
	return fn.Name(), r
}

// WaitGroup returns the sync.WaitGroup method that call invokes ("Add",
// "Done", "Wait", "Go"), and the WaitGroup it acts on.
func WaitGroup(info *types.Info, call *ast.CallExpr) (string, refs.Ref) {
	return MethodCall(info, call, "sync", "WaitGroup")
}

func namedOf(t types.Type) *types.Named {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, _ := types.Unalias(t).(*types.Named)
	return n
}

// IsWaitGroup reports whether t is sync.WaitGroup or a pointer to one.
func IsWaitGroup(t types.Type) bool {
	if t == nil {
		return false
	}
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n := namedOf(t)
	return n != nil && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "sync" && n.Obj().Name() == "WaitGroup"
}
