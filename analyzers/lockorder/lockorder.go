package lockorder

import (
	"cmp"
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"

	"github.com/concvet/concvet/internal/docs"
	"github.com/concvet/concvet/internal/files"
	"github.com/concvet/concvet/internal/funcs"
	"github.com/concvet/concvet/internal/lockeffects"
	"github.com/concvet/concvet/internal/locks"
	"github.com/concvet/concvet/internal/lockset"
	"github.com/concvet/concvet/internal/refs"
	"github.com/concvet/concvet/internal/typesutil"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:     "lockorder",
	Doc:      docs.FromSource(doc),
	URL:      docs.URL("lockorder"),
	Requires: []*analysis.Analyzer{inspect.Analyzer, ctrlflow.Analyzer, lockeffects.Analyzer},
	Run:      run,
}

// An edge records that to was locked while from was held.
type edge struct {
	from, to         refs.Key
	fromMode, toMode locks.Mode
	call             *ast.CallExpr // the call that locks to
	chain            []string      // the functions from the caller to the Lock
	fn               string        // the function that makes the call
	held             lockset.Set   // everything held at the call
	// test is set for an edge in a _test.go file. A test that takes a
	// production type's locks in its own order stages an interleaving; it
	// is paired only with other test edges.
	test bool
	// scope is, for an edge in a test file whose two mutexes belong to
	// local variables, the top-level function that made them: a test's
	// own objects, which another test's edge never shares.
	scope ast.Node
	// decl is the declared function that makes the call (nil in a
	// function literal).
	decl *types.Func
}

func run(pass *analysis.Pass) (any, error) {
	if !locks.Used(pass) {
		return nil, nil
	}
	info := pass.TypesInfo
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	cfgs := pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs)
	decls := funcs.IndexDecls(info, ins)
	acq := pass.ResultOf[lockeffects.Analyzer].(*lockset.Effects).Acquisitions

	var edges []*edge
	seen := make(map[*ast.CallExpr]bool)
	for cur := range ins.Root().Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		var g *cfg.CFG
		name := "a function literal"
		var top ast.Node
		for c := range cur.Enclosing((*ast.FuncDecl)(nil)) {
			top = c.Node()
		}
		var body *ast.BlockStmt
		var decl *types.Func
		switch fn := cur.Node().(type) {
		case *ast.FuncDecl:
			g = cfgs.FuncDecl(fn)
			name = fn.Name.Name
			body = fn.Body
			decl, _ = info.Defs[fn.Name].(*types.Func)
		case *ast.FuncLit:
			g = cfgs.FuncLit(fn)
			body = fn.Body
		}
		if body == nil {
			continue
		}
		lockset.MustHeld(info, g, lockset.Set{}, func(n ast.Node, held lockset.Set) {
			call, ok := n.(*ast.CallExpr)
			if !ok || seen[call] || len(held) == 0 {
				return
			}
			seen[call] = true
			// A callee that unlocks a held mutex before it locks
			// another (it releases its caller's locks around slow work
			// and takes them again) does not lock the other while that
			// one is held.
			released := make(map[refs.Key]bool)
			for _, r := range acq.ReleasesAt(call) {
				released[refs.KeyOf(r.Ref)] = true
			}
			for _, to := range acq.At(call) {
				toKey := refs.KeyOf(to.Ref)
				if !toKey.Valid() {
					continue
				}
				if fresh(info, body, to.Ref, call.Pos()) {
					continue // an object this function just made: nobody else can lock it yet
				}
				for from := range held {
					fromKey := refs.KeyOf(from.Ref)
					if !fromKey.Valid() || fromKey == toKey || released[fromKey] || fresh(info, body, from.Ref, call.Pos()) {
						continue
					}
					e := &edge{
						from: fromKey, to: toKey, fromMode: from.Mode, toMode: to.Mode,
						call: call, chain: chain(info, decls, acq, call, to), fn: name, held: held.Clone(),
						test: files.IsTest(pass, call.Pos()),
						decl: decl,
					}
					if e.test && local(from.Ref) && local(to.Ref) {
						e.scope = top
					}
					edges = append(edges, e)
				}
			}
		})
	}
	// A fixed order, whatever the order of the held sets' maps.
	slices.SortFunc(edges, func(a, b *edge) int {
		if c := cmp.Compare(a.call.Pos(), b.call.Pos()); c != 0 {
			return c
		}
		if c := cmp.Compare(a.from.String(), b.from.String()); c != 0 {
			return c
		}
		return cmp.Compare(a.to.String(), b.to.String())
	})

	callers := callersOf(info, decls, pass.Files)
	reported := make(map[[2]refs.Key]bool)
	for i, e := range edges {
		for _, f := range edges[:i] {
			if f.from != e.to || f.to != e.from {
				continue
			}
			pair := [2]refs.Key{f.from, f.to}
			if f.to.String() < f.from.String() {
				pair = [2]refs.Key{f.to, f.from}
			}
			if reported[pair] || allRead(e, f) || gated(e, f) || e.test != f.test ||
				e.scope != nil && f.scope != nil && e.scope != f.scope || serialized(callers, e, f) {
				continue
			}
			reported[pair] = true
			report(pass, e, f)
		}
	}
	return nil, nil
}

