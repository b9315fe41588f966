// Package prims indexes the synchronization operations of a package: the
// sends, receives, ranges and closes of channels, the Done and Wait of
// WaitGroups, the Wait, Signal and Broadcast of Conds — each with the
// storage it acts on as a refs.Key (so that s.ch in one method is c.ch in
// another), the function it runs in, and whether it can block. It also
// knows which primitives escape where the package cannot see all their
// operations. It is the channel-flow half of concvet's shared model; the
// lock half is internal/lockset.
package prims

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/concvet/concvet/internal/chans"
	"github.com/concvet/concvet/internal/lockset"
	"github.com/concvet/concvet/internal/refs"
	"github.com/concvet/concvet/internal/source"
	"github.com/concvet/concvet/internal/syncops"
)

// A Kind is what an operation does to its primitive.
type Kind uint8

const (
	Send     Kind = iota // ch <- v
	Recv                 // <-ch, v := <-ch, a receiving case, for range ch
	Close                // close(ch)
	Done                 // wg.Done()
	Wait                 // wg.Wait()
	CondWait             // c.Wait()
	Signal               // c.Signal(), c.Broadcast()
)

// An Op is one synchronization operation.
type Op struct {
	Kind Kind
	Key  refs.Key
	Ref  refs.Ref // the primitive in its function's own terms
	Node ast.Node // *ast.SendStmt, *ast.UnaryExpr, *ast.RangeStmt or *ast.CallExpr
	Func ast.Node // the *ast.FuncDecl or *ast.FuncLit it runs in
	// Blocking is set for an operation that waits until another goroutine
	// acts: a send, receive, Wait or Cond.Wait that is not a case of a
	// select with a default or another case.
	Blocking bool
	Deferred bool     // in a deferred call: runs when the function returns
	CondL    refs.Key // for CondWait: the Cond's L when known, which Wait releases
}

// An Index is the synchronization operations of a package.
type Index struct {
	Ops     []*Op // in source order
	ByKey   map[refs.Key][]*Op
	ByNode  map[ast.Node]*Op
	Escaped map[refs.Key]bool
	Caps    chans.Capacities
	fset    *token.FileSet
}

// Analyzer gives the analyzers that require it the package's Index,
// built once however many of them ask, and only when one does: most of
// them ask only when the package uses channels or sync, and in a unit that
// go vet analyses for its facts alone none does.
var Analyzer = &analysis.Analyzer{
	Name:       "prims",
	Doc:        "index the package's channel, WaitGroup and Cond operations (concvet's shared channel flow)",
	Requires:   []*analysis.Analyzer{inspect.Analyzer},
	ResultType: reflect.TypeFor[*Shared](),
	Run: func(pass *analysis.Pass) (any, error) {
		ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
		return &Shared{build: func() *Index { return New(pass, ins) }}, nil
	},
}

// Shared is Analyzer's result: the package's Index, built on the first
// call of Index. The analyzers of a unit run concurrently and share it, so
// none may change it.
type Shared struct {
	once  sync.Once
	build func() *Index
	index *Index
}

// Index returns the package's Index, building it on the first call.
func (s *Shared) Index() *Index {
	s.once.Do(func() {
		s.index = s.build()
		s.build = nil
	})
	return s.index
}

// For returns the shared Index of pass's package; pass's analyzer must
// require Analyzer.
func For(pass *analysis.Pass) *Index {
	return pass.ResultOf[Analyzer].(*Shared).Index()
}

