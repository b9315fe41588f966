package lockset

import (
	"go/ast"
	"go/types"
	"maps"
	"slices"

	"github.com/concvet/concvet/internal/funcs"
	"github.com/concvet/concvet/internal/locks"
	"github.com/concvet/concvet/internal/summary"
)

// Acquisitions knows, for every function of a package, the mutexes it may
// lock when called, directly or through the package's functions it calls
// on its own goroutine, and those it may unlock on the way (not with
// defer), as subjects (locks.EncodeKey) a caller can map onto its own
// expressions.
type Acquisitions struct {
	info     *types.Info
	decls    funcs.Decls
	bodies   *bodyCalls
	sums     map[*types.Func]mayLock
	imported func(fn *types.Func) Imported
}

// mayLock is a function's acquisition summary, as encoded subjects: the
// mutexes it may lock, and those it may unlock before returning.
type mayLock struct{ locks, unlocks map[string]bool }

func (a mayLock) equal(b mayLock) bool {
	return maps.Equal(a.locks, b.locks) && maps.Equal(a.unlocks, b.unlocks)
}

// NewAcquisitions solves the acquisition summaries of decls' functions,
// whose call graph is graph (summary.CallGraph of decls). imported, when
// not nil, gives those of functions of other packages (the lockeffects
// analyzer's facts); without it they lock nothing.
func NewAcquisitions(info *types.Info, decls funcs.Decls, graph *summary.Graph, imported func(fn *types.Func) Imported) *Acquisitions {
	return newAcquisitions(info, decls, graph, imported, new(bodyCalls))
}

func newAcquisitions(info *types.Info, decls funcs.Decls, graph *summary.Graph, imported func(fn *types.Func) Imported, bodies *bodyCalls) *Acquisitions {
	a := &Acquisitions{info: info, decls: decls, bodies: bodies, sums: make(map[*types.Func]mayLock), imported: imported}
	summary.Solve(graph, a.sums, a.summarize, mayLock.equal)
	return a
}

// summarize collects, in fn's terms, the mutexes that the calls fn makes
// on its own goroutine may lock and may unlock: one walk of its body for
// both.
func (a *Acquisitions) summarize(fn *types.Func) mayLock {
	out := mayLock{locks: make(map[string]bool), unlocks: make(map[string]bool)}
	sig := fn.Signature()
	add := func(set map[string]bool, keys []locks.Key) {
		for _, k := range keys {
			if subj, ok := locks.SubjectOf(k.Ref, sig); ok {
				set[locks.EncodeKey(subj, k.Mode)] = true
			}
		}
	}
	for _, call := range a.bodies.of(a.decls[fn].Body).calls {
		add(out.locks, a.At(call))
		add(out.unlocks, a.ReleasesAt(call))
	}
	return out
}

// At returns the mutexes that call may wait to lock, in the caller's
// terms: the mutex of a direct Lock or RLock, or those a callee of this
// package locks. TryLock never waits (code also calls it to assert that
// the lock is held), so it is not an acquisition here.
func (a *Acquisitions) At(call *ast.CallExpr) []locks.Key {
	if op, ok := locks.OpOf(a.info, call); ok {
		if op.Acquire && !op.Try {
			return []locks.Key{op.Key}
		}
		return nil
	}
	return a.mapped(call, func(s mayLock) map[string]bool { return s.locks }, func(i Imported) []string { return i.MayLock })
}

// ReleasesAt returns the mutexes that call may unlock before it returns,
// in the caller's terms: the mutex of a direct Unlock or RUnlock, or those
// a callee unlocks (a helper that releases its caller's lock around slow
// work and takes it again).
func (a *Acquisitions) ReleasesAt(call *ast.CallExpr) []locks.Key {
	if op, ok := locks.OpOf(a.info, call); ok {
		if !op.Acquire && !op.Try {
			return []locks.Key{op.Key}
		}
		return nil
	}
	return a.mapped(call, func(s mayLock) map[string]bool { return s.unlocks }, func(i Imported) []string { return i.MayUnlock })
}

// mapped maps the summary of call's callee onto the call: the part of its
// summary that local selects for a function of this package, of the facts
// that imported selects for another's.
func (a *Acquisitions) mapped(call *ast.CallExpr, local func(mayLock) map[string]bool, imported func(Imported) []string) []locks.Key {
	t := funcs.Resolve(a.info, a.decls, call)
	var keys []string
	switch {
	case t.Decl != nil:
		keys = slices.Sorted(maps.Keys(local(a.sums[t.Func])))
	case t.Func != nil && a.imported != nil:
		keys = imported(a.imported(t.Func))
	}
	var out []locks.Key
	for _, enc := range keys {
		if k, ok := locks.KeyAt(a.info, enc, t.Func, t.Recv, call); ok {
			out = append(out, k)
		}
	}
	return out
}

// Of returns the mutexes that fn, a function of this package, may lock, as
// encoded subjects.
func (a *Acquisitions) Of(fn *types.Func) map[string]bool { return a.sums[fn].locks }

// ReleasesOf returns the mutexes that fn, a function of this package, may
// unlock before it returns, as encoded subjects.
func (a *Acquisitions) ReleasesOf(fn *types.Func) map[string]bool { return a.sums[fn].unlocks }
