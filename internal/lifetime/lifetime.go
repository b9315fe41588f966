// Package lifetime finds the code that runs once per process: main and init
// of a command, the functions a command reaches from them through direct
// calls outside loops, the functions passed to the Do of a package-level
// sync.Once, and the functions guarded by a package-level started flag. A
// goroutine started there lives as long as the process by design; it is
// not a leak that grows. So does a signal handler: a goroutine waiting on
// a channel registered with signal.Notify.
package lifetime

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/concvet/concvet/internal/funcs"
	"github.com/concvet/concvet/internal/refs"
	"github.com/concvet/concvet/internal/syncops"
)

// Once is the set of functions (declared or literal) of a package that run
// at most once per process.
type Once struct {
	lits    map[*ast.FuncLit]bool
	funcs   map[*types.Func]bool
	signals map[refs.Key]bool // channels registered with signal.Notify
	info    *types.Info
}

// Find computes the functions of a package that run once. Those of a
// command (main and what it reaches once) count only when commands is set.
func Find(pkg *types.Package, info *types.Info, files []*ast.File, commands bool) *Once {
	o := &Once{lits: make(map[*ast.FuncLit]bool), funcs: make(map[*types.Func]bool), signals: make(map[refs.Key]bool), info: info}
	decls := make(funcs.Decls)
	for _, f := range files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				if fn, ok := info.Defs[fd.Name].(*types.Func); ok {
					decls[fn] = fd
				}
			}
		}
	}

	// The roots: main and init of a command, init of any other package,
	// sync.Once.Do arguments, and functions guarded by a started flag.
	for fn, decl := range decls {
		if commands && pkg.Name() == "main" && decl.Recv == nil && (fn.Name() == "main" || fn.Name() == "init") {
			o.funcs[fn] = true
		}
		if pkg.Name() != "main" && decl.Recv == nil && fn.Name() == "init" {
			o.funcs[fn] = true // a library's init runs once per process too
		}
		if guardedByFlag(info, decl.Body) {
			o.funcs[fn] = true
		}
	}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if fn, ok := typeutil.Callee(info, call).(*types.Func); ok && fn.Pkg() != nil && fn.Pkg().Path() == "os/signal" && fn.Name() == "Notify" && len(call.Args) > 0 {
				if k := refs.KeyOf(refs.Of(info, call.Args[0])); k.Valid() {
					o.signals[k] = true
				}
			}
			if len(call.Args) != 1 {
				return true
			}
			if name, r := syncops.MethodCall(info, call, "sync", "Once"); name != "Do" || !packageLevel(r) {
				return true
			}
			switch arg := ast.Unparen(call.Args[0]).(type) {
			case *ast.FuncLit:
				o.lits[arg] = true
			case *ast.Ident:
				if fn, ok := info.Uses[arg].(*types.Func); ok {
					o.funcs[fn.Origin()] = true
				}
			case *ast.SelectorExpr:
				if fn, ok := info.Uses[arg.Sel].(*types.Func); ok {
					o.funcs[fn.Origin()] = true
				}
			}
			return true
		})
	}

	// A function of the package every use of which is a direct call,
	// outside any loop, from a function that runs once, runs once too.
	sites := make(map[*types.Func][]bool) // per use: runs once
	other := make(map[*types.Func]bool)
	inOnce := func(stack []ast.Node) bool {
		for i := len(stack) - 1; i >= 0; i-- {
			switch n := stack[i].(type) {
			case *ast.ForStmt, *ast.RangeStmt, *ast.GoStmt:
				return false
			case *ast.FuncLit:
				if o.lits[n] {
					return true
				}
				// A literal called on the spot runs where it stands.
				if i > 0 {
					if call, ok := stack[i-1].(*ast.CallExpr); ok && ast.Unparen(call.Fun) == n {
						continue
					}
				}
				return false
			case *ast.FuncDecl:
				fn, _ := info.Defs[n.Name].(*types.Func)
				return fn != nil && o.funcs[fn]
			}
		}
		return false
	}
	for changed := true; changed; {
		changed = false
		clear(sites)
		clear(other)
		for _, f := range files {
			var stack []ast.Node
			ast.Inspect(f, func(n ast.Node) bool {
				if n == nil {
					stack = stack[:len(stack)-1]
					return true
				}
				stack = append(stack, n)
				id, ok := n.(*ast.Ident)
				if !ok {
					return true
				}
				fn, ok := info.Uses[id].(*types.Func)
				if !ok || decls[fn.Origin()] == nil {
					return true
				}
				fn = fn.Origin()
				if !directCallee(stack, id) {
					other[fn] = true
					return true
				}
				sites[fn] = append(sites[fn], inOnce(stack[:len(stack)-1]))
				return true
			})
		}
		for fn, uses := range sites {
			if o.funcs[fn] || other[fn] || fn.Exported() {
				continue
			}
			all := true
			for _, once := range uses {
				all = all && once
			}
			if all {
				o.funcs[fn] = true
				changed = true
			}
		}
	}
	return o
}