// fresh reports whether r belongs to a local variable that body made
// itself (x := &T{…}, T{…} or new(T)) and that has not left the function
// before pos: no function literal refers to it and it was not passed,
// stored or returned yet. Another goroutine cannot hold its lock.
func fresh(info *types.Info, body *ast.BlockStmt, r refs.Ref, pos token.Pos) bool {
	v, ok := r.Root.(*types.Var)
	if !ok || v.Kind() != types.LocalVar || v.Pos() < body.Pos() || v.Pos() >= body.End() {
		return false
	}
	made, left := false, false
	var stack []ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		switch n := n.(type) {
		case *ast.AssignStmt:
			if len(n.Lhs) == len(n.Rhs) {
				for i, l := range n.Lhs {
					if id, ok := l.(*ast.Ident); ok && info.ObjectOf(id) == v && newObject(info, n.Rhs[i]) {
						made = true
					}
				}
			}
		case *ast.Ident:
			if info.Uses[n] != v || n.Pos() >= pos {
				return true
			}
			for i := len(stack) - 2; i >= 0; i-- {
				if _, ok := stack[i].(*ast.FuncLit); ok {
					left = true // captured by a literal
				}
			}
			switch p := stack[len(stack)-2].(type) {
			case *ast.SelectorExpr:
				if p.X != n {
					left = true
				}
			case *ast.AssignStmt:
				if !slices.Contains(p.Lhs, ast.Expr(n)) {
					left = true // copied elsewhere
				}
			default:
				left = true // passed, returned, stored
			}
		}
		return true
	})
	return made && !left
}

func newObject(info *types.Info, e ast.Expr) bool {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = u.X
	}
	switch e := e.(type) {
	case *ast.CompositeLit:
		return true
	case *ast.CallExpr:
		if id, ok := ast.Unparen(e.Fun).(*ast.Ident); ok {
			b, ok := info.Uses[id].(*types.Builtin)
			return ok && b.Name() == "new"
		}
	}
	return false
}

// callersOf returns, for each function of the package used only in direct
// calls made by declared functions on their own goroutine, those callers;
// a function used otherwise (as a value, from a literal, with go) is
// absent.
func callersOf(info *types.Info, decls funcs.Decls, files []*ast.File) map[*types.Func]map[*types.Func]bool {
	calls := funcs.IndexCalls(info, decls, files)
	out := make(map[*types.Func]map[*types.Func]bool)
	for fn, sites := range calls.Sites {
		if calls.Other[fn] {
			continue
		}
		callers := make(map[*types.Func]bool)
		for _, s := range sites {
			var caller *types.Func
			if s.Decl != nil {
				caller, _ = info.Defs[s.Decl.Name].(*types.Func)
			}
			if s.Lit != nil || s.Go || caller == nil {
				callers = nil
				break
			}
			callers[caller] = true
		}
		if callers != nil {
			out[fn] = callers
		}
	}
	return out
}

