package lockset

import (
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"sync"

	"golang.org/x/tools/go/cfg"

	"github.com/concvet/concvet/internal/funcs"
	"github.com/concvet/concvet/internal/locks"
	"github.com/concvet/concvet/internal/refs"
	"github.com/concvet/concvet/internal/summary"
	"github.com/concvet/concvet/internal/syncops"
)

// Calls knows what each call of a package does to its caller's mutexes,
// resolved as far as the package shows: a mutex or its Lock method under a
// second name (m := &s.mu; lock := s.mu.Lock), a method value held in a
// variable, an interface with one implementation in the package or a
// variable holding one concrete value. It summarizes every function by the
// mutexes of its caller (through its receiver, parameters or package
// variables) that it locks at its top level, whenever it runs (TopLocks,
// which a caller holding them locks twice), those it may release, and
// those it holds when it returns. The summaries are solved once, in the
// call graph's order; those of other packages come from the lockeffects
// analyzer's facts. doublelock asks it what each call does (Events) and
// follows the locks held (Transfer).
type Calls struct {
	info      *types.Info
	pkg       *types.Package
	decls     funcs.Decls
	cfg       func(*ast.FuncDecl) *cfg.CFG
	imported  func(fn *types.Func) Imported
	bodies    *bodyCalls
	summaries map[*types.Func]*topSummary // solved by summary.Solve
	// aliases are the second names of mutexes (m := &s.mu), of their
	// methods (lock := s.mu.Lock) and of concrete values behind an
	// interface (var l sync.Locker = s).
	aliases refs.Aliases
	// impls maps the interfaces declared in the package to their one
	// implementation in it, when there is exactly one; made on the first
	// call of a method of such an interface.
	impls     map[*types.Named]types.Type
	implsOnce sync.Once

	// memo holds the events of each call once the summaries are solved:
	// the held-mutex flow asks for a call's events once to move its
	// state and once to check it. The analyzers of a unit share Calls
	// and run concurrently.
	mu      sync.Mutex
	memo    map[*ast.CallExpr][]CallEvent
	solving bool
}

// A TopLock is a mutex that a function locks at its top level: Key is a
// locks.EncodeKey, Chain the callees through which it does so (none when
// it locks directly).
type TopLock struct {
	Key   string
	Chain []string
}

// A CallEventKind is what a call does to a mutex.
type CallEventKind int

const (
	CallAcquire CallEventKind = iota // a direct Lock or RLock
	CallRelease                      // a direct or summarized Unlock or RUnlock
	CallLocks                        // a call of a function that locks the mutex at its top level
	CallForget                       // the mutex's owner is reassigned, or handed to an unknown callee
	CallHolds                        // a call that returns with the mutex locked
)

// A CallEvent is what a call does to one mutex.
type CallEvent struct {
	Kind  CallEventKind
	Key   locks.Key // for CallForget: Key.Ref names the owner
	Call  *ast.CallExpr
	Chain []string // for CallLocks: the callees, outermost first
}

// topSummary is a function's summary: its top-level locks, and the
// locks.EncodeKey subjects it may release and holds on every path out.
type topSummary struct {
	locks    []TopLock
	releases map[string]bool
	holds    map[string]bool
}

func (e *topSummary) equal(o *topSummary) bool {
	return maps.Equal(e.releases, o.releases) && maps.Equal(e.holds, o.holds) && slices.EqualFunc(e.locks, o.locks, func(a, b TopLock) bool {
		return a.Key == b.Key && slices.Equal(a.Chain, b.Chain)
	})
}

// NewCalls solves the top-level lock summaries of decls' functions, whose
// call graph is graph (summary.CallGraph of decls) and whose control-flow
// graphs cfg gives; files and pkg are the package's, for the second names
// and the sole implementations (pkg nil: none). imported, when not nil,
// gives the summaries of functions of other packages.
func NewCalls(info *types.Info, pkg *types.Package, files []*ast.File, decls funcs.Decls, graph *summary.Graph, cfg func(*ast.FuncDecl) *cfg.CFG, imported func(fn *types.Func) Imported) *Calls {
	return newCalls(info, pkg, files, decls, graph, cfg, imported, new(bodyCalls))
}

func newCalls(info *types.Info, pkg *types.Package, files []*ast.File, decls funcs.Decls, graph *summary.Graph, cfg func(*ast.FuncDecl) *cfg.CFG, imported func(fn *types.Func) Imported, bodies *bodyCalls) *Calls {
	c := &Calls{
		info:      info,
		pkg:       pkg,
		decls:     decls,
		cfg:       cfg,
		imported:  imported,
		bodies:    bodies,
		summaries: make(map[*types.Func]*topSummary),
		aliases:   refs.IndexAliases(info, files),
		memo:      make(map[*ast.CallExpr][]CallEvent),
	}
	c.solving = true
	summary.Solve(graph, c.summaries, c.summarize, (*topSummary).equal)
	c.solving = false
	return c
}

