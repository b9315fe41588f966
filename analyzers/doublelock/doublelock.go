package doublelock

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"

	"github.com/concvet/concvet/internal/docs"
	"github.com/concvet/concvet/internal/funcs"
	"github.com/concvet/concvet/internal/locks"
	"github.com/concvet/concvet/internal/lockset"
	"github.com/concvet/concvet/internal/refs"
	"github.com/concvet/concvet/internal/summary"
	"github.com/concvet/concvet/internal/syncops"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:      "doublelock",
	Doc:       docs.FromSource(doc),
	URL:       docs.URL("doublelock"),
	Requires:  []*analysis.Analyzer{inspect.Analyzer, ctrlflow.Analyzer},
	FactTypes: []analysis.Fact{new(locksFact)},
	Run:       run,
}

// locksFact summarizes, for a function, the mutexes of its caller (reached
// through its receiver, parameters or package variables) that it locks as
// one of its top-level statements, and those it may unlock.
type locksFact struct {
	Locks    []Lock
	Releases []string // locks.EncodeKey
	Holds    []string // locks.EncodeKey: held on every path out (lock-for-caller helpers)
}

// A Lock is a mutex a function locks: Key is a locks.EncodeKey, Chain the
// callees through which it does so (none when it locks directly).
type Lock struct {
	Key   string
	Chain []string
}

func (*locksFact) AFact() {}

func (f *locksFact) String() string {
	var parts []string
	for _, l := range f.Locks {
		parts = append(parts, l.Key+strings.Join(append([]string{""}, l.Chain...), "→"))
	}
	out := fmt.Sprintf("locks=%v releases=%v", parts, f.Releases)
	if len(f.Holds) > 0 {
		out += fmt.Sprintf(" holds=%v", f.Holds)
	}
	return out
}

type effects struct {
	locks    []Lock
	releases map[string]bool
	holds    map[string]bool
}

type eventKind int

const (
	acquire  eventKind = iota // a direct Lock or RLock
	release                   // a direct or summarized Unlock or RUnlock
	callLock                  // a call that locks the mutex
	forget                    // the mutex's owner is reassigned or escapes
	holds                     // a call that returns with the mutex locked
)

type event struct {
	kind  eventKind
	key   locks.Key // for forget: Key.Ref names the owner
	call  *ast.CallExpr
	chain []string // for callLock: the callees, outermost first
}

type checker struct {
	pass      *analysis.Pass
	decls     funcs.Decls
	summaries map[*types.Func]*effects // solved by summary.Solve
	// aliases are the second names of mutexes (m := &s.mu), of their
	// methods (lock := s.mu.Lock) and of concrete values behind an
	// interface (var l sync.Locker = s).
	aliases refs.Aliases
	// impls maps the interfaces declared in the package to their one
	// implementation in it, when there is exactly one.
	impls map[*types.Named]types.Type
	cfgs  *ctrlflow.CFGs
	// calls memoizes events: the held-mutex flow asks for a call's
	// events once to move its state and once to check it.
	calls map[*ast.CallExpr][]event
	// solving is set while summary.Solve runs: the summaries, and so
	// the events of calls, may still change, and are not memoized.
	solving bool
}

func run(pass *analysis.Pass) (any, error) {
	if !relevant(pass) {
		return nil, nil
	}
	c := exportFacts(pass)
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	cfgs := pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs)
	for cur := range ins.Root().Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch fn := cur.Node().(type) {
		case *ast.FuncDecl:
			if fn.Body != nil {
				c.check(fn.Name.Name, fn.Body, cfgs.FuncDecl(fn))
			}
		case *ast.FuncLit:
			c.check("the function literal", fn.Body, cfgs.FuncLit(fn))
		}
	}
	return nil, nil
}

// relevant reports whether the package locks mutexes of its own or gets
// summaries from its dependencies; a package with neither has nothing to
// check and no fact to export.
func relevant(pass *analysis.Pass) bool {
	return locks.Used(pass) || len(pass.AllObjectFacts()) > 0
}

