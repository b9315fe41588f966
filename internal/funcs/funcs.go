// Package funcs knows about calls: what a go statement or a call runs (a
// function literal, or a declared function or method whose body is in this
// package or whose summary is a fact from a dependency), which calls run on
// the calling goroutine (walk.go), who calls each function (calls.go), and
// which calls never come back (exits.go).
package funcs

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
	irtypeutil "honnef.co/go/tools/go/types/typeutil"
)

// Decls indexes the function declarations of a package by their object.
type Decls map[*types.Func]*ast.FuncDecl

// IndexDecls returns the declarations of the package's functions and methods.
func IndexDecls(info *types.Info, ins *inspector.Inspector) Decls {
	decls := make(Decls)
	for n := range ins.PreorderSeq((*ast.FuncDecl)(nil)) {
		decl := n.(*ast.FuncDecl)
		if fn, ok := info.Defs[decl.Name].(*types.Func); ok && decl.Body != nil {
			decls[fn] = decl
		}
	}
	return decls
}

// A Target is what a call or go statement runs.
type Target struct {
	Call *ast.CallExpr
	Lit  *ast.FuncLit  // the literal called, if the callee is one
	Func *types.Func   // the declared function or method called, if static
	Decl *ast.FuncDecl // Func's declaration, if it is in this package
	Recv ast.Expr      // the receiver expression of a method call
	Sig  *types.Signature
}

// Body returns the body of the called function, when it is in this package.
func (t Target) Body() *ast.BlockStmt {
	switch {
	case t.Lit != nil:
		return t.Lit.Body
	case t.Decl != nil:
		return t.Decl.Body
	}
	return nil
}

// Node returns the function syntax (literal or declaration), if any.
func (t Target) Node() ast.Node {
	switch {
	case t.Lit != nil:
		return t.Lit
	case t.Decl != nil:
		return t.Decl
	}
	return nil
}

// Known reports whether the callee was identified.
func (t Target) Known() bool { return t.Lit != nil || t.Func != nil }

// Resolve returns the target of call. Calls of function values, interface
// methods and method values are unknown targets.
func Resolve(info *types.Info, decls Decls, call *ast.CallExpr) Target {
	t := Target{Call: call}
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.FuncLit:
		t.Lit = fun
		t.Sig, _ = info.TypeOf(fun).(*types.Signature)
		return t
	case *ast.SelectorExpr:
		if sel, ok := info.Selections[fun]; ok {
			if sel.Kind() != types.MethodVal {
				return t // method expression or field of func type
			}
			if types.IsInterface(sel.Recv()) {
				return t
			}
			t.Recv = fun.X
		}
	}
	fn := typeutil.StaticCallee(info, call)
	if fn == nil {
		return Target{Call: call}
	}
	t.Func = fn.Origin()
	t.Decl = decls[t.Func]
	t.Sig = t.Func.Signature()
	return t
}

// Enclosing returns the innermost function (declaration or literal) and the
// file that contain cur.
func Enclosing(cur inspector.Cursor) (fn ast.Node, file *ast.File) {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil), (*ast.File)(nil)) {
		switch n := c.Node().(type) {
		case *ast.File:
			return fn, n
		default:
			if fn == nil {
				fn = n
			}
		}
	}
	return fn, nil
}

// InLoop reports whether a for or range statement of cur's own function
// encloses it: code there may run many times. A loop around the function
// literal that contains cur does not count.
func InLoop(cur inspector.Cursor) bool {
	for c := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		switch c.Node().(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return false
		}
		return true
	}
	return false
}

// EndsGoroutine reports whether call ends its goroutine and nothing more:
// runtime.Goexit, and what calls it — a test's Fatal, FailNow and Skip
// family, and testify's require.Fail and FailNow.
func EndsGoroutine(info *types.Info, call *ast.CallExpr) bool {
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok {
		return false
	}
	switch irtypeutil.FuncName(fn) {
	case "runtime.Goexit",
		"(*testing.common).FailNow", "(*testing.common).Fatal", "(*testing.common).Fatalf",
		"(*testing.common).SkipNow", "(*testing.common).Skip", "(*testing.common).Skipf",
		"(testing.TB).FailNow", "(testing.TB).Fatal", "(testing.TB).Fatalf",
		"(testing.TB).SkipNow", "(testing.TB).Skip", "(testing.TB).Skipf",
		"github.com/stretchr/testify/require.Fail", "github.com/stretchr/testify/require.FailNow":
		return true
	}
	return false
}

// NeverReturns reports whether call certainly does not return: it ends its
// goroutine (EndsGoroutine), panics, or ends the process (os.Exit, the
// Fatal and Panic functions and methods of package log).
func NeverReturns(info *types.Info, call *ast.CallExpr) bool {
	if EndsGoroutine(info, call) {
		return true
	}
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := info.Uses[id].(*types.Builtin); ok && b.Name() == "panic" {
			return true
		}
	}
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok {
		return false
	}
	switch irtypeutil.FuncName(fn) {
	case "os.Exit",
		"log.Fatal", "log.Fatalf", "log.Fatalln", "log.Panic", "log.Panicf", "log.Panicln",
		"(*log.Logger).Fatal", "(*log.Logger).Fatalf", "(*log.Logger).Fatalln",
		"(*log.Logger).Panic", "(*log.Logger).Panicf", "(*log.Logger).Panicln":
		return true
	}
	return false
}

// PathTo returns the path from the syntax node at pos up to its file (as
// astutil.PathEnclosingInterval gives it), searching the files of a
// package; nil when pos is in none of them.
func PathTo(files []*ast.File, pos token.Pos) []ast.Node {
	for _, f := range files {
		if f.Pos() <= pos && pos < f.End() {
			path, _ := astutil.PathEnclosingInterval(f, pos, pos)
			return path
		}
	}
	return nil
}