// Encoded returns fn's summary, a function of this package: its top-level
// locks, and the sorted subjects it may release and holds on every path
// out (nil when empty).
func (c *Calls) Encoded(fn *types.Func) (top []TopLock, releases, holds []string) {
	s := c.summaries[fn]
	if s == nil {
		return nil, nil, nil
	}
	return s.locks, sortedKeys(s.releases), sortedKeys(s.holds)
}

// Events returns what call does to the caller's mutexes.
func (c *Calls) Events(call *ast.CallExpr) []CallEvent {
	if c.solving {
		return c.computeEvents(call) // the summaries change until they are solved
	}
	c.mu.Lock()
	evs, ok := c.memo[call]
	c.mu.Unlock()
	if ok {
		return evs
	}
	evs = c.computeEvents(call)
	c.mu.Lock()
	c.memo[call] = evs
	c.mu.Unlock()
	return evs
}

func (c *Calls) computeEvents(call *ast.CallExpr) []CallEvent {
	info := c.info
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
						evs[i].Call = call
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
			return []CallEvent{{Kind: CallAcquire, Key: op.Key, Call: call}}
		default:
			return []CallEvent{{Kind: CallRelease, Key: op.Key, Call: call}}
		}
	}
	t := c.resolve(call)
	if t.Func == nil {
		// Unknown callee: whatever it is handed may be unlocked by it.
		var out []CallEvent
		args := call.Args
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			if s, ok := info.Selections[sel]; ok && s.Kind() == types.MethodVal {
				args = append([]ast.Expr{sel.X}, args...) // an interface method gets its receiver
			}
		}
		for _, a := range args {
			if r := refs.Of(info, a); r.Valid() {
				out = append(out, CallEvent{Kind: CallForget, Key: locks.Key{Ref: r}, Call: call})
			}
		}
		return out
	}
	s := c.summaryOf(t.Func)
	if s == nil {
		return nil
	}
	var out []CallEvent
	for _, l := range s.locks {
		if k, ok := locks.KeyAt(info, l.Key, t.Func, t.Recv, call); ok {
			k.Ref = c.aliases.Resolve(info, k.Ref)
			chain := append([]string{t.Func.Name()}, l.Chain...)
			out = append(out, CallEvent{Kind: CallLocks, Key: k, Call: call, Chain: chain})
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
			out = append(out, CallEvent{Kind: CallRelease, Key: key, Call: call})
		}
	}
	for _, k := range slices.Sorted(maps.Keys(s.holds)) {
		if key, ok := locks.KeyAt(info, k, t.Func, t.Recv, call); ok {
			key.Ref = c.aliases.Resolve(info, key.Ref)
			out = append(out, CallEvent{Kind: CallHolds, Key: key, Call: call})
		}
	}
	return out
}

// resolve returns the callee of call. A method called through an
// interface is resolved when the receiver is a variable that holds one
// concrete value (var l sync.Locker = s), or when the interface is
// declared in this package and one type of the package implements it.
func (c *Calls) resolve(call *ast.CallExpr) funcs.Target {
	info := c.info
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
		if named, ok := types.Unalias(s.Recv()).(*types.Named); ok && c.pkg != nil && named.Obj().Pkg() == c.pkg {
			c.implsOnce.Do(func() { c.impls = soleImplementations(c.pkg) })
			concrete = c.impls[named]
		}
	}
	if concrete == nil {
		return t
	}
	obj, _, _ := types.LookupFieldOrMethod(concrete, true, c.pkg, sel.Sel.Name)
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
// package, imported from its fact otherwise (nil without one).
func (c *Calls) summaryOf(fn *types.Func) *topSummary {
	if _, ok := c.decls[fn]; !ok {
		if c.imported == nil {
			return nil
		}
		f := c.imported(fn)
		if !f.Known {
			return nil
		}
		return &topSummary{locks: f.TopLocks, releases: locks.Set(f.TopReleases), holds: locks.Set(f.TopHolds)}
	}
	return c.summaries[fn] // nil while its component is first solved
}

