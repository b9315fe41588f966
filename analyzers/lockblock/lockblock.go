package lockblock

import (
	"cmp"
	_ "embed"
	"fmt"
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"

	"github.com/concvet/concvet/internal/docs"
	"github.com/concvet/concvet/internal/funcs"
	"github.com/concvet/concvet/internal/lockeffects"
	"github.com/concvet/concvet/internal/locks"
	"github.com/concvet/concvet/internal/lockset"
	"github.com/concvet/concvet/internal/prims"
	"github.com/concvet/concvet/internal/refs"
	"github.com/concvet/concvet/internal/source"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:     "lockblock",
	Doc:      docs.FromSource(doc),
	URL:      docs.URL("lockblock"),
	Requires: []*analysis.Analyzer{inspect.Analyzer, ctrlflow.Analyzer, lockeffects.Analyzer, prims.Analyzer},
	Run:      run,
}

// An op is a synchronization operation with the mutexes around it.
type op struct {
	*prims.Op
	held  lockset.Set             // mutexes held on every path to it
	needs map[refs.Key]locks.Mode // mutexes it needs before it can run (again)
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
	x := prims.For(pass)
	loopCalled := calledOnlyInLoops(info, decls, pass.Files)
	callers := lockset.NewCallers(info, decls, cfgs, pass.Files)

	var ops []*op
	seen := make(map[ast.Node]bool)
	for cur := range ins.Root().Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		fn := cur.Node()
		var body *ast.BlockStmt
		var obj *types.Func
		var g *cfg.CFG
		switch fn := fn.(type) {
		case *ast.FuncDecl:
			body, g = fn.Body, cfgs.FuncDecl(fn)
			obj, _ = info.Defs[fn.Name].(*types.Func)
		case *ast.FuncLit:
			body, g = fn.Body, cfgs.FuncLit(fn)
		}
		if body == nil {
			continue
		}
		// A helper that every caller enters with a mutex held holds it
		// from its first statement.
		entry := lockset.Set{}
		if obj != nil {
			entry = callers.EntrySet(obj)
		}
		// What each path has locked before a node, released since or
		// not: a goroutine gets there only after taking those mutexes.
		taken := make(map[ast.Node]lockset.Set)
		lockset.Flow(g, entry, lockset.Taken(info), func(n ast.Node, set lockset.Set) {
			if _, ok := taken[n]; !ok {
				taken[n] = set.Clone()
			}
		})
		lockset.MustHeld(info, g, entry, func(n ast.Node, held lockset.Set) {
			ast.Inspect(n, func(m ast.Node) bool {
				if _, ok := m.(*ast.FuncLit); ok {
					return false
				}
				if _, ok := m.(*ast.RangeStmt); ok && m != n {
					return false // a range's operation is at its loop head
				}
				if p := x.ByNode[m]; p != nil && !seen[m] {
					seen[m] = true // a call is visited with its statement, and alone
					before := taken[n]
					if p.Deferred {
						// It runs when the function returns: after
						// the whole body, and after the deferred calls
						// registered later.
						before = deferredBefore(info, acq, g, entry, body, m)
					}
					o := &op{Op: p, held: held.Clone(),
						needs: needs(info, acq, held, before, body, m, obj != nil && loopCalled[obj])}
					if p.Deferred {
						for k, mode := range exitLoopNeeds(info, acq, g, body) {
							if prev, ok := o.needs[k]; !ok || prev == locks.Read {
								o.needs[k] = mode
							}
						}
					}
					ops = append(ops, o)
				}
				return true
			})
		})
	}

	// Group the operations by primitive, in source order.
	slices.SortStableFunc(ops, func(a, b *op) int { return source.ComparePos(pass.Fset, a.Node.Pos(), b.Node.Pos()) })
	byPrim := make(map[refs.Key][]*op)
	var keys []refs.Key
	for _, o := range ops {
		if _, ok := byPrim[o.Key]; !ok {
			keys = append(keys, o.Key)
		}
		byPrim[o.Key] = append(byPrim[o.Key], o)
	}
	reported := make(map[ast.Node]bool)
	for _, p := range keys {
		if x.Escaped[p] {
			continue
		}
		list := byPrim[p]
		for _, blocked := range list {
			if !blocked.Blocking || reported[blocked.Node] {
				continue
			}
			var unblockers []*op
			switch blocked.Kind {
			case prims.Recv:
				if !x.Unbuffered(p) {
					continue // a buffer may hold the value already
				}
				unblockers = filter(list, prims.Send, prims.Close)
			case prims.Send:
				if !x.Unbuffered(p) {
					continue // buffered, or made where the analysis cannot see
				}
				unblockers = filter(list, prims.Recv)
			case prims.Wait:
				unblockers = filter(list, prims.Done)
			case prims.CondWait:
				if !blocked.CondL.Valid() {
					continue // which mutex Wait releases is not known (c.L set by hand)
				}
				unblockers = filter(list, prims.Signal)
			default:
				continue
			}
			// What the blocked goroutine itself did before it blocked
			// (a Done before its Wait) needs no other goroutine.
			unblockers = slices.DeleteFunc(unblockers, func(u *op) bool {
				return u.Func == blocked.Func && u.Node.Pos() < blocked.Node.Pos()
			})
			if len(unblockers) == 0 {
				continue // nothing can unblock it: another analyzer's finding
			}
			if m, mode, ok := commonNeed(blocked, unblockers); ok {
				report(pass, blocked, unblockers, m, mode)
				// One deadlock, one finding: the other side, blocked
				// the same way, is the related location.
				reported[blocked.Node] = true
				for _, u := range unblockers {
					reported[u.Node] = true
				}
			}
		}
	}
	return nil, nil
}

