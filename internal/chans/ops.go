package chans

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"github.com/concvet/concvet/internal/refs"
	"github.com/concvet/concvet/internal/syncops"
)

// An OpKind is what an operation does to a channel or a WaitGroup.
type OpKind uint8

const (
	Send  OpKind = iota
	Recv         // a receive expression, or a receiving select case
	Range        // for range ch
	Close
	// A WaitGroup is modelled as a channel of completions: Done produces
	// toward Wait, which consumes them all.
	Done
	Wait
)

// An Op is a channel or WaitGroup operation of a function body.
type Op struct {
	Kind OpKind
	Key  refs.Key
	Ref  refs.Ref // the channel in the function's own terms
	Node ast.Node
	// Blocking is false for the cases of a select with a default: they
	// happen only if the other side is ready already.
	Blocking bool
	// Deferred is set for an operation of a deferred call: it runs when
	// the function returns, after everything else in it.
	Deferred bool
}

// Pos returns where the operation is.
func (o Op) Pos() token.Pos { return o.Node.Pos() }

// Ops returns, in source order, the channel and WaitGroup operations that
// body performs on its own goroutine: the bodies of function literals are
// left out (they run later, or on another goroutine), except those called
// on the spot or deferred.
func Ops(info *types.Info, body *ast.BlockStmt) []Op {
	var out []Op
	deferred := make(map[ast.Node]bool) // the calls of defer statements, and their literals' bodies
	ast.Inspect(body, func(n ast.Node) bool {
		if d, ok := n.(*ast.DeferStmt); ok {
			ast.Inspect(d.Call, func(m ast.Node) bool {
				deferred[m] = true
				return true
			})
		}
		return true
	})
	add := func(kind OpKind, ch ast.Expr, n ast.Node, blocking bool) {
		r := refs.Of(info, ch)
		if !r.Valid() || !(IsChan(info.TypeOf(ch)) || syncops.IsWaitGroup(info.TypeOf(ch))) {
			return
		}
		if k := refs.KeyOf(r); k.Valid() {
			out = append(out, Op{Kind: kind, Key: k, Ref: r, Node: n, Blocking: blocking, Deferred: deferred[n]})
		}
	}
	nonBlocking := make(map[ast.Node]bool) // the comm clauses of selects with a default
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if lit, ok := ast.Unparen(n.Fun).(*ast.FuncLit); ok {
				ast.Inspect(lit.Body, visit)
			}
			if IsClose(info, n) && len(n.Args) == 1 {
				add(Close, n.Args[0], n, true)
			}
			if name, r := syncops.WaitGroup(info, n); r.Valid() && (name == "Done" || name == "Wait") {
				kind := Done
				if name == "Wait" {
					kind = Wait
				}
				add(kind, ast.Unparen(n.Fun).(*ast.SelectorExpr).X, n, true)
			}
		case *ast.SelectStmt:
			hasDefault := false
			for _, c := range n.Body.List {
				if c.(*ast.CommClause).Comm == nil {
					hasDefault = true
				}
			}
			if hasDefault {
				for _, c := range n.Body.List {
					if comm := c.(*ast.CommClause).Comm; comm != nil {
						nonBlocking[comm] = true
					}
				}
			}
		case *ast.SendStmt:
			add(Send, n.Chan, n, !nonBlocking[n])
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				add(Recv, n.X, n, !inNonBlocking(n, nonBlocking))
			}
		case *ast.RangeStmt:
			if IsChan(info.TypeOf(n.X)) {
				add(Range, n.X, n, true)
			}
		}
		return true
	}
	ast.Inspect(body, visit)
	slices.SortStableFunc(out, func(a, b Op) int { return int(a.Pos() - b.Pos()) })
	return out
}