// New indexes the package of pass. Analyzers use For, which builds it once
// for all of them.
func New(pass *analysis.Pass, ins *inspector.Inspector) *Index {
	info := pass.TypesInfo
	x := &Index{ByKey: make(map[refs.Key][]*Op), ByNode: make(map[ast.Node]*Op), fset: pass.Fset}
	lockers := lockset.IndexNewCond(info, ins)

	alone := make(map[ast.Node]bool) // comm statements of one-case selects, and none of the others
	inSelect := make(map[ast.Node]bool)
	for n := range ins.PreorderSeq((*ast.SelectStmt)(nil)) {
		sel := n.(*ast.SelectStmt)
		for _, c := range sel.Body.List {
			if comm := c.(*ast.CommClause).Comm; comm != nil {
				inSelect[comm] = true
				alone[comm] = len(sel.Body.List) == 1
			}
		}
	}
	for cur := range ins.Root().Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		fn := cur.Node()
		var body *ast.BlockStmt
		switch f := fn.(type) {
		case *ast.FuncDecl:
			body = f.Body
		case *ast.FuncLit:
			body = f.Body
		}
		if body == nil {
			continue
		}
		deferred := make(map[ast.Node]bool)
		var stmt ast.Stmt // the statement being walked, to find select cases
		add := func(k Kind, prim ast.Expr, node ast.Node, blocking bool) *Op {
			r := refs.Of(info, prim)
			key := refs.KeyOf(r)
			if !key.Valid() {
				return nil
			}
			if stmt != nil && inSelect[stmt] && !alone[stmt] {
				blocking = false
			}
			o := &Op{Kind: k, Key: key, Ref: r, Node: node, Func: fn, Blocking: blocking, Deferred: deferred[node]}
			x.Ops = append(x.Ops, o)
			x.ByKey[key] = append(x.ByKey[key], o)
			x.ByNode[node] = o
			return o
		}
		var visit func(n ast.Node) bool
		visit = func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.DeferStmt:
				ast.Inspect(n.Call, func(m ast.Node) bool {
					deferred[m] = true
					return true
				})
			case ast.Stmt:
				if inSelect[n] && stmt != n {
					stmt = n
					ast.Inspect(n, visit)
					stmt = nil
					return false
				}
			}
			switch n := n.(type) {
			case *ast.SendStmt:
				if chans.IsChan(info.TypeOf(n.Chan)) {
					add(Send, n.Chan, n, true)
				}
			case *ast.UnaryExpr:
				if n.Op == token.ARROW && chans.IsChan(info.TypeOf(n.X)) {
					add(Recv, n.X, n, true)
				}
			case *ast.RangeStmt:
				if chans.IsChan(info.TypeOf(n.X)) {
					add(Recv, n.X, n, true)
				}
			case *ast.CallExpr:
				if chans.IsClose(info, n) && len(n.Args) == 1 {
					add(Close, n.Args[0], n, false)
					break
				}
				sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr)
				if !ok {
					break
				}
				if name, r := syncops.WaitGroup(info, n); r.Valid() {
					switch name {
					case "Done":
						add(Done, sel.X, n, false)
					case "Wait":
						add(Wait, sel.X, n, true)
					}
				} else if name, r := syncops.Cond(info, n); r.Valid() {
					switch name {
					case "Wait":
						if o := add(CondWait, sel.X, n, true); o != nil {
							if l := lockers.Of(r); l.Valid() {
								o.CondL = refs.KeyOf(l)
							}
						}
					case "Signal", "Broadcast":
						add(Signal, sel.X, n, false)
					}
				}
			}
			return true
		}
		ast.Inspect(body, visit)
	}
	slices.SortStableFunc(x.Ops, x.bySource)
	x.Escaped = escapes(pass, ins)
	x.Caps = chans.IndexCapacities(info, pass.Files)
	return x
}

// Of returns the operations of the given kinds on key, in source order.
func (x *Index) Of(key refs.Key, kinds ...Kind) []*Op {
	var out []*Op
	for _, o := range x.ByKey[key] {
		if slices.Contains(kinds, o.Kind) {
			out = append(out, o)
		}
	}
	slices.SortStableFunc(out, x.bySource)
	return out
}

// bySource orders operations as the source does (source.ComparePos).
func (x *Index) bySource(a, b *Op) int { return source.ComparePos(x.fset, a.Node.Pos(), b.Node.Pos()) }

// Unbuffered reports whether every make of the channel key that the
// package shows is unbuffered, and there is one.
func (x *Index) Unbuffered(key refs.Key) bool {
	return x.Caps[key] != nil && x.Caps.Unbuffered(key)
}

