package lockleak

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"

	"github.com/concvet/concvet/internal/docs"
	"github.com/concvet/concvet/internal/fixes"
	"github.com/concvet/concvet/internal/funcs"
	"github.com/concvet/concvet/internal/lockeffects"
	"github.com/concvet/concvet/internal/locks"
	"github.com/concvet/concvet/internal/lockset"
	"github.com/concvet/concvet/internal/refs"
	"github.com/concvet/concvet/internal/syncops"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:     "lockleak",
	Doc:      docs.FromSource(doc),
	URL:      docs.URL("lockleak"),
	Requires: []*analysis.Analyzer{inspect.Analyzer, ctrlflow.Analyzer, lockeffects.Analyzer},
	Run:      run,
}

type checker struct {
	pass  *analysis.Pass
	ins   *inspector.Inspector
	cfgs  *ctrlflow.CFGs
	decls funcs.Decls
	// handovers are the package's lock hand-overs, solved once by the
	// lockeffects analyzer: what each call leaves done to the mutexes.
	handovers *lockset.Handovers
	// conditionals memoizes conditional: the functions of the package
	// that hold a mutex on success and have released it on failure.
	conditionals map[*types.Func]bool
	callers      map[*types.Func][]site // built on first use
	lits         map[*types.Var]*ast.FuncLit
}

// A site is a call of a function of this package, in the body of its caller.
type site struct {
	call *ast.CallExpr
	recv ast.Expr
	body *ast.BlockStmt
}

func run(pass *analysis.Pass) (any, error) {
	effects := pass.ResultOf[lockeffects.Analyzer].(*lockset.Effects)
	if effects.None {
		return nil, nil // no mutex here, and no lock effect imported
	}
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	cfgs := pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs)
	c := &checker{
		pass:         pass,
		ins:          ins,
		cfgs:         cfgs,
		decls:        funcs.IndexDecls(pass.TypesInfo, ins),
		handovers:    effects.Handovers,
		conditionals: make(map[*types.Func]bool),
		lits:         boundLits(pass.TypesInfo, ins),
	}
	for cur := range ins.Root().Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch fn := cur.Node().(type) {
		case *ast.FuncDecl:
			if fn.Body != nil {
				obj, _ := pass.TypesInfo.Defs[fn.Name].(*types.Func)
				c.check(obj, fn.Body, cfgs.FuncDecl(fn))
			}
		case *ast.FuncLit:
			c.check(nil, fn.Body, cfgs.FuncLit(fn))
		}
	}
	return nil, nil
}

// check reports, in the function fn (nil for a literal) of the given body and
// control-flow graph, the mutexes that it locks and unlocks but that some
// path leaves locked.
func (c *checker) check(fn *types.Func, body *ast.BlockStmt, g *cfg.CFG) {
	if g == nil {
		return
	}
	evs, keys := c.handovers.NodeEvents(g)
	defers := c.deferredReleases(g)
	fails := c.checkedHandovers(body, evs)
	for _, k := range keys {
		if c.outOfSight(fn, k, body, evs, defers) {
			continue
		}
		c.flow(fn, k, body, g, evs, defers, fails)
	}
}

// conditional reports whether fn, a function of this package, has the
// shape of a conditional hand-over for every mutex it returns holding on
// some path: it holds it when it returns a nil error, and has released it
// when it returns another (acquiresOrFails). An uncertain summary alone
// does not say so: the mutex may be held for a release function the
// function returns, or taken with TryLock.
func (c *checker) conditional(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	if v, ok := c.conditionals[fn]; ok {
		return v
	}
	c.conditionals[fn] = false // while it is computed
	decl := c.decls[fn]
	if decl == nil || decl.Body == nil {
		return false
	}
	g := c.cfgs.FuncDecl(decl)
	if g == nil {
		return false
	}
	evs, keys := c.handovers.NodeEvents(g)
	ok := false
	for _, k := range keys {
		if lockset.Tried(evs, k) {
			return false
		}
		p := lockset.Paths(c.pass.TypesInfo, g, k, evs, nil, nil)
		if len(p.Leaks) == 0 {
			continue
		}
		if !c.acquiresOrFails(fn, decl.Body, k, p.Leaks, evs) {
			return false
		}
		ok = true
	}
	c.conditionals[fn] = ok
	return ok
}