// exportFacts summarizes the functions of the package and exports the
// summaries that say something. It returns the checker, which the
// diagnostics reuse.
func exportFacts(pass *analysis.Pass) *checker {
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c := &checker{
		pass:      pass,
		decls:     funcs.IndexDecls(pass.TypesInfo, ins),
		summaries: make(map[*types.Func]*effects),
		aliases:   refs.IndexAliases(pass.TypesInfo, pass.Files),
		impls:     soleImplementations(pass.Pkg),
		cfgs:      pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs),
		calls:     make(map[*ast.CallExpr][]event),
	}
	graph := summary.CallGraph(pass.TypesInfo, c.decls)
	c.solving = true
	summary.Solve(graph, c.summaries, c.summarize, (*effects).equal)
	c.solving = false
	for _, fn := range graph.Funcs {
		if s := c.summaries[fn]; len(s.locks)+len(s.releases)+len(s.holds) > 0 {
			pass.ExportObjectFact(fn, &locksFact{
				Locks:    s.locks,
				Releases: slices.Sorted(maps.Keys(s.releases)),
				Holds:    slices.Sorted(maps.Keys(s.holds)),
			})
		}
	}
	return c
}

// events returns what call does to the caller's mutexes.
func (c *checker) events(call *ast.CallExpr) []event {
	if evs, ok := c.calls[call]; ok {
		return evs
	}
	evs := c.computeEvents(call)
	if !c.solving {
		c.calls[call] = evs // summaries change until they are solved
	}
	return evs
}

func (c *checker) computeEvents(call *ast.CallExpr) []event {
	info := c.pass.TypesInfo
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		// A call of a method value held in a variable is a call of
		// the method: lock := s.mu.Lock; lock().
		if v, ok := info.Uses[id].(*types.Var); ok {
			if sel, ok := ast.Unparen(c.aliases[v]).(*ast.SelectorExpr); ok {
				if s, ok := info.Selections[sel]; ok && s.Kind() == types.MethodVal {
					direct := *call
					direct.Fun = sel
					evs := c.computeEvents(&direct)
					for i := range evs {
						evs[i].call = call
					}
					return evs
				}
			}
		}
	}
	if op, ok := locks.OpOf(info, call); ok {
		op.Key.Ref = c.aliases.Resolve(info, op.Key.Ref)
		switch {
		case op.Try:
			return nil // held or not: nothing is certain
		case op.Acquire:
			return []event{{kind: acquire, key: op.Key, call: call}}
		default:
			return []event{{kind: release, key: op.Key, call: call}}
		}
	}
	t := c.resolve(call)
	if t.Func == nil {
		// Unknown callee: whatever it is handed may be unlocked by it.
		var out []event
		args := call.Args
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			if s, ok := info.Selections[sel]; ok && s.Kind() == types.MethodVal {
				args = append([]ast.Expr{sel.X}, args...) // an interface method gets its receiver
			}
		}
		for _, a := range args {
			if r := refs.Of(info, a); r.Valid() {
				out = append(out, event{kind: forget, key: locks.Key{Ref: r}, call: call})
			}
		}
		return out
	}
	s := c.summaryOf(t.Func)
	if s == nil {
		return nil
	}
	var out []event
	for _, l := range s.locks {
		if k, ok := locks.KeyAt(info, l.Key, t.Func, t.Recv, call); ok {
			k.Ref = c.aliases.Resolve(info, k.Ref)
			chain := append([]string{t.Func.Name()}, l.Chain...)
			out = append(out, event{kind: callLock, key: k, call: call, chain: chain})
		}
	}
	locked := make(map[string]bool)
	for _, l := range s.locks {
		locked[l.Key] = true
	}
	for _, k := range slices.Sorted(maps.Keys(s.releases)) {
		if locked[k] {
			continue // it unlocks what it locked itself: the caller's lock is untouched
		}
		if key, ok := locks.KeyAt(info, k, t.Func, t.Recv, call); ok {
			key.Ref = c.aliases.Resolve(info, key.Ref)
			out = append(out, event{kind: release, key: key, call: call})
		}
	}
	for _, k := range slices.Sorted(maps.Keys(s.holds)) {
		if key, ok := locks.KeyAt(info, k, t.Func, t.Recv, call); ok {
			key.Ref = c.aliases.Resolve(info, key.Ref)
			out = append(out, event{kind: holds, key: key, call: call})
		}
	}
	return out
}