func filter(list []*op, kinds ...prims.Kind) []*op {
	var out []*op
	for _, o := range list {
		if slices.Contains(kinds, o.Kind) {
			out = append(out, o)
		}
	}
	return out
}

// commonNeed returns a mutex that blocked holds and that every unblocker
// needs, with at least one side holding it exclusively.
func commonNeed(blocked *op, unblockers []*op) (refs.Key, locks.Mode, bool) {
	var cands []locks.Key
	for k := range blocked.held {
		cands = append(cands, k)
	}
	// A fixed order, whatever the map's: by where the root is declared,
	// then by field path and mode.
	slices.SortFunc(cands, func(a, b locks.Key) int {
		if c := cmp.Compare(a.Ref.Root.Pos(), b.Ref.Root.Pos()); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Ref.Path, b.Ref.Path); c != 0 {
			return c
		}
		return cmp.Compare(a.Mode, b.Mode)
	})
	for _, k := range cands {
		m := refs.KeyOf(k.Ref)
		if !m.Valid() || (blocked.Kind == prims.CondWait && m == blocked.CondL) {
			continue
		}
		all := true
		for _, u := range unblockers {
			mode, ok := u.needs[m]

			if !ok || (mode == locks.Read && k.Mode == locks.Read) || u.Node == blocked.Node {
				all = false
				break
			}
		}
		if all {
			return m, k.Mode, true
		}
	}
	return refs.Key{}, 0, false
}

// needs returns the mutexes that the operation at node, in the function
// whose body is body, needs before it can run, each with the mode it
// takes: those held on every path to it, those every path to it locked
// first (taken, released since or not) when it is in no loop, those its
// innermost loop locks
// again on the way back to it, and, when the function is called only in
// loops, those the function locks after it.
func needs(info *types.Info, acq *lockset.Acquisitions, held, taken lockset.Set, body *ast.BlockStmt, node ast.Node, loopCalled bool) map[refs.Key]locks.Mode {
	out := make(map[refs.Key]locks.Mode)
	add := func(k locks.Key) {
		if m := refs.KeyOf(k.Ref); m.Valid() {
			if prev, ok := out[m]; !ok || prev == locks.Read {
				out[m] = k.Mode
			}
		}
	}
	for k := range held {
		add(k)
	}
	// The innermost loop around the operation, in its own function.
	var loop ast.Stmt
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ForStmt, *ast.RangeStmt:
			if n.Pos() <= node.Pos() && node.End() <= n.End() {
				loop = n.(ast.Stmt)
			}
		}
		return true
	})
	if loop == nil {
		// Locked on every path before it, released since or not. In a
		// loop, what the code before the loop took is not needed again:
		// only the loop's own locks count (below).
		for k := range taken {
			add(k)
		}
	}
	var region []ast.Stmt
	switch l := loop.(type) {
	case *ast.ForStmt:
		region = l.Body.List
	case *ast.RangeStmt:
		region = l.Body.List
	default:
		if !loopCalled {
			return out
		}
		// Called only in loops: what the function locks after the
		// operation comes before it runs again.
		for _, st := range body.List {
			if st.Pos() > node.End() {
				region = append(region, st)
			}
		}
	}
	// Only the statements of the loop body's top level count: a lock under
	// a condition may be skipped on the way round.
	for _, st := range region {
		switch st.(type) {
		case *ast.IfStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt, *ast.ForStmt, *ast.RangeStmt, *ast.GoStmt, *ast.DeferStmt:
			continue
		}
		funcs.Calls(st, func(call *ast.CallExpr) {
			for _, k := range acq.At(call) {
				add(k)
			}
		})
	}
	return out
}