// checkedHandovers finds the calls of conditional hand-over helpers of
// this package (locked on success, unlocked on failure: conditional)
// whose error result the function tests right away — `if err :=
// s.lockIfOpen(); err != nil`, or the assignment followed by that if
// statement — and turns their uncertain events into acquisitions; it
// returns each test with the call it tests, so that the paths through the
// failure branch do not hold the lock.
func (c *checker) checkedHandovers(body *ast.BlockStmt, evs map[ast.Node][]lockset.Event) map[ast.Node]lockset.Failure {
	info := c.pass.TypesInfo
	type test struct {
		cond ast.Expr
		f    lockset.Failure
	}
	tests := make(map[*ast.CallExpr]test)
	tested := func(as *ast.AssignStmt, cond ast.Expr) {
		if len(as.Rhs) != 1 {
			return
		}
		call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
		if !ok {
			return
		}
		id, ok := as.Lhs[len(as.Lhs)-1].(*ast.Ident)
		if !ok || !isError(info.TypeOf(id)) {
			return
		}
		v := info.ObjectOf(id)
		bin, ok := ast.Unparen(cond).(*ast.BinaryExpr)
		if !ok || (bin.Op != token.NEQ && bin.Op != token.EQL) {
			return
		}
		x, y := ast.Unparen(bin.X), ast.Unparen(bin.Y)
		if isNil(info, x) {
			x, y = y, x
		}
		if xid, ok := x.(*ast.Ident); !ok || info.Uses[xid] != v || !isNil(info, y) {
			return
		}
		tests[call] = test{cond: cond, f: lockset.Failure{Call: call, OnTrue: bin.Op == token.NEQ}}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.IfStmt:
			if as, ok := n.Init.(*ast.AssignStmt); ok {
				tested(as, n.Cond)
			}
		case *ast.BlockStmt:
			for i := 0; i+1 < len(n.List); i++ {
				as, ok := n.List[i].(*ast.AssignStmt)
				next, ok2 := n.List[i+1].(*ast.IfStmt)
				if ok && ok2 && next.Init == nil {
					tested(as, next.Cond)
				}
			}
		}
		return true
	})
	out := make(map[ast.Node]lockset.Failure)
	for _, list := range evs {
		for i, ev := range list {
			if t, ok := tests[ev.Call]; ok && ev.Try && c.conditional(ev.Via) {
				list[i].Try, list[i].Acquire = false, true
				out[t.cond] = t.f
			}
		}
	}
	return out
}

// deferredReleases returns, for each defer statement of g, the mutexes its
// deferred call (or the literal it defers) unlocks when the function
// returns. A deferred unlock covers the returns reached after its defer
// statement, not those before it.
func (c *checker) deferredReleases(g *cfg.CFG) map[ast.Node][]lockset.Event {
	out := make(map[ast.Node][]lockset.Event)
	for _, b := range g.Blocks {
		if !b.Live {
			continue
		}
		for _, n := range b.Nodes {
			d, ok := n.(*ast.DeferStmt)
			if !ok {
				continue
			}
			funcs.Deferred(&ast.BlockStmt{List: []ast.Stmt{d}}, func(call *ast.CallExpr) {
				for _, ev := range c.handovers.Events(call) {
					if !ev.Acquire && !ev.Try {
						out[n] = append(out[n], ev)
					}
				}
			})
		}
	}
	return out
}