// escapes returns the primitives (channels, WaitGroups, Conds) that the
// analysis cannot see all the operations of: exported fields and package
// variables, and any that is used otherwise than by an operation, a make
// assigned to it, a comparison, len or cap (passed to a function, stored
// elsewhere, returned, its address taken).
func escapes(pass *analysis.Pass, ins *inspector.Inspector) map[refs.Key]bool {
	info := pass.TypesInfo
	out := make(map[refs.Key]bool)
	// Fields set by position in an unkeyed literal (T{a, b, ch}): a value
	// that the literal does not make comes from elsewhere.
	for n := range ins.PreorderSeq((*ast.CompositeLit)(nil)) {
		cl := n.(*ast.CompositeLit)
		t := info.TypeOf(cl)
		if p, ok := types.Unalias(t).(*types.Pointer); ok {
			t = p.Elem()
		}
		named, ok := types.Unalias(t).(*types.Named)
		if !ok {
			continue
		}
		st, ok := named.Underlying().(*types.Struct)
		if !ok || len(cl.Elts) != st.NumFields() {
			continue
		}
		for i, elt := range cl.Elts {
			if _, keyed := elt.(*ast.KeyValueExpr); keyed {
				break
			}
			if !made(info, elt) {
				out[refs.Key{Owner: named.Origin().Obj(), Path: "." + st.Field(i).Name()}] = true
			}
		}
	}
	for cur := range ins.Root().Preorder((*ast.Ident)(nil), (*ast.SelectorExpr)(nil)) {
		e := cur.Node().(ast.Expr)
		t := info.TypeOf(e)
		if t == nil || !(chans.IsChan(t) || syncops.IsWaitGroup(t) || isCond(t)) {
			continue
		}
		if sel, ok := cur.Parent().Node().(*ast.SelectorExpr); ok && sel.Sel == e {
			continue // the selector s.ch is judged whole
		}
		if kv, ok := cur.Parent().Node().(*ast.KeyValueExpr); ok && kv.Key == e {
			// A field set in a composite literal: T{ch: v}.
			if k := literalField(info, cur.Parent().Parent().Node(), e); k.Valid() && !made(info, kv.Value) {
				out[k] = true
			}
			continue
		}
		k := refs.KeyOf(refs.Of(info, e))
		if !k.Valid() {
			continue
		}
		if k.Exported() {
			out[k] = true
		}
		if k.Var != nil {
			switch k.Var.Kind() {
			case types.ParamVar, types.RecvVar, types.ResultVar:
				out[k] = true // the caller's primitive: its other operations are elsewhere
			}
		}
		switch p := cur.Parent().Node().(type) {
		case *ast.SendStmt, *ast.RangeStmt, *ast.BinaryExpr, *ast.Field, *ast.ValueSpec:
			continue
		case *ast.UnaryExpr:
			if p.Op == token.ARROW {
				continue
			}
		case *ast.SelectorExpr:
			if p.X == e {
				continue // s.wg.Wait(): a method of the primitive
			}
		case *ast.CallExpr:
			if id, ok := ast.Unparen(p.Fun).(*ast.Ident); ok {
				if b, ok := info.Uses[id].(*types.Builtin); ok && (b.Name() == "close" || b.Name() == "len" || b.Name() == "cap") {
					continue
				}
			}
		case *ast.AssignStmt:
			if i := slices.Index(p.Lhs, e); i >= 0 {
				if len(p.Lhs) == len(p.Rhs) && made(info, p.Rhs[i]) {
					continue // made or reset here
				}
				out[k] = true // another primitive's value: its operations are elsewhere
				continue
			}
		}
		out[k] = true
	}
	return out
}

// literalField returns the key of the field that id names in the
// composite literal lit.
func literalField(info *types.Info, lit ast.Node, id ast.Expr) refs.Key {
	cl, ok := lit.(*ast.CompositeLit)
	name, ok2 := id.(*ast.Ident)
	if !ok || !ok2 {
		return refs.Key{}
	}
	t := info.TypeOf(cl)
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return refs.Key{Owner: n.Origin().Obj(), Path: "." + name.Name}
	}
	return refs.Key{}
}

// made reports whether e makes a new primitive (make, sync.NewCond, a
// composite literal) or is nil: assigning it does not alias another one.
func made(info *types.Info, e ast.Expr) bool {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	switch e := e.(type) {
	case *ast.CompositeLit:
		return true
	case *ast.Ident:
		return info.Types[e].IsNil()
	case *ast.CallExpr:
		if id, ok := ast.Unparen(e.Fun).(*ast.Ident); ok {
			if b, ok := info.Uses[id].(*types.Builtin); ok && b.Name() == "make" {
				return true
			}
		}
		if fn, ok := typeutil.Callee(info, e).(*types.Func); ok && fn.Pkg() != nil && fn.Pkg().Path() == "sync" && fn.Name() == "NewCond" {
			return true
		}
	}
	return false
}

func isCond(t types.Type) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "sync" && n.Obj().Name() == "Cond"
}