// inNonBlocking reports whether the receive u is the communication of a
// select case with a default. Only the receive itself counts: the comm
// statement is u, <-ch as a statement, or v := <-ch.
func inNonBlocking(u *ast.UnaryExpr, nonBlocking map[ast.Node]bool) bool {
	for comm := range nonBlocking {
		switch c := comm.(type) {
		case *ast.ExprStmt:
			if ast.Unparen(c.X) == u {
				return true
			}
		case *ast.AssignStmt:
			if len(c.Rhs) == 1 && ast.Unparen(c.Rhs[0]) == u {
				return true
			}
		}
	}
	return false
}

// Capacities records, for each channel key of a package, the capacities of
// the makes assigned to it: 0 for an unbuffered channel, a constant, or -1
// when the capacity is not a constant.
type Capacities map[refs.Key][]int64

// IndexCapacities finds every make(chan T, n) assigned to a variable or a
// field, or set in a composite literal of a named struct type.
func IndexCapacities(info *types.Info, files []*ast.File) Capacities {
	caps := make(Capacities)
	capOf := func(e ast.Expr) (int64, bool) {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok {
			return 0, false
		}
		if id, ok := ast.Unparen(call.Fun).(*ast.Ident); !ok || id.Name != "make" || !IsChan(info.TypeOf(call)) {
			return 0, false
		}
		if len(call.Args) < 2 {
			return 0, true
		}
		if tv := info.Types[call.Args[1]]; tv.Value != nil {
			if n, ok := constant.Int64Val(tv.Value); ok {
				return n, true
			}
		}
		return -1, true
	}
	note := func(k refs.Key, e ast.Expr) {
		if n, ok := capOf(e); ok && k.Valid() {
			caps[k] = append(caps[k], n)
		}
	}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				if len(n.Lhs) == len(n.Rhs) {
					for i := range n.Lhs {
						note(refs.KeyOf(refs.Of(info, n.Lhs[i])), n.Rhs[i])
					}
				}
			case *ast.ValueSpec:
				if len(n.Names) == len(n.Values) {
					for i, id := range n.Names {
						if v, ok := info.Defs[id].(*types.Var); ok {
							note(refs.Key{Var: v}, n.Values[i])
						}
					}
				}
			case *ast.CompositeLit:
				t := info.TypeOf(n)
				if p, ok := types.Unalias(t).(*types.Pointer); ok {
					t = p.Elem()
				}
				named, ok := types.Unalias(t).(*types.Named)
				if !ok {
					return true
				}
				for _, elt := range n.Elts {
					if kv, ok := elt.(*ast.KeyValueExpr); ok {
						if id, ok := kv.Key.(*ast.Ident); ok {
							note(refs.Key{Owner: named.Origin().Obj(), Path: "." + id.Name}, kv.Value)
						}
					}
				}
			}
			return true
		})
	}
	return caps
}

// Unbuffered reports whether every make of the channel k that the package
// shows is unbuffered, or none is visible (a channel made elsewhere: the
// caller decides what that means).
func (c Capacities) Unbuffered(k refs.Key) bool {
	for _, n := range c[k] {
		if n != 0 {
			return false
		}
	}
	return true
}

// Handoff reports whether an operation of the spawner, among spawner (the
// operations after its go statement), completes only after the goroutine
// has reached one of goroutine (its operations after the point of
// interest): the goroutine's send or close that the spawner receives, its
// Done of a WaitGroup the spawner waits on, or
// the goroutine's receive of the spawner's blocking send on a channel that
// is unbuffered (or made where the package cannot see, which is left to
// the caller's judgement through unknownIsUnbuffered).
func Handoff(goroutine, spawner []Op, caps Capacities, unknownIsUnbuffered bool) bool {
	for _, g := range goroutine {
		for _, s := range spawner {
			if g.Key != s.Key || !s.Blocking {
				continue
			}
			switch {
			case (g.Kind == Send || g.Kind == Close) && (s.Kind == Recv || s.Kind == Range):
				return true
			case g.Kind == Done && s.Kind == Wait:
				return true
			case (g.Kind == Recv || g.Kind == Range) && g.Blocking && s.Kind == Send:
				if _, known := caps[s.Key]; (known || unknownIsUnbuffered) && caps.Unbuffered(s.Key) {
					return true
				}
			}
		}
	}
	return false
}