// resolve returns the callee of call. A method called through an
// interface is resolved when the receiver is a variable that holds one
// concrete value (var l sync.Locker = s), or when the interface is
// declared in this package and one type of the package implements it.
func (c *checker) resolve(call *ast.CallExpr) funcs.Target {
	info := c.pass.TypesInfo
	t := funcs.Resolve(info, c.decls, call)
	if t.Known() {
		return t
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return t
	}
	s, ok := info.Selections[sel]
	if !ok || s.Kind() != types.MethodVal || !types.IsInterface(s.Recv()) {
		return t
	}
	recv, concrete := sel.X, types.Type(nil)
	if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok {
		if v, ok := info.Uses[id].(*types.Var); ok {
			if value, ok := c.aliases[v]; ok && !types.IsInterface(info.TypeOf(value)) {
				recv, concrete = value, info.TypeOf(value)
			}
		}
	}
	if concrete == nil {
		if named, ok := types.Unalias(s.Recv()).(*types.Named); ok {
			concrete = c.impls[named]
		}
	}
	if concrete == nil {
		return t
	}
	obj, _, _ := types.LookupFieldOrMethod(concrete, true, c.pass.Pkg, sel.Sel.Name)
	fn, ok := obj.(*types.Func)
	if !ok {
		return t
	}
	fn = fn.Origin()
	return funcs.Target{Call: call, Func: fn, Decl: c.decls[fn], Sig: fn.Signature(), Recv: recv}
}

// soleImplementations maps each interface declared in pkg to the one type
// of pkg that implements it (itself or through its pointer), when exactly
// one does.
func soleImplementations(pkg *types.Package) map[*types.Named]types.Type {
	scope := pkg.Scope()
	var ifaces, concrete []*types.Named
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		named, ok := tn.Type().(*types.Named)
		if !ok || named.TypeParams().Len() > 0 {
			continue
		}
		if types.IsInterface(named) {
			if iface := named.Underlying().(*types.Interface); iface.NumMethods() > 0 {
				ifaces = append(ifaces, named)
			}
		} else {
			concrete = append(concrete, named)
		}
	}
	out := make(map[*types.Named]types.Type)
	for _, in := range ifaces {
		iface := in.Underlying().(*types.Interface)
		var found types.Type
		n := 0
		for _, t := range concrete {
			switch {
			case types.Implements(t, iface):
				found, n = t, n+1
			case types.Implements(types.NewPointer(t), iface):
				found, n = types.NewPointer(t), n+1
			}
		}
		if n == 1 {
			out[in] = found
		}
	}
	return out
}

// summaryOf returns fn's summary: computed from its body when it is in this
// package, imported as a fact otherwise.
func (c *checker) summaryOf(fn *types.Func) *effects {
	if _, ok := c.decls[fn]; !ok {
		var fact locksFact
		if !c.pass.ImportObjectFact(fn, &fact) {
			return nil
		}
		return &effects{locks: fact.Locks, releases: locks.Set(fact.Releases), holds: locks.Set(fact.Holds)}
	}
	return c.summaries[fn] // nil while its component is first solved
}

// summarize computes the summary of fn, a function of this package, from
// its body and its callees' summaries.
func (c *checker) summarize(fn *types.Func) *effects {
	decl := c.decls[fn]
	sig := fn.Signature()
	s := &effects{releases: make(map[string]bool)}
	released := make(map[locks.Subject]token.Pos) // first unlock of each mutex, any mode
	noteRelease := func(deferred bool) func(*ast.CallExpr) {
		return func(call *ast.CallExpr) {
			for _, ev := range c.events(call) {
				if ev.kind != release {
					continue
				}
				subj, ok := locks.SubjectOf(ev.key.Ref, sig)
				if !ok {
					continue
				}
				s.releases[locks.EncodeKey(subj, ev.key.Mode)] = true
				if p, seen := released[subj]; !deferred && (!seen || call.Pos() < p) {
					released[subj] = call.Pos()
				}
			}
		}
	}
	funcs.Calls(decl.Body, noteRelease(false))
	funcs.Deferred(decl.Body, noteRelease(true))

	// What it returns holding: a helper that locks for its caller.
	// Deferred unlocks run on the way out.
	if g := c.cfgs.FuncDecl(decl); g != nil {
		exit := lockset.HeldAtExit(g, lockset.Set{}, c.transfer(c.handed(decl.Body)))
		funcs.Deferred(decl.Body, func(call *ast.CallExpr) {
			for _, ev := range c.events(call) {
				if ev.kind == release {
					delete(exit, ev.key)
				}
			}
		})
		for k := range exit {
			if subj, ok := locks.SubjectOf(k.Ref, sig); ok {
				if s.holds == nil {
					s.holds = make(map[string]bool)
				}
				s.holds[locks.EncodeKey(subj, k.Mode)] = true
			}
		}
	}

	seen := make(map[string]bool)
	for _, st := range decl.Body.List {
		topLevelCalls(st, func(call *ast.CallExpr) {
			for _, ev := range c.events(call) {
				if ev.kind != acquire && ev.kind != callLock {
					continue
				}
				subj, ok := locks.SubjectOf(ev.key.Ref, sig)
				if !ok {
					continue
				}
				if p, ok := released[subj]; ok && p < call.Pos() {
					continue // it unlocks first: its caller holds the lock, and it takes it again
				}
				k := locks.EncodeKey(subj, ev.key.Mode)
				if !seen[k] {
					seen[k] = true
					s.locks = append(s.locks, Lock{Key: k, Chain: ev.chain})
				}
			}
		})
	}
	return s
}