// summarize computes the summary of fn, a function of this package, from
// its body and its callees' summaries.
func (c *Calls) summarize(fn *types.Func) *topSummary {
	decl := c.decls[fn]
	sig := fn.Signature()
	s := &topSummary{releases: make(map[string]bool)}
	released := make(map[locks.Subject]token.Pos) // first unlock of each mutex, any mode
	acquires := false                             // some call may leave a mutex held
	noteRelease := func(deferred bool) func(*ast.CallExpr) {
		return func(call *ast.CallExpr) {
			for _, ev := range c.Events(call) {
				if ev.Kind == CallAcquire || ev.Kind == CallHolds {
					acquires = true
				}
				if ev.Kind != CallRelease {
					continue
				}
				subj, ok := locks.SubjectOf(ev.Key.Ref, sig)
				if !ok {
					continue
				}
				s.releases[locks.EncodeKey(subj, ev.Key.Mode)] = true
				if p, seen := released[subj]; !deferred && (!seen || call.Pos() < p) {
					released[subj] = call.Pos()
				}
			}
		}
	}
	body := c.bodies.of(decl.Body)
	for _, call := range body.calls {
		noteRelease(false)(call)
	}
	for _, call := range body.deferred {
		noteRelease(true)(call)
	}

	// What it returns holding: a helper that locks for its caller.
	// Deferred unlocks run on the way out. Only an acquisition among
	// the calls of its body (those Flow visits, and more) can leave a
	// mutex held: most functions have none, and skip the flow.
	if g := c.cfg(decl); g != nil && acquires {
		exit := HeldAtExit(g, Set{}, c.Transfer(c.Handed(decl.Body)))
		for _, call := range body.deferred {
			for _, ev := range c.Events(call) {
				if ev.Kind == CallRelease {
					delete(exit, ev.Key)
				}
			}
		}
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
			for _, ev := range c.Events(call) {
				if ev.Kind != CallAcquire && ev.Kind != CallLocks {
					continue
				}
				subj, ok := locks.SubjectOf(ev.Key.Ref, sig)
				if !ok {
					continue
				}
				if p, ok := released[subj]; ok && p < call.Pos() {
					continue // it unlocks first: its caller holds the lock, and it takes it again
				}
				k := locks.EncodeKey(subj, ev.Key.Mode)
				if !seen[k] {
					seen[k] = true
					s.locks = append(s.locks, TopLock{Key: k, Chain: ev.Chain})
				}
			}
		})
	}
	return s
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

// Transfer is what a function's nodes and calls do to the mutexes it
// holds, for Flow: locks and unlocks, direct or through callees'
// summaries, and the owners it reassigns. Mutexes in handed are not
// followed.
func (c *Calls) Transfer(handed map[locks.Key]bool) Transfer {
	info := c.info
	return Transfer{
		Node: func(n ast.Node) []Effect {
			var out []Effect
			for _, k := range assigned(info, n) {
				out = append(out, Effect{Kind: Forget, Key: k})
			}
			return out
		},
		Call: func(call *ast.CallExpr) []Effect {
			var out []Effect
			for _, ev := range c.Events(call) {
				switch ev.Kind {
				case CallAcquire, CallHolds:
					if !handed[ev.Key] {
						out = append(out, Effect{Kind: Acquire, Key: ev.Key})
					}
				case CallRelease:
					out = append(out, Effect{Kind: Release, Key: ev.Key})
				case CallForget:
					out = append(out, Effect{Kind: Forget, Key: ev.Key})
				}
			}
			return out
		},
	}
}

// Handed returns the mutexes of body that another goroutine or a later
// call unlocks without locking them: the lock is handed over, and not
// followed.
func (c *Calls) Handed(body *ast.BlockStmt) map[locks.Key]bool {
	info := c.info
	handed := make(map[locks.Key]bool)
	for _, lit := range funcs.Closures(body) {
		acquired, released := make(map[locks.Key]bool), make(map[locks.Key]bool)
		ast.Inspect(lit.Body, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				for _, ev := range c.Events(call) {
					switch ev.Kind {
					case CallAcquire, CallLocks, CallHolds:
						acquired[ev.Key] = true
					case CallRelease:
						released[ev.Key] = true
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

// assigned returns the owners that CFG node n reassigns, as keys whose
// Ref names them: after `n = n.next`, n.mu is another mutex.
func assigned(info *types.Info, n ast.Node) []locks.Key {
	var lhs []ast.Expr
	switch n := n.(type) {
	case *ast.AssignStmt:
		lhs = n.Lhs
	case *ast.IncDecStmt:
		lhs = []ast.Expr{n.X}
	case *ast.Ident: // the key or value of a range loop, the target of a select receive
		lhs = []ast.Expr{n}
	}
	var out []locks.Key
	for _, e := range lhs {
		if r := refs.Of(info, e); r.Valid() {
			out = append(out, locks.Key{Ref: r})
		}
	}
	return out
}
