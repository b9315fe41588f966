package funcs

import (
	"go/ast"
	"go/types"
)

// A CallSite is a direct call of a function of the package.
type CallSite struct {
	Call *ast.CallExpr
	Recv ast.Expr      // the receiver expression of a method call
	Decl *ast.FuncDecl // the declared function the call is in (the one around its literal, if any)
	Lit  *ast.FuncLit  // the innermost function literal the call is in, if any
	// InLoop is set when a loop of the call's own function (the literal,
	// or else the declaration) encloses it.
	InLoop bool
	// Go is set when the call is the call of a go statement: the callee
	// runs on a goroutine of its own.
	Go bool
}

// CallIndex indexes who calls each function of a package, directly.
type CallIndex struct {
	Sites map[*types.Func][]CallSite
	// Other holds the functions used otherwise than as the callee of a
	// call (a method value, a function value): not all their callers are
	// known.
	Other map[*types.Func]bool
}

// IndexCalls finds, in files, every direct call of a function of decls.
func IndexCalls(info *types.Info, decls Decls, files []*ast.File) *CallIndex {
	c := &CallIndex{Sites: make(map[*types.Func][]CallSite), Other: make(map[*types.Func]bool)}
	called := make(map[*ast.Ident]bool)
	for _, f := range files {
		var stack []ast.Node
		ast.Inspect(f, func(n ast.Node) bool {
			if n == nil {
				stack = stack[:len(stack)-1]
				return true
			}
			stack = append(stack, n)
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			t := Resolve(info, decls, call)
			if t.Decl == nil {
				return true
			}
			switch fun := ast.Unparen(call.Fun).(type) {
			case *ast.Ident:
				called[fun] = true
			case *ast.SelectorExpr:
				called[fun.Sel] = true
			}
			s := CallSite{Call: call, Recv: t.Recv}
			if len(stack) >= 2 {
				if g, ok := stack[len(stack)-2].(*ast.GoStmt); ok && g.Call == call {
					s.Go = true
				}
			}
			own := true // still inside the call's own function
			for i := len(stack) - 2; i >= 0; i-- {
				switch n := stack[i].(type) {
				case *ast.ForStmt, *ast.RangeStmt:
					if own {
						s.InLoop = true
					}
				case *ast.FuncLit:
					if s.Lit == nil {
						s.Lit = n
					}
					own = false
				case *ast.FuncDecl:
					s.Decl = n
				}
				if s.Decl != nil {
					break
				}
			}
			c.Sites[t.Func] = append(c.Sites[t.Func], s)
			return true
		})
	}
	for id, obj := range info.Uses {
		if fn, ok := obj.(*types.Func); ok && !called[id] {
			c.Other[fn.Origin()] = true
		}
	}
	return c
}