func (e *effects) equal(o *effects) bool {
	return maps.Equal(e.releases, o.releases) && maps.Equal(e.holds, o.holds) && slices.EqualFunc(e.locks, o.locks, func(a, b Lock) bool {
		return a.Key == b.Key && slices.Equal(a.Chain, b.Chain)
	})
}

// topLevelCalls calls f for the calls that statement st, a statement of a
// function body's top level, makes whenever it runs.
func topLevelCalls(st ast.Stmt, f func(*ast.CallExpr)) {
	switch st := st.(type) {
	case *ast.ExprStmt, *ast.AssignStmt, *ast.ReturnStmt, *ast.DeclStmt, *ast.SendStmt, *ast.IncDecStmt:
		funcs.Calls(st, f)
	case *ast.IfStmt:
		if st.Init != nil {
			funcs.Calls(st.Init, f)
		}
		funcs.Calls(st.Cond, f)
	case *ast.SwitchStmt:
		if st.Init != nil {
			funcs.Calls(st.Init, f)
		}
		if st.Tag != nil {
			funcs.Calls(st.Tag, f)
		}
	}
}

// check follows the paths of the function named name and reports a lock
// taken while the same goroutine holds the mutex on every path to it.
func (c *checker) check(name string, body *ast.BlockStmt, g *cfg.CFG) {
	if g == nil {
		return
	}
	firstAcquire := make(map[locks.Key]token.Pos)
	for _, b := range g.Blocks {
		if !b.Live {
			continue
		}
		for _, n := range b.Nodes {
			funcs.Calls(n, func(call *ast.CallExpr) {
				for _, ev := range c.events(call) {
					if p, ok := firstAcquire[ev.key]; (ev.kind == acquire || ev.kind == holds) && (!ok || call.Pos() < p) {
						firstAcquire[ev.key] = call.Pos()
					}
				}
			})
		}
	}
	if len(firstAcquire) == 0 {
		return
	}
	reported := make(map[*ast.CallExpr]bool)
	lockset.Flow(g, lockset.Set{}, c.transfer(c.handed(body)), func(n ast.Node, held lockset.Set) {
		call, ok := n.(*ast.CallExpr)
		if !ok || reported[call] || len(held) == 0 {
			return
		}
		for _, ev := range c.events(call) {
			if ev.kind != acquire && ev.kind != callLock {
				continue
			}
			for _, mode := range []locks.Mode{locks.Write, locks.Read} {
				hk := locks.Key{Ref: ev.key.Ref, Mode: mode}
				if held[hk] {
					reported[call] = true
					c.report(name, ev, mode, c.pass.Fset.Position(firstAcquire[hk]).Line)
					return
				}
			}
		}
	})
}

// transfer is what the function's nodes and calls do to the mutexes it
// holds, for lockset.Flow: locks and unlocks, direct or through callees'
// summaries, and the owners it reassigns. Mutexes in handed are not
// followed.
func (c *checker) transfer(handed map[locks.Key]bool) lockset.Transfer {
	info := c.pass.TypesInfo
	return lockset.Transfer{
		Node: func(n ast.Node) []lockset.Effect {
			var out []lockset.Effect
			for _, ev := range assigned(info, n) {
				out = append(out, lockset.Effect{Kind: lockset.Forget, Key: ev.key})
			}
			return out
		},
		Call: func(call *ast.CallExpr) []lockset.Effect {
			var out []lockset.Effect
			for _, ev := range c.events(call) {
				switch ev.kind {
				case acquire, holds:
					if !handed[ev.key] {
						out = append(out, lockset.Effect{Kind: lockset.Acquire, Key: ev.key})
					}
				case release:
					out = append(out, lockset.Effect{Kind: lockset.Release, Key: ev.key})
				case forget:
					out = append(out, lockset.Effect{Kind: lockset.Forget, Key: ev.key})
				}
			}
			return out
		},
	}
}

