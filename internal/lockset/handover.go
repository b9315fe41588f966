package lockset

import (
	"go/ast"
	"go/constant"
	"go/types"
	"maps"
	"slices"
	"sort"

	"golang.org/x/tools/go/cfg"

	"github.com/concvet/concvet/internal/funcs"
	"github.com/concvet/concvet/internal/locks"
	"github.com/concvet/concvet/internal/summary"
)

// Handovers knows, for every function of a package, what it leaves done to
// its caller's mutexes when it returns (a Handover): the lock-for-caller
// helpers (lockState), the unlock-for-caller ones (unlockAndNotify), and
// the conditional ones. They are solved once, in the call graph's order,
// from each function's control-flow graph; those of other packages come
// from the lockeffects analyzer's facts. lockleak asks it what each call
// does (Events) and follows the paths (Paths).
type Handovers struct {
	info     *types.Info
	decls    funcs.Decls
	cfg      func(*ast.FuncDecl) *cfg.CFG
	bodies   *bodyCalls
	sums     map[*types.Func]*Handover
	imported func(fn *types.Func) Imported
}

// NewHandovers solves the hand-over summaries of decls' functions, whose
// call graph is graph (summary.CallGraph of decls) and whose control-flow
// graphs cfg gives. imported, when not nil, gives those of functions of
// other packages.
func NewHandovers(info *types.Info, decls funcs.Decls, graph *summary.Graph, cfg func(*ast.FuncDecl) *cfg.CFG, imported func(fn *types.Func) Imported) *Handovers {
	return newHandovers(info, decls, graph, cfg, imported, new(bodyCalls))
}

func newHandovers(info *types.Info, decls funcs.Decls, graph *summary.Graph, cfg func(*ast.FuncDecl) *cfg.CFG, imported func(fn *types.Func) Imported, bodies *bodyCalls) *Handovers {
	h := &Handovers{info: info, decls: decls, cfg: cfg, bodies: bodies, sums: make(map[*types.Func]*Handover), imported: imported}
	summary.Solve(graph, h.sums, h.summarize, (*Handover).Equal)
	return h
}

// Encoded returns fn's summary, a function of this package, as sorted
// lists of encoded subjects (nil when empty).
func (h *Handovers) Encoded(fn *types.Func) (acquires, uncertain, releases []string) {
	s := h.sums[fn]
	if s == nil {
		return nil, nil, nil
	}
	return sortedKeys(s.Acquires), sortedKeys(s.Uncertain), sortedKeys(s.Releases)
}

func sortedKeys(m map[string]bool) []string {
	if len(m) == 0 {
		return nil
	}
	return slices.Sorted(maps.Keys(m))
}

// A Handover is what a function leaves done to its caller's mutexes
// (subjects encoded by locks.EncodeKey) when it returns: those it Acquires
// (every return holds them; it locked them), those it Releases (every
// return has released them; the caller held them), and those Uncertain
// (some returns hold them, others not: the caller cannot know without the
// function's result, or it tried them).
type Handover struct {
	Acquires, Uncertain, Releases map[string]bool
}

// Equal reports whether two summaries are the same.
func (e *Handover) Equal(o *Handover) bool {
	return maps.Equal(e.Acquires, o.Acquires) && maps.Equal(e.Uncertain, o.Uncertain) && maps.Equal(e.Releases, o.Releases)
}

// An Event is a call's effect on one mutex of the function being checked.
type Event struct {
	Key     locks.Key
	Acquire bool
	Try     bool
	Call    *ast.CallExpr
	Via     *types.Func // the helper that locks or unlocks, if not a direct call
}

// Events returns what call does to the caller's mutexes: a direct mutex
// operation, or the effects of a helper's summary mapped onto the call.
func (h *Handovers) Events(call *ast.CallExpr) []Event {
	info := h.info
	if op, ok := locks.OpOf(info, call); ok {
		return []Event{{Key: op.Key, Acquire: op.Acquire, Try: op.Try, Call: call}}
	}
	t := funcs.Resolve(info, h.decls, call)
	if t.Func == nil {
		return nil
	}
	s := h.Of(t.Func)
	if s == nil {
		return nil
	}
	var out []Event
	for _, set := range []struct {
		keys         map[string]bool
		acquire, try bool
	}{{s.Acquires, true, false}, {s.Uncertain, false, true}, {s.Releases, false, false}} {
		for _, k := range slices.Sorted(maps.Keys(set.keys)) {
			if key, ok := locks.KeyAt(info, k, t.Func, t.Recv, call); ok {
				out = append(out, Event{Key: key, Acquire: set.acquire, Try: set.try, Call: call, Via: t.Func})
			}
		}
	}
	return out
}

// Of returns fn's summary: computed from its body when it is in this
// package, imported (the lockeffects analyzer's facts) otherwise; nil when
// there is none.
func (h *Handovers) Of(fn *types.Func) *Handover {
	if _, ok := h.decls[fn]; !ok {
		if h.imported == nil {
			return nil
		}
		i := h.imported(fn)
		if len(i.Acquires)+len(i.Uncertain)+len(i.Releases) == 0 {
			return nil
		}
		return &Handover{Acquires: locks.Set(i.Acquires), Uncertain: locks.Set(i.Uncertain), Releases: locks.Set(i.Releases)}
	}
	return h.sums[fn] // nil while its component is first solved
}

