package racewrite

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"github.com/concvet/concvet/internal/refs"
)

// An access is a read or a write of a variable or a field path below one.
type access struct {
	expr ast.Expr
	ref  refs.Ref
	// write is set for an assignment, an increment, append's result
	// assigned back; mapWrite for a map element stored or deleted.
	write, mapWrite bool
	// held is set when a mutex is held on every path to the access.
	held bool
	// before are the acquires that its goroutine may perform before it,
	// after the releases it may perform after it.
	before, after levels
	inGoroutine   bool
}

func (a *access) describe() string {
	switch {
	case a.mapWrite:
		return fmt.Sprintf("writes to map %s", a.ref)
	case a.write:
		return fmt.Sprintf("writes %s", a.ref)
	}
	return fmt.Sprintf("reads %s", a.ref)
}

// A goroutine is a function literal started on a goroutine of its own,
// with its accesses to storage that it shares with the function that
// starts it.
type goroutine struct {
	node     ast.Node // the go statement, or the call of Go
	lit      *ast.FuncLit
	accesses []*access
}

// roots returns the variables that g accesses, in order of first access.
func (g *goroutine) roots() []*types.Var {
	var out []*types.Var
	for _, a := range g.accesses {
		v := a.ref.Root.(*types.Var)
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// spawns returns the goroutines that body starts itself, in source order:
// go statements and Go calls whose function is a literal. A group limited
// to one goroutine at a time (SetLimit(1)) runs them one after the other.
func (c *checker) spawns(body *ast.BlockStmt) []*goroutine {
	info := c.pass.TypesInfo
	serial := false
	var out []*goroutine
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.GoStmt:
			if lit, ok := ast.Unparen(n.Call.Fun).(*ast.FuncLit); ok {
				out = append(out, &goroutine{node: n, lit: lit})
			}
		case *ast.CallExpr:
			if lit := spawnLit(info, n); lit != nil {
				out = append(out, &goroutine{node: n, lit: lit})
			}
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "SetLimit" && len(n.Args) == 1 {
				if tv := info.Types[n.Args[0]]; tv.Value != nil && constant.Compare(tv.Value, token.EQL, constant.MakeInt64(1)) {
					serial = true
				}
			}
		}
		return true
	})
	if serial {
		out = slices.DeleteFunc(out, func(g *goroutine) bool { _, isGo := g.node.(*ast.GoStmt); return !isGo })
	}
	for _, g := range out {
		c.index(g)
	}
	return slices.DeleteFunc(out, func(g *goroutine) bool { return g.lit.Body == nil })
}

// index collects g's accesses to storage declared outside its literal,
// with the locks and synchronizations around each.
func (c *checker) index(g *goroutine) {
	lit := g.lit
	graph := c.cfgs.FuncLit(lit)
	if graph == nil {
		return
	}
	shared := func(v *types.Var) bool {
		return !(lit.Pos() <= v.Pos() && v.Pos() < lit.End())
	}
	f := c.newFlow(graph, func(v *types.Var) bool { return c.admissible(v) && shared(v) })
	if _, isGo := g.node.(*ast.GoStmt); !isGo {
		// Go's function returning is what the group's Wait waits for.
		f.deferred.strong = true
	}
	for _, b := range graph.Blocks {
		for _, n := range f.nodes[b] {
			if !b.Live {
				continue
			}
			for _, a := range f.accessesIn(n, nil) {
				a.before = f.acquiredBefore(n, a.write)
				a.after = f.releasedAfter(n, !a.write)
				a.inGoroutine = true
				g.accesses = append(g.accesses, a)
			}
		}
	}
	slices.SortStableFunc(g.accesses, func(a, b *access) int { return cmp.Compare(a.expr.Pos(), b.expr.Pos()) })
}

// admissible reports whether v is storage that racewrite follows: a
// variable of this package's code, not a loop's per-iteration variable,
// not a synchronization value itself.
func (c *checker) admissible(v *types.Var) bool {
	if v.IsField() || v.Name() == "_" || v.Pkg() != c.pass.Pkg || c.loopVars[v] {
		return false
	}
	// A sync value itself (a Mutex, a WaitGroup, an atomic.Int64) is
	// used through its methods, which synchronize. A variable holding a
	// context or a cancel function is plain storage: reassigning it while
	// a goroutine reads it races like any other write.
	if n, ok := types.Unalias(deref(v.Type())).(*types.Named); ok {
		if pkg := n.Obj().Pkg(); pkg != nil && syncPackage(pkg.Path()) && pkg.Path() != "context" {
			return false
		}
	}
	return true
}