// handed returns the mutexes of body that another goroutine or a later
// call unlocks without locking them: the lock is handed over, and not
// followed.
func (c *checker) handed(body *ast.BlockStmt) map[locks.Key]bool {
	info := c.pass.TypesInfo
	handed := make(map[locks.Key]bool)
	for _, lit := range funcs.Closures(body) {
		acquired, released := make(map[locks.Key]bool), make(map[locks.Key]bool)
		ast.Inspect(lit.Body, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				for _, ev := range c.events(call) {
					switch ev.kind {
					case acquire, callLock, holds:
						acquired[ev.key] = true
					case release:
						released[ev.key] = true
					}
				}
			}
			return true
		})
		for k := range released {
			if !acquired[k] {
				handed[k] = true
			}
		}
	}
	// So are mutexes whose Unlock is handed over as a function value: a
	// latch that another goroutine opens (started.Lock(); s.notify =
	// started.Unlock; go s.serve(); started.Lock()).
	var stack []ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		sel, ok := n.(*ast.SelectorExpr)
		if !ok || (sel.Sel.Name != "Unlock" && sel.Sel.Name != "RUnlock") {
			return true
		}
		if call, ok := stack[len(stack)-2].(*ast.CallExpr); ok && ast.Unparen(call.Fun) == sel {
			return true // called here
		}
		s, ok := info.Selections[sel]
		if !ok || s.Kind() != types.MethodVal || !syncops.IsMutex(s.Recv()) {
			return true
		}
		if r := refs.Of(info, sel.X); r.Valid() {
			r = refs.Embedded(r, s)
			handed[locks.Key{Ref: r, Mode: locks.Write}] = true
			handed[locks.Key{Ref: r, Mode: locks.Read}] = true
		}
		return true
	})
	return handed
}

// report explains a lock of ev.key taken while the goroutine holds the same
// mutex in mode held, locked at line since.
func (c *checker) report(name string, ev event, held locks.Mode, since int) {
	k, want := ev.key.String(), ev.key.Mode
	var what string
	if ev.kind == acquire {
		what = fmt.Sprintf("%s.%s while %s is already %s (line %d)", k, want.LockName(), k, heldAs(held), since)
	} else {
		verb := "locks"
		if want == locks.Read {
			verb = "read-locks"
		}
		what = fmt.Sprintf("%s %s %s again (held since line %d)", chain(name, ev.chain), verb, k, since)
	}
	var why string
	switch {
	case held == locks.Read && want == locks.Read:
		why = "a recursive read lock deadlocks when another goroutine calls Lock in between (sync.RWMutex forbids it); take the read lock once"
	case held == locks.Read:
		why = "a read lock cannot be upgraded, so this blocks forever; RUnlock first and check the state again after Lock"
	case want == locks.Read:
		why = "the goroutine holding the write lock cannot take the read lock, so this blocks forever; do not lock again while holding it"
	default:
		why = "sync.Mutex is not reentrant, so this blocks forever; unlock first, or call a variant that expects the lock to be held"
	}
	c.pass.Report(analysis.Diagnostic{
		Pos:      ev.call.Pos(),
		End:      ev.call.End(),
		Category: "doublelock",
		Message:  what + ": " + why,
	})
}

func heldAs(m locks.Mode) string {
	if m == locks.Read {
		return "read-locked"
	}
	return "locked"
}

// chain names the call chain shortly: Get → refresh → load.
func chain(name string, callees []string) string {
	names := append([]string{name}, callees...)
	if len(names) > 4 {
		names = []string{names[0], names[1], "…", names[len(names)-1]}
	}
	return strings.Join(names, " → ")
}

// assigned returns forget events for the variables and fields that CFG
// node n assigns: after `n = n.next`, n.mu is another mutex.
func assigned(info *types.Info, n ast.Node) []event {
	var lhs []ast.Expr
	switch n := n.(type) {
	case *ast.AssignStmt:
		lhs = n.Lhs
	case *ast.IncDecStmt:
		lhs = []ast.Expr{n.X}
	case *ast.Ident: // the key or value of a range loop, the target of a select receive
		lhs = []ast.Expr{n}
	}
	var out []event
	for _, e := range lhs {
		if r := refs.Of(info, e); r.Valid() {
			out = append(out, event{kind: forget, key: locks.Key{Ref: r}})
		}
	}
	return out
}