// summarize computes the summary of fn, a function of this package, from
// its body and its callees' summaries.
func (h *Handovers) summarize(fn *types.Func) *Handover {
	decl := h.decls[fn]
	sig := fn.Signature()
	s := &Handover{Acquires: make(map[string]bool), Uncertain: make(map[string]bool), Releases: make(map[string]bool)}
	g := h.cfg(decl)
	if g == nil || !h.touches(h.bodies.of(decl.Body)) {
		return s // no call of it does anything to a mutex
	}
	evs, keys := h.NodeEvents(g)
	acquired := make(map[locks.Key]bool)
	for _, k := range keys {
		acquired[k] = true
	}
	deferred := make(map[locks.Key]bool)
	for _, call := range h.bodies.of(decl.Body).deferred {
		for _, ev := range h.Events(call) {
			if !ev.Acquire && !ev.Try {
				deferred[ev.Key] = true
				if !acquired[ev.Key] {
					keys = append(keys, ev.Key)
				}
			}
		}
	}
	for _, list := range evs {
		for _, ev := range list {
			if !ev.Acquire && !acquired[ev.Key] && !deferred[ev.Key] {
				acquired[ev.Key] = true // only to list it once
				keys = append(keys, ev.Key)
			}
		}
	}
	for _, k := range keys {
		subj, ok := locks.SubjectOf(k.Ref, sig)
		if !ok {
			continue
		}
		key := locks.EncodeKey(subj, k.Mode)
		if deferred[k] {
			// Released at every return: either the caller's lock (defer
			// s.mu.Unlock() first thing) or one taken here.
			if FirstAcquire(evs, k) < 0 && !Tried(evs, k) {
				s.Releases[key] = true
			}
			continue
		}
		if Tried(evs, k) {
			s.Uncertain[key] = true
			continue
		}
		switch p := Paths(h.info, g, k, evs, nil, nil); {
		case p.ReleasesEntry && p.AllFree:
			s.Releases[key] = true
		case p.ReleasesEntry && p.MustHold:
			// Unlocks the caller's lock and takes it again.
		case p.ReleasesEntry, p.MustHold:
			if p.ReleasesEntry {
				s.Uncertain[key] = true
			} else {
				s.Acquires[key] = true
			}
		case len(p.Leaks) > 0:
			s.Uncertain[key] = true
		}
	}
	return s
}

// touches reports whether some call of l has an event: the calls of the
// body's live nodes, which NodeEvents lists, are among l.calls.
func (h *Handovers) touches(l *callList) bool {
	for _, calls := range [][]*ast.CallExpr{l.calls, l.deferred} {
		for _, call := range calls {
			if len(h.Events(call)) > 0 {
				return true
			}
		}
	}
	return false
}

// A Failure is the test of a conditional hand-over's error result: on the
// branch where the error is not nil, the helper has released the lock.
type Failure struct {
	Call   *ast.CallExpr // the helper's call
	OnTrue bool          // the condition is true when the call failed (err != nil)
}

// NodeEvents returns the events of each live node of g, and the mutexes
// acquired, in source order.
func (h *Handovers) NodeEvents(g *cfg.CFG) (map[ast.Node][]Event, []locks.Key) {
	evs := make(map[ast.Node][]Event)
	var keys []locks.Key
	seen := make(map[locks.Key]bool)
	for _, b := range g.Blocks {
		if !b.Live {
			continue
		}
		for _, n := range b.Nodes {
			funcs.Calls(n, func(call *ast.CallExpr) {
				for _, ev := range h.Events(call) {
					evs[n] = append(evs[n], ev)
					if (ev.Acquire || ev.Try) && !seen[ev.Key] {
						seen[ev.Key] = true
						keys = append(keys, ev.Key)
					}
				}
			})
		}
	}
	sort.Slice(keys, func(i, j int) bool { return FirstAcquire(evs, keys[i]) < FirstAcquire(evs, keys[j]) })
	return evs, keys
}

// Tried reports whether some event of evs tries k (TryLock, or a helper
// that leaves it uncertain).
func Tried(evs map[ast.Node][]Event, k locks.Key) bool {
	for _, list := range evs {
		for _, ev := range list {
			if ev.Key == k && ev.Try {
				return true
			}
		}
	}
	return false
}

// A Leak is a return reached with the mutex held by the acquisitions set in held.
type Leak struct {
	Ret  *ast.ReturnStmt
	Held uint64
}

// PathsResult is what Paths finds about one mutex.
type PathsResult struct {
	Sites         []Event      // the acquisitions, numbered by their bit in Leak.Held
	Leaks         []Leak       // in source order
	ReleasesEntry bool         // some path unlocks it before locking it: the caller held it
	MustHold      bool         // every return holds it
	AllFree       bool         // every return has released it
	Relocked      map[int]bool // sites that some path reaches again while they hold the lock (a loop)
}