// directCallee reports whether id, the last node of stack, is the function
// of a call (f() or x.f()).
func directCallee(stack []ast.Node, id *ast.Ident) bool {
	n := len(stack)
	var fun ast.Node = id
	if n >= 2 {
		if sel, ok := stack[n-2].(*ast.SelectorExpr); ok && sel.Sel == id {
			fun = sel
			n--
		}
	}
	if n < 2 {
		return false
	}
	call, ok := stack[n-2].(*ast.CallExpr)
	return ok && ast.Unparen(call.Fun) == fun
}

// packageLevel reports whether r is rooted at a package-level variable.
func packageLevel(r refs.Ref) bool {
	v, ok := r.Root.(*types.Var)
	return ok && v.Pkg() != nil && v.Parent() == v.Pkg().Scope()
}

// guardedByFlag reports whether body starts its work behind a package-level
// started flag: an `if flag { return }` at its top level, and an
// assignment of true to the same flag.
func guardedByFlag(info *types.Info, body *ast.BlockStmt) bool {
	var flag refs.Ref
	for _, st := range body.List {
		ifs, ok := st.(*ast.IfStmt)
		if !ok || ifs.Init != nil || ifs.Else != nil || len(ifs.Body.List) != 1 {
			continue
		}
		if _, ok := ifs.Body.List[0].(*ast.ReturnStmt); !ok {
			continue
		}
		if r := refs.Of(info, ifs.Cond); packageLevel(r) {
			flag = r
			break
		}
	}
	if !flag.Valid() {
		return false
	}
	set := false
	ast.Inspect(body, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok && as.Tok == token.ASSIGN && len(as.Lhs) == 1 && len(as.Rhs) == 1 {
			if refs.Of(info, as.Lhs[0]) == flag {
				if id, ok := ast.Unparen(as.Rhs[0]).(*ast.Ident); ok && id.Name == "true" {
					set = true
				}
			}
		}
		return !set
	})
	return set
}

// RunsOnce reports whether the declared function fn runs once per process.
func (o *Once) RunsOnce(fn *types.Func) bool { return o.funcs[fn.Origin()] }

// HandlesSignals reports whether the goroutine function fn waits on a
// channel registered with signal.Notify: a signal handler lives as long as
// the process by design.
func (o *Once) HandlesSignals(fn *ssa.Function) bool {
	var body *ast.BlockStmt
	switch syn := fn.Syntax().(type) {
	case *ast.FuncLit:
		body = syn.Body
	case *ast.FuncDecl:
		body = syn.Body
	}
	if body == nil || len(o.signals) == 0 {
		return false
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		var ch ast.Expr
		switch n := n.(type) {
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				ch = n.X
			}
		case *ast.RangeStmt:
			ch = n.X
		}
		if ch != nil && o.signals[refs.KeyOf(refs.Of(o.info, ch))] {
			found = true
		}
		return !found
	})
	return found
}

// Covers reports whether the SSA function fn runs once per process: a
// goroutine it starts is not a growing leak. A function literal inside
// such a function does not inherit it (a handler registered from main runs
// per request).
func (o *Once) Covers(fn *ssa.Function) bool {
	switch syn := fn.Syntax().(type) {
	case *ast.FuncLit:
		return o.lits[syn]
	case *ast.FuncDecl:
		obj, ok := fn.Object().(*types.Func)
		return ok && o.funcs[obj.Origin()]
	}
	return false
}