// outOfSight reports whether the function does something with the mutex k
// that the path analysis cannot follow, or hands the lock over by design.
func (c *checker) outOfSight(fn *types.Func, k locks.Key, body *ast.BlockStmt, evs, defers map[ast.Node][]lockset.Event) bool {
	info := c.pass.TypesInfo
	released := releasesAny(defers, k)
	for _, list := range evs {
		for _, ev := range list {
			if ev.Key != k {
				continue
			}
			if ev.Try {
				return true // TryLock: whether the lock is held depends on its result
			}
			if !ev.Acquire {
				released = true
			}
		}
	}
	if !released && !c.orphaned(fn, k) {
		// The function never unlocks it on a path: it hands the lock
		// to its caller.
		return true
	}

	out := false
	touches := func(call *ast.CallExpr) {
		for _, ev := range c.handovers.Events(call) {
			if ev.Key.Ref == k.Ref {
				out = true
			}
		}
	}
	// A function literal that may run later, or a goroutine, that locks or
	// unlocks it. A deferred literal runs at the returns after its defer
	// statement: paths follows its unlocks, and only its locks are out of
	// sight.
	deferredLits := make(map[*ast.FuncLit]bool)
	for n := range defers {
		if lit, ok := ast.Unparen(n.(*ast.DeferStmt).Call.Fun).(*ast.FuncLit); ok {
			deferredLits[lit] = true
		}
	}
	for _, lit := range funcs.Closures(body) {
		if deferredLits[lit] {
			funcs.Calls(lit.Body, func(call *ast.CallExpr) {
				for _, ev := range c.handovers.Events(call) {
					if ev.Key.Ref == k.Ref && (ev.Acquire || ev.Try) {
						out = true
					}
				}
			})
			continue
		}
		ast.Inspect(lit.Body, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				touches(call)
			}
			return !out
		})
	}
	ast.Inspect(body, func(n ast.Node) bool {
		if g, ok := n.(*ast.GoStmt); ok {
			touches(g.Call)
		}
		return !out
	})
	if out {
		return true
	}

	// The mutex used as a value (its address taken, copied, passed), or its
	// owner passed to a function whose effects are unknown.
	receivers := make(map[ast.Expr]bool)
	ast.Inspect(body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if name, _ := syncops.Mutex(info, call); name != "" {
				receivers[ast.Unparen(call.Fun).(*ast.SelectorExpr).X] = true
			}
		}
		return true
	})
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Ident:
			if info.Defs[n] != nil {
				return false
			}
		case *ast.CallExpr:
			if t := funcs.Resolve(info, c.decls, n); !t.Known() {
				// A call through a variable bound to a literal
				// (doErr := func() { …; mu.Unlock() }) runs that literal.
				if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok {
					if v, ok := info.Uses[id].(*types.Var); ok && c.lits[v] != nil {
						ast.Inspect(c.lits[v].Body, func(m ast.Node) bool {
							if call, ok := m.(*ast.CallExpr); ok {
								touches(call)
							}
							return !out
						})
					}
				}
				args := n.Args
				if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok {
					args = append([]ast.Expr{sel.X}, args...)
				}
				for _, a := range args {
					if refs.Of(info, a).Contains(k.Ref) {
						out = true
					}
				}
			}
		}
		if e, ok := n.(ast.Expr); ok && !receivers[e] && refs.Of(info, e) == k.Ref {
			out = true
		}
		return !out && !receivers[asExpr(n)]
	})
	return out
}

