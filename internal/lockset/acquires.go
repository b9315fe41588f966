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
// on its own goroutine, as subjects (locks.EncodeKey) a caller can map onto
// its own expressions.
type Acquisitions struct {
	info     *types.Info
	decls    funcs.Decls
	sums     map[*types.Func]map[string]bool
	imported func(fn *types.Func) []string
}

// NewAcquisitions solves the acquisition summaries of decls' functions.
// imported, when not nil, gives those of functions of other packages (the
// lockeffects analyzer's facts); without it they lock nothing.
func NewAcquisitions(info *types.Info, decls funcs.Decls, imported func(fn *types.Func) []string) *Acquisitions {
	a := &Acquisitions{info: info, decls: decls, sums: make(map[*types.Func]map[string]bool), imported: imported}
	summary.Solve(summary.CallGraph(info, decls), a.sums, a.summarize, maps.Equal)
	return a
}

func (a *Acquisitions) summarize(fn *types.Func) map[string]bool {
	out := make(map[string]bool)
	sig := fn.Signature()
	funcs.Calls(a.decls[fn].Body, func(call *ast.CallExpr) {
		for _, k := range a.At(call) {
			if subj, ok := locks.SubjectOf(k.Ref, sig); ok {
				out[locks.EncodeKey(subj, k.Mode)] = true
			}
		}
	})
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
	t := funcs.Resolve(a.info, a.decls, call)
	var keys []string
	switch {
	case t.Decl != nil:
		keys = slices.Sorted(maps.Keys(a.sums[t.Func]))
	case t.Func != nil && a.imported != nil:
		keys = a.imported(t.Func)
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
func (a *Acquisitions) Of(fn *types.Func) map[string]bool { return a.sums[fn] }
