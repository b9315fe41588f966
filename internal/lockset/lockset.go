// Package lockset computes the mutexes that a goroutine certainly holds at
// each call of a function (must-held sets), and the state at a function's
// entry that its callers establish: a helper that every caller enters with
// the lock held holds it on entry.
package lockset

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/cfg"

	"github.com/concvet/concvet/internal/funcs"
	"github.com/concvet/concvet/internal/locks"
	"github.com/concvet/concvet/internal/refs"
)

// A Set is a set of mutexes, each held in a mode.
type Set map[locks.Key]bool

// Clone returns a copy of s: MustHeld's visit sees a set that changes as
// the walk goes on.
func (s Set) Clone() Set {
	out := make(Set, len(s))
	for k := range s {
		out[k] = true
	}
	return out
}

// meet keeps the keys held on both sides.
func (s Set) meet(o Set) Set {
	out := make(Set)
	for k := range s {
		if o[k] {
			out[k] = true
		}
	}
	return out
}

func (s Set) equal(o Set) bool {
	if len(s) != len(o) {
		return false
	}
	for k := range s {
		if !o[k] {
			return false
		}
	}
	return true
}

// An Effect is what an operation does to the mutexes a goroutine holds.
type Effect struct {
	Kind EffectKind
	// Key is the mutex acquired or released; for Forget, Key.Ref names
	// the storage reassigned, and every mutex inside it is dropped.
	Key locks.Key
}

// An EffectKind is the kind of an Effect.
type EffectKind uint8

const (
	Acquire EffectKind = iota // the mutex is held afterwards
	Release                   // the mutex is not held afterwards
	Forget                    // the mutexes inside Key.Ref are other storage afterwards
)

// A Transfer says what the nodes of a control-flow graph do to the held
// mutexes: Node for a node itself (an assignment that replaces a mutex's
// owner), Call for each call that runs on the goroutine. Either may be nil.
type Transfer struct {
	Node func(n ast.Node) []Effect
	Call func(call *ast.CallExpr) []Effect
}

// Direct is the transfer of the direct mutex operations: Lock and RLock
// acquire, Unlock and RUnlock release. A TryLock may or may not take the
// lock, so it adds nothing certain.
func Direct(info *types.Info) Transfer {
	return Transfer{Call: func(call *ast.CallExpr) []Effect {
		op, ok := locks.OpOf(info, call)
		if !ok || op.Try {
			return nil
		}
		if op.Acquire {
			return []Effect{{Kind: Acquire, Key: op.Key}}
		}
		return []Effect{{Kind: Release, Key: op.Key}}
	}}
}

// apply updates held with effects, in order.
func (s Set) apply(effects []Effect) {
	for _, e := range effects {
		switch e.Kind {
		case Acquire:
			s[e.Key] = true
		case Release:
			delete(s, e.Key)
		case Forget:
			for k := range s {
				if e.Key.Ref.Contains(k.Ref) {
					delete(s, k)
				}
			}
		}
	}
}

// MustHeld runs a forward must-analysis of the mutexes held along g from
// entry, and calls visit, in the order of each block, for every node of the
// graph (a statement or expression: a send, a select case's communication;
// a range statement at the head of its loop, where it takes each element)
// and every call in it that runs on the function's own goroutine, with the
// mutexes held on every path that reaches it (before its own effect). Only
// the direct mutex operations count; Flow takes the effects of calls from
// summaries.
func MustHeld(info *types.Info, g *cfg.CFG, entry Set, visit func(n ast.Node, held Set)) {
	Flow(g, entry, Direct(info), visit)
}

// Flow is MustHeld with the effects of nodes and calls given by t.
func Flow(g *cfg.CFG, entry Set, t Transfer, visit func(n ast.Node, held Set)) {
	calls := make(nodeCalls)
	in := solve(g, entry, t, calls)
	if visit == nil {
		return
	}
	for _, b := range g.Blocks {
		if held, ok := in[b]; ok && b.Live {
			transfer(t, b, held, visit, calls)
		}
	}
}