// serialized reports whether the two orders run on one goroutine only:
// the functions that take them are unexported, called only directly, and
// only from one and the same function, which runs them one after the
// other.
func serialized(callers map[*types.Func]map[*types.Func]bool, e, f *edge) bool {
	if e.decl == nil || f.decl == nil || e.decl == f.decl || e.decl.Exported() || f.decl.Exported() {
		return false
	}
	ce, cf := callers[e.decl], callers[f.decl]
	if len(ce) != 1 || len(cf) != 1 {
		return false
	}
	for c := range ce {
		return cf[c] && c != e.decl && c != f.decl
	}
	return false
}

// local reports whether r belongs to a local variable.
func local(r refs.Ref) bool {
	v, ok := r.Root.(*types.Var)
	return ok && v.Kind() == types.LocalVar
}

// allRead reports whether every acquisition of the two edges is a read
// lock: readers do not exclude each other.
func allRead(e, f *edge) bool {
	return e.fromMode == locks.Read && e.toMode == locks.Read && f.fromMode == locks.Read && f.toMode == locks.Read
}

// gated reports whether a third mutex is held at both acquisitions: the
// two orders never run at once.
func gated(e, f *edge) bool {
	for a := range e.held {
		ka := refs.KeyOf(a.Ref)
		if ka == e.from || ka == e.to {
			continue
		}
		for b := range f.held {
			if refs.KeyOf(b.Ref) == ka && (a.Mode == locks.Write || b.Mode == locks.Write) {
				return true
			}
		}
	}
	return false
}

// chain names the functions from call down to the Lock of to: empty for a
// direct Lock.
func chain(info *types.Info, decls funcs.Decls, acq *lockset.Acquisitions, call *ast.CallExpr, to locks.Key) []string {
	var out []string
	seen := make(map[*types.Func]bool)
	for {
		if _, ok := locks.OpOf(info, call); ok {
			return out
		}
		t := funcs.Resolve(info, decls, call)
		if t.Decl == nil && t.Func != nil && t.Func.Pkg() != nil && len(acq.At(call)) > 0 {
			// A function of another package, known by its facts: the
			// chain goes on there.
			name := t.Func.Pkg().Name() + "."
			if recv := typesutil.ReceiverNamed(t.Func); recv != nil {
				name += recv.Obj().Name() + "."
			}
			return append(out, name+t.Func.Name())
		}
		if t.Decl == nil || seen[t.Func] {
			return out
		}
		seen[t.Func] = true
		out = append(out, t.Func.Name())
		// Follow the first call in the callee that locks the same mutex
		// (a field of the same type, whatever the receiver is called).
		var next *ast.CallExpr
		funcs.Calls(t.Decl.Body, func(c *ast.CallExpr) {
			if next != nil {
				return
			}
			for _, k := range acq.At(c) {
				if refs.KeyOf(k.Ref) == refs.KeyOf(to.Ref) {
					next = c
				}
			}
		})
		if next == nil {
			return out
		}
		call = next
	}
}

func report(pass *analysis.Pass, e, f *edge) {
	where := func(x *edge) string {
		p := pass.Fset.Position(x.call.Pos())
		s := fmt.Sprintf("%s then %s at %s:%d in %s", x.from, x.to, shortFile(p.Filename), p.Line, x.fn)
		if len(x.chain) > 0 {
			s += " via " + strings.Join(append([]string{x.fn}, x.chain...), " → ")
		}
		return s
	}
	pass.Report(analysis.Diagnostic{
		Pos:      e.call.Pos(),
		End:      e.call.End(),
		Category: "lockorder",
		Message: fmt.Sprintf("%s and %s are locked in both orders (%s; %s): two goroutines taking them in these orders deadlock; take them in one order everywhere",
			e.to, e.from, where(f), where(e)),
		Related: []analysis.RelatedInformation{{Pos: f.call.Pos(), End: f.call.End(), Message: "the other order: " + where(f)}},
	})
}

func shortFile(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		return name[i+1:]
	}
	return name
}