// deferredBefore returns the mutexes that a goroutine has locked before
// the deferred operation at node runs: those every path through the body
// (g, from entry) takes before it returns, and those the deferred calls
// registered after node's defer statement lock, since they run first.
func deferredBefore(info *types.Info, acq *lockset.Acquisitions, g *cfg.CFG, entry lockset.Set, body *ast.BlockStmt, node ast.Node) lockset.Set {
	out := lockset.HeldAtExit(g, entry, lockset.Taken(info))
	if out == nil {
		out = lockset.Set{}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			if n.Pos() <= node.Pos() {
				return false // registered before: it runs after
			}
			calls := []*ast.CallExpr{n.Call}
			if lit, ok := ast.Unparen(n.Call.Fun).(*ast.FuncLit); ok {
				calls = nil
				funcs.Calls(lit.Body, func(c *ast.CallExpr) { calls = append(calls, c) })
			}
			for _, c := range calls {
				for _, k := range acq.At(c) {
					out[k] = true
				}
			}
			return false
		}
		return true
	})
	return out
}

// exitLoopNeeds returns the mutexes that a function needs before it can
// return when its only way out is a return inside a loop: those the
// innermost loop around every return locks at its top level, each time
// round. A goroutine past the loop's check needs them on its way back to
// the return, and so before its deferred calls run. Nil when the function
// can end otherwise (the loop's condition, a break, falling off its end).
func exitLoopNeeds(info *types.Info, acq *lockset.Acquisitions, g *cfg.CFG, body *ast.BlockStmt) map[refs.Key]locks.Mode {
	var out map[refs.Key]locks.Mode
	for _, b := range g.Blocks {
		if !b.Live || len(b.Succs) > 0 {
			continue
		}
		var ret *ast.ReturnStmt
		if len(b.Nodes) > 0 {
			ret, _ = b.Nodes[len(b.Nodes)-1].(*ast.ReturnStmt)
		}
		if ret == nil {
			return nil // the end of the body, or a call that does not return
		}
		at := needs(info, acq, nil, nil, body, ret, false)
		if out == nil {
			out = at
			continue
		}
		for k := range out {
			if other, ok := at[k]; !ok {
				delete(out, k)
			} else if other == locks.Read {
				out[k] = locks.Read
			}
		}
	}
	return out
}

// calledOnlyInLoops returns the functions of the package every use of which
// is a direct call inside a loop (or a go statement in a loop).
func calledOnlyInLoops(info *types.Info, decls funcs.Decls, files []*ast.File) map[*types.Func]bool {
	calls := funcs.IndexCalls(info, decls, files)
	out := make(map[*types.Func]bool)
	for fn, sites := range calls.Sites {
		all := !calls.Other[fn]
		for _, s := range sites {
			all = all && s.InLoop
		}
		if all {
			out[fn] = true
		}
	}
	return out
}

func report(pass *analysis.Pass, blocked *op, unblockers []*op, m refs.Key, mode locks.Mode) {
	fset := pass.Fset
	what := map[prims.Kind]string{prims.Send: "send on", prims.Recv: "receive from", prims.Wait: "Wait on", prims.CondWait: "Wait on"}[blocked.Kind]
	whoKind := map[prims.Kind]string{prims.Send: "receiver", prims.Recv: "sender", prims.Wait: "Done", prims.CondWait: "Signal"}[blocked.Kind]
	u := unblockers[0]
	if u.Kind == prims.Close {
		whoKind = "close"
	}
	pos := fset.Position(u.Node.Pos())
	lockName := mode.LockName()
	if need, ok := u.needs[m]; ok {
		lockName = need.LockName() // what the unblocker takes
	}
	others := ""
	if len(unblockers) > 1 {
		others = fmt.Sprintf(" (and %d more, all needing it)", len(unblockers)-1)
	}
	diag := analysis.Diagnostic{
		Pos:      blocked.Node.Pos(),
		End:      blocked.Node.End(),
		Category: "lockblock",
		Message: fmt.Sprintf("%s %s blocks while holding %s, and its %s at %s:%d%s needs %s first: neither can proceed (hold-and-wait deadlock); release %s before blocking",
			what, blocked.Key, m, whoKind, shortFile(pos.Filename), pos.Line, others, m, m),
		Related: []analysis.RelatedInformation{{Pos: u.Node.Pos(), End: u.Node.End(), Message: fmt.Sprintf("the %s, which needs %s (%s)", whoKind, m, lockName)}},
	}
	pass.Report(diag)
}

func shortFile(name string) string {
	for i := len(name) - 1; i >= 0; i-- {
		if name[i] == '/' || name[i] == '\\' {
			return name[i+1:]
		}
	}
	return name
}