// collect returns the accesses that node n makes itself, to the variables
// that admit accepts: not those of function literals it holds (they run
// elsewhere, or later), nor of deferred calls, nor through an address
// taken (&x handed to a call may be an atomic operation).
func collect(info *types.Info, n ast.Node, admit func(*types.Var) bool) []*access {
	var out []*access
	add := func(e ast.Expr, write, mapWrite bool) bool {
		if !pureChain(info, e) {
			return false
		}
		r := refs.Of(info, e)
		v, ok := r.Root.(*types.Var)
		if !ok || !admit(v) {
			return true // a pure chain of nothing shared: nothing below it either
		}
		out = append(out, &access{expr: e, ref: r, write: write, mapWrite: mapWrite})
		return true
	}
	var visit func(m ast.Node) bool
	reads := func(e ast.Node) {
		if e != nil {
			ast.Inspect(e, visit)
		}
	}
	write := func(lhs ast.Expr) {
		lhs = ast.Unparen(lhs)
		if id, ok := lhs.(*ast.Ident); ok && id.Name == "_" {
			return
		}
		if add(lhs, true, false) {
			return
		}
		if ix, ok := lhs.(*ast.IndexExpr); ok {
			if _, isMap := typeUnder(info.TypeOf(ix.X)).(*types.Map); isMap && add(ast.Unparen(ix.X), true, true) {
				reads(ix.Index)
				return
			}
		}
		reads(lhs)
	}
	visit = func(m ast.Node) bool {
		switch m := m.(type) {
		case *ast.FuncLit, *ast.DeferStmt:
			return false
		case *ast.GoStmt:
			if _, ok := ast.Unparen(m.Call.Fun).(*ast.FuncLit); !ok {
				reads(m.Call.Fun)
			}
			for _, arg := range m.Call.Args {
				reads(arg)
			}
			return false
		case *ast.RangeStmt:
			return false // its head; X was evaluated before the loop
		case *ast.AssignStmt:
			for _, lhs := range m.Lhs {
				if id, ok := lhs.(*ast.Ident); ok && m.Tok == token.DEFINE && info.Defs[id] != nil {
					continue
				}
				if m.Tok != token.ASSIGN && m.Tok != token.DEFINE {
					reads(lhs)
				}
				write(lhs)
			}
			for _, rhs := range m.Rhs {
				reads(rhs)
			}
			return false
		case *ast.IncDecStmt:
			write(m.X)
			return false
		case *ast.UnaryExpr:
			return m.Op != token.AND
		case *ast.CallExpr:
			if id, ok := ast.Unparen(m.Fun).(*ast.Ident); ok && len(m.Args) > 0 {
				if b, ok := info.Uses[id].(*types.Builtin); ok && (b.Name() == "delete" || b.Name() == "clear") {
					if _, isMap := typeUnder(info.TypeOf(m.Args[0])).(*types.Map); isMap && add(ast.Unparen(m.Args[0]), true, true) {
						for _, arg := range m.Args[1:] {
							reads(arg)
						}
						return false
					}
				}
			}
		case *ast.Ident:
			if info.Defs[m] != nil {
				return false
			}
			add(m, false, false)
			return false
		case *ast.SelectorExpr:
			if add(m, false, false) {
				return false
			}
		}
		return true
	}
	ast.Inspect(n, visit)
	return out
}

// pureChain reports whether e is a variable or a chain of field selections
// below one: storage the analysis can name.
func pureChain(info *types.Info, e ast.Expr) bool {
	for {
		switch x := e.(type) {
		case *ast.ParenExpr:
			e = x.X
		case *ast.Ident:
			_, ok := info.ObjectOf(x).(*types.Var)
			return ok
		case *ast.SelectorExpr:
			sel, ok := info.Selections[x]
			if !ok {
				_, ok := info.Uses[x.Sel].(*types.Var) // pkg.Var
				return ok
			}
			if sel.Kind() != types.FieldVal {
				return false
			}
			e = x.X
		default:
			return false
		}
	}
}

func typeUnder(t types.Type) types.Type {
	if t == nil {
		return nil
	}
	return t.Underlying()
}