// HeldAtExit returns the mutexes held on every path that leaves g: at
// every return, and at the end of every block with no successor.
func HeldAtExit(g *cfg.CFG, entry Set, t Transfer) Set {
	calls := make(nodeCalls)
	in := solve(g, entry, t, calls)
	var out Set
	for _, b := range g.Blocks {
		held, ok := in[b]
		if !ok || !b.Live || len(b.Succs) > 0 {
			continue
		}
		end := transfer(t, b, held, nil, calls)
		if out == nil {
			out = end
		} else {
			out = out.meet(end)
		}
	}
	return out
}

// nodeCalls holds the calls each node of a control-flow graph makes on its
// goroutine (funcs.Calls), in order: a block is transferred once per
// round of solve and once more for the visit.
type nodeCalls map[ast.Node][]*ast.CallExpr

func (nc nodeCalls) of(n ast.Node) []*ast.CallExpr {
	calls, ok := nc[n]
	if !ok {
		funcs.Calls(n, func(call *ast.CallExpr) { calls = append(calls, call) })
		nc[n] = calls
	}
	return calls
}

// transfer applies the effects of b's nodes to held, calling visit (when
// not nil) before each node's and each call's own effect.
func transfer(t Transfer, b *cfg.Block, held Set, visit func(ast.Node, Set), calls nodeCalls) Set {
	held = held.Clone()
	if b.Kind == cfg.KindRangeLoop && visit != nil {
		visit(b.Stmt, held) // the range statement takes its next element here
	}
	for _, n := range b.Nodes {
		if visit != nil {
			visit(n, held)
		}
		if t.Node != nil {
			held.apply(t.Node(n))
		}
		for _, call := range calls.of(n) {
			if visit != nil {
				visit(call, held)
			}
			if t.Call != nil {
				held.apply(t.Call(call))
			}
		}
	}
	return held
}

// solve returns the mutexes held on every path at the entry of each
// block reachable from g's entry.
func solve(g *cfg.CFG, entry Set, t Transfer, calls nodeCalls) map[*cfg.Block]Set {
	if g == nil || len(g.Blocks) == 0 {
		return nil
	}
	in := map[*cfg.Block]Set{g.Blocks[0]: entry.Clone()}
	work := []*cfg.Block{g.Blocks[0]}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		out := transfer(t, b, in[b], nil, calls)
		for _, s := range b.Succs {
			prev, seen := in[s]
			next := out
			if seen {
				next = prev.meet(out)
				if next.equal(prev) {
					continue
				}
			}
			in[s] = next
			work = append(work, s)
		}
	}
	return in
}

// Callers finds the call sites of a package's functions.
type Callers struct {
	info  *types.Info
	cfgs  *ctrlflow.CFGs
	calls *funcs.CallIndex
}

// NewCallers indexes the direct calls of the functions of decls in files.
func NewCallers(info *types.Info, decls funcs.Decls, cfgs *ctrlflow.CFGs, files []*ast.File) *Callers {
	return &Callers{info: info, cfgs: cfgs, calls: funcs.IndexCalls(info, decls, files)}
}

// HeldAtEntry reports whether every caller of fn holds the mutex r (in
// fn's terms: rooted at its receiver, a parameter or a package variable)
// in mode m when it calls fn. It is false when fn is exported, used
// otherwise than in a direct call (its callers are not all known), started
// with go, or called from a function literal.
func (c *Callers) HeldAtEntry(fn *types.Func, r refs.Ref, m locks.Mode) bool {
	return c.heldAtEntry(fn, r, m, 2)
}

