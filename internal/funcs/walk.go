package funcs

import "go/ast"

// Calls calls f, in source order, for each call that runs on the calling
// goroutine when node runs: function literals are skipped unless called on
// the spot, and so are the calls of go and defer statements (they run on
// another goroutine, or later). The arguments of a deferred call are
// evaluated now, so their calls are visited.
func Calls(node ast.Node, f func(*ast.CallExpr)) {
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.GoStmt, *ast.DeferStmt:
			var call *ast.CallExpr
			if g, ok := n.(*ast.GoStmt); ok {
				call = g.Call
			} else {
				call = n.(*ast.DeferStmt).Call
			}
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
				ast.Inspect(sel.X, visit)
			}
			for _, a := range call.Args {
				ast.Inspect(a, visit)
			}
			return false
		case *ast.CallExpr:
			for _, a := range n.Args {
				ast.Inspect(a, visit)
			}
			if lit, ok := ast.Unparen(n.Fun).(*ast.FuncLit); ok {
				// Called on the spot: its body runs now, and its
				// deferred calls when it returns.
				ast.Inspect(lit.Body, visit)
				Deferred(lit.Body, f)
			} else {
				ast.Inspect(n.Fun, visit)
			}
			f(n)
			return false
		}
		return true
	}
	ast.Inspect(node, visit)
}

// Deferred calls f for each call that a defer statement of body (outside
// nested function literals) makes when the function returns: the deferred
// call itself, and the calls of a deferred function literal.
func Deferred(body *ast.BlockStmt, f func(*ast.CallExpr)) {
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			if lit, ok := ast.Unparen(n.Call.Fun).(*ast.FuncLit); ok {
				Calls(lit.Body, f)
			} else {
				f(n.Call)
			}
			return false
		}
		return true
	})
}

// Closures returns the function literals of body that are not called on
// the spot (including those started with go or deferred), outermost only:
// code that runs at a time the analysis of body cannot place.
func Closures(body *ast.BlockStmt) []*ast.FuncLit {
	var out []*ast.FuncLit
	onSpot := make(map[*ast.FuncLit]bool)
	later := make(map[*ast.CallExpr]bool) // the calls of go and defer statements
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GoStmt:
			later[n.Call] = true
		case *ast.DeferStmt:
			later[n.Call] = true
		case *ast.CallExpr:
			if lit, ok := ast.Unparen(n.Fun).(*ast.FuncLit); ok && !later[n] {
				onSpot[lit] = true
			}
		case *ast.FuncLit:
			if !onSpot[n] {
				out = append(out, n)
				return false
			}
		}
		return true
	})
	return out
}
