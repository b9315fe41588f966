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
	"github.com/concvet/concvet/internal/refs"
	"github.com/concvet/concvet/internal/summary"
	"github.com/concvet/concvet/internal/syncops"
	"github.com/concvet/concvet/internal/typesutil"
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
	return fmt.Sprintf("locks=%v releases=%v", parts, f.Releases)
}

type effects struct {
	locks    []Lock
	releases map[string]bool
}

type eventKind int

const (
	acquire  eventKind = iota // a direct Lock or RLock
	release                   // a direct or summarized Unlock or RUnlock
	callLock                  // a call that locks the mutex
	forget                    // the mutex's owner is reassigned or escapes
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

// relevant reports whether the package has mutexes of its own or gets
// summaries from its dependencies; a package with neither has nothing to
// check and no fact to export.
func relevant(pass *analysis.Pass) bool {
	return typesutil.Imports(pass.Pkg, "sync") || len(pass.AllObjectFacts()) > 0
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
	}
	graph := summary.CallGraph(pass.TypesInfo, c.decls)
	summary.Solve(graph, c.summaries, c.summarize, (*effects).equal)
	for _, fn := range graph.Funcs {
		if s := c.summaries[fn]; len(s.locks)+len(s.releases) > 0 {
			pass.ExportObjectFact(fn, &locksFact{Locks: s.locks, Releases: slices.Sorted(maps.Keys(s.releases))})
		}
	}
	return c
}

// events returns what call does to the caller's mutexes.
func (c *checker) events(call *ast.CallExpr) []event {
	info := c.pass.TypesInfo
	if op, ok := locks.OpOf(info, call); ok {
		switch {
		case op.Try:
			return nil // held or not: nothing is certain
		case op.Acquire:
			return []event{{kind: acquire, key: op.Key, call: call}}
		default:
			return []event{{kind: release, key: op.Key, call: call}}
		}
	}
	t := funcs.Resolve(info, c.decls, call)
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
			out = append(out, event{kind: release, key: key, call: call})
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
		return &effects{locks: fact.Locks, releases: locks.Set(fact.Releases)}
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
	return maps.Equal(e.releases, o.releases) && slices.EqualFunc(e.locks, o.locks, func(a, b Lock) bool {
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
	info := c.pass.TypesInfo

	// Mutexes that another goroutine or a later call unlocks without
	// locking them are not followed: the lock is handed over.
	handed := make(map[locks.Key]bool)
	for _, lit := range funcs.Closures(body) {
		acquired, released := make(map[locks.Key]bool), make(map[locks.Key]bool)
		ast.Inspect(lit.Body, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				for _, ev := range c.events(call) {
					switch ev.kind {
					case acquire, callLock:
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

	evs := make(map[ast.Node][]event)
	index := make(map[locks.Key]int)
	var keys []locks.Key
	for _, b := range g.Blocks {
		if !b.Live {
			continue
		}
		for _, n := range b.Nodes {
			evs[n] = append(evs[n], assigned(info, n)...)
			funcs.Calls(n, func(call *ast.CallExpr) {
				for _, ev := range c.events(call) {
					evs[n] = append(evs[n], ev)
					if _, ok := index[ev.key]; ev.kind == acquire && !ok && !handed[ev.key] && len(keys) < 64 {
						index[ev.key] = len(keys)
						keys = append(keys, ev.key)
					}
				}
			})
		}
	}
	if len(keys) == 0 {
		return
	}

	// held is the set of keys held on every path, as bits of index.
	transfer := func(b *cfg.Block, held uint64, report func(event, uint64)) uint64 {
		for _, n := range b.Nodes {
			for _, ev := range evs[n] {
				switch ev.kind {
				case acquire, callLock:
					if report != nil {
						report(ev, held)
					}
					if i, ok := index[ev.key]; ok && ev.kind == acquire {
						held |= 1 << i
					}
				case release:
					if i, ok := index[ev.key]; ok {
						held &^= 1 << i
					}
				case forget:
					for i, k := range keys {
						if ev.key.Ref.Contains(k.Ref) {
							held &^= 1 << i
						}
					}
				}
			}
		}
		return held
	}
	in := map[*cfg.Block]uint64{g.Blocks[0]: 0}
	work := []*cfg.Block{g.Blocks[0]}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		out := transfer(b, in[b], nil)
		for _, s := range b.Succs {
			prev, seen := in[s]
			next := out
			if seen {
				next &= prev
			}
			if !seen || next != prev {
				in[s] = next
				work = append(work, s)
			}
		}
	}

	firstAcquire := make(map[locks.Key]token.Pos)
	for _, list := range evs {
		for _, ev := range list {
			if p, ok := firstAcquire[ev.key]; ev.kind == acquire && (!ok || ev.call.Pos() < p) {
				firstAcquire[ev.key] = ev.call.Pos()
			}
		}
	}
	reported := make(map[*ast.CallExpr]bool)
	for _, b := range g.Blocks {
		held, ok := in[b]
		if !b.Live || !ok {
			continue
		}
		transfer(b, held, func(ev event, held uint64) {
			if reported[ev.call] {
				return
			}
			for _, mode := range []locks.Mode{locks.Write, locks.Read} {
				hk := locks.Key{Ref: ev.key.Ref, Mode: mode}
				if i, ok := index[hk]; ok && held&(1<<i) != 0 {
					reported[ev.call] = true
					c.report(name, ev, mode, c.pass.Fset.Position(firstAcquire[hk]).Line)
					return
				}
			}
		})
	}
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