func (c *Callers) heldAtEntry(fn *types.Func, r refs.Ref, m locks.Mode, depth int) bool {
	if fn.Exported() || c.calls.Other[fn] || len(c.calls.Sites[fn]) == 0 {
		return false
	}
	subj, ok := locks.SubjectOf(r, fn.Signature())
	if !ok {
		return false
	}
	for _, s := range c.calls.Sites[fn] {
		if s.Decl == nil || s.Lit != nil || s.Go {
			return false
		}
		want := subj.At(c.info, fn, s.Recv, s.Call)
		if !want.Valid() {
			return false
		}
		key := locks.Key{Ref: want, Mode: m}
		entry := Set{}
		if depth > 0 {
			if callerFn, ok := c.info.Defs[s.Decl.Name].(*types.Func); ok && callerFn != fn && c.heldAtEntry(callerFn, want, m, depth-1) {
				entry[key] = true
			}
		}
		held := false
		MustHeld(c.info, c.cfgs.FuncDecl(s.Decl), entry, func(n ast.Node, set Set) {
			if n == s.Call {
				held = set[key]
			}
		})
		if !held {
			return false
		}
	}
	return true
}

// EntrySet returns the mutexes, in fn's terms (rooted at its receiver, a
// parameter or a package variable), that every caller of fn holds when it
// calls fn: the state fn starts in. It is empty when HeldAtEntry would be
// false for every mutex (fn exported, used otherwise than in direct calls,
// started with go, called from a function literal).
func (c *Callers) EntrySet(fn *types.Func) Set {
	out := Set{}
	sites := c.calls.Sites[fn]
	if fn.Exported() || c.calls.Other[fn] || len(sites) == 0 {
		return out
	}
	first := sites[0]
	if first.Decl == nil || first.Lit != nil || first.Go {
		return out
	}
	// The candidates: what the first caller holds, in fn's terms.
	var held Set
	MustHeld(c.info, c.cfgs.FuncDecl(first.Decl), Set{}, func(n ast.Node, set Set) {
		if n == first.Call {
			held = set.Clone()
		}
	})
	sig := fn.Signature()
	for k := range held {
		r, ok := calleeRef(c.info, k.Ref, sig, first.Recv, first.Call)
		if ok && c.HeldAtEntry(fn, r, k.Mode) {
			out[locks.Key{Ref: r, Mode: k.Mode}] = true
		}
	}
	return out
}

// calleeRef expresses r, a reference of the caller at call, in the terms of
// the callee whose signature is sig: a package variable stays itself; a
// reference below the receiver or an argument is rooted at that parameter.
func calleeRef(info *types.Info, r refs.Ref, sig *types.Signature, recv ast.Expr, call *ast.CallExpr) (refs.Ref, bool) {
	if v, ok := r.Root.(*types.Var); ok && v.Pkg() != nil && v.Parent() == v.Pkg().Scope() {
		return r, true
	}
	below := func(arg refs.Ref) (string, bool) {
		if arg.Root != r.Root || !strings.HasPrefix(r.Path, arg.Path) {
			return "", false
		}
		rest := r.Path[len(arg.Path):]
		return rest, rest == "" || rest[0] == '.'
	}
	if sig.Recv() != nil && recv != nil {
		if rest, ok := below(refs.AtCall(info, refs.Param{Index: -1}, recv, call)); ok {
			return refs.Ref{Root: sig.Recv(), Path: rest}, true
		}
	}
	for i := 0; i < sig.Params().Len(); i++ {
		if rest, ok := below(refs.AtCall(info, refs.Param{Index: i}, recv, call)); ok {
			return refs.Ref{Root: sig.Params().At(i), Path: rest}, true
		}
	}
	return refs.Ref{}, false
}

// Taken is the transfer of the acquisitions alone: a path holds, in the
// sets it gives, every mutex it has locked at some point, released or not.
// A goroutine reaching a node has taken those mutexes first, so it waits
// for whoever holds one of them then.
func Taken(info *types.Info) Transfer {
	direct := Direct(info)
	return Transfer{Call: func(call *ast.CallExpr) []Effect {
		effects := direct.Call(call)
		if len(effects) == 1 && effects[0].Kind == Acquire {
			return effects
		}
		return nil
	}}
}