// flow follows the paths of the function and reports the returns reached
// with k held, and the Lock calls they leak.
func (c *checker) flow(fn *types.Func, k locks.Key, body *ast.BlockStmt, g *cfg.CFG, evs, defers map[ast.Node][]lockset.Event, fails map[ast.Node]lockset.Failure) {
	p := lockset.Paths(c.pass.TypesInfo, g, k, evs, defers, fails)
	sites, leaks := p.Sites, p.Leaks
	if p.ReleasesEntry {
		return // it unlocks a lock its caller holds, and may take it again for the caller
	}
	// Locked on success, unlocked on failure is a hand-over by design,
	// unless the lock is handed to nobody: no caller unlocks it, or
	// returns the call's result as its own (return db.beginRWTx()).
	if len(leaks) == 0 || (c.acquiresOrFails(fn, body, k, leaks, evs) && (!c.orphaned(fn, k) || c.returnedByCaller(fn))) || c.handedOver(fn, k) {
		return
	}

	fset := c.pass.Fset
	where := func(ret *ast.ReturnStmt) string {
		if ret.Return == body.Rbrace {
			return fmt.Sprintf("the end of the function at line %d", fset.Position(ret.Return).Line)
		}
		return fmt.Sprintf("the return at line %d", fset.Position(ret.Return).Line)
	}
	state := "locked"
	if k.Mode == locks.Read {
		state = "read-locked"
	}
	for i, s := range sites {
		for _, l := range leaks {
			if l.Held&(1<<i) == 0 {
				continue
			}
			var what string
			if s.Via == nil {
				what = fmt.Sprintf("%s.%s is", k, k.Mode.LockName())
			} else {
				what = fmt.Sprintf("%s returns holding %s, which is", s.Via.Name(), k)
			}
			msg := fmt.Sprintf("%s not released on the path through %s: %s stays %s and its next Lock blocks forever; call %s.%s on that path, or defer it right after locking",
				what, where(l.Ret), k, state, k, k.Mode.UnlockName())
			if p.Relocked[i] && s.Via == nil {
				msg = fmt.Sprintf("%s.%s is not released on a path that goes round the loop back to it (through a continue or a branch that skips %s.%s), so the next iteration's %s blocks forever; call %s.%s on that path, or defer it in a function per iteration",
					k, k.Mode.LockName(), k, k.Mode.UnlockName(), k.Mode.LockName(), k, k.Mode.UnlockName())
			}
			diag := analysis.Diagnostic{
				Pos:      s.Call.Pos(),
				End:      s.Call.End(),
				Category: "lockleak",
				Message:  msg,
			}
			// One leak, one finding: the returns it reaches are its
			// related locations.
			for _, l := range leaks {
				if l.Held&(1<<i) == 0 {
					continue
				}
				pos, end := l.Ret.Pos(), l.Ret.End()
				what := "this return leaves"
				if l.Ret.Return == body.Rbrace {
					what, end = "the function ends with", pos+1
				}
				diag.Related = append(diag.Related, analysis.RelatedInformation{
					Pos: pos, End: end,
					Message: fmt.Sprintf("%s %s %s", what, k, state),
				})
			}
			if fix, ok := c.deferFix(k, body, sites, evs); ok {
				diag.SuggestedFixes = []analysis.SuggestedFix{fix}
			}
			c.pass.Report(diag)
			break
		}
	}
}

// releasesAny reports whether one of the deferred calls of defers unlocks k.
func releasesAny(defers map[ast.Node][]lockset.Event, k locks.Key) bool {
	for _, list := range defers {
		for _, ev := range list {
			if ev.Key == k {
				return true
			}
		}
	}
	return false
}

// acquiresOrFails reports whether fn has the shape of a function that
// acquires k for its caller or fails: every path that unlocks k returns an
// error right after, and every path that keeps k locked returns a nil error.
// bbolt's beginRWTx is the model: the transaction it returns holds the lock
// and releases it when it closes.
func (c *checker) acquiresOrFails(fn *types.Func, body *ast.BlockStmt, k locks.Key, leaks []lockset.Leak, evs map[ast.Node][]lockset.Event) bool {
	if fn == nil {
		return false
	}
	res := fn.Signature().Results()
	if res.Len() == 0 || !isError(res.At(res.Len()-1).Type()) {
		return false
	}
	info := c.pass.TypesInfo
	for _, l := range leaks {
		if len(l.Ret.Results) != res.Len() || !isNil(info, l.Ret.Results[res.Len()-1]) {
			return false
		}
	}
	// The statement list that directly holds each unlock must end in a
	// return of a non-nil error.
	releases := make(map[*ast.CallExpr]bool)
	for _, list := range evs {
		for _, ev := range list {
			if ev.Key == k && !ev.Acquire {
				releases[ev.Call] = true
			}
		}
	}
	failing := 0
	ast.Inspect(body, func(n ast.Node) bool {
		var stmts []ast.Stmt
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.BlockStmt:
			stmts = n.List
		case *ast.CaseClause:
			stmts = n.Body
		case *ast.CommClause:
			stmts = n.Body
		default:
			return true
		}
		for _, st := range stmts {
			es, ok := st.(*ast.ExprStmt)
			if !ok {
				continue
			}
			if call, ok := ast.Unparen(es.X).(*ast.CallExpr); !ok || !releases[call] {
				continue
			}
			ret, ok := stmts[len(stmts)-1].(*ast.ReturnStmt)
			if !ok || len(ret.Results) != res.Len() || isNil(info, ret.Results[res.Len()-1]) {
				return true
			}
			failing++
		}
		return true
	})
	return failing == len(releases)
}