// Paths follows the paths of g and finds the returns reached with k held.
// defers holds the unlocks deferred at each defer statement (nil when
// deferred unlocks are judged otherwise): a return reached after one of
// them releases k, whatever the path did since. fails holds the tests of
// conditional hand-overs' errors (checkedHandovers): past a test, the
// branch where the call failed does not hold what it acquired.
func Paths(info *types.Info, g *cfg.CFG, k locks.Key, evs, defers map[ast.Node][]Event, fails map[ast.Node]Failure) PathsResult {
	var p PathsResult
	index := make(map[*ast.CallExpr]int)
	for _, b := range g.Blocks {
		for _, n := range b.Nodes {
			for _, ev := range evs[n] {
				if ev.Key == k && ev.Acquire {
					if _, ok := index[ev.Call]; !ok {
						index[ev.Call] = len(p.Sites)
						p.Sites = append(p.Sites, ev)
					}
				}
			}
		}
	}
	if len(p.Sites) > 61 {
		return PathsResult{}
	}
	const (
		entry    = 1 << 63 // nothing acquired yet on this path
		free     = 1 << 62 // released on this path
		deferred = 1 << 61 // an unlock deferred on this path runs at the return
	)
	transfer := func(b *cfg.Block, held uint64) uint64 {
		for _, n := range b.Nodes {
			for _, ev := range defers[n] {
				if ev.Key == k {
					held |= deferred
				}
			}
			for _, ev := range evs[n] {
				switch {
				case ev.Key != k:
				case ev.Acquire:
					if held&(1<<index[ev.Call]) != 0 {
						if p.Relocked == nil {
							p.Relocked = make(map[int]bool)
						}
						p.Relocked[index[ev.Call]] = true
					}
					held = held&deferred | 1<<index[ev.Call]
				default:
					if held&entry != 0 {
						p.ReleasesEntry = true
					}
					held = held&deferred | free
				}
			}
		}
		return held
	}

	// failedAt reports the site whose call failed on the edge from b to
	// succ: b ends in the test of that call's error, and succ is the
	// branch where it is not nil.
	failedAt := func(b, succ *cfg.Block) (int, bool) {
		if len(b.Nodes) == 0 || len(b.Succs) != 2 {
			return 0, false
		}
		f, ok := fails[b.Nodes[len(b.Nodes)-1]]
		if !ok {
			return 0, false
		}
		i, ok := index[f.Call]
		if !ok {
			return 0, false
		}
		if f.OnTrue == (succ == b.Succs[0]) {
			return i, true
		}
		return 0, false
	}
	in := map[*cfg.Block]uint64{g.Blocks[0]: entry}
	visited := map[*cfg.Block]bool{g.Blocks[0]: true}
	work := []*cfg.Block{g.Blocks[0]}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		out := transfer(b, in[b])
		for _, s := range liveSuccs(info, b) {
			out := out
			if i, ok := failedAt(b, s); ok && out&(1<<i) != 0 {
				out = out&^(1<<i) | free // the helper released it and failed
			}
			if !visited[s] || in[s]|out != in[s] {
				visited[s] = true
				in[s] |= out
				work = append(work, s)
			}
		}
	}
	p.MustHold, p.AllFree = true, true
	for _, b := range g.Blocks {
		if !b.Live {
			continue
		}
		if ret := b.Return(); ret != nil && visited[b] {
			held := transfer(b, in[b])
			if held&(entry|free) != 0 {
				p.MustHold = false
			}
			if held != free {
				p.AllFree = false
			}
			if held&deferred != 0 {
				continue // the deferred unlock releases it
			}
			if held &^= entry | free; held != 0 {
				p.Leaks = append(p.Leaks, Leak{ret, held})
			}
		}
	}
	p.MustHold = p.MustHold && len(p.Leaks) > 0
	sort.Slice(p.Leaks, func(i, j int) bool { return p.Leaks[i].Ret.Pos() < p.Leaks[j].Ret.Pos() })
	return p
}

// liveSuccs returns the successors of b that control can reach: both branches,
// unless b ends in a constant condition (if false { return }).
func liveSuccs(info *types.Info, b *cfg.Block) []*cfg.Block {
	if len(b.Succs) != 2 || len(b.Nodes) == 0 {
		return b.Succs
	}
	cond, ok := b.Nodes[len(b.Nodes)-1].(ast.Expr)
	if !ok {
		return b.Succs
	}
	if tv := info.Types[cond]; tv.Value != nil && tv.Value.Kind() == constant.Bool {
		if constant.BoolVal(tv.Value) {
			return b.Succs[:1]
		}
		return b.Succs[1:]
	}
	return b.Succs
}

// FirstAcquire returns the position of the first acquisition of k in evs,
// or -1.
func FirstAcquire(evs map[ast.Node][]Event, k locks.Key) int {
	min := -1
	for _, list := range evs {
		for _, ev := range list {
			if ev.Key == k && ev.Acquire && (min < 0 || int(ev.Call.Pos()) < min) {
				min = int(ev.Call.Pos())
			}
		}
	}
	return min
}