func isError(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}

func isNil(info *types.Info, e ast.Expr) bool {
	return info.Types[e].IsNil()
}

// handedOver reports whether fn returns holding k by design: a caller in
// this package unlocks it after calling fn.
func (c *checker) handedOver(fn *types.Func, k locks.Key) bool {
	if fn == nil {
		return false
	}
	subj, ok := locks.SubjectOf(k.Ref, fn.Signature())
	if !ok {
		return false
	}
	if c.callers == nil {
		c.indexCallers()
	}
	info := c.pass.TypesInfo
	for _, s := range c.callers[fn] {
		mapped := subj.At(info, fn, s.recv, s.call)
		if !mapped.Valid() {
			continue
		}
		releases := false
		ast.Inspect(s.body, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok && call != s.call {
				for _, ev := range c.handovers.Events(call) {
					if ev.Key.Ref == mapped && ev.Key.Mode == k.Mode && !ev.Acquire {
						releases = true
					}
				}
			}
			return !releases
		})
		if releases {
			return true
		}
	}
	return false
}

// returnedByCaller reports whether a caller of fn returns the call's
// results as its own (return s.begin()): it hands on what fn hands over.
func (c *checker) returnedByCaller(fn *types.Func) bool {
	if c.callers == nil {
		c.indexCallers()
	}
	for _, s := range c.callers[fn] {
		found := false
		ast.Inspect(s.body, func(n ast.Node) bool {
			if ret, ok := n.(*ast.ReturnStmt); ok {
				for _, r := range ret.Results {
					if ast.Unparen(r) == s.call {
						found = true
					}
				}
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// orphaned reports whether fn, which returns holding k, is an unexported
// function of this package used only in direct calls, none of whose callers
// unlocks k: the lock it hands over is taken by nobody.
func (c *checker) orphaned(fn *types.Func, k locks.Key) bool {
	if fn == nil || fn.Exported() {
		return false
	}
	if c.callers == nil {
		c.indexCallers()
	}
	if len(c.callers[fn]) == 0 {
		return false
	}
	// Used otherwise than in a call (a method value, a function value):
	// its callers are not all known.
	calls := 0
	for _, obj := range c.pass.TypesInfo.Uses {
		if f, ok := obj.(*types.Func); ok && f.Origin() == fn {
			calls++
		}
	}
	if calls != len(c.callers[fn]) {
		return false
	}
	return !c.handedOver(fn, k)
}

func (c *checker) indexCallers() {
	c.callers = make(map[*types.Func][]site)
	for cur := range c.ins.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		t := funcs.Resolve(c.pass.TypesInfo, c.decls, call)
		if t.Decl == nil {
			continue
		}
		var body *ast.BlockStmt
		switch encl, _ := funcs.Enclosing(cur); encl := encl.(type) {
		case *ast.FuncDecl:
			body = encl.Body
		case *ast.FuncLit:
			body = encl.Body
		default:
			continue
		}
		c.callers[t.Func] = append(c.callers[t.Func], site{call: call, recv: t.Recv, body: body})
	}
}

// deferFix defers the unlock right after the lock when that is exactly what
// the function means: one Lock, a statement at the top of the body; one
// Unlock, the body's last statement (or the last before a final return that
// calls nothing); nothing deferred after the Lock (it would now run with the
// mutex held).
func (c *checker) deferFix(k locks.Key, body *ast.BlockStmt, sites []lockset.Event, evs map[ast.Node][]lockset.Event) (analysis.SuggestedFix, bool) {
	if len(sites) != 1 || sites[0].Via != nil {
		return analysis.SuggestedFix{}, false
	}
	var releases []lockset.Event
	for _, list := range evs {
		for _, ev := range list {
			if ev.Key == k && !ev.Acquire {
				releases = append(releases, ev)
			}
		}
	}
	if len(releases) != 1 || releases[0].Via != nil {
		return analysis.SuggestedFix{}, false
	}
	list := body.List
	lockAt := -1
	for i, s := range list {
		if es, ok := s.(*ast.ExprStmt); ok && es.X == sites[0].Call {
			lockAt = i
		}
	}
	// The unlock is the last statement, or the last but a return of
	// values computed without calls (now evaluated under the lock).
	end := len(list) - 1
	if ret, ok := list[end].(*ast.ReturnStmt); ok && end > 0 && !hasCall(ret) {
		end--
	}
	last, ok := list[end].(*ast.ExprStmt)
	if lockAt < 0 || lockAt+2 > end || !ok || last.X != releases[0].Call {
		return analysis.SuggestedFix{}, false
	}
	for _, s := range list[lockAt+1:] {
		if fixes.Defers(s) {
			return analysis.SuggestedFix{}, false
		}
	}
	text, ok := fixes.Source(c.pass, releases[0].Call)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	ins, ok1 := fixes.InsertLineBefore(c.pass, list[lockAt+1].Pos(), "defer "+string(text))
	del, ok2 := fixes.DeleteLine(c.pass, last)
	if !ok1 || !ok2 {
		return analysis.SuggestedFix{}, false
	}
	return analysis.SuggestedFix{
		Message:   fmt.Sprintf("defer %s right after the %s", text, k.Mode.LockName()),
		TextEdits: []analysis.TextEdit{ins, del},
	}, true
}

// contains reports whether the value named by owner contains the mutex r
// (owner is r, or a variable or field r is a field path below).

func hasCall(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		if _, ok := m.(*ast.CallExpr); ok {
			found = true
		}
		return !found
	})
	return found
}

func asExpr(n ast.Node) ast.Expr {
	e, _ := n.(ast.Expr)
	return e
}

// boundLits maps each function-typed variable that is given a value once,
// and that value a function literal (doErr := func(err error) {…}), to that
// literal, so that calls through the variable can be followed. Variables
// assigned more than once, or given any other value, are left out.
func boundLits(info *types.Info, ins *inspector.Inspector) map[*types.Var]*ast.FuncLit {
	bound := make(map[*types.Var]*ast.FuncLit)
	seen := make(map[*types.Var]bool)
	bind := func(id *ast.Ident, rhs ast.Expr) {
		v, _ := info.ObjectOf(id).(*types.Var)
		if v == nil {
			return
		}
		if _, ok := v.Type().Underlying().(*types.Signature); !ok {
			return
		}
		lit, _ := ast.Unparen(rhs).(*ast.FuncLit)
		if seen[v] || lit == nil {
			delete(bound, v)
			seen[v] = true
			return
		}
		seen[v] = true
		bound[v] = lit
	}
	for cur := range ins.Root().Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				id, ok := ast.Unparen(lhs).(*ast.Ident)
				if !ok {
					continue
				}
				var rhs ast.Expr
				if len(n.Rhs) == len(n.Lhs) {
					rhs = n.Rhs[i]
				}
				bind(id, rhs)
			}
		case *ast.ValueSpec:
			for i, id := range n.Names {
				var rhs ast.Expr
				if len(n.Values) == len(n.Names) {
					rhs = n.Values[i]
				}
				bind(id, rhs)
			}
		}
	}
	return bound
}
